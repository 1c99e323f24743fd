import Testing

@testable import SockshellCore

struct HARImportTests {
    private static func recording(_ text: String) throws -> HARRecording {
        try HARImport.recording(Array(text.utf8))
    }

    private static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    private static func sent(_ exchange: RecordedExchange) -> String { text(exchange.sentBytes) }

    private static func received(_ exchange: RecordedExchange) -> String { text(exchange.receivedBytes) }

    private static func failure(_ text: String) -> String? {
        do {
            _ = try HARImport.recording(Array(text.utf8))
            return nil
        } catch {
            return error.message(file: "x.har")
        }
    }

    // MARK: Chrome

    @Test func chromeHTTP1EntryKeepsItsHeadersAndTakesPathAndQueryFromTheURL() throws {
        let har = try Self.recording(HARCorpus.chrome)
        #expect(har.creator == "WebInspector 537.36")
        #expect(har.exchanges.count == 2)
        let exchange = har.exchanges[0]
        #expect(exchange.number == 1)
        #expect(exchange.method == "GET")
        #expect(exchange.target == "/containers/json?all=1")
        #expect(exchange.startedAt == "2026-12-07T10:00:00.010Z")
        #expect(
            Self.sent(exchange)
                == "GET /containers/json?all=1 HTTP/1.1\r\nHost: localhost:8080\r\nAccept: application/json\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0\r\n\r\n")
        #expect(
            Self.received(exchange)
                == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n[]\n")
        // Nothing needed changing: the entry's own Content-Length was right.
        #expect(har.notes(of: 1).isEmpty)
    }

    @Test func timingsPlaceTheRequestAfterConnectingAndTheAnswerAfterSendAndWait() throws {
        let exchange = try Self.recording(HARCorpus.chrome).exchanges[0]
        // blocked 1.5 + connect 0.5 (dns -1 is not known); then send 0.25 + wait 8.25; time 12.5.
        #expect(exchange.runs.map(\.direction) == [.sent, .received])
        #expect(exchange.runs[0].offsetNanoseconds == 2_000_000)
        #expect(exchange.runs[1].offsetNanoseconds == 10_500_000)
        #expect(exchange.end == RecordedExchange.End(outcome: .complete, totalNanoseconds: 12_500_000, droppedBytes: 0))
    }

    @Test func chromeHTTP2EntryBecomesHTTP1WithHostFromAuthorityAndDecodedBodyFraming() throws {
        let har = try Self.recording(HARCorpus.chrome)
        let exchange = har.exchanges[1]
        #expect(exchange.target == "/v1.41/version")
        #expect(
            Self.sent(exchange)
                == "GET /v1.41/version HTTP/1.1\r\nHost: api.example.com\r\naccept: */*\r\n"
                + "accept-encoding: gzip, deflate, br\r\n\r\n")
        // The text is gunzipped, so the coding goes and the length is the text's.
        #expect(
            Self.received(exchange)
                == "HTTP/1.1 200 \r\ncontent-type: application/json\r\nContent-Length: 17\r\n\r\n{\"Version\":\"24\"}\n"
        )
        #expect(
            har.notes(of: 2) == [
                "h2 written as HTTP/1.1 (pseudo-headers dropped, Host from :authority or the URL)",
                "Content-Encoding: gzip removed (HAR holds the decoded body)",
                "response Content-Length 40 recomputed as 17",
            ])
    }

    // MARK: Firefox

    @Test func firefoxPostHasItsBodyAndARecomputedContentLength() throws {
        let har = try Self.recording(HARCorpus.firefox)
        #expect(har.creator == "Firefox 120.0")
        let exchange = har.exchanges[0]
        #expect(exchange.target == "/v1.41/containers/create?name=web")
        #expect(
            Self.sent(exchange)
                == "POST /v1.41/containers/create?name=web HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 19\r\n\r\n{\"Image\":\"busybox\"}")
        #expect(har.notes(of: 1) == ["request Content-Length 99 recomputed as 19"])
    }

    @Test func duplicateHeadersStayInOrder() throws {
        let exchange = try Self.recording(HARCorpus.firefox).exchanges[0]
        #expect(
            Self.received(exchange)
                == "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n"
                + "Content-Length: 27\r\n\r\n{\"Id\":\"abc\",\"Warnings\":[]}\n")
    }

    @Test func formParamsAreEncodedAndABase64BodyIsDecoded() throws {
        let har = try Self.recording(HARCorpus.firefox)
        let exchange = har.exchanges[1]
        #expect(
            Self.sent(exchange)
                == "POST /login HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 17\r\n\r\nuser=a+b&pw=x%26y")
        let head = Array("HTTP/1.1 200 OK\r\ncontent-type: image/png\r\nContent-Length: 4\r\n\r\n".utf8)
        #expect(exchange.receivedBytes == head + [0x89, 0x50, 0x4E, 0x47])
        #expect(
            har.notes(of: 2).first
                == "HTTP/2 written as HTTP/1.1 (pseudo-headers dropped, Host from :authority or the URL)")
    }

    @Test func notModifiedHasNoBodyAndNoLengthAdded() throws {
        let har = try Self.recording(HARCorpus.firefox)
        #expect(Self.received(har.exchanges[2]) == "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n")
        #expect(har.notes(of: 3).isEmpty)
    }

    // MARK: Insomnia

    @Test func insomniaGetsAHostFromTheURLAndALengthForItsAnswer() throws {
        let har = try Self.recording(HARCorpus.insomnia)
        let exchange = har.exchanges[0]
        #expect(
            Self.sent(exchange)
                == "GET /v1.41/containers/json?all=1 HTTP/1.1\r\nHost: docker\r\nUser-Agent: insomnia/2023.5.8\r\n\r\n")
        #expect(
            Self.received(exchange)
                == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n[]\n")
        #expect(har.notes(of: 1) == ["Host: docker added from the URL", "response Content-Length: 3 added"])
        // Timings of -1 are not known: the request goes at once, the answer after wait 4.
        #expect(exchange.runs.map(\.offsetNanoseconds) == [0, 4_000_000])
        #expect(exchange.end?.totalNanoseconds == 5_000_000)
    }

    @Test func anEntryWithOnlyTheRequiredFieldsIsRead() throws {
        let har = try Self.recording(HARCorpus.insomnia)
        let exchange = har.exchanges[1]
        #expect(Self.sent(exchange) == "DELETE /containers/abc?force=1 HTTP/1.1\r\nHost: docker\r\n\r\n")
        #expect(Self.received(exchange) == "HTTP/1.1 204 \r\n\r\n")
        #expect(exchange.startedAt == nil)
        #expect(exchange.end?.totalNanoseconds == 0)
        #expect(har.notes(of: 2) == ["Host: docker added (the URL names no host)"])
    }

    // MARK: HTTP Toolkit

    @Test func aChunkedAnswerIsRebuiltAsOneChunk() throws {
        let har = try Self.recording(HARCorpus.httpToolkit)
        let exchange = har.exchanges[0]
        #expect(
            Self.received(exchange)
                == "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
                + "18\r\n{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n\r\n0\r\n\r\n")
        #expect(har.notes(of: 1) == ["chunked body rebuilt as one chunk of 24 bytes"])
        #expect(exchange.runs.map(\.offsetNanoseconds) == [0, 3_000_000])
    }

    /// The body an answer has is HTTP/1.1's framing rule (MessageFraming), the one the reader
    /// uses: a 2xx to CONNECT is a tunnel, and only a final chunked coding chunks.
    @Test func theRebuiltFramingIsTheReadersRule() throws {
        func answer(method: String, status: Int, headers: String, text: String) throws -> String {
            let har = """
                {"log": {"entries": [{"request": {"method": "\(method)", "url": "/x", "headers": []},
                "response": {"status": \(status), "statusText": "S", "headers": [\(headers)],
                "content": {"text": "\(text)"}}}]}}
                """
            return Self.received(try Self.recording(har).exchanges[0])
        }
        #expect(try answer(method: "CONNECT", status: 200, headers: "", text: "raw") == "HTTP/1.1 200 S\r\n\r\nraw")
        let chunked = #"{"name": "Transfer-Encoding", "value": "gzip, chunked"}"#
        #expect(
            try answer(method: "GET", status: 200, headers: chunked, text: "ab")
                == "HTTP/1.1 200 S\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n")
        let extended = #"{"name": "Transfer-Encoding", "value": "chunked;x=1"}"#
        #expect(
            try answer(method: "GET", status: 200, headers: extended, text: "ab")
                == "HTTP/1.1 200 S\r\nTransfer-Encoding: chunked;x=1\r\n\r\n2\r\nab\r\n0\r\n\r\n")
        let notLast = #"{"name": "Transfer-Encoding", "value": "chunked, gzip"}"#
        #expect(
            try answer(method: "GET", status: 200, headers: notLast, text: "ab")
                == "HTTP/1.1 200 S\r\nContent-Length: 2\r\n\r\nab")
    }

    @Test func anUpgradeIsItsHeadAlone() throws {
        let exchange = try Self.recording(HARCorpus.httpToolkit).exchanges[1]
        #expect(
            Self.received(exchange)
                == "HTTP/1.1 101 Switching Protocols\r\nconnection: Upgrade\r\nupgrade: websocket\r\n\r\n")
        #expect(Self.sent(exchange).hasPrefix("GET /chat HTTP/1.1\r\nhost: localhost\r\nconnection: Upgrade\r\n"))
    }

    @Test func anUpgradesContentFollowsItsHeadAsTheTunnelsBytes() throws {
        let document = #"""
            {"log":{"entries":[{"request":{"method":"POST","url":"http://docker/containers/abc/attach?stream=1",
              "httpVersion":"HTTP/1.0","headers":[{"name":"Upgrade","value":"tcp"}]},
              "response":{"status":101,"statusText":"UPGRADED","httpVersion":"HTTP/1.0",
              "headers":[{"name":"Upgrade","value":"tcp"}],
              "content":{"text":"AQAAAAAAAANoaQo=","encoding":"base64"}}}]}}
            """#
        let exchange = try Self.recording(document).exchanges[0]
        #expect(
            Self.sent(exchange)
                == "POST /containers/abc/attach?stream=1 HTTP/1.0\r\nHost: docker\r\nUpgrade: tcp\r\n\r\n")
        #expect(
            exchange.receivedBytes
                == Array("HTTP/1.0 101 UPGRADED\r\nUpgrade: tcp\r\n\r\n".utf8) + [1, 0, 0, 0, 0, 0, 0, 3]
                + Array("hi\n".utf8))
    }

    @Test func headKeepsItsContentLengthAndHasNoBody() throws {
        let har = try Self.recording(HARCorpus.httpToolkit)
        #expect(Self.received(har.exchanges[2]) == "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
        #expect(har.notes(of: 3).isEmpty)
    }

    @Test func aRequestWithNoAnswerIsSentAndRecordsNone() throws {
        let har = try Self.recording(HARCorpus.httpToolkit)
        let exchange = har.exchanges[3]
        #expect(
            exchange.sentBytes == Array("PUT /upload HTTP/1.1\r\nhost: localhost\r\nContent-Length: 3\r\n\r\n".utf8) + [
                0, 1, 2,
            ])
        #expect(exchange.receivedBytes.isEmpty)
        #expect(exchange.end?.outcome == .failed)
        #expect(
            har.notes(of: 4) == [
                "request sent with Content-Length: 3 instead of its Transfer-Encoding",
                "no answer is recorded (status 0)",
            ])
        // serve has no answer to give for it.
        #expect(RecordingIndex(har.exchanges).unanswered == [4])
    }

    @Test func rebuiltAnswersParseWhole() throws {
        for corpus in [HARCorpus.chrome, HARCorpus.firefox, HARCorpus.insomnia, HARCorpus.httpToolkit] {
            for exchange in try Self.recording(corpus).exchanges where !exchange.receivedBytes.isEmpty {
                var reader = HTTPMessageReader(requestMethod: exchange.method)
                let events = try reader.feed(exchange.receivedBytes)
                #expect(reader.isComplete || exchange.receivedBytes.starts(with: Array("HTTP/1.1 101".utf8)))
                #expect(!events.contains { if case .extra = $0 { true } else { false } })
            }
        }
    }

    // MARK: sockshell's own export

    @Test func exportHarRoundTripsToTheSameExchanges() throws {
        let body = #"{"Id":"f5dd99791a38","Warnings":[]}"# + "\n"
        let request =
            "POST /v1.41/containers/create HTTP/1.1\r\nHost: docker\r\nUser-Agent: sockshell/0.1.0\r\n"
            + "Content-Type: application/json\r\nContent-Length: 18\r\n\r\n{\"Image\":\"centos\"}"
        let response =
            "HTTP/1.1 201 Created\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\n"
            + "Date: Mon, 30 Nov 2026 01:33:33 GMT\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
        var create = ExchangeRecord(
            number: 1, endpoint: .dockerDefault, method: "POST", target: "/v1.41/containers/create")
        create.append(.sent, at: 0, bytes: Array(request.utf8)[...])
        create.append(.received, at: 2_700_000, bytes: Array(response.utf8)[...])
        create.summary = ExchangeSummary(
            status: 201, reason: "Created", bodyBytes: body.utf8.count, totalNanoseconds: 2_912_000,
            firstByteNanoseconds: 2_700_000, outcome: .complete)
        var ping = ExchangeRecord(number: 2, endpoint: .dockerDefault, method: "HEAD", target: "/_ping")
        ping.append(.sent, at: 0, bytes: Array("HEAD /_ping HTTP/1.1\r\nHost: docker\r\n\r\n".utf8)[...])
        ping.append(.received, at: 500_000, bytes: Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n".utf8)[...])
        ping.summary = ExchangeSummary(
            status: 200, reason: "OK", bodyBytes: 0, totalNanoseconds: 600_000, firstByteNanoseconds: 500_000,
            outcome: .complete)

        let document = HARExport.document(
            [create, ping], startedDateTimes: ["2026-11-30T01:33:33.000Z", "2026-11-30T01:33:34.000Z"],
            creatorVersion: "0.1.0")
        let har = try Self.recording(document)
        #expect(har.creator == "sockshell 0.1.0")
        #expect(har.exchanges.map(\.method) == ["POST", "HEAD"])
        #expect(har.exchanges.map(\.target) == ["/v1.41/containers/create", "/_ping"])
        #expect(har.exchanges.map(\.sentBytes) == [create.sentBytes, ping.sentBytes])
        #expect(
            har.exchanges.map(\.receivedBytes) == [
                Array(response.utf8), Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n".utf8),
            ])
        #expect(har.exchanges.map { $0.runs.map(\.offsetNanoseconds) } == [[0, 2_700_000], [0, 500_000]])
        #expect(har.exchanges.map { $0.end?.totalNanoseconds } == [2_912_000, 600_000])
        #expect(har.exchanges.map(\.startedAt) == ["2026-11-30T01:33:33.000Z", "2026-11-30T01:33:34.000Z"])
        #expect(har.notes == [[], []])
    }

    @Test func theRecordedVersionIsReadFromTheRebuiltAnswers() throws {
        let document = #"""
            {"log":{"entries":[
              {"request":{"method":"GET","url":"http://docker/_ping"},"response":{"status":200,"statusText":"OK",
               "headers":[{"name":"Api-Version","value":"1.40"},{"name":"Server","value":"Docker/19.03.0 (linux)"}],
               "content":{"text":"OK"}}}]}}
            """#
        var version = RecordedVersion()
        for exchange in try Self.recording(document).exchanges {
            version.add(answer: exchange.receivedBytes, method: exchange.method)
        }
        #expect(version.api == "1.40")
        #expect(version.server == "Docker/19.03.0 (linux)")
        #expect(!version.wantsMore)
    }

    @Test func urlsGiveTheirPathAndQueryOnly() {
        #expect(HARMessageBytes.target(of: "https://example.com:8443/a/b?c=1#frag") == "/a/b?c=1")
        #expect(HARMessageBytes.target(of: "http://docker") == "/")
        #expect(HARMessageBytes.target(of: "http://localhost?all=1") == "/?all=1")
        #expect(HARMessageBytes.target(of: "/containers/json") == "/containers/json")
        #expect(HARMessageBytes.target(of: "http://x/a b\"c") == "/a%20b%22c")
        #expect(HARMessageBytes.target(of: "containers/json") == nil)
        #expect(HARMessageBytes.authority(of: "http://user:pw@docker:2375/x") == "docker:2375")
        #expect(HARMessageBytes.authority(of: "/x") == nil)
    }

    // MARK: telling HAR from a recording

    @Test func harIsToldByItsNameOrAnOpeningBrace() {
        #expect(HARImport.isHAR(path: "session.HAR", start: Array("# sockshell recording 1".utf8)))
        #expect(HARImport.isHAR(path: "saved.json", start: [0xEF, 0xBB, 0xBF] + Array("\n  {\"log\":".utf8)))
        #expect(!HARImport.isHAR(path: "session.sks", start: Array("# sockshell recording 1\n".utf8)))
        #expect(!HARImport.isHAR(path: "session.sks", start: []))
    }

    @Test func harReachingTheRecordingReaderThroughAPipeSaysToSaveItFirst() {
        #expect(
            throws: TranscriptError(
                line: 1, "this looks like HAR (JSON), which is read from a file, not a pipe: save it to a file first")
        ) {
            try TranscriptReader.read(#"{"log":{"entries":[]}}"# + "\n")
        }
    }

    // MARK: bad HAR: one sentence naming the file, the entry and what is missing

    @Test func notJSON() {
        let message = Self.failure("# sockshell recording 1")
        #expect(message?.hasPrefix("x.har is not JSON (") == true)
        #expect(message?.hasSuffix(" at byte 0), so it is not HAR") == true)
    }

    @Test func jsonWithoutLogOrEntries() {
        #expect(
            Self.failure(#"[1,2]"#)
                == #"x.har is JSON but not HAR: HAR is an object with a "log" object (as {"log":{"entries":[]}})"#)
        #expect(Self.failure(#"{"log":{"version":"1.2"}}"#) == #"x.har is not HAR: its "log" has no "entries" array"#)
    }

    @Test func entriesMissingWhatTheyNeed() {
        func entry(_ json: String) -> String? {
            Self.failure(
                #"{"log":{"entries":[{"request":{"method":"GET","url":"/"},"response":{"status":200}},"# + json + "]}}")
        }
        #expect(entry(#"{"response":{"status":200}}"#) == #"x.har: entry 2 (log.entries[1]) has no "request" object"#)
        #expect(
            entry(#"{"request":{"method":"GET","url":"/"}}"#)
                == #"x.har: entry 2 (log.entries[1]) has no "response" object"#)
        #expect(
            entry(#"{"request":{"url":"/"},"response":{"status":200}}"#)
                == "x.har: entry 2 (log.entries[1]) has no request.method (a string)")
        #expect(
            entry(#"{"request":{"method":"GET"},"response":{"status":200}}"#)
                == "x.har: entry 2 (log.entries[1]) has no request.url (a string)")
        #expect(
            entry(#"{"request":{"method":"GET","url":"/"},"response":{}}"#)
                == "x.har: entry 2 (log.entries[1]) has no response.status (a number such as 200)")
        #expect(
            entry(#"{"request":{"method":"GET","url":"docker"},"response":{"status":200}}"#)
                == #"x.har: entry 2 (log.entries[1]) has request.url "docker", which has no path "#
                + "(expected http://host/path or /path)"
        )
        #expect(
            entry(#"{"request":{"method":"GET","url":"/","headers":[{"name":"A"}]},"response":{"status":200}}"#)
                == "x.har: entry 2 (log.entries[1]) has request.headers[0] without a string name and value")
        #expect(
            entry(
                #"{"request":{"method":"GET","url":"/","headers":[{"name":"A","value":"1\r\nB: 2"}]},"#
                    + #""response":{"status":200}}"#
            )
                == "x.har: entry 2 (log.entries[1]) has a request header A whose value holds a line break")
        #expect(
            entry(
                #"{"request":{"method":"GET","url":"/"},"#
                    + #""response":{"status":200,"content":{"text":"!!","encoding":"base64"}}}"#
            )
                == "x.har: entry 2 (log.entries[1]) has response.content.text marked base64 that is not valid base64")
        #expect(entry("7") == "x.har: entry 2 (log.entries[1]) is not an object")
    }
}
