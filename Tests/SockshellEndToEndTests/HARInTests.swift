import Foundation
import TestSupport
import Testing

/// HAR in: a session recorded against the real daemon and saved with `export har`, then replayed
/// against it, shown, and served to curl from the HAR file alone.
@Suite(.enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct HARInTests {
    let host = TestDaemon.host ?? ""

    /// `GET /_ping` and `GET /version` against the daemon, saved as HAR in a new folder.
    private func exportedHAR() throws -> (folder: String, path: String) {
        let dir = try ServeProcess.temporaryFolder()
        let path = dir + "/session.har"
        let result = try SockshellProcess.run([
            "-H", host, "--view", "body", "-c", "GET /_ping", "-c", "GET /version", "-c", "export har \(path)",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        return (dir, path)
    }

    private static func note(_ path: String) -> String {
        "\(path) is HAR (written by sockshell 0.1.0); each exchange is reconstructed from HAR: bytes and chunking "
            + "are sockshell's, not the wire's"
    }

    @Test func replayingExportedHARAgainstTheDaemonIsTheSame() throws {
        let (dir, path) = try exportedHAR()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let replay = try SockshellProcess.run(["replay", "-H", host, path])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        let lines = replay.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(replay.stdout)")
        #expect(lines.dropFirst().first == Self.note(path))
        #expect(lines.contains { $0.hasPrefix("  GET /_ping ") && $0.hasSuffix(" same") }, "\(replay.stdout)")
        #expect(lines.contains { $0.hasPrefix("  GET /version ") && $0.hasSuffix(" same") }, "\(replay.stdout)")
        #expect(lines.last?.hasPrefix("replay: 2 steps: 2 same, 0 differ, 0 failed") == true)
    }

    @Test func showSaysTheBytesAreRebuiltAndShowsEachEntry() throws {
        let (dir, path) = try exportedHAR()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let show = try SockshellProcess.run(["replay", "--show", "--color", "never", "--ascii", path])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(
            show.stdout.hasPrefix("* \(Self.note(path))\n* exchange 1 of \(path) (HAR entry 1, rebuilt) · from HAR\n"))
        #expect(show.stdout.contains("> GET /_ping HTTP/1.1\\r\\n\n> Host: docker\\r\\n\n"), "\(show.stdout)")
        #expect(show.stdout.contains("< OK\n"), "\(show.stdout)")
        #expect(show.stdout.contains("* exchange 2 of \(path) (HAR entry 2, rebuilt) · from HAR\n"))
        #expect(show.stdout.contains("> GET /version HTTP/1.1\\r\\n\n"))
    }

    @Test func serveAnswersCurlFromTheHARFile() throws {
        let (dir, path) = try exportedHAR()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let har = try String(contentsOfFile: path, encoding: .utf8)
        // ServeProcess names the file session.sks: the content alone says it is HAR.
        let server = try ServeProcess(recording: har)
        let ping = try SockshellProcess.runShell(
            "curl --unix-socket \(server.socketPath) -sS http://localhost/_ping", timeout: 20)
        #expect(ping.status == 0, "\(ping.stderr)")
        #expect(ping.stdout == "OK")
        let version = try SockshellProcess.runShell(
            "curl --unix-socket \(server.socketPath) -sS http://docker/v1.41/version", timeout: 20)
        #expect(version.status == 0, "\(version.stderr)")
        #expect(version.stdout.contains(#""ApiVersion":"#), "\(version.stdout)")
        server.stopAndCheck(exchanges: 2, before: "sockshell: \(Self.note(server.recordingPath))\n")
    }

    @Test func badHARIsOneSentenceNamingTheEntryAndExitsTwo() throws {
        let dir = try ServeProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/broken.har"
        try #"{"log":{"entries":[{"request":{"method":"GET"},"response":{"status":200}}]}}"#.write(
            toFile: path, atomically: true, encoding: .utf8)
        let expected = "sockshell: \(path): entry 1 (log.entries[0]) has no request.url (a string)\n"
        for arguments in [["replay", "-H", host, path], ["replay", "--show", path]] {
            let result = try SockshellProcess.run(arguments)
            #expect(result.status == 2)
            #expect(result.stderr == expected)
        }
        let serve = try SockshellProcess.run(["serve", path, "--unix-socket", dir + "/s.sock"])
        #expect(serve.status == 2)
        #expect(serve.stderr == expected)
        try "not json".write(toFile: path, atomically: true, encoding: .utf8)
        let notJSON = try SockshellProcess.run(["replay", "--show", path])
        #expect(notJSON.status == 2)
        #expect(notJSON.stderr.hasPrefix("sockshell: \(path) is not JSON ("), "\(notJSON.stderr)")
    }
}
