extension HeaderField {
    /// Parses `Name: value`, the form of both `-H` and `header`.
    public init(typed text: String) throws(CommandSyntaxError) {
        guard let colon = text.firstIndex(of: ":") else {
            throw CommandSyntaxError(
                "bad header '\(text)': write it as Name: value, e.g. Content-Type: application/json")
        }
        let name = String(text[..<colon])
        let value = text[text.index(after: colon)...].trimmingWhitespace()
        guard HTTPToken.isToken(name) else {
            throw CommandSyntaxError(
                "bad header name '\(name)': a header name is a token with no spaces, e.g. Content-Type")
        }
        if value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) {
            throw CommandSyntaxError(
                """
                bad header value for \(name): it may not contain line breaks or NUL; use raw to send such bytes on \
                purpose
                """
            )
        }
        self.init(name: name, value: value)
    }
}
