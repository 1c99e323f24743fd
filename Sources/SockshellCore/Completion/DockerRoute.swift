/// One route of the Docker Engine API: a path template, the methods it answers and the query
/// parameters it reads.
public struct DockerRoute: Sendable, Equatable {
    /// Upper-case methods, e.g. `["GET", "HEAD"]` for `/_ping`.
    public var methods: [String]
    /// The path without a version prefix, e.g. `/containers/{id}/start`.
    public var template: String
    public var queryParameters: [String]
    /// The reference's one-line summary, e.g. "Start a container".
    public var summary: String
    /// What the template's placeholder (`{id}` or `{name}`) names, nil when it has none.
    public var placeholderKind: ResourceKind?
    /// The template split at `/`, with placeholders resolved to their kind.
    let segments: [RouteSegment]

    public init(_ methods: [String], _ template: String, query queryParameters: [String] = [], _ summary: String) {
        self.methods = methods
        self.template = template
        self.queryParameters = queryParameters
        self.summary = summary
        var segments: [RouteSegment] = []
        var kind: ResourceKind?
        var previous: Substring = ""
        for part in template.split(separator: "/") {
            if part.hasPrefix("{"), part.hasSuffix("}") {
                let named = ResourceKind(collection: previous)
                segments.append(.placeholder(named))
                kind = kind ?? named
            } else {
                segments.append(.literal(String(part)))
            }
            previous = part
        }
        self.segments = segments
        placeholderKind = kind
    }

    /// True when `method` (any case) is one this route answers.
    public func accepts(method: String) -> Bool {
        methods.contains(method.uppercased())
    }
}

/// One `/`-separated part of a route template.
enum RouteSegment: Sendable, Equatable {
    case literal(String)
    /// Matches any non-empty segment; the kind is nil only for a template the catalogue test rejects.
    case placeholder(ResourceKind?)
}
