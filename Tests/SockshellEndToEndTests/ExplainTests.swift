import Foundation
import TestSupport
import Testing

/// `explain` after real exchanges with the test daemon: a 304 on start, logs without a TTY, a
/// create with a missing image; and in Korean.
@Suite(.enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct ExplainTests {
    let host = TestDaemon.host ?? ""

    /// A container of the test label that exits at once after writing to stdout and stderr.
    static let create =
        """
        POST /containers/create {"Image":"busybox","Cmd":["sh","-c","echo hi; echo oops >&2"],\
        "Labels":{"sockshell.test":"1"},"HostConfig":{"NetworkMode":"none"}}
        """

    /// Output with its folding undone (explain folds its sentences at 80 columns off a terminal).
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    static func shows(_ output: String, _ expected: String) -> Bool {
        flat(output).contains(flat(expected))
    }

    private func run(_ commands: [String], _ extra: [String] = []) throws -> SockshellProcess.Result {
        try SockshellProcess.run(["-H", host, "--view", "body"] + extra + commands.flatMap { ["-c", $0] })
    }

    @Test func explainAfterARealSecondStartSaysItWasAlreadyRunning() throws {
        let result = try run([
            Self.create.replacingOccurrences(of: #"echo hi; echo oops >&2"#, with: "sleep 30"), "let id = .Id",
            "POST /containers/$id/start", "expect status 204", "POST /containers/$id/start", "expect status 304",
            "explain", "DELETE /containers/$id?force=1",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            Self.shows(
                result.stdout, "\n< HTTP/1.1 304 Not Modified\n    304 on start: the container was already running")
        )
        #expect(Self.shows(result.stdout, "    Start a container (POST /containers/{id}/start, Engine API).\n"))
    }

    @Test func explainAfterLogsWithoutATTYNamesTheFrameHeader() throws {
        let result = try run([
            Self.create, "let id = .Id", "POST /containers/$id/start", "POST /containers/$id/wait",
            "expect .StatusCode == 0", "GET /containers/$id/logs?stdout=1", "explain", "DELETE /containers/$id?force=1",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            Self.shows(
                result.stdout,
                """
                trap frames: The body starts with the 8 bytes 01 00 00 00 00 00 00 03: a frame header, stream 1 \
                (stdout), 3
                """
            ), "\(result.stdout)")
        // The wait above came after the start: explaining it names that trap.
        let wait = try run([
            Self.create, "let id = .Id", "POST /containers/$id/start", "POST /containers/$id/wait", "explain",
            "DELETE /containers/$id?force=1",
        ])
        #expect(
            Self.shows(wait.stdout, "trap wait-before-start: This wait was sent after exchange 2 started the container")
        )
    }

    @Test func explainAfterACreateWithAMissingImageSaysCreateDoesNotPull() throws {
        let result = try run([
            #"POST /containers/create {"Image":"sockshell-no-such-image:7","Labels":{"sockshell.test":"1"}}"#,
            "expect status 404", "explain",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.shows(result.stdout, "The daemon says: No such image: sockshell-no-such-image:7\n"))
        #expect(
            Self.shows(
                result.stdout,
                "trap create-pull: The daemon has no image sockshell-no-such-image:7 and create does not pull it:"))
        #expect(Self.shows(result.stdout, "POST /images/create?fromImage=sockshell-no-such-image&tag=7"))
    }

    /// The same real exchanges explained in a Korean session: the route's status note and the
    /// frame trap in Korean, the wire lines they annotate as they were.
    @Test func explainInKoreanAfterARealSecondStartAndLogsWithoutATTY() throws {
        let result = try run(
            [
                Self.create.replacingOccurrences(of: #"echo hi; echo oops >&2"#, with: "sleep 30"), "let id = .Id",
                "POST /containers/$id/start", "POST /containers/$id/start", "expect status 304", "explain",
                "DELETE /containers/$id?force=1", Self.create, "let id = .Id", "POST /containers/$id/start",
                "POST /containers/$id/wait", "GET /containers/$id/logs?stdout=1", "explain",
                "DELETE /containers/$id?force=1",
            ], ["--lang", "ko"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            Self.shows(
                result.stdout,
                "\n< HTTP/1.1 304 Not Modified\n    start의 304: 컨테이너가 이미 실행 중이라서 아무것도 하지 않았습니다"),
            "\(result.stdout)")
        #expect(
            Self.shows(result.stdout, "함정 frames: 본문이 8바이트 01 00 00 00 00 00 00 03로 시작합니다: 프레임 헤더로"),
            "\(result.stdout)")
        #expect(!Self.shows(result.stdout, "304 on start: the container was already running"))
    }

    @Test func explainTopicsAndTheUnknownOnesSuggestion() throws {
        let result = try run([
            "explain 304", "explain Transfer-Encoding", "explain /containers/abc123/start",
            "explain /containers/abc/strat",
        ])
        #expect(result.status == 0)
        #expect(
            Self.shows(result.stdout, "  POST /containers/{id}/start: 304 on start: the container was already running"))
        #expect(Self.shows(result.stdout, "Transfer-Encoding: chunked: the body comes in chunks"))
        #expect(Self.shows(result.stdout, "POST /containers/{id}/start: Start a container\n"))
        #expect(result.stderr.contains("nothing to explain for '/containers/abc/strat'"))
        #expect(result.stderr.contains("Did you mean /containers/abc/start?"))
    }
}
