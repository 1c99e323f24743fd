import CSockshellSupport

/// Resize (SIGWINCH) and Ctrl-Z (SIGTSTP) as things a poll can wait on, on a self-pipe of their
/// own (a resize must not end a request the way Ctrl-C does), and the terminal's first modes for
/// the crash handlers to put back.
public enum TerminalSignals {
    public struct Events: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let resized = Events(rawValue: SOCKSHELL_TERMINAL_RESIZED)
        public static let suspend = Events(rawValue: SOCKSHELL_TERMINAL_SUSPEND)
    }

    /// For the interactive shell and the pager: the resize handler and the terminal-events pipe.
    public static func install() {
        _ = sockshell_terminal_save()
        _ = sockshell_terminal_signals_install()
    }

    /// When standard input is a terminal: Swift's backtracer, on a crash or Ctrl-\, would print
    /// a report and hold the terminal with an interactive prompt for 30 s. Instead a crash puts the
    /// terminal's modes back and says so in one line, and Ctrl-\ quits as in any program. Setting
    /// SWIFT_BACKTRACE (to get the report, e.g. SWIFT_BACKTRACE=interactive=no) leaves the
    /// backtracer in charge.
    public static func keepTerminalFromCrashReporter(environment: [String: String]) {
        // Any standard stream on a terminal: Ctrl-\ reaches a script piped in too, and a crash
        // report would take the terminal its output is on.
        guard isatty(0) == 1 || isatty(1) == 1 || isatty(2) == 1, environment["SWIFT_BACKTRACE"] == nil else { return }
        _ = sockshell_terminal_save()
        _ = sockshell_crash_handlers_install()
    }

    /// The pipe's read end, or -1 when not installed.
    public static var descriptor: Int32 { sockshell_terminal_signals_fd() }

    /// What happened since the last take.
    public static func take() -> Events { Events(rawValue: sockshell_terminal_signals_take()) }

    /// While true, Ctrl-Z is an event to handle (at the prompt, in `fg N`); otherwise it stops
    /// the process as usual (during a request, whose wait then simply resumes).
    public static func catchSuspend(_ on: Bool) { _ = sockshell_catch_suspend(on ? 1 : 0) }

    /// Stops the process as Ctrl-Z does; returns once `fg` continues it. Ctrl-Z is then
    /// caught again.
    public static func suspendSelf() {
        sockshell_suspend_self()
        catchSuspend(true)
    }

    /// While a program we run has the terminal (the editor): Ctrl-Z does not stop us, so that we
    /// stop only after it has (`stopUntilContinued`). Otherwise the shell that started us takes
    /// the terminal back while the editor is still inside a read of it, and the editor takes the
    /// next line typed at the shell (`fg`).
    public static func deferSuspend(_ on: Bool) { _ = sockshell_defer_suspend(on ? 1 : 0) }

    /// Stops the process as Ctrl-Z does and returns once `fg` continues it; SIGTSTP is left at
    /// its default.
    public static func stopUntilContinued() { sockshell_suspend_self() }

    /// The modes the terminal had when `install` ran.
    public static func restoreTerminal() { _ = sockshell_terminal_restore() }
}
