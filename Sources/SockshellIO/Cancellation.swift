/// A descriptor that becomes readable when a wait should end, and how to mark that as handled.
struct Cancellation: Sendable {
    /// Read at each wait, since Ctrl-C's pipe may be installed after a session is made.
    var descriptorNow: @Sendable () -> Int32
    var acknowledge: @Sendable () -> Void

    var descriptor: Int32 { descriptorNow() }

    /// Ctrl-C, for the exchange in the foreground.
    static var interruptSignal: Cancellation {
        Cancellation(descriptorNow: { InterruptSignal.descriptor }, acknowledge: { InterruptSignal.take() })
    }
}
