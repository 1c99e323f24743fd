/// Standard input for the loops that poll it beside the signal pipes and then read: a read that
/// never blocks when stdin is a terminal.
///
/// Ctrl-C makes the terminal driver flush its input queue (ISIG without NOFLSH). A key that poll
/// reported (Esc, then Ctrl-C at once) can so be gone when read runs, and a blocking read would
/// then wait for the next key with the Ctrl-C already handled: the shell hung with nothing
/// printed. The SIGINT handler cannot end that read: it ran before the read began, or SA_RESTART
/// resumes it.
public enum TerminalInput {
    /// For a terminal, a second open of the same device with O_NONBLOCK: a file description of
    /// our own, so the shell that started us and the programs we run (the editor) still share a
    /// blocking stdin. Otherwise (a pipe, a file, or the device cannot be opened) fd 0 itself:
    /// nothing flushes a pipe behind poll's back.
    public static let descriptor: Int32 = nonBlockingDescriptor(for: 0)

    /// Room for a terminal's path (/dev/pts/N is short; PATH_MAX is the system's own limit).
    static let longestDeviceName = Int(PATH_MAX)

    /// A non-blocking descriptor of its own for the terminal `descriptor` is open on, or
    /// `descriptor` itself when it is not a terminal or the device cannot be opened.
    public static func nonBlockingDescriptor(for descriptor: Int32) -> Int32 {
        // ttyname_r: ttyname's static buffer is shared with every other thread that calls it.
        var name = [CChar](repeating: 0, count: Self.longestDeviceName)
        guard isatty(descriptor) == 1, ttyname_r(descriptor, &name, name.count) == 0 else { return descriptor }
        let own = open(name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        return own >= 0 ? own : descriptor
    }

    /// Reads what is there into `buffer`: the count, 0 at the end of input, nil when the bytes
    /// poll reported were flushed (EAGAIN: the caller waits again).
    public static func read(into buffer: inout [UInt8]) throws(Errno) -> Int? {
        do throws(Errno) {
            return try Posix.readSome(from: descriptor, into: &buffer)
        } catch  where error.code == EAGAIN {
            return nil
        }
    }
}
