import Foundation
import TestSupport
import Testing

/// `sockshell serve FILE --unix-socket PATH`: the built binary answering from a recording written
/// by hand here, asked by curl and by a raw socket client that compares every byte.
@Suite("ServeTests")
struct ServeTests {
    // MARK: The recording

    static let listBody = "[]\n"
    static let listAnswer =
        """
        HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\nDate: Mon, 30 Nov 2026 01:33:33 \
        GMT\r\nContent-Length: 3\r\n\r\n
        """
        + listBody

    static let id = "f5dd99791a38b1a8c4e1d7b8a1a1c1e9f2e1c5a7d3b9e8f7a6b5c4d3e2f1a0b9"
    static let createdBody = #"{"Id":"\#(id)","Warnings":[]}"# + "\n"
    static let createdAnswer =
        "HTTP/1.1 201 Created\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\nContent-Length: 88\r\n\r\n"
        + createdBody

    /// The second list, read in two runs: the head, then the body.
    static let secondListHead =
        "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\nContent-Length: 25\r\n\r\n"
    static let secondListBody = #"[{"Id":"f5dd99791a38"}]"# + "\r\n"
    static let secondListAnswer = secondListHead + secondListBody

    /// An /events stream stopped with Ctrl-C: its head, then one event 0.3 s later, no last chunk.
    static let eventsHead =
        "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    static let eventsChunk =
        "56\r\n" + #"{"Type":"container","Action":"start","Actor":{"ID":"f5dd99791a38"},"time":1796002413}"# + "\n\r\n"
    static let eventsAnswer = eventsHead + eventsChunk

    static let recording = #"""
        # sockshell recording 1
        # made by hand for ServeTests
        GET /containers/json
        #= 1 GET /containers/json at=2026-11-30T01:33:33.000Z on=unix:///var/run/docker.sock
        #@ 1 0.000000
        #> GET /containers/json HTTP/1.1\r\n
        #> Host: docker\r\n
        #> \r\n
        #@ 1 0.002000
        #< HTTP/1.1 200 OK\r\n
        #< Api-Version: 1.41\r\n
        #< Content-Type: application/json\r\n
        #< Date: Mon, 30 Nov 2026 01:33:33 GMT\r\n
        #< Content-Length: 3\r\n
        #< \r\n
        #< []\n
        #. 1 complete 0.002100 · 200 OK · 3 B · 2.1 ms
        POST /containers/create {"Image":"busybox"}
        #= 2 POST /containers/create
        #@ 2 0.000000
        #> POST /containers/create HTTP/1.1\r\n
        #> Host: docker\r\n
        #> Content-Type: application/json\r\n
        #> Content-Length: 19\r\n
        #> \r\n
        #> {"Image":"busybox"}
        #@ 2 0.003000
        #< HTTP/1.1 201 Created\r\n
        #< Api-Version: 1.41\r\n
        #< Content-Type: application/json\r\n
        #< Content-Length: 88\r\n
        #< \r\n
        #< {"Id":"f5dd99791a38b1a8c4e1d7b8a1a1c1e9f2e1c5a7d3b9e8f7a6b5c4d3e2f1a0b9","Warnings":[]}\n
        #. 2 complete 0.003100 · 201 Created · 88 B · 3.1 ms
        GET /v1.41/containers/json?all=1
        #= 3 GET /v1.41/containers/json?all=1
        #@ 3 0.000000
        #> GET /v1.41/containers/json?all=1 HTTP/1.1\r\n
        #> Host: docker\r\n
        #> \r\n
        #@ 3 0.001000
        #< HTTP/1.1 200 OK\r\n
        #< Api-Version: 1.41\r\n
        #< Content-Type: application/json\r\n
        #< Content-Length: 25\r\n
        #< \r\n
        #@ 3 0.001500
        #< [{"Id":"f5dd99791a38"}]\r\n
        #. 3 complete 0.001600 · 200 OK · 25 B · 1.6 ms
        GET /events &
        #= 4 GET /events job
        #@ 4 0.000000
        #> GET /events HTTP/1.1\r\n
        #> Host: docker\r\n
        #> \r\n
        #@ 4 0.001000
        #< HTTP/1.1 200 OK\r\n
        #< Api-Version: 1.41\r\n
        #< Content-Type: application/json\r\n
        #< Transfer-Encoding: chunked\r\n
        #< \r\n
        #@ 4 0.301000
        #< 56\r\n
        #< {"Type":"container","Action":"start","Actor":{"ID":"f5dd99791a38"},"time":1796002413}\n
        #< \r\n
        #. 4 interrupted 0.500000 · 200 OK · stopped
        """#

    /// Ctrl-C and SIGTERM are how serve is stopped (exit 0, tested throughout); Ctrl-\ quits
    /// with 131 as in any program, after the same clean stop.
    @Test func ctrlBackslashStopsServeCleanlyWithStatus131() throws {
        let server = try ServeProcess(recording: Self.recording)
        #expect(server.stop(signal: SIGQUIT) == 131, "\(server.errors)")
        #expect(server.errors.contains("sockshell: stopped: 0 answered from the recording"), "\(server.errors)")
        #expect(access(server.socketPath, F_OK) != 0, "the socket file is still there after Ctrl-\\")
    }

    // MARK: curl

    @Test("curl gets the recorded response bytes exactly, in recorded order, with or without a version prefix")
    func curlGetsTheRecordedBytes() throws {
        let server = try ServeProcess(recording: Self.recording)
        defer { server.stopAndCheck() }

        let first = try SockshellProcess.runShell(
            "curl --unix-socket \(server.socketPath) -sS --raw -i http://docker/containers/json", timeout: 20)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == Self.listAnswer)

        // Recorded as /v1.41/containers/json?all=1: asked without the version prefix.
        let second = try SockshellProcess.runShell(
            "curl --unix-socket \(server.socketPath) -sS --raw -i 'http://docker/containers/json?all=1'", timeout: 20)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout == Self.secondListAnswer)
    }

    // MARK: a raw client

    @Test("on one kept-alive connection each answer arrives byte for byte; once used up, the last answers again")
    func keepAliveByteForByte() throws {
        let server = try ServeProcess(recording: Self.recording)
        defer { server.stopAndCheck() }
        let client = try RawClient(path: server.socketPath)

        let list = Array(Self.listAnswer.utf8)
        let secondList = Array(Self.secondListAnswer.utf8)
        // The exact target: exchange 1.
        try client.send("GET /containers/json HTTP/1.1\r\nHost: docker\r\n\r\n")
        #expect(try client.read(count: list.count) == list)
        // No exchange has this query: the first unused one with the path, exchange 3.
        try client.send("GET /containers/json?all=0 HTTP/1.1\r\nHost: docker\r\n\r\n")
        #expect(try client.read(count: secondList.count) == secondList)
        // Both used: the exact target's last answer again, each time.
        try client.send("GET /v1.41/containers/json?all=1 HTTP/1.1\r\nHost: docker\r\n\r\n")
        #expect(try client.read(count: secondList.count) == secondList)
        try client.send("GET /v1.43/containers/json HTTP/1.1\r\nHost: docker\r\n\r\n")
        #expect(try client.read(count: list.count) == list)
        // Nothing more than the answers arrived.
        #expect(try client.readAvailable(seconds: 0.2) == [])
    }

    @Test("the recording is opened once: answers still come after the file is removed")
    func theRecordingIsOpenedOnce() throws {
        let server = try ServeProcess(recording: Self.recording)
        defer { server.stopAndCheck() }
        // Opened per request, the answer's bytes would be missing from here on.
        #expect(unlink(server.recordingPath) == 0)
        let client = try RawClient(path: server.socketPath)
        try client.send("GET /containers/json HTTP/1.1\r\nHost: docker\r\n\r\n")
        #expect(try client.read(count: Self.listAnswer.utf8.count) == Array(Self.listAnswer.utf8))
    }

    @Test("pipelined requests, a body in between, are answered in order")
    func pipelinedWithBody() throws {
        let server = try ServeProcess(recording: Self.recording)
        defer { server.stopAndCheck() }
        let client = try RawClient(path: server.socketPath)

        let body = #"{"Image":"busybox"}"#
        try client.send(
            """
            POST /containers/create HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\nContent-Length: \
            \(body.utf8.count)\r\n\r\n\(body)
            """
                + "GET /containers/json HTTP/1.1\r\nHost: docker\r\n\r\n"
                    + """
                    POST /containers/create HTTP/1.1\r\nHost: docker\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n\
                    hello\r\n0\r\n\r\n
                    """
        )
        let expected = Self.createdAnswer + Self.listAnswer + Self.createdAnswer
        #expect(try client.read(count: expected.utf8.count) == Array(expected.utf8))
    }

    @Test("a request not in the recording gets a 404 naming it in JSON, and the connection stays usable")
    func unknownRouteIs404() throws {
        let server = try ServeProcess(recording: Self.recording)
        defer { server.stopAndCheck() }
        let client = try RawClient(path: server.socketPath)

        try client.send("DELETE /containers/x?force=\"1\" HTTP/1.1\r\nHost: docker\r\n\r\n")
        let body =
            #"{"message":"not in the recording: DELETE /containers/x?force=\"1\" "#
            + #"(sockshell serve \#(server.recordingPath))"}"#
            + "\n"
        let expected =
            "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
            + body
        #expect(String(decoding: try client.read(count: expected.utf8.count), as: UTF8.self) == expected)

        try client.send("GET /containers/json HTTP/1.1\r\nHost: docker\r\n\r\n")
        #expect(try client.read(count: Self.listAnswer.utf8.count) == Array(Self.listAnswer.utf8))

        let curl = try SockshellProcess.runShell(
            "curl --unix-socket \(server.socketPath) -sS http://docker/nope", timeout: 20)
        #expect(
            curl.stdout == #"{"message":"not in the recording: GET /nope (sockshell serve \#(server.recordingPath))"}"#
                + "\n")
    }

    @Test("a recorded stream trickles out at its recorded pace, and a stream cut short closes the connection")
    func streamKeepsItsTiming() throws {
        let server = try ServeProcess(recording: Self.recording)
        defer { server.stopAndCheck() }
        let client = try RawClient(path: server.socketPath)

        try client.send("GET /events HTTP/1.1\r\nHost: docker\r\n\r\n")
        let head = try client.read(count: Self.eventsHead.utf8.count)
        let headArrived = Date()
        #expect(head == Array(Self.eventsHead.utf8))
        let chunk = try client.read(count: Self.eventsChunk.utf8.count)
        let gap = Date().timeIntervalSince(headArrived)
        #expect(chunk == Array(Self.eventsChunk.utf8))
        #expect(gap >= 0.2, "the event came \(gap) s after the head; it was recorded 0.3 s after")
        // Recorded as interrupted: no last chunk, the connection closes.
        #expect(try client.readToEnd() == [])
    }

    @Test("a malformed request gets a 400 with a JSON message, and the connection closes")
    func malformedRequestIs400() throws {
        let server = try ServeProcess(recording: Self.recording)
        defer { server.stopAndCheck() }
        let client = try RawClient(path: server.socketPath)

        try client.send("GET /containers/json HTTP/1.1\r\n\r\n")
        let answer = String(decoding: try client.readToEnd(), as: UTF8.self)
        // The sentence names the RFC 9112 rule and the byte (the blank line that ended the head).
        let body =
            #"{"message":"not HTTP/1.1: no Host field before the end of the head at byte 31 (RFC 9112 §3.2 "#
            + #"requires exactly one Host field in an HTTP/1.1 request, e.g. Host: docker)"}"#
            + "\n"
        #expect(
            answer
                == """
                HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nConnection: close\r\n\
                Content-Length: \(body.utf8.count)\r\n\r\n
                """
                + body)
    }

    @Test("a bare LF in a request is refused with the rule and the byte; serve --lenient accepts it")
    func bareLineFeed() throws {
        let request = "GET /containers/json HTTP/1.1\nHost: docker\n\n"
        let strict = try ServeProcess(recording: Self.recording)
        defer { strict.stopAndCheck() }
        let refused = try RawClient(path: strict.socketPath)
        try refused.send(request)
        let answer = String(decoding: try refused.readToEnd(), as: UTF8.self)
        #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(answer)")
        #expect(
            answer.contains(
                "not HTTP/1.1: bare LF at byte 29 (RFC 9112 §2.2 requires CRLF); run with --lenient to accept it"),
            "\(answer)")

        let lenient = try ServeProcess(recording: Self.recording, arguments: ["--lenient"])
        defer { lenient.stopAndCheck() }
        let accepted = try RawClient(path: lenient.socketPath)
        try accepted.send(request)
        let list = Array(Self.listAnswer.utf8)
        #expect(try accepted.read(count: list.count) == list)
    }

    // MARK: the socket path

    @Test("an existing regular file at PATH is refused and left alone")
    func regularFileRefused() throws {
        let folder = try ServeProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let recordingPath = folder + "/rec.sks"
        try Self.recording.write(toFile: recordingPath, atomically: true, encoding: .utf8)
        let occupied = ServeProcess.freshSocketPath()
        try "precious".write(toFile: occupied, atomically: true, encoding: .utf8)
        defer { unlink(occupied) }

        let result = try SockshellProcess.run(["serve", recordingPath, "--unix-socket", occupied], timeout: 20)

        #expect(result.status == 1, "\(result.stderr)")
        #expect(
            result.stderr.contains("\(occupied) already exists and is a regular file, not a socket"), "\(result.stderr)"
        )
        #expect(try String(contentsOfFile: occupied, encoding: .utf8) == "precious")
    }

    @Test("a socket somebody listens on is refused; a leftover socket nobody listens on is replaced")
    func socketsAtPath() throws {
        let live = try FaultServer { connection in _ = connection.readRequestHead(timeout: 1) }
        defer { live.stop() }
        let folder = try ServeProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let recordingPath = folder + "/rec.sks"
        try Self.recording.write(toFile: recordingPath, atomically: true, encoding: .utf8)

        let refused = try SockshellProcess.run(["serve", recordingPath, "-H", live.host], timeout: 20)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("something is already listening on \(live.path)"), "\(refused.stderr)")

        let leftover = ServeProcess.freshSocketPath()
        try ServeProcess.leaveStaleSocket(at: leftover)
        let server = try ServeProcess(recording: Self.recording, socketPath: leftover)
        defer { server.stopAndCheck() }
        let client = try RawClient(path: leftover)
        try client.send("GET /containers/json HTTP/1.1\r\nHost: docker\r\n\r\n")
        #expect(try client.read(count: Self.listAnswer.utf8.count) == Array(Self.listAnswer.utf8))
    }

    // MARK: bad recordings and flags

    @Test("a malformed recording is reported as FILE:LINE: message, exit 2")
    func malformedRecording() throws {
        let folder = try ServeProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/broken.sks"
        try "# sockshell recording 1\n#= 1 GET /_ping\n#@ 1 soon\n#< HTTP/1.1 200 OK\\r\\n\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let socketPath = ServeProcess.freshSocketPath()

        let result = try SockshellProcess.run(["serve", path, "--unix-socket", socketPath], timeout: 20)

        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):3: expected '#@ N SECONDS'"), "\(result.stderr)")
        #expect(access(socketPath, F_OK) != 0, "a socket was created for a recording that cannot be served")

        let missing = try SockshellProcess.run(
            ["serve", folder + "/none.sks", "--unix-socket", socketPath], timeout: 20)
        #expect(missing.status == 2)
        #expect(
            missing.stderr.contains("cannot read the recording \(folder)/none.sks: No such file or directory"),
            "\(missing.stderr)")

        let noSocket = try SockshellProcess.run(["serve", path], timeout: 20)
        #expect(noSocket.status == 2)
        #expect(noSocket.stderr.contains("--unix-socket PATH"), "\(noSocket.stderr)")
    }
}

// MARK: - Helpers

/// A `sockshell serve` running in the background on a fresh socket path.
final class ServeProcess {
    let socketPath: String
    let recordingPath: String
    private let process = Process()
    private let folder: String
    private let errorsPath: String

    /// - Parameter arguments: more flags for serve, e.g. `["--head-timeout", "1"]`.
    init(recording: String, socketPath: String = ServeProcess.freshSocketPath(), arguments: [String] = []) throws {
        folder = try Self.temporaryFolder()
        recordingPath = folder + "/session.sks"
        errorsPath = folder + "/stderr.txt"
        self.socketPath = socketPath
        try recording.write(toFile: recordingPath, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: errorsPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: SockshellProcess.binaryPath)
        process.arguments = ["serve", recordingPath, "--unix-socket", socketPath] + arguments
        process.standardError = FileHandle(forWritingAtPath: errorsPath)
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Ready once the banner is written (the socket listens before it is printed).
        let deadline = Date().addingTimeInterval(20)
        while !errors.contains("(Ctrl-C stops)") {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw ServeTestError("serve did not start: \(errors)")
            }
            usleep(10_000)
        }
    }

    var errors: String { (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? "" }

    var isRunning: Bool { process.isRunning }

    /// Ctrl-C (or `signal`); returns the exit status (SIGKILL after 10 s if it does not stop).
    @discardableResult
    func stop(signal: Int32 = SIGINT) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Stops it and checks the clean stop: the banner (`before` it: lines said first, as a HAR
    /// file's note), exit 0, the socket file removed.
    func stopAndCheck(exchanges: Int = 4, before: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        let status = stop()
        #expect(status == 0, "serve exited \(status): \(errors)", sourceLocation: sourceLocation)
        #expect(process.terminationReason == .exit, sourceLocation: sourceLocation)
        let banner =
            "sockshell: serving \(exchanges) exchanges from \(recordingPath) on unix://\(socketPath) (Ctrl-C stops)\n"
        #expect(errors.hasPrefix(before + banner), "\(errors)", sourceLocation: sourceLocation)
        #expect(
            access(socketPath, F_OK) != 0, "the socket file is still there after Ctrl-C", sourceLocation: sourceLocation
        )
        unlink(socketPath)
        try? FileManager.default.removeItem(atPath: folder)
    }

    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-serve-\(UUID().uuidString.prefix(8))"
        ).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func freshSocketPath() -> String {
        "/tmp/ss-serve-\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 36)).sock"
    }

    /// A socket file whose server is gone: bound, never listened on, closed.
    static func leaveStaleSocket(at path: String) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ServeTestError("socket: \(errno)") }
        defer { close(descriptor) }
        var address = RawClient.address(path)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw ServeTestError("bind \(path): \(errno)") }
    }
}

/// A blocking unix-socket client whose every wait is bounded, so a broken server fails the test
/// instead of hanging it.
final class RawClient {
    let descriptor: Int32
    private var pending: [UInt8] = []

    init(path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ServeTestError("socket: \(errno)") }
        var address = Self.address(path)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw ServeTestError("connect \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(descriptor) }

    static func address(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        return address
    }

    func send(_ text: String) throws {
        var rest = Array(text.utf8)[...]
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw ServeTestError("send: \(String(cString: strerror(errno)))") }
            rest = rest.dropFirst(written)
        }
    }

    /// Exactly `count` bytes, waiting at most `seconds` in all.
    func read(count: Int, seconds: Double = 10) throws -> [UInt8] {
        let deadline = Date().addingTimeInterval(seconds)
        while pending.count < count {
            guard let more = try receive(until: deadline) else {
                throw ServeTestError(
                    """
                    the connection ended after \(pending.count) of \(count) bytes: \
                    \(String(decoding: pending, as: UTF8.self).debugDescription)
                    """
                )
            }
            if more.isEmpty {
                throw ServeTestError(
                    """
                    \(pending.count) of \(count) bytes after \(seconds) s: \
                    \(String(decoding: pending, as: UTF8.self).debugDescription)
                    """
                )
            }
            pending += more
        }
        defer { pending.removeFirst(count) }
        return Array(pending[..<count])
    }

    /// What arrives within `seconds` (empty when nothing does).
    func readAvailable(seconds: Double) throws -> [UInt8] {
        let more = try receive(until: Date().addingTimeInterval(seconds)) ?? []
        defer { pending = [] }
        return pending + more
    }

    /// Everything until the server closes; throws if it has not closed within `seconds`.
    func readToEnd(seconds: Double = 10) throws -> [UInt8] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            guard let more = try receive(until: deadline) else { break }
            if more.isEmpty { throw ServeTestError("the server did not close the connection within \(seconds) s") }
            pending += more
        }
        defer { pending = [] }
        return pending
    }

    /// Bytes, empty on timeout, nil at end of stream.
    private func receive(until deadline: Date) throws -> [UInt8]? {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
        let ready = poll(&entry, 1, milliseconds)
        if ready == 0 { return [] }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count == 0 { return nil }
        if count < 0 {
            if errno == ECONNRESET { return nil }
            throw ServeTestError("recv: \(String(cString: strerror(errno)))")
        }
        return Array(buffer[..<count])
    }
}

struct ServeTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
