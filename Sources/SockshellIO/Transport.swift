import SockshellCore

/// What an exchange needs of the thing in front of a daemon: open a connection to an endpoint.
/// The shell sends through `SocketTransport`; tests pass an in-process one (TestSupport's
/// `InProcessDaemon`), so a session's commands, variables, expectations and errors are tested
/// without a daemon, as hummingbird tests a router without a server.
public protocol Transport: Sendable {
    /// A new connection, numbered `number` for the view ("conn 3").
    func open(number: Int, endpoint: Endpoint, timeoutSeconds: Double) throws(TransportFailure)
        -> any TransportConnection
}

/// One open two-way byte stream, as `ExchangeRunner` drives it: write the request whole, read
/// what comes, until the response is framed. Not shared between threads: each job opens its own.
public protocol TransportConnection: AnyObject {
    var number: Int { get }
    var endpoint: Endpoint { get }
    /// Exchanges this connection has completed; more than zero means the next one reuses it.
    var completedExchanges: Int { get set }
    /// What opening it took, for the view's line under a new connection (the ssh command, the TLS
    /// session); nil for a plain socket.
    var opening: String? { get }
    /// Writes every byte (one request, whole). False when the peer has gone.
    func writeAll(_ bytes: [UInt8]) throws(TransportFailure) -> Bool
    /// Reads what is available into `buffer`, waiting at most until `deadline` (nil: forever) and
    /// waking early when `interruptDescriptor` becomes readable (Ctrl-C, a job's stop pipe). A live
    /// session also wakes it, when nothing has arrived, with `.inputReady` once `inputDescriptor`
    /// is readable (typed bytes; -1: none) and with `.writable` once the connection takes more
    /// bytes (`awaitingWritable`: input is waiting to be sent).
    func read(
        into buffer: inout [UInt8], deadline: UInt64?, interruptDescriptor: Int32, inputDescriptor: Int32,
        awaitingWritable: Bool
    ) throws(TransportFailure) -> ConnectionReadResult
    /// Sends what the connection takes now without waiting (a live session's input: a container
    /// that does not read its stdin must not stop us reading its output). The count sent (0 when
    /// the connection takes nothing now); nil when the peer takes no more (EPIPE, ECONNRESET).
    func sendAvailable(_ bytes: ArraySlice<UInt8>) throws(TransportFailure) -> Int?
    /// True when an idle kept-alive connection was closed by the peer (or has unexpected bytes).
    func isStale() -> Bool
    /// Stops both directions now, which wakes any reader; used on Ctrl-C.
    func shutdownBoth()
    /// Ends our direction only (a live session's end of input), as the docker CLI's CloseWrite
    /// does: the daemon sees EOF on stdin and the output keeps coming until it closes.
    func shutdownWrite()
    func close()
}

extension TransportConnection {
    public var opening: String? { nil }

    /// A read that only the deadline and the interrupt end early.
    func read(into buffer: inout [UInt8], deadline: UInt64?, interruptDescriptor: Int32) throws(TransportFailure)
        -> ConnectionReadResult
    {
        try read(
            into: &buffer, deadline: deadline, interruptDescriptor: interruptDescriptor, inputDescriptor: -1,
            awaitingWritable: false)
    }
}

/// What one read found.
public enum ConnectionReadResult: Equatable, Sendable {
    case bytes(Int)
    case endOfStream
    case timedOut
    case interrupted
    /// The input descriptor became readable first (nothing was read from the connection).
    case inputReady
    /// The connection takes more bytes (nothing was read from it).
    case writable
}

/// The real transport: a stream socket per connection (unix or TCP), with TLS over TCP when asked,
/// or an ssh process's.
public struct SocketTransport: Transport {
    public init() {}

    public func open(number: Int, endpoint: Endpoint, timeoutSeconds: Double) throws(TransportFailure)
        -> any TransportConnection
    {
        if case .ssh(let remote) = endpoint { return try SSHConnection.open(number: number, remote: remote) }
        if case .tls(let tls) = endpoint {
            return try TLSConnection.open(number: number, tls: tls, timeoutSeconds: timeoutSeconds)
        }
        return try SocketConnection.open(number: number, endpoint: endpoint, timeoutSeconds: timeoutSeconds)
    }
}

extension SocketConnection: TransportConnection {}
