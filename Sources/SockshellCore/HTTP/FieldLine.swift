/// One `name: value` line of a header or trailer section (RFC 9112 §5).
enum FieldLine {
    /// Parses a complete field line given without its line ending.
    static func parse(_ line: ArraySlice<UInt8>, section: String) throws(LineProblem) -> HeaderField {
        if let first = line.first, ParserByte.isWhitespace(first) {
            throw LineProblem(message: "a \(section) line starts with whitespace (obsolete line folding), which HTTP/1.1 forbids")
        }
        guard let colon = line.firstIndex(of: ParserByte.colon) else {
            throw LineProblem(message: "a \(section) line has no colon between a field name and a value")
        }
        let name = line[line.startIndex..<colon]
        if name.isEmpty {
            throw LineProblem(message: "a \(section) line has an empty field name before the colon")
        }
        if let last = name.last, ParserByte.isWhitespace(last) {
            throw LineProblem(message: "a \(section) field name is followed by whitespace before the colon, which HTTP/1.1 forbids")
        }
        if !name.allSatisfy(HTTPToken.isTokenByte) {
            throw LineProblem(message: "a \(section) field name contains a character that is not allowed in a field name")
        }
        let value = ParserByte.trimmingWhitespace(line[(colon + 1)...])
        // RFC 9110 §5.5: CR, LF and NUL are never valid in a field value.
        if value.contains(where: { $0 == 0 || $0 == ParserByte.cr }) {
            throw LineProblem(message: "the value of the \(section) field \(ParserByte.text(name)) contains a NUL or CR byte")
        }
        return HeaderField(name: ParserByte.text(name), value: ParserByte.text(value))
    }
}
