/// Collects a response head (status line, header fields, blank line) or a chunked body's trailer
/// section (fields, blank line) from bytes that arrive in pieces, keeping the bytes as sent.
/// The grammar is RFC 9112's, strictly (Grammar.md): CRLF line endings (bare LF only when
/// lenient), the status line of §4, field lines of §5, obs-fold replaced by SP in a response and
/// refused in a request's trailers (§5.2).
struct FieldSectionReader: Sendable {
    enum Role: Sendable {
        case responseHead
        case responseTrailers
        case requestTrailers
    }

    let role: Role
    let limits: HTTPLimits
    let lenient: Bool
    /// Where the section's first byte lies in the whole message, for error positions.
    let offset: Int
    /// Every byte of the section so far, line endings included.
    private(set) var raw: [UInt8] = []
    private(set) var statusLine: ResponseStatusLine?
    private(set) var fields: HTTPFields = []
    /// Where each field's line (line ending and folded lines included) lies in `raw`, parallel to `fields`.
    private(set) var fieldLineRanges: [Range<Int>] = []
    /// Bare LFs accepted because the reader is lenient, in the order they came.
    private(set) var tolerated: [ProtocolViolation] = []
    /// True once the blank line that ends the section has been taken.
    private(set) var isComplete = false
    /// After a thrown error: where the offending bytes start in the whole message.
    private(set) var failureOffset = 0
    private var lineStart = 0

    init(role: Role, limits: HTTPLimits, lenient: Bool, offset: Int) {
        self.role = role
        self.limits = limits
        self.lenient = lenient
        self.offset = offset
    }

    private var isHead: Bool { role == .responseHead }
    private var sectionName: String { isHead ? "header" : "trailer" }

    /// Takes bytes from `input[index...]` up to the end of the section; returns the index after the
    /// last byte taken (`input.endIndex` unless the section completed).
    mutating func consume(_ input: ArraySlice<UInt8>, from index: Int) throws(MessageParseError) -> Int {
        var index = index
        while index < input.endIndex && !isComplete {
            if isHead && statusLine == nil {
                try checkStatusLinePrefix(input, from: index)
            }
            let outcome = LineCollector.collect(
                from: input, at: index, into: &raw, lineStart: lineStart,
                maxContent: limits.maxHeaderLineBytes, maxBuffer: limits.maxHeadBytes)
            switch outcome {
            case .complete(let next):
                index = next
                try takeLine()
                lineStart = raw.count
            case .incomplete:
                index = input.endIndex
            case .lineTooLong:
                let what = isHead && statusLine == nil ? "the status line" : "a \(sectionName) line"
                throw failure(
                    .headerLineTooLong,
                    "\(what) is longer than the limit of \(limits.maxHeaderLineBytes) bytes",
                    raw[lineStart...], input[index...])
            case .bufferFull:
                let what = isHead ? "the response head" : "the trailer section"
                throw failure(
                    .headSectionTooLarge, "\(what) is larger than the limit of \(limits.maxHeadBytes) bytes",
                    raw[lineStart...], input[index...])
            }
        }
        return index
    }

    /// The bytes of one field's line as sent, line ending included.
    func rawLine(ofField index: Int) -> ArraySlice<UInt8> {
        fieldLineRanges.indices.contains(index) ? raw[fieldLineRanges[index]] : []
    }

    /// Where one field's line starts in the whole message.
    func offset(ofField index: Int) -> Int {
        offset + (fieldLineRanges.indices.contains(index) ? fieldLineRanges[index].lowerBound : 0)
    }

    /// Rejects a first line that cannot become a status line as soon as its first bytes show it
    /// (an SSH banner, a TLS record), rather than after a line ending or a limit.
    private mutating func checkStatusLinePrefix(_ input: ArraySlice<UInt8>, from index: Int) throws(MessageParseError) {
        // Only bytes no limit can reject are judged here, so the error does not depend on how reads split.
        let checked = min(ResponseStatusLine.checkedPrefixLength, limits.maxHeaderLineBytes, limits.maxHeadBytes)
        guard raw.count - lineStart < checked else { return }
        let rest = input[index...].prefix(MessageParseError.maxOffendingBytes)
        let following = rest.firstIndex(of: ParserByte.lf).map { rest[...$0] } ?? rest
        var prefix = Array(raw[lineStart...])
        for byte in following.prefix(checked - prefix.count) {
            // The line ends here: what came before it is judged as when it was still arriving.
            if byte == ParserByte.lf { break }
            prefix.append(byte)
        }
        do throws(ProtocolViolation) {
            try ResponseStatusLine.checkPrefix(prefix[...])
        } catch {
            throw failure(.malformedStatusLine, error.shifted(by: offset + lineStart), raw[lineStart...], following)
        }
    }

    private mutating func takeLine() throws(MessageParseError) {
        let line = raw[lineStart...]
        let lineOffset = offset + lineStart
        let content: ArraySlice<UInt8>
        do throws(ProtocolViolation) {
            content = try LineEnding.content(of: line, at: lineOffset, lenient: lenient, tolerated: &tolerated)
        } catch {
            throw failure(.badLineEnding, error, line)
        }
        if isHead && statusLine == nil {
            do throws(ProtocolViolation) {
                if content.isEmpty { throw ProtocolViolation(.emptyLineBeforeStatusLine, at: 0) }
                statusLine = try ResponseStatusLine.parse(content)
            } catch {
                throw failure(.malformedStatusLine, error.shifted(by: lineOffset), line)
            }
            return
        }
        if content.isEmpty {
            isComplete = true
            return
        }
        if let first = content.first, ParserByte.isWhitespace(first) {
            do throws(ProtocolViolation) {
                try fold(content)
            } catch {
                throw failure(.malformedHeader, error.shifted(by: lineOffset), line)
            }
            return
        }
        if fields.count >= limits.maxHeaderCount {
            throw failure(
                .tooManyHeaders,
                """
                the \(isHead ? "response" : "trailer section") has more than \(limits.maxHeaderCount) \(sectionName) \
                fields
                """,
                line)
        }
        do throws(ProtocolViolation) {
            fields.append(try FieldLine.parse(content))
            fieldLineRanges.append(lineStart..<raw.count)
        } catch {
            throw failure(.malformedHeader, error.shifted(by: lineOffset), line)
        }
    }

    /// A line that starts with whitespace: refused first in a section (§2.2) and in a request
    /// (§5.2); in a response, obs-fold, which a user agent must replace with SP (§5.2).
    private mutating func fold(_ content: ArraySlice<UInt8>) throws(ProtocolViolation) {
        guard let last = fields.indices.last else {
            throw ProtocolViolation(
                isHead ? .whitespaceAfterStartLine : .fieldLine("a first trailer line that starts with whitespace"),
                at: 0)
        }
        if role == .requestTrailers { throw ProtocolViolation(.obsFold, at: 0) }
        let more = try FieldLine.value(content, lineStart: content.startIndex)
        if !more.isEmpty {
            fields[last].value += (fields[last].value.isEmpty ? "" : " ") + ParserByte.text(more)
        }
        fieldLineRanges[last] = fieldLineRanges[last].lowerBound..<raw.count
    }

    private mutating func failure(
        _ kind: MessageParseError.Kind, _ message: String,
        _ buffered: ArraySlice<UInt8>, _ following: ArraySlice<UInt8> = []
    ) -> MessageParseError {
        failureOffset = offset + lineStart
        return MessageParseError(
            kind: kind, message: message, offendingBytes: MessageParseError.offending(buffered, following))
    }

    private mutating func failure(
        _ kind: MessageParseError.Kind, _ violation: ProtocolViolation,
        _ buffered: ArraySlice<UInt8>, _ following: ArraySlice<UInt8> = []
    ) -> MessageParseError {
        var error = failure(kind, violation.sentence, buffered, following)
        error.violation = violation
        return error
    }
}
