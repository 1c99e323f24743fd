import SockshellCore
import Testing

/// The tap's passive reading of a connection, fed the bytes the docker CLI and the daemon exchange
/// (docker-tap-notes.md) in the pieces a relay might read them.
@Suite struct TapObserverTests {
    static let id = "b7d7c8e5f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b"

    static let ping =
        "HEAD /_ping HTTP/1.1\r\nHost: api.moby.localhost\r\nUser-Agent: Docker-Client/28.2.2 (linux)\r\n\r\n"
    static let pingAnswer =
        "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    static let version = "GET /v1.41/version HTTP/1.1\r\nHost: api.moby.localhost\r\n\r\n"
    static let versionAnswer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"

    static let attach = attachRequest(host: "api.moby.localhost")

    static func attachRequest(host: String) -> String {
        """
        POST /v1.41/containers/\(id)/attach?stderr=1&stdin=1&stdout=1&stream=1 HTTP/1.1\r
        Host: \(host)\r
        Content-Length: 0\r
        Connection: Upgrade\r
        Content-Type: text/plain\r
        Upgrade: tcp\r
        \r

        """
    }

    static let upgraded =
        "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\n"
        + "Upgrade: tcp\r\n\r\n"
    static let helloFrame: [UInt8] = [1, 0, 0, 0, 0, 0, 0, 6] + Array("hello\n".utf8)

    /// Feeds each piece in its direction at times 1000, 2000, ...; returns every event.
    private func observe(_ pieces: [(TapDirection, [UInt8])], ending: [TapDirection] = []) -> [TapEvent] {
        var observer = TapObserver()
        var events: [TapEvent] = []
        var now: UInt64 = 0
        for (direction, bytes) in pieces {
            now += 1000
            events += observer.observe(bytes[...], direction: direction, now: now)
        }
        for direction in ending {
            now += 1000
            events += observer.end(direction, now: now)
        }
        return events
    }

    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// The bytes the events account for in one direction, in order: must be exactly what was fed.
    private func rebuilt(_ events: [TapEvent], _ direction: TapDirection) -> [UInt8] {
        var result: [UInt8] = []
        for event in events {
            switch event {
            case .message(direction, let message): result += rawBytes(of: [message])
            case .raw(direction, let raw): result += raw
            default: break
            }
        }
        return result
    }

    private func exchanges(_ events: [TapEvent]) -> [TapExchange] {
        events.compactMap { if case .exchange(let exchange) = $0 { exchange } else { nil } }
    }

    private func notes(_ events: [TapEvent]) -> [String] {
        events.compactMap { if case .note(_, let text) = $0 { text } else { nil } }
    }

    @Test func keptAliveRequestsAreMatchedToTheirAnswersInOrder() {
        let sent = bytes(Self.ping + Self.version)
        let answered = bytes(Self.pingAnswer + Self.versionAnswer)
        // Both requests in one read, the answers split mid-head: a relay reads whatever arrived.
        let events = observe([
            (.toServer, sent), (.toClient, Array(answered[0..<30])), (.toClient, Array(answered[30...])),
        ])
        let done = exchanges(events)
        #expect(done.map(\.request.method) == ["HEAD", "GET"])
        #expect(done.map(\.request.route) == ["/_ping", "/v1.41/version"])
        #expect(done.map(\.status) == [200, 200])
        // HEAD's Content-Length: 0 is no body; the version body is 2 bytes.
        #expect(done.map(\.responseBytes) == [0, 2])
        #expect(done.allSatisfy { $0.complete })
        // The HEAD answer's head was complete with the second read of the answer.
        #expect(done[0].nanoseconds == 2000)
        #expect(rebuilt(events, .toServer) == sent)
        #expect(rebuilt(events, .toClient) == answered)
    }

    @Test func anAttachTurnsBothDirectionsRawAndEndsWithTheStream() {
        let frames = bytes(Self.upgraded) + Self.helloFrame
        let events = observe(
            [(.toServer, bytes(Self.attach)), (.toClient, frames), (.toServer, bytes("hello\n"))],
            ending: [.toServer, .toClient])
        let done = exchanges(events)
        #expect(done.count == 1)
        #expect(done.first?.request.route == "/v1.41/containers/{id}/attach")
        #expect(done.first?.status == 101)
        #expect(done.first?.responseBytes == Self.helloFrame.count)
        #expect(done.first?.complete == true)
        #expect(events.contains(.raw(.toServer, bytes("hello\n")[...])))
        #expect(notes(events).contains("raw stream from here (the request asked for an upgrade)"))
        #expect(notes(events).contains("raw stream from here (101 UPGRADED)"))
        #expect(events.filter { if case .ended = $0 { true } else { false } }.count == 2)
        #expect(rebuilt(events, .toServer) == bytes(Self.attach + "hello\n"))
        #expect(rebuilt(events, .toClient) == frames)
    }

    @Test func aChunkedUploadAndAnInterimContinueAreFramed() {
        let build =
            "POST /v1.41/build?t=x HTTP/1.1\r\nHost: docker\r\nTransfer-Encoding: chunked\r\n"
            + "Content-Type: application/x-tar\r\nExpect: 100-continue\r\n\r\n"
        let body = "5\r\nhello\r\n0\r\n\r\n"
        let interim = "HTTP/1.1 100 Continue\r\n\r\n"
        let answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + "f\r\n{\"stream\":\"x\"}\r\n0\r\n\r\n"
        let events = observe([
            (.toServer, bytes(build)), (.toClient, bytes(interim)), (.toServer, bytes(body)),
            (.toClient, bytes(answer)),
        ])
        let done = exchanges(events)
        #expect(done.count == 1)
        #expect(done.first?.status == 200)
        #expect(done.first?.request.bodyBytes == 5)
        #expect(
            events.contains {
                if case .message(.toClient, .interim(let head, _)) = $0 { head.status == 100 } else { false }
            })
        #expect(rebuilt(events, .toServer) == bytes(build + body))
        #expect(rebuilt(events, .toClient) == bytes(interim + answer))
    }

    @Test func theOlderCLIsEmptyHostOnAHijackIsRead() {
        // docker CLI 20.10 sends `Host: ` with no value on attach and exec start (docker-tap-notes §4).
        let attach = Self.attachRequest(host: "")
        let events = observe([(.toServer, bytes(attach)), (.toClient, bytes(Self.upgraded))], ending: [.toClient])
        #expect(notes(events).first == "raw stream from here (the request asked for an upgrade)")
        #expect(exchanges(events).map(\.status) == [101])
    }

    @Test func whatCannotBeParsedIsShownRawWithANote() {
        let garbage = bytes("\u{16}\u{03}\u{01} not http\r\n\r\n")
        let events = observe([(.toServer, garbage), (.toServer, bytes(Self.ping))])
        #expect(notes(events).count == 1)
        #expect(notes(events).first?.hasPrefix("not a request sockshell can read") == true)
        #expect(exchanges(events).isEmpty)
        // Everything after the failure is raw, a valid request included: the reader lost its place.
        #expect(rebuilt(events, .toServer) == garbage + bytes(Self.ping))
    }

    @Test func anAnswerBeforeAnyRequestIsRaw() {
        let events = observe([(.toClient, bytes(Self.pingAnswer))])
        #expect(notes(events) == ["bytes from the daemon before any request: raw from here"])
        #expect(rebuilt(events, .toClient) == bytes(Self.pingAnswer))
    }

    @Test func aDaemonThatClosesMidAnswerCutsTheExchangeShort() {
        let head = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345"
        let events = observe([(.toServer, bytes(Self.version)), (.toClient, bytes(head))], ending: [.toClient])
        let done = exchanges(events)
        #expect(done.count == 1)
        #expect(done.first?.complete == false)
        #expect(done.first?.responseBytes == 5)
        #expect(notes(events).first?.hasPrefix("the daemon closed the connection") == true)
    }

    @Test func requestsNeverAnsweredAreCutShortWhenThePairCloses() {
        var observer = TapObserver()
        _ = observer.observe(bytes(Self.ping)[...], direction: .toServer, now: 10)
        let events = observer.close(now: 50)
        #expect(exchanges(events).map(\.status) == [nil])
        #expect(exchanges(events).first?.nanoseconds == 40)
    }

    @Test func skippedBytesTurnTheDirectionRaw() {
        var observer = TapObserver()
        let note = observer.skip(4096, direction: .toClient)
        #expect(note == [.note(.toClient, "4.0 KiB forwarded but not shown (the view fell behind): raw from here")])
        _ = observer.observe(bytes(Self.ping)[...], direction: .toServer, now: 1)
        let events = observer.observe(bytes(Self.pingAnswer)[...], direction: .toClient, now: 2)
        #expect(events == [.raw(.toClient, bytes(Self.pingAnswer)[...])])
    }
}
