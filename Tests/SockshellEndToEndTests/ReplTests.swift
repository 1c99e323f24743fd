import Foundation
import TestSupport
import Testing

/// The interactive shell driven through a pseudo-terminal, keys and all, against the test daemon.
@Suite(.enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct ReplTests {
    /// A private HOME per test, so history files never collide.
    static func freshHome() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-repl-\(UUID().uuidString.prefix(8))"
        ).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The shell on a pseudo-terminal against `host`, with `home` as HOME, no colour, no editrc,
    /// and `environment` added.
    static func terminal(
        host: String, home: String, arguments: [String] = [], environment: [String: String] = [:],
        rows: UInt16 = 40, cols: UInt16 = 200
    ) throws -> PseudoTerminal {
        try PseudoTerminal(
            executable: SockshellProcess.binaryPath, arguments: ["-H", host] + arguments,
            environment: ["HOME": home, "NO_COLOR": "1", "XDG_STATE_HOME": "", "EDITRC": "/nonexistent"].merging(
                environment
            ) { $1 },
            rows: rows, cols: cols)
    }

    static func start(home: String, arguments: [String] = [], environment: [String: String] = [:]) throws
        -> PseudoTerminal
    {
        let terminal = try Self.terminal(
            host: TestDaemon.host ?? "", home: home, arguments: arguments, environment: environment)
        try terminal.waitFor("daemon answered _ping (API ")
        try terminal.waitFor("docker.sock> ")
        return terminal
    }

    @Test func aRequestAndItsOutputThenCtrlDExitsCleanly() throws {
        let terminal = try Self.start(home: try Self.freshHome())
        try terminal.sendLine("GET /_ping")
        try terminal.waitFor("> GET /_ping HTTP/1.1␍␊")
        try terminal.waitFor("\n< OK\n* #1 200 OK · 2 B · ")
        try terminal.waitFor("docker.sock 200> ")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit(timeout: 10) == 0)
        #expect(try terminal.terminalModes() == terminal.initialModes, "the terminal modes must be restored")
    }

    @Test func historyIsRecalledWithUpArrowAfterARestartAndStoredPrivately() throws {
        let home = try Self.freshHome()
        let first = try Self.start(home: home)
        try first.sendLine("HEAD /_ping")
        try first.waitFor("docker.sock 200> ")
        try first.sendLine("header Authorization: Bearer not-for-the-file")
        try first.waitFor("docker.sock 200> ")
        try first.press(.ctrlD)
        #expect(first.waitForExit() == 0)

        let file = home + "/.local/state/sockshell/history"
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let stored = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!stored.contains("not-for-the-file"))
        #expect(stored.contains("Authorization:\\040Bearer\\040***"))

        let second = try Self.start(home: home)
        try second.press(.up)
        try second.press(.up)
        try second.waitFor("HEAD /_ping")
        try second.press(.enter)
        try second.waitFor("> HEAD /_ping HTTP/1.1␍␊")
        try second.waitFor("docker.sock 200> ")
        try second.sendLine("history")
        try second.waitFor("1  HEAD /_ping\n2  header Authorization: Bearer ***\n")
        try second.press(.ctrlD)
        #expect(second.waitForExit() == 0)
    }

    @Test func ctrlCAtThePromptDropsTheLineAndInABodyAbandonsIt() throws {
        let terminal = try Self.start(home: try Self.freshHome())
        try terminal.send("GET /nothing-to-see")
        // As a person would: the text is on screen before Ctrl-C.
        try terminal.waitFor("GET /nothing-to-see")
        try terminal.press(.ctrlC)
        try terminal.waitFor("^C\ndocker.sock> ")
        try terminal.sendLine(#"POST /containers/create {"Image":"#)
        try terminal.waitFor("...(1 } open)> ")
        try terminal.press(.ctrlC)
        try terminal.waitFor("^C\ndocker.sock> ")
        try terminal.sendLine("GET /_ping")
        try terminal.waitFor("> GET /_ping HTTP/1.1␍␊")
        #expect(!terminal.output.contains("nothing-to-see HTTP"))
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    /// The continuation prompt names what is open, a closer that cannot match is refused on its
    /// line, and Ctrl-D in a body drops it with a sentence (and a second Ctrl-D leaves).
    @Test func aBodyContinuationSaysWhatIsOpenRefusesAMismatchAndSaysWhatCtrlDDropped() throws {
        let terminal = try Self.start(home: try Self.freshHome())
        try terminal.sendLine(#"POST /containers/create {"Image":["#)
        try terminal.waitFor("...(2 ]} open)> ")
        try terminal.sendLine("}")
        // Only that line is refused: the lines typed before it stay, and the body stays open.
        try terminal.waitFor(
            """
            the } on that line cannot close the [ still open: the line was not added, the body is still open \
            (2 ]} open); type it again with ], or Ctrl-C drops the body
            """)
        try terminal.waitFor("...(2 ]} open)> ")
        try terminal.sendLine(#""busybox"],"#)
        try terminal.waitFor("...(1 } open)> ")
        try terminal.sendLine("")
        try terminal.waitFor("...(1 } open, Ctrl-C drops it)> ")
        try terminal.press(.ctrlD)
        try terminal.waitFor("dropped the unfinished body: nothing was sent (Ctrl-D again leaves)\n")
        try terminal.waitFor("docker.sock> ")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
        #expect(!terminal.output.contains("POST /containers/create HTTP/1.1"))
    }

    @Test func ctrlCDuringAnEventStreamReturnsToAWorkingPrompt() throws {
        let terminal = try Self.start(home: try Self.freshHome())
        try terminal.sendLine("GET /events")
        try terminal.waitFor("< Transfer-Encoding: chunked␍␊")
        try terminal.press(.ctrlC)
        try terminal.waitFor(" · interrupted\n")
        try terminal.waitFor("docker.sock 200> ")
        try terminal.sendLine("GET /_ping")
        try terminal.waitFor("\n< OK\n")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
        #expect(try terminal.terminalModes() == terminal.initialModes)
    }

    @Test func aBackgroundEventJobSeesTheContainerCreatedInTheForeground() throws {
        let terminal = try Self.start(home: try Self.freshHome(), arguments: ["--view", "pretty"])
        let name = "sockshell-repl-\(UInt32.random(in: 0...UInt32.max))"
        try terminal.sendLine("GET /events &")
        try terminal.waitFor("[1] GET /events (jobs lists it")
        try terminal.waitFor("[1] Transfer-Encoding: chunked")
        try terminal.sendLine(
            #"POST /containers/create?name=\#(name) {"Image":"busybox","Cmd":["sleep","30"],"Labels":"#
                + #"{"sockshell.test":"1"},"HostConfig":{"NetworkMode":"none"}}"#
        )
        try terminal.waitFor("* #2 201 Created")
        // Half a command is typed when the start event arrives (started from another process):
        // the event is printed above, and the half line is still there to finish.
        try terminal.send("POST /containers/\(name)/st")
        try terminal.waitFor("POST /containers/\(name)/st")
        let other = try SockshellProcess.run([
            "-H", TestDaemon.host ?? "", "--view", "body", "-c", "POST /containers/\(name)/start",
        ])
        #expect(other.status == 0)
        // The pretty view shows each event as one line, on the job's lines.
        try terminal.waitFor("[1] container start \(name) (", timeout: 20)
        #expect(terminal.output.contains("[1] container create \(name) ("))
        try terminal.send("art")
        try terminal.press(.enter)
        try terminal.waitFor("> POST /containers/\(name)/start HTTP/1.1")
        try terminal.waitFor("* #3 304 Not Modified")
        try terminal.sendLine("jobs")
        try terminal.waitFor("[1] GET /events HTTP/1.1 · ")
        try terminal.sendLine("DELETE /containers/\(name)?force=1")
        try terminal.waitFor("* #4 204 No Content")
        try terminal.sendLine("stop 1")
        try terminal.waitFor(" · interrupted")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    @Test func tabCompletesAVerbAPathAndAnIdSeenEarlier() throws {
        let terminal = try Self.start(home: try Self.freshHome())
        try terminal.send("ge")
        try terminal.press(.tab)
        try terminal.send("/_pi")
        try terminal.press(.tab)
        try terminal.press(.enter)
        try terminal.waitFor("> GET /_ping HTTP/1.1␍␊")
        try terminal.waitFor("docker.sock 200> ")

        let name = "sockshell-tab-\(UInt32.random(in: 0...UInt32.max))"
        try terminal.sendLine(
            #"POST /containers/create?name=\#(name) {"Image":"busybox","Cmd":["true"],"Labels":{"sockshell.test":"1"}}"#
        )
        try terminal.waitFor("docker.sock 201> ")
        // Only this container's name starts so: Tab completes the rest of it from the 201 above.
        try terminal.send("DELETE /containers/\(name.prefix(18))")
        try terminal.press(.tab)
        try terminal.press(.enter)
        try terminal.waitFor("> DELETE /containers/\(name) HTTP/1.1␍␊")
        try terminal.waitFor("docker.sock 204> ")

        // Ambiguous: both candidates are listed under the line, which stays as typed.
        try terminal.send("GET /containers/json?")
        try terminal.press(.tab)
        try terminal.waitFor("all=")
        try terminal.waitFor("filters=")
        try terminal.press(.ctrlC)
        try terminal.waitFor("^C\ndocker.sock 204> ")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    @Test func editrcSwitchesToViKeys() throws {
        let home = try Self.freshHome()
        try "bind -v\n".write(toFile: home + "/editrc", atomically: true, encoding: .utf8)
        let terminal = try PseudoTerminal(
            executable: SockshellProcess.binaryPath, arguments: ["-H", TestDaemon.host ?? ""],
            environment: ["HOME": home, "NO_COLOR": "1", "XDG_STATE_HOME": "", "EDITRC": home + "/editrc"], rows: 40,
            cols: 200)
        try terminal.waitFor("docker.sock> ")
        // vi: Escape leaves insert mode on the last character, x deletes it.
        try terminal.send("GET /_pingX")
        try terminal.press(.escape)
        try terminal.send("x")
        try terminal.press(.enter)
        try terminal.waitFor("> GET /_ping HTTP/1.1␍␊")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    @Test func theFirstLineSaysWhyTheDaemonDidNotAnswer() throws {
        let terminal = try PseudoTerminal(
            executable: SockshellProcess.binaryPath, arguments: ["-H", "unix:///nonexistent/docker.sock"],
            environment: ["HOME": try Self.freshHome(), "NO_COLOR": "1", "EDITRC": "/nonexistent"], rows: 40, cols: 300)
        try terminal.waitFor(
            """
            sockshell 0.1.0 · unix:/nonexistent/docker.sock · no answer to _ping: no socket at \
            /nonexistent/docker.sock: start the Docker daemon
            """
        )
        try terminal.waitFor("docker.sock> ")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    /// At the prompt the line is right there: its syntax error comes without a `stdin:N:` prefix
    /// (a piped script keeps it). `connect` tries the new endpoint at once and refuses one nobody
    /// listens on, staying where it was; one that answers is taken.
    @Test func syntaxErrorsCarryNoLineNumberAndConnectChecksTheEndpoint() throws {
        let terminal = try Self.start(home: try Self.freshHome())
        try terminal.sendLine("GET")
        try terminal.waitFor("GET needs a target path")
        try terminal.waitFor("docker.sock> ")
        #expect(!terminal.screenText.contains("stdin:"), "no script location at the interactive prompt")
        try terminal.sendLine("connect /tmp/sockshell-nowhere-\(UUID().uuidString.prefix(8)).sock")
        try terminal.waitFor("not connected: no socket at /tmp/sockshell-nowhere-")
        try terminal.waitFor("; still on ")
        try terminal.waitFor("docker.sock> ")
        try terminal.sendLine("GET /_ping")
        try terminal.waitFor("\n< OK\n* #1 200 OK · 2 B · ")
        try terminal.sendLine("connect \(TestDaemon.host ?? "")")
        try terminal.waitFor("daemon answered _ping (API ")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    /// `edit` quit without a change asks before sending the same request again; no sends nothing.
    @Test func editOfAnUnchangedRequestAsksFirst() throws {
        let terminal = try Self.start(
            home: try Self.freshHome(), arguments: ["--view", "body"], environment: ["EDITOR": "true", "VISUAL": ""])
        try terminal.sendLine("GET /_ping")
        try terminal.waitFor("OK\n")
        try terminal.waitFor("docker.sock 200> ")
        try terminal.sendLine("edit")
        try terminal.waitFor("the request is unchanged: send it again? [y/N] ")
        try terminal.sendLine("n")
        try terminal.waitFor("nothing was sent\n")
        try terminal.waitFor("docker.sock 200> ")
        try terminal.sendLine("edit")
        try terminal.waitFor("the request is unchanged: send it again? [y/N] ")
        try terminal.sendLine("y")
        try terminal.waitFor("OK\n")
        try terminal.waitFor("docker.sock 200> ")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    /// Leaving would end a running job: Ctrl-D and `exit` ask first; `jobs` shows one byte count.
    @Test func leavingWithAJobRunningAsksFirst() throws {
        let terminal = try Self.start(home: try Self.freshHome())
        try terminal.sendLine("GET /events &")
        try terminal.waitFor("[1] < HTTP/1.1 200 OK")
        try terminal.sendLine("jobs")
        try terminal.waitFor("[1] GET /events HTTP/1.1 · ")
        let listed = try terminal.waitFor(" · running\n")
        let oneCountAndAge = #/[0-9.]+ K?i?B received · [0-9.]+ m?s · running\n/#
        #expect(listed.wholeMatch(of: oneCountAndAge) != nil, "one byte count: \(listed)")
        try terminal.press(.ctrlD)
        try terminal.waitFor("job 1 (GET /events HTTP/1.1) is still running: stop and exit? [y/N] ")
        try terminal.sendLine("n")
        try terminal.waitFor("docker.sock> ")
        try terminal.sendLine("exit")
        try terminal.waitFor("job 1 (GET /events HTTP/1.1) is still running: stop and exit? [y/N] ")
        try terminal.sendLine("y")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func aPasteOfManyLinesRunsLineByLine() throws {
        let terminal = try Self.start(home: try Self.freshHome(), arguments: ["--view", "body"])
        try terminal.send("GET /_ping\rHEAD /_ping\rGET /_ping\r")
        try terminal.waitFor("OK\n")
        try terminal.waitFor("OK\n")
        try terminal.waitFor("docker.sock 200> ")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    @Test func garbageBytesAndAVeryLongLineDoNotBreakTheShell() throws {
        let terminal = try Self.start(home: try Self.freshHome(), arguments: ["--view", "body"])
        try terminal.send(bytes: [0xFF, 0xFE, 0x80, 0x01, 0x02, 0xC3, 0x28, 0x0D])
        try terminal.waitFor("docker.sock> ")
        // A 1 MiB body typed as one line: the daemon reads it all, then finds no such image.
        let filler = String(repeating: "x", count: 1024 * 1024)
        try terminal.send(
            #"POST /containers/create {"Image":"no-such-image-sockshell","Labels":{"fill":"\#(filler)"}}"#, timeout: 60)
        try terminal.press(.enter)
        try terminal.waitFor("No such image: no-such-image-sockshell", timeout: 60)
        try terminal.sendLine("GET /_ping")
        try terminal.waitFor("OK\n")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    @Test func sigtermRestoresTheTerminalAndSavesHistory() throws {
        let home = try Self.freshHome()
        let terminal = try Self.start(home: home)
        try terminal.sendLine("HEAD /_ping")
        try terminal.waitFor("docker.sock 200> ")
        kill(terminal.pid, SIGTERM)
        #expect(terminal.waitForExit() == 128 + SIGTERM)
        #expect(try terminal.terminalModes() == terminal.initialModes)
        let stored = try String(contentsOfFile: home + "/.local/state/sockshell/history", encoding: .utf8)
        #expect(stored.contains("HEAD\\040/_ping"))
    }
}
