import Testing

@testable import SockshellCore

/// Replay's decisions without a socket: the actions a recording's items give and the verdicts
/// for the answers reported back.
struct ReplayStateMachineTests {
    static let id = String(repeating: "ab", count: 32)
    static let newId = String(repeating: "cd", count: 32)

    static func exchange(
        _ number: Int, _ method: String, _ target: String, answer: String, job: Bool = false, complete: Bool = true
    ) -> RecordedExchange {
        var exchange = RecordedExchange(
            number: number, method: method, target: target, isJob: job, startedAt: nil, endpoint: nil, command: nil,
            line: 1)
        exchange.runs = [
            ExchangeRecord.Run(
                direction: .sent, offsetNanoseconds: 0,
                bytes: Array("\(method) \(target) HTTP/1.1\r\nHost: docker\r\n\r\n".utf8)),
            ExchangeRecord.Run(direction: .received, offsetNanoseconds: 2_000_000, bytes: Array(answer.utf8)),
        ]
        exchange.end =
            complete ? RecordedExchange.End(outcome: .complete, totalNanoseconds: 3_000_000, droppedBytes: 0) : nil
        return exchange
    }

    static func answer(_ body: String) -> String {
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
    }

    static func replayed(_ exchange: RecordedExchange, answer: String) -> ExchangeRecord {
        var record = ExchangeRecord(
            number: exchange.number, endpoint: .unix(path: "/x"), method: exchange.method, target: exchange.target)
        record.append(.received, at: 1, bytes: Array(answer.utf8)[...])
        return record
    }

    @Test func idsLearnedFromAnAnswerGoIntoLaterRequests() {
        var machine = ReplayStateMachine(
            ReplayRequest(path: "s.sks", showOnly: false, ignore: [], streamTimeoutSeconds: nil), lenient: false)
        let create = Self.exchange(1, "POST", "/containers/create", answer: Self.answer(#"{"Id":"\#(Self.id)"}"#))
        guard case .send(_, _, let target, let limit)? = machine.action(for: .exchange(create)) else {
            Issue.record("a foreground exchange is sent")
            return
        }
        #expect(target == "/containers/create" && limit == nil)
        let verdict = machine.report(
            create, replayed: Self.replayed(create, answer: Self.answer(#"{"Id":"\#(Self.newId)"}"#)), failure: nil,
            cutShort: false)
        #expect(verdict.hasSuffix(" same\n"))
        let start = Self.exchange(2, "POST", "/containers/\(Self.id)/start", answer: "HTTP/1.1 204 No Content\r\n\r\n")
        guard case .send(_, let request, let startTarget, _)? = machine.action(for: .exchange(start)) else {
            Issue.record("a foreground exchange is sent")
            return
        }
        #expect(startTarget == "/containers/\(Self.newId)/start")
        #expect(String(decoding: request.bytes, as: UTF8.self).hasPrefix("POST /containers/\(Self.newId)/start "))
        #expect(machine.tally == ReplayStateMachine.Tally(same: 1, differ: 0, failed: 0))
    }

    @Test func differencesFailuresAndTheClosingLine() {
        var machine = ReplayStateMachine(
            ReplayRequest(path: "s.sks", showOnly: false, ignore: [], streamTimeoutSeconds: nil), lenient: false)
        let list = Self.exchange(1, "GET", "/containers/json", answer: Self.answer("[]"))
        let differs = machine.report(
            list, replayed: Self.replayed(list, answer: Self.answer("[1]")), failure: nil, cutShort: false)
        #expect(differs.contains(" differs\n      body: recorded 0 elements, now 1\n"), "\(differs)")
        let failed = machine.report(
            list, replayed: ExchangeRecord(number: 1, endpoint: .unix(path: "/x"), method: "GET", target: "/"),
            failure: "refused", cutShort: false)
        #expect(failed.hasSuffix(" failed: refused\n"))
        let closing = machine.closing(name: "s.sks", duration: "1 ms", interrupted: false)
        #expect(closing.line == "replay: 2 steps: 0 same, 1 differs, 1 failed (1 ms)\n")
        #expect(!closing.passed && closing.diagnostic == nil)
        let empty = ReplayStateMachine(
            ReplayRequest(path: "e.sks", showOnly: false, ignore: [], streamTimeoutSeconds: nil), lenient: false)
        #expect(
            empty.closing(name: "e.sks", duration: "0 ms", interrupted: false).diagnostic
                == "e.sks holds no exchanges to replay")
    }

    @Test func jobsStartAtTheirRequestAndStreamsKeepTheirRecordedLength() {
        let machine = ReplayStateMachine(
            ReplayRequest(path: "s.sks", showOnly: false, ignore: [], streamTimeoutSeconds: 5), lenient: false)
        let events = Self.exchange(
            1, "GET", "/events", answer: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", job: true,
            complete: false)
        guard case .startJob(_, _, _, let startLimit)? = machine.action(for: .jobStarted(events)) else {
            Issue.record("a job's request starts it")
            return
        }
        #expect(startLimit == 5_000_000_000)
        // Cut short at its last byte (2 ms): it replays as long as it ran then.
        #expect(machine.action(for: .exchange(events)) == .finishJob(events, limit: 2_000_000))
        var unsent = events
        unsent.runs = []
        guard case .say(let text)? = machine.action(for: .exchange(unsent)) else {
            Issue.record("nothing to send is said")
            return
        }
        #expect(text.hasSuffix("not replayed: nothing was sent when it was recorded\n"))
        #expect(machine.action(for: .command("GET /", line: 2)) == nil)
    }

    @Test func labelsShortenIdsAndLineUp() {
        #expect(ShortIDs.shortened("/containers/\(Self.id)/json") == "/containers/abababababab/json")
        #expect(
            ReplayStateMachine.label("GET", "/_ping", job: true) == "  GET /_ping &" + String(repeating: " ", count: 50)
        )
    }

    @Test func theRecordedVersionComesFromTheFirstAnswers() {
        var version = RecordedVersion()
        for line in TranscriptLines.lines(
            of: Array("# sockshell recording 1\n#< Api-Version: 1.41\\r\\n\n#< Server: Docker/20\\r\\n\n".utf8))
        where version.wantsMore {
            version.add(line)
        }
        #expect(version.api == "1.41" && version.server == "Docker/20" && !version.wantsMore)
        #expect(version.note(currentAPI: "1.41", currentServer: nil) == nil)
        #expect(
            version.note(currentAPI: "1.47", currentServer: "Docker/27")
                == """
                version differs: recorded against API 1.41 (Docker/20), replaying against API 1.47 (Docker/27); \
                differences below may come from the version
                """
        )
        #expect(RecordedVersion().note(currentAPI: "1.47", currentServer: nil) == nil)
    }

    /// The header's endpoint, as the recorder writes it, is named when the replay goes elsewhere.
    @Test func replayNamesTheEndpointKindTheRecordingWasMadeOn() {
        let header = TranscriptWriter.header(
            version: "0.1.0", endpoint: "ssh://me@box:2222", startedAt: "2026-12-07T07:16:32.378Z")
        var version = RecordedVersion()
        for line in TranscriptLines.lines(of: Array(header.utf8)) { version.add(line) }
        #expect(version.endpoint == "ssh://me@box:2222")
        #expect(
            version.replayLine(path: "rec.txt", currentEndpoint: "unix:/var/run/docker.sock")
                == "replay rec.txt (recorded on ssh://me@box:2222) against unix:/var/run/docker.sock")
        #expect(
            version.replayLine(path: "rec.txt", currentEndpoint: "ssh://me@box:2222")
                == "replay rec.txt against ssh://me@box:2222")
        #expect(
            RecordedVersion().replayLine(path: "r", currentEndpoint: "tcp:h:2376 (tls)")
                == "replay r against tcp:h:2376 (tls)")
    }
}
