import SockshellCore
import Testing

/// What a tap prints for its notices, and the summary and allow-list it writes on exit.
@Suite struct TapViewTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func aConnectionIsNumberedLabelledAndSummedUp() {
        var view = TapView(options: RenderOptions(ascii: true))
        let out = view.show([
            .opened(connection: 1, client: "docker (pid 7, uid 0)"),
            .bytes(connection: 1, direction: .toServer, bytes(TapObserverTests.ping), at: 1_000_000),
            .bytes(connection: 1, direction: .toClient, bytes(TapObserverTests.pingAnswer), at: 1_400_000),
            .ended(connection: 1, direction: .toServer, at: 2_000_000),
            .ended(connection: 1, direction: .toClient, at: 2_000_000),
            .closed(connection: 1, reason: "closed: both sides finished", at: 2_000_000),
        ])
        let lines = text(out).split(separator: "\n").map(String.init)
        #expect(lines.first == "* #1 opened by docker (pid 7, uid 0)")
        #expect(lines.contains("1> HEAD /_ping HTTP/1.1\\r\\n"))
        #expect(lines.contains("1< HTTP/1.1 200 OK\\r\\n"))
        #expect(lines.contains("* #1 HEAD /_ping · 200 OK · 0 B · 400 µs"))
        #expect(lines.contains("* #1 the client finished sending (C>S EOF, passed on as a half-close)"))
        #expect(lines.last == "* #1 closed: both sides finished")
        #expect(view.openConnections == 0)
        #expect(view.exchanges.map(\.client) == ["docker (pid 7, uid 0)"])
    }

    @Test func linesOfTwoConnectionsNeverShareALine() {
        var view = TapView(options: RenderOptions(ascii: true))
        let out = view.show([
            .opened(connection: 1, client: "a"),
            .opened(connection: 2, client: "b"),
            // Half a body on #1, then #2 writes, then #1 goes on: heads are shown whole, bodies as they come.
            .bytes(
                connection: 1, direction: .toServer, bytes("POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\nhello"), at: 1
            ),
            .bytes(connection: 2, direction: .toServer, bytes(TapObserverTests.ping), at: 2),
            .bytes(connection: 1, direction: .toServer, bytes("world"), at: 3),
        ])
        let lines = text(out).split(separator: "\n").map(String.init)
        let hello = lines.firstIndex(of: "1> hello")
        let ping = lines.firstIndex(of: "2> HEAD /_ping HTTP/1.1\\r\\n")
        let world = lines.firstIndex(of: "1> world")
        #expect(hello != nil && ping != nil && world != nil, "\(lines)")
        if let hello, let ping, let world { #expect(hello < ping && ping < world) }
    }

    @Test func hijackedOutputShowsItsFrames() {
        var view = TapView(options: RenderOptions(ascii: true))
        let out = view.show([
            .opened(connection: 2, client: "docker (pid 7, uid 0)"),
            .bytes(connection: 2, direction: .toServer, bytes(TapObserverTests.attach), at: 1),
            .bytes(
                connection: 2, direction: .toClient, bytes(TapObserverTests.upgraded) + TapObserverTests.helloFrame,
                at: 2),
        ])
        let shown = text(out)
        #expect(shown.contains("stdout frame, 6 B"), "\(shown)")
        #expect(shown.contains("2< hello\\n"), "\(shown)")
    }

    @Test func credentialsInRequestHeadsAreMasked() {
        var view = TapView(options: RenderOptions(ascii: true))
        let pull =
            "POST /v1.41/images/create?fromImage=alpine HTTP/1.1\r\nHost: d\r\n"
            + "X-Registry-Auth: eyJ1c2VybmFtZSI6ImEifQ==\r\nContent-Length: 0\r\n\r\n"
        let out = view.show([
            .opened(connection: 1, client: "docker"),
            .bytes(connection: 1, direction: .toServer, bytes(pull), at: 1),
        ])
        #expect(!text(out).contains("eyJ1c2VybmFtZSI6ImEifQ=="))
        #expect(text(out).contains("X-Registry-Auth: "))
    }

    @Test func theSummaryCountsRoutesAndStatusesPerClient() {
        func exchange(_ method: String, _ route: String, _ status: Int?) -> TapExchange {
            TapExchange(
                request: TapRequest(method: method, target: route, route: route, startedAt: 0, asksUpgrade: false),
                status: status, reason: "", responseBytes: 0, nanoseconds: 0, complete: status != nil)
        }
        let summary = TapSummary([
            ("docker (pid 1, uid 0)", exchange("HEAD", "/_ping", 200)),
            ("docker (pid 1, uid 0)", exchange("POST", "/v1.41/containers/{id}/start", 204)),
            ("python3 (pid 2, uid 0)", exchange("GET", "/v1.41/containers/{id}/json", 200)),
            ("python3 (pid 2, uid 0)", exchange("GET", "/v1.41/containers/{id}/json", 404)),
            ("python3 (pid 2, uid 0)", exchange("GET", "/v1.41/containers/{id}/json", 200)),
            ("python3 (pid 2, uid 0)", exchange("GET", "/v1.44/containers/{id}/json", nil)),
        ])
        #expect(
            summary.lines == [
                "docker (pid 1, uid 0):",
                "  HEAD /_ping → 200",
                "  POST /v1.41/containers/{id}/start → 204",
                "python3 (pid 2, uid 0):",
                "  GET /v1.41/containers/{id}/json → 200 ×2, 404",
                "  GET /v1.44/containers/{id}/json → no answer",
            ])
        #expect(
            summary.allowList == """
                # sockshell tap --learn: the routes each client called, one METHOD /route per line
                # docker (pid 1, uid 0)
                HEAD /_ping
                POST /containers/{id}/start
                # python3 (pid 2, uid 0)
                GET /containers/{id}/json

                """)
    }
}
