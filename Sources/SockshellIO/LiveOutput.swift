import SockshellCore
import Synchronization

/// What a live session's exchange thread has rendered and the terminal has not yet written. Unlike a
/// job's output it never drops: past `maxQueuedBytes` the exchange thread waits for the terminal, so
/// a container printing fast is slowed to what the terminal takes, as with `docker exec`.
final class LiveOutput: Sendable {
    /// Rendered output held for the terminal before the exchange stops reading the socket: a few
    /// large reads, so a fast stream is written in big pieces.
    static let maxQueuedBytes = 1024 * 1024

    private struct State {
        var bytes: [UInt8] = []
        var dataWakePending = false
        var producerWaiting = false
        /// The terminal has stopped taking output (the session ended): appends are dropped.
        var discarding = false
    }

    private let state = Mutex(State())
    /// Readable when output is waiting.
    private let data: (read: OwnedDescriptor, write: OwnedDescriptor)
    /// Readable when the terminal has taken output the producer waits to add to.
    private let space: (read: OwnedDescriptor, write: OwnedDescriptor)

    init?() {
        guard let data = try? OwnedDescriptor.pipe(nonBlocking: true),
            let space = try? OwnedDescriptor.pipe(nonBlocking: true)
        else { return nil }
        self.data = data
        self.space = space
    }

    /// Readable when `take` has something.
    var descriptor: Int32 { data.read.raw }

    /// Adds rendered output; waits while the queue is full and the terminal still takes output.
    func append(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        while true {
            let full = state.withLock { state -> Bool in
                if state.discarding { return false }
                if state.bytes.count >= Self.maxQueuedBytes {
                    state.producerWaiting = true
                    return true
                }
                state.bytes += bytes
                if !state.dataWakePending {
                    state.dataWakePending = true
                    try? Posix.writeAll(to: data.write.raw, [1][...])
                }
                return false
            }
            guard full else { return }
            var waiter = DescriptorWaiter()
            waiter.watch(space.read.raw)
            _ = try? waiter.wait(until: nil)
            var drain = [UInt8](repeating: 0, count: 16)
            _ = try? Posix.readSome(from: space.read.raw, into: &drain)
        }
    }

    /// Everything waiting; lets a waiting producer go on.
    func take() -> [UInt8] {
        state.withLock { state in
            if state.dataWakePending {
                var drain = [UInt8](repeating: 0, count: 16)
                _ = try? Posix.readSome(from: data.read.raw, into: &drain)
                state.dataWakePending = false
            }
            if state.producerWaiting {
                state.producerWaiting = false
                try? Posix.writeAll(to: space.write.raw, [1][...])
            }
            defer { state.bytes.removeAll(keepingCapacity: true) }
            return state.bytes
        }
    }

    /// The terminal takes no more: what is queued and what comes later is dropped, and a waiting
    /// producer goes on (its exchange is being stopped).
    func discard() {
        state.withLock { state in
            state.discarding = true
            state.bytes = []
            if state.producerWaiting {
                state.producerWaiting = false
                try? Posix.writeAll(to: space.write.raw, [1][...])
            }
        }
    }
}
