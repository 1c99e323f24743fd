/// Why ssh ended before the daemon answered, read from ssh's exit status and the end of what it
/// wrote to stderr, as one sentence that names the fix. ssh runs without a terminal (its own
/// session, as the docker CLI runs it), so it cannot ask for a password or a host key: each of
/// those becomes the command to run once by hand.
public struct SSHFailure: Sendable, Equatable {
    public var remote: SSHEndpoint
    /// The exit status, 128 + N for a signal.
    public var status: Int32
    /// The end of ssh's stderr (and the remote command's), as written.
    public var stderr: String

    public init(remote: SSHEndpoint, status: Int32, stderr: String) {
        self.remote = remote
        self.status = status
        self.stderr = stderr
    }

    /// How much of ssh's stderr is kept, from its end: the docker CLI keeps 4 KiB; the sentence
    /// quotes one line of it.
    public static let keptStderrBytes = 4096

    /// The shell's way of typing the same login by hand, `ssh -p 22022 me@host`.
    var loginCommand: String { "ssh" + (remote.port.map { " -p \($0)" } ?? "") + " " + loginTarget }

    /// `me@host`, or `host`.
    var loginTarget: String { (remote.user.map { $0 + "@" } ?? "") + remote.host }

    /// The host's name in known_hosts, `[host]:port` for a port other than 22, shell-quoted.
    var knownHostsName: String {
        let name = remote.port.flatMap { $0 == 22 ? nil : "[\(remote.host)]:\($0)" } ?? remote.host
        return ShellWord.quote(Array(name.utf8))
    }

    /// ssh's own `ssh-keygen -f FILE -R NAME` when it printed one (it knows the HostName, alias and
    /// file that ~/.ssh/config gave), else one built from the URL.
    var removeKeyCommand: String {
        let fromSSH = stderr.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }
            .first { $0.hasPrefix("ssh-keygen ") && $0.contains(" -R ") }
        return fromSSH.map { String($0) } ?? "ssh-keygen -R \(knownHostsName)"
    }

    /// The last line ssh wrote that says something, for the sentence's quote.
    var lastLine: String {
        let lines = stderr.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        return lines.last.map { String($0) } ?? "nothing on stderr"
    }

    public var message: String {
        let host = remote.host
        let ran = "(ran: \(remote.commandLine))"
        if stderr.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") || stderr.contains("has changed and you have") {
            return
                """
                the host key of \(host) is not the one in known_hosts (ssh: \(lastLine)): if the change is expected, \
                \(removeKeyCommand) removes the old key and \(loginCommand) accepts the new one \(ran)
                """
        }
        if stderr.contains("Host key verification failed") {
            return
                """
                \(host)'s host key is not in known_hosts, and ssh cannot ask here (it runs without a terminal): \
                run \(loginCommand) once and accept the key, then connect again \(ran)
                """
        }
        if stderr.contains("Permission denied (") {
            return
                """
                ssh was not let in to \(host) (\(lastLine)): load your key into the agent (ssh-add) or name it \
                with IdentityFile for that host in ~/.ssh/config; ssh cannot ask for a password here \(ran)
                """
        }
        let unreachable = [
            "Connection refused", "Could not resolve hostname", "Connection timed out", "No route to host",
            "Network is unreachable",
        ]
        if status == 255, unreachable.contains(where: stderr.contains) {
            return
                """
                ssh could not reach \(host) (\(lastLine)): check the host and port in \(remote.url) and that sshd \
                runs there \(ran)
                """
        }
        if status == 127 || stderr.contains("docker: command not found") || stderr.contains("docker: not found") {
            return
                """
                ssh reached \(host), but there is no docker command on its PATH (\(lastLine)): sockshell, like the \
                docker CLI, runs docker system dial-stdio there, so install the docker CLI on \(host) (for podman: \
                its podman-docker package) \(ran)
                """
        }
        if stderr.contains("dial-stdio") && stderr.contains("unrecognized command") {
            return
                """
                ssh reached \(host), but its docker has no system dial-stdio (\(lastLine)): install the docker CLI \
                there, or forward the daemon's socket (ssh -nNT -L /tmp/remote.sock:/run/podman/podman.sock \
                \(loginTarget)) and connect unix:///tmp/remote.sock \(ran)
                """
        }
        if stderr.contains("connect: permission denied") {
            return
                """
                ssh reached \(host), but its user may not open the daemon's socket there (\(lastLine)): add that \
                user to the docker group on \(host) (sudo usermod -aG docker USER, then log in again), or name a \
                socket it may open in the URL \(ran)
                """
        }
        if stderr.contains("Cannot connect to the Docker daemon") || stderr.contains("dial unix")
            || stderr.contains("connect: no such file")
        {
            let example = SSHEndpoint(
                user: remote.user, host: remote.host, port: remote.port, socketPath: "/run/user/1000/docker.sock")
            return
                """
                ssh reached \(host), but docker system dial-stdio there could not reach the daemon (\(lastLine)): \
                start the daemon on \(host), or name its socket in the URL (\(example.url)) \(ran)
                """
        }
        let hostFlag = remote.socketPath.map { " " + ShellWord.quote(Array("--host=unix://\($0)".utf8)) } ?? ""
        return
            """
            ssh ended with status \(status) before the daemon answered (\(lastLine)): \(loginCommand) \
            docker\(hostFlag) version shows the same by hand \(ran)
            """
    }
}
