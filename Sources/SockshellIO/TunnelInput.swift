import SockshellCore
import Synchronization

/// What a live session types into an upgraded connection: the front end (keys, lines, a piped
/// stdin, a script's `send`) puts bytes in from its thread; the exchange's thread writes them to
/// the connection once the stream has opened. `end()` is the end of input: the exchange then
/// half-closes its connection (shutdown of the write side), as the docker CLI does.
public final class TunnelInput: Sendable {
    private struct State {
        var bytes: [UInt8] = []
        var ended = false
        /// A wake byte is in the pipe and not yet drained.
        var wakePending = false
    }

    /// Input queued but not yet written before the front end waits: a piped stdin is read only as
    /// fast as the connection takes it, so a stalled container does not make us buffer a file.
    public static let maxQueuedBytes = 256 * 1024

    private let state = Mutex(State())
    private let wakePipe: (read: OwnedDescriptor, write: OwnedDescriptor)

    /// Nil when the system refuses a pipe.
    public init?() {
        guard let pipe = try? OwnedDescriptor.pipe(nonBlocking: true) else { return nil }
        wakePipe = pipe
    }

    /// Readable when bytes or the end are waiting to be taken.
    var descriptor: Int32 { wakePipe.read.raw }

    /// Queues bytes to send; ignored after `end()`.
    public func send(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        update { state in
            guard !state.ended else { return }
            state.bytes += bytes
        }
    }

    /// No more input: once what is queued is written, the connection is half-closed.
    public func end() {
        update { $0.ended = true }
    }

    public var queuedBytes: Int { state.withLock { $0.bytes.count } }
    public var hasEnded: Bool { state.withLock { $0.ended } }

    /// What is waiting, and whether input has ended; empties the queue and the wake pipe.
    func take() -> (bytes: [UInt8], ended: Bool) {
        state.withLock { state in
            if state.wakePending {
                var drain = [UInt8](repeating: 0, count: 16)
                _ = try? Posix.readSome(from: wakePipe.read.raw, into: &drain)
                state.wakePending = false
            }
            defer { state.bytes.removeAll(keepingCapacity: true) }
            return (state.bytes, state.ended)
        }
    }

    /// The wake byte is written under the lock, so `take` never drains before it is there and
    /// never leaves one behind that would wake a wait with nothing to take.
    private func update(_ change: (inout State) -> Void) {
        state.withLock { state in
            change(&state)
            guard !state.wakePending, !state.bytes.isEmpty || state.ended else { return }
            state.wakePending = true
            try? Posix.writeAll(to: wakePipe.write.raw, [1][...])
        }
    }
}
