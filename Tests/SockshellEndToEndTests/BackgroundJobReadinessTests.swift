import Foundation
import TestSupport
import Testing

/// `METHOD … &` goes on to the next line only once the job's response head has arrived (or the
/// job ended): a create typed right after `GET /events &` must not reach the daemon before the
/// subscription. A server that holds the job's head back shows the order the requests arrive in.
@Suite("BackgroundJobReadinessTests")
struct BackgroundJobReadinessTests {
    /// What the server saw, in order, across its connections.
    private final class Timeline: @unchecked Sendable {
        // @unchecked Sendable: `entries` is only touched while holding `lock`.
        private let lock = NSLock()
        private var entries: [String] = []
        func add(_ entry: String) { lock.withLock { entries.append(entry) } }
        var all: [String] { lock.withLock { entries } }
    }

    /// `/job` answers its head after `headDelayMilliseconds` (never when nil) and then holds the
    /// stream open; anything else answers 204 at once.
    private func server(_ timeline: Timeline, headDelayMilliseconds: Int?) throws -> FaultServer {
        try FaultServer { connection in
            while let head = connection.readRequestHead(timeout: 10) {
                let line = String(decoding: head.prefix { $0 != 0x0D }, as: UTF8.self)
                if line.hasPrefix("GET /job ") {
                    timeline.add("job request")
                    guard let delay = headDelayMilliseconds else {
                        connection.drainUntilClosed(timeout: 10)
                        return
                    }
                    guard connection.sleep(delay) else { return }
                    timeline.add("job head")
                    connection.write(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    connection.drainUntilClosed(timeout: 10)
                    return
                }
                // The interactive shell's opening _ping is not part of the story.
                if !line.hasPrefix("GET /_ping ") { timeline.add("next request") }
                connection.write("HTTP/1.1 204 No Content\r\n\r\n")
            }
        }
    }

    @Test("the line after `GET … &` is sent only after the job's response head arrived")
    func nextLineWaitsForTheHead() throws {
        let timeline = Timeline()
        let server = try server(timeline, headDelayMilliseconds: 400)
        defer { server.stop() }

        let result = try SockshellProcess.run(
            ["-H", server.host, "--timeout", "5", "-c", "GET /job &", "-c", "GET /next", "-c", "stop 1"], timeout: 20)

        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(
            timeline.all == ["job request", "job head", "next request"],
            "the next line ran before the job was listening")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let headLine = try #require(
            lines.firstIndex { $0.hasPrefix("[1] < HTTP/1.1 200 OK") }, "stdout: \(result.stdout)")
        let nextLine = try #require(lines.firstIndex { $0.hasPrefix("> GET /next ") }, "stdout: \(result.stdout)")
        #expect(headLine < nextLine, "the job's head was not shown before the next request: \(result.stdout)")
    }

    @Test("a job whose head never comes is said to be waiting, then fails by --timeout, and the script goes on")
    func aSilentJobIsBoundedByTheTimeout() throws {
        let timeline = Timeline()
        let server = try server(timeline, headDelayMilliseconds: nil)
        defer { server.stop() }

        let result = try SockshellProcess.run(
            ["-H", server.host, "--timeout", "1", "-c", "GET /job &", "-c", "GET /next"], timeout: 20)

        #expect(!result.signaled)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(timeline.all == ["job request", "next request"])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let waiting = try #require(
            lines.firstIndex { $0.hasPrefix("[1] waiting for its response head (at most --timeout, 1") },
            "stdout: \(result.stdout)")
        let failed = try #require(
            lines.firstIndex { $0.hasPrefix("[1] sockshell: ") && $0.contains("1 s") }, "stdout: \(result.stdout)")
        let next = try #require(lines.firstIndex { $0.hasPrefix("> GET /next ") }, "stdout: \(result.stdout)")
        #expect(waiting < failed && failed < next, "stdout: \(result.stdout)")
    }

    @Test("Ctrl-C while a script waits for a job's head stops the script")
    func ctrlCWhileAScriptWaitsStopsIt() throws {
        let timeline = Timeline()
        let server = try server(timeline, headDelayMilliseconds: nil)
        defer { server.stop() }
        let terminal = try PseudoTerminal(
            executable: SockshellProcess.binaryPath,
            arguments: ["-H", server.host, "--timeout", "10", "-c", "GET /job &", "-c", "GET /next"],
            environment: ["NO_COLOR": "1"], cols: 200)
        defer { terminal.close() }

        try terminal.waitFor("[1] waiting for its response head")
        try terminal.press(.ctrlC)
        try terminal.waitFor("[1] going on without its response head")

        #expect(terminal.waitForExit(timeout: 10) == 1)
        #expect(timeline.all == ["job request"], "the script went on after Ctrl-C")
    }

    @Test("Ctrl-C while the shell waits for a job's head gives the prompt back and leaves the job running")
    func ctrlCInTheShellGoesOn() throws {
        let timeline = Timeline()
        let server = try server(timeline, headDelayMilliseconds: nil)
        defer { server.stop() }
        let home = try ReplTests.freshHome()
        let terminal = try PseudoTerminal(
            executable: SockshellProcess.binaryPath, arguments: ["-H", server.host, "--timeout", "10"],
            environment: ["HOME": home, "NO_COLOR": "1", "XDG_STATE_HOME": "", "EDITRC": "/nonexistent"], cols: 200)
        defer { terminal.close() }
        try terminal.waitFor("sock> ")

        try terminal.sendLine("GET /job &")
        try terminal.waitFor("[1] waiting for its response head")
        try terminal.press(.ctrlC)
        try terminal.waitFor("[1] going on without its response head: it waits in the background (stop 1 ends it)")
        try terminal.waitFor("sock> ")
        try terminal.sendLine("jobs")
        try terminal.waitFor("[1] GET /job HTTP/1.1 · 0 B received · ")
        try terminal.waitFor("running")
        try terminal.sendLine("GET /next")
        try terminal.waitFor("* #2 204 No Content")
        try terminal.press(.ctrlD)
        try terminal.waitFor("job 1 (GET /job HTTP/1.1) is still running: stop and exit? [y/N] ")
        try terminal.sendLine("y")

        #expect(terminal.waitForExit(timeout: 10) == 0)
        #expect(timeline.all == ["job request", "next request"])
        #expect(try terminal.terminalModes() == terminal.initialModes)
    }
}
