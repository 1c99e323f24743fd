import CSockshellSupport

/// Ctrl-C (SIGINT) as something a poll can wait on: a C handler counts the signal and writes a
/// byte to a self-pipe (Swift cannot write an async-signal-safe handler itself). Reached only
/// through `Cancellation`.
enum InterruptSignal {
    /// Installs the handler once; also ignores SIGPIPE so a closed peer is an error, not a death.
    static func install() {
        _ = sockshell_interrupt_install()
        sockshell_ignore_sigpipe()
    }

    /// The self-pipe's read end, or -1 when not installed (then nothing interrupts a wait).
    static var descriptor: Int32 { sockshell_interrupt_fd() }

    /// True when a Ctrl-C arrived that nobody has handled yet.
    static var isPending: Bool { sockshell_interrupt_pending() > 0 }

    /// Routes SIGTERM and SIGHUP to the same pipe, for the interactive shell's clean exit.
    static func installTermination() { _ = sockshell_terminate_install() }

    /// SIGTERM or SIGHUP if one arrived, else nil.
    static var terminationSignal: Int32? {
        let signal = sockshell_terminate_signal()
        return signal == 0 ? nil : signal
    }

    /// Marks pending Ctrl-Cs as handled.
    @discardableResult
    static func take() -> Int { Int(sockshell_interrupt_take()) }
}
