/// One request a live command sends, before the version prefix: method, target, the headers it needs
/// beyond the ones every request gets (Host, User-Agent, Content-Length), and its body.
public struct DockerCall: Sendable, Equatable {
    public var method: String
    /// The path and query without the `/v1.41` prefix, e.g. `/containers/web/start`.
    public var target: String
    /// The hijack pair (`Connection: Upgrade`, `Upgrade: tcp`) and the Content-Type the CLI sends.
    public var headers: HTTPFields
    /// nil: no body (a POST still says `Content-Length: 0`, as the CLI does).
    public var body: [UInt8]?

    public init(method: String, target: String, headers: HTTPFields = [], body: [UInt8]? = nil) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// Whether the answer turns the connection into a raw two-way stream (attach, exec start).
    public var hijacks: Bool {
        headers.value(of: "Upgrade") == DockerCalls.hijackProtocol
    }
}
