import Foundation
import TestSupport
import Testing

/// The real binary against servers that misbehave on purpose (`FaultServer`): broken heads,
/// hostile sizes, early closes, slow and endless streams, silent servers, keep-alive races.
/// Each test checks the exit status, the one-sentence diagnostic and the wire view.
@Suite("FaultTests")
struct FaultTests {
    // MARK: Malformed and hostile heads

    @Test(
        "a malformed status line fails with the offending bytes quoted",
        arguments: [
            ("HTCPCP/1.0 418 I'm a teapot\r\nContent-Length: 0\r\n\r\n", #""HTCPCP/1.0 418"#),
            ("hello\r\n\r\n", #""hello\r\n"#),
        ])
    func malformedStatusLine(response: String, quoted: String) throws {
        // The server keeps the connection open: the client must judge the bytes, not wait for EOF.
        let server = try FaultServer { connection in
            guard connection.readRequestHead() != nil else { return }
            connection.write(response)
            connection.drainUntilClosed(timeout: 10)
        }
        defer { server.stop() }

        let (result, seconds) = try run(server, ["GET /x"], timeoutFlag: 5)

        #expect(result.status == 1)
        #expect(seconds < 4, "the client waited instead of rejecting the head at once")
        let message = try oneSentence(result.stderr)
        #expect(message.contains("the response is malformed"))
        #expect(message.contains("malformed status line"))
        #expect(message.contains("offending bytes: \(quoted)"), "got: \(message)")
        #expect(summary(result.stdout)?.hasSuffix("· malformed response") == true, "stdout: \(clip(result.stdout))")
    }

    @Test("a header line far over 64 KiB is refused without waiting for the server to finish it")
    func headerLineTooLong() throws {
        // The line never ends: 100 KiB and then more, as long as the client reads.
        let server = try FaultServer { connection in
            guard connection.readRequestHead() != nil else { return }
            connection.write("HTTP/1.1 200 OK\r\nX-Huge: ")
            let block = [UInt8](repeating: UInt8(ascii: "a"), count: 4096)
            while connection.write(block, timeout: 10) {}
        }
        defer { server.stop() }

        let (result, seconds) = try run(server, ["GET /x"], timeoutFlag: 5)

        #expect(result.status == 1)
        #expect(seconds < 4)
        let message = try oneSentence(result.stderr)
        #expect(message.contains("the response is malformed"))
        #expect(message.contains("longer than the limit of 65536 bytes"), "got: \(message)")
        #expect(message.contains(#"offending bytes: "X-Huge: aaaa"#), "got: \(message)")
        #expect(server.waitUntil(timeout: 3) { $0.peerClosedCount == 1 }, "the client did not close the connection")
    }

    @Test("more than 256 header fields are refused without waiting for the server to finish")
    func tooManyHeaders() throws {
        // 300 fields and then more, forever.
        let server = try FaultServer { connection in
            guard connection.readRequestHead() != nil else { return }
            connection.write("HTTP/1.1 200 OK\r\n")
            var number = 0
            while connection.isOpen {
                var lines = ""
                for _ in 0..<50 {
                    number += 1
                    lines += "X-Field-\(number): value \(number)\r\n"
                }
                guard connection.write(lines, timeout: 10) else { break }
                if number >= 300 { connection.sleep(5) }
            }
        }
        defer { server.stop() }

        let (result, seconds) = try run(server, ["GET /x"], timeoutFlag: 5)

        #expect(result.status == 1)
        #expect(seconds < 4)
        let message = try oneSentence(result.stderr)
        #expect(message.contains("the response is malformed"))
        #expect(message.contains("more than 256 header fields"), "got: \(message)")
        #expect(message.contains(#"offending bytes: "X-Field-257: value 257\r\n""#), "got: \(message)")
        #expect(server.waitUntil(timeout: 3) { $0.peerClosedCount == 1 }, "the client did not close the connection")
    }

    @Test("a bare LF is refused with its rule and byte, every byte still shown; --lenient accepts it and says so")
    func bareLineFeed() throws {
        let response = Array("HTTP/1.1 200 OK\nContent-Length: 2\n\nhi".utf8)
        let server = try FaultServer(respondingWith: response)
        defer { server.stop() }

        let (strict, _) = try run(server, ["GET /x"])
        #expect(strict.status == 1)
        let message = try oneSentence(strict.stderr)
        #expect(
            message.contains(
                "not HTTP/1.1: bare LF at byte 15 (RFC 9112 §2.2 requires CRLF); run with --lenient to accept it"),
            "got: \(message)")
        #expect(strict.stdout.contains("HTTP/1.1 200 OK"), "the bytes that arrived are shown: \(clip(strict.stdout))")

        let (lenient, _) = try run(server, ["GET /x"], extra: ["--lenient"])
        #expect(lenient.status == 0, "stderr: \(lenient.stderr)")
        #expect(
            infoLines(lenient.stdout).contains("* lenient: bare LF at bytes 15, 33, 34"),
            "stdout: \(clip(lenient.stdout))")
    }

    @Test("a session recorded with --lenient replays only with --lenient: strict, the live bare LF is refused")
    func lenientReplay() throws {
        let server = try FaultServer(respondingWith: Array("HTTP/1.1 200 OK\nContent-Length: 2\n\nhi".utf8))
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-lenient-\(UUID().uuidString.prefix(8))"
        ).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let recording = folder + "/lenient.sks"

        let (recorded, _) = try run(server, ["GET /x"], extra: ["--lenient", "--record", recording])
        #expect(recorded.status == 0, "stderr: \(recorded.stderr)")
        let strict = try SockshellProcess.run(["replay", "-H", server.host, "--timeout", "3", recording], timeout: 15)
        #expect(strict.status == 1, "stdout: \(clip(strict.stdout)) stderr: \(strict.stderr)")
        #expect(
            (strict.stdout + strict.stderr).contains("bare LF at byte 15"),
            "stdout: \(clip(strict.stdout)) stderr: \(strict.stderr)")
        let lenient = try SockshellProcess.run(
            ["replay", "-H", server.host, "--timeout", "3", "--lenient", recording], timeout: 15)
        #expect(lenient.status == 0, "stdout: \(clip(lenient.stdout)) stderr: \(lenient.stderr)")
    }

    @Test("Transfer-Encoding and Content-Length together are refused as conflicting framing")
    func conflictingFraming() throws {
        let server = try FaultServer(
            respondingWith: Array(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n5\r\nhello\r\n0\r\n\r\n".utf8
            ))
        defer { server.stop() }

        let (result, _) = try run(server, ["GET /x"])

        #expect(result.status == 1)
        let message = try oneSentence(result.stderr)
        #expect(message.contains("the response is malformed"))
        #expect(
            message.contains("not HTTP/1.1: Transfer-Encoding with Content-Length at byte 17 (RFC 9112 §6.1"),
            "got: \(message)")
        #expect(message.contains(#"offending bytes: "Transfer-Encoding: chunked\r\n""#), "got: \(message)")
        // No body byte was accepted under either framing.
        #expect(
            summary(result.stdout).map {
                $0.hasPrefix(
                    """
                    * #1 no response · 0 B ·
                    """) && $0.hasSuffix("· malformed response")
            }
                == true,
            "stdout: \(clip(result.stdout))")
    }

    // MARK: Early closes

    @Test("a close in the middle of a Content-Length body shows the bytes that came and says how many")
    func closeMidBody() throws {
        let server = try FaultServer { connection in
            guard connection.readRequestHead() != nil else { return }
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
            connection.sleep(50)
            connection.close()
        }
        defer { server.stop() }

        let (result, _) = try run(server, ["GET /x"])

        #expect(result.status == 1)
        let message = try oneSentence(result.stderr)
        #expect(message.contains("closed the connection after 10 of 100 body bytes"), "got: \(message)")
        #expect(responseLines(result.stdout).last == "< 0123456789", "stdout: \(clip(result.stdout))")
        #expect(
            summary(result.stdout).map {
                $0.hasPrefix(
                    """
                    * #1 200 OK · 10 B ·
                    """) && $0.hasSuffix("· closed early")
            } == true,
            "stdout: \(clip(result.stdout))")
    }

    @Test("a close in the middle of the head shows the bytes that came, as the diagnostic says")
    func closeMidHead() throws {
        let server = try FaultServer { connection in
            guard connection.readRequestHead() != nil else { return }
            connection.write("HTTP/1.1 200 OK\r\nContent-Le")
            connection.sleep(50)
            connection.close()
        }
        defer { server.stop() }

        let (result, _) = try run(server, ["GET /x"])

        #expect(result.status == 1)
        let message = try oneSentence(result.stderr)
        #expect(
            message.contains("closed the connection after 27 bytes, before the response head was complete"),
            "got: \(message)")
        #expect(message.contains("what arrived is shown above"))
        // The sentence points above: the 27 bytes must be there.
        #expect(
            responseLines(result.stdout) == ["< HTTP/1.1 200 OK␍␊", "< Content-Le"],
            """
            stdout: \(clip(result.stdout))
            """)
        #expect(summary(result.stdout)?.hasSuffix("· closed early") == true, "stdout: \(clip(result.stdout))")
    }

    @Test("a close before any response byte says the server closed without answering")
    func closeBeforeResponse() throws {
        let server = try FaultServer { connection in
            guard connection.readRequestHead() != nil else { return }
            connection.close()
        }
        defer { server.stop() }

        let (result, _) = try run(server, ["GET /x"])

        #expect(result.status == 1)
        let message = try oneSentence(result.stderr)
        #expect(message.contains("the server closed the connection without answering"), "got: \(message)")
        #expect(responseLines(result.stdout).isEmpty)
        #expect(result.stdout.contains("> GET /x HTTP/1.1␍␊"))
        // A fresh connection is not retried: there was no stale keep-alive to blame.
        #expect(server.acceptedCount == 1)
    }

    // MARK: Timing

    @Test("a response written one byte at a time looks exactly like the same response in one write")
    func oneByteAtATime() throws {
        let response = Array(
            ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "1a\r\nabcdefghijklmnopqrstuvwxyz\r\n5;name=x\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\n").utf8)
        let trickle = try FaultServer { connection in
            guard connection.readRequestHead() != nil else { return }
            for byte in response {
                guard connection.write([byte]), connection.sleep(1) else { return }
            }
            connection.drainUntilClosed()
        }
        defer { trickle.stop() }
        let burst = try FaultServer(respondingWith: response)
        defer { burst.stop() }

        let (slow, _) = try run(trickle, ["GET /x"])
        let (fast, _) = try run(burst, ["GET /x"])

        #expect(slow.status == 0, "stderr: \(slow.stderr)")
        #expect(fast.status == 0, "stderr: \(fast.stderr)")
        #expect(slow.stderr.isEmpty)
        let expected = [
            "< HTTP/1.1 200 OK␍␊",
            "< Content-Type: text/plain␍␊",
            "< Transfer-Encoding: chunked␍␊",
            "< ␍␊",
            "< 1a␍␊  (chunk 26 B)",
            "< abcdefghijklmnopqrstuvwxyz␍␊",
            "< 5;name=x␍␊  (chunk 5 B)",
            "< hello␍␊",
            "< 0␍␊  (last chunk)",
            "< X-Trailer: t␍␊",
            "< ␍␊",
        ]
        #expect(responseLines(fast.stdout) == expected, "stdout: \(clip(fast.stdout))")
        #expect(responseLines(slow.stdout) == responseLines(fast.stdout), "stdout: \(clip(slow.stdout))")
        #expect(summary(slow.stdout)?.hasPrefix("* #1 200 OK · 31 B ·") == true, "stdout: \(clip(slow.stdout))")
        #expect(summary(fast.stdout)?.hasPrefix("* #1 200 OK · 31 B ·") == true, "stdout: \(clip(fast.stdout))")
    }

    @Test("an endless chunked stream runs until Ctrl-C, which ends it and closes the connection")
    func endlessStreamInterrupted() throws {
        let server = try FaultServer { connection in
            guard connection.readRequestHead() != nil else { return }
            guard connection.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n") else { return }
            var number = 0
            while connection.isOpen {
                number += 1
                let data = "tick \(number)\n"
                guard connection.write(String(data.utf8.count, radix: 16) + "\r\n" + data + "\r\n") else { return }
                connection.sleep(50)
            }
        }
        defer { server.stop() }

        // --timeout 0.5, shorter than the run: a stream has no total timeout, only Ctrl-C ends it.
        let (result, seconds) = try run(server, ["GET /events"], timeoutFlag: 0.5, interruptAfter: 1.0)

        #expect(result.status == 1)
        #expect(!result.signaled)
        #expect(seconds < 5, "Ctrl-C did not end the stream promptly")
        let chunkLines = responseLines(result.stdout).filter { $0.contains("  (chunk ") }
        #expect(chunkLines.count >= 5, "stdout: \(clip(result.stdout))")
        #expect(result.stdout.contains("< tick 3␊"))
        let line = summary(result.stdout)
        #expect(line?.hasPrefix("* #1 200 OK ·") == true, "stdout: \(clip(result.stdout))")
        #expect(line?.hasSuffix("· interrupted") == true, "stdout: \(clip(result.stdout))")
        #expect(server.waitUntil(timeout: 3) { $0.peerClosedCount == 1 }, "the server did not see the connection close")
    }

    @Test("a server that accepts and never answers times out with --timeout")
    func neverAnswers() throws {
        let server = try FaultServer { connection in
            guard connection.readRequestHead() != nil else { return }
            connection.sleep(20_000)
        }
        defer { server.stop() }

        let (result, seconds) = try run(server, ["GET /x"], timeoutFlag: 1)

        #expect(result.status == 1)
        #expect(seconds >= 0.9, "gave up before the timeout")
        #expect(seconds < 5, "did not give up after the timeout")
        let message = try oneSentence(result.stderr)
        #expect(message.contains("no answer within 1 s"), "got: \(message)")
        #expect(message.contains("raise --timeout"))
        #expect(server.requestHeads.count == 1)
    }

    // MARK: Upgrade

    @Test("after 101 Switching Protocols the raw bytes are shown after a framing-ends line")
    func switchingProtocols() throws {
        let server = try FaultServer { connection in
            guard connection.readRequestHead() != nil else { return }
            connection.write("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n")
            connection.sleep(30)
            connection.write([0x01, 0x00, 0x00, 0x00] + Array("raw stream bytes\n".utf8))
            connection.sleep(30)
            connection.close()
        }
        defer { server.stop() }

        let (result, _) = try run(
            server,
            [
                "header Connection: Upgrade", "header Upgrade: tcp", "POST /containers/abc/attach?stream=1",
            ])

        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let marker = try #require(
            lines.firstIndex { $0.hasPrefix("* 101: HTTP framing ends") }, "stdout: \(clip(result.stdout))")
        #expect(lines[..<marker].contains("< HTTP/1.1 101 UPGRADED␍␊"))
        #expect(
            lines[marker...].contains(
                """
                < ⟨01⟩⟨00⟩⟨00⟩⟨00⟩raw stream bytes␊
                """), "stdout: \(clip(result.stdout))")
        #expect(!lines[..<marker].contains { $0.contains("raw stream bytes") })
        #expect(
            summary(result.stdout)?.hasPrefix("* #1 101 UPGRADED · 21 B ·") == true,
            """
            stdout: \(clip(result.stdout))
            """)
    }

    // MARK: Keep-alive staleness

    @Test("a kept-alive connection the server closed while idle is replaced by a new one")
    func staleIdleConnection() throws {
        let server = try FaultServer { connection in
            guard connection.readRequestHead() != nil else { return }
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            connection.close()
        }
        defer { server.stop() }

        let (result, _) = try run(server, ["GET /a", "GET /b"])

        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        let info = infoLines(result.stdout)
        let path = server.path
        // Normally the close is seen while idle. When the client reuses the connection before
        // the server's close lands (a busy machine), it sees it on the resend path instead, with
        // one more line: conn 1 (reused) before the remark. Either way: conn 1, a remark, conn 2.
        let resent = info.count == 6
        #expect(info.count == 5 || resent, "stdout: \(clip(result.stdout))")
        if info.count == 5 || resent {
            #expect(info[0] == "* conn 1 unix:\(path) (new)")
            #expect(info[1].hasPrefix("* #1 200 OK · 2 B ·"))
            if resent { #expect(info[2] == "* conn 1 unix:\(path) (reused)") }
            let rest = info.dropFirst(resent ? 3 : 2)
            #expect(rest.first?.hasPrefix("* conn 1 was closed by the server") == true, "got: \(info)")
            #expect(rest.dropFirst().first == "* conn 2 unix:\(path) (new)")
            #expect(rest.last?.hasPrefix("* #2 200 OK · 2 B ·") == true)
        }
        #expect(server.acceptedCount == 2)
        #expect(server.requestHeads.map(requestLine) == ["GET /a HTTP/1.1", "GET /b HTTP/1.1"])
    }

    @Test("a GET whose kept-alive connection closes before the answer is resent on a new connection")
    func staleConnectionResendsGet() throws {
        let server = try FaultServer(closingSecondRequestOnFirstConnection: true)
        defer { server.stop() }

        let (result, _) = try run(server, ["GET /a", "GET /b"])

        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        let info = infoLines(result.stdout)
        let path = server.path
        #expect(info.count == 6, "stdout: \(clip(result.stdout))")
        if info.count == 6 {
            #expect(info[0] == "* conn 1 unix:\(path) (new)")
            #expect(info[1].hasPrefix("* #1 200 OK · 2 B ·"))
            #expect(info[2] == "* conn 1 unix:\(path) (reused)")
            #expect(
                info[3]
                    == """
                    * conn 1 was closed by the server before it answered; sending the request again on a new \
                    connection
                    """
            )
            #expect(info[4] == "* conn 2 unix:\(path) (new)")
            #expect(info[5].hasPrefix("* #2 200 OK · 2 B ·"))
        }
        #expect(responseLines(result.stdout).filter { $0 == "< ok" }.count == 2)
        #expect(server.acceptedCount == 2)
        #expect(server.requestHeads.map(requestLine) == ["GET /a HTTP/1.1", "GET /b HTTP/1.1", "GET /b HTTP/1.1"])
    }

    @Test("a POST whose kept-alive connection closes before the answer is not resent")
    func staleConnectionDoesNotResendPost() throws {
        let server = try FaultServer(closingSecondRequestOnFirstConnection: true)
        defer { server.stop() }

        let (result, _) = try run(server, ["GET /a", "POST /b {\"k\":1}"])

        #expect(result.status == 1)
        let message = try oneSentence(result.stderr)
        #expect(message.contains("closed by the server before it answered"), "got: \(message)")
        #expect(message.contains("POST is not idempotent, so sockshell did not send it again"), "got: \(message)")
        #expect(!result.stdout.contains("conn 2"), "stdout: \(clip(result.stdout))")
        #expect(result.stdout.contains("* conn 1 unix:\(server.path) (reused)"))
        // Give a wrong resend time to arrive before counting.
        Thread.sleep(forTimeInterval: 0.2)
        #expect(server.acceptedCount == 1)
        #expect(server.requestHeads.map(requestLine) == ["GET /a HTTP/1.1", "POST /b HTTP/1.1"])
    }

    // MARK: Rendering

    @Test("--ascii writes \\r and \\n instead of the symbols")
    func asciiLineEnds() throws {
        let server = try FaultServer(respondingWith: Array("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nhi\n".utf8))
        defer { server.stop() }

        let (result, _) = try run(server, ["GET /x"], extra: ["--ascii"])

        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("> GET /x HTTP/1.1\\r\\n\n"), "stdout: \(clip(result.stdout))")
        #expect(
            responseLines(result.stdout) == [
                "< HTTP/1.1 200 OK\\r\\n", "< Content-Length: 3\\r\\n", "< \\r\\n", "< hi\\n",
            ], "stdout: \(clip(result.stdout))")
        #expect(!result.stdout.contains("␍") && !result.stdout.contains("␊"))
    }

    @Test(
        "non-printable and invalid UTF-8 bytes show as hex, valid UTF-8 as text",
        arguments: [
            (false, "< café 日本 ⟨1b⟩[0m ⟨ff⟩ ⟨c3⟩( ⟨00⟩⟨7f⟩ tab\tend␊"),
            (true, "< café 日本 \\x1b[0m \\xff \\xc3( \\x00\\x7f tab\tend\\n"),
        ])
    func bodyBytesAsTextOrHex(ascii: Bool, expectedLine: String) throws {
        let body: [UInt8] =
            Array("café 日本 ".utf8) + [0x1B] + Array("[0m ".utf8) + [0xFF, 0x20, 0xC3, 0x28, 0x20, 0x00, 0x7F]
            + Array(" tab\tend\n".utf8)
        let server = try FaultServer(
            respondingWith: Array("HTTP/1.1 200 OK\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
        defer { server.stop() }

        let (result, _) = try run(server, ["GET /x"], extra: ascii ? ["--ascii"] : [])

        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(responseLines(result.stdout).last == expectedLine, "stdout: \(clip(result.stdout))")
        #expect(summary(result.stdout)?.hasPrefix("* #1 200 OK · \(body.count) B ·") == true)
    }

    @Test("a UTF-8 character split across reads still shows as text")
    func utf8SplitAcrossReads() throws {
        let server = try FaultServer { connection in
            guard connection.readRequestHead() != nil else { return }
            // "ab" é (C3 A9) 日 (E6 97 A5) "\n", cut inside both characters.
            connection.write(Array("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nab".utf8) + [0xC3])
            connection.sleep(100)
            connection.write([0xA9] + Array("日".utf8).prefix(1))
            connection.sleep(100)
            connection.write(Array(Array("日".utf8).dropFirst()) + [UInt8(ascii: "\n")])
            connection.drainUntilClosed()
        }
        defer { server.stop() }

        let (result, _) = try run(server, ["GET /x"])

        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(responseLines(result.stdout).last == "< abé日␊", "stdout: \(clip(result.stdout))")
    }

    // MARK: raw

    @Test("raw sends exactly the typed bytes and nothing else")
    func rawSendsExactBytes() throws {
        let server = try FaultServer { connection in
            guard connection.readRequestHead() != nil else { return }
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            connection.drainUntilClosed()
        }
        defer { server.stop() }

        let (result, _) = try run(server, [#"raw GET /x HTTP/1.1\r\nX-A: b\r\n\r\n"#])

        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(server.waitForScenarios())
        #expect(
            server.received(onConnection: 0) == Array("GET /x HTTP/1.1\r\nX-A: b\r\n\r\n".utf8),
            "received: \(TextQuote.quote(server.received(onConnection: 0)))")
        let sent = result.stdout.split(separator: "\n").filter { $0.hasPrefix("> ") }.map(String.init)
        #expect(sent == ["> GET /x HTTP/1.1␍␊", "> X-A: b␍␊", "> ␍␊"], "stdout: \(clip(result.stdout))")
    }

    // MARK: Helpers

    /// Runs sockshell against `server` with each command as a `-c`, and measures how long it took.
    private func run(
        _ server: FaultServer, _ commands: [String], extra: [String] = [], timeoutFlag: Double = 3,
        interruptAfter: Double? = nil
    ) throws -> (SockshellProcess.Result, Double) {
        var arguments = ["-H", server.host, "--timeout", "\(timeoutFlag)"] + extra
        for command in commands { arguments += ["-c", command] }
        let started = Date()
        let finalArguments = arguments
        let result = try SockshellProcess.run(finalArguments, timeout: 15, interruptAfter: interruptAfter)
        let seconds = Date().timeIntervalSince(started)
        #expect(!result.signaled, "sockshell had to be killed after 15 s; stdout: \(clip(result.stdout))")
        return (result, seconds)
    }

    private func clip(_ text: String) -> String {
        text.count <= 3000 ? text : "…" + String(text.suffix(3000))
    }

    /// The diagnostic: exactly one line, `sockshell: ` and one sentence; returns the sentence.
    private func oneSentence(_ stderr: String) throws -> String {
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "stderr is not one line: \(stderr)")
        let first = try #require(lines.first.map(String.init))
        #expect(first.hasPrefix("sockshell: "), "stderr: \(stderr)")
        return String(first.dropFirst("sockshell: ".count))
    }

    private func responseLines(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").filter { $0.hasPrefix("< ") }.map(String.init)
    }

    private func infoLines(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").filter { $0.hasPrefix("* ") }.map(String.init)
    }

    /// The last `* ` line that is a summary (`* #N` and a status or "no response").
    private func summary(_ stdout: String) -> String? {
        infoLines(stdout).last { line in
            line.hasPrefix("* #") && line.dropFirst(3).first?.isNumber == true
        }
    }

    private func requestLine(_ head: [UInt8]) -> String {
        String(decoding: head.prefix { $0 != 0x0D }, as: UTF8.self)
    }
}

private enum TextQuote {
    static func quote(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            switch byte {
            case 0x0D: return "\\r"
            case 0x0A: return "\\n"
            case 0x20..<0x7F: return String(UnicodeScalar(byte))
            default: return String(format: "\\x%02x", byte)
            }
        }.joined()
    }
}

extension FaultServer {
    /// Answers each request on a connection with `response`, until the client closes it.
    convenience init(respondingWith response: [UInt8]) throws {
        try self.init { connection in
            while connection.readRequest() != nil {
                guard connection.write(response) else { return }
            }
        }
    }

    /// The first connection answers one request with a kept-alive `ok`, then reads the second
    /// request and closes without answering; later connections answer every request with `ok`.
    convenience init(closingSecondRequestOnFirstConnection: Bool) throws {
        try self.init { connection in
            let ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
            if connection.index == 0 {
                guard connection.readRequest() != nil, connection.write(ok) else { return }
                _ = connection.readRequest()
                connection.close()
                return
            }
            while connection.readRequest() != nil {
                guard connection.write(ok) else { return }
            }
        }
    }
}
