import Foundation
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
