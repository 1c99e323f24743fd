/// Limits on the requests `sockshell serve` reads, so a broken or hostile client cannot make it
/// buffer or read without bound.
public enum RequestLimits {
    /// The whole head, request line included: Go's DefaultMaxHeaderBytes, so a request dockerd
    /// would read is never refused here (one line may use all of it, as in Go).
    public static let maxHeadBytes = 1024 * 1024
    /// A body read and thrown away before answering: API bodies are JSON of a few KiB; an image
    /// tarball would be larger, but a recording cannot answer one meaningfully anyway.
    public static let maxBodyBytes = 64 * 1024 * 1024
}

/// How a request's body is delimited (RFC 9112 §6.3): bodies are only skipped, never kept.
public enum RequestBodyFraming: Sendable, Equatable {
    case none
    case contentLength(Int)
    case chunked
}

/// A parsed request line and header section.
public struct RequestHead: Sendable, Equatable {
    public var method: String
    /// The request target exactly as sent, e.g. `/v1.41/containers/json?all=1`.
    public var target: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    public var version: String
    public var headers: HTTPFields
    public var body: RequestBodyFraming
    /// Whether the client allows another request on the connection after this one's answer.
    public var keepAlive: Bool
    /// `Expect: 100-continue` with a body: the client waits for an interim answer before sending it.
    public var expectsContinue: Bool
    /// The head's bytes, an ignored empty line before it included: where the body starts, for
    /// the byte offsets of violations in it.
    public var byteCount: Int
    /// Bare LFs a lenient reader accepted in this head, each with its byte offset.
    public var tolerated: [ProtocolViolation]

    public init(
        method: String, target: String, version: String, headers: HTTPFields, body: RequestBodyFraming, keepAlive: Bool,
        expectsContinue: Bool, byteCount: Int = 0, tolerated: [ProtocolViolation] = []
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive
        self.expectsContinue = expectsContinue
        self.byteCount = byteCount
        self.tolerated = tolerated
    }

    /// The first value of a header, matched case-insensitively.
    public func value(of name: String) -> String? {
        headers.value(of: name)
    }
}

/// A request that cannot be read: the status to answer with (the connection closes after it) and
/// a sentence naming the problem.
public struct RequestReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 400 malformed, 413 body too large, 431 head too large, 505 not HTTP/1.x.
    public var status: Int
    public var message: String
    /// The RFC 9112 rule broken and at which byte, when the problem is one (`message` is then its sentence).
    public var violation: ProtocolViolation?

    public init(status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    /// 505 for an HTTP version other than 1.0 and 1.1, 400 for every other violation.
    public init(_ violation: ProtocolViolation) {
        if case .unsupportedVersion = violation.rule {
            self.init(status: 505, violation.sentence)
        } else {
            self.init(status: 400, violation.sentence)
        }
        self.violation = violation
    }

    public var description: String { "\(status): \(message)" }
}

/// Reads one request head (request line, header fields, blank line) from bytes that arrive in
/// pieces; "not complete yet" is a nil head, never an error. The outcome does not depend on how
/// the bytes were split. The grammar is RFC 9112's, strictly (Grammar.md): CRLF line endings
/// (bare LF only when lenient, then named in the head's `tolerated`), one empty line before the
/// request-line ignored (§2.2), no obs-fold (§5.2), exactly one Host (§3.2), and never both
/// Transfer-Encoding and Content-Length (§6.3): the gaps a smuggling request goes through.
public struct RequestHeadReader: Sendable {
    private let lenient: Bool
    private var raw: [UInt8] = []
    private var lineStart = 0
    private var emptyLinesSkipped = 0
    private var requestLine: RequestLine?
    private var fields: HTTPFields = []
    /// Where each field's line starts in the request, parallel to `fields`.
    private var fieldOffsets: [Int] = []
    /// Bare LFs accepted so far because the reader is lenient (also in the head once complete).
    public private(set) var tolerated: [ProtocolViolation] = []

    /// - Parameter lenient: accept a bare LF as a line ending, naming each in the head's `tolerated`.
    public init(lenient: Bool = false) {
        self.lenient = lenient
    }

    /// True once any byte of a request has been taken (a close before that is a clean close).
    public var hasStarted: Bool { !raw.isEmpty }

    /// Bytes of the head taken so far (for a log line about a head that never ended).
    public var byteCount: Int { raw.count }

    /// Takes bytes from `input` up to the end of the head. Returns how many bytes were taken (all
    /// of them unless the head completed) and the head once it is complete.
    public mutating func read(_ input: ArraySlice<UInt8>) throws(RequestReadError) -> (consumed: Int, head: RequestHead?) {
        var index = input.startIndex
        while index < input.endIndex {
            let outcome = LineCollector.collect(
                from: input, at: index, into: &raw, lineStart: lineStart,
                maxContent: RequestLimits.maxHeadBytes, maxBuffer: RequestLimits.maxHeadBytes)
            switch outcome {
            case .complete(let next):
                index = next
                let head: RequestHead?
                do throws(ProtocolViolation) {
                    head = try take(raw[lineStart...])
                } catch {
                    throw RequestReadError(error)
                }
                if let head, case .contentLength(let length) = head.body, length > RequestLimits.maxBodyBytes {
                    throw RequestReadError(
                        status: 413, "the request body of \(length) bytes is larger than the limit of \(RequestLimits.maxBodyBytes) bytes (64 MiB)")
                }
                lineStart = raw.count
                if let head { return (index - input.startIndex, head) }
            case .incomplete:
                index = input.endIndex
                if requestLine == nil {
                    do throws(ProtocolViolation) {
                        try RequestLine.checkMethodPrefix(raw[lineStart...])
                    } catch {
                        throw RequestReadError(error.shifted(by: lineStart))
                    }
                }
            case .lineTooLong, .bufferFull:
                throw RequestReadError(
                    status: 431,
                    "the request head is larger than the limit of \(RequestLimits.maxHeadBytes) bytes (1 MiB, as dockerd allows)")
            }
        }
        return (index - input.startIndex, nil)
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

    // MARK: header section

    private func head(endingAt blankLine: Int) throws(ProtocolViolation) -> RequestHead {
        guard let line = requestLine else { throw ProtocolViolation(.requestLine("no request-line"), at: 0) }
        let isHTTP11 = line.minor >= 1
        let hosts = fields.indices.filter { isNamed(fields[$0], "host") }
        if isHTTP11 && hosts.isEmpty {
            // dockerd (Go) answers the same: HTTP/1.1 requires Host.
            throw ProtocolViolation(.host("no Host field before the end of the head"), at: blankLine)
        }
        if hosts.count > 1 {
            throw ProtocolViolation(.host("a second Host field"), at: fieldOffsets[hosts[1]])
        }
        let codingFields = fields.indices.filter { isNamed(fields[$0], "transfer-encoding") }
        let codings = codingFields.flatMap { listElements(fields[$0].value) }
        let lengths = fields.indices.filter { isNamed(fields[$0], "content-length") }
        let body: RequestBodyFraming
        if let firstCoding = codingFields.first {
            if let firstLength = lengths.first {
                throw ProtocolViolation(.transferEncodingWithContentLength, at: fieldOffsets[max(firstCoding, firstLength)])
            }
            // RFC 9112 §6.3: only a final chunked coding delimits a request body.
            guard codings.last?.lowercased() == "chunked" else {
                throw ProtocolViolation(.requestCodingNotChunked, at: fieldOffsets[codingFields.last ?? firstCoding])
            }
            body = .chunked
        } else if !lengths.isEmpty {
            // One over the limit is refused with 413 by the caller.
            let length = try contentLength(lengths)
            body = length == 0 ? .none : .contentLength(length)
        } else {
            body = .none
        }
        let options = fields.filter { isNamed($0, "connection") }.flatMap { listElements($0.value) }.map { $0.lowercased() }
        let keepAlive: Bool
        if options.contains("close") {
            keepAlive = false
        } else if isHTTP11 {
            keepAlive = true
        } else {
            // HTTP/1.0 keeps the connection only when asked, and never with faulty framing (§6.1).
            keepAlive = options.contains("keep-alive") && codings.isEmpty
        }
        let expects = fields.first { isNamed($0, "expect") }?.value.lowercased() == "100-continue"
        return RequestHead(
            method: line.method, target: line.target, version: "HTTP/\(line.major).\(line.minor)", headers: fields, body: body,
            keepAlive: keepAlive, expectsContinue: expects && isHTTP11 && body != .none, byteCount: raw.count, tolerated: tolerated)
    }

    /// Digits only; a list (or repeated fields) of one value is that value.
    private func contentLength(_ indices: [Int]) throws(ProtocolViolation) -> Int {
        var agreed: Int?
        for index in indices {
            for element in fields[index].value.split(separator: ",", omittingEmptySubsequences: false) {
                let text = ParserByte.trimmingWhitespace(Array(element.utf8)[...])
                var value = 0
                var valid = !text.isEmpty
                for byte in text {
                    guard let digit = ParserByte.decimalValue(byte) else {
                        valid = false
                        break
                    }
                    let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = times10.addingReportingOverflow(digit)
                    if overflow1 || overflow2 {
                        valid = false
                        break
                    }
                    value = sum
                }
                guard valid else {
                    throw ProtocolViolation(.contentLength("not a non-negative decimal number"), at: fieldOffsets[index])
                }
                if let agreed, agreed != value {
                    throw ProtocolViolation(.contentLength("differing values \(agreed) and \(value)"), at: fieldOffsets[index])
                }
                agreed = value
            }
        }
        return agreed ?? 0
    }

    private func isNamed(_ field: HeaderField, _ lowercaseName: String) -> Bool {
        field.hasName(lowercaseName)
    }

    /// RFC 9110 §5.6.1 lists; a coding's parameters (`;q=1`) are dropped.
    private func listElements(_ value: String) -> [String] {
        value.split(separator: ",").compactMap { element in
            let name = element.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = ParserByte.text(ParserByte.trimmingWhitespace(Array(name.utf8)[...]))
            return trimmed.isEmpty ? nil : trimmed
        }
    }
}
