/// Decides whether a body that opens a JSON object or array has been closed yet, so the shell
/// knows to read continuation lines. Brackets inside strings don't count.
public enum JSONBalance {
    /// True when the text starts with `{` or `[` and more brackets are open than closed.
    public static func isUnclosed(_ text: String) -> Bool {
        openDepth(text) > 0
    }

    /// How many brackets are still open at the end (0 when balanced or not JSON-shaped).
    public static func openDepth(_ text: String) -> Int {
        let bytes = text.utf8
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        else { return 0 }
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                // More closers than openers: not ours to fix; send it and let the server say.
                if depth <= 0 { return 0 }
            default: break
            }
        }
        return inString && depth > 0 ? depth : max(depth, 0)
    }
}
