import SockshellCore

/// One tapped client connection and the upstream connection opened for it, relayed on one thread:
/// bytes are forwarded verbatim both ways as they arrive, an EOF from either side is passed on as
/// `shutdown(SHUT_WR)` while the other direction keeps flowing, and the pair ends when both
/// directions have ended or a side goes away (EPIPE, ECONNRESET: torn down quietly).
///
/// Backpressure instead of memory: a direction holds at most one read (`readBytes`) not yet
/// written; until the other side has taken it, that direction's source is not read, so a slow
/// reader slows its writer as a direct connection would.
struct RelayedPair {
    /// One read per direction: large enough for a 32 KiB build-context chunk with its framing in
    /// one call, small enough that 50 streaming clients stay far under the tap's 40 MiB.
    static let readBytes = 64 * 1024

    private struct Direction {
        let from: OwnedDescriptor
        let to: OwnedDescriptor
        let which: TapDirection
        var buffer = [UInt8](repeating: 0, count: RelayedPair.readBytes)
        /// Bytes read into `buffer` and not yet written: `pendingStart..<pendingEnd`.
        var pendingStart = 0
        var pendingEnd = 0
        /// The source sent EOF; once the pending bytes are written, the EOF is passed on.
        var sourceEnded = false
        var endPassedOn = false

        var hasPending: Bool { pendingStart < pendingEnd }
        var done: Bool { endPassedOn }
    }

    let number: Int
    let client: OwnedDescriptor
    let upstream: OwnedDescriptor
    let feed: TapFeed
    /// Readable when the tap stops: the pair ends at once.
    let stopDescriptor: Int32

    /// Relays until both directions are done or a side fails; says how it ended in the feed.
    func run() {
        setNonBlocking(client.raw)
        setNonBlocking(upstream.raw)
        var toServer = Direction(from: client, to: upstream, which: .toServer)
        var toClient = Direction(from: upstream, to: client, which: .toClient)
        var waiter = DescriptorWaiter()
        let ending: String
        relaying: while true {
            if toServer.done && toClient.done {
                ending = "closed: both sides finished"
                break
            }
            waiter.removeAll()
            let stop = waiter.watch(stopDescriptor)
            let positions = [watch(toServer, in: &waiter), watch(toClient, in: &waiter)]
            do throws(Errno) {
                _ = try waiter.wait(until: nil)
            } catch {
                ending = "closed: waiting failed: \(error)"
                break
            }
            if waiter.isReady(stop) {
                ending = "closed: the tap is stopping"
                break
            }
            for (index, position) in positions.enumerated() {
                guard let position else { continue }
                let readiness = waiter.readiness(at: position)
                guard !readiness.isEmpty else { continue }
                let failure =
                    index == 0
                    ? step(&toServer, readiness: readiness) : step(&toClient, readiness: readiness)
                if let failure {
                    ending = failure
                    break relaying
                }
            }
        }
        client.close()
        upstream.close()
        feed.send(.closed(connection: number, reason: ending, at: Posix.monotonicNanoseconds()))
    }

    /// Watches what the direction waits for: its source when nothing is pending, else its sink.
    private func watch(_ direction: Direction, in waiter: inout DescriptorWaiter) -> Int? {
        if direction.hasPending { return waiter.watch(direction.to.raw, for: .writable) }
        if !direction.sourceEnded { return waiter.watch(direction.from.raw, for: .readable) }
        return nil
    }

    /// Does what the readiness allows; a sentence when the pair must end.
    private func step(_ direction: inout Direction, readiness: Readiness) -> String? {
        if direction.hasPending {
            return flush(&direction)
        }
        let source = direction.from.raw
        let count: Int
        do throws(Errno) {
            count = try direction.buffer.withUnsafeMutableBufferPointer { (raw) throws(Errno) -> Int in
                try Posix.systemCall { recv(source, raw.baseAddress, raw.count, 0) }
            }
        } catch {
            if error.code == EAGAIN || error.code == EWOULDBLOCK { return nil }
            return gone(direction.which, reading: true, error)
        }
        let now = Posix.monotonicNanoseconds()
        if count == 0 {
            direction.sourceEnded = true
            feed.send(.ended(connection: number, direction: direction.which, at: now))
            return flush(&direction)
        }
        feed.send(.bytes(connection: number, direction: direction.which, Array(direction.buffer[0..<count]), at: now))
        direction.pendingStart = 0
        direction.pendingEnd = count
        // Most writes go through at once: no wait for writability first.
        return flush(&direction)
    }

    /// Writes what is pending without waiting; passes an EOF on once nothing is. A sentence
    /// when the sink has gone.
    private func flush(_ direction: inout Direction) -> String? {
        let sink = direction.to.raw
        while direction.hasPending {
            let start = direction.pendingStart
            let end = direction.pendingEnd
            let written: Int
            do throws(Errno) {
                written = try direction.buffer.withUnsafeBufferPointer { (raw) throws(Errno) -> Int in
                    try Posix.systemCall { send(sink, raw.baseAddress! + start, end - start, Int32(MSG_NOSIGNAL)) }
                }
            } catch {
                if error.code == EAGAIN || error.code == EWOULDBLOCK { return nil }
                return gone(direction.which, reading: false, error)
            }
            direction.pendingStart += written
        }
        if direction.sourceEnded && !direction.endPassedOn {
            direction.endPassedOn = true
            // The peer may have closed already; the other direction still tells us when it is over.
            _ = shutdown(sink, Int32(SHUT_WR))
        }
        return nil
    }

    private func gone(_ direction: TapDirection, reading: Bool, _ error: Errno) -> String {
        let side =
            (direction == .toServer) == reading ? "the client" : "the daemon"
        if error.code == EPIPE || error.code == ECONNRESET {
            return "closed: \(side) went away (\(error.code == EPIPE ? "EPIPE" : "ECONNRESET"))"
        }
        return "closed: \(reading ? "reading from" : "writing to") \(side) failed: \(error)"
    }

    private func setNonBlocking(_ descriptor: Int32) {
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
    }
}
