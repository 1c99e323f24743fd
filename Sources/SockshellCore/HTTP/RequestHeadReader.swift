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
    public var headers: [HeaderField]
    public var body: RequestBodyFraming
    /// Whether the client allows another request on the connection after this one's answer.
    public var keepAlive: Bool
    /// `Expect: 100-continue` with a body: the client waits for an interim answer before sending it.
    public var expectsContinue: Bool

    public init(
        method: String, target: String, version: String, headers: [HeaderField], body: RequestBodyFraming, keepAlive: Bool,
        expectsContinue: Bool
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive
        self.expectsContinue = expectsContinue
    }

    /// The first value of a header, matched case-insensitively.
    public func value(of name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}

/// A request that cannot be read: the status to answer with (the connection closes after it) and
/// a sentence naming the problem.
public struct RequestReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 400 malformed, 413 body too large, 431 head too large, 505 not HTTP/1.x.
    public var status: Int
    public var message: String

    public init(status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { "\(status): \(message)" }
}

/// Reads one request head (request line, header fields, blank line) from bytes that arrive in
/// pieces; "not complete yet" is a nil head, never an error. The outcome does not depend on how
/// the bytes were split.
public struct RequestHeadReader: Sendable {
    private var raw: [UInt8] = []
    private var lineStart = 0
    private var requestLine: (method: String, target: String, major: Int, minor: Int)?
    private var fields: [HeaderField] = []

    public init() {}

    /// True once any byte of a request has been taken (a close before that is a clean close).
    public var hasStarted: Bool { !raw.isEmpty }

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
                let content = LineCollector.content(of: raw[lineStart...])
                lineStart = raw.count
                if let head = try take(content) { return (index - input.startIndex, head) }
            case .incomplete:
                index = input.endIndex
                if requestLine == nil { try Self.checkMethodPrefix(raw[lineStart...]) }
            case .lineTooLong, .bufferFull:
                throw RequestReadError(
                    status: 431,
                    "the request head is larger than the limit of \(RequestLimits.maxHeadBytes) bytes (1 MiB, as dockerd allows)")
            }
        }
        return (index - input.startIndex, nil)
    }

    /// One complete line without its line ending; the head when it was the blank line ending it.
    private mutating func take(_ content: ArraySlice<UInt8>) throws(RequestReadError) -> RequestHead? {
        guard let requestLine else {
            // RFC 9112 §2.2: empty lines before the request line are ignored.
            if !content.isEmpty { self.requestLine = try Self.parseRequestLine(content) }
            return nil
        }
        if !content.isEmpty {
            do throws(LineProblem) {
                fields.append(try FieldLine.parse(content, section: "header"))
            } catch {
                throw RequestReadError(status: 400, error.message)
            }
            return nil
        }
        return try Self.head(requestLine, fields: fields)
    }

    // MARK: request line

    /// `METHOD SP request-target SP HTTP/x.y` (RFC 9112 §3).
    static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(RequestReadError) -> (method: String, target: String, major: Int, minor: Int) {
        let method = line.prefix { $0 != ParserByte.space }
        guard !method.isEmpty, method.allSatisfy(HTTPToken.isTokenByte) else { throw notAMethod }
        let parts = line.split(separator: ParserByte.space, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[1].isEmpty else {
            throw RequestReadError(status: 400, "the request line is not 'METHOD TARGET HTTP/1.1' (three parts, one space between each)")
        }
        let target = parts[1]
        guard target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw RequestReadError(status: 400, "the request target contains a control character or a non-ASCII byte (percent-encode it)")
        }
        let version = Array(parts[2])
        let prefix = Array("HTTP/".utf8)
        guard version.count == 8, version.starts(with: prefix), let major = ParserByte.decimalValue(version[5]), version[6] == UInt8(ascii: "."),
            let minor = ParserByte.decimalValue(version[7])
        else {
            throw RequestReadError(status: 400, "the request line does not end with an HTTP version such as HTTP/1.1")
        }
        guard major == 1 else {
            throw RequestReadError(status: 505, "HTTP/\(major).\(minor) is not supported: this server speaks HTTP/1.1")
        }
        return (ParserByte.text(parts[0]), ParserByte.text(target), major, minor)
    }

    /// Rejects a first line whose method is not a token as soon as its first bytes show it (TLS
    /// or a stray protocol), rather than after a line ending that may never come.
    private static func checkMethodPrefix(_ partial: ArraySlice<UInt8>) throws(RequestReadError) {
        // A CR at the very end may be the start of the line ending.
        let judged = partial.last == ParserByte.cr ? partial.dropLast() : partial
        for byte in judged {
            if byte == ParserByte.space { return }
            if !HTTPToken.isTokenByte(byte) { throw notAMethod }
        }
    }

    private static let notAMethod = RequestReadError(
        status: 400, "the request does not start with an HTTP method (a word such as GET, then a space)")

    // MARK: header section

    private static func head(
        _ line: (method: String, target: String, major: Int, minor: Int), fields: [HeaderField]
    ) throws(RequestReadError) -> RequestHead {
        let isHTTP11 = line.minor >= 1
        let hosts = fields.filter { isNamed($0, "host") }
        if isHTTP11 && hosts.isEmpty {
            // dockerd (Go) answers the same: HTTP/1.1 requires Host.
            throw RequestReadError(status: 400, "missing required Host header (HTTP/1.1 needs one; any value works, as in Host: docker)")
        }
        if hosts.count > 1 {
            throw RequestReadError(status: 400, "the request has more than one Host header")
        }
        let codings = fields.filter { isNamed($0, "transfer-encoding") }.flatMap { listElements($0.value) }
        let lengths = fields.filter { isNamed($0, "content-length") }
        let body: RequestBodyFraming
        if !codings.isEmpty {
            if !lengths.isEmpty {
                throw RequestReadError(status: 400, "the request has both Transfer-Encoding and Content-Length, which HTTP/1.1 forbids")
            }
            // RFC 9112 §6.3: only a final chunked coding delimits a request body.
            guard codings.last?.lowercased() == "chunked" else {
                throw RequestReadError(status: 400, "the request's Transfer-Encoding does not end in chunked, so its body length is unknown")
            }
            body = .chunked
        } else if !lengths.isEmpty {
            let length = try contentLength(lengths)
            if length > RequestLimits.maxBodyBytes {
                throw RequestReadError(
                    status: 413, "the request body of \(length) bytes is larger than the limit of \(RequestLimits.maxBodyBytes) bytes (64 MiB)")
            }
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
            keepAlive: keepAlive, expectsContinue: expects && isHTTP11 && body != .none)
    }

    /// Digits only; a list (or repeated fields) of one value is that value.
    private static func contentLength(_ fields: [HeaderField]) throws(RequestReadError) -> Int {
        var agreed: Int?
        for field in fields {
            for element in field.value.split(separator: ",", omittingEmptySubsequences: false) {
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
                    throw RequestReadError(status: 400, "the Content-Length is not a non-negative decimal number")
                }
                if let agreed, agreed != value {
                    throw RequestReadError(status: 400, "the request has differing Content-Length values \(agreed) and \(value)")
                }
                agreed = value
            }
        }
        return agreed ?? 0
    }

    private static func isNamed(_ field: HeaderField, _ lowercaseName: String) -> Bool {
        field.name.utf8.count == lowercaseName.utf8.count && field.name.lowercased() == lowercaseName
    }

    /// RFC 9110 §5.6.1 lists; a coding's parameters (`;q=1`) are dropped.
    private static func listElements(_ value: String) -> [String] {
        value.split(separator: ",").compactMap { element in
            let name = element.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = ParserByte.text(ParserByte.trimmingWhitespace(Array(name.utf8)[...]))
            return trimmed.isEmpty ? nil : trimmed
        }
    }
}
