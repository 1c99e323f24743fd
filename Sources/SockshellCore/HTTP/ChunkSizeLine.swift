/// The line that starts each chunk, judged by RFC 9112 §7.1 exactly:
///
///     chunk-size [ chunk-ext ] CRLF        chunk-size = 1*HEXDIG
///     chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
///     chunk-ext-name = token               chunk-ext-val = token / quoted-string
///
/// so whitespace is allowed only around `;` and `=`, never at the end of the line, and every `;`
/// is followed by a name. Offsets in violations count from the line's first byte.
struct ChunkSizeLine: Sendable, Equatable {
    var size: Int
    /// The extensions after the first `;`, trimmed, e.g. `name=value;other`; empty if none.
    var extensions: String

    /// Parses a complete chunk-size line given without its line ending (no CR in it).
    static func parse(_ line: ArraySlice<UInt8>) throws(ProtocolViolation) -> ChunkSizeLine {
        let (size, extensionStart) = try scan(line, isComplete: true)
        guard let extensionStart else { return ChunkSizeLine(size: size, extensions: "") }
        return ChunkSizeLine(size: size, extensions: ParserByte.text(ParserByte.trimmingWhitespace(line[extensionStart...])))
    }

    /// Checks a chunk-size line that is still arriving, so a body that is not chunked after all
    /// is reported at its first wrong byte rather than after the line limit. A CR at the very end
    /// may start the line ending and is not judged.
    static func checkPrefix(_ partial: ArraySlice<UInt8>) throws(ProtocolViolation) {
        _ = try scan(partial, isComplete: false)
    }

    private enum State {
        case start, size, afterSize, semicolon, name, afterName, equals, token, quoted, escape, afterQuoted, afterValue
    }

    /// The size, and where the bytes after the first `;` start if there is one.
    private static func scan(_ line: ArraySlice<UInt8>, isComplete: Bool) throws(ProtocolViolation) -> (Int, Int?) {
        var state = State.start
        var size = 0
        var extensionStart: Int?
        var whitespaceStart = 0
        var lastSemicolon = 0
        for index in line.indices {
            let byte = line[index]
            let at = index - line.startIndex
            func wrong(_ problem: String) -> ProtocolViolation { ProtocolViolation(.chunkExtension(problem), at: at) }
            if byte == ParserByte.cr {
                if !isComplete && index == line.endIndex - 1 { break }
                throw ProtocolViolation(.bareCR, at: at)
            }
            let isSpace = ParserByte.isWhitespace(byte)
            let isToken = HTTPToken.isTokenByte(byte)
            if byte == ParserByte.semicolon, state != .start, state != .quoted, state != .escape, state != .equals {
                if state == .semicolon { throw wrong("an empty extension after ;") }
                if extensionStart == nil { extensionStart = index + 1 }
                lastSemicolon = at
                state = .semicolon
                continue
            }
            switch state {
            case .start:
                guard let digit = ParserByte.hexValue(byte) else {
                    throw ProtocolViolation(.chunkSize("it does not start with a hexadecimal digit"), at: at)
                }
                size = digit
                state = .size
            case .size:
                if let digit = ParserByte.hexValue(byte) {
                    let (times16, overflow1) = size.multipliedReportingOverflow(by: 16)
                    let (sum, overflow2) = times16.addingReportingOverflow(digit)
                    if overflow1 || overflow2 {
                        throw ProtocolViolation(.chunkSize("larger than \(Int.max) bytes, no real chunk"), at: 0)
                    }
                    size = sum
                } else if isSpace {
                    whitespaceStart = at
                    state = .afterSize
                } else {
                    throw wrong("something other than ; after the size")
                }
            case .afterSize:
                if !isSpace { throw wrong("something other than ; after the size") }
            case .semicolon:
                if isToken {
                    state = .name
                } else if !isSpace {
                    throw wrong("an extension name that is not a token")
                }
            case .name:
                if byte == UInt8(ascii: "=") {
                    state = .equals
                } else if isSpace {
                    whitespaceStart = at
                    state = .afterName
                } else if !isToken {
                    throw wrong("an extension name that is not a token")
                }
            case .afterName:
                if byte == UInt8(ascii: "=") {
                    state = .equals
                } else if !isSpace {
                    throw wrong("something other than = or ; after an extension name")
                }
            case .equals:
                if byte == ParserByte.semicolon {
                    throw wrong("an empty extension value after =")
                } else if byte == UInt8(ascii: "\"") {
                    state = .quoted
                } else if isToken {
                    state = .token
                } else if !isSpace {
                    throw wrong("an extension value that is neither a token nor a quoted-string")
                }
            case .token:
                if isSpace {
                    whitespaceStart = at
                    state = .afterValue
                } else if !isToken {
                    throw wrong("an extension value that is neither a token nor a quoted-string")
                }
            case .quoted:
                if byte == UInt8(ascii: "\"") {
                    state = .afterQuoted
                } else if byte == UInt8(ascii: "\\") {
                    state = .escape
                } else if !isQuotedText(byte) {
                    throw wrong("a control character in a quoted value")
                }
            case .escape:
                guard isQuotedText(byte) || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                    throw wrong("a control character in a quoted value")
                }
                state = .quoted
            case .afterQuoted:
                guard isSpace else { throw wrong("something other than ; after a quoted value") }
                whitespaceStart = at
                state = .afterValue
            case .afterValue:
                if !isSpace { throw wrong("something other than ; after an extension value") }
            }
        }
        guard isComplete else { return (size, extensionStart) }
        switch state {
        case .size, .name, .token, .afterQuoted:
            return (size, extensionStart)
        case .start:
            throw ProtocolViolation(.chunkSize("an empty chunk-size line"), at: 0)
        case .afterSize, .afterName, .afterValue:
            throw ProtocolViolation(.chunkLineWhitespace, at: whitespaceStart)
        case .semicolon:
            throw ProtocolViolation(.chunkExtension("an empty extension after ;"), at: lastSemicolon)
        case .equals:
            throw ProtocolViolation(.chunkExtension("an empty extension value after ="), at: line.count)
        case .quoted, .escape:
            throw ProtocolViolation(.chunkExtension("a quoted value with no closing quote"), at: line.count)
        }
    }

    /// qdtext and quoted-pair's second byte (RFC 9110 §5.6.4): HTAB, SP, visible characters, obs-text.
    private static func isQuotedText(_ byte: UInt8) -> Bool {
        byte == ParserByte.tab || (byte >= 0x20 && byte != 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\"))
    }
}
