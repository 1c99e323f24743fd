/// Decodes the escapes of the `raw` command, so any byte can be typed on one line.
public enum RawEscapes {
    /// `\r` `\n` `\t` `\\` `\0` and `\xHH`; every other character stands for its UTF-8 bytes.
    public static func decode(_ text: String) throws(CommandSyntaxError) -> [UInt8] {
        if text.isEmpty {
            throw CommandSyntaxError(
                "raw needs the request bytes, e.g. raw GET /_ping HTTP/1.1\\r\\n\\r\\n (write \\r\\n for line ends)")
        }
        do throws(ByteEscapes.Problem) {
            return try ByteEscapes.decode(text)
        } catch {
            switch error {
            case .loneBackslash:
                throw CommandSyntaxError("raw ends with a lone backslash: write \\\\ for a backslash byte")
            case .badHex:
                throw CommandSyntaxError("raw has a bad \\x escape: write exactly two hex digits, as in \\x1b")
            case .unknown(let escape):
                throw CommandSyntaxError(
                    "raw has an unknown escape \\\(Unicode.Scalar(escape)): use \\r \\n \\t \\0 \\\\ or \\xHH")
            }
        }
    }
}
