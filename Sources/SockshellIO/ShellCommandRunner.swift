import CSockshellSupport
import SockshellCore

/// `!COMMAND`: runs a command line with /bin/sh, its output straight to the terminal, while the
/// session's jobs (a tap above all) keep printing: the wait watches the child's exit and the jobs'
/// wake pipe together, so a tap's lines show as the command makes them.
enum ShellCommandRunner {
    /// Returns the exit status (128 + N for a signal), or the sentence that says why it did not start.
    static func run(
        _ commandLine: String, dockerHost: String, dockerTLS: [String: String] = [:], jobsWake: Int32,
        onJobOutput: () -> Void
    ) -> Result<Int32, CommandFailure> {
        var environment = ProcessEnvironment.current()
        environment["DOCKER_HOST"] = dockerHost
        environment.merge(dockerTLS) { $1 }
        let entries = environment.map { "\($0.key)=\($0.value)" }
        var envp: [UnsafeMutablePointer<CChar>?] = entries.map { strdup($0) } + [nil]
        defer { for pointer in envp { free(pointer) } }
        let arguments = ["/bin/sh", "-c", commandLine]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, &argv, &envp)
        guard spawned == 0 else {
            return .failure(CommandFailure("cannot run /bin/sh for !\(commandLine): \(Errno(spawned))"))
        }
        let exited = OwnedDescriptor(sockshell_pidfd_open(pid))
        var waiter = DescriptorWaiter()
        while exited.isOpen {
            waiter.removeAll()
            let done = waiter.watch(exited.raw)
            waiter.watch(jobsWake)
            _ = try? waiter.wait(until: nil)
            onJobOutput()
            if waiter.isReady(done) { break }
        }
        var status: Int32 = 0
        _ = try? Posix.systemCall { waitpid(pid, &status, 0) }
        onJobOutput()
        // Ctrl-C went to the command (the terminal's foreground group); it is not ours to act on.
        Cancellation.interruptSignal.acknowledge()
        return .success(Posix.exitStatus(fromWaitStatus: status))
    }
}

/// The process's environment as a dictionary: endpoint resolution reads it, and `!COMMAND` hands
/// the child a changed copy.
public enum ProcessEnvironment {
    public static func current() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
