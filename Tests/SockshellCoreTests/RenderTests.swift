import Testing

@testable import SockshellCore

/// Renderers are pure: feed a request and parsed response bytes, compare the text.
struct RenderTests {
    static let request = Array(
        "POST /containers/create HTTP/1.1\r\nHost: docker\r\nContent-Length: 18\r\n\r\n{\"Image\":\"centos\"}".utf8)
    static let created = Array(
        """
        HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 37\r\n\r\n\
        {\"Id\":\"f5dd99791a38\",\"Warnings\":[]}\n
        """
        .utf8)
    static let eventsHead = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    static let events = Array((eventsHead + "d\r\n{\"Action\":1}\n\r\nd\r\n{\"Action\":2}\n\r\n0\r\n\r\n").utf8)

    private func render(
        _ options: RenderOptions, method: String = "POST", target: String = "/containers/create",
        request: [UInt8] = request, response: [UInt8], splitAt: Int? = nil
    ) throws -> String {
        var renderer = ExchangeRendering.renderer(for: options, requestTarget: target)
        var out: [UInt8] = []
        renderer.connection(
            ConnectionNote(number: 1, endpoint: .unix(path: "/var/run/docker.sock"), reused: false), into: &out)
        renderer.request(request, into: &out)
        var parser = HTTPMessageReader(requestMethod: method)
        let cut = splitAt ?? response.count
        renderer.response(try parser.feed(Array(response[..<cut])), into: &out)
        renderer.response(try parser.feed(Array(response[cut...])), into: &out)
        renderer.finish(
            ExchangeSummary(
                status: 201, reason: "Created", bodyBytes: 37, totalNanoseconds: 2_900_000,
                firstByteNanoseconds: 2_700_000, outcome: .complete, number: 4), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func wireViewShowsEveryByteWithVisibleLineEnds() throws {
        let text = try render(RenderOptions(), response: Self.created)
        #expect(
            text == """
                * conn 1 unix:/var/run/docker.sock (new)
                > POST /containers/create HTTP/1.1␍␊
                > Host: docker␍␊
                > Content-Length: 18␍␊
                > ␍␊
                > {"Image":"centos"}
                < HTTP/1.1 201 Created␍␊
                < Content-Type: application/json␍␊
                < Content-Length: 37␍␊
                < ␍␊
                < {"Id":"f5dd99791a38","Warnings":[]}␊
                * #4 201 Created · 37 B · 2.9 ms (first byte 2.7 ms)

                """)
    }

    @Test func wireViewIsTheSameWhateverTheReadBoundaries() throws {
        let whole = try render(RenderOptions(), response: Self.events, splitAt: nil)
        for cut in 0...Self.events.count {
            #expect(try render(RenderOptions(), response: Self.events, splitAt: cut) == whole, "split at \(cut)")
        }
    }

    /// A stream is shown as it arrives: once a chunk's bytes are in, its line is on screen, however
    /// the reads split them, without waiting for the next chunk or the end. (`--view json` writes
    /// one object per exchange, at its end.)
    @Test func aChunkIsShownOnceItsBytesArriveWhateverTheReadBoundaries() throws {
        let firstChunkEnd = Self.events.count - Array("d\r\n{\"Action\":2}\n\r\n0\r\n\r\n".utf8).count
        for view in [ViewMode.wire, .pretty, .body] {
            for cut in 0...firstChunkEnd {
                var options = RenderOptions()
                options.view = view
                var renderer = ExchangeRendering.renderer(for: options, requestTarget: "/events")
                var out: [UInt8] = []
                var parser = HTTPMessageReader(requestMethod: "GET")
                renderer.response(try parser.feed(Array(Self.events[..<cut])), into: &out)
                renderer.response(try parser.feed(Array(Self.events[cut..<firstChunkEnd])), into: &out)
                let text = String(decoding: out, as: UTF8.self)
                #expect(
                    text.contains("{\"Action\":1}") || text.contains("\"Action\": 1"),
                    "\(view) split at \(cut): \(text)")
            }
        }
    }

    @Test func chunkSizeLinesAreAnnotatedWithTheirDecimalSize() throws {
        let text = try render(
            RenderOptions(), method: "GET", target: "/events", request: Array("GET /events HTTP/1.1\r\n\r\n".utf8),
            response: Self.events)
        #expect(text.contains("< d␍␊  (chunk 13 B)\n< {\"Action\":1}␊\n< ␍␊\n< d␍␊  (chunk 13 B)\n"))
        #expect(text.contains("< 0␍␊  (last chunk)\n< ␍␊\n"))
    }

    @Test func asciiModeWritesEscapesInsteadOfSymbols() throws {
        let text = try render(RenderOptions(ascii: true), response: Self.created)
        #expect(text.contains("> Host: docker\\r\\n\n"))
        #expect(!text.contains("␍"))
    }

    @Test func nonTextBytesShowAsHexAndUTF8AsText() {
        var wire = WireText(mark: "<", markColor: [], ansi: ANSI(enabled: false), ascii: false)
        var out: [UInt8] = []
        wire.append(Array("é日\u{1B}[0m\0".utf8)[...] + [0xFF, 0xC3], into: &out)
        wire.breakLine(into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "< é日⟨1b⟩[0m⟨00⟩⟨ff⟩⟨c3⟩\n")
        var asciiWire = WireText(mark: "<", markColor: [], ansi: ANSI(enabled: false), ascii: true)
        out = []
        asciiWire.append([0x1B, 0x41][...], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "< \\x1bA")
    }

    @Test func aCharacterCutByAReadBoundaryStillShowsAsText() {
        let bytes = Array("aé日😀\n".utf8)
        for cut in 0...bytes.count {
            var wire = WireText(mark: "<", markColor: [], ansi: ANSI(enabled: false), ascii: false)
            var out: [UInt8] = []
            wire.append(bytes[..<cut], into: &out)
            wire.append(bytes[cut...], into: &out)
            #expect(String(decoding: out, as: UTF8.self) == "< aé日😀␊\n", "cut at \(cut)")
        }
    }

    @Test func colourOnlyWhenAsked() throws {
        #expect(!(try render(RenderOptions(color: false), response: Self.created)).contains("\u{1B}["))
        #expect(try render(RenderOptions(color: true), response: Self.created).contains("\u{1B}[36m>"))
    }

    @Test func prettyViewIndentsJSON() throws {
        let text = try render(RenderOptions(view: .pretty), response: Self.created)
        #expect(
            text == """
                > POST /containers/create HTTP/1.1
                HTTP/1.1 201 Created
                Content-Type: application/json
                Content-Length: 37

                {
                  "Id": "f5dd99791a38",
                  "Warnings": []
                }
                * #4 201 Created · 37 B · 2.9 ms (first byte 2.7 ms)

                """)
    }

    @Test func prettyViewPrintsAStreamOneLinePerEventAsItArrives() throws {
        var renderer = PrettyRenderer(options: RenderOptions(view: .pretty), requestTarget: "/v1.41/events?since=1")
        var parser = HTTPMessageReader(requestMethod: "GET")
        var out: [UInt8] = []
        let firstEventEnd = Self.eventsHead.utf8.count + 3 + 13
        renderer.response(try parser.feed(Array(Self.events[..<firstEventEnd])), into: &out)
        #expect(String(decoding: out, as: UTF8.self).hasSuffix("\n{\"Action\":1}\n"))
        renderer.response(try parser.feed(Array(Self.events[firstEventEnd...])), into: &out)
        #expect(String(decoding: out, as: UTF8.self).hasSuffix("{\"Action\":1}\n{\"Action\":2}\n"))
    }

    @Test func bodyViewIsExactlyTheDecodedBody() throws {
        let text = try render(RenderOptions(view: .body), method: "GET", target: "/events", response: Self.events)
        #expect(text == "{\"Action\":1}\n{\"Action\":2}\n")
    }

    @Test func hexViewDumpsBothDirectionsWithTheirOwnOffsets() throws {
        let text = try render(
            RenderOptions(view: .hex), method: "GET", request: Array("GET / HTTP/1.1\r\n\r\n".utf8),
            response: Array("HTTP/1.1 204 No Content\r\n\r\n".utf8))
        #expect(
            text == """
                * conn 1 unix:/var/run/docker.sock (new)
                > 00000000  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  |GET / HTTP/1.1..|
                > 00000010  0d 0a                                             |..|
                < 00000000  48 54 54 50 2f 31 2e 31  20 32 30 34 20 4e 6f 20  |HTTP/1.1 204 No |
                < 00000010  43 6f 6e 74 65 6e 74 0d  0a 0d 0a                 |Content....|
                * #4 201 Created · 37 B · 2.9 ms (first byte 2.7 ms)

                """)
    }

    @Test func summaryLineForEveryOutcome() {
        var summary = ExchangeSummary(
            status: 200, reason: "OK", bodyBytes: 1536, totalNanoseconds: 3_210_000_000, firstByteNanoseconds: 412_000,
            outcome: .interrupted)
        #expect(summary.line == "200 OK · 1.5 KiB · 3.21 s (first byte 412 µs) · interrupted")
        summary = ExchangeSummary(
            status: nil, reason: "", bodyBytes: 0, totalNanoseconds: 1_000_000_000, firstByteNanoseconds: nil,
            outcome: .failed("timed out"))
        #expect(summary.line == "no response · 0 B · 1.00 s · timed out")
    }

    private func summaryLine(_ status: Int?, number: Int? = 38, color: Bool) -> String {
        var out: [UInt8] = []
        let summary = ExchangeSummary(
            status: status, reason: status.map { $0 == 404 ? "Not Found" : "Created" } ?? "", bodyBytes: 88,
            totalNanoseconds: 2_900_000, firstByteNanoseconds: nil,
            outcome: status == nil ? .failed("timed out") : .complete,
            number: number)
        SummaryLine.append(summary, ansi: ANSI(enabled: color), options: RenderOptions(color: color), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func theSummaryLineCarriesTheExchangeNumberThatShowTakes() {
        #expect(summaryLine(201, color: false) == "* #38 201 Created · 88 B · 2.9 ms\n")
        // A tap's view has no session numbers: the line is as before.
        #expect(summaryLine(201, number: nil, color: false) == "* 201 Created · 88 B · 2.9 ms\n")
    }

    @Test func anErrorStatusIsColouredAsAnErrorInTheSummaryLine() {
        let dim = "\u{1B}[2m"
        let reset = "\u{1B}[0m"
        let red = "\u{1B}[31;1m"
        #expect(summaryLine(201, color: true) == "\(dim)* #38 201 Created · 88 B · 2.9 ms\(reset)\n")
        #expect(
            summaryLine(404, color: true)
                == "\(dim)* #38 \(reset)\(red)404 Not Found\(reset)\(dim) · 88 B · 2.9 ms\(reset)\n")
        #expect(
            summaryLine(nil, color: true)
                == "\(dim)* #38 \(reset)\(red)no response\(reset)\(dim) · 88 B · 2.9 ms · timed out\(reset)\n")
    }
}

struct JSONFormatterTests {
    private func format(_ text: String, indent: Bool = true) -> String? {
        JSONFormatter.format(Array(text.utf8)[...], indent: indent).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func indentsWithoutTouchingValues() {
        #expect(
            format(#"{"a":[1,2.50,{"b":null}],"c":"x,{]\"y","d":{},"e":[]}"#) == """
                {
                  "a": [
                    1,
                    2.50,
                    {
                      "b": null
                    }
                  ],
                  "c": "x,{]\\"y",
                  "d": {},
                  "e": []
                }
                """)
    }

    @Test func compactsAndSeparatesTopLevelValues() {
        #expect(format("{ \"a\" : 1 }\n{\"b\":2}", indent: false) == "{\"a\":1}\n{\"b\":2}")
        #expect(format("\"text\"") == "\"text\"")
    }

    @Test func rejectsWhatIsNotJSON() {
        #expect(format("{\"a\":1]") == nil)
        #expect(format("OK") == nil)
        #expect(format("{\"a\":") == nil)
        #expect(format("") == nil)
    }
}

struct ExchangeRecordTests {
    @Test func keepsABoundedWindowAndSaysWhatItDropped() {
        var record = ExchangeRecord(number: 4, endpoint: .dockerDefault, method: "GET", target: "/events")
        record.append(.sent, at: 0, bytes: Array(repeating: 1, count: 100)[...])
        let chunk = [UInt8](repeating: 2, count: 300 * 1024)
        for tick in 1...10 { record.append(.received, at: UInt64(tick), bytes: chunk[...]) }
        #expect(record.keptBytes == ExchangeRecord.windowBytes)
        #expect(record.droppedBytes == 100 + 10 * 300 * 1024 - ExchangeRecord.windowBytes)
        #expect(record.runs.first?.direction == .sent)
        #expect(
            record.droppedNote?.hasPrefix("the record of exchange 4 keeps its first 1.0 MiB; 1.9 MiB more crossed")
                == true)
    }
}

struct StreamRoutesTests {
    @Test func knowsDockerStreams() {
        #expect(StreamRoutes.isStream(target: "/events"))
        #expect(StreamRoutes.isStream(target: "/v1.41/events?filters=x"))
        #expect(StreamRoutes.isStream(target: "/containers/abc/stats"))
        #expect(!StreamRoutes.isStream(target: "/containers/abc/stats?stream=false"))
        #expect(StreamRoutes.isStream(target: "/containers/abc/logs?follow=1&stdout=1"))
        #expect(!StreamRoutes.isStream(target: "/containers/abc/logs?stdout=1"))
        #expect(StreamRoutes.isStream(target: "/images/create?fromImage=busybox"))
        #expect(!StreamRoutes.isStream(target: "/containers/json"))
    }
}

struct MeasureTests {
    @Test func sizesAndDurations() {
        #expect(Measure.bytes(88) == "88 B")
        #expect(Measure.bytes(268_435_456) == "256.0 MiB")
        #expect(Measure.duration(999) == "0 µs")
        #expect(Measure.duration(2_949_000) == "2.9 ms")
        #expect(Measure.duration(12_345_000_000) == "12.35 s")
    }
}

struct HelpTextTests {
    @Test func overviewListsEveryCommandAndTopicsShowUsage() {
        let overview = HelpText.overview()
        for name in ["METHOD", "raw", "header", "connect", "view", "help", "exit"] {
            #expect(overview.contains("\n  \(name) "), "\(name) missing from help")
        }
        #expect(HelpText.topic("raw")?.hasPrefix("usage: raw BYTES\nexample: raw GET /_ping") == true)
        #expect(HelpText.topic("post")?.hasPrefix("usage: METHOD TARGET") == true)
        #expect(HelpText.topic("nope") == nil)
        #expect(HelpText.unknownTopic("conect") == "no help for 'conect': did you mean help connect?")
    }
}

struct TransportFailureTests {
    @Test func sentencesNameTheProblemAndTheFix() {
        #expect(TransportFailure.noSuchSocket(path: "/x.sock").message.contains("DOCKER_HOST"))
        #expect(TransportFailure.noSuchSocket(path: "/x.sock").message.contains("podman"))
        #expect(
            TransportFailure.permissionDenied(path: "/x").message.contains("docker group")
                || TransportFailure.permissionDenied(path: "/x").message.contains("usermod -aG docker"))
        #expect(
            TransportFailure.pathTooLong(path: String(repeating: "a", count: 120), limit: 107).message.contains(
                "120 bytes, longer than the 107"))
        #expect(TransportFailure.quote([0x48, 0x0D, 0x0A, 0x00, 0x22]) == #""H\r\n\x00\"""#)
    }
}

struct DockerStreamFramesTests {
    static let stream: [UInt8] =
        [1, 0, 0, 0, 0, 0, 0, 6] + Array("hello\n".utf8) + [2, 0, 0, 0, 0, 0, 0, 5] + Array("oops\n".utf8)

    private func pieces(_ bytes: [UInt8], cuts: [Int]) -> [String] {
        var splitter = DockerStreamFrames()
        var result: [DockerStreamFrames.Piece] = []
        var start = 0
        for cut in cuts + [bytes.count] {
            result += splitter.split(bytes[start..<cut])
            start = cut
        }
        result += splitter.finish()
        // Merge adjacent payload runs so different cuts compare equal.
        var described: [String] = []
        for piece in result {
            switch piece {
            case .header(let stream, let size, _): described.append("header \(stream) \(size)")
            case .payload(let bytes):
                if let last = described.last, last.hasPrefix("payload ") {
                    described[described.count - 1] = last + String(decoding: bytes, as: UTF8.self)
                } else {
                    described.append("payload " + String(decoding: bytes, as: UTF8.self))
                }
            case .unframed(let bytes):
                if let last = described.last, last.hasPrefix("unframed ") {
                    described[described.count - 1] = last + String(decoding: bytes, as: UTF8.self)
                } else {
                    described.append("unframed " + String(decoding: bytes, as: UTF8.self))
                }
            }
        }
        return described
    }

    @Test func splitsHeadersAndPayloadsWhereverReadsEnd() {
        let expected = ["header 1 6", "payload hello\n", "header 2 5", "payload oops\n"]
        for cut in 0...Self.stream.count {
            #expect(pieces(Self.stream, cuts: [cut]) == expected, "cut at \(cut)")
        }
    }

    @Test func aRawTTYStreamPassesThrough() {
        #expect(pieces(Array("hello from a tty\n".utf8), cuts: [3]) == ["unframed hello from a tty\n"])
    }

    @Test func skippingFramesKeepsTheSplitterInStep() {
        let first: [UInt8] = [1, 0, 0, 0, 0, 0, 0, 4] + Array("abcd".utf8)
        let second: [UInt8] = [2, 0, 0, 0, 0, 0, 0, 2] + Array("ef".utf8)
        var frames = DockerStreamFrames()
        // A frame and a half counted, not split: the rest still reads as the second frame's tail.
        let stream = first + second
        frames.skip(stream[0..<21])
        #expect(frames.split(stream[21...]) == [.payload(Array("f".utf8)[...])])
        #expect(frames.split(first[...]).first == .header(stream: 1, size: 4, raw: Array(first[0..<8])))
    }

    @Test func appliesToLogsAttachAndExecOnly() {
        #expect(DockerStreamFrames.applies(contentType: nil, target: "/containers/abc/logs?stdout=1"))
        #expect(DockerStreamFrames.applies(contentType: nil, target: "/v1.41/exec/abc/start"))
        #expect(DockerStreamFrames.applies(contentType: "application/vnd.docker.multiplexed-stream", target: "/x"))
        // API 1.41 names exec start's and attach's stream raw-stream with or without a TTY.
        #expect(
            DockerStreamFrames.applies(
                contentType: "application/vnd.docker.raw-stream", target: "/containers/abc/attach"))
        #expect(!DockerStreamFrames.applies(contentType: "application/vnd.docker.raw-stream", target: "/x"))
        #expect(!DockerStreamFrames.applies(contentType: "application/json", target: "/containers/json"))
    }

    @Test func aLengthNoFrameHasMeansTheBytesWereNeverFrames() {
        // A TTY's text after three zero bytes: "raw " as a length would be 1.9 GB.
        let text = [1, 0, 0, 0] + Array("raw stream bytes\n".utf8)
        #expect(pieces(text, cuts: [2, 6]) == ["unframed \u{01}\u{00}\u{00}\u{00}raw stream bytes\n"])
        var frames = DockerStreamFrames()
        let largest = DockerStreamFrames.largestFrame
        let header: [UInt8] = [1, 0, 0, 0, UInt8(largest >> 24), UInt8(largest >> 16 & 0xFF), 0, 0]
        #expect(frames.split(header[...]) == [.header(stream: 1, size: largest, raw: header)])
    }

    private func wire(
        _ head: String, _ body: [UInt8], target: String, cut: Int? = nil, options: RenderOptions = RenderOptions()
    ) throws -> String {
        var renderer = WireRenderer(options: options, requestTarget: target)
        var parser = HTTPMessageReader(requestMethod: "POST")
        var out: [UInt8] = []
        let response = Array(head.utf8) + body
        let split = cut.map { Array(head.utf8).count + $0 } ?? response.count
        renderer.response(try parser.feed(Array(response[..<split])), into: &out)
        renderer.response(try parser.feed(Array(response[split...])), into: &out)
        renderer.finish(
            ExchangeSummary(
                status: 200, reason: "OK", bodyBytes: body.count, totalNanoseconds: 1_000_000,
                firstByteNanoseconds: nil, outcome: .complete, number: 3), into: &out)
        let text = String(decoding: out, as: UTF8.self)
        let bodyStart = try #require(text.range(of: "< ␍␊\n")?.upperBound)
        return String(text[bodyStart...])
    }

    /// exec start's output: "from-exec\n" (a length of 10, 0x0a), then 78 bytes (0x4e, an `N`).
    static let execOutput: [UInt8] =
        [1, 0, 0, 0, 0, 0, 0, 0x0A] + Array("from-exec\n".utf8) + [2, 0, 0, 0, 0, 0, 0, 0x4E]
        + Array(String(repeating: "e", count: 77).utf8) + [0x0A]

    static let execAnnotated = """
        < ⟨01⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨0a⟩  (stdout frame, 10 B)
        < from-exec␊
        < ⟨02⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨4e⟩  (stderr frame, 78 B)
        < \(String(repeating: "e", count: 77))␊
        * #3 200 OK · 104 B · 1.0 ms

        """

    @Test func frameHeadersShowAllEightBytesInHexWhateverTheLength() throws {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n"
        for cut in [nil, 3, 8, 9, 19] {
            #expect(
                try wire(head, Self.execOutput, target: "/v1.41/exec/abc/start", cut: cut) == Self.execAnnotated,
                "cut at \(String(describing: cut))")
        }
    }

    @Test func framesAreAnnotatedAfterA101Too() throws {
        let head = """
            HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\n\
            Upgrade: tcp\r\n\r\n
            """
        let marker = "* 101: HTTP framing ends here; raw bytes follow until the connection closes\n"
        let text = try wire(head, Self.execOutput, target: "/containers/abc/attach?stream=1&stdout=1", cut: 4)
        #expect(text == marker + Self.execAnnotated)
        // A TTY's stream after the 101 is shown as it came.
        let tty = try wire(head, Array("/ # ls\r\n".utf8), target: "/containers/abc/attach?stream=1")
        #expect(tty.hasPrefix(marker + "< / # ls␍␊\n"))
    }

    @Test func thePrettyViewTakesAnExecStreamApart() throws {
        var renderer = PrettyRenderer(options: RenderOptions(view: .pretty), requestTarget: "/exec/abc/start")
        var parser = HTTPMessageReader(requestMethod: "POST")
        var out: [UInt8] = []
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n"
        renderer.response(try parser.feed(Array(head.utf8) + Self.execOutput), into: &out)
        renderer.response(try parser.finish(), into: &out)
        renderer.finish(
            ExchangeSummary(
                status: 200, reason: "OK", bodyBytes: 104, totalNanoseconds: 1_000_000, firstByteNanoseconds: nil,
                outcome: .complete), into: &out)
        #expect(
            String(decoding: out, as: UTF8.self).hasSuffix(
                "\nfrom-exec\n\(String(repeating: "e", count: 77))\n* 200 OK · 104 B · 1.0 ms\n"))
    }

    @Test func wireViewAnnotatesEachFrame() throws {
        var renderer = WireRenderer(options: RenderOptions(), requestTarget: "/containers/x/logs?stdout=1&stderr=1")
        var parser = HTTPMessageReader(requestMethod: "GET")
        var out: [UInt8] = []
        let response = Array("HTTP/1.1 200 OK\r\nContent-Length: \(Self.stream.count)\r\n\r\n".utf8) + Self.stream
        renderer.response(try parser.feed(response), into: &out)
        #expect(
            String(decoding: out, as: UTF8.self).hasSuffix(
                """
                < ⟨01⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨06⟩  (stdout frame, 6 B)
                < hello␊
                < ⟨02⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨05⟩  (stderr frame, 5 B)
                < oops␊

                """))
    }
}

struct JSONLinesRendererTests {
    @Test func oneObjectPerExchangeWithTextOrBase64Bodies() throws {
        var renderer = JSONLinesRenderer()
        var out: [UInt8] = []
        renderer.connection(ConnectionNote(number: 2, endpoint: .unix(path: "/s.sock"), reused: true), into: &out)
        renderer.request(Array("POST /x HTTP/1.1\r\nHost: docker\r\nContent-Length: 3\r\n\r\n{\"a".utf8), into: &out)
        var parser = HTTPMessageReader(requestMethod: "POST")
        renderer.response(
            try parser.feed(Array("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n".utf8) + [0xFF, 0x00, 0x41]), into: &out
        )
        renderer.finish(
            ExchangeSummary(
                status: 200, reason: "OK", bodyBytes: 3, totalNanoseconds: 2_500_000, firstByteNanoseconds: 1_000_000,
                outcome: .complete), into: &out)
        #expect(
            String(decoding: out, as: UTF8.self)
                == #"""
                {"request":{"line":"POST /x HTTP/1.1","headers":[["Host","docker"],["Content-Length","3"]],\#
                "body":"{\"a"},"response":{"status":200,"reason":"OK","version":"HTTP/1.1",\#
                "headers":[["Content-Length","3"]],"bodyBase64":"/wBB"},"connection":{"number":2,"reused":true,\#
                "endpoint":"unix:///s.sock"},"timing":{"totalMs":2.500,"firstByteMs":1.000},"outcome":"complete"}
                """#
                + "\n")
    }
}

struct ConnectionNoteTests {
    @Test func aNewConnectionShowsWhatOpeningItTookAndAReusedOneDoesNot() {
        let tcp = Endpoint.tcp(host: "127.0.0.1", port: 2376)
        let opening = "tls TLSv1.3 TLS_AES_256_GCM_SHA384 subject=CN=localhost (verified by ca.pem)"
        var wire = WireRenderer(options: RenderOptions())
        var out: [UInt8] = []
        wire.connection(ConnectionNote(number: 3, endpoint: tcp, reused: false, opening: opening), into: &out)
        wire.connection(ConnectionNote(number: 3, endpoint: tcp, reused: true, opening: opening), into: &out)
        #expect(
            String(decoding: out, as: UTF8.self)
                == "* conn 3 tcp:127.0.0.1:2376 (new)\n* \(opening)\n* conn 3 tcp:127.0.0.1:2376 (reused)\n")
        var hex = HexRenderer(options: RenderOptions())
        out = []
        hex.connection(ConnectionNote(number: 1, endpoint: tcp, reused: false, opening: opening), into: &out)
        #expect(String(decoding: out, as: UTF8.self).contains("* \(opening)\n"))
    }
}
