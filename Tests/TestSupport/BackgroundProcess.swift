import Foundation

/// A program running beside a test (a relay, `sockshell tap`, a `docker logs -f`), its stdout and
/// stderr gathered as they come, so the test waits for the line that announces an event instead
/// of sleeping, signals it, and waits for its exit, every wait bounded.
public final class BackgroundProcess: @unchecked Sendable {
    public enum Stream: Sendable { case stdout, stderr }

    private let process = Process()
    /// Held by the reading threads and the termination handler instead of `self`, so a
    /// BackgroundProcess the test drops is deinitialised (and its process killed) at once.
    private let gathered = Gathered()

    /// The process identifier, for `kill`.
    public var pid: Int32 { process.processIdentifier }

    /// Starts `executable` with `arguments`. The environment is the test's, with DOCKER_HOST
    /// removed and NO_COLOR set, then `environment` on top. Stdin is /dev/null. Stdout is kept up
    /// to `stdoutLimit` bytes.
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        currentDirectory: String? = nil, stdoutLimit: Int = .max
    ) throws {
        gathered.stdoutLimit = stdoutLimit
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged["NO_COLOR"] = "1"
        merged.removeValue(forKey: "DOCKER_HOST")
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = FileHandle.nullDevice
        process.terminationHandler = { [gathered] _ in gathered.changed { $0.exited = true } }
        try Self.startWithSignalsUnblocked(process)
        gathered.read(outputPipe.fileHandleForReading, into: .stdout)
        gathered.read(errorPipe.fileHandleForReading, into: .stderr)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Everything the process wrote to `stream` so far, decoded as UTF-8.
    public func text(_ stream: Stream = .stdout) -> String {
        gathered.locked { String(decoding: stream == .stdout ? $0.output : $0.errors, as: UTF8.self) }
    }

    /// The complete lines written to `stream` so far (a last line without its newline is left out).
    public func lines(_ stream: Stream = .stdout) -> [Substring] {
        var all = text(stream).split(separator: "\n", omittingEmptySubsequences: false)
        all.removeLast()
        return all
    }

    /// Waits until `condition` holds, re-checking it whenever output arrives or the process ends,
    /// for at most `timeout` seconds. False when it still does not hold then.
    public func waitUntil(timeout: Double, _ predicate: (BackgroundProcess) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        let condition = gathered.condition
        condition.lock()
        defer { condition.unlock() }
        while true {
            let seen = gathered.changes
            let final = gathered.ended
            condition.unlock()
            let holds = predicate(self)
            condition.lock()
            if holds { return true }
            if final || Date() >= deadline { return false }
            // Something changed while the predicate looked: look again before sleeping.
            if gathered.changes == seen { _ = condition.wait(until: deadline) }
        }
    }

    /// Waits for a complete line on `stream` for which `predicate` holds.
    public func waitForLine(
        on stream: Stream = .stdout, timeout: Double, where predicate: (Substring) -> Bool
    ) -> Bool {
        waitUntil(timeout: timeout) { $0.lines(stream).contains(where: predicate) }
    }

    /// Sends `signal` if the process is still running.
    public func signal(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    public var isRunning: Bool { gathered.locked { !$0.exited } }

    /// Waits at most `timeout` seconds for the process to exit and its pipes to end; nil if it
    /// is still running then.
    public func waitForExit(timeout: Double) -> Termination? {
        let ended = waitUntil(timeout: timeout) { $0.gathered.locked { $0.ended } }
        guard ended || !process.isRunning else { return nil }
        process.waitUntilExit()
        return Termination(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal)
    }

    /// Sends `signal` and waits at most `timeout` seconds; kills it (SIGKILL) when that passes,
    /// which the caller sees as nil.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, timeout: Double = 10) -> Termination? {
        self.signal(signal)
        if let termination = waitForExit(timeout: timeout) { return termination }
        self.signal(SIGKILL)
        _ = waitForExit(timeout: timeout)
        return nil
    }

    /// How a process ended: its exit status, or the signal that ended it when `signaled`.
    public struct Termination: Equatable, Sendable, CustomStringConvertible {
        public var status: Int32
        public var signaled: Bool

        public init(status: Int32, signaled: Bool = false) {
            self.status = status
            self.signaled = signaled
        }

        public static func exited(_ status: Int32) -> Termination { Termination(status: status) }

        public var description: String { signaled ? "killed by signal \(status)" : "exit \(status)" }
    }

    // MARK: Plumbing

    /// Starts `process` from a fresh thread whose signal mask is empty.
    ///
    /// Swift Testing's worker threads block most signals, and the child inherits the mask of the
    /// thread that spawns it: started from a test thread, a tap would never see its SIGTERM, nor a
    /// `docker logs -f` its SIGINT.
    private static func startWithSignalsUnblocked(_ process: Process) throws {
        let box = ResultBox<Bool>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            var nothing = sigset_t()
            sigemptyset(&nothing)
            pthread_sigmask(SIG_SETMASK, &nothing, nil)
            box.set(Result { try process.run() }.map { true })
            done.signal()
        }
        thread.start()
        done.wait()
        _ = try box.get()
    }
}

/// What a BackgroundProcess has gathered so far. Guarded by `condition`, which is broadcast
/// whenever output arrives, a pipe ends or the process exits: every wait re-checks then.
private final class Gathered: @unchecked Sendable {
    let condition = NSCondition()
    var output = Data()
    var errors = Data()
    var pipesOpen = 2
    var exited = false
    /// Counts the broadcasts, so a wait knows whether anything changed while it looked.
    var changes = 0
    /// Stdout bytes past this many are read and dropped (a tap's view of a bulk stream is huge).
    var stdoutLimit = Int.max

    /// Exited with both pipes at their end: nothing can change any more.
    var ended: Bool { exited && pipesOpen == 0 }

    func locked<T>(_ body: (Gathered) -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body(self)
    }

    func changed(_ change: (Gathered) -> Void) {
        condition.lock()
        change(self)
        changes += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Reads `handle` to its end on a thread of its own.
    func read(_ handle: FileHandle, into stream: BackgroundProcess.Stream) {
        let thread = Thread { [self] in
            while true {
                let more = handle.availableData
                changed { gathered in
                    if more.isEmpty {
                        gathered.pipesOpen -= 1
                    } else if stream == .stdout {
                        gathered.output.append(more.prefix(max(0, gathered.stdoutLimit - gathered.output.count)))
                    } else {
                        gathered.errors.append(more)
                    }
                }
                if more.isEmpty { break }
            }
        }
        thread.start()
    }
}
