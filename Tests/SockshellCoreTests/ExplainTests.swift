import SockshellCore
import Testing

/// `explain`: each kind of topic, the last exchange annotated, and each trap detector, bytes in and
/// text out.
@Suite struct ExplainTests {
    /// A recorded exchange from the bytes sent and received, read to its end unless `ending` says.
    static func record(
        _ request: String, _ response: [UInt8], number: Int = 1, ending: ExchangeSummary.Ending = .complete
    ) -> ExchangeRecord {
        let line = TypedRequestLine(Array(request.utf8))
        var record = ExchangeRecord(
            number: number, endpoint: .unix(path: "/run/docker.sock"), method: line.method, target: line.target)
        record.append(.sent, at: 0, bytes: Array(request.utf8)[...])
        record.append(.received, at: 1, bytes: response[...])
        record.summary = ExchangeSummary(
            status: nil, reason: "", bodyBytes: 0, totalNanoseconds: 1, firstByteNanoseconds: 1, outcome: ending)
        return record
    }

    static func record(_ request: String, _ response: String, number: Int = 1) -> ExchangeRecord {
        record(request, Array(response.utf8), number: number)
    }

    static func jsonResponse(_ status: String, _ body: String) -> String {
        "HTTP/1.1 \(status)\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    static func traps(_ record: ExchangeRecord, earlier: [ExchangeRecord] = []) -> [DockerTrap] {
        DockerTrap.findings(in: ExchangeFacts(record), earlier: earlier.map(ExchangeFacts.init)).map(\.trap)
    }

    @Test func aStatusIsExplainedInGeneralAndPerRoute() {
        let explained = Explain.topic("304", language: .english)
        #expect(explained.found)
        #expect(explained.text.hasPrefix("304 Not Modified: nothing changed"))
        #expect(explained.text.contains("POST /containers/{id}/start: 304 on start: the container was already running"))
        #expect(explained.text.contains("POST /containers/{id}/stop: 304 on stop: the container was already stopped"))
        let korean = Explain.topic("304", language: .korean)
        #expect(korean.text.contains("start의 304: 컨테이너가 이미 실행 중이라서"))
        #expect(Explain.topic("299", language: .english).text.hasPrefix("299: a success"))
    }

    @Test func aHeaderIsExplainedInAnyCase() {
        let explained = Explain.topic("transfer-encoding", language: .english)
        #expect(explained.found)
        #expect(explained.text.hasPrefix("Transfer-Encoding: chunked: the body comes in chunks"))
        #expect(Explain.topic("X-Registry-Auth", language: .korean).text.contains("base64url"))
    }

    @Test func aRouteIsExplainedFromItsTemplateOrAConcretePath() {
        let template = Explain.topic("/containers/{id}/start", language: .english)
        let concrete = Explain.topic("/containers/abc123/start", language: .english)
        #expect(template.found && concrete.found)
        #expect(template.text == concrete.text)
        #expect(concrete.text.hasPrefix("POST /containers/{id}/start: Start a container\n  query: detachKeys\n"))
        #expect(concrete.text.contains("  304 on start: the container was already running"))
        #expect(concrete.text.contains("  wait-before-start: "))
        let logs = Explain.topic("GET /containers/web/logs", language: .english)
        #expect(logs.text.contains("  frames: "))
        #expect(Explain.topic("/containers/json", language: .english).text.contains("  filters: "))
    }

    @Test func aTrapIsExplainedByName() {
        let explained = Explain.topic("frames", language: .english)
        #expect(explained.found)
        #expect(explained.text.hasPrefix("frames: Logs, attach and exec of a container without a TTY come as frames"))
        #expect(
            Explain.topic("create-pull", language: .korean).text.contains(
                """
                create는 없는 이미지를 pull하지 않고
                """))
    }

    @Test func anUnknownTopicSaysSoAndSuggestsTheNearest() {
        let path = Explain.topic("/containers/abc/strat", language: .english)
        #expect(!path.found)
        #expect(path.text.hasPrefix("nothing to explain for '/containers/abc/strat': explain takes a status (304)"))
        #expect(path.text.hasSuffix(" Did you mean /containers/abc/start?"))
        #expect(Explain.topic("Transfer-Encodng", language: .english).text.hasSuffix("Did you mean Transfer-Encoding?"))
        #expect(Explain.topic("framse", language: .english).text.hasSuffix("Did you mean frames?"))
        let far = Explain.topic("banana", language: .korean)
        #expect(
            !far.found
                && far.text.hasPrefix(
                    """
                    'banana'에 대한 설명이 없습니다
                    """)
                && !far.text.contains("말씀하신"))
    }

    @Test func theLastExchangeIsAnnotatedLineByLineForItsRoute() {
        let record = Self.record(
            "POST /containers/web/start HTTP/1.1\r\nHost: docker\r\nX-Odd: 1\r\n\r\n",
            "HTTP/1.1 304 Not Modified\r\nApi-Version: 1.41\r\nDate: Mon, 07 Dec 2026 08:00:00 GMT\r\n\r\n")
        let text = Explain.exchange(record, language: .english)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "exchange 1:")
        #expect(lines[1] == "> POST /containers/web/start HTTP/1.1")
        #expect(lines[2] == "    Start a container (POST /containers/{id}/start, Engine API).")
        #expect(lines[3] == "> Host: docker")
        #expect(lines[4].hasPrefix("    Names the server the request is for"))
        #expect(lines[6] == "    sockshell has no note on this header; a server ignores headers it does not use.")
        #expect(lines[7] == "< HTTP/1.1 304 Not Modified")
        #expect(lines[8] == "    304 on start: the container was already running, so nothing was done (not an error).")
        #expect(lines[9] == "< Api-Version: 1.41")
        #expect(lines.count == 13, "no trap on a plain 304")
        let stop = Self.record(
            "POST /v1.41/containers/web/stop HTTP/1.1\r\nHost: docker\r\n\r\n", "HTTP/1.1 304 Not Modified\r\n\r\n")
        let korean = Explain.exchange(stop, language: .korean)
        #expect(korean.contains("    stop의 304: 컨테이너가 이미 멈춰 있어서"))
        #expect(korean.contains(" /v1.41 아래: API 1.41을(를) 요청합니다."))
    }

    @Test func theDaemonsMessageAndPageNotFoundAreNamed() {
        let missing = Self.record(
            "GET /containers/nope/json HTTP/1.1\r\nHost: docker\r\n\r\n",
            Self.jsonResponse("404 Not Found", #"{"message":"No such container: nope"}"#))
        #expect(
            Explain.exchange(missing, language: .english).contains(
                """
                404 on inspect: no container has this id, id prefix or name. The daemon says: No such container: nope
                """
            ))
        let typo = Self.record(
            "GET /containers/jsn HTTP/1.1\r\nHost: docker\r\n\r\n",
            Self.jsonResponse("404 Not Found", #"{"message":"page not found"}"#))
        let text = Explain.exchange(typo, language: .english)
        #expect(
            text.contains(
                "    GET /containers/jsn is not a route of the Engine API 1.41 reference. Nearest: /containers/json."))
        #expect(text.contains("    404 with \"page not found\": the daemon has no route for this method and path"))
    }

    @Test func anAPIVersionTooNewOrTooOldIsATrap() {
        let new = Self.record(
            "GET /v1.99/version HTTP/1.1\r\nHost: docker\r\n\r\n",
            Self.jsonResponse(
                "400 Bad Request",
                #"{"message":"client version 1.99 is too new. Maximum supported API version is 1.41"}"#))
        let findings = DockerTrap.findings(in: ExchangeFacts(new))
        #expect(findings.map(\.trap) == [.apiVersion])
        #expect(
            findings.first?.detail.english.hasPrefix("/v1.99 asks for a newer API than this daemon's newest, 1.41")
                == true)
        let old = Self.record(
            "GET /v1.5/version HTTP/1.1\r\nHost: docker\r\n\r\n",
            "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 72\r\n\r\n"
                + "client version 1.5 is too old. Minimum supported API version is 1.12, pl")
        #expect(Self.traps(old) == [.apiVersion])
        let fine = Self.record("GET /v1.41/version HTTP/1.1\r\n\r\n", Self.jsonResponse("200 OK", "{}"))
        #expect(Self.traps(fine) == [])
    }

    @Test func framesAtTheStartOfLogsWithoutATTYAreATrap() {
        let framed: [UInt8] =
            Array("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 11\r\n\r\n".utf8) + [1, 0, 0, 0, 0, 0, 0, 3]
            + Array("hi\n".utf8)
        let logs = Self.record("GET /containers/web/logs?stdout=1 HTTP/1.1\r\nHost: docker\r\n\r\n", framed)
        let findings = DockerTrap.findings(in: ExchangeFacts(logs))
        #expect(findings.map(\.trap) == [.frames])
        #expect(
            findings.first?.detail.english.hasPrefix(
                "The body starts with the 8 bytes 01 00 00 00 00 00 00 03: a frame header, stream 1 (stdout), 3 bytes")
                == true)
        let tty = Self.record(
            "GET /containers/web/logs?stdout=1 HTTP/1.1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nhi\n")
        #expect(Self.traps(tty) == [])
    }

    @Test func filtersThatAreNotJSONAreATrap() {
        let bad = Self.record(
            "GET /containers/json?filters=status=running HTTP/1.1\r\n\r\n",
            Self.jsonResponse(
                "500 Internal Server Error", #"{"message":"invalid character 's' looking for beginning of value"}"#))
        let findings = DockerTrap.findings(in: ExchangeFacts(bad))
        #expect(findings.map(\.trap) == [.filters])
        #expect(findings.first?.detail.english.contains(#"e.g. filters={"status":["running"]}"#) == true)
        let good = Self.record(
            "GET /containers/json?filters=%7B%22status%22%3A%5B%22running%22%5D%7D HTTP/1.1\r\n\r\n",
            Self.jsonResponse("200 OK", "[]"))
        #expect(Self.traps(good) == [])
    }

    @Test func aRegistryAuthThatIsNotBase64URLJSONIsATrap() {
        let standard = Base64.encode(Array(#"{"username":"me","password":">>>???"}"#.utf8))
        #expect(standard.contains("+") || standard.contains("/"))
        let pull = Self.record(
            "POST /images/create?fromImage=x HTTP/1.1\r\nX-Registry-Auth: \(standard)\r\n\r\n",
            Self.jsonResponse("200 OK", ""))
        #expect(Self.traps(pull) == [.registryAuth])
        let url = Base64.encode(Array(#"{"username":"me","password":">>>???"}"#.utf8), alphabet: .url)
        let right = Self.record(
            "POST /images/create?fromImage=x HTTP/1.1\r\nX-Registry-Auth: \(url)\r\n\r\n",
            Self.jsonResponse("200 OK", ""))
        #expect(Self.traps(right) == [])
        #expect(RegistryAuthValue.problem("not base64!") != nil)
        #expect(RegistryAuthValue.problem(Base64.encode(Array("[1]".utf8), alphabet: .url)) != nil)
        #expect(RegistryAuthValue.problem("e30=") == nil)
    }

    @Test func createWithAMissingImageIsATrapNamingThePull() {
        let create = Self.record(
            "POST /containers/create HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"Image\":\"nosuch:1.2\"}",
            Self.jsonResponse("404 Not Found", #"{"message":"No such image: nosuch:1.2"}"#))
        let findings = DockerTrap.findings(in: ExchangeFacts(create))
        #expect(findings.map(\.trap) == [.createDoesNotPull])
        #expect(findings.first?.detail.english.contains("POST /images/create?fromImage=nosuch&tag=1.2") == true)
        #expect(DockerTrap.split("registry:5000/app") == ("registry:5000/app", "latest"))
    }

    @Test func aPullStreamNotReadToItsEndOrWithAnErrorInItIsATrap() {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        let line = #"{"status":"Pulling from library/busybox"}"# + "\r\n"
        let cut = Self.record(
            "POST /images/create?fromImage=busybox HTTP/1.1\r\n\r\n",
            Array((head + String(line.utf8.count, radix: 16) + "\r\n" + line + "\r\n").utf8), ending: .interrupted)
        #expect(Self.traps(cut) == [.pullStream])
        let error = #"{"errorDetail":{"message":"denied"},"error":"denied"}"# + "\n"
        let failed = Self.record(
            "POST /images/create?fromImage=busybox HTTP/1.1\r\n\r\n",
            head + String(error.utf8.count, radix: 16) + "\r\n" + error + "\r\n0\r\n\r\n")
        let findings = DockerTrap.findings(in: ExchangeFacts(failed))
        #expect(findings.first?.detail.english == "The status is 200, but the stream says the pull failed: \"denied\".")
        let done = Self.record(
            "POST /images/create?fromImage=busybox HTTP/1.1\r\n\r\n",
            head + String(line.utf8.count, radix: 16) + "\r\n" + line + "\r\n0\r\n\r\n")
        #expect(Self.traps(done) == [])
    }

    @Test func aWaitSentAfterTheStartIsATrap() {
        let start = Self.record(
            "POST /containers/web/start HTTP/1.1\r\n\r\n", "HTTP/1.1 204 No Content\r\n\r\n", number: 4)
        let wait = Self.record(
            "POST /containers/web/wait HTTP/1.1\r\n\r\n", Self.jsonResponse("200 OK", #"{"StatusCode":0}"#), number: 5)
        let findings = DockerTrap.findings(in: ExchangeFacts(wait), earlier: [ExchangeFacts(start)])
        #expect(findings.map(\.trap) == [.waitBeforeStart])
        #expect(
            findings.first?.detail.english.hasPrefix("This wait was sent after exchange 4 started the container")
                == true)
        #expect(Self.traps(wait) == [], "a wait before any start is right")
        let other = Self.record("POST /containers/db/start HTTP/1.1\r\n\r\n", "HTTP/1.1 204 No Content\r\n\r\n")
        #expect(Self.traps(wait, earlier: [other]) == [])
        let text = Explain.exchange(wait, earlier: [start], language: .english)
        #expect(text.contains("\ntrap wait-before-start: This wait was sent after exchange 4"))
    }
}
