/// Bytes to and from the escaped text of `#>` and `#<` lines: readable where the bytes are text,
/// exact for every byte.
public enum TranscriptEscaping {
    /// The escaped lines for a run of bytes: one per LF-ended line, long lines cut every
    /// `TranscriptFormat.lineBytes` bytes (never inside a UTF-8 character).
    public static func lines(for bytes: ArraySlice<UInt8>) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        var taken = 0
        var index = bytes.startIndex
        func endLine() {
            // A space at the very end of a line would be lost to editors that trim; escape it.
            if current.last == 0x20 {
                current.removeLast()
                current += Array("\\x20".utf8)
            }
            lines.append(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
            taken = 0
        }
        while index < bytes.endIndex {
            let byte = bytes[index]
            let width = printableUTF8Width(bytes, at: index)
            if width > 1 {
                current.append(contentsOf: bytes[index..<index + width])
                index += width
                taken += width
            } else {
                appendEscaped(byte, to: &current)
                index += 1
                taken += 1
            }
            if byte == 0x0A || taken >= TranscriptFormat.lineBytes { endLine() }
        }
        if !current.isEmpty { endLine() }
        return lines
    }

    /// The bytes an escaped line stands for.
    public static func decode(_ text: Substring) throws(TranscriptEscapeError) -> [UInt8] {
        do throws(ByteEscapes.Problem) {
            return try ByteEscapes.decode(text)
        } catch {
            switch error {
            case .loneBackslash:
                throw TranscriptEscapeError("the line ends with a lone backslash (write \\\\ for a backslash byte)")
            case .badHex:
                throw TranscriptEscapeError("\\x must be followed by two hex digits, as in \\x00")
            case .unknown(let escape):
                throw TranscriptEscapeError(
                    """
                    unknown escape \\\(String(decoding: [escape], as: UTF8.self)) (the escapes are \\r \\n \\t \\\\ \
                    and \\xHH)
                    """
                )
            }
        }
    }

    private static func appendEscaped(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case 0x0D: out += [0x5C, UInt8(ascii: "r")]
        case 0x0A: out += [0x5C, UInt8(ascii: "n")]
        case 0x09: out += [0x5C, UInt8(ascii: "t")]
        case 0x5C: out += [0x5C, 0x5C]
        case 0x20...0x7E: out.append(byte)
        default:
            out += [0x5C, UInt8(ascii: "x")]
            Hex.append(byte, to: &out)
        }
    }

    /// The length of a well-formed, printable multi-byte UTF-8 character at `index`, or 1 when the
    /// byte must be escaped (ASCII is handled byte by byte). C1 controls, the line and paragraph
    /// separators and the byte-order mark are escaped, since viewers hide or act on them.
    private static func printableUTF8Width(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let width: Int
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF:
            width = 2
            scalar = UInt32(lead & 0x1F)
        case 0xE0...0xEF:
            width = 3
            scalar = UInt32(lead & 0x0F)
        case 0xF0...0xF4:
            width = 4
            scalar = UInt32(lead & 0x07)
        default: return 1
        }
        guard index + width <= bytes.endIndex else { return 1 }
        for offset in 1..<width {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return 1 }
            scalar = scalar << 6 | UInt32(next & 0x3F)
        }
        let minimum: UInt32 = width == 2 ? 0x80 : width == 3 ? 0x800 : 0x10000
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return 1 }
        if scalar < 0xA0 || scalar == 0x2028 || scalar == 0x2029 || scalar == 0xFEFF { return 1 }
        return width
    }
}

public struct TranscriptEscapeError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
