import Foundation
import TestSupport
import Testing

/// ssh:// endpoints against a real sshd on a loopback port (`SSHServer`) whose remote docker CLI
/// reaches the test daemon, through the real ssh client: one ssh process per connection, reused
/// across requests; each way ssh can fail as one sentence; every ssh process reaped.
@Suite(.enabled(if: TestDaemon.isAvailable && SSHServer.isAvailable, "needs the test daemon and sshd: scripts/test"))
struct SSHTests {
    static func server() throws -> SSHServer {
        try SSHServer(dockerHost: try #require(TestDaemon.host))
    }

    static func run(
        _ server: SSHServer, _ arguments: [String], as client: SSHServer.Client = .trusted, script: String,
        environment: [String: String] = [:]
    ) throws -> SockshellProcess.Result {
        try SockshellProcess.run(
            arguments + ["-c", script],
            environment: ["PATH": server.path(for: client), "DOCKER_CONTEXT": ""].merging(environment) { $1 })
    }

    @Test func requestsGoThroughOneSSHProcessThatTheViewNames() throws {
        let server = try Self.server()
        let result = try Self.run(server, ["-H", server.url()], script: "GET /_ping\nGET /version\nGET /info")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "* conn 1 \(server.url()) (new)")
        let command = "ssh -o ConnectTimeout=30 -T -p \(server.port) -- 127.0.0.1 docker system dial-stdio"
        #expect(lines.dropFirst().first?.hasPrefix("* \(command) (pid ") == true)
        #expect(lines.filter { $0 == "* conn 1 \(server.url()) (reused)" }.count == 2)
        #expect(lines.filter { $0.hasPrefix("< HTTP/1.1 200 OK") }.count == 3)
        #expect(server.acceptedLogins == 1)
    }

    @Test func aSocketPathInTheURLIsTheRemoteDaemonsSocket() throws {
        let server = try Self.server()
        let socket = try #require(TestDaemon.socketPath)
        let reached = try Self.run(server, ["-H", server.url(path: socket)], script: "GET /_ping")
        #expect(reached.status == 0, "\(reached.stderr)")
        #expect(reached.stdout.contains("docker --host=unix://\(socket) system dial-stdio"))
        let missing = try Self.run(server, ["-H", server.url(path: "/nonexistent/docker.sock")], script: "GET /_ping")
        #expect(missing.status == 1)
        #expect(
            missing.stderr.contains(
                "sockshell: ssh reached 127.0.0.1, but docker system dial-stdio there could not reach the daemon ("))
        #expect(missing.stderr.contains("/nonexistent/docker.sock: connect: no such file or directory"))
    }

    @Test func aContextTheDockerCLIMadeWithAnSSHHostWorks() throws {
        let server = try Self.server()
        let folder = try ContextTests.store(contexts: [("remote", server.url())], use: "remote")
        let result = try Self.run(
            server, [], script: "GET /_ping",
            environment: ContextTests.isolated(folder, ["PATH": server.path(for: .trusted)]))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("* conn 1 \(server.url()) (new)\n* ssh -o ConnectTimeout=30"))
    }

    /// Each client set-up and the start of the sentence it gets (PORT and FOLDER are the server's).
    static let failures: [(SSHServer.Client, String)] = [
        (
            .stranger,
            "sockshell: ssh was not let in to 127.0.0.1 (root@127.0.0.1: Permission denied (publickey).): load"
        ),
        (
            .unknownHost,
            """
            sockshell: 127.0.0.1's host key is not in known_hosts, and ssh cannot ask here (it runs without a \
            terminal): run ssh -p PORT 127.0.0.1 once and accept the key
            """
        ),
        (
            .changedHostKey,
            """
            sockshell: the host key of 127.0.0.1 is not the one in known_hosts (ssh: Host key verification failed.): \
            if the change is expected, ssh-keygen -f "FOLDER/changedHostKey/known_hosts" -R "[127.0.0.1]:PORT" removes
            """
        ),
        (
            .noDocker,
            """
            sockshell: ssh reached 127.0.0.1, but there is no docker command on its PATH (bash: line 1: docker: \
            command not found): sockshell, like the docker CLI, runs docker system
            """
        ),
    ]

    @Test(arguments: failures)
    func eachWaySSHFailsIsOneSentenceThatNamesTheFix(client: SSHServer.Client, sentence: String) throws {
        let server = try Self.server()
        let result = try Self.run(server, ["-H", server.url()], as: client, script: "GET /_ping")
        #expect(result.status == 1)
        let expected = sentence.replacingOccurrences(of: "PORT", with: String(server.port))
            .replacingOccurrences(of: "FOLDER", with: server.folder)
        #expect(result.stderr.hasPrefix(expected), "\(result.stderr)")
        #expect(
            result.stderr.hasSuffix(
                "(ran: ssh -o ConnectTimeout=30 -T -p \(server.port) -- 127.0.0.1 docker system dial-stdio)\n"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func nobodyListeningAtThePortIsSaid() throws {
        let server = try Self.server()
        let refusing = try RefusingPort()
        let port = refusing.port
        let result = try Self.run(server, ["-H", "ssh://127.0.0.1:\(port)"], script: "GET /_ping")
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix(
                """
                sockshell: ssh could not reach 127.0.0.1 (ssh: connect to host 127.0.0.1 port \(port): Connection \
                refused): check the host and port in ssh://127.0.0.1:\(port) and that sshd runs there
                """), "\(result.stderr)")
    }

    /// A background job gets an ssh of its own, and every ssh is reaped when its connection closes:
    /// `!ps` lists the shell's children, where an unreaped ssh would show as a zombie.
    @Test func jobsGetTheirOwnSSHAndEverySSHIsReaped() throws {
        let server = try Self.server()
        let terminal = try PseudoTerminal(
            executable: SockshellProcess.binaryPath, arguments: ["-H", server.url()],
            environment: [
                "PATH": server.path(for: .trusted), "NO_COLOR": "1", "XDG_STATE_HOME": "", "EDITRC": "/nonexistent",
                "DOCKER_CONTEXT": "",
            ],
            rows: 40, cols: 200)
        try terminal.waitFor("daemon answered _ping")
        try terminal.waitFor("ssh:127.0.0.1> ")
        try terminal.sendLine("GET /_ping")
        try terminal.waitFor("200 OK")
        try terminal.sendLine("GET /events &")
        try terminal.waitFor("[1] ")
        try terminal.sendLine("!ps -o stat=,comm= --ppid $PPID | grep -c '^S.* ssh$'")
        // The startup ping's connection (the session's quiet one), the foreground's and the job's.
        try terminal.waitFor("\n3\n")
        try terminal.sendLine("stop 1")
        try terminal.waitFor("[1] ")
        try terminal.sendLine("connect \(try #require(TestDaemon.host))")
        try terminal.waitFor("docker.sock 200> ")
        try terminal.sendLine("!ps -o stat=,comm= --ppid $PPID | grep -c ssh")
        try terminal.waitFor("\n0\n")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
        #expect(server.acceptedLogins == 3)
    }

    /// A recording made over ssh says so, and replays against the local socket (issue 15 item 6).
    @Test func aRecordingMadeOverSSHReplaysAgainstALocalSocket() throws {
        let server = try Self.server()
        let host = try #require(TestDaemon.host)
        let socket = try #require(TestDaemon.socketPath)
        let file = server.folder + "/over-ssh.txt"
        let recorded = try Self.run(server, ["-H", server.url()], script: "record \(file)\nGET /_ping\nGET /version")
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("against \(server.url()), "))
        #expect(text.contains(" on=\(server.url())\n"))
        let replayed = try SockshellProcess.run(["-H", host, "replay", file])
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(replayed.stdout.hasPrefix("replay \(file) (recorded on \(server.url())) against unix:\(socket)\n"))
        #expect(replayed.stdout.contains("2 steps: 2 same, 0 differ, 0 failed"))
    }

    /// A live session over ssh gets its own ssh; the end of piped input half-closes it (ssh passes
    /// the end on, dial-stdio closes the daemon's write side) and the output keeps coming.
    @Test func execFromAPipeHalfClosesThroughSSH() throws {
        let server = try Self.server()
        let container = try LiveSessionTests.container(tty: false)
        defer { LiveSessionTests.remove(container) }
        let input = (1...300).map { "piped line \($0)\n" }.joined()
        let result = try SockshellProcess.run(
            ["-H", server.url(), "--view", "body", "-c", "exec \(container) cat"],
            environment: ["PATH": server.path(for: .trusted), "DOCKER_CONTEXT": ""], stdin: input, timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(input), "\(result.stdout.suffix(300))")
        #expect(result.stdout.contains("* exit code 0"), "\(result.stdout.suffix(300))")
        #expect(server.acceptedLogins >= 2)
    }

    /// The tap refuses an ssh upstream when it starts, not on each client's connection.
    @Test func theTapRefusesAnSSHUpstreamAtOnce() throws {
        let server = try Self.server()
        let result = try SockshellProcess.run(
            ["-H", server.url(), "tap", "--listen", server.folder + "/tap.sock"],
            environment: ["PATH": server.path(for: .trusted), "DOCKER_CONTEXT": ""])
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix(
                "sockshell: the tap relays to a unix socket or a tcp:// daemon, not to \(server.url()): forward"),
            "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: server.folder + "/tap.sock"))
    }
}
