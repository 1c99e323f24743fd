import Foundation
import SockshellCore
import TestSupport
import Testing

/// `sockshell tap --record FILE`: what another client did becomes a recording that replay --show,
/// serve and replay --har read like one sockshell made, and --learn writes the routes it called.
@Suite("TapRecordTests", .enabled(if: TestDaemon.isAvailable), .serialized)
struct TapRecordTests {
    private static func folder() throws -> String {
        let path = "/tmp/sstaprec-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A tap of the test daemon with `arguments`, running until `body` returns, then stopped with SIGTERM.
    private func tapping(_ folder: String, _ arguments: [String], _ body: (String) throws -> Void) throws
        -> BackgroundProcess
    {
        let socket = folder + "/tap.sock"
        let tap = try BackgroundProcess(
            SockshellProcess.binaryPath,
            ["tap", "--listen", socket, "-H", TestDaemon.host ?? ""] + arguments)
        #expect(tap.waitForLine(on: .stderr, timeout: 30) { $0.contains("tapping ") }, "\(tap.text(.stderr))")
        try body(socket)
        #expect(tap.stop(signal: SIGTERM, timeout: 30) == .exited(0), "\(tap.text(.stderr))")
        return tap
    }

    private func docker(_ arguments: String, through socket: String) throws -> SockshellProcess.Result {
        try SockshellProcess.runShell("docker \(arguments)", environment: ["DOCKER_HOST": "unix://\(socket)"])
    }

    @Test func aTappedDockerPsIsARecordingThatShowsServesAndBecomesHAR() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let recording = folder + "/ps.sks"
        let allowList = folder + "/routes.txt"
        var listed = ""
        let tap = try tapping(folder, ["--record", recording, "--learn", allowList]) { socket in
            let result = try docker("ps -a --filter label=sockshell.no-such-label", through: socket)
            #expect(result.status == 0, "\(result.stderr)")
            listed = result.stdout
        }
        #expect(tap.text(.stderr).contains("recorded 2 exchanges to \(recording)"), "\(tap.text(.stderr))")

        // The recording names the tapped connection and its client on each exchange.
        let text = try String(contentsOfFile: recording, encoding: .utf8)
        let starts = text.split(separator: "\n").filter { $0.hasPrefix("#= ") }
        #expect(starts.count == 2)
        #expect(starts.allSatisfy { $0.contains(" job ") && $0.contains(" conn=1 client=docker%20(pid%20") })

        let shown = try SockshellProcess.run(["replay", "--show", recording, "--ascii"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("(tapped: conn 1, docker (pid "), "\(shown.stdout)")
        #expect(shown.stdout.contains("< HTTP/1.1 200 OK\\r\\n"), "\(shown.stdout)")

        // serve answers the same docker ps from it, without the daemon.
        let served = folder + "/served.sock"
        let serve = try BackgroundProcess(SockshellProcess.binaryPath, ["serve", recording, "--unix-socket", served])
        #expect(serve.waitForLine(on: .stderr, timeout: 30) { $0.contains("(Ctrl-C stops)") }, "\(serve.text(.stderr))")
        let again = try docker("ps -a --filter label=sockshell.no-such-label", through: served)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == listed)
        #expect(serve.stop(signal: SIGINT) == .exited(0))

        let harPath = folder + "/ps.har"
        let har = try SockshellProcess.run(["replay", recording, "--har", harPath])
        #expect(har.status == 0, "\(har.stderr)")
        let document = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: harPath))))
        let entries = document["log"]?["entries"]?.arrayValue ?? []
        #expect(entries.compactMap { $0["request"]?["method"]?.stringValue } == ["HEAD", "GET"])
        #expect(entries.compactMap { $0["response"]?["status"] } == [.number("200"), .number("200")])

        let routes = try String(contentsOfFile: allowList, encoding: .utf8)
        #expect(routes.contains("\nHEAD /_ping\nGET /containers/json\n"), "\(routes)")
    }

    @Test func aKilledTapLeavesARecordingOfEverythingItsViewRead() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let recording = folder + "/killed.sks"
        let socket = folder + "/tap.sock"
        let tap = try BackgroundProcess(
            SockshellProcess.binaryPath,
            ["tap", "--listen", socket, "-H", TestDaemon.host ?? "", "--record", recording])
        #expect(tap.waitForLine(on: .stderr, timeout: 30) { $0.contains("tapping ") }, "\(tap.text(.stderr))")
        let result = try docker("version --format '{{.Server.APIVersion}}'", through: socket)
        #expect(result.status == 0, "\(result.stderr)")
        // The view has read both exchanges once its wire lines show their summaries.
        #expect(tap.waitForLine(timeout: 30) { $0.contains("* #1 GET /v1.41/version · 200 OK") }, "\(tap.text())")
        tap.signal(SIGKILL)
        #expect(tap.waitForExit(timeout: 30) == BackgroundProcess.Termination(status: SIGKILL, signaled: true))
        // No buffer died with it: the file reads as a whole recording, both exchanges complete.
        let shown = try SockshellProcess.run(["replay", "--show", recording, "--ascii"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("exchange 2 of \(recording) (tapped: conn 1, docker (pid "), "\(shown.stdout)")
        #expect(!shown.stdout.contains("the recording stops inside it"), "\(shown.stdout)")
        #expect(shown.stdout.contains("\"ApiVersion\""), "\(shown.stdout)")
    }

    @Test func aRecordingOrAllowListThatExistsIsRefusedBeforeTheTapStarts() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let existing = folder + "/kept.sks"
        try "keep me\n".write(toFile: existing, atomically: true, encoding: .utf8)
        for flag in ["--record", "--learn"] {
            let result = try SockshellProcess.run(
                ["tap", "--listen", folder + "/tap.sock", "-H", TestDaemon.host ?? "", flag, existing], timeout: 30)
            #expect(result.status == 2)
            #expect(
                result.stderr.contains("\(existing) already exists: choose another \(flag) file"), "\(result.stderr)")
        }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/tap.sock"))
    }
}
