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
    private let ends: (read: OwnedDescriptor, write: OwnedDescriptor)

    /// Nil when the system refuses a pipe.
    init?() {
        guard let ends = try? OwnedDescriptor.pipe() else { return nil }
        self.ends = ends
    }

    /// Marks the head as arrived; later calls do nothing. The byte stays in the pipe, so the read
    /// end stays readable for every later wait.
    func fire() {
        let first = fired.withLock { fired in
            defer { fired = true }
            return !fired
        }
        guard first else { return }
        try? Posix.writeAll(to: ends.write.raw, [1][...])
    }

    var hasArrived: Bool { fired.withLock { $0 } }

    /// True when `events` hold the final response head (not an interim 1xx).
    static func isAnnounced(by events: [MessageEvent]) -> Bool {
        events.contains { if case .head = $0 { true } else { false } }
    }

    /// Waits until the head arrives, `deadline` (monotonic nanoseconds) passes, or
    /// `interruptDescriptor` becomes readable. `wakeDescriptor`, when readable, calls `onWake`
    /// (to print a job's output as it comes) and the wait goes on.
    func wait(until deadline: UInt64, interruptDescriptor: Int32, wakeDescriptor: Int32 = -1, onWake: () -> Void = {}) -> Wait {
        while true {
            if hasArrived { return .arrived }
            var waiter = DescriptorWaiter()
            let head = waiter.watch(ends.read.raw)
            // A negative descriptor is never ready, so absent ones cost nothing.
            let interrupt = waiter.watch(interruptDescriptor)
            let wake = waiter.watch(wakeDescriptor)
            guard let ready = try? waiter.wait(until: deadline) else { return .timedOut }
            if waiter.isReady(head) { return .arrived }
            if waiter.isReady(interrupt) { return .interrupted }
            if waiter.isReady(wake) { onWake() }
            if !ready, Posix.monotonicNanoseconds() >= deadline { return hasArrived ? .arrived : .timedOut }
        }
    }
}
