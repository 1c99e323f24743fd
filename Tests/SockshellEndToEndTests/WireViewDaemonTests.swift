import Foundation
import SockshellCore
import TestSupport
import Testing

/// The wire view against the real daemon: what the daemon sends for exec and attach (a
/// `raw-stream` type at API 1.41, frames or not) is annotated frame by frame.
@Suite(.enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct WireViewDaemonTests {
    let host = TestDaemon.host ?? ""

    private func responseLines(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("< ") || $0.hasPrefix("* ") }
    }

    /// A frame header's line: all eight bytes in hex, then the stream and the length.
    private func header(_ stream: UInt8, _ size: UInt8) -> String {
        let bytes = [stream, 0, 0, 0, 0, 0, 0, size].map { String(format: "⟨%02x⟩", $0) }
        return "< " + bytes.joined() + "  (\(stream == 1 ? "stdout" : "stderr") frame, \(size) B)"
    }

    /// Field note 3: exec start's output came without notes, and a length byte of 0x0a broke the
    /// header's line; after a 101 nothing was annotated.
    @Test func execAndAttachOutputWithoutATTYIsAnnotatedFrameByFrame() throws {
        let label = #""Labels":{"\#(TestDaemon.label)":""},"HostConfig":{"NetworkMode":"none"}"#
        let attached = #""AttachStdout":true,"AttachStderr":true"#
        let upgraded = #"-H 'Connection: Upgrade' -H 'Upgrade: tcp' {"Detach":false,"Tty":false}"#
        let result = try SockshellProcess.run(
            [
                "-H", host,
                // A container that has written its output and ended: attach's logs are all there.
                "-c", #"POST /containers/create {"Image":"busybox","Cmd":["sh","-c","echo from-attach"],\#(label)}"#,
                "-c", "let done = .Id", "-c", "POST /containers/$done/start", "-c", "POST /containers/$done/wait",
                "-c", "POST /containers/$done/attach?logs=1&stream=0&stdout=1&stderr=1",
                "-c", #"POST /containers/create {"Image":"busybox","Cmd":["sleep","600"],\#(label)}"#,
                "-c", "let c = .Id", "-c", "POST /containers/$c/start",
                "-c", #"POST /containers/$c/exec {"Cmd":["sh","-c","echo from-exec; echo oops >&2"],\#(attached)}"#,
                "-c", "let e = .Id", "-c", #"POST /exec/$e/start {"Detach":false,"Tty":false}"#,
                "-c", #"POST /containers/$c/exec {"Cmd":["echo","upgraded"],\#(attached)}"#,
                "-c", "let e = .Id", "-c", "POST /exec/$e/start \(upgraded)",
                "-c", "DELETE /containers/$c?force=1", "-c", "DELETE /containers/$done?force=1",
            ], timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = responseLines(result.stdout)
        let attach = try #require(lines.firstIndex { $0.hasPrefix("* #4 200 OK") }, "\(result.stdout)")
        // "from-attach\n" is 12 bytes: 0x0c.
        #expect(
            Array(lines[attach - 2..<attach]) == [
                header(1, 12), "< from-attach␊",
            ],
            "\(result.stdout)")
        let exec = try #require(lines.firstIndex { $0.hasPrefix("* #8 200 OK") }, "\(result.stdout)")
        // "from-exec\n" is 10 bytes: 0x0a, which once showed as ␊ and broke the header's line.
        let execLines = Set(lines[exec - 4..<exec])
        #expect(
            execLines == [
                header(1, 10), "< from-exec␊", header(2, 5), "< oops␊",
            ], "\(result.stdout)")
        let switched = try #require(
            lines.firstIndex { $0.hasPrefix("* #10 101 UPGRADED") }, "\(result.stdout)")
        #expect(
            Array(lines[switched - 3..<switched]) == [
                "* 101: HTTP framing ends here; raw bytes follow until the connection closes",
                header(1, 9), "< upgraded␊",
            ], "\(result.stdout)")
    }
}

/// The wire view in the shell on bodies that would flood it: a 32 MiB binary answer, long lines
/// on an 80-column terminal and after a resize.
struct WireViewShellTests {
    /// Answers one request with a 32 MiB body of binary bytes, written as the socket takes it.
    private static func binaryServer(bytes: Int) throws -> FaultServer {
        try FaultServer { connection in
            guard connection.readRequestHead() != nil else { return }
            guard connection.write("HTTP/1.1 200 OK\r\nContent-Length: \(bytes)\r\n\r\n") else { return }
            let piece = [UInt8]((0..<65536).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            for _ in 0..<bytes / piece.count { guard connection.write(piece, timeout: 30) else { return } }
        }
    }

    @Test func aLargeBinaryAnswerIsAPreviewAndOneLine() throws {
        let size = 32 * 1024 * 1024
        let server = try Self.binaryServer(bytes: size)
        defer { server.stop() }
        let result = try SockshellProcess.run(["-H", server.host, "-c", "GET /images/x/get"], timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        // The head, 256 bytes as hex (a few screen lines' worth), the line, the summary, the
        // record's note: a few KiB for 32 MiB.
        #expect(result.stdout.utf8.count < 8 * 1024, "wrote \(result.stdout.utf8.count) bytes")
        let shown = size - WireRenderer.binaryPreviewBytes
        #expect(
            result.stdout.contains(
                """
                * … \(Measure.bytes(shown)) more of the answer not shown: binary data (show 1 hex dumps it, view hex \
                shows every byte)
                * #1 200 OK · 32.0 MiB ·
                """), "\(result.stdout)")
    }

    @Test func longLinesFoldAtTheTerminalsWidthWithTheirMarkAndFollowAResize() throws {
        let line = String(repeating: "0123456789", count: 20)
        let body = "\(line)\n"
        let response = "HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        let server = try FaultServer(respondingWith: Array(response.utf8))
        defer { server.stop() }
        let terminal = try ReplTests.terminal(host: server.host, home: try ReplTests.freshHome(), rows: 24, cols: 80)
        defer { terminal.close() }
        try terminal.waitFor("> ")
        terminal.mark()
        try terminal.sendLine("GET /long")
        let first = try terminal.waitFor("* #1 200 OK")
        // 80 columns: 78 characters after `< ` on each screen line, the last with its ␊.
        let folded = [
            "< " + String(line.prefix(78)), "< " + String(line.dropFirst(78).prefix(78)),
            "< " + String(line.dropFirst(156)) + "␊",
        ]
        #expect(first.contains(folded.joined(separator: "\n")), "\(first)")
        try terminal.resize(rows: 24, cols: 60)
        terminal.mark()
        try terminal.sendLine("GET /long")
        let second = try terminal.waitFor("* #2 200 OK")
        let refolded = "\n< " + String(line.prefix(58)) + "\n< " + String(line.dropFirst(58).prefix(58))
        #expect(second.contains(refolded), "\(second)")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit(timeout: 10) == 0)
    }
}
