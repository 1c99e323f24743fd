/// One `field-name ":" OWS field-value OWS` line of a header or trailer section (RFC 9112 §5),
/// given without its line ending (no CR in it). Offsets in violations count from the line's first byte.
enum FieldLine {
    /// Parses a field line that does not start with whitespace (the caller decides what a folded
    /// line means where it is).
    static func parse(_ line: ArraySlice<UInt8>) throws(ProtocolViolation) -> HeaderField {
        guard let colon = line.firstIndex(of: ParserByte.colon) else {
            throw ProtocolViolation(.fieldLine("no colon after the field name"), at: line.count)
        }
        let name = line[line.startIndex..<colon]
        if name.isEmpty {
            throw ProtocolViolation(.fieldLine("an empty field name"), at: 0)
        }
        if let firstSpace = name.firstIndex(where: ParserByte.isWhitespace),
            name[firstSpace...].allSatisfy(ParserByte.isWhitespace)
        {
            throw ProtocolViolation(.whitespaceBeforeColon, at: firstSpace - line.startIndex)
        }
        if let bad = name.firstIndex(where: { !HTTPToken.isTokenByte($0) }) {
            throw ProtocolViolation(
                .fieldLine("a field name with a character a token cannot hold"), at: bad - line.startIndex)
        }
        let value = try Self.value(line[(colon + 1)...], lineStart: line.startIndex)
        return HeaderField(name: ParserByte.text(name), value: ParserByte.text(value))
    }

    /// A field value without the OWS around it; refuses control characters (RFC 9110 §5.5).
    static func value(_ bytes: ArraySlice<UInt8>, lineStart: Int) throws(ProtocolViolation) -> ArraySlice<UInt8> {
        if let bad = bytes.firstIndex(where: { $0 != ParserByte.tab && ($0 < 0x20 || $0 == 0x7F) }) {
            throw ProtocolViolation(.fieldValueControl, at: bad - lineStart)
        }
        return ParserByte.trimmingWhitespace(bytes)
    }
}
