import Foundation
import TestSupport
import Testing

/// Real clients through `sockshell tap` to the test daemon (issue 12 item 7): the docker CLIs
/// (Debian's 20.10 and the one on PATH) and docker-py. Every test runs the client through
///
///     client -> relay A -> sockshell tap -> relay B -> test daemon
///
/// (TapChain), checks what the client printed and its exit status, stops the tap with SIGTERM
/// (exit 0, socket removed), and checks that relay A's connections and relay B's carried exactly
/// the same bytes: what the tap received from each side is what it passed to the other.
@Suite("TapClientTests", .serialized, .enabled(if: TestDaemon.isAvailable))
struct TapClientTests {
    /// A docker CLI binary.
    struct DockerCLI: Sendable, CustomTestStringConvertible {
        let path: String
        var testDescription: String { path }
    }

    /// Debian's docker.io CLI (20.10), and the one on PATH when that is another binary (28.2.2 here).
    static let clients: [DockerCLI] = {
        var paths = ["/usr/bin/docker"]
        let onPath = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("docker").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        if let onPath,
            URL(fileURLWithPath: onPath).resolvingSymlinksInPath()
                != URL(fileURLWithPath: paths[0]).resolvingSymlinksInPath()
        {
            paths.append(onPath)
        }
        return paths.map(DockerCLI.init)
    }()

    static let label = TestDaemon.label
    /// Everything a container started through the tap needs: the cleanup label, no network (the
    /// daemon has no bridge).
    static let runFlags = "--rm --label \(TestDaemon.label) --network none"

    // MARK: docker run

    @Test("docker run --rm busybox echo: the output arrives", arguments: clients)
    func runEcho(cli: DockerCLI) throws {
        let token = Self.token()
        try throughTap { chain in
            let result = try run("\(cli.path) run \(Self.runFlags) busybox echo hi-\(token)", chain)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "hi-\(token)\n", "\(result.stderr)")
        }
    }

    @Test("echo hello | docker run -i cat: prints hello and exits (the half-close reached cat)", arguments: clients)
    func runInteractiveHalfClose(cli: DockerCLI) throws {
        try throughTap { chain in
            let result = try run("echo hello | \(cli.path) run -i \(Self.runFlags) busybox cat", chain)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "hello\n", "\(result.stderr)")
            // Output written a second after stdin ended still arrives: no linger timeout.
            let late = try run(
                "echo hello | \(cli.path) run -i \(Self.runFlags) busybox sh -c 'cat; sleep 1; echo done'", chain)
            #expect(late.status == 0, "\(late.stderr)")
            #expect(late.stdout == "hello\ndone\n", "\(late.stderr)")
        }
    }

    // MARK: docker exec, logs -f, events, ps

    @Test("docker exec: output arrives, with and without stdin", arguments: clients)
    func exec(cli: DockerCLI) throws {
        let container = try Self.startContainer("sleep 600")
        defer { Self.removeContainer(container) }
        try throughTap { chain in
            let plain = try run("\(cli.path) exec \(container) sh -c 'sleep 1; echo hi-exec'", chain)
            #expect(plain.status == 0, "\(plain.stderr)")
            #expect(plain.stdout == "hi-exec\n", "\(plain.stderr)")
            let piped = try run("echo piped | \(cli.path) exec -i \(container) cat", chain)
            #expect(piped.status == 0, "\(piped.stderr)")
            #expect(piped.stdout == "piped\n", "\(piped.stderr)")
        }
    }

    @Test("docker logs -f streams live until SIGINT stops it", arguments: clients)
    func logsFollow(cli: DockerCLI) throws {
        let container = try Self.startContainer(Self.counting)
        defer { Self.removeContainer(container) }
        try throughTap { chain in
            let logs = try BackgroundProcess(
                cli.path, ["logs", "-f", "--tail", "1", container], environment: chain.environment())
            // Two lines: the tail, then one written while the client watched.
            #expect(logs.waitUntil(timeout: 30) { $0.lines().count >= 2 }, "\(logs.text()) \(logs.text(.stderr))")
            logs.signal(SIGINT)
            let ended = logs.waitForExit(timeout: 20)
            #expect(Self.stoppedByInterrupt(ended), "\(String(describing: ended)): \(logs.text(.stderr))")
            #expect(logs.lines().allSatisfy { $0.hasPrefix("line ") }, "\(logs.text())")
        }
    }

    @Test("docker events streams live until SIGINT stops it", arguments: clients)
    func events(cli: DockerCLI) throws {
        let token = Self.token()
        try throughTap { chain in
            let events = try BackgroundProcess(
                cli.path, ["events", "--filter", "label=sockshell.test.events=\(token)"],
                environment: chain.environment())
            // Started once the client is connected: the event arrives live, not replayed.
            try Self.waitUntilStreaming(chain)
            try Self.runDirectly("run \(Self.runFlags) --label sockshell.test.events=\(token) busybox true")
            #expect(
                events.waitForLine(timeout: 30) { $0.contains(" container destroy ") },
                "\(events.text()) \(events.text(.stderr))")
            events.signal(SIGINT)
            let ended = events.waitForExit(timeout: 20)
            #expect(Self.stoppedByInterrupt(ended), "\(String(describing: ended)): \(events.text(.stderr))")
        }
    }

    @Test("docker ps lists a running container", arguments: clients)
    func ps(cli: DockerCLI) throws {
        let container = try Self.startContainer("sleep 600")
        defer { Self.removeContainer(container) }
        try throughTap { chain in
            let result = try run("\(cli.path) ps --no-trunc --format '{{.ID}}'", chain)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.split(separator: "\n").contains(Substring(container)), "\(result.stdout)")
            let table = try run("\(cli.path) ps", chain)
            #expect(table.status == 0, "\(table.stderr)")
            #expect(table.stdout.hasPrefix("CONTAINER ID "), "\(table.stdout)")
        }
    }

    // MARK: docker build, docker pull

    @Test("docker build with the legacy builder: the context goes up chunked, the build runs", arguments: clients)
    func buildLegacy(cli: DockerCLI) throws {
        let token = Self.token()
        let context = "/tmp/sstap-build-\(token)"
        try FileManager.default.createDirectory(atPath: context, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: context) }
        try "FROM busybox\nRUN echo built-\(token)\n".write(
            toFile: context + "/Dockerfile", atomically: true, encoding: .utf8)
        let tag = "sockshell-tap-test:\(token)"
        defer { _ = try? Self.runDirectly("rmi \(tag)") }
        try throughTap { chain in
            let result = try run(
                """
                DOCKER_BUILDKIT=0 \(cli.path) build --no-cache --network none --label \(Self.label) -t \(tag) \
                \(context)
                """, chain)
            #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
            #expect(result.stdout.contains("\nbuilt-\(token)\n"), "\(result.stdout)")
            #expect(result.stdout.contains("Successfully tagged \(tag)"), "\(result.stdout)")
            #expect(chain.waitUntilSettled())
            // The scenario is the chunked upload: the build request went up with it.
            let builds = chain.upstreamRelay.connections().filter { Self.text($0.c2s).contains("POST /v1.41/build?") }
            #expect(builds.count == 1)
            #expect(builds.allSatisfy { Self.text($0.c2s).contains("\r\nTransfer-Encoding: chunked\r\n") })
        }
    }

    @Test("docker pull from a registry that cannot be reached: the daemon's error passes through", arguments: clients)
    func pullFails(cli: DockerCLI) throws {
        try throughTap { chain in
            // .invalid never resolves (RFC 2606), online or not.
            let result = try run("\(cli.path) pull sockshell.invalid/nothing:here", chain)
            #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
            #expect(chain.waitUntilSettled())
            let answers = chain.upstreamRelay.connections().map { Self.text($0.s2c) }
            let message = answers.lazy.compactMap(Self.errorMessage).first
            #expect(message?.contains("sockshell.invalid") == true, "\(answers)")
            #expect(result.stderr.contains("Error response from daemon: \(message ?? "?")"), "\(result.stderr)")
        }
    }

    @Test("DOCKER_BUILDKIT=1 with the 20.10 CLI: the build context goes over the h2c /session stream")
    func buildKitSession() throws {
        let token = Self.token()
        let context = "/tmp/sstap-buildkit-\(token)"
        try FileManager.default.createDirectory(atPath: context, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: context) }
        try "FROM busybox\nRUN echo built-\(token)\n".write(
            toFile: context + "/Dockerfile", atomically: true, encoding: .utf8)
        let tag = "sockshell-tap-test:\(token)"
        defer { _ = try? Self.runDirectly("rmi \(tag)") }
        try throughTap { chain in
            // BuildKit is built into Debian's 20.10 CLI; CLI 28 needs the buildx plugin for it.
            let result = try run(
                """
                DOCKER_BUILDKIT=1 /usr/bin/docker build --progress plain --no-cache --network none \
                --label \(Self.label) -t \(tag) \(context)
                """, chain)
            #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("built-\(token)"), "\(result.stderr)")
            #expect(chain.waitUntilSettled())
            let sessions = chain.upstreamRelay.connections().filter { Self.text($0.c2s).hasPrefix("POST /session ") }
            #expect(sessions.count == 1)
            #expect(sessions.allSatisfy { Self.text($0.s2c).hasPrefix("HTTP/1.1 101 Switching Protocols\r\n") })
        }
    }

    @Test("a 50 MB stream: every byte arrives, and the tap stops on SIGTERM without showing its backlog")
    func bulkStream() throws {
        let size = 50_000_000
        // The bound is a hang detector, not a timing: a tap used to render its whole view backlog
        // (over 200 MB of view for the 50 MB, 16-26 s in a debug build) before it exited.
        try throughTap(stopTimeout: 30) { chain in
            let result = try run(
                "/usr/bin/docker run \(Self.runFlags) busybox head -c \(size) /dev/zero | wc -c", chain)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.trimmingCharacters(in: .whitespaces) == "\(size)\n", "\(result.stderr)")
        }
    }

    // MARK: docker-py

    @Test("docker-py containers.run returns the output")
    func dockerPyContainersRun() throws {
        let token = Self.token()
        let script = """
            import docker
            output = docker.from_env().containers.run(
                "busybox", ["echo", "hi-from-py-\(token)"], remove=True, network_mode="none",
                labels={"\(Self.label)": ""})
            print(output.decode(), end="")
            """
        try throughTap { chain in
            let result = try run("python3 -c '\(script)'", chain)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "hi-from-py-\(token)\n", "\(result.stderr)")
        }
    }

    // MARK: many clients, a killed client, a restarted daemon

    @Test("20 clients at once: 20 docker events streams open together, each gets every event")
    func twentyClientsAtOnce() throws {
        let token = Self.token()
        let filter = "label=sockshell.test.crowd=\(token)"
        let since = String(Int(Date().timeIntervalSince1970) - 1)
        // One container's events happen before the clients start; they get them replayed (--since).
        try Self.runDirectly("run \(Self.runFlags) --label sockshell.test.crowd=\(token) busybox true")
        try throughTap { chain in
            let crowd = try (0..<20).map { index in
                try BackgroundProcess(
                    Self.clients[index % Self.clients.count].path, ["events", "--since", since, "--filter", filter],
                    environment: chain.environment())
            }
            func destroyed(_ client: BackgroundProcess) -> Int {
                client.lines().count { $0.contains(" container destroy ") }
            }
            // All 20 are connected and streaming at the same time once each printed the replay...
            for (index, client) in crowd.enumerated() {
                #expect(
                    client.waitUntil(timeout: 60) { destroyed($0) >= 1 },
                    "client \(index): \(client.text()) \(client.text(.stderr))")
            }
            // ...and each gets the next container's events live.
            try Self.runDirectly("run \(Self.runFlags) --label sockshell.test.crowd=\(token) busybox true")
            for (index, client) in crowd.enumerated() {
                #expect(
                    client.waitUntil(timeout: 60) { destroyed($0) >= 2 },
                    "client \(index): \(client.text()) \(client.text(.stderr))")
            }
            for client in crowd { client.signal(SIGINT) }
            for (index, client) in crowd.enumerated() {
                let ended = client.waitForExit(timeout: 20)
                #expect(Self.stoppedByInterrupt(ended), "client \(index) \(String(describing: ended))")
            }
        }
    }

    @Test("a client killed mid stream: the other clients' streams go on, new clients work")
    func clientKilledMidStream() throws {
        let container = try Self.startContainer(Self.counting)
        defer { Self.removeContainer(container) }
        let victimCLI = Self.clients[Self.clients.count - 1]
        let survivorCLI = Self.clients[0]
        // The victim has client relay 1 to itself: its cut connection is checked apart.
        try throughTap(clientRelays: 2, cut: [1]) { chain in
            let survivor = try BackgroundProcess(
                survivorCLI.path, ["logs", "-f", "--tail", "1", container], environment: chain.environment(0))
            let victim = try BackgroundProcess(
                victimCLI.path, ["logs", "-f", "--tail", "1", container], environment: chain.environment(1))
            #expect(victim.waitUntil(timeout: 30) { $0.lines().count >= 2 }, "\(victim.text(.stderr))")
            #expect(survivor.waitUntil(timeout: 30) { $0.lines().count >= 2 }, "\(survivor.text(.stderr))")
            victim.signal(SIGKILL)
            #expect(victim.waitForExit(timeout: 20) == BackgroundProcess.Termination(status: SIGKILL, signaled: true))
            // Lines the container writes after the kill still reach the survivor.
            let seen = survivor.lines().count
            #expect(
                survivor.waitUntil(timeout: 30) { $0.lines().count >= seen + 3 },
                "\(survivor.text()) \(survivor.text(.stderr))")
            let ps = try run("\(survivorCLI.path) ps --no-trunc --format '{{.ID}}'", chain)
            #expect(ps.status == 0, "\(ps.stderr)")
            #expect(ps.stdout.split(separator: "\n").contains(Substring(container)), "\(ps.stdout)")
            survivor.signal(SIGINT)
            let ended = survivor.waitForExit(timeout: 20)
            #expect(Self.stoppedByInterrupt(ended), "\(String(describing: ended)): \(survivor.text(.stderr))")
        }
    }

    @Test("the upstream daemon restarted under the tap: its clients get a close, the tap keeps listening")
    func upstreamRestarted() throws {
        let container = try Self.startContainer(Self.counting)
        defer { Self.removeContainer(container) }
        let token = Self.token()
        guard let daemonSocket = TestDaemon.socketPath else { return }
        // The "daemon" the tap sees is a relay in front of the test daemon, which is never restarted.
        let folder = "/tmp/sstap-d-\(getpid())-\(token)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let daemonPath = folder + "/d.sock"
        var daemon = try ByteRelay(listen: daemonPath, upstream: daemonSocket, log: folder + "/first")
        defer { daemon.stop() }
        try throughTap(upstream: daemonPath) { chain in
            let events = try BackgroundProcess(
                Self.clients[Self.clients.count - 1].path,
                ["events", "--filter", "label=sockshell.test.restart=\(token)"], environment: chain.environment())
            let logs = try BackgroundProcess(
                Self.clients[0].path, ["logs", "-f", "--tail", "1", container], environment: chain.environment())
            try Self.waitUntilStreaming(chain, connections: 2)
            #expect(logs.waitUntil(timeout: 30) { $0.lines().count >= 2 }, "\(logs.text(.stderr))")

            daemon.crash()
            for (name, client) in [("events", events), ("logs -f", logs)] {
                let ended = client.waitForExit(timeout: 30)
                // The stream ended under the client: the CLI says so and fails.
                #expect(ended == .exited(1), "\(name): \(String(describing: ended)) \(client.text(.stderr))")
                #expect(client.text(.stderr).contains("unexpected EOF"), "\(name): \(client.text(.stderr))")
            }
            #expect(chain.tap.isRunning, "\(chain.tap.text(.stderr))")

            daemon = try ByteRelay(listen: daemonPath, upstream: daemonSocket, log: folder + "/second")
            let ps = try run("\(Self.clients[0].path) ps --no-trunc --format '{{.ID}}'", chain)
            #expect(ps.status == 0, "\(ps.stderr)")
            #expect(ps.stdout.split(separator: "\n").contains(Substring(container)), "\(ps.stdout)")
        }
    }

    // MARK: The chain

    /// Runs `body` with a fresh chain in front of `upstream` (the test daemon unless given), then
    /// checks the chain: every connection ended on both sides, the tap stops on SIGTERM with exit 0
    /// and removes its socket, and it passed every byte on unchanged.
    func throughTap(
        upstream: String? = nil, clientRelays: Int = 1, cut: Set<Int> = [], stopTimeout: Double = 10,
        sourceLocation: SourceLocation = #_sourceLocation, _ body: (TapChain) throws -> Void
    ) throws {
        let chain = try TapChain(upstream: upstream ?? TestDaemon.socketPath ?? "", clientRelays: clientRelays)
        defer { chain.close() }
        try body(chain)
        #expect(chain.waitUntilSettled(), "connections still open through the chain", sourceLocation: sourceLocation)
        let stopped = chain.tap.stop(signal: SIGTERM, timeout: stopTimeout)
        #expect(stopped == .exited(0), "tap: \(chain.tap.text(.stderr))", sourceLocation: sourceLocation)
        #expect(
            !FileManager.default.fileExists(atPath: chain.tapPath), "the tap left its socket",
            sourceLocation: sourceLocation)
        let differences = chain.byteDifferences(cut: cut)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    /// A client command line with DOCKER_HOST at the chain's client relay.
    func run(_ commandLine: String, _ chain: TapChain) throws -> SockshellProcess.Result {
        try SockshellProcess.runShell(commandLine, environment: chain.environment(), timeout: 60)
    }

    // MARK: Helpers

    /// A container that writes a numbered line every 0.1 s.
    static let counting = "i=0; while :; do echo line $i; i=$((i+1)); sleep 0.1; done"

    static func token() -> String { String(UUID().uuidString.prefix(8)).lowercased() }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// A docker command straight to the test daemon, not through the tap.
    @discardableResult
    static func runDirectly(_ arguments: String) throws -> String {
        let result = try SockshellProcess.runShell(
            "/usr/bin/docker -H \(TestDaemon.host ?? "") \(arguments)", timeout: 60)
        guard result.status == 0 else {
            throw TestSupportError("docker \(arguments) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    /// Starts a labelled container running `script` straight on the test daemon; its ID.
    static func startContainer(_ script: String) throws -> String {
        let id = try runDirectly("run -d --label \(label) --network none busybox sh -c '\(script)'")
        return id.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func removeContainer(_ id: String) {
        _ = try? runDirectly("rm -f \(id)")
    }

    /// Waits until `connections` streams (an /events or a /logs request) have their response
    /// headers: the daemon is sending live to them. (Polled: relay B's files grow without a line.)
    static func waitUntilStreaming(_ chain: TapChain, connections: Int = 1) throws {
        let streaming = eventually(timeout: 30) {
            chain.upstreamRelay.connections().count { connection in
                let sent = text(connection.c2s)
                return (sent.contains(" /v1.41/events") || sent.contains("/logs?"))
                    && text(connection.s2c).contains("Transfer-Encoding: chunked\r\n")
            } >= connections
        }
        guard streaming else { throw TestSupportError("no stream started: \(chain.upstreamRelay.connections())") }
    }

    /// The `message` of the first JSON error body in a response stream, unescaped.
    static func errorMessage(_ answer: String) -> String? {
        guard let start = answer.range(of: #"{"message":""#) else { return nil }
        let rest = answer[start.upperBound...]
        guard let end = rest.range(of: #""}"#) else { return nil }
        return rest[..<end.lowerBound].replacingOccurrences(of: #"\""#, with: #"""#)
    }

    /// How a docker CLI ends on Ctrl-C: 28 exits 130; 20.10 dies of the signal.
    static func stoppedByInterrupt(_ termination: BackgroundProcess.Termination?) -> Bool {
        termination == .exited(130) || termination == BackgroundProcess.Termination(status: SIGINT, signaled: true)
    }
}
