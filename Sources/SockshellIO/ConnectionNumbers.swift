import Synchronization

/// Numbers the connections one session opens, in the foreground and in its background jobs and
/// live sessions alike, so that "conn 3" names one socket on the screen (each job's pool used
/// to start again at 1, and three sockets were all "conn 1"). Shared across threads.
final class ConnectionNumbers: Sendable {
    private let next = Mutex(1)

    init() {}

    /// The number for a connection about to be opened.
    func take() -> Int {
        next.withLock { next in
            defer { next += 1 }
            return next
        }
    }

    /// A connection that could not be opened gives its number back, unless another has been
    /// taken since (then the gap stays: numbers are never given twice).
    func giveBack(_ number: Int) {
        next.withLock { next in
            if next == number + 1 { next = number }
        }
    }
}
