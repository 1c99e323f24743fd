import Foundation
import TestSupport
import Testing

/// Finding the daemon through docker contexts that the real docker CLI made (both the docker 28 on
/// PATH and Debian's 20.10 at /usr/bin/docker when there), with every variable that matters given
/// explicitly so the test machine's own ~/.docker, DOCKER_HOST and DOCKER_CONTEXT never count.
@Suite(.enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct ContextTests {
    /// The docker CLIs to make contexts with: the one on PATH, and Debian's when installed.
    static let dockerCLIs = ["docker", "/usr/bin/docker"].filter {
        !$0.hasPrefix("/") || FileManager.default.isExecutableFile(atPath: $0)
    }
    static let deadHost = "unix:///nonexistent/docker.sock"

    /// A fresh config folder holding `contexts` (name → host), made by `cli`, with `use` current.
    static func store(cli: String = "docker", contexts: [(String, String)], use: String?) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-contexts-\(UUID().uuidString.prefix(8))"
        ).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var lines = contexts.map { "\(cli) context create \($0.0) --docker host=\($0.1)" }
        if let use { lines.append("\(cli) context use \(use)") }
        for line in lines {
            let made = try SockshellProcess.runShell(line, environment: isolated(folder))
            #expect(made.status == 0, "\(line): \(made.stderr)")
        }
        return folder
    }

    /// The environment that makes `folder` the only docker configuration in play.
    static func isolated(_ folder: String, _ more: [String: String] = [:]) -> [String: String] {
        ["DOCKER_CONFIG": folder, "HOME": folder, "DOCKER_HOST": "", "DOCKER_CONTEXT": ""].merging(more) { $1 }
    }

    /// The interactive shell on a terminal with `folder` as the only docker configuration.
    static func shell(_ folder: String) throws -> PseudoTerminal {
        try PseudoTerminal(
            executable: SockshellProcess.binaryPath,
            environment: isolated(folder, ["NO_COLOR": "1", "XDG_STATE_HOME": "", "EDITRC": "/nonexistent"]),
            rows: 40, cols: 200)
    }

    static func ping(_ arguments: [String] = [], _ environment: [String: String]) throws -> SockshellProcess.Result {
        try SockshellProcess.run(arguments + ["-c", "GET /_ping"], environment: environment)
    }

    @Test(arguments: dockerCLIs)
    func dockerContextUseChoosesTheDaemonAndTheStartupLineSaysSo(cli: String) throws {
        let host = try #require(TestDaemon.host)
        let socket = try #require(TestDaemon.socketPath)
        let folder = try Self.store(cli: cli, contexts: [("t1", host)], use: "t1")
        let result = try Self.ping([], Self.isolated(folder))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("* conn 1 unix:\(socket) (new)\n"))

        let terminal = try Self.shell(folder)
        try terminal.waitFor("sockshell 0.1.0 · unix:\(socket) (context t1) · daemon answered _ping (API ")
        try terminal.waitFor("docker.sock> ")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    @Test func dockerContextAndTheFlagOverrideTheCurrentContextAndDockerHostOverridesThatVariable() throws {
        let host = try #require(TestDaemon.host)
        let folder = try Self.store(contexts: [("t1", host), ("dead", Self.deadHost)], use: "dead")
        let current = try Self.ping([], Self.isolated(folder))
        #expect(current.status == 1)
        #expect(current.stderr.contains("/nonexistent/docker.sock"))
        #expect(try Self.ping([], Self.isolated(folder, ["DOCKER_CONTEXT": "t1"])).status == 0)
        #expect(try Self.ping(["--context", "t1"], Self.isolated(folder)).status == 0)
        // --context beats DOCKER_HOST; DOCKER_HOST beats DOCKER_CONTEXT (docker/cli resolveContextName).
        #expect(try Self.ping(["--context", "t1"], Self.isolated(folder, ["DOCKER_HOST": Self.deadHost])).status == 0)
        #expect(try Self.ping([], Self.isolated(folder, ["DOCKER_HOST": host, "DOCKER_CONTEXT": "dead"])).status == 0)
        // `default` is the CLI's virtual context: DOCKER_HOST, else the default socket.
        #expect(
            try Self.ping(["--context", "default"], Self.isolated(folder, ["DOCKER_HOST": host])).status == 0)
    }

    @Test func hostWithContextIsAUsageError() throws {
        let host = try #require(TestDaemon.host)
        let folder = try Self.store(contexts: [("t1", host)], use: nil)
        let result = try Self.ping(["--context", "t1", "-H", host], Self.isolated(folder))
        #expect(result.status == 2)
        #expect(
            result.stderr
                == """
                sockshell: conflicting options: cannot specify both --host and --context: drop one of them (--context \
                picks a docker context, --host an endpoint)

                """
        )
    }

    @Test func anUnknownContextIsOneSentence() throws {
        let folder = try Self.store(contexts: [], use: nil)
        let result = try Self.ping(["--context", "nope"], Self.isolated(folder))
        #expect(result.status == 2)
        #expect(
            result.stderr
                == """
                sockshell: context "nope" (from --context) is not in \(folder)/contexts: docker context ls lists the \
                contexts there, docker context create NAME --docker host=URL makes one

                """
        )
        #expect(result.stdout.isEmpty)
        let fromVariable = try Self.ping([], Self.isolated(folder, ["DOCKER_CONTEXT": "nope"]))
        #expect(fromVariable.status == 2)
        #expect(fromVariable.stderr.contains("unset DOCKER_CONTEXT"))
    }

    @Test func aMalformedConfigIsAWarningAndSockshellGoesOn() throws {
        let host = try #require(TestDaemon.host)
        let folder = try Self.store(contexts: [], use: nil)
        try "{\"currentContext\": ".write(toFile: folder + "/config.json", atomically: true, encoding: .utf8)
        let result = try Self.ping([], Self.isolated(folder, ["DOCKER_HOST": host]))
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("sockshell: warning: cannot parse \(folder)/config.json (invalid JSON at byte"))
        #expect(result.stderr.hasSuffix("default context is used: fix the file or run docker context use NAME\n"))
    }

    /// In the shell: `contexts` lists what the CLI made, `connect --context` switches through the
    /// connect path (refusing a context nobody listens on), and `endpoint` says which rule chose.
    @Test func theShellListsSwitchesAndExplains() throws {
        let host = try #require(TestDaemon.host)
        let socket = try #require(TestDaemon.socketPath)
        let folder = try Self.store(contexts: [("t1", host), ("other", host), ("dead", Self.deadHost)], use: "t1")
        let terminal = try Self.shell(folder)
        try terminal.waitFor("(context t1) · daemon answered _ping")
        try terminal.waitFor("docker.sock> ")
        try terminal.sendLine("endpoint")
        try terminal.waitFor("unix:\(socket): context t1, chosen by currentContext in \(folder)/config.json")
        try terminal.sendLine("contexts")
        try terminal.waitFor(
            """
            NAME      DESCRIPTION                               DOCKER ENDPOINT
            dead                                                \(Self.deadHost)
            default   Current DOCKER_HOST based configuration   unix:///var/run/docker.sock
            other                                               \(host)
            t1 *                                                \(host)
            """
        )
        try terminal.sendLine("connect --context dead")
        try terminal.waitFor("not connected: no socket at /nonexistent/docker.sock")
        try terminal.waitFor("still on unix:\(socket)")
        // Tab offers the names in the store.
        try terminal.send("connect --context ot")
        try terminal.press(.tab)
        try terminal.waitFor("her ")  // libedit writes only the completed rest
        try terminal.press(.enter)
        try terminal.waitFor("* endpoint unix:\(socket) (context other) · daemon answered _ping")
        try terminal.sendLine("endpoint")
        try terminal.waitFor("unix:\(socket): context other, chosen by connect --context in this session")
        try terminal.sendLine("contexts")
        try terminal.waitFor("other *")
        try terminal.sendLine("connect --context nope")
        try terminal.waitFor(#"context "nope" (from connect) is not in \#(folder)/contexts"#)
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    /// `replay` takes --context, before the command (as `docker --context t1 ps`) or after it.
    @Test func replayFindsTheDaemonThroughAContext() throws {
        let host = try #require(TestDaemon.host)
        let folder = try Self.store(contexts: [("t1", host)], use: nil)
        let recording = folder + "/ping.sks"
        let recorded = try SockshellProcess.run(
            ["--context", "t1", "--record", recording, "-c", "GET /_ping"], environment: Self.isolated(folder))
        #expect(recorded.status == 0, "\(recorded.stderr)")
        for arguments in [["--context", "t1", "replay", recording], ["replay", recording, "--context", "t1"]] {
            let replayed = try SockshellProcess.run(arguments, environment: Self.isolated(folder))
            #expect(replayed.status == 0, "\(arguments): \(replayed.stderr)")
            #expect(replayed.stdout.contains("1 same, 0 differ, 0 failed"))
        }
    }

    /// `where` is the lesson's step; outside a lesson it names the command that says which daemon.
    @Test func whereOutsideALessonPointsAtEndpoint() throws {
        let host = try #require(TestDaemon.host)
        let result = try SockshellProcess.run(["-H", host, "-c", "where"])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == """
                sockshell: no lesson is running: lesson lists them, lesson start NAME starts one (endpoint says \
                which daemon requests go to)

                """
        )
    }

    /// `sockets` looks where daemons listen: a Desktop-style socket (here a link to the test
    /// daemon's) answers, a socket file left behind does not; with nobody at the endpoint, the
    /// shell's first lines name the one that answers and the connect that switches to it.
    @Test func socketsFindsTheDaemonsThatAnswer() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-sockets-\(UUID().uuidString.prefix(8))"
        ).path
        try FileManager.default.createDirectory(atPath: home + "/.docker/run", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let daemon = try #require(TestDaemon.socketPath)
        try FileManager.default.createSymbolicLink(
            atPath: home + "/.docker/run/docker.sock", withDestinationPath: daemon)
        // A socket file nobody listens on: bound, never listened.
        close(try CommandLineErrorTests.boundSocket(at: home + "/docker.sock", listening: false))
        let environment = [
            "HOME": home, "XDG_RUNTIME_DIR": home, "DOCKER_CONFIG": home + "/.docker", "DOCKER_HOST": "",
            "DOCKER_CONTEXT": "",
        ]
        let result = try SockshellProcess.run(
            ["-H", "unix://\(home)/nowhere.sock", "-c", "sockets"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(home)/docker.sock "), "\(result.stdout)")
        #expect(result.stdout.contains("rootless Docker            nobody listens (a socket file left behind)\n"))
        #expect(result.stdout.contains("Docker Desktop             answers _ping (API "), "\(result.stdout)")
        let desktop = home + "/.docker/run/docker.sock"
        #expect(
            result.stdout.hasSuffix("to use it: connect \(desktop) (or start sockshell with -H unix://\(desktop))\n"))
        #expect(!result.stdout.contains("nowhere.sock"), "a missing socket is not listed")

        let terminal = try PseudoTerminal(
            executable: SockshellProcess.binaryPath, arguments: ["-H", "unix://\(home)/nowhere.sock"],
            environment: environment.merging(["NO_COLOR": "1", "XDG_STATE_HOME": home, "EDITRC": "/nonexistent"]) {
                $1
            },
            rows: 40, cols: 250)
        defer { terminal.close() }
        try terminal.waitFor("no answer to _ping: no socket at \(home)/nowhere.sock")
        try terminal.waitFor("daemons answer here instead:\n")
        try terminal.waitFor("to use it: connect \(home)/.docker/run/docker.sock")
        try terminal.sendLine("connect \(home)/.docker/run/docker.sock")
        try terminal.waitFor("daemon answered _ping (API ")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }
}
