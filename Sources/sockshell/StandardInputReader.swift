import SockshellIO

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
            var waiter = DescriptorWaiter()
            waiter.watch(TerminalInput.descriptor)
            let interrupt = waiter.watch(Cancellation.interruptSignal.descriptor)
            guard (try? waiter.wait(until: nil)) != nil else {
                atEnd = true
                continue
            }
            if let signal = Cancellation.terminationSignal { return .terminated(signal) }
            if waiter.isReady(interrupt) {
                Cancellation.interruptSignal.acknowledge()
                pending = []
                return .interrupted
            }
            var buffer = [UInt8](repeating: 0, count: Self.readBytes)
            // Never blocks: a Ctrl-C may have flushed the line poll saw (TerminalInput).
            do throws(Errno) {
                // nil: the bytes were flushed; wait again.
                if let count = try TerminalInput.read(into: &buffer) {
                    if count > 0 { pending.append(contentsOf: buffer[0..<count]) } else { atEnd = true }
                }
            } catch {
                atEnd = true
            }
        }
    }
}
