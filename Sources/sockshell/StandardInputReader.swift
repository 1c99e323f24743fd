import SockshellIO

#if canImport(Glibc)
import Glibc
#endif

/// Reads standard input line by line while also watching for Ctrl-C, which a blocking
/// `readLine` cannot report (glibc restarts the read).
struct StandardInputReader {
    enum Next: Equatable {
        case line(String)
        case interrupted
        case end
        /// SIGTERM, SIGHUP or Ctrl-\ (when the shell routes them to the pipe).
        case terminated(Int32)
    }

    /// Read size; lines are assembled from as many reads as they need.
    static let readBytes = 64 * 1024

    private var pending: [UInt8] = []
    private var atEnd = false

    mutating func next() -> Next {
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let line = pending[..<newline]
                pending.removeSubrange(...newline)
                return .line(String(decoding: line, as: UTF8.self))
            }
            if atEnd {
                if pending.isEmpty { return .end }
                defer { pending = [] }
                return .line(String(decoding: pending, as: UTF8.self))
            }
            var entries = [
                pollfd(fd: TerminalInput.descriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: InterruptSignal.descriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&entries, InterruptSignal.descriptor >= 0 ? 2 : 1, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                atEnd = true
                continue
            }
            if let signal = InterruptSignal.terminationSignal { return .terminated(signal) }
            if entries[1].revents != 0 {
                InterruptSignal.take()
                pending = []
                return .interrupted
            }
            var buffer = [UInt8](repeating: 0, count: Self.readBytes)
            // Never blocks: a Ctrl-C may have flushed the line poll saw (TerminalInput).
            let count = buffer.withUnsafeMutableBytes { TerminalInput.read(into: $0) }
            if count > 0 {
                pending.append(contentsOf: buffer[0..<count])
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                atEnd = true
            }
        }
    }
}
