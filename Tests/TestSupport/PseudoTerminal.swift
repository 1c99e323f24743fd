import CPseudoTerminal
import Foundation

/// A program running on a pseudo-terminal, driven the way a person at a terminal drives it.
///
/// The program gets a real terminal (its own session, the slave as controlling terminal and as
/// stdin/stdout/stderr), so line editors go into raw mode, Ctrl-C becomes SIGINT from the kernel's
/// line discipline, and a resize delivers SIGWINCH. A background thread keeps reading everything
/// the program writes; tests wait for text to appear, expect-style:
///
/// ```swift
/// let terminal = try PseudoTerminal(executable: "/bin/sh", arguments: ["-i"], environment: ["PS1": "ready> "])
/// defer { terminal.close() }
/// try terminal.waitFor("ready> ")
/// try terminal.sendLine("echo $((6 * 7))")
/// try terminal.waitFor("\n42\n")
/// try terminal.press(.ctrlD)
/// #expect(terminal.waitForExit() == 0)
/// ```
///
/// Nothing here can hang a test: every wait has a timeout, a write that the program does not drain
/// gives up, and `close()` (also run by `deinit`) kills the program if it is still running.
public final class PseudoTerminal: @unchecked Sendable {
    // @unchecked Sendable: `pid`, `master`, `executable` and `initialModes` are immutable after
    // init. The output and the match mark live in `TerminalOutput`, which guards them with its own
    // condition lock. The exit status and the closed flag are read and written only while holding
    // `stateLock`; `exitLock` serialises reaping so two threads never both waitpid the same child.
    // The master descriptor is closed only by `close()`, after the reader thread has stopped;
    // typing from one thread while another calls `close()` is not supported (the write could meet
    // a closed descriptor), which a test never needs.

    /// Bytes a terminal sends for a key.
    public struct Key: Sendable, Hashable {
        public var bytes: [UInt8]
        public init(bytes: [UInt8]) { self.bytes = bytes }

        /// Carriage return, which is what Enter sends (ICRNL turns it into NL in cooked mode).
        public static let enter = Key(bytes: [0x0D])
        public static let tab = Key(bytes: [0x09])
        public static let escape = Key(bytes: [0x1B])
        /// DEL, which is what Backspace sends on xterm-like terminals.
        public static let backspace = Key(bytes: [0x7F])
        public static let up = Key(bytes: [0x1B, 0x5B, 0x41])
        public static let down = Key(bytes: [0x1B, 0x5B, 0x42])
        public static let right = Key(bytes: [0x1B, 0x5B, 0x43])
        public static let left = Key(bytes: [0x1B, 0x5B, 0x44])
        public static let ctrlA = control("A")
        public static let ctrlC = control("C")
        public static let ctrlD = control("D")
        public static let ctrlE = control("E")
        public static let ctrlK = control("K")
        public static let ctrlL = control("L")
        public static let ctrlR = control("R")
        public static let ctrlU = control("U")
        public static let ctrlW = control("W")
        public static let ctrlZ = control("Z")

        /// Ctrl plus a letter: the letter's code with the top bits cleared (Ctrl-C is 0x03).
        public static func control(_ letter: Character) -> Key {
            Key(bytes: [(letter.uppercased().utf8.first ?? 0x40) & 0x1F])
        }
    }

    /// The program's process id (its session and process group id too).
    public let pid: pid_t
    /// The path that was executed.
    public let executable: String
    /// The terminal's modes before the program started: what "restored" means at its exit.
    public let initialModes: TerminalModes

    private let master: Int32
    private let buffer: TerminalOutput
    private let stateLock = NSLock()
    private let exitLock = NSLock()
    private var exitStatus: Int32?
    private var closed = false

    /// Starts `executable` on a new pseudo-terminal of `rows` x `cols`.
    ///
    /// - Parameters:
    ///   - executable: an absolute path, or a name looked up on the environment's PATH.
    ///   - arguments: the arguments after argv[0] (which is `executable`).
    ///   - environment: added to (or replacing entries of) the test process's environment, or the
    ///     whole environment when `inheritEnvironment` is false. TERM is `xterm-256color` unless
    ///     given here.
    ///   - currentDirectory: the program's working directory (the test's when nil).
    public init(
        executable: String, arguments: [String] = [], environment: [String: String] = [:],
        currentDirectory: String? = nil, rows: UInt16 = 24, cols: UInt16 = 80, inheritEnvironment: Bool = true
    ) throws {
        var merged = inheritEnvironment ? ProcessInfo.processInfo.environment : [:]
        merged["TERM"] = "xterm-256color"
        for (key, value) in environment { merged[key] = value }
        let path = try Self.resolve(executable, searchPath: merged["PATH"])

        var descriptor: Int32 = -1
        var modes = pty_modes()
        // Everything the child needs is built here: between fork and execve only async-signal-safe
        // C runs, so no Swift allocation may happen there.
        let argv = CStringArray([path] + arguments)
        let envp = CStringArray(merged.map { "\($0.key)=\($0.value)" }.sorted())
        func spawn(in cwd: UnsafePointer<CChar>?) -> (pid: pid_t, errno: Int32) {
            argv.withPointers { argvPointer in
                envp.withPointers { envpPointer in
                    path.withCString { pathPointer in
                        let pid = pty_spawn(pathPointer, argvPointer, envpPointer, cwd, rows, cols, &descriptor, &modes)
                        return (pid, errno)
                    }
                }
            }
        }
        let (spawned, code) = currentDirectory.map { $0.withCString(spawn(in:)) } ?? spawn(in: nil)
        guard spawned > 0 else { throw PseudoTerminalError.spawnFailed(executable: path, errno: code) }

        pid = spawned
        master = descriptor
        self.executable = path
        initialModes = TerminalModes(modes)
        let buffer = TerminalOutput()
        self.buffer = buffer
        let reader = Thread { [buffer, descriptor] in Self.readLoop(descriptor, into: buffer) }
        reader.name = "PseudoTerminal reader \(spawned)"
        reader.start()
    }

    deinit {
        close()
    }

    // MARK: Typing

    /// Types `text` as UTF-8 (no Enter).
    public func send(_ text: String, timeout: Double = 5) throws {
        try send(bytes: Array(text.utf8), timeout: timeout)
    }

    /// Types `text` and presses Enter.
    public func sendLine(_ text: String, timeout: Double = 5) throws {
        try send(bytes: Array(text.utf8) + Key.enter.bytes, timeout: timeout)
    }

    /// Presses `key`, `times` times.
    public func press(_ key: Key, times: Int = 1, timeout: Double = 5) throws {
        try send(bytes: Array([[UInt8]](repeating: key.bytes, count: max(times, 0)).joined()), timeout: timeout)
    }

    /// Writes raw bytes to the terminal's input. Throws when the program has not taken them within
    /// `timeout` (its input queue is full) or the terminal is closed.
    public func send(bytes: [UInt8], timeout: Double = 5) throws {
        guard !isClosed else { throw PseudoTerminalError.closed }
        let deadline = Date().addingTimeInterval(timeout)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if result > 0 {
                written += result
                continue
            }
            let code = errno
            guard result < 0, code == EAGAIN || code == EWOULDBLOCK || code == EINTR else {
                throw PseudoTerminalError.writeFailed(errno: code)
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw PseudoTerminalError.writeTimedOut(written: written, of: bytes.count) }
            var descriptor = pollfd(fd: master, events: Int16(POLLOUT), revents: 0)
            _ = poll(&descriptor, 1, Int32(min(remaining, 0.05) * 1000) + 1)
        }
    }

    /// Resizes the terminal; the program gets SIGWINCH.
    public func resize(rows: UInt16, cols: UInt16) throws {
        guard !isClosed else { throw PseudoTerminalError.closed }
        guard pty_resize(master, rows, cols) == 0 else { throw PseudoTerminalError.system("TIOCSWINSZ", errno: errno) }
    }

    // MARK: Reading

    /// Waits until `text` appears in the output after the mark (escape sequences stripped, CR LF
    /// read as LF, see `screenText`), then moves the mark past it and returns the stripped output
    /// from the old mark through the match. Successive calls thus find successive occurrences.
    ///
    /// Throws `timedOut` (with what was seen) after `timeout` seconds, or `endOfOutput` as soon as
    /// the program's side of the terminal has closed without the text appearing.
    @discardableResult
    public func waitFor(_ text: String, timeout: Double = 10) throws -> String {
        try buffer.waitFor(
            Array(text.utf8), deadline: Date().addingTimeInterval(timeout), description: text, timeout: timeout)
    }

    /// Moves the mark to the end of the output so far: later `waitFor`s only look at what comes next.
    public func mark() {
        buffer.markEnd()
    }

    /// Everything the program wrote, raw bytes decoded as UTF-8.
    public var output: String {
        String(decoding: buffer.bytes(), as: UTF8.self)
    }

    /// Everything the program wrote, byte for byte (to check which bytes reached the terminal).
    public var outputBytes: [UInt8] {
        buffer.bytes()
    }

    /// Everything the program wrote with ANSI escape sequences (CSI, OSC, DCS, two-byte ESC
    /// sequences) and BEL removed and CR LF read as LF. This is the byte stream made readable, not
    /// an emulated screen: redraws and cursor movements leave their text behind.
    public var screenText: String {
        String(decoding: TerminalText.strip(buffer.bytes()[...]).text, as: UTF8.self)
    }

    /// The stripped output after the mark, without waiting.
    public var textSinceMark: String {
        buffer.textSinceMark()
    }

    // MARK: Modes and exit

    /// The terminal's current modes as the program set them (read through the master; they stay
    /// readable after the program exits, so a test can check it restored cooked mode).
    public func terminalModes() throws -> TerminalModes {
        guard !isClosed else { throw PseudoTerminalError.closed }
        return try Self.modes(of: master)
    }

    /// Polls the modes until `condition` holds, for at most `timeout` seconds; nil if it never did.
    public func waitForModes(timeout: Double = 5, until condition: (TerminalModes) -> Bool) -> TerminalModes? {
        let deadline = Date().addingTimeInterval(timeout)
        // A last look after the deadline: a thread descheduled past it must not miss a change.
        while true {
            if let modes = try? terminalModes(), condition(modes) { return modes }
            if Date() >= deadline { return nil }
            usleep(10_000)
        }
    }

    /// The terminal's foreground process group: the program's pid, until a job-control shell
    /// runs a command (then the command's group). A test can wait for a command to be running.
    public func foregroundProcessGroup() -> pid_t? {
        guard !isClosed else { return nil }
        let group = tcgetpgrp(master)
        return group > 0 ? group : nil
    }

    /// Waits for the program to end and returns its exit status (128 + the signal number when a
    /// signal ended it). On timeout the program is killed with SIGKILL and nil is returned. Once
    /// the program has ended, waits briefly for its last output to be read.
    @discardableResult
    public func waitForExit(timeout: Double = 10) -> Int32? {
        if let known = reap(timeout: timeout) {
            buffer.waitForEnd(timeout: 2)
            return known
        }
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        _ = reap(timeout: 2)
        return nil
    }

    /// The exit status if the program has already been seen to end (by `waitForExit` or `hasExited`).
    public var exitCode: Int32? {
        stateLock.withLock { exitStatus }
    }

    /// Whether the program has ended (reaps it if so, without waiting).
    public var hasExited: Bool {
        reap(timeout: 0) != nil
    }

    /// Kills the program (and its process group) if it is still running, stops the reader and
    /// closes the terminal. Idempotent; `deinit` calls it.
    public func close() {
        let alreadyClosed = stateLock.withLock {
            defer { closed = true }
            return closed
        }
        guard !alreadyClosed else { return }
        if reap(timeout: 0) == nil {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            _ = reap(timeout: 2)
        }
        // The reader checks its stop flag every poll slice (50 ms). If it somehow has not stopped,
        // the descriptor is left open rather than closed under it (a reused number would be read).
        if buffer.stopReader(timeout: 2) {
            closeDescriptor(master)
        }
    }

    // MARK: Private

    private var isClosed: Bool { stateLock.withLock { closed } }

    private func reap(timeout: Double) -> Int32? {
        exitLock.withLock {
            if let known = stateLock.withLock({ exitStatus }) { return known }
            var status: Int32 = 0
            guard pty_wait(pid, Int32(max(timeout, 0) * 1000), &status) == 1 else { return nil }
            let code = pty_exit_code(status, nil)
            stateLock.withLock { exitStatus = code }
            return code
        }
    }

    private static func modes(of descriptor: Int32) throws -> TerminalModes {
        var raw = pty_modes()
        guard pty_get_modes(descriptor, &raw) == 0 else { throw PseudoTerminalError.system("tcgetattr", errno: errno) }
        return TerminalModes(raw)
    }

    private static func resolve(_ executable: String, searchPath: String?) throws -> String {
        if executable.contains("/") { return executable }
        for folder in (searchPath ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = String(folder) + "/" + executable
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw PseudoTerminalError.notFound(executable)
    }

    /// Reads the master until the program's side closes (EIO on Linux) or a stop is requested.
    private static func readLoop(_ descriptor: Int32, into output: TerminalOutput) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !output.stopRequested {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 50)
            if ready < 0, errno != EINTR { break }
            guard ready > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                output.append(buffer[0..<count])
            } else if count == 0 {
                break
            } else if errno != EAGAIN, errno != EWOULDBLOCK, errno != EINTR {
                // EIO: every descriptor of the slave is closed (the program and its children ended).
                break
            }
        }
        output.finishReading()
    }
}

/// A terminal's modes, from its termios.
public struct TerminalModes: Sendable, Equatable, CustomStringConvertible {
    public var inputFlags: UInt32
    public var outputFlags: UInt32
    public var localFlags: UInt32

    public init(inputFlags: UInt32, outputFlags: UInt32, localFlags: UInt32) {
        self.inputFlags = inputFlags
        self.outputFlags = outputFlags
        self.localFlags = localFlags
    }

    /// ICANON: the kernel edits lines (cooked mode); a line editor turns it off while reading.
    public var isCanonical: Bool { localFlags & pty_flag_icanon != 0 }
    /// ECHO: typed characters are echoed by the kernel.
    public var echoes: Bool { localFlags & pty_flag_echo != 0 }
    /// ISIG: Ctrl-C and Ctrl-\ become signals.
    public var generatesSignals: Bool { localFlags & pty_flag_isig != 0 }
    /// ICRNL: Enter's CR arrives as NL.
    public var mapsCarriageReturn: Bool { inputFlags & pty_flag_icrnl != 0 }
    /// OPOST: output processing (NL written as CR NL).
    public var processesOutput: Bool { outputFlags & pty_flag_opost != 0 }

    /// Cooked mode as a shell leaves it for the next program: all of the above on.
    public var isCooked: Bool {
        isCanonical && echoes && generatesSignals && mapsCarriageReturn && processesOutput
    }

    init(_ raw: pty_modes) {
        self.init(inputFlags: raw.input_flags, outputFlags: raw.output_flags, localFlags: raw.local_flags)
    }

    public var description: String {
        func flag(_ on: Bool, _ name: String) -> String { (on ? "" : "-") + name }
        let flags = [
            flag(isCanonical, "icanon"), flag(echoes, "echo"), flag(generatesSignals, "isig"),
            flag(mapsCarriageReturn, "icrnl"), flag(processesOutput, "opost"),
        ]
        return flags.joined(separator: " ")
            + String(format: " (iflag %#o oflag %#o lflag %#o)", inputFlags, outputFlags, localFlags)
    }
}

public enum PseudoTerminalError: Error, CustomStringConvertible {
    case notFound(String)
    case spawnFailed(executable: String, errno: Int32)
    /// The text did not appear in time; `seen` is the stripped output after the mark.
    case timedOut(waitingFor: String, seconds: Double, seen: String)
    /// The program's side of the terminal closed (it exited) without the text appearing.
    case endOfOutput(waitingFor: String, seen: String)
    case writeFailed(errno: Int32)
    case writeTimedOut(written: Int, of: Int)
    case system(String, errno: Int32)
    case closed

    public var description: String {
        switch self {
        case .notFound(let name): "\(name): not found on PATH"
        case .spawnFailed(let path, let code): "cannot start \(path): \(String(cString: strerror(code)))"
        case .timedOut(let text, let seconds, let seen):
            """
            timed out after \(seconds)s waiting for \(text.debugDescription); output after the mark:\n\(Self.tail(seen))
            """
        case .endOfOutput(let text, let seen):
            """
            the program's terminal closed before \(text.debugDescription) appeared; output after the mark:\n\
            \(Self.tail(seen))
            """
        case .writeFailed(let code): "write to the terminal failed: \(String(cString: strerror(code)))"
        case .writeTimedOut(let written, let total): "the program took only \(written) of \(total) bytes typed"
        case .system(let call, let code): "\(call): \(String(cString: strerror(code)))"
        case .closed: "the pseudo-terminal is closed"
        }
    }

    /// The end of a long output, shown with escapes visible.
    private static func tail(_ text: String) -> String {
        let limit = 2000
        let shown = text.count > limit ? "…" + String(text.suffix(limit)) : text
        return shown.debugDescription
    }
}

/// Turns terminal output into matchable text.
enum TerminalText {
    /// Strips escape sequences and BEL, and drops the CR of CR LF. Returns the text and, for each
    /// of its bytes, the offset of the raw byte it came from (to move a mark past a match).
    /// An escape sequence cut off at the end of the input is dropped (its rest has not arrived).
    static func strip(_ raw: ArraySlice<UInt8>) -> (text: [UInt8], offsets: [Int]) {
        var text: [UInt8] = []
        var offsets: [Int] = []
        text.reserveCapacity(raw.count)
        offsets.reserveCapacity(raw.count)
        var index = raw.startIndex
        let end = raw.endIndex
        while index < end {
            let byte = raw[index]
            switch byte {
            case 0x1B:
                index = escapeEnd(raw, from: index) ?? end
            case 0x07:
                index += 1
            case 0x0D where index + 1 < end && raw[index + 1] == 0x0A:
                index += 1
            default:
                text.append(byte)
                offsets.append(index)
                index += 1
            }
        }
        return (text, offsets)
    }

    /// The index just past the escape sequence starting at `start` (an ESC), or nil when the
    /// sequence is cut off by the end of `raw`.
    private static func escapeEnd(_ raw: ArraySlice<UInt8>, from start: Int) -> Int? {
        let end = raw.endIndex
        var index = start + 1
        guard index < end else { return nil }
        let introducer = raw[index]
        index += 1
        switch introducer {
        case 0x5B:  // CSI: parameters and intermediates (0x20-0x3F), then a final byte 0x40-0x7E.
            while index < end, (0x20...0x3F).contains(raw[index]) { index += 1 }
            return index < end ? index + 1 : nil
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F:  // OSC, DCS, SOS, PM, APC: a string ended by BEL or ESC \.
            while index < end {
                if raw[index] == 0x07 { return index + 1 }
                if raw[index] == 0x1B, index + 1 < end, raw[index + 1] == 0x5C { return index + 2 }
                index += 1
            }
            return nil
        case 0x20...0x2F:  // ESC, intermediates, final: charset selection such as ESC ( B.
            while index < end, (0x20...0x2F).contains(raw[index]) { index += 1 }
            return index < end ? index + 1 : nil
        default:  // Two-byte sequences: ESC = , ESC > , ESC 7, ESC M ...
            return index
        }
    }

    /// Where a mark at the end of `raw` should go: the end, or the start of an escape sequence
    /// that has only partly arrived (so its rest is not later read as text).
    static func markOffset(atEndOf raw: [UInt8]) -> Int {
        let lookBack = 256  // longer sequences (OSC titles) are rare at a mark and only cost text
        let from = max(raw.startIndex, raw.endIndex - lookBack)
        guard let escape = raw[from...].lastIndex(of: 0x1B) else { return raw.endIndex }
        return escapeEnd(raw[...], from: escape) == nil ? escape : raw.endIndex
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty else { return 0..<0 }
        guard haystack.count >= needle.count else { return nil }
        let first = needle[0]
        var start = 0
        while start <= haystack.count - needle.count {
            if haystack[start] == first, haystack[start..<start + needle.count].elementsEqual(needle) {
                return start..<start + needle.count
            }
            start += 1
        }
        return nil
    }
}

/// The bytes read from the terminal, the match mark, and the reader's lifecycle.
final class TerminalOutput: @unchecked Sendable {
    // @unchecked Sendable: every stored property is read and written only while holding
    // `condition`; the reader thread appends and broadcasts, waiters wait on the same condition.
    private let condition = NSCondition()
    private var data: [UInt8] = []
    private var markOffset = 0
    private var readerEnded = false
    private var stopping = false

    var stopRequested: Bool { locked { stopping } }

    func append(_ bytes: ArraySlice<UInt8>) {
        locked {
            data.append(contentsOf: bytes)
            condition.broadcast()
        }
    }

    func finishReading() {
        locked {
            readerEnded = true
            condition.broadcast()
        }
    }

    func bytes() -> [UInt8] { locked { data } }

    func markEnd() { locked { markOffset = TerminalText.markOffset(atEndOf: data) } }

    func textSinceMark() -> String {
        locked { String(decoding: TerminalText.strip(data[markOffset...]).text, as: UTF8.self) }
    }

    func waitFor(_ needle: [UInt8], deadline: Date, description: String, timeout: Double) throws -> String {
        try locked {
            while true {
                let stripped = TerminalText.strip(data[markOffset...])
                if let match = TerminalText.find(needle, in: stripped.text) {
                    let text = String(decoding: stripped.text[..<match.upperBound], as: UTF8.self)
                    if match.upperBound > 0 { markOffset = stripped.offsets[match.upperBound - 1] + 1 }
                    return text
                }
                let seen = String(decoding: stripped.text, as: UTF8.self)
                if readerEnded { throw PseudoTerminalError.endOfOutput(waitingFor: description, seen: seen) }
                if Date() >= deadline {
                    throw PseudoTerminalError.timedOut(waitingFor: description, seconds: timeout, seen: seen)
                }
                _ = condition.wait(until: deadline)
            }
        }
    }

    /// Waits (boundedly) until the reader has read everything and stopped by itself.
    func waitForEnd(timeout: Double) {
        let deadline = Date().addingTimeInterval(timeout)
        locked {
            while !readerEnded, condition.wait(until: deadline) {}
        }
    }

    /// Asks the reader to stop and waits for it; false if it did not stop within `timeout`.
    func stopReader(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        return locked {
            stopping = true
            while !readerEnded, condition.wait(until: deadline) {}
            return readerEnded
        }
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }
}

/// `close(2)`, out of reach by that name inside `PseudoTerminal` (whose `close()` hides it).
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}

/// NULL-terminated C string arrays for argv and envp, freed when released.
private final class CStringArray {
    private var pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }

    func withPointers<T>(_ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> T) -> T {
        pointers.withUnsafeBufferPointer { buffer in
            // The buffer is non-empty (it holds at least the terminating nil).
            body(buffer.baseAddress!)
        }
    }
}
