/// Where a session's output goes: the executable passes one that writes to stdout and stderr,
/// tests pass one that keeps the bytes.
public protocol OutputSink: AnyObject {
    /// Exchange views and command output.
    func write(_ bytes: ArraySlice<UInt8>)
    /// A diagnostic sentence (no trailing newline needed).
    func diagnostic(_ text: String)
    /// Ends a line left open (a body with no final newline) before the shell's own messages.
    func ensureLineStart()
}

extension OutputSink {
    public func ensureLineStart() {}
}
