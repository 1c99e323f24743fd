/// What a request that may open a live session streams from: a container's attach or an exec's
/// start (Docker hijacks both, with or without `Upgrade`), or any other request sent with an
/// `Upgrade` header. It names the resize call that goes with the stream and what the request
/// itself says about a TTY.
public struct LiveStreamTarget: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case containerAttach(id: String)
        case execStart(id: String)
        /// Another upgraded request: no resize call is known for it.
        case other
    }

    public let kind: Kind
    /// The path's API version prefix (`/v1.41`), kept for the calls that go with the stream.
    public let versionPrefix: String

    /// What an exec start's body says of a TTY (`"Tty"`); nil for an attach, whose container says.
    public let requestSaysTTY: Bool?

    /// Nil for a request that cannot open a live session; `requestBytes` are the request as sent.
    public init?(requestBytes: [UInt8]) {
        let line = TypedRequestLine(requestBytes)
        let head = MessageHead.split(requestBytes)
        let upgrade = head.fieldLines.contains { range in
            MessageHead.text(requestBytes, range).lowercased().hasPrefix("upgrade:")
        }
        let body = head.bodyStart.map { Array(requestBytes[$0...]) } ?? []
        self.init(method: line.method, target: line.target, upgrade: upgrade, body: body)
    }

    /// Nil for a request that cannot open a live session.
    public init?(method: String, target: String, upgrade: Bool, body: [UInt8] = []) {
        let components = TargetComponents(target)
        versionPrefix = components.version.map { "/\($0)" } ?? ""
        let segments = components.segments
        let post = method.uppercased() == "POST" && segments.count == 3
        if post, segments[0] == "containers", segments[2] == "attach" {
            kind = .containerAttach(id: segments[1])
            requestSaysTTY = nil
        } else if post, segments[0] == "exec", segments[2] == "start" {
            kind = .execStart(id: segments[1])
            requestSaysTTY = Self.tty(inStartBody: body)
        } else if upgrade {
            kind = .other
            requestSaysTTY = nil
        } else {
            return nil
        }
    }

    /// The call that tells the daemon the terminal's size (`docker` sends it on start and on every
    /// SIGWINCH), with the stream's version prefix; nil when the stream has none.
    public func resizeCall(_ size: WindowSize) -> DockerCall? {
        switch kind {
        case .containerAttach(let id): return prefixed(DockerCalls.resizeContainer(id, to: size))
        case .execStart(let id): return prefixed(DockerCalls.resizeExec(id, to: size))
        case .other: return nil
        }
    }

    /// The call that says whether the container was created with a TTY (`Config.Tty`), for an
    /// attach; an exec's start body says it itself.
    public var inspectCall: DockerCall? {
        guard case .containerAttach(let id) = kind else { return nil }
        return prefixed(DockerCalls.inspectContainer(id))
    }

    private func prefixed(_ call: DockerCall) -> DockerCall {
        var call = call
        call.target = versionPrefix + call.target
        return call
    }

    /// `"Tty"` of an exec start body (`{"Detach":false,"Tty":true}`); nil when it does not say.
    static func tty(inStartBody body: [UInt8]) -> Bool? {
        guard let value = try? JSONValue.parse(body) else { return nil }
        return value["Tty"]?.boolValue
    }

    /// `Config.Tty` of a container's inspect; nil when it does not say.
    public static func tty(inInspect value: JSONValue) -> Bool? {
        value["Config"]?["Tty"]?.boolValue
    }
}
