import Foundation

/// Runs the built `sockshell` binary the way a user would and collects what it printed.
public struct SockshellProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// True when the process ended by a signal rather than by exiting.
        public var signaled: Bool
    }

    /// The executable sits beside the test bundle in the build folder (`swift test` builds it).
    public static var binaryPath: String {
        if let explicit = ProcessInfo.processInfo.environment["SOCKSHELL_BINARY"] { return explicit }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // Inside an .xctest bundle on some layouts: walk up until the binary is found.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("sockshell").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return executable.deletingLastPathComponent().appendingPathComponent("sockshell").path
    }

    /// Runs sockshell with `arguments`, feeding `stdin`, and waits at most `timeout` seconds
    /// (then kills it, which a test sees as `signaled`). `interruptAfter` sends SIGINT that many
    /// seconds after start, as Ctrl-C would.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
        timeout: Double = 60, interruptAfter: Double? = nil, currentDirectory: String? = nil
    ) throws -> Result {
        try withSignalsUnblocked {
            try spawnAndWait(
                binaryPath, arguments, environment: environment, stdin: stdin, timeout: timeout,
                interruptAfter: interruptAfter, currentDirectory: currentDirectory)
        }
    }

    /// Runs `body` on a fresh thread whose signal mask is empty, and waits for it.
    ///
    /// Swift Testing runs tests on worker threads that block most signals (SIGINT and SIGTERM
    /// among them), and Foundation's `Process` gives the child the calling thread's mask: a
    /// sockshell started from a test thread would never see Ctrl-C or the timeout's signal.
    private static func withSignalsUnblocked<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            var nothing = sigset_t()
            sigemptyset(&nothing)
            pthread_sigmask(SIG_SETMASK, &nothing, nil)
            box.set(Swift.Result { try body() })
            done.signal()
        }
        thread.start()
        done.wait()
        return try box.get()
    }

    /// Runs a shell command line (`/bin/sh -c`) with the sockshell binary's folder first on PATH,
    /// as a README example is typed.
    public static func runShell(
        _ commandLine: String, environment: [String: String] = [:], timeout: Double = 60,
        currentDirectory: String? = nil
    ) throws -> Result {
        var merged = environment
        let binaryFolder = URL(fileURLWithPath: binaryPath).deletingLastPathComponent().path
        merged["PATH"] = binaryFolder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let shellEnvironment = merged
        return try withSignalsUnblocked {
            try spawnAndWait(
                "/bin/sh", ["-c", commandLine], environment: shellEnvironment, stdin: nil, timeout: timeout,
                interruptAfter: nil, currentDirectory: currentDirectory)
        }
    }

    /// How long, after the process ended, its pipes may stay open (held by a program it started).
    static let pipeEndSeconds = 10.0

    private static func spawnAndWait(
        _ executable: String, _ arguments: [String], environment: [String: String], stdin: String?,
        timeout: Double, interruptAfter: Double?, currentDirectory: String?
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged["NO_COLOR"] = "1"
        merged.removeValue(forKey: "DOCKER_HOST")
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input

        let collectedOutput = Collector()
        let collectedErrors = Collector()

        try process.run()
        // Each pipe is read to its end on a thread of its own. (Not a readability handler: one
        // still running when the process ended had taken its bytes from the pipe but not yet kept
        // them, and under load the result came back without them.)
        let outputRead = collectedOutput.readToEnd(output.fileHandleForReading)
        let errorsRead = collectedErrors.readToEnd(errors.fileHandleForReading)
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()

        let started = Date()
        var interrupted = false
        while process.isRunning {
            let elapsed = Date().timeIntervalSince(started)
            if let interruptAfter, !interrupted, elapsed >= interruptAfter {
                kill(process.processIdentifier, SIGINT)
                interrupted = true
            }
            if elapsed > timeout {
                // SIGKILL: a stuck process must die whatever it does with other signals.
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        // The pipes end when the last writer closes them; a program the process left running
        // with them open (a shell's `&`) would hold them, so that wait is bounded.
        let readersDeadline = DispatchTime.now() + Self.pipeEndSeconds
        _ = outputRead.wait(timeout: readersDeadline)
        _ = errorsRead.wait(timeout: readersDeadline)
        return Result(
            status: process.terminationStatus, stdout: collectedOutput.text, stderr: collectedErrors.text,
            signaled: process.terminationReason == .uncaughtSignal)
    }
}

/// Bytes gathered from a pipe's handler thread.
final class Collector: @unchecked Sendable {
    // Guarded by `lock`: the reading thread appends while the caller may look.
    private var data = Data()
    private let lock = NSLock()

    /// Reads `handle` until its end on a new thread; the semaphore is signalled at the end.
    func readToEnd(_ handle: FileHandle) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        Thread {
            while true {
                let more = handle.availableData
                if more.isEmpty { break }
                self.append(more)
            }
            done.signal()
        }.start()
        return done
    }

    func append(_ more: Data) {
        lock.lock()
        data.append(more)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Carries a result from the spawning thread back to the caller.
final class ResultBox<T: Sendable>: @unchecked Sendable {
    // Written once by the spawning thread before it signals; read after the wait.
    private var result: Swift.Result<T, any Error>?
    private let lock = NSLock()

    func set(_ value: Swift.Result<T, any Error>) {
        lock.lock()
        result = value
        lock.unlock()
    }

    func get() throws -> T {
        lock.lock()
        defer { lock.unlock() }
        guard let result else { throw CancellationError() }
        return try result.get()
    }
}
