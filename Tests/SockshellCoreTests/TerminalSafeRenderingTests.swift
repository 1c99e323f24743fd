import Testing

@testable import SockshellCore

/// Every view, with standard output a terminal and not: on a terminal nothing the server sent
/// can act on it (no raw ESC, BEL, C1); to a pipe the bytes are exact.
struct TerminalSafeRenderingTests {
    /// Sets the window title, clears the screen, and a C1 CSI (U+009B) that a UTF-8 terminal may obey.
    static let hostileBody = "\u{1B}]0;pwned\u{07}\u{1B}[2Jhello \u{9B}31m\n"
    /// A C1 control in the reason phrase and in a header value: obs-text, which HTTP allows.
    static let response = Array(
        ("""
        HTTP/1.1 200 OK\u{9B}2J\r\nContent-Type: text/plain\r\nX-Title: \u{9B}]0;pwned\r\nContent-Length: \
        \(hostileBody.utf8.count)\r\n\r\n
        """
            + hostileBody).utf8)

    private func render(
        _ options: RenderOptions, target: String = "/x", response: [UInt8] = response, splitAt: Int? = nil
    ) throws -> [UInt8] {
        var renderer = ExchangeRendering.renderer(for: options, requestTarget: target)
        var out: [UInt8] = []
        renderer.connection(
            ConnectionNote(number: 1, endpoint: .unix(path: "/var/run/docker.sock"), reused: false), into: &out)
        renderer.request(Array("GET \(target) HTTP/1.1\r\nHost: docker\r\n\r\n".utf8), into: &out)
        var parser = HTTPMessageReader(requestMethod: "GET")
        var head: ResponseHead?
        let cut = splitAt ?? response.count
        for piece in [response[..<cut], response[cut...]] {
            let events = try parser.feed(Array(piece))
            for case .head(let parsed, _, _) in events { head = parsed }
            renderer.response(events, into: &out)
        }
        renderer.finish(
            ExchangeSummary(
                status: head?.status, reason: head?.reason ?? "", bodyBytes: 0, totalNanoseconds: 1_000_000,
                firstByteNanoseconds: nil, outcome: .complete),
            into: &out)
        return out
    }

    /// Bytes a terminal would act on: any ESC or BEL, a lone CR, a C1 control, bytes not UTF-8.
    private func actsOnTerminal(_ out: [UInt8]) -> Bool {
        String(validating: out, as: UTF8.self) == nil || TerminalBytes.controlCount(out) > 0
    }

    @Test("on a terminal no view lets a server byte act on it", arguments: ViewMode.allCases)
    func terminalGetsNoControlBytes(view: ViewMode) throws {
        let out = try render(RenderOptions(view: view, terminal: true))
        #expect(!actsOnTerminal(out), "\(view): \(String(decoding: out, as: UTF8.self).debugDescription)")
    }

    @Test("on a terminal with colour only our own SGR sequences are there", arguments: ViewMode.allCases)
    func colourIsTheOnlyEscape(view: ViewMode) throws {
        let out = try render(RenderOptions(view: view, color: true, terminal: true))
        var index = 0
        while let escape = out[index...].firstIndex(of: 0x1B) {
            var end = escape + 1
            #expect(end < out.count && out[end] == UInt8(ascii: "["))
            end += 1
            while end < out.count,
                out[end] == UInt8(ascii: ";") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(out[end])
            { end += 1 }
            #expect(
                end < out.count && out[end] == UInt8(ascii: "m"), "\(view): an escape that is not colour at \(escape)")
            index = end
        }
        #expect(!String(decoding: out, as: UTF8.self).contains("\u{9B}"))
    }

    @Test func theBodyViewShowsTheEscapedFormOnATerminalAndTheExactBytesToAPipe() throws {
        let shown = String(decoding: try render(RenderOptions(view: .body, terminal: true)), as: UTF8.self)
        #expect(shown == "⟨1b⟩]0;pwned⟨07⟩⟨1b⟩[2Jhello ⟨c2⟩⟨9b⟩31m\n")
        #expect(try render(RenderOptions(view: .body, terminal: false)) == Array(Self.hostileBody.utf8))
    }

    @Test func anInteractiveTTYSessionPassesTheBytes() throws {
        let options = RenderOptions(view: .body, terminal: true, passesControlBytes: true)
        #expect(try render(options) == Array(Self.hostileBody.utf8))
    }

    @Test func thePrettyViewEscapesStatusHeadersAndBodyOnATerminal() throws {
        let shown = String(decoding: try render(RenderOptions(view: .pretty, terminal: true)), as: UTF8.self)
        #expect(shown.contains("HTTP/1.1 200 OK⟨c2⟩⟨9b⟩2J\n"))
        #expect(shown.contains("X-Title: ⟨c2⟩⟨9b⟩]0;pwned\n"))
        #expect(shown.contains("⟨1b⟩]0;pwned⟨07⟩⟨1b⟩[2Jhello ⟨c2⟩⟨9b⟩31m\n"))
        #expect(shown.contains("* 200 OK⟨c2⟩⟨9b⟩2J"))
        // A pipe gets the body as it came, shown as text (a few controls do not make it binary).
        let piped = try render(RenderOptions(view: .pretty, terminal: false))
        #expect(String(decoding: piped, as: UTF8.self).contains(Self.hostileBody))
    }

    @Test func theWireViewShowsC1AsHexAndEscapesItsSummaryOnATerminal() throws {
        for terminal in [false, true] {
            let shown = String(decoding: try render(RenderOptions(view: .wire, terminal: terminal)), as: UTF8.self)
            #expect(shown.contains("< HTTP/1.1 200 OK⟨c2⟩⟨9b⟩2J␍␊\n"))
            #expect(shown.contains("< ⟨1b⟩]0;pwned⟨07⟩⟨1b⟩[2Jhello ⟨c2⟩⟨9b⟩31m␊\n"))
            #expect(shown.contains(terminal ? "* 200 OK⟨c2⟩⟨9b⟩2J ·" : "* 200 OK\u{9B}2J ·"))
        }
    }

    @Test func theJSONViewWritesControlsAsUnicodeEscapesOnATerminal() throws {
        let shown = String(decoding: try render(RenderOptions(view: .json, terminal: true)), as: UTF8.self)
        #expect(shown.contains(#""body":"\u001b]0;pwned\u0007\u001b[2Jhello \u009b31m\n""#))
        #expect(shown.contains(#""reason":"OK\u009b2J""#))
        let piped = String(decoding: try render(RenderOptions(view: .json, terminal: false)), as: UTF8.self)
        #expect(piped.contains(#""reason":"OK"# + "\u{9B}" + #"2J""#))
    }

    @Test func theHexViewEscapesOnlyItsSummary() throws {
        let shown = String(decoding: try render(RenderOptions(view: .hex, terminal: true)), as: UTF8.self)
        #expect(shown.contains("< 00000000  48 54 54 50"), "the response is dumped")
        #expect(shown.contains("* 200 OK⟨c2⟩⟨9b⟩2J ·"))
    }

    @Test func dockerStreamFramePayloadsAreEscapedInThePrettyView() throws {
        let payload = Array("\u{1B}[2Jcleared\n".utf8)
        let frame = [1, 0, 0, 0, 0, 0, 0, UInt8(payload.count)] + payload
        let response =
            Array(
                """
                HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\nContent-Length: \
                \(frame.count)\r\n\r\n
                """
                .utf8) + frame
        let target = "/containers/x/logs?stdout=1"
        let shown = String(
            decoding: try render(RenderOptions(view: .pretty, terminal: true), target: target, response: response),
            as: UTF8.self)
        #expect(shown.contains("⟨1b⟩[2Jcleared\n"))
        let body = try render(RenderOptions(view: .body, terminal: true), target: target, response: response)
        #expect(!actsOnTerminal(body))
        #expect(try render(RenderOptions(view: .body), target: target, response: response) == frame)
    }

    @Test("on a terminal every view is the same wherever the reads split", arguments: ViewMode.allCases)
    func readBoundariesDoNotChangeTheEscapes(view: ViewMode) throws {
        let body = "line\r\nover\rwritten \u{9B}x 한\r\n"
        let response = Array("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n\(body)".utf8)
        let whole = try render(RenderOptions(view: view, terminal: true), response: response)
        for cut in 0...response.count {
            #expect(
                try render(RenderOptions(view: view, terminal: true), response: response, splitAt: cut) == whole,
                "\(view) split at \(cut)")
        }
    }

    @Test func shownEscapesOnlyOnATerminalAndNotForATTYSession() {
        let text = "reason \u{1B}[2J"
        #expect(RenderOptions(terminal: true).shown(text) == "reason ⟨1b⟩[2J")
        #expect(RenderOptions(ascii: true, terminal: true).shown(text) == "reason \\x1b[2J")
        #expect(RenderOptions(terminal: false).shown(text) == text)
        #expect(RenderOptions(terminal: true, passesControlBytes: true).shown(text) == text)
        #expect(RenderOptions(view: .body, terminal: true).viewing(.wire) == RenderOptions(view: .wire, terminal: true))
    }

    @Test func completionNeverOffersANameThatWouldControlTheTerminal() {
        let id = "f5dd99791a38c6e1d1a0e6b2b3a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6"
        var knowledge = SessionKnowledge()
        let body = #"[{"Id":"\#(id)","Names":["/web","/\u001b]0;pwned\u0007"]}]"#
        knowledge.learn(
            method: "GET", target: "/containers/json", status: 200, contentType: "application/json",
            body: Array(body.utf8))
        #expect(knowledge.candidates(for: .container) == [id, "web"])
    }
}
