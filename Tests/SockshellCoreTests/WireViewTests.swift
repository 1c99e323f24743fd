import Testing

@testable import SockshellCore

/// `bytes` as about `reads` reads of equal size, as a socket might deliver them.
private func pieces(of bytes: [UInt8], reads: Int) -> [[UInt8]] {
    let step = max(1, bytes.count / reads)
    return stride(from: 0, to: bytes.count, by: step).map { Array(bytes[$0..<min(bytes.count, $0 + step)]) }
}

/// The wire view on any body: long lines folded with their mark, binary bodies shown only as far
/// as it takes to tell what they are, memory bounded on an endless stream.
struct WireViewTests {
    private func renderer(columns: Int? = nil, target: String = "/x") -> WireRenderer {
        WireRenderer(options: RenderOptions(terminal: columns != nil, columns: columns), requestTarget: target)
    }

    private func summary(bodyBytes: Int, number: Int? = 4) -> ExchangeSummary {
        ExchangeSummary(
            status: 200, reason: "OK", bodyBytes: bodyBytes, totalNanoseconds: 1_000_000, firstByteNanoseconds: nil,
            outcome: .complete, number: number)
    }

    /// The answer's lines after its head, as text, with the summary.
    private func answer(
        _ body: [UInt8], head: String? = nil, columns: Int? = nil, reads: Int = 1, number: Int? = 4
    ) throws -> [String] {
        var wire = renderer(columns: columns)
        var parser = HTTPMessageReader(requestMethod: "GET")
        var out: [UInt8] = []
        let response = Array((head ?? "HTTP/1.1 200 OK\r\nContent-Length: \(body.count)\r\n\r\n").utf8) + body
        for piece in pieces(of: response, reads: reads) { wire.response(try parser.feed(piece), into: &out) }
        wire.finish(summary(bodyBytes: body.count, number: number), into: &out)
        let lines = String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init)
        return Array(lines.drop { $0 != "< ␍␊" }.dropFirst())
    }

    static let howToSee = "show 4 hex dumps it, view hex shows every byte"

    @Test func aLongLineIsFoldedAtTheWidthWithItsMarkOnEveryScreenLine() throws {
        let body = Array((String(repeating: "abcdefghij", count: 5) + "\nend\n").utf8)
        // 30 columns: the mark and its space leave 28 for text.
        let lines = try answer(body, columns: 30)
        #expect(
            lines == [
                "< abcdefghijabcdefghijabcdefgh", "< ijabcdefghijabcdefghij␊", "< end␊",
                "* #4 200 OK · 55 B · 1.0 ms",
            ])
        // Whatever the reads: the fold does not depend on where they split.
        for reads in [2, 7, 30, 200] { #expect(try answer(body, columns: 30, reads: reads) == lines, "\(reads) reads") }
        // A pipe or a file gets whole lines.
        #expect(try answer(body).first == "< " + String(repeating: "abcdefghij", count: 5) + "␊")
    }

    @Test func hexNotationAndWideCharactersFoldWhole() throws {
        // 20 columns leave 18: four ⟨xx⟩ (16 columns) fit, the fifth goes to the next line;
        // a wide character (two columns) is not split across screen lines either.
        let lines = try answer(
            [0, 1, 2, 3, 4] + Array("abcdefghijklmnop日本\n".utf8), head: "HTTP/1.1 200 OK\r\n\r\n", columns: 20)
        #expect(lines.prefix(3) == ["< ⟨00⟩⟨01⟩⟨02⟩⟨03⟩", "< ⟨04⟩abcdefghijklmn", "< op日本␊"])
    }

    @Test func withASCIIALineEndTakesTwoColumns() throws {
        var wire = WireRenderer(options: RenderOptions(ascii: true, terminal: true, columns: 20), requestTarget: "/x")
        var out: [UInt8] = []
        wire.request(Array("ABCDEFGHIJKLMNOPQ\r\n\r\n".utf8), into: &out)
        // 18 columns after `> `: 17 characters, and \r needs two, so it starts the next screen line.
        #expect(String(decoding: out, as: UTF8.self) == "> ABCDEFGHIJKLMNOPQ\n> \\r\\n\n> \\r\\n\n")
    }

    @Test func aFrameHeaderIsNeverFolded() throws {
        var wire = renderer(columns: 24, target: "/containers/c/logs?stdout=1")
        var parser = HTTPMessageReader(requestMethod: "GET")
        var out: [UInt8] = []
        let frame: [UInt8] = [1, 0, 0, 0, 0, 0, 0, 3] + Array("hi\n".utf8)
        wire.response(
            try parser.feed(Array("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n".utf8) + frame), into: &out)
        #expect(
            String(decoding: out, as: UTF8.self).hasSuffix(
                "< ⟨01⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨03⟩  (stdout frame, 3 B)\n< hi␊\n"))
    }

    /// A container export: a tar's first bytes (a name, then NULs), 1.9 MiB in all.
    static let export: [UInt8] = {
        var tar = Array("etc/hostname".utf8) + [UInt8](repeating: 0, count: 88)
        tar += [UInt8](repeating: 0, count: 2_000_000 - tar.count)
        return tar
    }()

    @Test func aBinaryBodyShowsItsFirstBytesThenOneLineOnHowMuchMoreAndHowToSeeIt() throws {
        for reads in [1, 3, 100] {
            let lines = try answer(Self.export, reads: reads)
            let shown = WireRenderer.binaryPreviewBytes
            let more = Measure.bytes(Self.export.count - shown)
            #expect(lines.count == 3, "\(reads) reads: \(lines.count) lines")
            #expect(lines.first?.hasPrefix("< etc/hostname⟨00⟩⟨00⟩") == true)
            #expect(lines.first?.components(separatedBy: "⟨00⟩").count == shown - 12 + 1)
            #expect(
                lines.dropFirst().first
                    == "* … \(more) more of the answer not shown: binary data (\(Self.howToSee))"
            )
            #expect(lines.last == "* #4 200 OK · 1.9 MiB · 1.0 ms")
        }
        // A tap's view has no numbers to offer.
        #expect(
            try answer(Self.export, number: nil).dropFirst().first?.hasSuffix("(view hex shows every byte)") == true)
    }

    @Test func textOfAnyLengthAndAFewEscapesIsShownWhole() throws {
        // A coloured log line is text: its escapes are few.
        let line = "\u{1B}[31mred\u{1B}[0m " + String(repeating: "x", count: 80) + "\n"
        let body = Array(String(repeating: line, count: 50).utf8)
        let lines = try answer(body)
        #expect(lines.count == 51)
        #expect(!lines.contains { $0.contains("not shown") })
    }

    @Test func aChunkedBinaryStreamHidesItsChunkLinesWithItsBytes() throws {
        let chunk = [UInt8](repeating: 0xFF, count: 300)
        var body: [UInt8] = []
        for _ in 0..<4 { body += Array("12c\r\n".utf8) + chunk + Array("\r\n".utf8) }
        body += Array("0\r\n\r\n".utf8)
        let lines = try answer(body, head: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        #expect(lines.first == "< 12c␍␊  (chunk 300 B)")
        #expect(lines.filter { $0.contains("(chunk ") }.count == 1, "\(lines)")
        #expect(lines.count == 4, "the preview, the line, the summary: \(lines)")
        #expect(
            lines.contains(
                "* … \(Measure.bytes(1200 - 256)) more of the answer not shown: binary data (\(Self.howToSee))"
            ))
    }

    @Test func aBinaryRequestBodyIsCutAfterItsWholeHead() throws {
        var wire = renderer()
        var out: [UInt8] = []
        let head = "POST /images/load HTTP/1.1\r\nHost: docker\r\nContent-Length: 4096\r\n\r\n"
        wire.request(Array(head.utf8) + [UInt8](repeating: 0x00, count: 4096), into: &out)
        wire.finish(summary(bodyBytes: 0, number: 9), into: &out)
        let lines = String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(
            lines.prefix(4) == [
                "> POST /images/load HTTP/1.1␍␊", "> Host: docker␍␊", "> Content-Length: 4096␍␊",
                "> ␍␊",
            ])
        let preview = lines.dropFirst(4).first?.components(separatedBy: "⟨00⟩")
        #expect(preview?.count == WireRenderer.binaryPreviewBytes + 1)
        #expect(lines.contains { $0.hasPrefix("* … 3.8 KiB more of the request not shown: binary data (show 9 hex") })
    }

    /// An endless binary stream (here 64 MiB after a 101, in 256 KiB reads): once the preview is
    /// shown, a read adds nothing to the output, and the record keeps its window; memory is flat.
    @Test func memoryStaysBoundedOnAnEndlessBinaryStream() throws {
        var wire = renderer(columns: 80, target: "/containers/c/attach?stream=1")
        var parser = HTTPMessageReader(requestMethod: "POST")
        var record = ExchangeRecord(number: 1, endpoint: .unix(path: "/s"), method: "POST", target: "/x")
        var out: [UInt8] = []
        let head = Array("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n".utf8)
        wire.response(try parser.feed(head), into: &out)
        record.append(.received, at: 0, bytes: head[...])
        var read = [UInt8](repeating: 0, count: 256 * 1024)
        for index in read.indices { read[index] = UInt8(truncatingIfNeeded: index &* 7919 >> 3) }
        var largestAfterPreview = 0
        var total = out.count
        for step in 0..<256 {
            var piece: [UInt8] = []
            wire.response(try parser.feed(read), into: &piece)
            record.append(.received, at: UInt64(step), bytes: read[...])
            if step > 0 { largestAfterPreview = max(largestAfterPreview, piece.count) }
            total += piece.count
        }
        #expect(largestAfterPreview == 0)
        #expect(total < 8 * 1024, "the view wrote \(total) bytes for 64 MiB")
        #expect(record.keptBytes <= ExchangeRecord.windowBytes)
        var end: [UInt8] = []
        wire.finish(summary(bodyBytes: 64 * 1024 * 1024, number: 1), into: &end)
        #expect(String(decoding: end, as: UTF8.self).contains("* … 64.0 MiB more of the answer not shown"))
    }
}

/// The pretty view's rules: one line per Docker event, a TTY's coloured logs as text, a large
/// binary body counted.
struct PrettyViewTests {
    private func pretty(
        target: String, head: String, body: [UInt8], terminal: Bool = false, reads: Int = 1
    ) throws -> String {
        var renderer = PrettyRenderer(options: RenderOptions(view: .pretty, terminal: terminal), requestTarget: target)
        var parser = HTTPMessageReader(requestMethod: "GET")
        var out: [UInt8] = []
        for piece in pieces(of: Array(head.utf8) + body, reads: reads) {
            renderer.response(try parser.feed(piece), into: &out)
        }
        renderer.response(try parser.finish(), into: &out)
        renderer.finish(
            ExchangeSummary(
                status: 200, reason: "OK", bodyBytes: body.count, totalNanoseconds: 1_000_000,
                firstByteNanoseconds: nil, outcome: .complete, number: 2), into: &out)
        let text = String(decoding: out, as: UTF8.self)
        return String(text[(text.range(of: "\n\n")?.upperBound ?? text.startIndex)...])
    }

    static let eventsHead = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"

    static func chunked(_ lines: [String]) -> [UInt8] {
        var body = ""
        for line in lines { body += String(line.utf8.count + 1, radix: 16) + "\r\n" + line + "\n\r\n" }
        return Array((body + "0\r\n\r\n").utf8)
    }

    static let id = "2c11f1d6c5245b0c5e1f8d4f0e8f1b1f2a9b4d3c6e7f8091a2b3c4d5e6f70819"

    @Test func eachDockerEventIsOneShortLine() throws {
        let events = [
            #"{"status":"start","id":"\#(Self.id)","from":"busybox","Type":"container","Action":"start","#
                + #""Actor":{"ID":"\#(Self.id)","Attributes":{"image":"busybox","name":"ux-4"}},"#
                + #""scope":"local","time":1}"#,
            #"{"Type":"network","Action":"connect","Actor":{"ID":"\#(Self.id)","#
                + #""Attributes":{"container":"\#(Self.id)","#
                + #""name":"bridge","type":"bridge"}}}"#,
            #"{"status":"pull","id":"busybox:latest","Type":"image","Action":"pull","Actor":{"ID":"busybox:latest","#
                + #""Attributes":{"name":"busybox"}}}"#,
            #"{"status":"destroy","id":"\#(Self.id)"}"#,
            #"{"not":"an event"}"#,
        ]
        for reads in [1, 5, 40] {
            let text = try pretty(
                target: "/v1.41/events?since=1", head: Self.eventsHead, body: Self.chunked(events), reads: reads)
            #expect(
                text
                    == """
                    container start ux-4 (2c11f1d6c524)
                    network connect bridge (2c11f1d6c524) container 2c11f1d6c524
                    image pull busybox (busybox:latest)
                    container destroy 2c11f1d6c524
                    {"not":"an event"}
                    * #2 200 OK · 827 B · 1.0 ms

                    """, "\(reads) reads")
        }
    }

    @Test func anEventNameIsEscapedOnATerminal() throws {
        let event =
            #"{"Type":"container","Action":"start","Actor":{"ID":"x","Attributes":{"name":"\u001b]0;t\u0007"}}}"#
        let text = try pretty(target: "/events", head: Self.eventsHead, body: Self.chunked([event]), terminal: true)
        #expect(text.hasPrefix("container start ⟨1b⟩]0;t⟨07⟩ (x)\n"))
    }

    /// Field notes 10 and 27: a TTY container's logs, colour codes, a title and a clear included.
    static let ttyLogs = Array(
        ("hello \u{1B}]0;pwned-title\u{07}\u{1B}[31mRED\u{1B}[0m \u{1B}[2J done\r\n"
            + "\u{1B}[1;34mbin\u{1B}[m \u{1B}[1;34mdev\u{1B}[m\r\n\u{1B}[1;31m!\u{1B}[0m\u{1B}[1;32m?\u{1B}[0m\r\n")
            .utf8)

    @Test func aTTYContainersColouredLogsAreTextEscapedOnATerminal() throws {
        #expect(TerminalBytes.isText(Self.ttyLogs))
        let head = "HTTP/1.1 200 OK\r\nContent-Length: \(Self.ttyLogs.count)\r\n\r\n"
        let text = try pretty(
            target: "/containers/ux-esc/logs?stdout=1", head: head, body: Self.ttyLogs, terminal: true)
        #expect(
            text.hasPrefix("hello ⟨1b⟩]0;pwned-title⟨07⟩⟨1b⟩[31mRED⟨1b⟩[0m ⟨1b⟩[2J done\r\n"),
            "\(text)")
        #expect(!text.contains("binary data"))
        // Controls outside escape sequences still make a body binary.
        #expect(!TerminalBytes.isText([0x1B, 0x01, 0x02, 0x61, 0x62, 0x63]))
        #expect(!TerminalBytes.isText(Array("\u{1B}[".utf8) + [0x01, 0x02, 0x03]))
    }

    @Test func aLargeBinaryBodyIsCountedNotShown() throws {
        let size = PrettyRenderer.indentBufferLimit + 1_000_000
        let head = "HTTP/1.1 200 OK\r\nContent-Length: \(size)\r\n\r\n"
        let text = try pretty(
            target: "/containers/c/export", head: head, body: [UInt8](repeating: 0, count: size), reads: 20)
        #expect(
            text == """
                (5.0 MiB of binary data: view hex shows it, view body writes it as is)
                * #2 200 OK · 5.0 MiB · 1.0 ms

                """)
    }
}
