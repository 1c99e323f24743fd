import SockshellCore

/// A connection to an ssh:// endpoint: HTTP over the stdin and stdout of its own ssh process
/// (`SSHProcess`), kept alive across requests like a socket, one process per connection as the
/// docker CLI does (a background job or a live session opens its own). When ssh ends before a
/// single byte came back, the read says why ssh failed instead of "closed without answering".
final class SSHConnection: TransportConnection {
    private let socket: SocketConnection
    private let process: SSHProcess
    private var receivedAny = false

    var number: Int { socket.number }
    var endpoint: Endpoint { socket.endpoint }
    var completedExchanges: Int {
        get { socket.completedExchanges }
        set { socket.completedExchanges = newValue }
    }
    let opening: String?

    static func open(number: Int, remote: SSHEndpoint) throws(TransportFailure) -> SSHConnection {
        let (process, descriptor) = try SSHProcess.start(remote)
        return SSHConnection(
            socket: SocketConnection(number: number, endpoint: .ssh(remote), descriptor: descriptor),
            process: process)
    }

    private init(socket: SocketConnection, process: SSHProcess) {
        self.socket = socket
        self.process = process
        opening = "\(process.remote.commandLine) (pid \(process.pid))"
    }

    func writeAll(_ bytes: [UInt8]) throws(TransportFailure) -> Bool {
        if try socket.writeAll(bytes) { return true }
        if !receivedAny, let failure = process.failureAfterEnd() { throw .ssh(failure) }
        return false
    }

    func read(
        into buffer: inout [UInt8], deadline: UInt64?, interruptDescriptor: Int32, inputDescriptor: Int32,
        awaitingWritable: Bool
    ) throws(TransportFailure) -> ConnectionReadResult {
        let result = try socket.read(
            into: &buffer, deadline: deadline, interruptDescriptor: interruptDescriptor,
            inputDescriptor: inputDescriptor, awaitingWritable: awaitingWritable)
        switch result {
        case .bytes: receivedAny = true
        case .endOfStream where !receivedAny:
            if let failure = process.failureAfterEnd() { throw .ssh(failure) }
        default: break
        }
        return result
    }

    func sendAvailable(_ bytes: ArraySlice<UInt8>) throws(TransportFailure) -> Int? {
        try socket.sendAvailable(bytes)
    }

    /// An idle connection whose ssh has gone (the remote dropped it, a network change) is stale too.
    func isStale() -> Bool { socket.isStale() || process.hasExited }

    func shutdownBoth() { socket.shutdownBoth() }
    func shutdownWrite() { socket.shutdownWrite() }

    func close() {
        socket.close()
        process.end()
    }
}
