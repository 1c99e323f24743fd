/// Decodes the escapes of the `raw` command, so any byte can be typed on one line.
public enum RawEscapes {
    /// `\r` `\n` `\t` `\\` `\0` and `\xHH`; every other character stands for its UTF-8 bytes.
    public static func decode(_ text: String) throws(CommandSyntaxError) -> [UInt8] {
        if text.isEmpty {
            throw CommandSyntaxError("raw needs the request bytes, e.g. raw GET /_ping HTTP/1.1\\r\\n\\r\\n (write \\r\\n for line ends)")
        }
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            index += 1
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                continue
            }
            guard index < input.count else {
                throw CommandSyntaxError("raw ends with a lone backslash: write \\\\ for a backslash byte")
            }
            let escape = input[index]
            index += 1
            switch escape {
            case UInt8(ascii: "r"): output.append(13)
            case UInt8(ascii: "n"): output.append(10)
            case UInt8(ascii: "t"): output.append(9)
            case UInt8(ascii: "0"): output.append(0)
            case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "x"):
                guard index + 2 <= input.count,
                    let high = hexValue(input[index]), let low = hexValue(input[index + 1])
                else {
                    throw CommandSyntaxError("raw has a bad \\x escape: write exactly two hex digits, as in \\x1b")
                }
                output.append(high << 4 | low)
                index += 2
            default:
                throw CommandSyntaxError("raw has an unknown escape \\\(Unicode.Scalar(escape)): use \\r \\n \\t \\0 \\\\ or \\xHH")
            }
        }
        return output
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
