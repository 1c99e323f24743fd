/// The line that starts each chunk, judged by RFC 9112 §7.1 exactly:
///
///     chunk-size [ chunk-ext ] CRLF        chunk-size = 1*HEXDIG
///     chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
///     chunk-ext-name = token               chunk-ext-val = token / quoted-string
///
/// so whitespace is allowed only around `;` and `=`, never at the end of the line, and every `;`
/// is followed by a name. Offsets in violations count from the line's first byte.
///
/// The line is judged as it arrives, each byte once (`take`), so a body that is not chunked after
/// all is reported at its first wrong byte, and the size and extensions are known at the LF with
/// no second pass.
struct ChunkSizeLine: Sendable {
    private enum State: Sendable {
        case start, size, afterSize, semicolon, name, afterName, equals, token, quoted, escape, afterQuoted, afterValue
    }

    /// What a byte did to the line.
    enum Step: Sendable, Equatable {
        /// The line goes on.
        case more
        /// The byte was the LF that ends the line; `bareLF` when no CR came before it.
        case end(bareLF: Bool)
    }

    /// Why the line cannot be a chunk-size line.
    enum Failure: Error, Sendable {
        case violation(ProtocolViolation)
        /// Its content is longer than the limit (judged at the first byte past it, as `LineCollector` does).
        case tooLong
    }

    private var state = State.start
    /// Bytes taken so far, the line ending included once it came.
    private(set) var count = 0
    private(set) var size = 0
    /// Where the bytes after the first `;` start, if there is one.
    private(set) var extensionStart: Int?
    private var whitespaceStart = 0
    private var lastSemicolon = 0
    /// The last byte was a CR: judged by the byte after it (an LF ends the line, anything else is a bare CR).
    private var pendingCR = false
    /// A CR just inside the limit followed by another: refused as bare if the line then ends.
    private var strayCR: Int?

    /// Takes the line's next byte; `limit` is the longest content allowed (without CR LF).
    mutating func take(_ byte: UInt8, limit: Int) throws(Failure) -> Step {
        let at = count
        if pendingCR {
            if byte == ParserByte.lf {
                count += 1
                if let strayCR { throw .violation(ProtocolViolation(.bareCR, at: strayCR)) }
                return .end(bareLF: false)
            }
            if byte == ParserByte.cr && at == limit {
                // The content may still fit if an LF follows this CR: then the CR before it is a bare one.
                strayCR = at - 1
                count += 1
                return .more
            }
            // A CR at the limit may still be the line ending: past it, the line is too long.
            if at >= limit { throw .tooLong }
            throw .violation(ProtocolViolation(.bareCR, at: at - 1))
        }
        if byte == ParserByte.lf {
            count += 1
            return .end(bareLF: true)
        }
        if byte == ParserByte.cr {
            pendingCR = true
            count += 1
            return .more
        }
        if at >= limit { throw .tooLong }
        do throws(ProtocolViolation) {
            try judge(byte, at: at)
        } catch {
            throw .violation(error)
        }
        count += 1
        return .more
    }

    /// Once the line has ended: the content's length (line ending excluded) and whether it is a
    /// whole chunk-size line; throws what the end shows (trailing whitespace, an empty extension).
    func finish() throws(ProtocolViolation) -> Int {
        let contentLength = count - (pendingCR ? 2 : 1)
        switch state {
        case .size, .name, .token, .afterQuoted:
            return contentLength
        case .start:
            throw ProtocolViolation(.chunkSize("an empty chunk-size line"), at: 0)
        case .afterSize, .afterName, .afterValue:
            throw ProtocolViolation(.chunkLineWhitespace, at: whitespaceStart)
        case .semicolon:
            throw ProtocolViolation(.chunkExtension("an empty extension after ;"), at: lastSemicolon)
        case .equals:
            throw ProtocolViolation(.chunkExtension("an empty extension value after ="), at: contentLength)
        case .quoted, .escape:
            throw ProtocolViolation(.chunkExtension("a quoted value with no closing quote"), at: contentLength)
        }
    }

    /// The extensions after the first `;`, trimmed, e.g. `name=value;other`; empty if none.
    func extensions(in line: [UInt8], contentLength: Int) -> String {
        guard let extensionStart else { return "" }
        return ParserByte.text(ParserByte.trimmingWhitespace(line[extensionStart..<contentLength]))
    }

    /// One content byte (not CR or LF) at offset `at` of the line.
    private mutating func judge(_ byte: UInt8, at: Int) throws(ProtocolViolation) {
        func wrong(_ problem: String) -> ProtocolViolation { ProtocolViolation(.chunkExtension(problem), at: at) }
        let isSpace = ParserByte.isWhitespace(byte)
        let isToken = HTTPToken.isTokenByte(byte)
        if byte == ParserByte.semicolon, state != .start, state != .quoted, state != .escape, state != .equals {
            if state == .semicolon { throw wrong("an empty extension after ;") }
            if extensionStart == nil { extensionStart = at + 1 }
            lastSemicolon = at
            state = .semicolon
            return
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
            } else if !Self.isQuotedText(byte) {
                throw wrong("a control character in a quoted value")
            }
        case .escape:
            guard Self.isQuotedText(byte) || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
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

    /// qdtext and quoted-pair's second byte (RFC 9110 §5.6.4): HTAB, SP, visible characters, obs-text.
    private static func isQuotedText(_ byte: UInt8) -> Bool {
        byte == ParserByte.tab
            || (byte >= 0x20 && byte != 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\"))
    }
}
