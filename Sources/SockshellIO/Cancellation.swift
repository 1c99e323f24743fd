/// A descriptor that becomes readable when a wait should end, and how to mark that as handled.
///
/// Ctrl-C is reached only through here (`Cancellation.interruptSignal`), never through the C
/// handler's global state, so every wait that Ctrl-C ends and every place that handles it can be
/// found from this one type. SIGTERM and SIGHUP share Ctrl-C's pipe; they are here too.
public struct Cancellation: Sendable {
    /// Read at each wait, since Ctrl-C's pipe may be installed after a session is made.
    private let descriptorNow: @Sendable () -> Int32
    private let acknowledgeNow: @Sendable () -> Void
    private let pendingNow: @Sendable () -> Bool

    init(
        descriptorNow: @escaping @Sendable () -> Int32, acknowledge: @escaping @Sendable () -> Void,
        isPending: @escaping @Sendable () -> Bool = { false }
    ) {
        self.descriptorNow = descriptorNow
        self.acknowledgeNow = acknowledge
        self.pendingNow = isPending
    }

    /// Readable once the wait should end; -1 when nothing can end it.
    public var descriptor: Int32 { descriptorNow() }

    /// True when a request to end arrived that nobody has handled yet.
    public var isPending: Bool { pendingNow() }

    /// Marks the request to end as handled, so the next wait waits again.
    public func acknowledge() { acknowledgeNow() }

    /// Ctrl-C, for what runs in the foreground.
    public static let interruptSignal = Cancellation(
        descriptorNow: { InterruptSignal.descriptor }, acknowledge: { InterruptSignal.take() },
        isPending: { InterruptSignal.isPending })

    /// Makes Ctrl-C end waits (once; later calls do nothing); a closed peer becomes an error, not a death.
    public static func installInterrupt() { InterruptSignal.install() }

    /// Makes SIGTERM and SIGHUP end waits too, for a clean exit of the interactive shell and serve.
    public static func installTermination() { InterruptSignal.installTermination() }

    /// SIGTERM or SIGHUP if one arrived, else nil.
    public static var terminationSignal: Int32? { InterruptSignal.terminationSignal }
}
