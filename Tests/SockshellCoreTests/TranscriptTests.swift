import Testing

@testable import SockshellCore

struct TranscriptEscapingTests {
    @Test func textStaysReadableAndLineEndsAreVisible() {
        #expect(
            TranscriptEscaping.lines(for: Array("HTTP/1.1 200 OK\r\nA: b\r\n\r\n".utf8)[...]) == [
                "HTTP/1.1 200 OK\\r\\n", "A: b\\r\\n", "\\r\\n",
            ])
    }

    @Test func everyByteValueRoundTrips() throws {
        let all =
            (0...255).map { UInt8($0) } + Array("héllo ✓ \u{1F433}\n".utf8) + [
                0xE2, 0x28, 0xA1, 0xC0, 0xAF, 0xED, 0xA0, 0x80,
            ]
        let lines = TranscriptEscaping.lines(for: all[...])
        var back: [UInt8] = []
        for line in lines { back += try TranscriptEscaping.decode(line[...]) }
        #expect(back == all)
        // No line holds a raw control byte, so every line survives editors and pagers.
        #expect(
            lines.allSatisfy {
                $0.unicodeScalars.allSatisfy {
                    $0.value >= 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value)
                }
            })
    }

    @Test func binaryAndMalformedUTF8AreHexEscaped() {
        #expect(TranscriptEscaping.lines(for: [0x00, 0x01, 0xFF, 0x5C, 0x09][...]) == ["\\x00\\x01\\xff\\\\\\t"])
        // An overlong encoding and a lone surrogate are not characters: escaped byte by byte.
        #expect(TranscriptEscaping.lines(for: [0xC0, 0xAF][...]) == ["\\xc0\\xaf"])
        #expect(TranscriptEscaping.lines(for: [0xED, 0xA0, 0x80][...]) == ["\\xed\\xa0\\x80"])
        #expect(TranscriptEscaping.lines(for: Array("é".utf8)[...]) == ["é"])
    }

    @Test func aTrailingSpaceIsEscapedSoEditorsCannotEatIt() {
        #expect(TranscriptEscaping.lines(for: Array("ab ".utf8)[...]) == ["ab\\x20"])
    }

    @Test func longLinesAreCutButNeverInsideACharacter() throws {
        let bytes =
            Array(String(repeating: "a", count: TranscriptFormat.lineBytes - 1).utf8)
            + Array(
                """
                é and more
                """.utf8)
        let lines = TranscriptEscaping.lines(for: bytes[...])
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix("é"))
        var back: [UInt8] = []
        for line in lines { back += try TranscriptEscaping.decode(line[...]) }
        #expect(back == bytes)
    }

    @Test func badEscapesAreNamed() {
        #expect(throws: TranscriptEscapeError("\\x must be followed by two hex digits, as in \\x00")) {
            try TranscriptEscaping.decode("ab\\xZ1")
        }
        #expect(throws: TranscriptEscapeError("unknown escape \\q (the escapes are \\r \\n \\t \\\\ and \\xHH)")) {
            try TranscriptEscaping.decode("\\q")
        }
        #expect(throws: TranscriptEscapeError("the line ends with a lone backslash (write \\\\ for a backslash byte)"))
        { try TranscriptEscaping.decode("ab\\") }
    }
}

struct TranscriptReaderTests {
    static let request = Array(
        "POST /containers/create HTTP/1.1\r\nHost: docker\r\nContent-Length: 17\r\n\r\n{\"Image\":\"busy\"}\n".utf8)
    static let response = Array("HTTP/1.1 201 Created\r\nContent-Length: 13\r\n\r\n{\"Id\":\"abc\"}\n".utf8)

    /// A recording as the session writes it: header, command, exchange, then a background job
    /// whose answer interleaves with a later exchange.
    static func sample(cutAfterJobStart: Bool = false) -> String {
        var text = TranscriptWriter.header(
            version: "0.1.0", endpoint: "unix:///var/run/docker.sock", startedAt: "2026-11-30T00:00:00.000Z")
        text += TranscriptWriter.command("POST /containers/create {\"Image\":\"busy\"}")
        text += TranscriptWriter.exchangeStart(
            number: 1, method: "POST", target: "/containers/create", job: false, startedAt: "2026-11-30T00:00:00.001Z",
            endpoint: "unix:/var/run/docker.sock")
        text += TranscriptWriter.run(number: 1, direction: .sent, offsetNanoseconds: 1_000, bytes: request[...])
        text += TranscriptWriter.run(
            number: 1, direction: .received, offsetNanoseconds: 2_710_000, bytes: response[..<20])
        text += TranscriptWriter.run(
            number: 1, direction: .received, offsetNanoseconds: 3_000_000, bytes: response[20...])
        text += TranscriptWriter.exchangeEnd(
            number: 1,
            summary: ExchangeSummary(
                status: 201, reason: "Created", bodyBytes: 13, totalNanoseconds: 3_100_000,
                firstByteNanoseconds: 2_710_000, outcome: .complete))
        text += TranscriptWriter.command("GET /events &")
        text += TranscriptWriter.exchangeStart(
            number: 2, method: "GET", target: "/events", job: true, startedAt: nil, endpoint: nil)
        text += TranscriptWriter.run(
            number: 2, direction: .sent, offsetNanoseconds: 0,
            bytes: Array("GET /events HTTP/1.1\r\nHost: docker\r\n\r\n".utf8)[...])
        if cutAfterJobStart {
            return text
                + TranscriptWriter.run(
                    number: 2, direction: .received, offsetNanoseconds: 5_000,
                    bytes: Array("HTTP/1.1 200 OK\r\n".utf8)[...])
        }
        text += TranscriptWriter.command("GET /_ping")
        text += TranscriptWriter.exchangeStart(
            number: 3, method: "GET", target: "/_ping", job: false, startedAt: nil, endpoint: nil)
        text += TranscriptWriter.run(
            number: 3, direction: .sent, offsetNanoseconds: 0, bytes: Array("GET /_ping HTTP/1.1\r\n\r\n".utf8)[...])
        text += TranscriptWriter.run(
            number: 2, direction: .received, offsetNanoseconds: 5_000,
            bytes: Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)[...])
        text += TranscriptWriter.run(
            number: 3, direction: .received, offsetNanoseconds: 400_000,
            bytes: Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK".utf8)[...])
        text += TranscriptWriter.exchangeEnd(
            number: 3,
            summary: ExchangeSummary(
                status: 200, reason: "OK", bodyBytes: 2, totalNanoseconds: 500_000, firstByteNanoseconds: 400_000,
                outcome: .complete))
        text += TranscriptWriter.exchangeEnd(
            number: 2,
            summary: ExchangeSummary(
                status: 200, reason: "OK", bodyBytes: 0, totalNanoseconds: 2_000_000_000, firstByteNanoseconds: 5_000,
                outcome: .interrupted))
        return text
    }

    @Test func writtenRecordingReadsBackByteForByteWithTimings() throws {
        let items = try TranscriptReader.read(Self.sample())
        let exchanges = items.compactMap { item -> RecordedExchange? in
            if case .exchange(let exchange) = item { exchange } else { nil }
        }
        #expect(exchanges.map(\.number) == [1, 3, 2])
        let first = exchanges[0]
        #expect(first.sentBytes == Self.request)
        #expect(first.receivedBytes == Self.response)
        #expect(first.runs.map(\.offsetNanoseconds) == [1_000, 2_710_000, 3_000_000])
        #expect(first.end == RecordedExchange.End(outcome: .complete, totalNanoseconds: 3_100_000, droppedBytes: 0))
        #expect(first.command == "POST /containers/create {\"Image\":\"busy\"}")
        #expect(first.startedAt == "2026-11-30T00:00:00.001Z")
        #expect(first.endpoint == "unix:/var/run/docker.sock")
        #expect(exchanges[2].isJob)
        #expect(exchanges[2].end?.outcome == .interrupted)
        #expect(exchanges[2].durationNanoseconds == 2_000_000_000)
        #expect(exchanges[1].receivedBytes == Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK".utf8))
    }

    @Test func aJobIsReportedStartedWhenItsRequestIsCompleteBeforeLaterExchanges() throws {
        let items = try TranscriptReader.read(Self.sample())
        let order = items.compactMap { item -> String? in
            switch item {
            case .jobStarted(let exchange): "start \(exchange.number)"
            case .exchange(let exchange): "end \(exchange.number)"
            case .command: nil
            }
        }
        #expect(order == ["end 1", "start 2", "end 3", "end 2"])
    }

    @Test func aRecordingCutShortKeepsEverythingBeforeTheCut() throws {
        let items = try TranscriptReader.read(Self.sample(cutAfterJobStart: true))
        guard case .exchange(let last)? = items.last else {
            Issue.record("the cut exchange was not handed on")
            return
        }
        #expect(last.number == 2)
        #expect(last.end == nil)
        #expect(last.receivedBytes == Array("HTTP/1.1 200 OK\r\n".utf8))
        #expect(last.durationNanoseconds == 5_000)
    }

    @Test func commandsAreReportedAndAMultiLineBodyStaysOneCommand() throws {
        let text = TranscriptFormat.magic + "\nset a = 1\nPOST /x {\n  \"a\": 1\n}\n#= 1 POST /x\n"
        let items = try TranscriptReader.read(text)
        guard case .exchange(let exchange)? = items.last else {
            Issue.record("no exchange")
            return
        }
        #expect(exchange.command == "POST /x {\n  \"a\": 1\n}")
        #expect(items.first == .command("set a = 1", line: 2))
    }

    private func error(_ text: String) -> TranscriptError? {
        do {
            _ = try TranscriptReader.read(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func everyFormatErrorNamesTheLineAndWhatWasExpected() {
        let magic = TranscriptFormat.magic + "\n"
        #expect(
            error("GET /_ping\n")
                == TranscriptError(
                    line: 1,
                    """
                    not a sockshell recording: the first line should be '# sockshell recording 1' (record FILE makes \
                    one)
                    """
                ))
        #expect(
            error("# sockshell recording 7\n")
                == TranscriptError(
                    line: 1, "this recording's format is '7', and this sockshell reads format 1: use a newer sockshell")
        )
        #expect(
            error("")
                == TranscriptError(
                    line: 1,
                    "the file is empty: a recording starts with '# sockshell recording 1' (record FILE makes one)"))
        #expect(
            error(magic + "#> GET / HTTP/1.1\\r\\n\n")
                == TranscriptError(
                    line: 2,
                    """
                    wire bytes with no #@ line above them to say which exchange they belong to (each run of bytes \
                    starts with '#@ N SECONDS')
                    """
                ))
        #expect(
            error(magic + "#= x GET /\n")
                == TranscriptError(line: 2, "expected '#= N METHOD TARGET' to open an exchange, as in #= 1 GET /_ping"))
        #expect(
            error(magic + "#= 1 GET / bogus\n")
                == TranscriptError(
                    line: 2,
                    "unknown field 'bogus' on the #= line (expected job, at=TIME, conn=N, client=NAME or on=ENDPOINT)"))
        #expect(
            error(magic + "#= 1 GET /\n#@ 1 soon\n")
                == TranscriptError(
                    line: 3,
                    "expected '#@ N SECONDS' (an exchange number and the seconds since it began, as in #@ 1 0.002710)"))
        #expect(
            error(magic + "#= 1 GET /\n#@ 2 0.1\n")
                == TranscriptError(line: 3, "#@ names exchange 2, which has no open '#= 2 ...' line above it"))
        #expect(
            error(magic + "#= 1 GET /\n#@ 1 0.1\n#> a\n#< b\n")
                == TranscriptError(
                    line: 5, "a run mixes written (#>) and read (#<) lines: start a new run with a '#@ 1 SECONDS' line")
        )
        #expect(
            error(magic + "#= 1 GET /\n#@ 1 0.1\n#> a\\q\n")
                == TranscriptError(line: 4, "unknown escape \\q (the escapes are \\r \\n \\t \\\\ and \\xHH)"))
        #expect(
            error(magic + "#= 1 GET /\n#. 1 finished 0.1\n")
                == TranscriptError(line: 3, "expected '#. N complete|interrupted|failed SECONDS' to close an exchange"))
        #expect(
            error(magic + "#. 4 complete 0.1\n")
                == TranscriptError(line: 2, "#. closes exchange 4, which has no open '#= 4 ...' line above it"))
        #expect(
            error(magic + "#= 1 GET /\n#. 1 complete 0.1\n#= 1 GET /\n")
                == TranscriptError(
                    line: 4, "exchange 1 is opened a second time: each #= line needs a new, higher number"))
    }

    @Test func aLineCutBeforeACombiningCharacterKeepsEveryByte() throws {
        // 254 bytes, then 👍 and the skin-tone modifier: the cut at 256 bytes falls between them.
        let bytes = Array((String(repeating: "a", count: 254) + "👍🏽 ok").utf8)
        var text =
            TranscriptFormat.magic + "\n"
            + TranscriptWriter.exchangeStart(
                number: 1, method: "GET", target: "/", job: false, startedAt: nil, endpoint: nil)
        text += TranscriptWriter.run(number: 1, direction: .received, offsetNanoseconds: 0, bytes: bytes[...])
        guard case .exchange(let exchange)? = try TranscriptReader.read(text).last else {
            Issue.record("no exchange")
            return
        }
        #expect(exchange.receivedBytes == bytes)
    }

    @Test func aTargetWithSpacesStaysOneWordAndTheRequestIsTheLastRunWritten() throws {
        var text =
            TranscriptFormat.magic + "\n"
            + TranscriptWriter.exchangeStart(
                number: 1, method: "GET", target: "/x?a=b c", job: false, startedAt: nil, endpoint: nil)
        text += TranscriptWriter.run(
            number: 1, direction: .sent, offsetNanoseconds: 0, bytes: Array("first try".utf8)[...])
        text += TranscriptWriter.run(
            number: 1, direction: .sent, offsetNanoseconds: 5, bytes: Array("second try".utf8)[...])
        guard case .exchange(let exchange)? = try TranscriptReader.read(text).last else {
            Issue.record("no exchange")
            return
        }
        #expect(exchange.target == "/x?a=b%20c")
        #expect(
            exchange.sentBytes == Array("second try".utf8),
            "a request sent again on a new connection is sent once on replay")
    }

    @Test func aTappedExchangeKeepsItsConnectionAndClientAndEverySentRun() throws {
        let client = "docker (pid 4242, uid 0)"
        var text =
            TranscriptFormat.magic + "\n"
            + TranscriptWriter.exchangeStart(
                number: 1, method: "POST", target: "/v1.41/build", job: true, startedAt: "2026-12-04T00:00:00.000Z",
                endpoint: "unix:/var/run/docker.sock", tapped: TappedClient(connection: 3, client: client))
        #expect(text.contains(" conn=3 client=docker%20(pid%204242,%20uid%200) on=unix:/var/run/docker.sock\n"))
        // A tapped client's request arrives in pieces: its head, then its body as it was read.
        for (offset, piece) in ["POST /v1.41/build HTTP/1.1\r\n\r\n", "tar part 1", "tar part 2"].enumerated() {
            text += TranscriptWriter.run(
                number: 1, direction: .sent, offsetNanoseconds: UInt64(offset), bytes: Array(piece.utf8)[...])
        }
        text += TranscriptWriter.run(
            number: 1, direction: .received, offsetNanoseconds: 9, bytes: Array("HTTP/1.1 200 OK\r\n".utf8)[...])
        let items = try TranscriptReader.read(text)
        // The job starts (replay sends it) when its answer begins, with every piece of the request.
        guard case .jobStarted(let started)? = items.first, case .exchange(let exchange)? = items.last else {
            Issue.record("expected the job's start, then the exchange: \(items)")
            return
        }
        #expect(started.sentBytes == Array("POST /v1.41/build HTTP/1.1\r\n\r\ntar part 1tar part 2".utf8))
        #expect(started.receivedBytes.isEmpty)
        #expect(exchange.tapped == TappedClient(connection: 3, client: client))
        #expect(exchange.isJob)
        #expect(exchange.endpoint == "unix:/var/run/docker.sock")
        #expect(exchange.sentBytes == Array("POST /v1.41/build HTTP/1.1\r\n\r\ntar part 1tar part 2".utf8))
        // A recording from before taps has no such fields and reads as it did.
        let old = try TranscriptReader.read(Self.sample())
        #expect(old.allSatisfy { if case .exchange(let exchange) = $0 { exchange.tapped == nil } else { true } })
    }

    @Test func hugeTimingsAreErrorsNotCrashes() {
        let text = TranscriptFormat.magic + "\n#= 1 GET /\n#@ 1 99999999999.0\n"
        #expect(
            throws: TranscriptError(
                line: 3,
                "expected '#@ N SECONDS' (an exchange number and the seconds since it began, as in #@ 1 0.002710)")
        ) { try TranscriptReader.read(text) }
        #expect(throws: TranscriptError(line: 3, "expected '#> ' (with a space) and then the bytes, escaped")) {
            try TranscriptReader.read(TranscriptFormat.magic + "\n#= 1 GET /\n#>x\n")
        }
    }

    @Test func secondsParseExactly() {
        #expect(TranscriptReader.nanoseconds("0.002710") == 2_710_000)
        #expect(TranscriptReader.nanoseconds("12") == 12_000_000_000)
        #expect(TranscriptReader.nanoseconds("1.5") == 1_500_000_000)
        #expect(TranscriptReader.nanoseconds("1.") == nil)
        #expect(TranscriptReader.nanoseconds("-1") == nil)
        #expect(TranscriptWriter.seconds(2_710_000) == "0.002710")
        #expect(TranscriptWriter.seconds(12_000_340_000) == "12.000340")
    }
}

struct TranscriptLinesTests {
    static let text =
        """
        # sockshell recording 1\r\nGET /_ping\n\n#= 12 GET /_ping\n#@ 12 0.000001\n#> GET\n#<x\n#=x\n#. 12 complete \
        0.1 · ok\n  \t\nno newline
        """

    @Test func linesCarryTheirOffsetsAndKinds() {
        let lines = TranscriptLines.lines(of: Array(Self.text.utf8))
        #expect(
            lines.map(\.kind) == [
                .comment, .command, .blank, .exchangeStart(number: 12), .runStart(number: 12), .sent, .received,
                .comment,
                .exchangeEnd(number: 12), .blank, .command,
            ])
        let bytes = Array(Self.text.utf8)
        for line in lines {
            // Each offset is where the line's text starts in the file.
            #expect(Array(bytes[line.offset..<(line.offset + line.text.utf8.count)]) == Array(line.text.utf8))
        }
        // The CR stays in the text; the format's rules read the content without it.
        #expect(lines[0].text == "# sockshell recording 1\r")
        #expect(lines[0].content == TranscriptFormat.magic[...])
        #expect(lines.last?.text == "no newline")
    }

    @Test func anySplitOfTheBytesGivesTheSameLines() {
        let bytes = Array(Self.text.utf8)
        let whole = TranscriptLines.lines(of: bytes)
        for cut in 0...bytes.count {
            var splitter = TranscriptLines()
            var lines: [TranscriptLine] = []
            splitter.append(bytes[..<cut])
            while let line = splitter.next() { lines.append(line) }
            splitter.append(bytes[cut...])
            splitter.finish()
            while let line = splitter.next() { lines.append(line) }
            #expect(lines == whole, "cut at \(cut)")
        }
    }

    @Test func aStartOffsetCountsFromWhereReadingBegan() {
        var splitter = TranscriptLines(offset: 100)
        splitter.append(Array("#. 3 complete 0.1\nx".utf8)[...])
        splitter.finish()
        #expect(splitter.next() == TranscriptLine(text: "#. 3 complete 0.1", offset: 100))
        #expect(splitter.next()?.offset == 118)
        #expect(splitter.next() == nil)
    }

    @Test func markersNeedTheirSpaceAndNumbersAreOptional() {
        #expect(TranscriptLine(text: "#=", offset: 0).kind == .comment)
        #expect(TranscriptLine(text: "#@1 0.1", offset: 0).kind == .comment)
        #expect(TranscriptLine(text: "#= x GET /", offset: 0).kind == .exchangeStart(number: nil))
        #expect(TranscriptLine(text: "#. 7\r", offset: 0).kind == .exchangeEnd(number: 7))
        #expect(TranscriptLine(text: "#", offset: 0).kind == .comment)
        #expect(TranscriptLine(text: "", offset: 0).kind == .blank)
    }
}
