import SockshellCore

extension DescriptorWaiter {
    /// A connection read's wait, the same for every transport: until the socket is ready for
    /// `interest` (nil: read it now) or something else decides what the read returns: the deadline
    /// (`.timedOut`), the interrupt, then, when nothing has arrived, a live session's input
    /// (`.inputReady`) or room to send it (`.writable`, when `awaitingWritable`).
    mutating func waitForConnection(
        _ socket: Int32, for interest: Interest = .readable, deadline: UInt64?, interruptDescriptor: Int32,
        inputDescriptor: Int32, awaitingWritable: Bool
    ) throws(TransportFailure) -> ConnectionReadResult? {
        removeAll()
        let connection = watch(socket, for: interest)
        let interrupt = watch(interruptDescriptor)
        let input = watch(inputDescriptor)
        let sink = watch(awaitingWritable ? socket : -1, for: .writable)
        do throws(Errno) {
            guard try wait(until: deadline) else { return .timedOut }
        } catch {
            throw SocketConnection.systemFailure("waiting for the response", code: error.code)
        }
        if isReady(interrupt) { return .interrupted }
        // What arrived is read first: output keeps flowing while input is typed.
        if !isReady(connection) {
            if isReady(input) { return .inputReady }
            if isReady(sink) { return .writable }
        }
        return nil
    }
}
