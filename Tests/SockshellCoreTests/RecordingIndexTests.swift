import Testing

@testable import SockshellCore

/// How `sockshell serve` picks a recorded answer for a request.
struct RecordingIndexTests {
    /// A complete exchange whose answer is a 200 with `body` and keep-alive.
    private static func exchange(
        _ number: Int, _ method: String, _ target: String, body: String = "",
        outcome: RecordedExchange.Ending? = .complete,
        head extra: String = "", runs: [(UInt64, String)]? = nil
    ) -> RecordedExchange {
        var exchange = RecordedExchange(
            number: number, method: method, target: target, isJob: false, startedAt: nil, endpoint: nil, command: nil,
            line: number * 10)
        exchange.runs.append(
            .init(
                direction: .sent, offsetNanoseconds: 0,
                bytes: Array("\(method) \(target) HTTP/1.1\r\nHost: docker\r\n\r\n".utf8)))
        let answer =
            runs ?? [(2_000_000, "HTTP/1.1 200 OK\r\n\(extra)Content-Length: \(body.utf8.count)\r\n\r\n\(body)")]
        for (offset, text) in answer {
            exchange.runs.append(.init(direction: .received, offsetNanoseconds: offset, bytes: Array(text.utf8)))
        }
        if let outcome { exchange.end = .init(outcome: outcome, totalNanoseconds: 3_000_000, droppedBytes: 0) }
        return exchange
    }

    private static func body(of entry: RecordingIndex.Entry?) -> String? {
        guard let entry else { return nil }
        let bytes = entry.runs.flatMap(\.bytes)
        guard let split = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else { return nil }
        return String(decoding: bytes[split.upperBound...], as: UTF8.self)
    }

    @Test("repeated requests take the matching answers in recorded order, then the last again")
    func orderThenLastAgain() {
        var index = RecordingIndex([
            Self.exchange(1, "GET", "/containers/json", body: "[]"),
            Self.exchange(2, "POST", "/containers/create", body: "created"),
            Self.exchange(3, "GET", "/containers/json", body: "[1]"),
            Self.exchange(4, "GET", "/containers/json", body: "[1,2]"),
        ])
        #expect(index.count == 4)
        let bodies = (0..<5).map { _ in Self.body(of: index.match(method: "GET", target: "/containers/json")) }
        #expect(bodies == ["[]", "[1]", "[1,2]", "[1,2]", "[1,2]"])
        #expect(index.match(method: "POST", target: "/containers/create")?.number == 2)
        #expect(index.match(method: "POST", target: "/containers/create")?.number == 2)
    }

    @Test("the method must match exactly")
    func methodMustMatch() {
        var index = RecordingIndex([Self.exchange(1, "GET", "/_ping", body: "OK")])
        #expect(index.match(method: "HEAD", target: "/_ping") == nil)
        #expect(index.match(method: "get", target: "/_ping") == nil)
        #expect(index.match(method: "GET", target: "/_ping")?.number == 1)
    }

    @Test("no answer for a path the recording never asked")
    func noMatch() {
        var index = RecordingIndex([Self.exchange(1, "GET", "/containers/json")])
        #expect(index.match(method: "GET", target: "/images/json") == nil)
        #expect(index.match(method: "GET", target: "/containers/json/x") == nil)
        #expect(index.match(method: "GET", target: "/containers") == nil)
        var empty = RecordingIndex()
        #expect(empty.match(method: "GET", target: "/") == nil)
    }

    @Test("the exact query wins; another query falls back to the same path")
    func queryFallback() {
        var index = RecordingIndex([
            Self.exchange(1, "GET", "/containers/json?all=1", body: "all"),
            Self.exchange(2, "GET", "/containers/json", body: "running"),
        ])
        #expect(Self.body(of: index.match(method: "GET", target: "/containers/json")) == "running")
        #expect(Self.body(of: index.match(method: "GET", target: "/containers/json?all=1")) == "all")
        // No exchange has this query: any with the path, first unused first (both used now: the last).
        #expect(Self.body(of: index.match(method: "GET", target: "/containers/json?all=0")) == "running")

        var fresh = RecordingIndex([
            Self.exchange(1, "GET", "/events?since=1", body: "a"),
            Self.exchange(2, "GET", "/events?since=2", body: "b"),
        ])
        #expect(Self.body(of: fresh.match(method: "GET", target: "/events")) == "a")
        #expect(Self.body(of: fresh.match(method: "GET", target: "/events?until=5")) == "b")
        #expect(Self.body(of: fresh.match(method: "GET", target: "/events")) == "b")
    }

    @Test("an exact target, even once used, wins over an unused answer to another query")
    func exactTargetKeepsWinning() {
        var index = RecordingIndex([
            Self.exchange(1, "GET", "/containers/json", body: "plain"),
            Self.exchange(2, "GET", "/containers/json?all=1", body: "all"),
        ])
        #expect(Self.body(of: index.match(method: "GET", target: "/containers/json")) == "plain")
        #expect(Self.body(of: index.match(method: "GET", target: "/containers/json")) == "plain")
    }

    @Test(
        "a /v1.NN prefix is optional on both sides",
        arguments: [
            ("/containers/json", "/v1.41/containers/json"),
            ("/v1.41/containers/json", "/containers/json"),
            ("/v1.41/containers/json", "/v1.43/containers/json"),
            ("/v1.41/containers/json?all=1", "/containers/json?all=1"),
            ("/v1.41/containers/json", "/containers/json?all=1"),
            ("/_ping", "http://docker/v1.41/_ping"),
        ])
    func versionPrefixOptional(recorded: String, asked: String) {
        var index = RecordingIndex([Self.exchange(1, "GET", recorded, body: "x")])
        #expect(index.match(method: "GET", target: asked)?.number == 1)
    }

    @Test(
        "only a whole /vN.N segment is a version prefix",
        arguments: [
            ("/v1.41/_ping", "/_ping"),
            ("/v1.41", "/"),
            ("/v1/_ping", "/v1/_ping"),
            ("/v1.x/_ping", "/v1.x/_ping"),
            ("/volumes/x", "/volumes/x"),
            ("/v1.41x/_ping", "/v1.41x/_ping"),
        ])
    func versionPrefix(path: String, stripped: String) {
        #expect(RecordingIndex.withoutVersion(path[...]) == stripped[...])
    }

    @Test("answers keep only the received runs, their offsets counted from the first")
    func runsRebased() throws {
        let stream = Self.exchange(
            7, "GET", "/events", outcome: .interrupted,
            runs: [
                (1_000_000, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"), (301_000_000, "5\r\n{\"a\"}\r\n"),
            ])
        var index = RecordingIndex([stream])
        let matched = index.match(method: "GET", target: "/events")
        let entry = try #require(matched)
        #expect(entry.runs.map(\.offsetNanoseconds) == [0, 300_000_000])
        #expect(entry.runs.allSatisfy { $0.direction == .received })
        #expect(entry.runs.flatMap(\.bytes) == stream.receivedBytes)
        #expect(entry.line == 70)
    }

    @Test("the connection stays open only after a complete answer that allows keep-alive")
    func closesConnection() throws {
        func closes(_ exchange: RecordedExchange) throws -> Bool {
            var index = RecordingIndex([exchange])
            let matched = index.match(method: exchange.method, target: exchange.target)
            return try #require(matched).closesConnection
        }
        #expect(try !closes(Self.exchange(1, "GET", "/a", body: "ok")))
        #expect(try closes(Self.exchange(1, "GET", "/a", body: "ok", head: "Connection: close\r\n")))
        #expect(try closes(Self.exchange(1, "GET", "/a", body: "ok", outcome: .interrupted)))
        #expect(try closes(Self.exchange(1, "GET", "/a", body: "ok", outcome: .failed)))
        #expect(try closes(Self.exchange(1, "GET", "/a", body: "ok", outcome: nil)))
        // HTTP/1.0 without keep-alive, a body that runs until close, and bytes missing from the body.
        #expect(try closes(Self.exchange(1, "GET", "/a", runs: [(0, "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")])))
        #expect(try closes(Self.exchange(1, "GET", "/a", runs: [(0, "HTTP/1.1 200 OK\r\n\r\nuntil close")])))
        #expect(
            try closes(Self.exchange(1, "GET", "/a", runs: [(0, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort")]))
        )
        // A chunked stream that ended properly keeps the connection.
        #expect(
            try !closes(
                Self.exchange(
                    1, "GET", "/events",
                    runs: [(0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"), (5, "0\r\n\r\n")])))
        // 204 has no body whatever follows.
        #expect(
            try !closes(Self.exchange(1, "POST", "/containers/x/start", runs: [(0, "HTTP/1.1 204 No Content\r\n\r\n")]))
        )
    }

    @Test("an exchange with no recorded answer is left out and reported")
    func unanswered() {
        var refused = Self.exchange(1, "GET", "/_ping", outcome: .failed, runs: [])
        refused.runs = refused.runs.filter { $0.direction == .sent }
        var index = RecordingIndex([refused, Self.exchange(2, "GET", "/_ping", body: "OK")])
        #expect(index.count == 1)
        #expect(index.unanswered == [1])
        #expect(index.match(method: "GET", target: "/_ping")?.number == 2)
    }

    @Test("a background exchange that ends later in the file keeps its place by number")
    func jobKeepsItsPlace() {
        // A job's #. line comes after later exchanges, so it is added after them.
        var index = RecordingIndex([
            Self.exchange(2, "GET", "/events", body: "second"),
            Self.exchange(3, "GET", "/events", body: "third"),
            Self.exchange(1, "GET", "/events", body: "first"),
        ])
        let order = (0..<3).map { _ in index.match(method: "GET", target: "/events")?.number }
        #expect(order == [1, 2, 3])
    }

    @Test("the index is built from a recording read by TranscriptReader")
    func fromTranscript() throws {
        let text = """
            # sockshell recording 1
            GET /_ping
            #= 1 GET /_ping
            #@ 1 0.000000
            #> GET /_ping HTTP/1.1\\r\\n
            #> Host: docker\\r\\n
            #> \\r\\n
            #@ 1 0.001000
            #< HTTP/1.1 200 OK\\r\\n
            #< Content-Length: 2\\r\\n
            #< \\r\\n
            #< OK
            #. 1 complete 0.001100

            """
        let exchanges = try TranscriptReader.read(text).compactMap { item -> RecordedExchange? in
            if case .exchange(let exchange) = item { return exchange }
            return nil
        }
        var index = RecordingIndex(exchanges)
        let matched = index.match(method: "GET", target: "/v1.41/_ping")
        let entry = try #require(matched)
        #expect(entry.runs.flatMap(\.bytes) == Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK".utf8))
        #expect(!entry.closesConnection)
        #expect(entry.line == 3)
    }

    // MARK: the answers serve makes itself

    @Test("a request not in the recording gets a 404 with a JSON message and a correct length")
    func notInRecordingAnswer() throws {
        let answer = String(
            decoding: ServeResponse.notInRecording(method: "GET", target: #"/x?q="a\b""#, recording: "s.sks"),
            as: UTF8.self)
        let body = #"{"message":"not in the recording: GET /x?q=\"a\\b\" (sockshell serve s.sks)"}"# + "\n"
        #expect(
            answer
                == """
                HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\
                \r\n
                """
                + body)
        let parsed = try JSONValue.parse(body)
        #expect(
            parsed
                == .object([
                    .init(
                        key: "message", value: .string(#"not in the recording: GET /x?q="a\b" (sockshell serve s.sks)"#)
                    )
                ]))
    }

    @Test("an unreadable request gets its status, a JSON message and Connection: close")
    func unreadableAnswer() {
        let answer = String(decoding: ServeResponse.unreadable(RequestReadError(status: 431, "too big")), as: UTF8.self)
        let body = "{\"message\":\"too big\"}\n"
        #expect(
            answer
                == """
                HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: application/json\r\nConnection: \
                close\r\nContent-Length: \(body.utf8.count)\r\n\r\n
                """
                + body)
    }
}
