import Synchronization

/// Something that happens once (a background exchange's response head arrived, it ended), fired
/// by the thread that sees it and waited on by others: a pipe that becomes readable, so a wait
/// sleeps in poll beside Ctrl-C and other descriptors instead of checking every few milliseconds.
final class OneShotEvent: Sendable {
    /// How a wait ended.
    enum Wait: Equatable {
        /// The event has happened.
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

    /// Marks the event as happened; later calls do nothing. The byte stays in the pipe, so the read
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

    /// Readable from the moment the event has happened on, for a wait over other descriptors too.
    var descriptor: Int32 { ends.read.raw }

    /// Waits until the event, `deadline` (monotonic nanoseconds; nil: none) passes, or
    /// `interruptDescriptor` becomes readable. `wakeDescriptor`, when readable, calls `onWake`
    /// (to print a job's output as it comes) and the wait goes on.
    func wait(until deadline: UInt64?, interruptDescriptor: Int32, wakeDescriptor: Int32 = -1, onWake: () -> Void = {})
        -> Wait
    {
        while true {
            if hasArrived { return .arrived }
            var waiter = DescriptorWaiter()
            let event = waiter.watch(ends.read.raw)
            // A negative descriptor is never ready, so absent ones cost nothing.
            let interrupt = waiter.watch(interruptDescriptor)
            let wake = waiter.watch(wakeDescriptor)
            guard let ready = try? waiter.wait(until: deadline) else { return .timedOut }
            if waiter.isReady(event) { return .arrived }
            if waiter.isReady(interrupt) { return .interrupted }
            if waiter.isReady(wake) { onWake() }
            if !ready, let deadline, Posix.monotonicNanoseconds() >= deadline {
                return hasArrived ? .arrived : .timedOut
            }
        }
    }
}
