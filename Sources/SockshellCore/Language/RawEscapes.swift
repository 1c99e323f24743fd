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

    /// The note for `raw` bytes with no blank line in them: a server reads a request's head up to
    /// its blank line (`\r\n\r\n`), so without one it waits (for more bytes or its own timeout)
    /// and the exchange seems to hang. Nil when the head ends (a bare `\n\n` counts: some servers
    /// take it, and the daemon's answer then says the rest).
    public static func unterminatedHeadNote(_ bytes: [UInt8]) -> String? {
        let ends: [[UInt8]] = [[13, 10, 13, 10], [10, 10]]
        if ends.contains(where: { end in bytes.indices.contains { bytes[$0...].starts(with: end) } }) { return nil }
        return
            """
            these bytes have no blank line (\\r\\n\\r\\n) to end the head: the daemon waits for the rest of it \
            (Ctrl-C stops waiting)
            """
    }
}
