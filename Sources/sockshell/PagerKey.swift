import SockshellIO

/// One key between pages (`replay --show`), as `less` and `more` take it: no Enter needed, the key
/// is not echoed, and the terminal's modes are put back before anything else is printed.
enum PagerKey {
    enum Choice: Equatable { case next, stop }

    /// The key wait `SessionReplayer.waitForNextExchange` takes: true for the next exchange.
    static func waitForNext(prompt: () -> Void) -> Bool {
        wait(prompt: prompt) == .next
    }

    /// Waits for Enter, space or n (next) or q, Esc, Ctrl-D or Ctrl-C (stop); other keys are
    /// ignored. End of input, SIGTERM/SIGHUP/Ctrl-\ stop too. Ctrl-Z stops the process with the
    /// terminal given back, and the wait goes on after `fg`.
    /// `prompt` is printed once the terminal takes single keys: a key pressed as soon as the
    /// prompt shows is then never taken by the cooked terminal (Ctrl-D there would be lost).
    static func wait(prompt: () -> Void) -> Choice {
        var saved = termios()
        let isTerminal = tcgetattr(0, &saved) == 0
        func enterKeyMode() {
            guard isTerminal else { return }
            var keys = saved
            // Keys one at a time and unechoed; ISIG stays on, so Ctrl-C and Ctrl-Z are signals.
            keys.c_lflag &= ~tcflag_t(ICANON | ECHO)
            withUnsafeMutableBytes(of: &keys.c_cc) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
            tcsetattr(0, TCSADRAIN, &keys)
        }
        func restore() { if isTerminal { tcsetattr(0, TCSADRAIN, &saved) } }
        enterKeyMode()
        defer { restore() }
        TerminalSignals.catchSuspend(true)
        defer { TerminalSignals.catchSuspend(false) }
        // Only now: a Ctrl-Z pressed as the prompt shows must find the handler that gives the
        // terminal back before stopping (the default stop would leave it in single keys).
        prompt()
        var waiter = DescriptorWaiter()
        let keys = waiter.watch(TerminalInput.descriptor)
        let interrupt = waiter.watch(Cancellation.interruptSignal.descriptor)
        let terminal = waiter.watch(TerminalSignals.descriptor)
        var byte: [UInt8] = [0]
        while true {
            if Cancellation.terminationSignal != nil { return .stop }
            guard (try? waiter.wait(until: nil)) != nil else { return .stop }
            if waiter.isReady(interrupt) {
                Cancellation.interruptSignal.acknowledge()
                return .stop
            }
            if waiter.isReady(terminal), TerminalSignals.take().contains(.suspend) {
                restore()
                TerminalSignals.suspendSelf()
                enterKeyMode()
                // After `fg` the shell left the cursor on a fresh line: say again what is awaited.
                prompt()
                continue
            }
            guard waiter.isReady(keys) else { continue }
            // Never blocks: a Ctrl-C may have flushed the key poll saw (TerminalInput).
            let count: Int?
            do throws(Errno) { count = try TerminalInput.read(into: &byte) } catch { return .stop }
            guard let count else { continue }
            guard count == 1 else { return .stop }
            switch byte[0] {
            case 0x0A, 0x0D, 0x20, UInt8(ascii: "n"): return .next
            // NUL: a Ctrl-D typed while the terminal was still cooked (the exchange printing),
            // which the driver hands over as NUL once single keys are on.
            case UInt8(ascii: "q"), UInt8(ascii: "Q"), 0x1B, 0x04, 0x03, 0x00: return .stop
            default: continue
            }
        }
    }
}
