/// Which way bytes travel through a tap.
public enum TapDirection: Sendable, Equatable {
    /// From the tapped client to the daemon: requests, hijacked stdin.
    case toServer
    /// From the daemon to the client: responses, hijacked output.
    case toClient

    /// `C>S` or `S>C`, as the tap's lines and the field notes write them.
    public var arrow: String { self == .toServer ? "C>S" : "S>C" }
}

/// One request another client sent, as the tap saw it: enough to frame its response (a HEAD
/// answer has no body) and to sum the exchange up.
public struct TapRequest: Sendable, Equatable {
    public var method: String
    public var target: String
    /// The catalogue's route (`/v1.41/containers/{id}/start`), or the path when it has none.
    public var route: String
    /// Monotonic nanoseconds when its head was complete.
    public var startedAt: UInt64
    /// `Connection: Upgrade` with `Upgrade: tcp` or `h2c`: the request direction turns raw after it.
    public var asksUpgrade: Bool
    public var bodyBytes = 0

    public init(method: String, target: String, route: String, startedAt: UInt64, asksUpgrade: Bool) {
        self.method = method
        self.target = target
        self.route = route
        self.startedAt = startedAt
        self.asksUpgrade = asksUpgrade
    }
}

/// What a tap's passive observer saw on one connection. Every byte relayed in a direction belongs to
/// exactly one `.message` or `.raw` event of that direction, so the events rebuild the stream.
public enum TapEvent: Sendable, Equatable {
    /// An HTTP message event: a request's (`toServer`) or a response's (`toClient`).
    case message(TapDirection, MessageEvent)
    /// Bytes with no HTTP framing: a hijacked stream, or what follows a parse failure.
    case raw(TapDirection, ArraySlice<UInt8>)
    /// Something the view says in words: the stream turned raw, a parse failure, an orphan answer.
    case note(TapDirection, String)
    /// The sender finished its side (EOF: a half-close or a close; the socket cannot tell which).
    case ended(TapDirection)
    /// A response is complete (or cut off): its request, status and how long it took.
    case exchange(TapExchange)
}

/// One finished exchange on a tapped connection, for the summary line and the exit summary.
public struct TapExchange: Sendable, Equatable {
    public var request: TapRequest
    /// The final status; nil when the connection ended before one arrived.
    public var status: Int?
    public var reason: String
    /// Body bytes of the response (tunnel bytes after a 101 included).
    public var responseBytes: Int
    public var nanoseconds: UInt64
    /// Whether the response arrived whole.
    public var complete: Bool
    /// The view fell behind and skipped some of its bytes: the client got them, the view could not
    /// follow the framing to the end.
    public var partlyShown = false

    public init(
        request: TapRequest, status: Int?, reason: String, responseBytes: Int, nanoseconds: UInt64, complete: Bool,
        partlyShown: Bool = false
    ) {
        self.partlyShown = partlyShown
        self.request = request
        self.status = status
        self.reason = reason
        self.responseBytes = responseBytes
        self.nanoseconds = nanoseconds
        self.complete = complete
    }
}
