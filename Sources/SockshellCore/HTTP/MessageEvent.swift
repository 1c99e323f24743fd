/// A parsed status line and header section.
public struct ResponseHead: Sendable, Equatable {
    /// The protocol version exactly as sent, e.g. `HTTP/1.1`.
    public var version: String
    public var status: Int
    /// The reason phrase, possibly empty.
    public var reason: String
    public var headers: HTTPFields

    public init(version: String, status: Int, reason: String, headers: HTTPFields) {
        self.version = version
        self.status = status
        self.reason = reason
        self.headers = headers
    }

    /// The first value of a header, matched case-insensitively.
    public func value(of name: String) -> String? {
        headers.value(of: name)
    }
}

/// How the body of a final response is delimited (RFC 9112 §6.3).
public enum BodyFraming: Sendable, Equatable {
    /// HEAD, 204, 304, 1xx: no body whatever the headers say.
    case none
    case contentLength(Int)
    case chunked
    /// No length and not chunked: the body runs until the server closes.
    case untilClose
    /// 101 Switching Protocols (or 2xx to CONNECT): HTTP framing ends, raw bytes follow until close.
    case tunnel
}

/// What the parser saw in the bytes fed to it. Every input byte belongs to exactly one event's raw
/// bytes (`raw`, `body`, `tunnel`, `extra`), so concatenating them in order gives back the input:
/// the wire view renders those bytes and uses the rest only as annotation.
public enum MessageEvent: Sendable, Equatable {
    /// A complete 1xx interim response other than 101 (shown, then parsing goes on).
    case interim(ResponseHead, raw: [UInt8])
    /// The final response's status line and headers through the blank line.
    case head(ResponseHead, framing: BodyFraming, raw: [UInt8])
    /// A request's request line and headers through the blank line (an ignored empty line before
    /// it included).
    case requestHead(RequestHead, raw: [UInt8])
    /// Body bytes: the raw bytes of a Content-Length or until-close body, or a chunk's data.
    /// A slice of the bytes fed, not a copy: large bodies pass through without copying.
    case body(ArraySlice<UInt8>)
    /// A chunk-size line including its line ending; `size` is the decoded size.
    case chunkSize(Int, extensions: String, raw: [UInt8])
    /// The line ending that closes a chunk's data.
    case chunkEnd(raw: [UInt8])
    /// After the last (zero) chunk: trailer fields, then the final blank line (raw includes it).
    case trailers(HTTPFields, raw: [UInt8])
    /// Bytes after a 101 (or a CONNECT 2xx): no HTTP framing, shown raw until close.
    case tunnel([UInt8])
    /// The response is complete. `keepAlive` says whether the connection may carry another request.
    case end(keepAlive: Bool)
    /// Bytes the server sent after a complete response: not part of it; the connection must close.
    case extra([UInt8])
}

extension MessageEvent {
    /// The input bytes this event accounts for (a slice of what it holds, no copy).
    public var rawBytes: ArraySlice<UInt8> {
        switch self {
        case .interim(_, let raw), .head(_, _, let raw), .requestHead(_, let raw), .chunkSize(_, _, let raw),
            .chunkEnd(let raw), .trailers(_, let raw), .tunnel(let raw), .extra(let raw):
            return raw[...]
        case .body(let bytes):
            return bytes
        case .end:
            return []
        }
    }

    /// How many input bytes this event accounts for.
    public var rawByteCount: Int { rawBytes.count }

    /// A final response head or a request head: the body (if any) follows.
    public var isFinalHead: Bool {
        switch self {
        case .head, .requestHead: return true
        default: return false
        }
    }
}

extension Array where Element == MessageEvent {
    /// The request head these events hold, if any.
    public var requestHead: RequestHead? {
        for case .requestHead(let head, _) in self { return head }
        return nil
    }
}
