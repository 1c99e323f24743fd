/// A request ready for the socket: the exact bytes, plus what the response parser needs to know.
public struct EncodedRequest: Sendable, Equatable {
    /// The method as sent (HEAD and CONNECT change how the response is framed).
    public var method: String
    public var bytes: [UInt8]

    public init(method: String, bytes: [UInt8]) {
        self.method = method
        self.bytes = bytes
    }

    /// Methods RFC 9110 §9.2.2 calls idempotent: safe to send again on a new connection when a
    /// kept-alive one turns out to have been closed by the server.
    public var isIdempotent: Bool {
        ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"].contains(method)
    }
}

/// Builds request bytes from what the user typed, adding only what HTTP/1.1 needs and saying so
/// in the wire view (every added header is in the bytes, nothing is hidden).
public struct RequestEncoder: Sendable {
    /// Docker's Go server accepts any Host; `docker` reads well in the wire view.
    public static let defaultHost = "docker"

    public var userAgent: String

    public init(userAgent: String) {
        self.userAgent = userAgent
    }

    /// Headers are written in this order: Host, User-Agent, session headers, request headers,
    /// then Content-Type and Content-Length when added. A header the user set (session or request,
    /// the request's winning) replaces the automatic one of the same name; a name in `removedHeaders`
    /// is not sent at all (curl's `-H 'Name:'`). `version` is written as given (`HTTP/1.0` typed after
    /// the target); the same headers are added either way, Host included (RFC 9112 §3.2 asks an
    /// HTTP/1.0 client to send it too).
    public func encode(
        method: String, target: String, version: String = "HTTP/1.1", sessionHeaders: HTTPFields,
        requestHeaders: HTTPFields, removedHeaders: [String] = [], body: [UInt8]?
    ) -> EncodedRequest {
        var headers: HTTPFields = [
            HeaderField(name: "Host", value: Self.defaultHost),
            HeaderField(name: "User-Agent", value: userAgent),
        ]
        for field in sessionHeaders { headers.set(field) }
        for field in requestHeaders { headers.set(field) }
        func has(_ name: String) -> Bool { headers.contains(named: name) }

        if let body, !body.isEmpty, !has("content-type"), Self.looksLikeJSON(body) {
            headers.append(HeaderField(name: "Content-Type", value: "application/json"))
        }
        if !has("content-length") && !has("transfer-encoding") {
            let length = body?.count ?? 0
            // Bodiless POST/PUT/PATCH still say 0, as curl and Go clients do; GET/HEAD/DELETE don't.
            if length > 0 || ["POST", "PUT", "PATCH"].contains(method.uppercased()) {
                headers.append(HeaderField(name: "Content-Length", value: String(length)))
            }
        }

        for name in removedHeaders { headers.removeAll(named: name) }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + (body?.count ?? 0))
        bytes += Array("\(method) \(Self.encodeTarget(target)) \(version)\r\n".utf8)
        for field in headers {
            bytes += Array("\(field.name): \(field.value)\r\n".utf8)
        }
        bytes += [13, 10]
        if let body { bytes += body }
        return EncodedRequest(method: method, bytes: bytes)
    }

    /// A body "looks like JSON" when its first non-blank byte opens an object or an array.
    public static func looksLikeJSON(_ body: [UInt8]) -> Bool {
        for byte in body {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): return true
            default: return false
            }
        }
        return false
    }

    /// Percent-encodes the bytes that may never appear in a request-target (RFC 3986: controls,
    /// non-ASCII, and `"<>\^`{|}`), so `?filters={"type":["container"]}` can be typed as is.
    /// Everything else, including existing %XX escapes, is sent exactly as typed.
    public static func encodeTarget(_ target: String) -> String {
        PercentEncoding.encode(target, keeping: .requestTarget)
    }
}
