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

    /// The answer to a request the message reader refused: 431 for a head too large, 413 for a
    /// body too large, 505 for an HTTP version other than 1.x, 400 for everything else.
    public init(_ error: MessageParseError) {
        if let violation = error.violation {
            self.init(violation)
            return
        }
        switch error.kind {
        case .headSectionTooLarge, .headerLineTooLong: self.init(status: 431, error.message)
        case .bodyTooLarge: self.init(status: 413, error.message)
        default: self.init(status: 400, error.message)
        }
    }

    public var description: String { "\(status): \(message)" }
}
