/// How a live session ended, for the line the shell prints after it (and a script's check).
public enum LiveSessionEnding: Sendable, Equatable {
    /// The detach keys were typed: our side closed, the container goes on.
    case detached(keys: String)
    /// The other side closed the stream while input was still open.
    case remoteClosed
    /// Input ended (Ctrl-D, a pipe's end, `close`), the connection was half-closed, and then the
    /// other side finished and closed.
    case halfClosedThenClosed
    /// Ctrl-C before the stream opened, or `stop`: our side closed.
    case interrupted
    /// SIGTERM or SIGHUP: the shell is stopping; the terminal was put back first.
    case terminated
    /// The exchange failed (the daemon went away, a malformed answer).
    case failed(String)

    /// The line after the session, naming how it ended and what can follow. `tty`: the session had
    /// a TTY. Without one the daemon cannot detach (it takes the keys as input), so closing the
    /// connection closes the process's stdin, and the line says so.
    public func line(reattach: String?, tty: Bool = true) -> String {
        switch self {
        case .detached(let keys) where !tty:
            return "* live session closed by the detach keys (\(keys)): without a TTY Docker cannot detach, "
                + "so the process's stdin was closed too (a program that reads it, like sh, ends)"
        case .detached(let keys):
            let again = reattach.map { ": \($0) gets back in" } ?? ""
            return "* live session detached (\(keys)); the container keeps running\(again)"
        case .remoteClosed:
            // The process ended, or the request asked for no stream (stream=0: only what was logged).
            return "* live session ended: the daemon closed the stream"
        case .halfClosedThenClosed:
            return "* live session ended: input closed (half-close sent), then the daemon closed the stream"
        case .interrupted:
            return "* live session ended: interrupted, the connection was closed"
        case .terminated:
            return "* live session ended: the shell was asked to stop, the connection was closed"
        case .failed(let reason):
            return "* live session ended: \(reason)"
        }
    }
}
