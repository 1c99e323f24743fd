import CSockshellSupport
import SockshellCore
import Synchronization

/// One `ssh … docker system dial-stdio`, the carrier of one connection to an ssh:// endpoint, as
/// the docker CLI's commandconn runs it: its own session (`setsid`: no terminal, so ssh never
/// prompts, and the terminal's Ctrl-C never reaches it), the environment passed on (the agent's
/// SSH_AUTH_SOCK), stdin and stdout one end of a socket pair (so the connection is a socket like
/// any other: non-blocking sends, half-close), stderr an unlinked file read back when it fails.
/// Always reaped: by `end()` when the connection closes, or by whoever saw it exit.
final class SSHProcess: Sendable {
    let remote: SSHEndpoint
    let pid: pid_t
    private let exited: OwnedDescriptor
    private let stderrFile: OwnedDescriptor
    /// The exit status once reaped (128 + N for a signal); nil while it runs.
    private let status = Mutex<Int32?>(nil)

    /// How long a closed connection's ssh gets to leave after SIGTERM before SIGKILL (the CLI's 3 s).
    static let terminationGraceNanoseconds: UInt64 = 3_000_000_000
    /// How long ssh gets to exit once its output ended, before its status is read (the CLI waits 10 s).
    static let exitAfterEndNanoseconds: UInt64 = 10_000_000_000

    private init(remote: SSHEndpoint, pid: pid_t, exited: OwnedDescriptor, stderrFile: OwnedDescriptor) {
        self.remote = remote
        self.pid = pid
        self.exited = exited
        self.stderrFile = stderrFile
    }

    /// Starts ssh for `remote`; returns our end of its stdin and stdout.
    static func start(_ remote: SSHEndpoint) throws(TransportFailure) -> (SSHProcess, OwnedDescriptor) {
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Posix.streamSocketCloseOnExec, 0, &ends) == 0 else {
            throw SocketConnection.systemFailure("making ssh's socket pair", code: errno)
        }
        let ours = OwnedDescriptor(ends[0])
        let theirs = OwnedDescriptor(ends[1])
        var template = Array("/tmp/sockshell-ssh-stderr.XXXXXX".utf8CString)
        let stderrNumber = mkstemp(&template)
        guard stderrNumber >= 0 else { throw SocketConnection.systemFailure("making ssh's stderr file", code: errno) }
        let stderrFile = OwnedDescriptor(stderrNumber)
        _ = fcntl(stderrNumber, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, theirs.raw, 0)
        posix_spawn_file_actions_adddup2(&actions, theirs.raw, 1)
        posix_spawn_file_actions_adddup2(&actions, stderrFile.raw, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        // What we ignore (SIGPIPE above all) would stay ignored across exec; ssh gets the defaults.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | sockshell_posix_spawn_setsid())

        let arguments = [SSHEndpoint.program] + remote.arguments
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, SSHEndpoint.program, &actions, &attributes, &argv, environ)
        guard spawned == 0 else {
            if spawned == ENOENT { throw .sshNotFound }
            throw .system(operation: "starting ssh", errno: spawned, text: Errno(spawned).description)
        }
        theirs.close()
        let process = SSHProcess(
            remote: remote, pid: pid, exited: OwnedDescriptor(sockshell_pidfd_open(pid)), stderrFile: stderrFile)
        return (process, ours)
    }

    /// Why ssh failed, once its output has ended: waits for it to exit (reaping it) and reads its
    /// stderr; nil when it exited 0 (the daemon closed the connection) or is still running.
    func failureAfterEnd() -> SSHFailure? {
        guard let status = reap(waitingUntil: Posix.monotonicNanoseconds() &+ Self.exitAfterEndNanoseconds),
            status != 0
        else { return nil }
        return SSHFailure(remote: remote, status: status, stderr: stderrTail())
    }

    /// True once ssh has exited (reaped now if it had).
    var hasExited: Bool { reap(waitingUntil: 0) != nil }

    /// Stops ssh (SIGTERM, then SIGKILL after the grace) and reaps it; nothing when it has gone already.
    func end() {
        if reap(waitingUntil: 0) != nil { return }
        _ = kill(pid, SIGTERM)
        if reap(waitingUntil: Posix.monotonicNanoseconds() &+ Self.terminationGraceNanoseconds) != nil { return }
        _ = kill(pid, SIGKILL)
        _ = reap(waitingUntil: nil)
    }

    /// Waits for the exit until `deadline` (0: only looks; nil: for as long as it takes) and reaps
    /// it exactly once; the status, or nil while it still runs.
    private func reap(waitingUntil deadline: UInt64?) -> Int32? {
        status.withLock { status in
            if let status { return status }
            var raw: Int32 = 0
            if exited.isOpen {
                var waiter = DescriptorWaiter()
                waiter.watch(exited.raw)
                guard (try? waiter.wait(until: deadline)) == true,
                    (try? Posix.systemCall({ waitpid(pid, &raw, 0) })) != nil
                else { return nil }
            } else if !Self.waitWithoutDescriptor(pid, status: &raw, until: deadline) {
                return nil
            }
            exited.close()
            status = Posix.exitStatus(fromWaitStatus: raw)
            return status
        }
    }

    /// How often the exit is looked for when there is no pidfd to wait on.
    static let exitPollNanoseconds: UInt64 = 10_000_000

    /// Without a pidfd (a kernel before 5.3, a sandbox that refuses pidfd_open): waitpid with
    /// WNOHANG until the deadline, or a plain waitpid when there is none. True once reaped.
    private static func waitWithoutDescriptor(_ pid: pid_t, status raw: inout Int32, until deadline: UInt64?) -> Bool {
        guard let deadline else { return (try? Posix.systemCall({ waitpid(pid, &raw, 0) })) != nil }
        while true {
            guard let reaped = try? Posix.systemCall({ waitpid(pid, &raw, WNOHANG) }) else { return false }
            if reaped == pid { return true }
            let now = Posix.monotonicNanoseconds()
            if now >= deadline { return false }
            Posix.sleep(until: min(now &+ exitPollNanoseconds, deadline))
        }
    }

    /// The last `SSHFailure.keptStderrBytes` bytes ssh wrote to stderr.
    private func stderrTail() -> String {
        let size = lseek(stderrFile.raw, 0, SEEK_END)
        guard size > 0 else { return "" }
        let start = max(0, Int(size) - SSHFailure.keptStderrBytes)
        var bytes = [UInt8](repeating: 0, count: Int(size) - start)
        let count = bytes.withUnsafeMutableBytes { pread(stderrFile.raw, $0.baseAddress, $0.count, off_t(start)) }
        return String(decoding: bytes.prefix(max(count, 0)), as: UTF8.self)
    }

    deinit { end() }
}
