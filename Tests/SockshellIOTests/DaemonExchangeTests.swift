import Foundation
import SockshellCore
import SockshellIO
import TestSupport
import Testing

/// The engine against the real throwaway dockerd: every status the Docker API lessons rely on.
@Suite(.enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct DaemonExchangeTests {
    @Test func pingAnswersOKOverGET() throws {
        let shell = try DaemonSession()
        let outcome = try #require(try shell.run("GET /_ping"))
        #expect(outcome.head?.status == 200)
        #expect(try shell.lastBody() == "OK")
        #expect(shell.sink.text.contains("> GET /_ping HTTP/1.1␍␊\n> Host: docker␍␊\n> User-Agent: sockshell/"))
        #expect(shell.sink.text.contains("< HTTP/1.1 200 OK␍␊"))
        #expect(shell.sink.text.contains("* #1 200 OK · 2 B · "))
    }

    @Test func headPingHasNoBodyAndKeepsTheConnectionUsable() throws {
        let shell = try DaemonSession()
        let head = try #require(try shell.run("HEAD /_ping"))
        #expect(head.head?.status == 200)
        #expect(head.summary.bodyBytes == 0)
        // The daemon sends Content-Length on HEAD: reading a body would hang or desynchronise.
        let next = try #require(try shell.run("GET /_ping"))
        #expect(next.head?.status == 200)
        #expect(shell.sink.text.contains("* conn 1 \(shell.session.endpoint.display) (reused)"))
    }

    @Test func versionIsJSONWithTheAPIVersion() throws {
        let shell = try DaemonSession()
        let outcome = try #require(try shell.run("get /version"))
        #expect(outcome.head?.status == 200)
        #expect(outcome.head?.value(of: "Content-Type") == "application/json")
        let apiVersion = try shell.lastJSONField("ApiVersion")
        #expect(outcome.head?.value(of: "Api-Version") == apiVersion)
    }

    @Test func createThenStartThenStartAgain() throws {
        let shell = try DaemonSession()
        let created = try #require(try shell.run("POST /containers/create \(createBody())"))
        #expect(created.head?.status == 201)
        let id = try shell.lastJSONField("Id")
        #expect(id.count == 64)
        #expect(shell.sink.text.contains("> Content-Type: application/json␍␊"))
        defer { _ = try? shell.run("DELETE /containers/\(id)?force=1") }

        let started = try #require(try shell.run("POST /containers/\(id)/start"))
        #expect(started.head?.status == 204)
        #expect(started.summary.bodyBytes == 0)
        let again = try #require(try shell.run("POST /containers/\(id)/start"))
        #expect(again.head?.status == 304)
        let removed = try #require(try shell.run("DELETE /containers/\(id)?force=1"))
        #expect(removed.head?.status == 204)
    }

    @Test func createWithAJSONBodyOverSeveralLines() throws {
        let shell = try DaemonSession()
        let created = try #require(
            try shell.run(
                """
                POST /containers/create {
                  "Image": "busybox",
                  "Cmd": ["true"],
                  "Labels": {"\(TestDaemon.label)": "1"},
                  "HostConfig": {"NetworkMode": "none"}
                }
                """))
        #expect(created.head?.status == 201)
        let id = try shell.lastJSONField("Id")
        try shell.run("DELETE /containers/\(id)?force=1")
    }

    @Test func unknownImageIs404WithAMessage() throws {
        let shell = try DaemonSession()
        let outcome = try #require(try shell.run(#"POST /containers/create {"Image":"no-such-image-for-sockshell"}"#))
        #expect(outcome.head?.status == 404)
        #expect(try shell.lastJSONField("message").contains("No such image"))
    }

    @Test func duplicateNameIs409() throws {
        let shell = try DaemonSession()
        let name = uniqueName("dup")
        let first = try #require(try shell.run("POST /containers/create?name=\(name) \(createBody())"))
        #expect(first.head?.status == 201)
        defer { _ = try? shell.run("DELETE /containers/\(name)?force=1") }
        let second = try #require(try shell.run("POST /containers/create?name=\(name) \(createBody())"))
        #expect(second.head?.status == 409)
        #expect(try shell.lastJSONField("message").contains("already in use"))
    }

    @Test func createWithoutContentTypeIs400() throws {
        let shell = try DaemonSession()
        let body = #"{"Image":"busybox"}"#
        // raw adds nothing, so the request goes without Content-Type, as a learner would send it.
        let outcome = try #require(
            try shell.run(
                #"raw POST /containers/create HTTP/1.1\r\nHost: docker\r\n"#
                    + #"Content-Length: \#(body.utf8.count)\r\n\r\n\#(body)"#
            ))
        #expect(outcome.head?.status == 400)
        #expect(try shell.lastJSONField("message").lowercased().contains("content-type"))
    }

    @Test func rawWithoutHostGetsTheDaemons400() throws {
        let shell = try DaemonSession()
        let outcome = try #require(try shell.run(#"raw GET /_ping HTTP/1.1\r\n\r\n"#))
        #expect(outcome.head?.status == 400)
        #expect(try shell.lastBody().contains("missing required Host header"))
        #expect(shell.sink.text.contains("> GET /_ping HTTP/1.1␍␊\n> ␍␊\n<"))
    }

    @Test func threeRequestsShareOneKeptAliveConnection() throws {
        let shell = try DaemonSession()
        try shell.run("GET /_ping")
        try shell.run("GET /version")
        try shell.run("GET /containers/json?all=1")
        let endpoint = shell.session.endpoint.display
        let connLines = shell.sink.text.split(separator: "\n").filter { $0.hasPrefix("* conn ") }
        #expect(
            connLines == [
                "* conn 1 \(endpoint) (new)", "* conn 1 \(endpoint) (reused)", "* conn 1 \(endpoint) (reused)",
            ])
    }

    @Test func logsOfAContainerWithoutATTYShowAnnotatedStreamFrames() throws {
        let shell = try DaemonSession()
        try shell.run(#"POST /containers/create \#(createBody(cmd: ["sh", "-c", "echo hello; echo oops >&2"]))"#)
        let id = try shell.lastJSONField("Id")
        defer { _ = try? shell.run("DELETE /containers/\(id)?force=1") }
        try shell.run("POST /containers/\(id)/start")
        try shell.run("POST /containers/\(id)/wait")
        shell.sink.clear()
        let logs = try #require(try shell.run("GET /containers/\(id)/logs?stdout=1&stderr=1"))
        #expect(logs.head?.status == 200)
        let text = shell.sink.text
        #expect(
            text.contains(
                """
                < ⟨01⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨06⟩  (stdout frame, 6 B)\n< hello␊\n
                """), "\(text)")
        #expect(
            text.contains(
                """
                < ⟨02⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨05⟩  (stderr frame, 5 B)\n< oops␊\n
                """), "\(text)")
    }

    @Test func eventsStreamDeliversCreateAndStartAsTheyHappen() throws {
        let shell = try DaemonSession()
        // A background job on its own connection, as `GET /events &` in the shell.
        try shell.run("GET /events?since=\(Int(Date().timeIntervalSince1970) - 1) &")
        try shell.run("POST /containers/create \(createBody())")
        let id = try shell.lastJSONField("Id")
        defer { _ = try? shell.run("DELETE /containers/\(id)?force=1") }
        try shell.run("POST /containers/\(id)/start")

        // Bounded wait for the job's own wake-up, as the shell's input loop waits: a thread, not
        // a task sleep, because the suite's other tests can hold every cooperative thread for
        // seconds and a task would resume only after its deadline, without a last look.
        let deadline = Date().addingTimeInterval(20)
        func startShown() -> Bool {
            shell.session.flushJobOutput()
            return shell.sink.text.split(separator: "\n").contains {
                $0.contains(#""Action":"start""#) && $0.contains(id)
            }
        }
        while !startShown(), Date() < deadline {
            var wake = pollfd(fd: shell.session.jobs.wakeDescriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&wake, 1, Int32(max(0, deadline.timeIntervalSinceNow) * 1000) + 1)
        }
        let shownAt = shell.sink.firstTime(ofLine: { $0.contains(#""Action":"start""#) && $0.contains(id) })
        let stoppedAt = Date()
        let textBeforeStop = shell.sink.text
        shell.session.jobs.stop(1)
        shell.session.close()
        let text = shell.sink.text

        #expect(text.contains("[1] < Transfer-Encoding: chunked␍␊"))
        let lines = text.split(separator: "\n")
        let createLine = lines.firstIndex { $0.contains(#""Action":"create""#) && $0.contains(id) }
        let startLine = lines.firstIndex { $0.contains(#""Action":"start""#) && $0.contains(id) }
        #expect(createLine != nil && startLine != nil && createLine! < startLine!, "events seen: \(text)")
        // Shown as it arrived, while the stream was still open: the job was stopped only after.
        #expect(
            shownAt.map { $0 < stoppedAt } == true,
            """
            the start event was shown only when the job was stopped, 20 s after the start; shown by then: \
            \(textBeforeStop.suffix(2500))
            """
        )
        #expect(text.contains("(chunk "))
        #expect(lines.last?.hasPrefix("[1] * #1 200 OK · ") == true)
        #expect(lines.last?.hasSuffix(" · interrupted") == true)
    }
}
