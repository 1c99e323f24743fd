/// The fields of one HAR entry that its request and response bytes are rebuilt from.
struct HARMessage {
    var method: String
    /// The path and query of `url`: a browser's HAR names a host, docker's over a unix socket
    /// `http://docker` or `localhost`, and only the target means anything to the socket.
    var target: String
    var url: String
    var requestVersion: String
    var requestHeaders: HTTPFields
    var requestBody: [UInt8]
    var status: Int
    var statusText: String
    var responseVersion: String
    var responseHeaders: HTTPFields
    /// The body as the client saw it: chunk framing and content coding already removed.
    var responseBody: [UInt8]
}

/// Writes a HAR entry's fields out as HTTP/1.1 messages whose framing agrees with their bodies:
/// Content-Length is the body's length, a chunked answer is one chunk, HTTP/2 and 3 become HTTP/1.1
/// with a Host header. Each change beyond writing a field out is a note.
enum HARMessageBytes {
    struct Rebuilt {
        var request: [UInt8]
        /// Nil when the entry records no answer (status 0).
        var response: [UInt8]?
        var notes: [String]
    }

    /// The Host sockshell's own requests carry (as the docker CLI's do over a unix socket).
    static let defaultHost = RequestEncoder.defaultHost

    static func rebuild(_ message: HARMessage, failure: (String) -> HARImportError) throws(HARImportError) -> Rebuilt {
        var notes: [String] = []
        let requestVersion = version(message.requestVersion)
        var requestHeaders = message.requestHeaders
        let authority =
            requestHeaders.first(named: ":authority")?.value ?? requestHeaders.first(named: "Host")?.value
            ?? authority(of: message.url)
        requestHeaders.removeAll { $0.name.hasPrefix(":") }
        if let newer = requestVersion.converted {
            notes.append("\(newer) written as HTTP/1.1 (pseudo-headers dropped, Host from :authority or the URL)")
        }
        if !requestHeaders.contains(named: "Host") {
            // HTTP/1.1 needs a Host; a relative URL names none, so it gets the one sockshell sends.
            requestHeaders.insert(HeaderField(name: "Host", value: authority ?? defaultHost), at: 0)
            if authority == nil {
                notes.append("Host: \(defaultHost) added (the URL names no host)")
            } else if requestVersion.converted == nil {
                notes.append("Host: \(authority ?? "") added from the URL")
            }
        }
        try check(requestHeaders, in: "request", failure: failure)
        var request = Array("\(message.method) \(message.target) \(requestVersion.text)\r\n".utf8)
        let chunkedRequest = requestHeaders.contains(named: "Transfer-Encoding")
        requestHeaders.removeAll { $0.hasName("Transfer-Encoding") }
        if chunkedRequest || !message.requestBody.isEmpty || requestHeaders.contains(named: "Content-Length") {
            notes += withLength(
                message.requestBody.count, in: &requestHeaders, part: "request", wasChunked: chunkedRequest)
        }
        request += head(requestHeaders) + message.requestBody

        guard message.status != 0 else {
            notes.append("no answer is recorded (status 0)")
            return Rebuilt(request: request, response: nil, notes: notes)
        }
        guard (100...999).contains(message.status) else {
            throw failure("has response.status \(message.status), which is not an HTTP status (100 to 999)")
        }
        guard !message.statusText.utf8.contains(where: isLineBreakOrNul) else {
            throw failure("has a response.statusText with a line break in it")
        }
        let responseVersion = version(message.responseVersion)
        var headers = message.responseHeaders
        headers.removeAll { $0.name.hasPrefix(":") }
        try check(headers, in: "response", failure: failure)
        if let newer = responseVersion.converted, requestVersion.converted == nil {
            notes.append("\(newer) answer written as HTTP/1.1")
        }
        var response = Array("\(responseVersion.text) \(message.status) \(message.statusText)\r\n".utf8)
        var body = message.responseBody
        // Which body the answer has is HTTP/1.1's one rule (MessageFraming), asked without the
        // Content-Length this rebuild recomputes anyway.
        var lengthless = headers
        lengthless.removeAll { $0.hasName("Content-Length") }
        let framing =
            (try? MessageFraming.framing(status: message.status, requestMethod: message.method, fields: lengthless))
            ?? .untilClose
        switch framing {
        case .tunnel:
            // After a 101 (or a 2xx to CONNECT) the connection is a tunnel: its bytes follow the head as they are.
            break
        case .none:
            // These answers have no body whatever their headers say (RFC 9112 §6.3); a HEAD's
            // Content-Length is the GET's, so it is kept.
            if !body.isEmpty {
                notes.append("its content is left out: a \(message.method) \(message.status) answer has no body")
            }
            body = []
        case .chunked, .contentLength, .untilClose:
            if let coding = headers.value(of: "Content-Encoding"), !body.isEmpty,
                !(coding.lowercased().contains("gzip") && body.starts(with: [0x1F, 0x8B]))
            {
                headers.removeAll { $0.hasName("Content-Encoding") }
                notes.append("Content-Encoding: \(coding) removed (HAR holds the decoded body)")
            }
            if framing == .chunked {
                headers.removeAll { $0.hasName("Content-Length") }
                notes.append("chunked body rebuilt as one chunk of \(body.count) bytes")
                body = chunked(body)
            } else {
                let wasChunked = headers.contains(named: "Transfer-Encoding")
                headers.removeAll { $0.hasName("Transfer-Encoding") }
                notes += withLength(body.count, in: &headers, part: "response", wasChunked: wasChunked)
            }
        }
        response += head(headers) + body
        return Rebuilt(request: request, response: response, notes: notes)
    }

    /// The request-target a URL names: its path and query, without the fragment; a relative URL
    /// that starts with `/` is one already. Nil when there is no path to take. A byte a target
    /// cannot hold (a space, a quote) is percent-encoded, as a browser sends it.
    static func target(of url: String) -> String? {
        rawTarget(of: url).map { PercentEncoding.encode($0, keeping: .requestTarget) }
    }

    private static func rawTarget(of url: String) -> String? {
        var rest = Substring(url)
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        if let scheme = rest.firstRange(of: "://") {
            let afterAuthority = rest[scheme.upperBound...].drop { $0 != "/" && $0 != "?" }
            if afterAuthority.isEmpty { return "/" }
            return afterAuthority.hasPrefix("?") ? "/" + afterAuthority : String(afterAuthority)
        }
        return rest.hasPrefix("/") ? String(rest) : nil
    }

    /// The host (and port) a URL names, without any user info; nil for a relative URL.
    static func authority(of url: String) -> String? {
        guard let scheme = url.firstRange(of: "://") else { return nil }
        let authority = url[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@").last.map(String.init) ?? ""
        return host.isEmpty ? nil : host
    }

    /// HAR's version as written on the request line: HTTP/1.0 stays, anything newer (`h2`,
    /// `HTTP/2.0`, `h3`, Chrome's `http/2.0+quic`) becomes HTTP/1.1 and says what it was.
    private static func version(_ text: String) -> (text: String, converted: String?) {
        let upper = text.uppercased()
        if upper == "HTTP/1.0" { return ("HTTP/1.0", nil) }
        if upper.hasPrefix("H2") || upper.hasPrefix("H3") || upper.hasPrefix("HTTP/2") || upper.hasPrefix("HTTP/3") {
            return ("HTTP/1.1", text)
        }
        return ("HTTP/1.1", nil)
    }

    /// A field name must be a token and a value hold no line break, or the bytes would say something else.
    private static func check(
        _ headers: HTTPFields, in part: String, failure: (String) -> HARImportError
    ) throws(HARImportError) {
        for field in headers {
            guard HTTPToken.isToken(field.name) else {
                throw failure("has a \(part) header named \"\(field.name)\", which is not a header name")
            }
            guard !field.value.utf8.contains(where: isLineBreakOrNul) else {
                throw failure("has a \(part) header \(field.name) whose value holds a line break")
            }
        }
    }

    private static func isLineBreakOrNul(_ byte: UInt8) -> Bool {
        byte == 0x0D || byte == 0x0A || byte == 0x00
    }

    /// Content-Length set to `length` where the first one was (else last), and a note when that changed it.
    private static func withLength(
        _ length: Int, in headers: inout HTTPFields, part: String, wasChunked: Bool
    ) -> [String] {
        let old = headers.values(of: "Content-Length")
        let position = headers.indices(named: "Content-Length").first ?? headers.endIndex
        headers.removeAll { $0.hasName("Content-Length") }
        headers.insert(HeaderField(name: "Content-Length", value: "\(length)"), at: min(position, headers.endIndex))
        if wasChunked { return ["\(part) sent with Content-Length: \(length) instead of its Transfer-Encoding"] }
        if old.isEmpty { return ["\(part) Content-Length: \(length) added"] }
        if old != ["\(length)"] {
            return ["\(part) Content-Length \(old.joined(separator: ", ")) recomputed as \(length)"]
        }
        return []
    }

    private static func head(_ headers: HTTPFields) -> [UInt8] {
        var bytes: [UInt8] = []
        for field in headers { bytes += Array("\(field.name): \(field.value)\r\n".utf8) }
        return bytes + Array("\r\n".utf8)
    }

    /// The body as one chunk and the last chunk; an empty body is the last chunk alone.
    private static func chunked(_ body: [UInt8]) -> [UInt8] {
        let last = Array("0\r\n\r\n".utf8)
        guard !body.isEmpty else { return last }
        return Array("\(String(body.count, radix: 16))\r\n".utf8) + body + Array("\r\n".utf8) + last
    }
}
