/// The forgiving split of a message head written for display and editing (the wire view's JSON
/// lines, HAR export, masking, `edit`, Content-Length fixing, the test servers): unlike
/// `HTTPMessageReader` it never refuses anything, since what it shows may be what a server
/// refused. A line ends at LF, a CR before the LF is not part of it, empty lines before the start
/// line are skipped (RFC 9112 §2.2 lets a server do so), and the first empty line after it ends
/// the head.
public struct MessageHead: Sendable, Equatable {
    /// The head's lines without their line endings, the start line first; the last may be a
    /// line that never ended (then `bodyStart` is nil).
    public var lines: [Range<Int>]
    /// The blank line that ends the head, its line ending included; nil without one.
    public var blankLine: Range<Int>?
    /// Where the lines that ended end: after the last line's LF (the blank line's start in a
    /// complete head).
    public var linesEnd: Int

    /// Where the body starts: after the blank line; nil when the head has none.
    public var bodyStart: Int? { blankLine?.upperBound }

    /// The start line, if there is one.
    public var startLine: Range<Int>? { lines.first }

    /// The lines after the start line (fields, and obs-fold lines as they are), complete ones only.
    public var fieldLines: ArraySlice<Range<Int>> {
        let complete = lines.last.map { $0.upperBound <= linesEnd } ?? true
        return lines.dropFirst().dropLast(complete ? 0 : 1)
    }

    /// Splits `bytes` (a request or response as sent, or its start) into its head's lines.
    public static func split(_ bytes: [UInt8]) -> MessageHead {
        var lines: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: ParserByte.lf) else {
                lines.append(start..<bytes.count)
                return MessageHead(lines: lines, blankLine: nil, linesEnd: start)
            }
            let end = newline > start && bytes[newline - 1] == ParserByte.cr ? newline - 1 : newline
            if end == start {
                if !lines.isEmpty {
                    return MessageHead(lines: lines, blankLine: start..<(newline + 1), linesEnd: start)
                }
            } else {
                lines.append(start..<end)
            }
            start = newline + 1
        }
        return MessageHead(lines: lines, blankLine: nil, linesEnd: start)
    }

    /// Text of one of the lines (or any range of `bytes`), invalid UTF-8 shown as U+FFFD.
    public static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        ParserByte.text(bytes[range])
    }
}
