/// The one JSON string escaper (RFC 8259 §7): `"` `\` and the short escapes (`\n \r \t \b \f`),
/// other C0 controls and DEL as `\u00XX`; everything else as itself.
public enum JSONStringEscaping {
    /// `text` escaped for the inside of a JSON string, without the quotes.
    public static func escaped(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }

    /// `text` as a quoted JSON string.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        append(text, to: &out)
        out.append("\"")
        return out
    }

    /// Appends `text` escaped, without quotes.
    public static func append(_ text: String, to out: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            case "\u{00}"..."\u{1F}", "\u{7F}":
                out.append("\\u00")
                Hex.append(UInt8(scalar.value), to: &out)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
    }
}
