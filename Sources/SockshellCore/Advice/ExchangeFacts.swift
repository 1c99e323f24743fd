/// A recorded exchange read for advice: the request's line, headers and body as sent, the
/// response's status, headers and decoded body as received, and the route of the catalogue it
/// called. All of it from the record's bytes (the wire is the source of truth).
public struct ExchangeFacts: Sendable {
    public var number: Int
    public var method: String
    /// The target as sent, version prefix and query included.
    public var target: String
    public var requestLine: String
    public var requestHeaders: HTTPFields
    public var requestBody: [UInt8]
    /// The response's status line, nil when no answer came.
    public var statusLine: String?
    public var status: Int?
    public var responseHeaders: HTTPFields
    /// The decoded body (chunks joined); for an upgraded connection, the bytes after the head.
    public var responseBody: [UInt8]
    /// Whether the answer was read to its end.
    public var ending: ExchangeSummary.Ending?
    /// The catalogue route the request called, nil when it has none.
    public var route: DockerRoute?
    let parts: TargetComponents

    public init(_ record: ExchangeRecord) {
        number = record.number
        method = record.method
        target = record.target
        let request = JSONLinesRenderer.splitRequest(record.sentBytes)
        requestLine = request.line
        requestHeaders = request.headers
        requestBody = Array(request.body)
        let received = record.runs.filter { $0.direction == .received }.flatMap(\.bytes)
        let response = JSONLinesRenderer.splitRequest(received)
        statusLine = received.isEmpty ? nil : response.line
        status = statusLine.flatMap { line in
            let words = line.split(separator: " ")
            return words.count > 1 ? Int(words[1]) : nil
        }
        responseHeaders = response.headers
        let decoded = record.responseBody
        responseBody = decoded.isEmpty && status == 101 ? Array(response.body) : decoded
        ending = record.summary?.outcome
        parts = TargetComponents(record.target)
        route = DockerAPIRoutes.route(method: record.method, segments: parts.segments)
    }

    /// The daemon's `{"message": ...}` (or a text/plain error's text) on an error status.
    public var daemonMessage: String? {
        guard let status, status >= 400, !responseBody.isEmpty else { return nil }
        if let json = try? JSONValue.parse(responseBody) { return json["message"]?.stringValue }
        return String(decoding: responseBody, as: UTF8.self).trimmingWhitespace()
    }

    /// The values of the query parameter `name` (decoded).
    func query(_ name: String) -> [String] { parts.queryValues(name) }

    /// The path segment after the route's first one: the container id of `/containers/{id}/start`.
    var objectSegment: String? { parts.segments.count > 1 ? parts.segments[1] : nil }

    /// `POST /containers/{id}/start` when the route is known.
    func isRoute(_ method: String, _ template: String) -> Bool {
        route?.template == template && self.method.uppercased() == method
    }
}

extension DockerAPIRoutes {
    /// The one route a request calls: the most literal match among those taking `method`.
    static func route(method: String, segments: [String]) -> DockerRoute? {
        routes(matching: segments, among: routes(accepting: method)).first
    }

    /// The routes a path is, with any method, most literal first.
    static func routes(path: String) -> [DockerRoute] {
        routes(matching: TargetComponents(path).segments, among: all)
    }

    /// The catalogue path closest to a mistyped one, its placeholders filled with what was typed
    /// in their place (`/containers/abc/strat` → `/containers/abc/start`); nil when none is near.
    public static func nearestPath(to typed: String, method: String? = nil) -> String? {
        let segments = TargetComponents(typed).segments
        let typedPath = "/" + segments.joined(separator: "/")
        let candidates = method.map { routes(accepting: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? all
        var best: (path: String, distance: Int)?
        for route in candidates {
            var filled: [String] = []
            for (index, segment) in route.segments.enumerated() {
                switch segment {
                case .literal(let text): filled.append(text)
                case .placeholder:
                    filled.append(
                        index < segments.count
                            ? segments[index]
                            : route.template.split(separator: "/")
                                .map(String.init)[index])
                }
            }
            let path = "/" + filled.joined(separator: "/")
            let distance = NearestWord.editDistance(Array(typedPath.unicodeScalars), Array(path.unicodeScalars))
            if distance < (best?.distance ?? Int.max) { best = (path, distance) }
        }
        guard let best, best.distance > 0, best.distance <= maximumPathEdits else { return nil }
        return best.path
    }

    /// Edits a mistyped path may be from a route: a doubled or missing letter or two, a swapped
    /// pair; more is another path, not a typo.
    static let maximumPathEdits = 3
}
