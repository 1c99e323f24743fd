import Foundation
import TestSupport
import Testing

/// `sockshell serve` against clients that trickle, idle, flood or leave: each gets a status or a
/// close and one line in serve's log, and a normal client is answered while the hostile one is at
/// it. Short limits through serve's flags keep every wait here under a few seconds.
@Suite("ServeHostileTests")
struct ServeHostileTests {
    static let request = "GET /containers/json HTTP/1.1\r\nHost: docker\r\n\r\n"
    static var answer: [UInt8] { Array(ServeTests.listAnswer.utf8) }

    /// A normal client: one request on a fresh connection, the recorded answer byte for byte.
    static func expectNormalClientAnswered(_ server: ServeProcess, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let client = try RawClient(path: server.socketPath)
        try client.send(request)
        #expect(try client.read(count: answer.count, seconds: 5) == answer, sourceLocation: sourceLocation)
    }

    static func closesAnswer(status: String, message: String) -> String {
        let body = #"{"message":"\#(message)"}"# + "\n"
        return
            """
            HTTP/1.1 \(status)\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: \
            \(body.utf8.count)\r\n\r\n
            """
                + body
    }

    @Test("a head sent one byte at a time gets 408 at --head-timeout and a close, while others are answered")
    func trickledHeadTimesOut() throws {
        let server = try ServeProcess(recording: ServeTests.recording, arguments: ["--head-timeout", "1"])
        defer { server.stopAndCheck() }
        let slow = try RawClient(path: server.socketPath)

        // One byte every 50 ms, waiting for an answer in between: the answer is the event.
        var sent = 0
        var arrived: [UInt8] = []
        var firstByte: Date?
        for byte in Self.request.utf8 {
            try slow.send(String(decoding: [byte], as: UTF8.self))
            if firstByte == nil { firstByte = Date() }
            sent += 1
            if sent == 3 {
                // Meanwhile a normal client is answered at once.
                try Self.expectNormalClientAnswered(server)
            }
            arrived = try slow.readAvailable(seconds: 0.05)
            if !arrived.isEmpty { break }
        }
        let waited = Date().timeIntervalSince(firstByte ?? Date())
        arrived += try slow.readToEnd(seconds: 5)

        #expect(sent < Self.request.utf8.count, "the whole head went out before any answer")
        #expect(waited >= 0.9 && waited < 4, "the 408 came \(waited) s after the first byte; --head-timeout is 1 s")
        let message =
            """
            the request head was not complete 1 s after its first byte (\(sent) bytes so far; --head-timeout); send \
            the whole head at once
            """
        #expect(
            String(decoding: arrived, as: UTF8.self)
                == Self.closesAnswer(status: "408 Request Timeout", message: message))
        #expect(
            server.errors.contains("sockshell: connection 1: a request could not be read, answered 408: \(message)\n"),
            "\(server.errors)")
    }

    @Test("a connection that sends nothing is closed at --idle-timeout with a log line, while others are answered")
    func idleConnectionClosed() throws {
        let server = try ServeProcess(recording: ServeTests.recording, arguments: ["--idle-timeout", "0.5"])
        defer { server.stopAndCheck() }
        let idle = try RawClient(path: server.socketPath)
        let opened = Date()
        try Self.expectNormalClientAnswered(server)

        #expect(try idle.readToEnd(seconds: 5) == [])
        let waited = Date().timeIntervalSince(opened)
        #expect(waited >= 0.4, "closed after \(waited) s; --idle-timeout is 0.5 s")
        #expect(
            server.errors.contains("sockshell: connection 1: no request within 0.5 s (--idle-timeout); closed\n"),
            "\(server.errors)")
    }

    @Test(
        """
        after an answer, a kept-alive connection that goes quiet is closed at --idle-timeout; one that trickles its \
        next head gets 408
        """
    )
    func keptAliveConnectionsAreBoundedToo() throws {
        let server = try ServeProcess(
            recording: ServeTests.recording, arguments: ["--idle-timeout", "0.5", "--head-timeout", "0.1"])
        defer { server.stopAndCheck() }
        let quiet = try RawClient(path: server.socketPath)
        try quiet.send(Self.request)
        #expect(try quiet.read(count: Self.answer.count, seconds: 5) == Self.answer)
        let trickler = try RawClient(path: server.socketPath)
        try trickler.send(Self.request)
        #expect(try trickler.read(count: Self.answer.count, seconds: 5) == Self.answer)

        // The next head a byte every 5 ms: each comes before the answering thread lets go of the
        // connection (10 ms), so that thread, not the accept loop, has to see the head is late.
        var sent = 0
        var arrived: [UInt8] = []
        for byte in Self.request.utf8 {
            try trickler.send(String(decoding: [byte], as: UTF8.self))
            sent += 1
            arrived = try trickler.readAvailable(seconds: 0.005)
            if !arrived.isEmpty { break }
        }
        arrived += try trickler.readToEnd(seconds: 5)
        #expect(
            String(decoding: arrived, as: UTF8.self).hasPrefix("HTTP/1.1 408 Request Timeout\r\n"),
            "\(String(decoding: arrived, as: UTF8.self))")
        #expect(sent < Self.request.utf8.count, "the whole head went out before any answer")

        #expect(try quiet.readToEnd(seconds: 5) == [])
        #expect(
            server.errors.contains("sockshell: connection 1: no request within 0.5 s (--idle-timeout); closed\n"),
            "\(server.errors)")
        #expect(
            server.errors.contains(
                """
                sockshell: connection 2: a request could not be read, answered 408: the request head was not complete \
                0.1 s after its first byte
                """
            ), "\(server.errors)")
    }

    @Test(
        """
        500 connections that send nothing: past --max-connections the idle longest are closed, and a normal client is \
        answered
        """
    )
    func fiveHundredIdleConnections() throws {
        let cap = 50
        let hostile = 500
        let server = try ServeProcess(recording: ServeTests.recording, arguments: ["--max-connections", "\(cap)"])
        defer { server.stopAndCheck() }
        var idle: [RawClient] = []
        for _ in 0..<hostile { idle.append(try RawClient(path: server.socketPath)) }

        try Self.expectNormalClientAnswered(server)

        // Connection 501 (the normal one) made room too: 1...451 closed, in order, 452...500 open.
        let closed = hostile + 1 - cap
        for client in idle[..<closed] { #expect(try client.readToEnd(seconds: 5) == []) }
        for client in idle[closed...] { #expect(Self.isOpenAndQuiet(client.descriptor)) }
        let lines = server.errors.split(separator: "\n").filter { $0.contains("idle to make room for connection") }
        #expect(lines.count == closed, "\(lines.count) connections closed to make room, expected \(closed)")
        #expect(lines.first?.hasPrefix("sockshell: connection 1: closed after ") == true, "\(lines.first ?? "none")")
        #expect(
            lines.first?.hasSuffix(" s idle to make room for connection \(cap + 1) (--max-connections \(cap))") == true,
            "\(lines.first ?? "none")")
        #expect(
            lines.last?.hasSuffix(" s idle to make room for connection \(hostile + 1) (--max-connections \(cap))")
                == true, "\(lines.last ?? "none")")
    }

    @Test("making room closes a connection that never asked anything before a client between two requests")
    func makingRoomSparesAnsweredClients() throws {
        let server = try ServeProcess(recording: ServeTests.recording, arguments: ["--max-connections", "2"])
        defer { server.stopAndCheck() }
        let regular = try RawClient(path: server.socketPath)
        try regular.send(Self.request)
        #expect(try regular.read(count: Self.answer.count, seconds: 5) == Self.answer)
        let silent = try RawClient(path: server.socketPath)

        // Connection 3 needs room: the silent one goes, though the regular one has been idle longer.
        try Self.expectNormalClientAnswered(server)
        #expect(try silent.readToEnd(seconds: 5) == [])
        try regular.send(Self.request)
        #expect(try regular.read(count: Self.answer.count, seconds: 5) == Self.answer)
        let lines = server.errors.split(separator: "\n").filter { $0.contains("idle to make room") }
        #expect(lines.count == 1 && lines[0].hasPrefix("sockshell: connection 2: closed after "), "\(lines)")
    }

    @Test(
        "when every connection is busy with a request, a new one waits to be accepted until one ends, with a log line")
    func busyConnectionsMakeNewcomersWait() throws {
        let server = try ServeProcess(recording: ServeTests.recording, arguments: ["--max-connections", "2"])
        defer { server.stopAndCheck() }
        let first = try RawClient(path: server.socketPath)
        let second = try RawClient(path: server.socketPath)
        let half = Self.request.utf8.count / 2
        try first.send(String(Self.request.prefix(half)))
        try second.send(String(Self.request.prefix(half)))
        try server.waitForLog(count: 1, seconds: 10) {
            $0
                == """
                sockshell: all 2 connections are busy (--max-connections): new connections wait to be accepted \
                until one ends
                """
        }

        // Connected (the listen queue holds it) and asking, but not accepted yet.
        let newcomer = try RawClient(path: server.socketPath)
        try newcomer.send(Self.request)
        #expect(Self.isOpenAndQuiet(newcomer.descriptor))

        // The busy ones are answered as usual; once one ends, the newcomer is accepted and answered.
        try first.send(String(Self.request.dropFirst(half)))
        #expect(try first.read(count: Self.answer.count, seconds: 5) == Self.answer)
        shutdown(first.descriptor, Int32(SHUT_RDWR))
        #expect(try newcomer.read(count: Self.answer.count, seconds: 5) == Self.answer)
        try second.send(String(Self.request.dropFirst(half)))
        #expect(try second.read(count: Self.answer.count, seconds: 5) == Self.answer)
    }

    @Test("clients stalled in the middle of their bodies hold no answering thread: others are answered at once")
    func stalledBodiesDoNotHoldUpOthers() throws {
        // More stalled clients than serve answers at once on any machine here (two per core, at least 4).
        let stalledCount = 2 * ProcessInfo.processInfo.activeProcessorCount + 8
        let server = try ServeProcess(recording: ServeTests.recording, arguments: ["--head-timeout", "20"])
        defer { server.stopAndCheck() }
        var stalled: [RawClient] = []
        for _ in 0..<stalledCount {
            let client = try RawClient(path: server.socketPath)
            try client.send("POST /containers/create HTTP/1.1\r\nHost: docker\r\nContent-Length: 19\r\n\r\n{\"Image\"")
            stalled.append(client)
        }
        // Their heads are read before the normal client's connection is accepted (serve accepts one
        // per turn, after reading the waiting ones), so its request comes after theirs.
        try Self.expectNormalClientAnswered(server)
        // And each stalled one is answered once its body is complete.
        for client in stalled {
            try client.send(":\"busybox\"}")
            #expect(
                try client.read(count: ServeTests.createdAnswer.utf8.count, seconds: 5)
                    == Array(ServeTests.createdAnswer.utf8))
        }
    }

    @Test("a body that stops arriving gets 408 after --head-timeout, with a log line")
    func stalledBodyTimesOut() throws {
        let server = try ServeProcess(recording: ServeTests.recording, arguments: ["--head-timeout", "0.3"])
        defer { server.stopAndCheck() }
        let client = try RawClient(path: server.socketPath)
        try client.send("POST /containers/create HTTP/1.1\r\nHost: docker\r\nContent-Length: 19\r\n\r\n{\"Image\"")
        try Self.expectNormalClientAnswered(server)
        let message = "the request body stopped arriving for 0.3 s (--head-timeout)"
        #expect(
            String(decoding: try client.readToEnd(seconds: 5), as: UTF8.self)
                == Self.closesAnswer(status: "408 Request Timeout", message: message))
        #expect(
            server.errors.contains("sockshell: connection 1: a request could not be read, answered 408: \(message)\n"),
            "\(server.errors)")
    }

    @Test(
        """
        a 10 MiB header line gets 431 once 1 MiB has arrived, without serve reading the rest, while others are answered
        """
    )
    func hugeHeaderLine() throws {
        let server = try ServeProcess(recording: ServeTests.recording)
        defer { server.stopAndCheck() }
        let flood = try RawClient(path: server.socketPath)
        let total = 10 * 1024 * 1024
        let line =
            Array("GET /containers/json HTTP/1.1\r\nHost: docker\r\nX-Big: ".utf8)
            + [UInt8](repeating: 0x61, count: total)

        // Send without blocking and read whenever an answer is there: stop at the answer.
        var sent = 0
        var arrived: [UInt8] = []
        var askedMeanwhile = false
        let deadline = Date().addingTimeInterval(20)
        while arrived.isEmpty, Date() < deadline {
            var entry = pollfd(fd: flood.descriptor, events: Int16(POLLIN | POLLOUT), revents: 0)
            _ = poll(&entry, 1, 1000)
            if entry.revents & Int16(POLLIN) != 0 {
                arrived = try flood.readAvailable(seconds: 0)
                break
            }
            if entry.revents & Int16(POLLOUT) != 0, sent < line.count {
                let written = line[sent...].withUnsafeBytes {
                    send(flood.descriptor, $0.baseAddress, min($0.count, 65536), Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
                }
                if written > 0 { sent += written }
            }
            if !askedMeanwhile, sent >= 512 * 1024 {
                askedMeanwhile = true
                try Self.expectNormalClientAnswered(server)
            }
        }
        arrived += try flood.readToEnd(seconds: 5)

        #expect(askedMeanwhile)
        #expect(sent < 2 * 1024 * 1024, "\(sent) bytes went out before the 431: serve read far past its 1 MiB limit")
        let message = "the request head is larger than the limit of 1048576 bytes (1 MiB, as dockerd allows)"
        #expect(
            String(decoding: arrived, as: UTF8.self)
                == Self.closesAnswer(status: "431 Request Header Fields Too Large", message: message))
        #expect(
            server.errors.contains("sockshell: connection 1: a request could not be read, answered 431: \(message)\n"),
            "\(server.errors)")
    }

    @Test(
        "clients that send pipelined requests and close without reading: one log line each, and serve goes on answering"
    )
    func pipelinedThenGone() throws {
        let server = try ServeProcess(recording: ServeTests.recording)
        defer { server.stopAndCheck() }
        let leavers = 20
        var leaverNumbers: [Int] = []
        var number = 0
        for round in 0..<leavers {
            let descriptor = try Self.connect(server.socketPath)
            number += 1
            leaverNumbers.append(number)
            let burst = Array(String(repeating: Self.request, count: 3).utf8)
            let written = burst.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            #expect(written == burst.count)
            close(descriptor)
            if round % 5 == 4 {
                try Self.expectNormalClientAnswered(server)
                number += 1
            }
        }

        // One line per leaver: its answer met EPIPE, or its reset met the next read.
        try server.waitForLog(count: leavers, seconds: 10) { Self.isGoneLine($0) }
        let lines = server.errors.split(separator: "\n").filter { Self.isGoneLine($0) }
        let numbers = lines.compactMap { Int($0.dropFirst("sockshell: connection ".count).prefix { $0 != ":" }) }
        #expect(numbers.sorted() == leaverNumbers, "\(lines)")
        #expect(server.isRunning)
        try Self.expectNormalClientAnswered(server)
    }

    @Test(
        """
        a client that sends requests and never reads the answers is closed after --idle-timeout, while others are \
        answered
        """
    )
    func clientThatStopsReading() throws {
        let server = try ServeProcess(recording: ServeTests.recording, arguments: ["--idle-timeout", "0.5"])
        defer { server.stopAndCheck() }
        let stalled = try Self.connect(server.socketPath)
        defer { close(stalled) }
        // Pipelined requests until the socket takes no more: each answer is five times its
        // request, so serve's answers fill the buffer towards this client long before that.
        let burst = Array(String(repeating: Self.request, count: 100).utf8)
        var sent = 0
        while sent < 64 * 1024 * 1024 {
            let written = burst.withUnsafeBytes {
                send(stalled, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            }
            if written <= 0 { break }
            sent += written
        }
        try Self.expectNormalClientAnswered(server)

        let line =
            """
            sockshell: connection 1: the client stopped reading: the answer to GET /containers/json could not be \
            written for 0.5 s (--idle-timeout); closed
            """
        try server.waitForLog(count: 1, seconds: 10) { $0 == line }
        #expect(server.isRunning)
        try Self.expectNormalClientAnswered(server)
    }

    @Test("bad limit flags are refused with a sentence, exit 2")
    func badLimitFlags() throws {
        let socketPath = ServeProcess.freshSocketPath()
        for (flags, sentence) in [
            (
                ["--head-timeout", "0"],
                "--head-timeout wants seconds above 0 and at most 86400 (a day), e.g. --head-timeout 10; got 0"
            ),
            (
                ["--idle-timeout=-1"],
                "--idle-timeout wants seconds above 0 and at most 86400 (a day), e.g. --idle-timeout 10; got -1"
            ),
            (
                ["--max-connections", "0"],
                "--max-connections wants at least 1 connection, e.g. --max-connections 256; got 0"
            ),
        ] {
            let result = try SockshellProcess.run(
                ["serve", "/nonexistent.sks", "--unix-socket", socketPath] + flags, timeout: 20)
            #expect(result.status == 2, "\(flags): \(result.stderr)")
            #expect(result.stderr.contains(sentence), "\(result.stderr)")
        }
    }

    // MARK: helpers

    static func isGoneLine(_ line: Substring) -> Bool {
        line.hasPrefix("sockshell: connection ")
            && (line.contains(": the client went away before the answer to GET /containers/json was written (")
                || line.contains(": reading the next request failed: Connection reset by peer; closed"))
    }

    /// Nothing to read and not closed, without waiting.
    static func isOpenAndQuiet(_ descriptor: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) == 0
    }

    static func connect(_ path: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ServeTestError("socket: \(errno)") }
        var address = RawClient.address(path)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw ServeTestError("connect \(path): \(String(cString: strerror(errno)))")
        }
        return descriptor
    }
}

extension ServeProcess {
    /// Waits until serve's log holds `count` lines that `matches` accepts (it writes each line
    /// whole), at most `seconds`.
    func waitForLog(count: Int, seconds: Double, matching matches: (Substring) -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while errors.split(separator: "\n").filter(matches).count < count {
            guard Date() < deadline else {
                throw ServeTestError("fewer than \(count) such lines in serve's log after \(seconds) s: \(errors)")
            }
            usleep(10_000)
        }
    }
}
