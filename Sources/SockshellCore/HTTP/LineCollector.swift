/// Gathers one LF-terminated line from bytes that arrive in pieces; whether its ending is the
/// CRLF that RFC 9112 requires is LineEnding's to judge, once the line is complete.
///
/// Limits are checked before anything is buffered, so a line that never ends is rejected as soon
/// as it is too long instead of being held until a line ending that may never come.
enum LineCollector {
    /// Where the line being collected stands after some input.
    enum LineStatus: Equatable {
        /// The line, line ending included, now ends `buffer`; input was taken up to `next`.
        case complete(next: Int)
        /// All the input was taken and the line goes on in later bytes.
        case incomplete
        /// The line's content (without its line ending) is longer than `maxContent`; nothing was taken.
        case lineTooLong
        /// `buffer` would grow past `maxBuffer` bytes; nothing was taken.
        case bufferFull
    }

    /// Appends bytes from `input[index...]` to `buffer` up to and including the first LF.
    ///
    /// A limit is judged at the first byte that breaks it, so the outcome does not depend on how
    /// the input was split into reads: a line breaks `maxContent` at its first content byte past
    /// the limit (a CR there is allowed if an LF follows it), the buffer at its first byte past
    /// `maxBuffer`; if one byte breaks both, the line is reported.
    /// - Parameters:
    ///   - lineStart: where the current line begins in `buffer` (earlier bytes are earlier lines).
    ///   - maxContent: the longest line allowed, not counting CR LF.
    ///   - maxBuffer: the most bytes `buffer` may hold in all.
    static func collect(
        from input: ArraySlice<UInt8>, at index: Int, into buffer: inout [UInt8],
        lineStart: Int, maxContent: Int, maxBuffer: Int
    ) -> LineStatus {
        let maxContent = max(0, maxContent)
        let soFar = buffer.count - lineStart
        let available = input.endIndex - index
        // The line may still take this many bytes, counting a CR LF ending.
        let lineRoom = max(0, ParserByte.saturatingAdd(maxContent, 2) - soFar)
        let bufferRoom = max(0, maxBuffer - buffer.count)
        let searchEnd = index + min(available, lineRoom, bufferRoom)

        if let lf = input[index..<searchEnd].firstIndex(of: ParserByte.lf) {
            let endsWithCR = lf > index ? input[lf - 1] == ParserByte.cr : (soFar > 0 && buffer.last == ParserByte.cr)
            let contentLength = soFar + (lf - index) - (endsWithCR ? 1 : 0)
            // Cannot happen given the search window; kept so a logic slip fails safe.
            if contentLength > maxContent { return .lineTooLong }
            buffer.append(contentsOf: input[index...lf])
            return .complete(next: lf + 1)
        }

        // No LF within reach: find the first byte (offset from `index`) that breaks a limit.
        var lineBreak: Int?
        let firstPastLimit = maxContent - soFar  // offset of the line's byte number maxContent + 1
        if firstPastLimit < 0 {
            lineBreak = firstPastLimit + 1  // that byte was a CR, already taken: an LF must follow now
        } else if firstPastLimit < available {
            let byte = input[index + firstPastLimit]
            if byte == ParserByte.cr {
                lineBreak = firstPastLimit + 1
            } else if byte != ParserByte.lf {
                lineBreak = firstPastLimit
            }
        }
        if let offset = lineBreak, offset >= available || input[index + offset] == ParserByte.lf {
            lineBreak = nil
        }
        let bufferBreak = bufferRoom < available ? bufferRoom : nil
        switch (lineBreak, bufferBreak) {
        case (let line?, let buffer?):
            return line <= buffer ? .lineTooLong : .bufferFull
        case (.some, nil):
            return .lineTooLong
        case (nil, .some):
            return .bufferFull
        case (nil, nil):
            buffer.append(contentsOf: input[index...])
            return .incomplete
        }
    }
}
