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

    /// A tar of `files` (name, contents) as `tar` writes one: 512-byte headers, data padded to blocks.
    private func tar(_ files: [(String, String)]) -> [UInt8] {
        var archive: [UInt8] = []
        for (name, contents) in files {
            var header = [UInt8](repeating: 0, count: 512)
            header.replaceSubrange(0..<name.utf8.count, with: name.utf8)
            let size = Array(
                (String(repeating: "0", count: 11 - String(contents.utf8.count, radix: 8).count)
                    + String(contents.utf8.count, radix: 8)).utf8)
            header.replaceSubrange(124..<135, with: size)
            header.replaceSubrange(257..<263, with: Array("ustar".utf8) + [0])
            archive += header + Array(contents.utf8)
            archive += [UInt8](repeating: 0, count: (512 - contents.utf8.count % 512) % 512)
        }
        return archive + [UInt8](repeating: 0, count: 1024)
    }

    @Test func aBuildContextIsSummedUpByItsTarMembersNotShown() {
        var view = TapView(options: RenderOptions(ascii: true))
        let context = tar([("Dockerfile", "FROM busybox\nRUN echo secret-sauce\n"), ("hello.txt", "hi\n")])
        let head =
            "POST /v1.41/build?t=x HTTP/1.1\r\nHost: d\r\nContent-Type: application/x-tar\r\n"
            + "Content-Length: \(context.count)\r\n\r\n"
        let out = text(
            view.show([
                .opened(connection: 1, client: "docker"),
                .bytes(connection: 1, direction: .toServer, bytes(head) + context.prefix(700), at: 1),
                .bytes(connection: 1, direction: .toServer, Array(context.dropFirst(700)), at: 2),
            ]))
        #expect(!out.contains("secret-sauce"), "\(out)")
        #expect(out.contains("* #1 request body: 3.0 KiB, a tar of 2 entries: Dockerfile, hello.txt"), "\(out)")
    }

    @Test func aLargeJSONBodyIsShownInPartAndSummedUp() {
        var view = TapView(options: RenderOptions(ascii: true))
        let body = "[" + String(repeating: "1,", count: 5000) + "1]"
        let out = text(
            view.show([
                .opened(connection: 1, client: "c"),
                .bytes(
                    connection: 1, direction: .toServer,
                    bytes("POST /x HTTP/1.1\r\nHost: d\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body), at: 1),
            ]))
        #expect(out.contains("* #1 request body: 9.8 KiB (the first 4.0 KiB shown)"), "\(out)")
        #expect(!out.contains("1,1]"))
    }

    @Test func aContainerCreatedWithATTYIsAttachedWithoutFrames() {
        var view = TapView(options: RenderOptions(ascii: true))
        let id = "c0ffee"
        let create = #"{"Image":"busybox","Tty":true,"OpenStdin":true}"#
        let created = #"{"Id":"c0ffee","Warnings":[]}"#
        // Bytes that look like a frame header: with a TTY they are the program's own output.
        let looksFramed: [UInt8] = [1, 0, 0, 0, 0, 0, 0, 2] + Array("hi".utf8)
        let out = text(
            view.show([
                .opened(connection: 1, client: "docker"),
                .bytes(
                    connection: 1, direction: .toServer,
                    bytes(
                        "POST /v1.41/containers/create HTTP/1.1\r\nHost: d\r\n"
                            + "Content-Length: \(create.utf8.count)\r\n\r\n" + create),
                    at: 1),
                .bytes(
                    connection: 1, direction: .toClient,
                    bytes("HTTP/1.1 201 Created\r\nContent-Length: \(created.utf8.count)\r\n\r\n" + created), at: 2),
                .opened(connection: 2, client: "docker"),
                .bytes(
                    connection: 2, direction: .toServer, bytes(TapObserverTests.attach.replacingId(with: id)), at: 3),
                .bytes(connection: 2, direction: .toClient, bytes(TapObserverTests.upgraded) + looksFramed, at: 4),
            ]))
        #expect(!out.contains("stdout frame"), "\(out)")
    }

    @Test func theJSONViewWritesOneObjectPerExchangeAndNothingElse() throws {
        var view = TapView(options: RenderOptions(view: .json))
        let out = text(
            view.show([
                .opened(connection: 1, client: "docker (pid 7, uid 0)"),
                .bytes(
                    connection: 1, direction: .toServer,
                    bytes(TapObserverTests.ping + TapObserverTests.version), at: 1),
                .bytes(
                    connection: 1, direction: .toClient,
                    bytes(TapObserverTests.pingAnswer + TapObserverTests.versionAnswer), at: 2),
                .closed(connection: 1, reason: "closed: both sides finished", at: 3),
            ]))
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(out)")
        let objects = try lines.map { try JSONValue.parse(Array($0.utf8)) }
        #expect(
            objects.map { $0["request"]?["line"]?.stringValue } == [
                "HEAD /_ping HTTP/1.1", "GET /v1.41/version HTTP/1.1",
            ])
        #expect(objects.map { $0["connection"]?["number"] } == [.number("1"), .number("1")])
        #expect(objects.map { $0["connection"]?["reused"]?.boolValue } == [false, true])
    }

    @Test func thePrettyViewHeadsEachConnectionsOutput() {
        var view = TapView(options: RenderOptions(view: .pretty))
        let out = text(
            view.show([
                .opened(connection: 1, client: "a"),
                .opened(connection: 2, client: "b"),
                .bytes(connection: 1, direction: .toServer, bytes(TapObserverTests.version), at: 1),
                .bytes(connection: 2, direction: .toServer, bytes(TapObserverTests.ping), at: 2),
                .bytes(connection: 1, direction: .toClient, bytes(TapObserverTests.versionAnswer), at: 3),
            ]))
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.prefix(2) == ["* #1 opened by a", "* #2 opened by b"], "\(out)")
        #expect(lines.contains("> GET /v1.41/version HTTP/1.1"), "\(out)")
        // #2's request line, then #1's answer under a heading that says whose it is.
        let ping = lines.firstIndex(of: "> HEAD /_ping HTTP/1.1")
        let heading = lines.lastIndex(of: "* #1")
        #expect(ping != nil && heading != nil && ping! < heading!, "\(out)")
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

    @Test(arguments: [ViewMode.wire, .pretty, .json])
    func aLoginsPasswordAndIdentityTokenAreMasked(_ mode: ViewMode) {
        var view = TapView(options: RenderOptions(view: mode, ascii: true))
        let login = #"{"username":"me","password":"hunter2","serveraddress":"registry.example"}"#
        let answer = #"{"IdentityToken":"tok-abc123","Status":"Login Succeeded"}"#
        let out = text(
            view.show([
                .opened(connection: 1, client: "docker"),
                .bytes(
                    connection: 1, direction: .toServer,
                    bytes("POST /v1.41/auth HTTP/1.1\r\nHost: d\r\nContent-Length: \(login.utf8.count)\r\n\r\n")
                        + bytes(login), at: 1),
                .bytes(
                    connection: 1, direction: .toClient,
                    bytes("HTTP/1.1 200 OK\r\nContent-Length: \(answer.utf8.count)\r\n\r\n" + answer), at: 2),
            ]))
        #expect(!out.contains("hunter2"), "\(out)")
        #expect(!out.contains("tok-abc123"), "\(out)")
        #expect(out.contains("***"), "\(out)")
        if mode == .wire { #expect(out.contains("* #1 POST /v1.41/auth · 200 OK"), "\(out)") }
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

extension String {
    /// The attach request of TapObserverTests for another container id.
    fileprivate func replacingId(with id: String) -> String {
        var copy = self
        while let range = copy.range(of: TapObserverTests.id) { copy.replaceSubrange(range, with: id) }
        return copy
    }
}
