import SockshellCore
import SockshellIO

/// Writes views to stdout and diagnostics to stderr with plain write(2): no buffering to lose
/// on exit, and every byte run reaches the terminal the moment it arrives.
final class StandardStreams: OutputSink {
    /// Whether stdout's last byte ended a line, so a prompt never lands after a body like `OK`.
    private(set) var atLineStart = true

    func write(_ bytes: ArraySlice<UInt8>) {
        guard let last = bytes.last else { return }
        Self.writeAll(1, bytes)
        atLineStart = last == 0x0A
    }

    /// Ends a line left open by the last output.
    func ensureLineStart() {
        if !atLineStart { write([0x0A][...]) }
    }

    /// A diagnostic can quote bytes we did not write (a reason phrase, a malformed head, a
    /// client's request line in serve's log): on a terminal their control bytes are escaped.
    func diagnostic(_ text: String) {
        let shown = Self.diagnosticsReachTerminal ? ControlByteEscaper.escaped(text) : text
        Self.writeAll(2, Array("sockshell: \(shown)\n".utf8)[...])
    }

    /// Decided once: standard error does not change while sockshell runs.
    private static let diagnosticsReachTerminal = Terminal.isTerminal(2)

    private static func writeAll(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) {
        do throws(Errno) {
            try Posix.writeAll(to: descriptor, bytes)
        } catch {
            // The reader went away (a pipe into `head`, say): stop quietly, as cat does.
            if error.code == EPIPE { exit(1) }
        }
    }
}

enum Terminal {
    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }
}

enum TextFile {
    static func read(_ path: String) -> String? {
        guard let file = try? OwnedDescriptor.opened(by: { open(path, O_RDONLY | O_CLOEXEC) }),
            let bytes = try? Posix.readAll(from: file.raw)
        else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Creates or replaces `path` (mode 0666 less the umask, as fopen does) with `text`.
    static func write(_ text: String, to path: String) -> Bool {
        let flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
        guard let file = try? OwnedDescriptor.opened(by: { open(path, flags, 0o666) }) else { return false }
        return (try? Posix.writeAll(to: file.raw, Array(text.utf8)[...])) != nil
    }

    /// True when both paths name one existing file (same device and inode).
    static func isSameFile(_ first: String, _ second: String) -> Bool {
        var a = stat()
        var b = stat()
        guard stat(first, &a) == 0, stat(second, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }
}

/// Wall-clock milliseconds from a monotonic clock, for the report's total time.
enum ProcessClock {
    static func milliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
    }
}
