import Foundation
import TestSupport
import Testing

/// The real binary on a pseudo-terminal, against servers and containers that write escape
/// sequences: none of them reaches the terminal as it came (it shows as ⟨1b⟩), and a pipe or a
/// file still gets every byte exactly.
@Suite("TerminalSafetyTests")
struct TerminalSafetyTests {
    /// Sets the window title, clears the screen, then a C1 CSI (U+009B) a UTF-8 terminal may obey.
    static let hostileBody = "\u{1B}]0;pwned\u{07}\u{1B}[2Jhello \u{9B}31m\n"
    /// The body as every view shows it on a terminal.
    static let escapedBody = "⟨1b⟩]0;pwned⟨07⟩⟨1b⟩[2Jhello ⟨c2⟩⟨9b⟩31m"
    /// A C1 control in the reason phrase and a header value (obs-text, which HTTP allows), and escapes in the body.
    static let hostileResponse =
        """
        HTTP/1.1 200 OK\u{9B}2J\r\nContent-Type: text/plain\r\nX-Title: \u{9B}]0;title\r\nContent-Length: \
        \(hostileBody.utf8.count)\r\n\r\n
        """
        + hostileBody
    /// What the probe gets: a failing _ping whose reason holds a C1 control.
    static let hostilePing = "HTTP/1.1 500 Oops\u{9B}2J\r\nContent-Length: 0\r\n\r\n"

    /// Answers every request on a connection: _ping with `hostilePing`, anything else with `hostileResponse`.
    private func hostileServer(ping: String = hostilePing, response: String = hostileResponse) throws -> FaultServer {
        try FaultServer { connection in
            while let request = connection.readRequest(timeout: 20) {
                let isPing = String(decoding: request.head, as: UTF8.self).hasPrefix("GET /_ping ")
                guard connection.write(isPing ? ping : response) else { return }
            }
        }
    }

    /// Runs sockshell with its stdout and stderr on a terminal until it exits.
    private func runOnTerminal(_ arguments: [String], environment: [String: String] = [:]) throws -> (
        status: Int32?, output: [UInt8]
    ) {
        // No colour: the escaped form is then one run of text to look for (unit tests check colour).
        let terminal = try PseudoTerminal(
            executable: SockshellProcess.binaryPath, arguments: arguments,
            environment: ["NO_COLOR": "1"].merging(environment) { $1 },
            rows: 40, cols: 200)
        defer { terminal.close() }
        let status = terminal.waitForExit(timeout: 60)
        return (status, terminal.outputBytes)
    }

    /// Sequences from the network that must never reach the terminal as they came.
    private func leaks(_ output: [UInt8]) -> [String] {
        let raw: [(String, [UInt8])] = [
            ("ESC ] (OSC: window title)", [0x1B, 0x5D]),
            ("ESC [ 2 J (clear screen)", [0x1B, 0x5B, 0x32, 0x4A]),
            ("BEL after pwned", Array("pwned\u{07}".utf8)),
            ("C1 CSI (C2 9B)", [0xC2, 0x9B]),
        ]
        return raw.filter { contains(output, $0.1) }.map(\.0)
    }

    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    private func contains(_ haystack: [UInt8], _ text: String) -> Bool {
        contains(haystack, Array(text.utf8))
    }

    private func shown(_ output: [UInt8]) -> String {
        String(decoding: output, as: UTF8.self).debugDescription
    }

    @Test(
        "on a terminal every view shows a server's escape bytes escaped",
        arguments: ["body", "pretty", "wire", "hex", "json"])
    func faultServerBytesAreEscaped(view: String) throws {
        let server = try hostileServer()
        defer { server.stop() }
        let (status, output) = try runOnTerminal([
            "-H", server.host, "--view", view, "-c", "GET /x", "-c", "echo $header(X-Title) $body",
        ])
        #expect(status == 0, "\(shown(output))")
        #expect(leaks(output).isEmpty, "\(view) let through \(leaks(output)): \(shown(output))")
        // echo quotes the header and the body: said on a terminal, so escaped too.
        #expect(contains(output, "⟨c2⟩⟨9b⟩]0;title " + Self.escapedBody), "\(shown(output))")
        switch view {
        case "json": #expect(contains(output, #"\u001b]0;pwned\u0007\u001b[2Jhello \u009b31m"#), "\(shown(output))")
        case "hex": #expect(contains(output, "* #1 200 OK⟨c2⟩⟨9b⟩2J ·"), "\(shown(output))")
        default: #expect(contains(output, Self.escapedBody), "\(shown(output))")
        }
    }

    @Test func aDumbTerminalIsStillATerminal() throws {
        let server = try hostileServer()
        defer { server.stop() }
        let (status, output) = try runOnTerminal(
            ["-H", server.host, "--view", "body", "-c", "GET /x"], environment: ["TERM": "dumb"])
        #expect(status == 0)
        #expect(leaks(output).isEmpty, "\(leaks(output)): \(shown(output))")
        #expect(contains(output, Self.escapedBody), "\(shown(output))")
    }

    @Test func anErrorSentenceQuotingServerBytesIsEscaped() throws {
        // A Content-Length that is not a number: the sentence quotes it, C1 control and all.
        let server = try hostileServer(response: "HTTP/1.1 200 OK\r\nContent-Length: 1\u{9B}2J\r\n\r\n")
        defer { server.stop() }
        let (status, output) = try runOnTerminal(["-H", server.host, "-c", "GET /x"])
        #expect(status == 1)
        #expect(contains(output, "sockshell: "), "\(shown(output))")
        #expect(leaks(output).isEmpty, "\(leaks(output)): \(shown(output))")
    }

    @Test func aPipeOrAFileGetsTheExactBytes() throws {
        let server = try hostileServer()
        defer { server.stop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-exact-\(UUID().uuidString.prefix(8))"
        ).path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try SockshellProcess.runShell("sockshell -H '\(server.host)' --view body -c 'GET /x' > '\(file)'")
        #expect(result.status == 0, "\(result.stderr)")
        let written = try #require(FileManager.default.contents(atPath: file))
        #expect([UInt8](written) == Array(Self.hostileBody.utf8))
        // The pretty view to a pipe shows the body as it came too.
        let piped = try SockshellProcess.run(["-H", server.host, "--view", "pretty", "-c", "GET /x"])
        #expect(piped.stdout.contains(Self.hostileBody))
        #expect(piped.stdout.contains("X-Title: \u{9B}]0;title"))
    }

    @Test func theInteractiveShellEscapesTheProbeJobsAndEcho() throws {
        let server = try hostileServer()
        defer { server.stop() }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-escape-\(UUID().uuidString.prefix(8))"
        ).path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let terminal = try PseudoTerminal(
            executable: SockshellProcess.binaryPath, arguments: ["-H", server.host],
            environment: ["HOME": home, "NO_COLOR": "1", "XDG_STATE_HOME": "", "EDITRC": "/nonexistent"], rows: 40,
            cols: 200)
        defer { terminal.close() }
        try terminal.waitFor("_ping answered 500 Oops⟨c2⟩⟨9b⟩2J")
        try terminal.waitFor("> ")
        try terminal.sendLine("GET /x")
        try terminal.waitFor("< " + Self.escapedBody + "␊")
        try terminal.waitFor("* #1 200 OK⟨c2⟩⟨9b⟩2J ·")
        try terminal.sendLine("GET /x &")
        try terminal.waitFor("[1] * #2 200 OK⟨c2⟩⟨9b⟩2J ·")
        // fg returns once the job has ended (or says it already has): jobs then lists it as done.
        try terminal.sendLine("fg 1")
        try terminal.sendLine("jobs")
        try terminal.waitFor("· done: 200 OK⟨c2⟩⟨9b⟩2J\n")
        try terminal.sendLine("set title = $header(X-Title)")
        try terminal.sendLine("vars")
        try terminal.waitFor("title = ⟨c2⟩⟨9b⟩]0;title")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit(timeout: 10) == 0)
        #expect(leaks(terminal.outputBytes).isEmpty, "\(leaks(terminal.outputBytes)): \(shown(terminal.outputBytes))")
    }

    @Test func servesLogQuotesAClientsRequestEscapedOnATerminal() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-serve-\(UUID().uuidString.prefix(8))"
        ).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let recording = folder + "/ping.sks"
        try #"""
        # sockshell recording 1
        GET /_ping
        #= 1 GET /_ping
        #@ 1 0.000000
        #> GET /_ping HTTP/1.1\r\n
        #> Host: docker\r\n
        #> \r\n
        #@ 1 0.001000
        #< HTTP/1.1 200 OK\r\n
        #< Content-Length: 2\r\n
        #< \r\n
        #< OK
        #. 1 complete 0.001100 · 200 OK · 2 B · 1.1 ms

        """#.write(toFile: recording, atomically: true, encoding: .utf8)
        let socket = folder + "/s.sock"
        let terminal = try PseudoTerminal(
            executable: SockshellProcess.binaryPath, arguments: ["serve", recording, "--unix-socket", socket], rows: 40,
            cols: 200)
        defer { terminal.close() }
        try terminal.waitFor("(Ctrl-C stops)")
        // Another client's request line and header, with escapes in both: serve's log quotes them.
        let client = try SockshellProcess.run(
            [
                "--unix-socket", socket, "--timeout", "5", "-c",
                #"raw GET /x\x1b]0;pwned\x07\xc2\x9b HTTP/1.1\r\nHost: docker\r\nX-A: \x1b[2J\r\n\r\n"#,
            ])
        #expect(!client.signaled)
        try terminal.waitFor("answered 40")
        try terminal.press(.ctrlC)
        #expect(terminal.waitForExit(timeout: 10) == 0)
        #expect(leaks(terminal.outputBytes).isEmpty, "\(leaks(terminal.outputBytes)): \(shown(terminal.outputBytes))")
    }

    @Test(
        "replay --show on a terminal shows a recording's escape bytes escaped", arguments: ["body", "pretty", "wire"])
    func replayShowEscapes(view: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-show-\(UUID().uuidString.prefix(8)).sks"
        ).path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try #"""
        # sockshell recording 1
        GET /x
        #= 1 GET /x
        #@ 1 0.000000
        #> GET /x HTTP/1.1\r\n
        #> \r\n
        #@ 1 0.001000
        #< HTTP/1.1 200 OK\r\n
        #< Content-Type: text/plain\r\n
        #< Content-Length: 19\r\n
        #< \r\n
        #< \x1b]0;pwned\x07\x1b[2Jhello
        #. 1 complete 0.001100 · 200 OK · 19 B · 1.1 ms

        """#.write(toFile: file, atomically: true, encoding: .utf8)
        let (status, output) = try runOnTerminal(["replay", "--show", "--view", view, file])
        #expect(status == 0, "\(shown(output))")
        #expect(leaks(output).isEmpty, "\(leaks(output)): \(shown(output))")
        #expect(contains(output, "⟨1b⟩]0;pwned⟨07⟩⟨1b⟩[2Jhello"), "\(shown(output))")
    }

    @Test(
        "a container's escape sequences are escaped by view body on a terminal and exact in a file",
        .enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"),
        arguments: [false, true])
    func containerOutput(tty: Bool) throws {
        let host = try #require(TestDaemon.host)
        // printf in the container turns \033 and \007 into ESC and BEL: the request itself holds none.
        let create =
            #"POST /containers/create {"Image":"busybox","Cmd":["printf","\\033]0;pwned\\007\\033[2Jhello\\n"],"Tty":"#
            + (tty ? "true" : "false") + #","Labels":{"sockshell.test":"1"},"HostConfig":{"NetworkMode":"none"}}"#
        let commands = [
            create, "let id = .Id", "POST /containers/$id/start", "POST /containers/$id/wait", "view body",
            "GET /containers/$id/logs?stdout=1", "view wire", "DELETE /containers/$id?force=1",
        ]
        let arguments = ["-H", host] + commands.flatMap { ["-c", $0] }
        let (status, output) = try runOnTerminal(arguments)
        #expect(status == 0, "\(shown(output))")
        #expect(leaks(output).isEmpty, "\(leaks(output)): \(shown(output))")
        #expect(contains(output, "⟨1b⟩]0;pwned⟨07⟩⟨1b⟩[2Jhello"), "\(shown(output))")

        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-logs-\(UUID().uuidString.prefix(8))"
        ).path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let quoted = commands.map { "-c '\($0.replacingOccurrences(of: "'", with: "'\\''"))'" }.joined(separator: " ")
        let result = try SockshellProcess.runShell("sockshell -H '\(host)' \(quoted) > '\(file)'")
        #expect(result.status == 0, "\(result.stderr)")
        let written = [UInt8](try #require(FileManager.default.contents(atPath: file)))
        #expect(
            contains(written, "\u{1B}]0;pwned\u{07}\u{1B}[2Jhello"),
            "the file must hold the container's bytes as they came")
    }
}
