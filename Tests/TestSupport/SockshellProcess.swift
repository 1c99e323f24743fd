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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binaryPath)
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
        output.fileHandleForReading.readabilityHandler = { collectedOutput.append($0.availableData) }
        errors.fileHandleForReading.readabilityHandler = { collectedErrors.append($0.availableData) }

        try process.run()
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
                process.terminate()
                break
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
        collectedOutput.append(output.fileHandleForReading.readDataToEndOfFile())
        collectedErrors.append(errors.fileHandleForReading.readDataToEndOfFile())
        return Result(
            status: process.terminationStatus, stdout: collectedOutput.text, stderr: collectedErrors.text,
            signaled: process.terminationReason == .uncaughtSignal)
    }
}

/// Bytes gathered from a pipe's handler thread.
final class Collector: @unchecked Sendable {
    // Guarded by `lock`: the readability handler runs on another thread.
    private var data = Data()
    private let lock = NSLock()

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
