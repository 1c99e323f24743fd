import Foundation
import TestSupport
import Testing

/// `on event ... end` against the real daemon: a script's block handles the events another
/// client causes and ends after its count; at the prompt Ctrl-C ends it and the shell goes on.
@Suite(.enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct EventBlockDaemonTests {
    let host = TestDaemon.host ?? ""

    /// A label value no other run uses: each test's block hears only its own container.
    static func freshMark() -> String { "onevent-\(UUID().uuidString.prefix(8).lowercased())" }

    /// A container another client creates, starts and removes, labelled `sockshell.test=MARK`.
    func startAndRemoveAContainer(named name: String, mark: String) throws {
        let result = try SockshellProcess.run([
            "-H", host, "--view", "body", "-c",
            #"POST /containers/create?name=\#(name) {"Image":"busybox","Cmd":["sleep","30"],"#
                + #""HostConfig":{"NetworkMode":"none"},"Labels":{"sockshell.test":"\#(mark)","lb.port":"80"}}"#,
            "-c", "expect status 201", "-c", "POST /containers/\(name)/start", "-c", "expect status 204", "-c",
            "DELETE /containers/\(name)?force=1", "-c", "expect status 204",
        ])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func aScriptsBlockReadsEachEventAndEndsAfterItsCount() throws {
        let mark = Self.freshMark()
        let name = "sockshell-\(mark)"
        let path = try ScriptFile.write(
            """
            on event container start die label sockshell.test=\(mark) count 2
              let action = .Action
              let name = .Actor.Attributes.name
              let port = .Actor.Attributes["lb.port"]
              expect .Actor.Attributes["sockshell.test"] == "\(mark)"
              echo upstream $action: $name:$port
            end
            echo done
            """)
        let script = try BackgroundProcess(SockshellProcess.binaryPath, ["-H", host, path])
        // Subscribed once the stream's head is shown: the block shows its job's lines as they come.
        #expect(script.waitUntil(timeout: 20) { $0.text().contains("[1] < HTTP/1.1 200 OK") }, "\(script.text())")
        try startAndRemoveAContainer(named: name, mark: mark)
        let ended = script.waitForExit(timeout: 20)
        #expect(ended?.status == 0, "\(script.text(.stderr))")
        let said = script.lines().filter { $0.hasPrefix("upstream ") || $0 == "done" }
        #expect(said == ["upstream start: \(name):80", "upstream die: \(name):80", "done"], "\(script.text())")
        // The block's stream is a job, and jobs are not counted among the requests sent.
        #expect(script.text(.stderr) == "sockshell: 0 requests, 2 expectations passed, 0 failed\n")
    }

    @Test func aFailingExpectInsideTheBlockStopsTheScriptAtItsLine() throws {
        let mark = Self.freshMark()
        let path = try ScriptFile.write(
            """
            on event container start label sockshell.test=\(mark)
              expect .Action == "die"
            end
            echo not reached
            """)
        let script = try BackgroundProcess(SockshellProcess.binaryPath, ["-H", host, path])
        #expect(script.waitUntil(timeout: 20) { $0.text().contains("[1] < HTTP/1.1 200 OK") }, "\(script.text())")
        try startAndRemoveAContainer(named: "sockshell-\(mark)", mark: mark)
        let ended = script.waitForExit(timeout: 20)
        #expect(ended?.status == 1)
        #expect(!script.text().contains("not reached"))
        #expect(
            script.text(.stderr).contains(
                #"\#(path):2: expect .Action == "die" failed: expected .Action == "die", got "start""#),
            "\(script.text(.stderr))")
    }

    @Test func atThePromptTheBlockIsTypedLineByLineAndCtrlCEndsIt() throws {
        let mark = Self.freshMark()
        let name = "sockshell-\(mark)"
        let terminal = try PseudoTerminal(
            executable: SockshellProcess.binaryPath, arguments: ["-H", host],
            environment: ["HOME": NSTemporaryDirectory(), "NO_COLOR": "1", "EDITRC": "/nonexistent"],
            rows: 50, cols: 200)
        defer { terminal.close() }
        try terminal.waitFor("docker.sock> ", timeout: 20)
        try terminal.sendLine("on event container start label sockshell.test=\(mark)")
        try terminal.waitFor("...(on event: end closes it)> ")
        try terminal.sendLine("let name = .Actor.Attributes.name")
        try terminal.sendLine("echo started $name")
        try terminal.sendLine("end")
        try terminal.waitFor("[1] < HTTP/1.1 200 OK", timeout: 20)
        try startAndRemoveAContainer(named: name, mark: mark)
        try terminal.waitFor("started \(name)", timeout: 20)
        try terminal.press(.control("c"))
        try terminal.waitFor("interrupted (Ctrl-C): the on event block stopped after 1 event")
        try terminal.waitFor("docker.sock> ")
        // The block stopped its stream: nothing is left running, so leaving asks nothing.
        try terminal.sendLine("jobs")
        try terminal.waitFor(" · done: ")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit(timeout: 10) == 0)
    }
}
