/// How long `sockshell serve` waits for a client and how many clients it holds at once, so a slow,
/// idle or flooding client costs bounded time and memory and never stops others being answered.
public struct ServeLimits: Sendable, Equatable {
    /// From a request's first byte to the blank line ending its head; also the longest wait for the
    /// next piece of a body. A client that trickles its head (one byte a second) is answered 408
    /// and closed. 10 s: a real client sends its whole head in one write, and nginx's
    /// client_header_timeout of 60 s is longer than a test or a terminal user wants to wait.
    public var headTimeoutNanoseconds: UInt64
    /// A connection with no request started (just opened, or between requests) is closed after this
    /// long with no byte. 120 s: longer than Go's DefaultTransport keeps idle connections (90 s),
    /// so a docker client drops an idle connection before serve does and never races its close.
    /// Also the longest an answer may wait for a client that stopped reading it.
    public var idleTimeoutNanoseconds: UInt64
    /// Connections open at once. A new one past the limit closes an idle connection to make room
    /// (one that never sent a request, oldest first, else one quiet for a second since its last
    /// answer); when every connection is busy, new ones wait to be accepted (in the listen queue,
    /// then in connect) until one ends, as nginx's do at worker_connections. 256:
    /// an idle connection costs a descriptor and a few hundred bytes, one being answered a thread
    /// (about 100 KiB resident), so 256 bound memory to tens of MiB and stay well below the usual
    /// 1024-descriptor limit.
    public var maxConnections: Int

    public init(headTimeoutNanoseconds: UInt64, idleTimeoutNanoseconds: UInt64, maxConnections: Int) {
        self.headTimeoutNanoseconds = headTimeoutNanoseconds
        self.idleTimeoutNanoseconds = idleTimeoutNanoseconds
        self.maxConnections = maxConnections
    }

    public static let standard = ServeLimits(
        headTimeoutNanoseconds: 10_000_000_000,
        idleTimeoutNanoseconds: 120_000_000_000,
        maxConnections: 256
    )
}
