import SockshellCore
import Synchronization

/// What the relay threads hand the tap's display: copies of the bytes they forwarded and the
/// moments a connection opened, finished a direction or closed. The relays never wait for the
/// display: past `maxQueuedBytes` they drop the bytes (the display says how many) and go on
/// forwarding, so a slow terminal never slows a client.
public final class TapFeed: Sendable {
    public typealias Item = TapNotice

    /// Bytes waiting for the display before relays start dropping them: a terminal that stalls a
    /// moment under a fast stream loses nothing; a stalled one costs at most this much memory. 16 MiB
    /// put 50 streaming clients at 54 MiB, over the tap's 40 MiB (bench/tap).
    static let maxQueuedBytes = 4 * 1024 * 1024

    private struct State {
        var items: [Item] = []
        var queuedBytes = 0
        var closed = false
    }

    private let state = Mutex(State())
    /// Readable when items are waiting; written only when the queue goes from empty to not.
    private let wakePipe: (read: OwnedDescriptor, write: OwnedDescriptor)

    public init() throws(Errno) {
        wakePipe = try OwnedDescriptor.pipe(nonBlocking: true)
    }

    /// The descriptor the display waits on.
    public var wakeDescriptor: Int32 { wakePipe.read.raw }

    func send(_ item: Item) {
        let wasEmpty = state.withLock { state -> Bool in
            let wasEmpty = state.items.isEmpty
            if case .bytes(let connection, let direction, let bytes, _) = item,
                state.queuedBytes + bytes.count > Self.maxQueuedBytes
            {
                if case .skipped(connection, direction, let count)? = state.items.last {
                    state.items[state.items.count - 1] = .skipped(
                        connection: connection, direction: direction, count: count + bytes.count)
                } else {
                    state.items.append(.skipped(connection: connection, direction: direction, count: bytes.count))
                }
                return wasEmpty
            }
            if case .bytes(_, _, let bytes, _) = item { state.queuedBytes += bytes.count }
            state.items.append(item)
            return wasEmpty
        }
        if wasEmpty { try? Posix.writeAll(to: wakePipe.write.raw, [1][...]) }
    }

    /// What a view takes at once at most: it looks for a stop between batches, so Ctrl-C is heard
    /// within one batch's rendering even when a fast stream has filled the queue.
    static let batchBytes = 1024 * 1024

    /// The oldest items waiting, up to about `batchBytes` of bytes, and whether more wait; empties
    /// the wake pipe first so a send after it wakes again.
    public func take() -> (items: [Item], more: Bool) {
        // A send writes one byte per empty-to-not transition and every take drains first, so one
        // read almost always empties the pipe: a short read means it is empty, without a second
        // read to see EAGAIN (one system call less per wake, 24,000 in a 200 MB exec).
        var drain = [UInt8](repeating: 0, count: 64)
        while let count = try? Posix.readSome(from: wakePipe.read.raw, into: &drain), count == drain.count {}
        return state.withLock { state in
            var taken = 0
            var bytes = 0
            while taken < state.items.count, bytes < Self.batchBytes {
                if case .bytes(_, _, let chunk, _) = state.items[taken] { bytes += chunk.count }
                taken += 1
            }
            let items = Array(state.items[..<taken])
            state.items.removeFirst(taken)
            state.queuedBytes -= bytes
            return (items, !state.items.isEmpty)
        }
    }
}
