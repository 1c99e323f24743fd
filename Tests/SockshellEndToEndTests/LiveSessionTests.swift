import Foundation
import TestSupport
import Testing

/// Live sessions against the real dockerd, through a pty as a person types: a hijacked exec or
/// attach becomes two-way (raw keys with a TTY, edited lines without), and every way out (exit,
/// detach keys, Ctrl-D's half-close, a pipe's end) gives the prompt back with the terminal restored.
@Suite("LiveSessionTests", .enabled(if: TestDaemon.isAvailable), .serialized)
struct LiveSessionTests {
    static let host = TestDaemon.host ?? ""

    /// Runs `-c` lines against the test daemon and returns what `echo RESULT=…` printed.
    static func echoed(_ lines: [String]) throws -> String {
        let result = try SockshellProcess.run(
            ["-H", host, "--view", "body"] + lines.flatMap { ["-c", $0] }, timeout: 60)
        guard result.status == 0,
            let line = result.stdout.split(separator: "\n").first(where: { $0.hasPrefix("RESULT=") })
        else {
            throw LiveTestFailure("setup failed: \(result.stdout) \(result.stderr)")
        }
        return String(line.dropFirst("RESULT=".count))
    }

    /// A running busybox container (removed by the test daemon's cleanup, and here at the end).
    /// `stdin`: whether it keeps a stdin open to attach to (by default, when it has a TTY).
    static func container(tty: Bool, stdin: Bool? = nil, command: String = "[\"sleep\",\"600\"]") throws
        -> String
    {
        try echoed([
            """
            POST /containers/create {"Image":"busybox","Cmd":\(command),"Tty":\(tty),"OpenStdin":\(stdin ?? tty),\
            "AttachStdin":\(stdin ?? tty),"AttachStdout":true,"AttachStderr":true,"Labels":{"\(TestDaemon.label)":""}}
            """,
            "let id = .Id", "POST /containers/$id/start", "echo RESULT=$id",
        ])
    }

    static func remove(_ id: String) {
        _ = try? SockshellProcess.run(["-H", host, "--view", "body", "-c", "DELETE /containers/\(id)?force=1"])
    }

    /// An exec of `command` in `container`, created (not started); its id.
    private static func exec(in container: String, tty: Bool, command: String) throws -> String {
        try echoed([
            """
            POST /containers/\(container)/exec {"AttachStdin":true,"AttachStdout":true,"AttachStderr":true,\
            "Tty":\(tty),"Cmd":\(command)}
            """,
            "let id = .Id", "echo RESULT=$id",
        ])
    }

    private static func startLine(exec id: String, tty: Bool) -> String {
        "POST /exec/\(id)/start -H 'Connection: Upgrade' -H 'Upgrade: tcp' {\"Detach\":false,\"Tty\":\(tty)}"
    }

    private static func shell(rows: UInt16 = 40, cols: UInt16 = 160) throws -> PseudoTerminal {
        let home = try ReplTests.freshHome()
        let terminal = try PseudoTerminal(
            executable: SockshellProcess.binaryPath, arguments: ["-H", host],
            environment: ["HOME": home, "NO_COLOR": "1", "XDG_STATE_HOME": "", "EDITRC": "/nonexistent"],
            rows: rows, cols: cols)
        try terminal.waitFor("docker.sock> ")
        return terminal
    }

    @Test func aTTYExecTakesEveryKeyResizesAndGivesThePromptBack() throws {
        let container = try Self.container(tty: false)
        defer { Self.remove(container) }
        let exec = try Self.exec(in: container, tty: true, command: "[\"sh\"]")
        let terminal = try Self.shell(rows: 40, cols: 160)
        defer { terminal.close() }
        // The line editor's modes at the prompt, to find again when the session is over.
        let atPrompt = try terminal.terminalModes()
        try terminal.sendLine(Self.startLine(exec: exec, tty: true))
        try terminal.waitFor("101 UPGRADED")
        // The resize call is its own exchange, made before the terminal went raw.
        try terminal.waitFor("/resize?h=40&w=160 -> 200 OK")
        try terminal.waitFor("/ # ")
        // Raw: no echo, no line discipline, no signals from keys, until the session ends.
        let raw = terminal.waitForModes { !$0.echoes && !$0.isCanonical && !$0.generatesSignals }
        #expect(raw != nil, "the terminal did not go raw")
        let token = Int.random(in: 100_000..<999_999)
        try terminal.sendLine("echo hi-$((\(token) + 1))")
        try terminal.waitFor("hi-\(token + 1)")
        try terminal.sendLine("stty size")
        try terminal.waitFor("40 160")
        // SIGWINCH: a second resize call, and the shell inside sees the new size.
        try terminal.resize(rows: 30, cols: 100)
        try terminal.waitFor("/resize?h=30&w=100 -> 200 OK")
        try terminal.sendLine("stty size")
        try terminal.waitFor("30 100")
        // Ctrl-C is a byte for the container: the pty inside makes it SIGINT for the program in the
        // foreground (`sleep 100`), and the session goes on. The line `ready` is printed by that
        // program itself, so once it shows, busybox's shell has handed it the terminal (keys typed
        // sooner would be read by the shell's own line editor, Ctrl-C included).
        try terminal.sendLine("sh -c 'echo ready-$(($0 + 3)); exec sleep 100' \(token)")
        try terminal.waitFor("ready-\(token + 3)")
        try terminal.press(.ctrlC)
        try terminal.sendLine("echo alive-$((\(token) + 2))")
        try terminal.waitFor("alive-\(token + 2)")
        try terminal.sendLine("exit 3")
        try terminal.waitFor("live session ended: the daemon closed the stream")
        try terminal.waitFor("docker.sock 101> ")
        let back = terminal.waitForModes { $0 == atPrompt }
        #expect(
            back != nil,
            "the line editor's modes did not come back: \(String(describing: try? terminal.terminalModes()))")
        // The exit code, from exec inspect (read from the body: at 100 columns the wire view folds
        // its long JSON line wherever it falls).
        try terminal.sendLine("GET /exec/\(exec)/json")
        try terminal.sendLine("let code = .ExitCode")
        try terminal.sendLine("echo exit-code-$code")
        try terminal.waitFor("exit-code-3")
    }

    @Test func aLineSessionSendsEachLineLabelsStderrAndEndsByHalfClose() throws {
        let container = try Self.container(tty: false)
        defer { Self.remove(container) }
        let exec = try Self.exec(in: container, tty: false, command: "[\"sh\"]")
        let terminal = try Self.shell()
        defer { terminal.close() }
        try terminal.sendLine("view pretty")
        try terminal.sendLine(Self.startLine(exec: exec, tty: false))
        try terminal.waitFor("101 UPGRADED")
        // One stream at a time: dockerd copies stdout and stderr on their own, in no fixed order.
        try terminal.sendLine("echo to-out-$((40 + 2))")
        try terminal.waitFor("to-out-42")
        try terminal.sendLine("echo to-err-$((40 + 3)) >&2")
        try terminal.waitFor("stderr| to-err-43")
        try terminal.press(.ctrlD)
        try terminal.waitFor("live session ended: input closed (half-close sent), then the daemon closed the stream")
        try terminal.waitFor("docker.sock 101> ")
        try terminal.sendLine("echo still-here")
        try terminal.waitFor("still-here")
    }

    @Test func detachKeysLeaveTheContainerRunningAndAttachGetsBackIn() throws {
        let container = try Self.container(tty: true, command: "[\"sh\"]")
        defer { Self.remove(container) }
        let terminal = try Self.shell()
        defer { terminal.close() }
        let attach =
            "POST /containers/\(container)/attach?stream=1&stdin=1&stdout=1&stderr=1 -H 'Connection: Upgrade' "
            + "-H 'Upgrade: tcp'"
        for round in 1...2 {
            terminal.mark()
            try terminal.sendLine(attach)
            try terminal.waitFor("101 UPGRADED")
            try terminal.waitFor("-> 200 OK")
            try terminal.sendLine("echo round-$((\(round) * 11))")
            try terminal.waitFor("round-\(round * 11)")
            try terminal.press(.control("p"))
            try terminal.press(.control("q"))
            try terminal.waitFor("live session detached (ctrl-p,ctrl-q); the container keeps running")
            try terminal.waitFor("docker.sock 101> ")
            try terminal.sendLine("GET /containers/\(container)/json")
            try terminal.waitFor("\"Running\":true")
        }
    }

    @Test func aPipedStdinIsSentWholeThenHalfClosed() throws {
        let container = try Self.container(tty: false)
        defer { Self.remove(container) }
        let exec = try Self.exec(in: container, tty: false, command: "[\"cat\"]")
        // 2,000 numbered lines: more than one read, and every one must come back.
        let input = (1...2000).map { "line \($0) of the piped input\n" }.joined()
        let result = try SockshellProcess.run(
            ["-H", Self.host, "--view", "body", "-c", Self.startLine(exec: exec, tty: false)], stdin: input,
            timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix(input), "\(result.stdout.suffix(300))")
        #expect(result.stdout.contains("live session ended: input closed (half-close sent), then the daemon closed"))
    }
}

extension LiveSessionTests {
    @Test func execTakesATTYFromTheTerminalAndSaysTheExitCode() throws {
        let container = try Self.container(tty: false)
        defer { Self.remove(container) }
        let terminal = try Self.shell()
        defer { terminal.close() }
        try terminal.sendLine("exec \(container) sh")
        // The three calls of docker exec, in its order.
        try terminal.waitFor("POST /containers/\(container)/exec")
        try terminal.waitFor("201 Created")
        try terminal.waitFor("/start HTTP/1.1")
        try terminal.waitFor("101 UPGRADED")
        try terminal.waitFor("/resize?h=40&w=160 -> 200 OK")
        try terminal.waitFor("/ # ")
        try terminal.sendLine("echo in-exec-$((20 + 1))")
        try terminal.waitFor("in-exec-21")
        try terminal.sendLine("exit 5")
        try terminal.waitFor("live session ended: the daemon closed the stream")
        try terminal.waitFor("/json HTTP/1.1")
        try terminal.waitFor("* exit code 5")
        try terminal.waitFor("docker.sock 200> ")
    }

    @Test func runWithRmAndATTYRemovesTheContainerAfterwards() throws {
        let name = "live-run-\(UUID().uuidString.prefix(8).lowercased())"
        defer { Self.remove(name) }
        let terminal = try Self.shell()
        defer { terminal.close() }
        try terminal.sendLine("run -it --rm --name \(name) -l \(TestDaemon.label) busybox sh")
        // Create, then the attach and the wait before start, then start and the resize.
        try terminal.waitFor("POST /containers/create?name=\(name)")
        try terminal.waitFor("/attach?stderr=1&stdin=1&stdout=1&stream=1")
        try terminal.waitFor("101 UPGRADED")
        try terminal.waitFor("/wait?condition=removed")
        try terminal.waitFor("/start HTTP/1.1")
        try terminal.waitFor("204 No Content")
        try terminal.waitFor("/ # ")
        try terminal.sendLine("echo in-run-$((30 + 3))")
        try terminal.waitFor("in-run-33")
        try terminal.sendLine("exit 7")
        try terminal.waitFor("\"StatusCode\":7")
        try terminal.waitFor("* exit code 7 (StatusCode of the wait)")
        try terminal.waitFor("docker.sock 200> ")
        try terminal.sendLine("GET /containers/\(name)/json")
        try terminal.waitFor("404 Not Found")
    }

    @Test func theAttachCommandGetsBackIntoADetachedContainer() throws {
        let container = try Self.container(tty: true, command: "[\"sh\"]")
        defer { Self.remove(container) }
        let terminal = try Self.shell()
        defer { terminal.close() }
        for round in 1...2 {
            try terminal.sendLine("attach \(container)")
            try terminal.waitFor("GET /containers/\(container)/json")
            try terminal.waitFor("101 UPGRADED")
            try terminal.waitFor("-> 200 OK")
            try terminal.sendLine("echo attached-$((\(round) * 7))")
            try terminal.waitFor("attached-\(round * 7)")
            try terminal.press(.control("p"))
            try terminal.press(.control("q"))
            try terminal.waitFor("live session detached (ctrl-p,ctrl-q); the container keeps running: attach")
            try terminal.waitFor("docker.sock 101> ")
        }
        try terminal.sendLine("GET /containers/\(container)/json")
        try terminal.waitFor("\"Running\":true")
    }

    /// Without a TTY the line editor reads the lines, and the detach keys still leave: the
    /// terminal's flow control (IXON) used to swallow Ctrl-Q, and the Ctrl-P held for it then
    /// recalled a history line into the container.
    @Test func theDetachKeysLeaveALineModeSession() throws {
        let container = try Self.container(tty: false, stdin: true, command: "[\"cat\"]")
        defer { Self.remove(container) }
        let terminal = try Self.shell()
        defer { terminal.close() }
        try terminal.sendLine("attach \(container)")
        try terminal.waitFor("101 UPGRADED")
        try terminal.sendLine("line-mode-hello")
        try terminal.waitFor("< line-mode-hello␊")
        try terminal.press(.control("p"))
        try terminal.press(.control("q"))
        // Without a TTY Docker cannot detach: the sentence says the stdin was closed too.
        try terminal.waitFor("live session closed by the detach keys (ctrl-p,ctrl-q): without a TTY Docker cannot")
        try terminal.waitFor("docker.sock 101> ")
        try terminal.sendLine("echo prompt-is-back")
        try terminal.waitFor("\nprompt-is-back\n")
    }

    @Test func execFromAPipeSendsItThenHalfClosesAndSaysTheExitCode() throws {
        let container = try Self.container(tty: false)
        defer { Self.remove(container) }
        let input = (1...500).map { "piped line \($0)\n" }.joined()
        let result = try SockshellProcess.run(
            ["-H", Self.host, "--view", "body", "-c", "exec \(container) cat"], stdin: input, timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(input), "\(result.stdout.suffix(300))")
        #expect(result.stdout.contains("* exit code 0"), "\(result.stdout.suffix(300))")
    }
}

extension LiveSessionTests {
    private static func runScript(_ lines: [String]) throws -> SockshellProcess.Result {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-live-\(UUID().uuidString.prefix(8)).sks"
        ).path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try SockshellProcess.run(["-H", host, "--view", "pretty", path], timeout: 60)
    }

    @Test func aScriptDrivesASessionWithSendExpectOutputAndClose() throws {
        let container = try Self.container(tty: false)
        defer { Self.remove(container) }
        let result = try Self.runScript([
            "exec \(container) sh",
            "send echo hi-$$((40 + 2))\\n",
            "expect output /hi-42/ within 5s",
            "send echo to-stderr >&2\\n",
            "expect output /to-stderr/ within 5s",
            // cat copies until its stdin ends: only the half-close of `close` lets it, and sh, finish.
            // It says itself that it runs (sh reads ahead: a line sent sooner could be sh's, not cat's).
            "send sh -c 'echo cat-$$((6 * 7)); exec cat'; exit 3\\n",
            "expect output /cat-42/ within 5s",
            "send copied-by-cat\\n",
            "expect output /copied-by-cat/ within 5s",
            "close",
        ])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("hi-42\n"), "\(result.stdout)")
        #expect(result.stdout.contains("stderr| to-stderr"), "\(result.stdout)")
        #expect(
            result.stdout.contains("live session ended: input closed (half-close sent), then the daemon closed"),
            "\(result.stdout)")
        #expect(result.stdout.contains("* exit code 3"), "\(result.stdout)")
    }

    @Test func anExpectOutputThatDoesNotMatchFailsTheScriptSayingWhatCame() throws {
        let container = try Self.container(tty: false)
        defer { Self.remove(container) }
        let result = try Self.runScript([
            "exec \(container) sh",
            "send echo something-else\\n",
            "expect output /never-printed/ within 1s",
            "echo not reached",
        ])
        #expect(result.status != 0)
        #expect(
            result.stderr.contains("expect output /never-printed/ within 1s failed: nothing matched within 1.00 s")
                || result.stderr.contains("expect output /never-printed/ within 1s failed"),
            "\(result.stderr)")
        #expect(result.stderr.contains("something-else"), "\(result.stderr)")
        #expect(!result.stdout.contains("not reached"))
        // The script's end closed the session it left open.
        #expect(result.stdout.contains("live session ended: interrupted"), "\(result.stdout)")
    }

    @Test func detachKeysThatAreNotKeysAreSaidAndTheStandardOnesUsed() throws {
        let container = try Self.container(tty: false)
        defer { Self.remove(container) }
        let result = try SockshellProcess.run(
            ["-H", Self.host, "--view", "body", "-c", "set detachKeys = ctrl-1", "-c", "exec \(container) cat"],
            stdin: "still-sent\n", timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("detachKeys: unknown detach key 'ctrl-1'"), "\(result.stderr)")
        #expect(result.stderr.contains("ctrl-p,ctrl-q detach instead"), "\(result.stderr)")
        #expect(result.stdout.contains("still-sent\n"), "\(result.stdout)")
    }

    @Test func sendWithoutASessionSaysHowToOpenOne() throws {
        let result = try SockshellProcess.run(["-H", Self.host, "-c", "send hi\\n"], timeout: 30)
        #expect(result.status != 0)
        #expect(result.stderr.contains("send: no live session is open"), "\(result.stderr)")
    }
}

extension LiveSessionTests {
    private static let sessionScript = [
        "send echo typed-$$((5 * 5))\\n",
        "expect output /typed-25/ within 5s",
        "send exit 4\\n",
        "close",
    ]

    @Test func aRecordedSessionKeepsWhatWasTypedAndReplaysAndServesIt() throws {
        let container = try Self.container(tty: false)
        defer { Self.remove(container) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-live-rec-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let recording = folder.appendingPathComponent("session.sks").path
        let recorded = try Self.runScript(["record \(recording)", "exec \(container) sh"] + Self.sessionScript)
        #expect(recorded.status == 0, "\(recorded.stdout)\n\(recorded.stderr)")
        let text = try String(contentsOfFile: recording, encoding: .utf8)
        // Both directions: the typed lines as typed, and what came back.
        #expect(text.contains("#> echo typed-$((5 * 5))\\n"), "\(text)")
        #expect(text.contains("#> exit 4\\n"), "\(text)")
        #expect(text.contains("typed-25\\n"), "\(text)")

        // Replay types the input again and compares what the process writes.
        let replayed = try SockshellProcess.run(["replay", "-H", Self.host, recording], timeout: 60)
        #expect(replayed.status == 0, "\(replayed.stdout)\n\(replayed.stderr)")
        #expect(replayed.stdout.contains("3 same, 0 differ"), "\(replayed.stdout)")
        // replay --show shows the typed input where it was typed, between the stream's pieces.
        let shown = try SockshellProcess.run(["replay", "--show", "--ascii", recording], stdin: "", timeout: 30)
        #expect(shown.stdout.contains("> echo typed-$((5 * 5))\\n"), "\(shown.stdout)")
        #expect(shown.stdout.contains("> exit 4\\n"), "\(shown.stdout)")
        // A recording whose stream says something else differs, and says where.
        let changed = folder.appendingPathComponent("changed.sks").path
        try text.replacingOccurrences(of: "typed-25\\n", with: "typed-26\\n").write(
            toFile: changed, atomically: true, encoding: .utf8)
        let differing = try SockshellProcess.run(["replay", "-H", Self.host, changed], timeout: 60)
        #expect(differing.status != 0)
        #expect(differing.stdout.contains("typed-26\\n', now '"), "\(differing.stdout)")
        #expect(differing.stdout.contains("typed-25\\n'"), "\(differing.stdout)")

        // Serve answers the exec's start with the recorded stream.
        let socket = folder.appendingPathComponent("serve.sock").path
        let server = try BackgroundProcess(
            SockshellProcess.binaryPath, ["serve", recording, "--unix-socket", socket])
        defer { _ = server.stop() }
        #expect(server.waitForLine(on: .stderr, timeout: 10) { $0.contains("serving 3 exchanges") })
        let served = try SockshellProcess.run(
            ["-H", "unix://\(socket)", "--view", "body", "-c", "exec \(container) sh"], stdin: "", timeout: 30)
        #expect(served.stdout.contains("typed-25"), "\(served.stdout) \(served.stderr)")
        #expect(served.stdout.contains("* exit code 4"), "\(served.stdout)")

        // record --no-input leaves the typed bytes out.
        let withoutInput = folder.appendingPathComponent("no-input.sks").path
        let quiet = try Self.runScript(
            ["record --no-input \(withoutInput)", "exec \(container) sh"] + Self.sessionScript)
        #expect(quiet.status == 0, "\(quiet.stderr)")
        let quietText = try String(contentsOfFile: withoutInput, encoding: .utf8)
        #expect(!quietText.contains("#> echo typed"), "\(quietText)")
        #expect(quietText.contains("typed-25\\n"), "\(quietText)")
    }
}

extension LiveSessionTests {
    @Test func fgBringsAnUpgradedJobIntoALiveLineSession() throws {
        let container = try Self.container(tty: false)
        defer { Self.remove(container) }
        let exec = try Self.exec(in: container, tty: false, command: "[\"sh\"]")
        let terminal = try Self.shell()
        defer { terminal.close() }
        try terminal.sendLine(Self.startLine(exec: exec, tty: false) + " &")
        try terminal.waitFor("[1] * 101: HTTP framing ends here")
        try terminal.sendLine("fg 1")
        try terminal.waitFor("job 1 is a live session")
        try terminal.sendLine("echo from-fg-$((9 * 9))")
        try terminal.waitFor("from-fg-81")
        try terminal.press(.ctrlD)
        try terminal.waitFor("[1] * #1 101 UPGRADED")
        try terminal.waitFor("docker.sock> ")
    }

    @Test func customDetachKeysDetachAndSIGTERMPutsTheTerminalBack() throws {
        let container = try Self.container(tty: true, command: "[\"sh\"]")
        defer { Self.remove(container) }
        let terminal = try Self.shell()
        defer { terminal.close() }
        let atPrompt = try terminal.terminalModes()
        try terminal.sendLine("attach --detach-keys ctrl-x,x \(container)")
        try terminal.waitFor("detachKeys=ctrl-x%2Cx")
        try terminal.waitFor("-> 200 OK")
        // Ctrl-P is the container's now; only the new keys detach.
        try terminal.press(.control("p"))
        try terminal.press(.control("x"))
        try terminal.send("x")
        try terminal.waitFor("live session detached (ctrl-x,x)")
        try terminal.waitFor("docker.sock 101> ")
        try terminal.sendLine("attach \(container)")
        try terminal.waitFor("-> 200 OK")
        #expect(terminal.waitForModes { !$0.echoes && !$0.isCanonical && !$0.generatesSignals } != nil)
        // SIGTERM in the middle of a raw session: the terminal is given back, the shell ends.
        kill(terminal.pid, SIGTERM)
        #expect(terminal.waitForExit(timeout: 10) != nil)
        let after = try terminal.terminalModes()
        #expect(after.isCanonical && after.echoes && after.generatesSignals, "\(after), at the prompt \(atPrompt)")
    }
}

struct LiveTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
