import Foundation
import TestSupport
import Testing

/// `tap PATH &` in the shell and `!COMMAND` through it: the docker CLI on PATH runs a container
/// through the tap job against the test daemon, and the job's lines show what it sent.
@Suite("TapShellTests", .enabled(if: TestDaemon.isAvailable))
struct TapShellTests {
    @Test func aTapJobShowsWhatABangCommandSends() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-tap-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let socket = folder.appendingPathComponent("tap.sock").path
        let result = try SockshellProcess.run(
            [
                "-H", TestDaemon.host ?? "", "--ascii",
                "-c", "tap \(socket) &",
                "-c", "!docker run --rm --label \(TestDaemon.label) busybox echo hi-through-the-tap",
                "-c", "stop 1", "-c", "wait 1",
            ], timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // The container's output reached the command through the tap, and the tap saw the frame.
        #expect(lines.contains("hi-through-the-tap"), "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("[1] ") && $0.contains("< hi-through-the-tap\\n") }, "\(result.stdout)")
        for route in [
            "HEAD /_ping · 200 OK", "POST /v1.41/containers/create · 201 Created",
            "POST /v1.41/containers/{id}/attach · 101 UPGRADED", "POST /v1.41/containers/{id}/start · 204 No Content",
        ] {
            #expect(lines.contains { $0.hasPrefix("[1] * #") && $0.contains(route) }, "\(route): \(result.stdout)")
        }
        #expect(lines.contains("[1] stopped after 3 connections"), "\(result.stdout)")
        // Stopping removed the socket file.
        #expect(!FileManager.default.fileExists(atPath: socket))
    }

    @Test func aBangCommandWithoutATapGetsTheSessionsEndpoint() throws {
        let result = try SockshellProcess.run(
            ["-H", "unix:///tmp/no-such-daemon.sock", "-c", "!echo \"host=$DOCKER_HOST\""], timeout: 30)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("host=unix:///tmp/no-such-daemon.sock"), "\(result.stdout)")
    }

    @Test func aFailingBangCommandFailsTheScriptWithItsStatus() throws {
        let result = try SockshellProcess.run(["-c", "!exit 3", "-c", "echo not reached"], timeout: 30)
        #expect(result.status == 1)
        #expect(result.stderr.contains("!exit 3 exited with status 3"), "\(result.stderr)")
        #expect(!result.stdout.contains("not reached"))
    }
}
