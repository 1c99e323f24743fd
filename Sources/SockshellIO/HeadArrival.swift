#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SockshellCore
import Synchronization

/// Fired once by a background exchange's thread when the final response head has arrived or the
/// exchange has ended, and waited on by whoever started it. `GET /events &` must be subscribed
/// before the next line runs: a create typed (or scripted) right after it would otherwise reach
/// the daemon first and its event would never be seen.
final class HeadArrival: Sendable {
    /// How a wait ended.
    enum Wait: Equatable {
        /// The head arrived, or the exchange ended without one (its failure says why).
        case arrived
        case timedOut
        /// The interrupt descriptor became readable (Ctrl-C); the caller takes the signal.
        case interrupted
    }

    private let fired = Mutex(false)
    private let readEnd: Int32
    private let writeEnd: Int32

    /// Nil when the system refuses a pipe.
    init?() {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Marks the head as arrived; later calls do nothing. The byte stays in the pipe, so the read
    /// end stays readable for every later wait.
    func fire() {
        let first = fired.withLock { fired in
            defer { fired = true }
            return !fired
        }
        guard first else { return }
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    var hasArrived: Bool { fired.withLock { $0 } }

    /// True when `events` hold the final response head (not an interim 1xx).
    static func isAnnounced(by events: [ResponseEvent]) -> Bool {
        events.contains { if case .head = $0 { true } else { false } }
    }

    /// Waits until the head arrives, `deadline` (monotonic nanoseconds) passes, or
    /// `interruptDescriptor` becomes readable. `wakeDescriptor`, when readable, calls `onWake`
    /// (to print a job's output as it comes) and the wait goes on.
    func wait(until deadline: UInt64, interruptDescriptor: Int32, wakeDescriptor: Int32 = -1, onWake: () -> Void = {}) -> Wait {
        while true {
            if hasArrived { return .arrived }
            var entries = [
                pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0),
                pollfd(fd: interruptDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            // A negative descriptor is ignored by poll, so absent ones cost nothing.
            let ready = poll(&entries, nfds_t(entries.count), Posix.pollTimeout(until: deadline))
            if ready < 0 {
                if errno == EINTR { continue }
                return .timedOut
            }
            if entries[0].revents != 0 { return .arrived }
            if entries[1].revents != 0 { return .interrupted }
            if entries[2].revents != 0 { onWake() }
            if ready == 0, Posix.monotonicNanoseconds() >= deadline { return hasArrived ? .arrived : .timedOut }
        }
    }
}
