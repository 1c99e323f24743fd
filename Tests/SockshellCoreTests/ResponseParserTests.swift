import SockshellCore
import Testing

/// Responses shaped like dockerd's (Go sorts headers, adds Date, ends JSON with \n).
private enum Docker {
    static let containerID = String(repeating: "f5dd99791a38", count: 6).prefix(64)
    static let createBody = "{\"Id\":\"\(containerID)\",\"Warnings\":[]}\n"
    static let created = responseBytes(
        "HTTP/1.1 201 Created\r\n"
            + "Api-Version: 1.41\r\n"
            + "Content-Type: application/json\r\n"
            + "Docker-Experimental: false\r\n"
            + "Ostype: linux\r\n"
            + "Server: Docker/20.10.24+dfsg1 (linux)\r\n"
            + "Date: Mon, 30 Nov 2026 01:33:33 GMT\r\n"
            + "Content-Length: 88\r\n"
            + "\r\n" + createBody)
    static let started = responseBytes(
        "HTTP/1.1 204 No Content\r\nApi-Version: 1.41\r\nDocker-Experimental: false\r\nOstype: linux\r\n"
            + "Server: Docker/20.10.24+dfsg1 (linux)\r\nDate: Mon, 30 Nov 2026 01:33:34 GMT\r\n\r\n")
    static let event1 =
        """
        {\"Type\":\"container\",\"Action\":\"create\",\"Actor\":{\"ID\":\"abc\",\
        \"Attributes\":{\"image\":\"busybox\"}},\"scope\":\"local\",\"time\":1700000000,\
        \"timeNano\":1700000000000000000}\n
        """
    static let event2 =
        """
        {\"Type\":\"container\",\"Action\":\"start\",\"Actor\":{\"ID\":\"abc\",\
        \"Attributes\":{\"image\":\"busybox\"}},\"scope\":\"local\",\"time\":1700000001,\
        \"timeNano\":1700000001000000000}\n
        """
    static let eventsHead =
        "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\nDocker-Experimental: false\r\n"
        + "Ostype: linux\r\nServer: Docker/20.10.24+dfsg1 (linux)\r\nDate: Mon, 30 Nov 2026 01:33:36 GMT\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n"
    static func chunk(_ text: String) -> String {
        String(text.utf8.count, radix: 16) + "\r\n" + text + "\r\n"
    }
}

private func field(_ name: String, _ value: String) -> HeaderField {
    HeaderField(name: name, value: value)
}

private func body(of events: [MessageEvent]) -> [UInt8] {
    var result: [UInt8] = []
    for case .body(let data) in events { result += data }
    return result
}

private let small = HTTPLimits(maxHeaderLineBytes: 40, maxHeadBytes: 120, maxHeaderCount: 3, maxChunkLineBytes: 16)

struct ResponseParserTests {
    // MARK: Well-formed responses

    @Test func dockerCreateWithContentLength() throws {
        let events = parseEveryWay(Docker.created, method: "POST")
        let (head, framing) = try #require(headOf(events))
        #expect(head.version == "HTTP/1.1")
        #expect(head.status == 201)
        #expect(head.reason == "Created")
        #expect(head.headers.count == 7)
        #expect(head.headers.first == field("Api-Version", "1.41"))
        #expect(head.value(of: "content-type") == "application/json")
        #expect(head.value(of: "Server") == "Docker/20.10.24+dfsg1 (linux)")
        #expect(framing == .contentLength(88))
        #expect(body(of: events) == responseBytes(Docker.createBody))
        #expect(events.last == .end(keepAlive: true))
        #expect(events.count == 3)
    }

    @Test func completeAsSoonAsTheLastBodyByteArrives() throws {
        var parser = HTTPMessageReader(requestMethod: "POST")
        let events = try parser.feed(Docker.created)
        #expect(parser.isComplete)
        #expect(parser.bytesConsumed == Docker.created.count)
        #expect(events.last == .end(keepAlive: true))
        #expect(try parser.finish() == [])
    }

    @Test func noContent204HasNoBody() throws {
        let events = parseEveryWay(Docker.started, method: "POST")
        let (head, framing) = try #require(headOf(events))
        #expect(head.status == 204)
        #expect(framing == BodyFraming.none)
        #expect(events.count == 2)
        #expect(events.last == .end(keepAlive: true))
    }

    @Test func notModified304IgnoresContentLength() throws {
        let response = responseBytes(
            """
            HTTP/1.1 304 Not Modified\r\nApi-Version: 1.41\r\nContent-Length: 57\r\nDate: Mon, 30 Nov 2026 01:33:35 \
            GMT\r\n\r\n
            """
        )
        let events = parseEveryWay(response, method: "POST")
        #expect(headOf(events)?.1 == BodyFraming.none)
        #expect(events.last == .end(keepAlive: true))
        // Completes without waiting for the 57 bytes the header mentions.
        var parser = HTTPMessageReader(requestMethod: "POST")
        _ = try parser.feed(response)
        #expect(parser.isComplete)
    }

    @Test func headResponseHasNoBodyWhateverContentLengthSays() throws {
        let response = responseBytes(
            "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nCache-Control: no-cache, no-store, must-revalidate\r\n"
                + """
                Content-Length: 2\r\nContent-Type: text/plain; charset=utf-8\r\nDate: Mon, 30 Nov 2026 01:33:37 \
                GMT\r\n
                """
                + "Pragma: no-cache\r\n\r\n")
        let events = parseEveryWay(response, method: "HEAD")
        #expect(headOf(events)?.1 == BodyFraming.none)
        #expect(events.count == 2)
        // The same bytes answering GET wait for the two body bytes.
        var parser = HTTPMessageReader(requestMethod: "GET")
        let getEvents = try parser.feed(response)
        #expect(headOf(getEvents)?.1 == .contentLength(2))
        #expect(!parser.isComplete)
        #expect(try parser.feed(responseBytes("OK")) == [.body(responseBytes("OK")[...]), .end(keepAlive: true)])
    }

    @Test func interim100ThenFinalResponse() throws {
        let response = responseBytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
        let events = parseEveryWay(response, method: "POST")
        #expect(events.count == 4)
        guard case .interim(let interim, let raw) = events.first else {
            Issue.record("expected an interim response first")
            return
        }
        #expect(interim.status == 100)
        #expect(interim.reason == "Continue")
        #expect(raw == responseBytes("HTTP/1.1 100 Continue\r\n\r\n"))
        #expect(headOf(events)?.0.status == 200)
        #expect(events[2] == .body(responseBytes("hello")[...]))
        #expect(events[3] == .end(keepAlive: true))
    }

    @Test func severalInterimResponses() {
        let response = responseBytes(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n")
        let events = parseEveryWay(response)
        #expect(events.count == 4)
        if case .interim(let hints, _) = events[1] {
            #expect(hints.headers == [field("Link", "</style.css>; rel=preload")])
        } else {
            Issue.record("expected a second interim response")
        }
    }

    @Test func upgrade101ThenTunnelUntilClose() throws {
        let head =
            "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n"
            + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n"
        // A stdout frame: [1,0,0,0, size big-endian] then the bytes; then HTTP-looking text that must stay raw.
        let frames: [UInt8] =
            [1, 0, 0, 0, 0, 0, 0, 6] + responseBytes("hello\n") + responseBytes("HTTP/1.1 200 OK\r\n\r\n")
        let response = responseBytes(head) + frames
        let events = parseEveryWay(response, method: "POST")
        #expect(
            events == [
                .head(
                    ResponseHead(
                        version: "HTTP/1.1", status: 101, reason: "UPGRADED",
                        headers: [
                            field("Content-Type", "application/vnd.docker.multiplexed-stream"),
                            field("Connection", "Upgrade"), field("Upgrade", "tcp"),
                        ]),
                    framing: .tunnel, raw: responseBytes(head)),
                .tunnel(frames),
                .end(keepAlive: false),
            ])
        var parser = HTTPMessageReader(requestMethod: "POST")
        _ = try parser.feed(response)
        #expect(!parser.isComplete)
        #expect(try parser.finish() == [.end(keepAlive: false)])
        #expect(parser.isComplete)
    }

    @Test func connect2xxOpensATunnel() throws {
        let response = responseBytes("HTTP/1.1 200 Connection established\r\n\r\n\u{16}\u{3}\u{1}raw")
        let events = parseEveryWay(response, method: "CONNECT")
        #expect(headOf(events)?.1 == .tunnel)
        #expect(events[1] == .tunnel(responseBytes("\u{16}\u{3}\u{1}raw")))
        // A refused CONNECT is an ordinary response.
        let refused = parseEveryWay(
            responseBytes("HTTP/1.1 403 Forbidden\r\nContent-Length: 2\r\n\r\nno"), method: "CONNECT")
        #expect(headOf(refused)?.1 == .contentLength(2))
    }

    @Test func chunkedWithExtensionsAndTrailers() throws {
        let response = responseBytes(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: Expires\r\n\r\n"
                + "5;name=value ; other\r\nhello\r\n"
                + "6 ;x\r\n world\r\n"
                + "0\r\nExpires: never\r\nX-Checksum:  abc  \r\n\r\n")
        let events = parseEveryWay(response)
        #expect(headOf(events)?.1 == .chunked)
        #expect(
            Array(events.dropFirst()) == [
                .chunkSize(5, extensions: "name=value ; other", raw: responseBytes("5;name=value ; other\r\n")),
                .body(responseBytes("hello")[...]),
                .chunkEnd(raw: responseBytes("\r\n")),
                .chunkSize(6, extensions: "x", raw: responseBytes("6 ;x\r\n")),
                .body(responseBytes(" world")[...]),
                .chunkEnd(raw: responseBytes("\r\n")),
                .chunkSize(0, extensions: "", raw: responseBytes("0\r\n")),
                .trailers(
                    [field("Expires", "never"), field("X-Checksum", "abc")],
                    raw: responseBytes("Expires: never\r\nX-Checksum:  abc  \r\n\r\n")),
                .end(keepAlive: true),
            ])
    }

    @Test func eventsStreamWithSeveralChunks() throws {
        let response = responseBytes(
            Docker.eventsHead + Docker.chunk(Docker.event1) + Docker.chunk(Docker.event2)
                + Docker.chunk("{\"Type\":\"network\",\"Action\":\"connect\"}\n") + "0\r\n\r\n")
        let events = parseEveryWay(response)
        #expect(events.filter { if case .chunkSize = $0 { true } else { false } }.count == 4)
        #expect(
            body(of: events)
                == responseBytes(Docker.event1 + Docker.event2 + "{\"Type\":\"network\",\"Action\":\"connect\"}\n"))
        #expect(events.suffix(2) == [.trailers([], raw: responseBytes("\r\n")), .end(keepAlive: true)])
    }

    @Test func chunkDataIsEmittedBeforeTheChunkEnds() throws {
        var parser = HTTPMessageReader(requestMethod: "GET")
        var events = try parser.feed(
            responseBytes(Docker.eventsHead + "\(String(Docker.event1.utf8.count, radix: 16))\r\n"))
        #expect(events.count == 2)
        let half = responseBytes(Docker.event1).prefix(20)
        events = try parser.feed(Array(half))
        #expect(events == [.body(half[...])])
        // A stream that has not ended yet is cut off mid-chunk by EOF.
        #expect(throws: MessageParseError.self) { try parser.finish() }
    }

    @Test func untilCloseBodyEndsAtFinish() throws {
        let response = responseBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this\nuntil close")
        let events = parseEveryWay(response)
        #expect(headOf(events)?.1 == .untilClose)
        #expect(body(of: events) == responseBytes("all of this\nuntil close"))
        #expect(events.last == .end(keepAlive: false))
        var parser = HTTPMessageReader(requestMethod: "GET")
        _ = try parser.feed(response)
        #expect(!parser.isComplete)
        #expect(try parser.finish() == [.end(keepAlive: false)])
    }

    @Test func transferEncodingNotEndingInChunkedRunsUntilClose() throws {
        for coding in ["gzip", "chunked, gzip", "identity"] {
            let events = parseEveryWay(responseBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: \(coding)\r\n\r\n3\r\nabc"))
            #expect(headOf(events)?.1 == .untilClose, "\(coding)")
            #expect(body(of: events) == responseBytes("3\r\nabc"))
        }
        let gzipped = parseEveryWay(
            responseBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: CHUNKED\r\n\r\n0\r\n\r\n"))
        #expect(headOf(gzipped)?.1 == .chunked)
    }

    @Test func keepAliveRules() throws {
        func keepAlive(_ head: String) -> Bool? {
            let events = parseEveryWay(responseBytes(head + "\r\n"), method: "HEAD")
            guard case .end(let keepAlive)? = events.last else { return nil }
            return keepAlive
        }
        #expect(keepAlive("HTTP/1.1 200 OK\r\n") == true)
        #expect(keepAlive("HTTP/1.1 200 OK\r\nConnection: close\r\n") == false)
        #expect(keepAlive("HTTP/1.1 200 OK\r\nConnection: Keep-Alive, CLOSE\r\n") == false)
        #expect(keepAlive("HTTP/1.1 200 OK\r\nConnection: upgrade\r\nConnection: Close\r\n") == false)
        #expect(keepAlive("HTTP/1.1 200 OK\r\nConnection: closed\r\n") == true)
        #expect(keepAlive("HTTP/1.0 200 OK\r\n") == false)
        #expect(keepAlive("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n") == true)
        #expect(keepAlive("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\n") == true)
        #expect(keepAlive("HTTP/1.0 200 OK\r\nConnection: keep-alive, close\r\n") == false)
        // Go answers a request without Host like this, and closes.
        let goBadRequest = responseBytes(
            "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
                + "400 Bad Request: missing required Host header")
        let events = parseEveryWay(goBadRequest)
        #expect(headOf(events)?.1 == .untilClose)
        #expect(events.last == .end(keepAlive: false))
        // HTTP/1.0 with Transfer-Encoding is decoded but the connection is not reused.
        let chunked10 = parseEveryWay(
            responseBytes("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
        #expect(chunked10.last == .end(keepAlive: false))
    }

    @Test func statusLineVariantsAndBareLineFeeds() throws {
        // Strict (RFC 9112 §4): the space after the code is required even when the reason is empty.
        let noReason = try #require(
            expectParseFailure(.malformedStatusLine, responseBytes("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n")))
        #expect(
            noReason.error.violation
                == ProtocolViolation(.statusLine("no space after the three-digit status code"), at: 12))
        let emptyReason = parseEveryWay(responseBytes("HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n"))
        #expect(headOf(emptyReason)?.0.reason == "")
        let spacedReason = parseEveryWay(responseBytes("HTTP/1.1 404 Not  Found \r\nContent-Length: 0\r\n\r\n"))
        #expect(headOf(spacedReason)?.0.reason == "Not  Found ")
        // Bare LF: refused (RFC 9112 §2.2), accepted and named with lenient.
        let bareLF = responseBytes("HTTP/1.1 200 OK\nContent-Length: 3\nX-Mixed: yes\r\n\nabc")
        let refused = try #require(expectParseFailure(.badLineEnding, bareLF))
        #expect(refused.error.violation == ProtocolViolation(.bareLF, at: 15))
        #expect(
            refused.error.message
                == "not HTTP/1.1: bare LF at byte 15 (RFC 9112 §2.2 requires CRLF); run with --lenient to accept it")
        let events = parseEveryWay(bareLF, lenient: true, tolerated: [15, 33, 48])
        guard case .head(let head, _, let raw)? = events.first else {
            Issue.record("expected a head")
            return
        }
        #expect(raw == responseBytes("HTTP/1.1 200 OK\nContent-Length: 3\nX-Mixed: yes\r\n\n"))
        #expect(head.headers == [field("Content-Length", "3"), field("X-Mixed", "yes")])
        let chunkedLF = parseEveryWay(
            responseBytes("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n2\nhi\n0\n\n"), lenient: true,
            tolerated: [15, 42, 43, 45, 48, 50, 51])
        #expect(chunkedLF.contains(.chunkEnd(raw: [0x0A])))
        #expect(chunkedLF.contains(.trailers([], raw: [0x0A])))
    }

    @Test func headerValuesAreTrimmedAndNamesKeepTheirCase() throws {
        let events = parseEveryWay(
            responseBytes(
                "HTTP/1.1 200 OK\r\nx-ODD-case:\t value with  spaces \t\r\nEmpty:\r\nContent-Length: 0\r\n\r\n"))
        #expect(
            headOf(events)?.0.headers == [
                field("x-ODD-case", "value with  spaces"), field("Empty", ""), field("Content-Length", "0"),
            ])
    }

    @Test func identicalContentLengthsAreAccepted() throws {
        let list = parseEveryWay(responseBytes("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\n\r\nabc"))
        #expect(headOf(list)?.1 == .contentLength(3))
        let repeated = parseEveryWay(
            responseBytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\ncontent-length: 3\r\n\r\nabc"))
        #expect(headOf(repeated)?.1 == .contentLength(3))
    }

    @Test func extraBytesAfterTheEnd() throws {
        let response = responseBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOKHTTP/1.1 200 OK\r\n")
        let events = parseEveryWay(response)
        #expect(events.suffix(2) == [.end(keepAlive: true), .extra(responseBytes("HTTP/1.1 200 OK\r\n"))])
        let afterNoBody = parseEveryWay(Docker.started + responseBytes("\r\n"), method: "POST")
        #expect(afterNoBody.last == .extra(responseBytes("\r\n")))
        let afterChunked = parseEveryWay(
            responseBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nxyz"))
        #expect(afterChunked.last == .extra(responseBytes("xyz")))
    }

    @Test func largeBodyIsPassedOnInWholeRuns() throws {
        let size = 8 * 1024 * 1024
        let piece = 64 * 1024
        var parser = HTTPMessageReader(requestMethod: "GET")
        let head = try parser.feed(responseBytes("HTTP/1.1 200 OK\r\nContent-Length: \(size)\r\n\r\n"))
        #expect(head.count == 1)
        let data = [UInt8](repeating: 0x61, count: piece)
        var total = 0
        for feedNumber in 0..<(size / piece) {
            let events = try parser.feed(data)
            // One body event per read: no per-byte events, nothing held back.
            #expect(events.count == (feedNumber == size / piece - 1 ? 2 : 1))
            if case .body(let run)? = events.first { total += run.count }
        }
        #expect(total == size)
        #expect(parser.isComplete)
    }

    // MARK: Framing errors

    @Test func transferEncodingWithContentLengthIsAnError() throws {
        let failure = try #require(
            expectParseFailure(
                .conflictingFraming,
                responseBytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")))
        #expect(
            failure.error.message
                == """
                not HTTP/1.1: Transfer-Encoding with Content-Length at byte 36 (RFC 9112 §6.1 forbids sending \
                both; §6.3 treats it as smuggling)
                """
        )
        #expect(failure.error.offendingBytes == responseBytes("Transfer-Encoding: chunked\r\n"))
        #expect(failure.bytesConsumed == 36)
        #expect(failure.bytesFed == 66)
    }

    @Test func badContentLengths() throws {
        for value in ["abc", "-1", "+5", "5 5", "0x10", "", "1.0", "5,", "99999999999999999999"] {
            let failure = expectParseFailure(
                .badContentLength, responseBytes("HTTP/1.1 200 OK\r\nContent-Length: \(value)\r\n\r\nhello"))
            #expect(failure?.error.offendingBytes == responseBytes("Content-Length: \(value)\r\n"), "\(value)")
        }
        let differing = try #require(
            expectParseFailure(.badContentLength, responseBytes("HTTP/1.1 200 OK\r\nContent-Length: 10, 20\r\n\r\n")))
        #expect(differing.error.violation == ProtocolViolation(.contentLength("differing values 10 and 20"), at: 17))
        expectParseFailure(
            .badContentLength, responseBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc"))
    }

    // MARK: Limits, each hit before the whole input arrives

    @Test func headerLineTooLong() throws {
        let input = responseBytes("HTTP/1.1 200 OK\r\nX-Long: " + String(repeating: "a", count: 100) + "\r\n\r\n")
        let failure = try #require(expectParseFailure(.headerLineTooLong, input, limits: small))
        #expect(failure.bytesFed == 17 + 41)
        #expect(failure.bytesConsumed == 17)
        #expect(failure.error.offendingBytes.prefix(8) == responseBytes("X-Long: ")[...])
        #expect(failure.error.message == "a header line is longer than the limit of 40 bytes")
        // Exactly at the limit is fine, with CRLF or (lenient) LF.
        let exact = "X-Exact: " + String(repeating: "b", count: 31)
        parseEveryWay(responseBytes("HTTP/1.1 204 No Content\r\n\(exact)\r\n\r\n"), limits: small)
        parseEveryWay(
            responseBytes("HTTP/1.1 204 No Content\n\(exact)\n\n"), limits: small, lenient: true,
            tolerated: [23, 64, 65])
        // A status line that never ends.
        let status = try #require(
            expectParseFailure(
                .headerLineTooLong, responseBytes("HTTP/1.1 200 " + String(repeating: "x", count: 60)), limits: small))
        #expect(status.bytesFed == 41)
    }

    @Test func headSectionTooLarge() throws {
        var input = "HTTP/1.1 200 OK\r\n"
        for number in 0..<3 { input += "X-Field-\(number): " + String(repeating: "v", count: 30) + "\r\n" }
        input += "\r\n"
        let limits = HTTPLimits(maxHeaderLineBytes: 60, maxHeadBytes: 120, maxHeaderCount: 10, maxChunkLineBytes: 16)
        let failure = try #require(expectParseFailure(.headSectionTooLarge, responseBytes(input), limits: limits))
        #expect(failure.bytesFed == 121)
        #expect(input.utf8.count > 130)
    }

    @Test func tooManyHeaders() throws {
        let input = responseBytes("HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\n")
        let failure = try #require(expectParseFailure(.tooManyHeaders, input, limits: small))
        #expect(failure.error.offendingBytes == responseBytes("D: 4\r\n"))
        #expect(try #require(failure.bytesFed) < input.count)
        parseEveryWay(responseBytes("HTTP/1.1 204 No Content\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"), limits: small)
    }

    @Test func trailersAreBoundedToo() throws {
        let trailers = (0..<5).map { "T\($0): x\r\n" }.joined()
        let failure = try #require(
            expectParseFailure(
                .tooManyHeaders,
                responseBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + trailers + "\r\n"),
                limits: small))
        #expect(failure.error.offendingBytes == responseBytes("T3: x\r\n"))
    }

    @Test func chunkLineTooLong() throws {
        let input = responseBytes(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;" + String(repeating: "e", count: 50)
                + "\r\nhello\r\n0\r\n\r\n")
        let failure = try #require(expectParseFailure(.chunkLineTooLong, input, limits: small))
        #expect(failure.bytesConsumed == 47)
        #expect(failure.bytesFed == 47 + 17)
    }

    // MARK: Malformed lines

    @Test func malformedStatusLines() throws {
        let lines = [
            "HTTP/1.1 20 OK", "HTTP/1.1 abc OK", "http/1.1 200 OK", "HTTP/11 200 OK", "HTTP/1.1  200 OK",
            "HTTP/1.1 200OK", "HTTP/1.1 099 Low", "HTTP/1.1", "HTTP/1.1 2000 OK", "HTTP 200 OK", "",
            "HTTP/1.1 200 O\u{0}K", " HTTP/1.1 200 OK", "HTTP/1.1 200", "HTTP/1.2 200 OK", "HTTP/2.0 200 OK",
            "HTTP/0.9 200 OK", "HTTP/1.1 600 Odd", "HTTP/1.1 200\tOK",
        ]
        for line in lines {
            let failure = expectParseFailure(
                .malformedStatusLine, responseBytes(line + "\r\nContent-Length: 0\r\n\r\n"))
            #expect(failure?.bytesConsumed == 0, "\(line)")
        }
        let bareCR = try #require(expectParseFailure(.badLineEnding, responseBytes("HTTP/1.1 200 Bad\rReason\r\n\r\n")))
        #expect(bareCR.error.violation == ProtocolViolation(.bareCR, at: 16))
    }

    @Test func notHTTPAtAllIsReportedAtOnce() throws {
        // An SSH server's banner: wrong from the first byte, no need to wait for a line ending.
        let failure = try #require(
            expectParseFailure(.malformedStatusLine, responseBytes("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")))
        #expect(failure.bytesFed == 1)
        let tls = try #require(expectParseFailure(.malformedStatusLine, [0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x50]))
        #expect(tls.bytesFed == 1)
    }

    @Test func malformedHeaderLines() throws {
        let lines = [
            "X-Space : value", "X-Tab\t: value", "No colon here",
            ": empty name", "X(bad): value", "X-Nul: a\u{0}b", "X-Bell: a\u{7}b", "X-Del: a\u{7F}b",
        ]
        for line in lines {
            let failure = expectParseFailure(
                .malformedHeader, responseBytes("HTTP/1.1 200 OK\r\nA: 1\r\n" + line + "\r\nContent-Length: 0\r\n\r\n"))
            #expect(failure?.bytesConsumed == 23, "\(line)")
        }
        let bareCR = try #require(
            expectParseFailure(.badLineEnding, responseBytes("HTTP/1.1 200 OK\r\nA: 1\r\nX-CR: a\rb\r\n\r\n")))
        #expect(bareCR.error.violation == ProtocolViolation(.bareCR, at: 30))
        // Whitespace before the first field line: refused (RFC 9112 §2.2).
        let first = try #require(
            expectParseFailure(.malformedHeader, responseBytes("HTTP/1.1 200 OK\r\n X-A: 1\r\n\r\n")))
        #expect(first.error.violation == ProtocolViolation(.whitespaceAfterStartLine, at: 17))
        // obs-fold in a response: replaced with SP (RFC 9112 §5.2), the bytes kept as sent.
        let fold = parseEveryWay(
            responseBytes("HTTP/1.1 200 OK\r\nX-A: 1\r\n continued \r\n\tand more\r\nContent-Length: 0\r\n\r\n"))
        #expect(headOf(fold)?.0.headers == [field("X-A", "1 continued and more"), field("Content-Length", "0")])
    }

    @Test func badChunkSizes() throws {
        let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        for line in ["zz", "-1", "0x10", "", " 5", "5 x", "+5"] {
            expectParseFailure(.badChunkSize, responseBytes(head + line + "\r\nhello\r\n0\r\n\r\n"))
        }
        let overflow = try #require(expectParseFailure(.badChunkSize, responseBytes(head + "10000000000000000\r\n")))
        #expect(overflow.bytesFed == 47 + 17)
        // The largest size that fits is a size, not an error; the body just never arrives.
        expectParseFailure(.closedMidBody, responseBytes(head + "7fffffffffffffff\r\nabc"))
    }

    @Test func missingLineEndingAfterChunkData() throws {
        let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        let failure = try #require(
            expectParseFailure(.badChunkTerminator, responseBytes(head + "5\r\nhello!\r\n0\r\n\r\n")))
        #expect(failure.bytesConsumed == 47 + 3 + 5)
        #expect(failure.bytesFed == 47 + 3 + 5 + 1)
        expectParseFailure(.badChunkTerminator, responseBytes(head + "5\r\nhello\rX0\r\n\r\n"))
        expectParseFailure(.badChunkTerminator, responseBytes(head + "5\r\nhello\r\r\n0\r\n\r\n"))
    }

    // MARK: Connection closed early

    @Test func closedBeforeHead() throws {
        var parser = HTTPMessageReader(requestMethod: "GET")
        #expect(
            throws: MessageParseError(
                kind: .closedBeforeHead, message: "the server closed the connection without sending a response")
        ) { try parser.finish() }
        let partial = try #require(
            expectParseFailure(.closedBeforeHead, responseBytes("HTTP/1.1 200 OK\r\nContent-Le")))
        #expect(partial.bytesFed == nil)
        #expect(
            partial.error.message
                == "the server closed the connection after sending 27 bytes, before a complete response head")
        #expect(partial.error.offendingBytes == responseBytes("HTTP/1.1 200 OK\r\nContent-Le"))
        let afterInterim = try #require(
            expectParseFailure(.closedBeforeHead, responseBytes("HTTP/1.1 100 Continue\r\n\r\n")))
        #expect(afterInterim.error.message.contains("before the final response head"))
    }

    @Test func closedMidBody() throws {
        let input =
            responseBytes("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n") + [UInt8](repeating: 0x7A, count: 10)
        let failure = try #require(expectParseFailure(.closedMidBody, input))
        #expect(failure.error.message == "the server closed the connection after 10 of 100 body bytes")
        #expect(failure.bytesFed == nil)
    }

    @Test func closedMidChunkedBody() throws {
        let head = Docker.eventsHead
        let midChunk = try #require(expectParseFailure(.closedMidBody, responseBytes(head + "a\r\n0123")))
        #expect(midChunk.error.message == "the server closed the connection after 4 of 10 bytes of chunk 1")
        let betweenChunks = try #require(
            expectParseFailure(.closedMidBody, responseBytes(head + Docker.chunk(Docker.event1))))
        #expect(betweenChunks.error.message.contains("after 1 chunk"))
        expectParseFailure(.closedMidBody, responseBytes(head + "3\r\nabc"))
        expectParseFailure(.closedMidBody, responseBytes(head + "3\r\nabc\r"))
        expectParseFailure(.closedMidBody, responseBytes(head + "3;ext"))
        expectParseFailure(.closedMidBody, responseBytes(head + "0\r\nTrailer: x\r\n"))
    }

    @Test func finishAfterEndAndAfterErrors() throws {
        var parser = HTTPMessageReader(requestMethod: "GET")
        _ = try parser.feed(responseBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
        #expect(try parser.finish() == [])
        #expect(try parser.finish() == [])
        var broken = HTTPMessageReader(requestMethod: "GET")
        #expect(throws: MessageParseError.self) { try broken.feed(responseBytes("nope\r\n")) }
        #expect(throws: MessageParseError.self) { try broken.finish() }
        #expect(!broken.isComplete)
    }
}
