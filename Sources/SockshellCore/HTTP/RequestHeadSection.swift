/// The head of a request (request line, header fields, blank line) collected from bytes that
/// arrive in pieces, for `HTTPMessageReader`; the outcome does not depend on how the bytes were
/// split. The grammar is RFC 9112's, strictly (Grammar.md): CRLF line endings (bare LF only when
/// lenient, then named in `tolerated`), one empty line before the request-line ignored (§2.2),
/// no obs-fold (§5.2), exactly one Host (§3.2), and never both Transfer-Encoding and
/// Content-Length (§6.3): the gaps a smuggling request goes through.
///
/// Kept beside `FieldSectionReader` (the response head's and trailers') rather than inside it:
/// its limits are dockerd's (one line may fill the whole 1 MiB head), its method is judged while
/// the line still arrives, and its refusals are answered with a status, so it refuses in its own
/// order; both share the line, line-ending and field-line rules.
struct RequestHeadSection: Sendable {
    let lenient: Bool
    /// Every byte of the head so far, an ignored empty line before it included.
    private(set) var raw: [UInt8] = []
    /// Set once the blank line that ends the head has been taken.
    private(set) var head: RequestHead?
    /// After a thrown error: where the offending bytes start in the request.
    private(set) var failureOffset = 0
    private var lineStart = 0
    private var emptyLinesSkipped = 0
    private var requestLine: RequestLine?
    private var fields: HTTPFields = []
    /// Where each field's line starts in the request, parallel to `fields`.
    private var fieldOffsets: [Int] = []
    /// Bare LFs accepted so far because the reader is lenient (also in the head once complete).
    private(set) var tolerated: [ProtocolViolation] = []

    init(lenient: Bool) {
        self.lenient = lenient
    }

    var isComplete: Bool { head != nil }

    private static let headTooLarge =
        "the request head is larger than the limit of \(RequestLimits.maxHeadBytes) bytes (1 MiB, as dockerd allows)"

    /// Takes bytes from `input[index...]` up to the end of the head; returns the index after the
    /// last byte taken (`input.endIndex` unless the head completed).
    mutating func consume(_ input: ArraySlice<UInt8>, from start: Int) throws(MessageParseError) -> Int {
        var index = start
        while index < input.endIndex && head == nil {
            let outcome = LineCollector.collect(
                from: input, at: index, into: &raw, lineStart: lineStart,
                maxContent: RequestLimits.maxHeadBytes, maxBuffer: RequestLimits.maxHeadBytes)
            switch outcome {
            case .complete(let next):
                index = next
                do throws(ProtocolViolation) {
                    head = try take(raw[lineStart...])
                } catch {
                    throw failure(error)
                }
                if let head, case .contentLength(let length) = head.body, length > RequestLimits.maxBodyBytes {
                    throw failure(
                        .bodyTooLarge,
                        """
                        the request body of \(length) bytes is larger than the limit of \(RequestLimits.maxBodyBytes) \
                        bytes (64 MiB)
                        """
                    )
                }
                lineStart = raw.count
            case .incomplete:
                index = input.endIndex
                if requestLine == nil {
                    do throws(ProtocolViolation) {
                        try RequestLine.checkMethodPrefix(raw[lineStart...])
                    } catch {
                        throw failure(error.shifted(by: lineStart))
                    }
                }
            case .lineTooLong, .bufferFull:
                throw failure(.headSectionTooLarge, Self.headTooLarge)
            }
        }
        return index
    }

    /// One complete line, its line ending included; the head when it was the blank line ending it.
    private mutating func take(_ line: ArraySlice<UInt8>) throws(ProtocolViolation) -> RequestHead? {
        if requestLine == nil {
            // The method is judged first, as when the line was still arriving, so the error is
            // the same however the bytes were split.
            do throws(ProtocolViolation) {
                try RequestLine.checkMethodPrefix(line.last == ParserByte.lf ? line.dropLast() : line)
            } catch {
                throw error.shifted(by: lineStart)
            }
        }
        let content = try LineEnding.content(of: line, at: lineStart, lenient: lenient, tolerated: &tolerated)
        guard requestLine != nil else {
            if content.isEmpty {
                // RFC 9112 §2.2: a server should ignore at least one empty line before the request-line.
                emptyLinesSkipped += 1
                if emptyLinesSkipped > 1 { throw ProtocolViolation(.emptyLinesBeforeRequestLine, at: lineStart) }
                return nil
            }
            do throws(ProtocolViolation) {
                requestLine = try RequestLine.parse(content)
            } catch {
                throw error.shifted(by: lineStart)
            }
            return nil
        }
        if content.isEmpty { return try head(endingAt: lineStart) }
        if let first = content.first, ParserByte.isWhitespace(first) {
            throw ProtocolViolation(fields.isEmpty ? .whitespaceAfterStartLine : .obsFold, at: lineStart)
        }
        do throws(ProtocolViolation) {
            fields.append(try FieldLine.parse(content))
            fieldOffsets.append(lineStart)
        } catch {
            throw error.shifted(by: lineStart)
        }
        return nil
    }

    private func head(endingAt blankLine: Int) throws(ProtocolViolation) -> RequestHead {
        guard let line = requestLine else { throw ProtocolViolation(.requestLine("no request-line"), at: 0) }
        let isHTTP11 = line.minor >= 1
        let hosts = fields.indices.filter { fields[$0].hasName("host") }
        if isHTTP11 && hosts.isEmpty {
            // dockerd (Go) answers the same: HTTP/1.1 requires Host.
            throw ProtocolViolation(.host("no Host field before the end of the head"), at: blankLine)
        }
        if hosts.count > 1 {
            throw ProtocolViolation(.host("a second Host field"), at: fieldOffsets[hosts[1]])
        }
        let framing = try MessageFraming.requestFraming(fields: fields, at: fieldOffsets)
        let options = fields.filter { $0.hasName("connection") }.flatMap { MessageFraming.listElements($0.value) }
            .map { $0.lowercased() }
        let keepAlive: Bool
        if options.contains("close") {
            keepAlive = false
        } else if isHTTP11 {
            keepAlive = true
        } else {
            // HTTP/1.0 keeps the connection only when asked, and never with faulty framing (§6.1).
            keepAlive = options.contains("keep-alive") && !fields.contains { $0.hasName("transfer-encoding") }
        }
        let expects = fields.first { $0.hasName("expect") }?.value.lowercased() == "100-continue"
        return RequestHead(
            method: line.method, target: line.target, version: "HTTP/\(line.major).\(line.minor)", headers: fields,
            body: framing, keepAlive: keepAlive, expectsContinue: expects && isHTTP11 && framing != .none,
            byteCount: raw.count, tolerated: tolerated)
    }

    private mutating func failure(_ violation: ProtocolViolation) -> MessageParseError {
        failureOffset = violation.offset
        return MessageParseError(
            kind: Self.kind(of: violation.rule), violation: violation, offendingBytes: Array(raw[lineStart...]))
    }

    private mutating func failure(_ kind: MessageParseError.Kind, _ message: String) -> MessageParseError {
        failureOffset = lineStart
        return MessageParseError(kind: kind, message: message, offendingBytes: Array(raw[lineStart...]))
    }

    /// The class of a request head's violation, for code that reacts to it (the status comes from the rule).
    private static func kind(of rule: ProtocolViolation.Rule) -> MessageParseError.Kind {
        switch rule {
        case .bareLF, .bareCR: return .badLineEnding
        case .transferEncodingWithContentLength, .requestCodingNotChunked: return .conflictingFraming
        case .contentLength: return .badContentLength
        case .fieldLine, .obsFold, .whitespaceAfterStartLine, .whitespaceBeforeColon, .fieldValueControl, .host:
            return .malformedHeader
        default: return .malformedRequestLine
        }
    }
}
