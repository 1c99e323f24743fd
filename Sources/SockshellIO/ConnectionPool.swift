import SockshellCore

/// Keeps at most one idle kept-alive connection to the current endpoint and numbers the
/// connections it opens (from the session's `ConnectionNumbers`), so the view can say "conn 3 (reused)".
final class ConnectionPool {
    private(set) var endpoint: Endpoint
    private var idle: (any TransportConnection)?
    /// Shared with the session's background jobs and live sessions (`ConnectionNumbers`).
    let numbers: ConnectionNumbers
    let connectTimeoutSeconds: Double
    /// What connections are opened through: sockets, or an in-process daemon in tests.
    let transport: any Transport

    init(
        endpoint: Endpoint, connectTimeoutSeconds: Double, transport: any Transport = SocketTransport(),
        numbers: ConnectionNumbers = ConnectionNumbers()
    ) {
        self.endpoint = endpoint
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.transport = transport
        self.numbers = numbers
    }

    /// A connection for the next exchange: the idle one if the server has not closed it, else a
    /// new one. `staleNumber` says which idle connection was found closed, for the view.
    func acquire() throws(TransportFailure) -> (connection: any TransportConnection, staleNumber: Int?) {
        var staleNumber: Int?
        if let connection = idle {
            idle = nil
            if !connection.isStale() { return (connection, nil) }
            staleNumber = connection.number
            connection.close()
        }
        return (try openNew(), staleNumber)
    }

    func openNew() throws(TransportFailure) -> any TransportConnection {
        let number = numbers.take()
        do {
            return try transport.open(number: number, endpoint: endpoint, timeoutSeconds: connectTimeoutSeconds)
        } catch {
            numbers.giveBack(number)
            throw error
        }
    }

    /// Hands a connection back after an exchange; it is kept only if the response allowed it.
    func release(_ connection: any TransportConnection, keepAlive: Bool) {
        if keepAlive && connection.endpoint == endpoint {
            connection.completedExchanges += 1
            idle?.close()
            idle = connection
        } else {
            connection.close()
        }
    }

    func switchEndpoint(to newEndpoint: Endpoint) {
        idle?.close()
        idle = nil
        endpoint = newEndpoint
    }

    func closeAll() {
        idle?.close()
        idle = nil
    }
}
