/// The backslash escapes that write any byte on one line of text, shared by `raw` and by the
/// `#>`/`#<` lines of a recording: `\r` `\n` `\t` `\0` `\\` and `\xHH`; every other character
/// stands for its UTF-8 bytes. Each caller words the problems for its own context.
enum ByteEscapes {
    enum Problem: Error, Equatable {
        case loneBackslash
        case badHex
        case unknown(UInt8)
    }

    static func decode(_ text: some StringProtocol) throws(Problem) -> [UInt8] {
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
            guard index < input.count else { throw .loneBackslash }
            let escape = input[index]
            index += 1
            switch escape {
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "0"): output.append(0)
            case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "x"):
                guard index + 2 <= input.count, let high = Hex.value(of: input[index]),
                    let low = Hex.value(of: input[index + 1])
                else {
                    throw .badHex
                }
                output.append(UInt8(high << 4 | low))
                index += 2
            default:
                throw .unknown(escape)
            }
        }
        return output
    }
}
