/// Words for a POSIX shell: what `export curl` writes and the ssh command line the view shows.
public enum ShellWord {
    /// A word a POSIX shell reads back as exactly `bytes`: bare when safe, else in single quotes,
    /// else (control bytes, or bytes that are not UTF-8) as bash's `$'...'`.
    public static func quote(_ bytes: [UInt8]) -> String {
        if !bytes.isEmpty && bytes.allSatisfy(isBareSafe) {
            return String(decoding: bytes, as: UTF8.self)
        }
        let printable = bytes.allSatisfy { $0 >= 0x20 && $0 != 0x7F }
        if printable, String(validating: bytes, as: UTF8.self) != nil {
            var out = "'"
            for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
                if scalar == "'" { out += "'\\''" } else { out.unicodeScalars.append(scalar) }
            }
            return out + "'"
        }
        var out = "$'"
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): out += "\\\\"
            case UInt8(ascii: "'"): out += "\\'"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "\\x"
                Hex.append(byte, to: &out)
            }
        }
        return out + "'"
    }

    private static func isBareSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "%"), UInt8(ascii: "+"),
            UInt8(ascii: ","), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}
