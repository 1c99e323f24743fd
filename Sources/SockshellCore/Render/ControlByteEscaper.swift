/// Rewrites the bytes that would control a terminal (`TerminalBytes`) in the wire view's notation,
/// `⟨1b⟩` (`\x1b` with --ascii), and passes every other byte as it is. Bytes that are not UTF-8
/// are written the same way (a Latin-1 terminal reads a lone 9b as CSI), so what comes out is
/// always UTF-8 text that can only print.
///
/// Fed in pieces, it writes the same output whatever the pieces' boundaries: a CR waits for the
/// byte after it, a UTF-8 character cut by a read waits for its rest; `finish` lets them go.
public struct ControlByteEscaper: Sendable {
    /// `\x1b` instead of `⟨1b⟩`.
    public let ascii: Bool
    /// A CR whose next byte has not arrived, or the first bytes of a cut UTF-8 character.
    private var held: [UInt8] = []

    public init(ascii: Bool = false) {
        self.ascii = ascii
    }

    /// Appends `bytes` to `out` with control bytes escaped.
    public mutating func append(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        if !held.isEmpty {
            let joined = held + bytes
            held = []
            append(joined[...], into: &out)
            return
        }
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            while index < count {
                // Copy the longest run of plain text in one go: per-byte appends would cap a
                // large body's throughput.
                var runEnd = index
                while runEnd < count {
                    let byte = buffer[runEnd]
                    if (byte >= 0x20 && byte < 0x7F) || byte == 0x0A || byte == 0x09 { runEnd += 1 } else { break }
                }
                if runEnd > index {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<runEnd]))
                    index = runEnd
                    continue
                }
                let byte = buffer[index]
                if byte == 0x0D {
                    guard index + 1 < count else {
                        held = [byte]
                        return
                    }
                    if buffer[index + 1] == 0x0A {
                        out.append(byte)
                    } else {
                        Self.appendNotation(byte, ascii: ascii, into: &out)
                    }
                    index += 1
                } else if byte < 0x80 {
                    Self.appendNotation(byte, ascii: ascii, into: &out)
                    index += 1
                } else if let length = UTF8Validity.sequenceLength(buffer, at: index) {
                    if TerminalBytes.isC1(lead: byte, next: buffer[index + 1]) {
                        Self.appendNotation(byte, ascii: ascii, into: &out)
                        Self.appendNotation(buffer[index + 1], ascii: ascii, into: &out)
                    } else {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<index + length]))
                    }
                    index += length
                } else if UTF8Validity.isCutShort(buffer, at: index) {
                    held = Array(buffer[index...])
                    return
                } else {
                    Self.appendNotation(byte, ascii: ascii, into: &out)
                    index += 1
                }
            }
        }
    }

    public mutating func append(_ bytes: [UInt8], into out: inout [UInt8]) {
        append(bytes[...], into: &out)
    }

    /// The input ended: a CR held for its LF is a lone CR, a character held for its rest never
    /// completed; both are written escaped.
    public mutating func finish(into out: inout [UInt8]) {
        for byte in held { Self.appendNotation(byte, ascii: ascii, into: &out) }
        held = []
    }

    /// `bytes` escaped, as a whole.
    public static func escaped(_ bytes: some Collection<UInt8>, ascii: Bool = false) -> [UInt8] {
        var escaper = ControlByteEscaper(ascii: ascii)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        escaper.append(Array(bytes)[...], into: &out)
        escaper.finish(into: &out)
        return out
    }

    /// `text` escaped, as a whole: what a sentence quoting server bytes is shown as on a terminal.
    public static func escaped(_ text: String, ascii: Bool = false) -> String {
        // Most text (our own sentences) has nothing to escape: keep it without copying.
        guard text.utf8.contains(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 || $0 == 0x7F || $0 == 0xC2 }) else {
            return text
        }
        return String(decoding: escaped(Array(text.utf8), ascii: ascii), as: UTF8.self)
    }

    /// The one notation for a byte that is not shown as itself, shared with the wire view.
    static func appendNotation(_ byte: UInt8, ascii: Bool, into out: inout [UInt8]) {
        if ascii {
            out.append(contentsOf: asciiPrefix)
            Hex.append(byte, to: &out)
        } else {
            out.append(contentsOf: openingBracket)
            Hex.append(byte, to: &out)
            out.append(contentsOf: closingBracket)
        }
    }

    private static let asciiPrefix: [UInt8] = Array("\\x".utf8)
    private static let openingBracket: [UInt8] = Array("⟨".utf8)
    private static let closingBracket: [UInt8] = Array("⟩".utf8)
}
