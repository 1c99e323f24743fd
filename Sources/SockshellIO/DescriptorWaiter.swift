/// What a watched descriptor was found ready for when a wait ended.
public struct Readiness: OptionSet, Sendable {
    public let rawValue: UInt8

    /// Bytes to read, or the end of the stream (a read will not wait).
    public static let readable = Readiness(rawValue: 1 << 0)
    /// Room to write, or a connect that finished (SO_ERROR tells how).
    public static let writable = Readiness(rawValue: 1 << 1)
    /// The other end closed (a pipe's writers, a socket's peer).
    public static let hangup = Readiness(rawValue: 1 << 2)
    /// An error is pending on it, or it is not open (POLLERR, POLLNVAL).
    public static let failed = Readiness(rawValue: 1 << 3)

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    init(events: Int16) {
        var readiness: Readiness = []
        if events & Int16(POLLIN | POLLPRI) != 0 { readiness.insert(.readable) }
        if events & Int16(POLLOUT) != 0 { readiness.insert(.writable) }
        if events & Int16(POLLHUP) != 0 { readiness.insert(.hangup) }
        if events & Int16(POLLERR | POLLNVAL) != 0 { readiness.insert(.failed) }
        self = readiness
    }
}

/// One wait over several descriptors with a deadline: poll(2), the only one in the I/O layer.
/// Watch the descriptors, wait, then ask each watched one what it is ready for. A negative
/// descriptor (a signal pipe not installed, a descriptor closed) is never ready and costs nothing.
public struct DescriptorWaiter {
    public enum Interest: Sendable { case readable, writable }

    private var entries: [pollfd] = []

    public init() {}

    /// Watches `descriptor` for `interest` (hangup and errors always); returns its position for
    /// `readiness(at:)`.
    @discardableResult
    public mutating func watch(_ descriptor: Int32, for interest: Interest = .readable) -> Int {
        let events = interest == .readable ? POLLIN : POLLOUT
        entries.append(pollfd(fd: descriptor, events: Int16(events), revents: 0))
        return entries.count - 1
    }

    /// Forgets every watched descriptor, keeping the room for the next wait's.
    public mutating func removeAll() { entries.removeAll(keepingCapacity: true) }

    /// Waits until a watched descriptor is ready (true) or `deadline`, monotonic nanoseconds,
    /// passes (false; nil waits for ever, a deadline already passed only looks). A signal that
    /// interrupts the wait does not end it: it goes on for the time that is left.
    public mutating func wait(until deadline: UInt64?) throws(Errno) -> Bool {
        for index in entries.indices { entries[index].revents = 0 }
        let count = entries.count
        let ready = try entries.withUnsafeMutableBufferPointer { (buffer) throws(Errno) -> Int32 in
            let base = buffer.baseAddress
            return try Posix.systemCall { poll(base, nfds_t(count), Posix.pollTimeout(until: deadline)) }
        }
        return ready > 0
    }

    /// What the descriptor watched at `position` was ready for at the last wait; empty when it
    /// was not.
    public func readiness(at position: Int) -> Readiness { Readiness(events: entries[position].revents) }

    /// True when the descriptor at `position` was ready for anything (its interest, a hangup, an
    /// error): a read or an accept will then not wait.
    public func isReady(_ position: Int) -> Bool { entries[position].revents != 0 }
}
