import SockshellCore

/// The terminal in raw mode for a TTY live session: every key, Ctrl-C and Ctrl-Z included, is a
/// byte for the container, and output is not post-processed (the container's pty already turned
/// its LFs into CR LF). The modes before are put back by `restore`, by the crash handler (which
/// saved the modes at start) and on every way out of the session.
public struct RawTerminal {
    private let descriptor: Int32
    private var saved: termios

    /// Raw mode on standard input's terminal; nil when standard input is not a terminal.
    public static func enter() -> RawTerminal? {
        var saved = termios()
        guard isatty(0) == 1, tcgetattr(0, &saved) == 0 else { return nil }
        var raw = saved
        cfmakeraw(&raw)
        // Reads return what is there (the poll said something is); OPOST off as cfmakeraw does.
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(0, TCSADRAIN, &raw) == 0 else { return nil }
        return RawTerminal(descriptor: 0, saved: saved)
    }

    /// The modes from before `enter`.
    public func restore() {
        var modes = saved
        _ = tcsetattr(descriptor, TCSADRAIN, &modes)
    }

    /// The terminal's rows and columns; nil when there is no terminal or it does not say (a pty
    /// created with size 0×0, as under `script`).
    public static func size() -> WindowSize? {
        for descriptor in [Int32(0), 1, 2] {
            var size = winsize()
            if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 {
                return WindowSize(rows: Int(size.ws_row), columns: Int(size.ws_col))
            }
        }
        return nil
    }
}
