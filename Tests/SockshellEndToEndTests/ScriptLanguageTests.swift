import Foundation
import TestSupport
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Scripts as CI checks: captures, expectations, pasted curl commands, export, against the real daemon.
@Suite(.enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct ScriptLanguageTests {
    let host = TestDaemon.host ?? ""

    private func script(_ text: String) throws -> String {
        try ScriptFile.write(text)
    }

    @Test func createThenStartWithLetAndExpect() throws {
        let path = try script(
            """
            POST /containers/create {"Image":"busybox","Cmd":["sleep","30"],"Labels":{"sockshell.test":"1"},\
            "HostConfig":{"NetworkMode":"none"}}
            expect status 201
            expect .Warnings == []
            let id = .Id
            expect .Id matches /^[0-9a-f]{64}$/
            GET /events?filters={"type":["container"]} &
            POST /containers/$id/start
            expect status 204
            expect event container start within 10s
            GET /containers/$id/json
            expect .State.Running == true
            expect header Content-Type = application/json
            let running = .State.Running
            echo running=$running
            DELETE /containers/$id?force=1
            expect status 2xx
            expect event container destroy within 10s
            """)
        let result = try SockshellProcess.run(["-H", host, "--view", "body", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("running=true\n"))
        #expect(result.stderr == "sockshell: 4 requests, 9 expectations passed, 0 failed\n")
    }

    @Test func aFailedExpectationGivesFileLineAndExitOne() throws {
        let path = try script("GET /_ping\nexpect status 404\nGET /_ping\n")
        let result = try SockshellProcess.run(["-H", host, "--view", "body", path])
        #expect(result.status == 1)
        #expect(result.stdout == "OK", "the script stops at the failed expectation")
        #expect(
            result.stderr
                == """
                sockshell: \(path):2: expect status 404 failed: expected status 404, got status 200\nsockshell: 1 \
                request, 0 expectations passed, 1 failed\n
                """
        )
        let going = try SockshellProcess.run(["-H", host, "--view", "body", "--keep-going", path])
        #expect(going.status == 1)
        #expect(going.stdout == "OKOK")
        #expect(going.stderr.hasSuffix("sockshell: 2 requests, 0 expectations passed, 1 failed\n"))
    }

    @Test func dryRunShowsTheBytesAndSendsNothing() throws {
        let name = "sockshell-dry-\(UInt32.random(in: 0...UInt32.max))"
        let path = try script(
            """
            POST /containers/create?name=\(name) {\"Image\":\"busybox\"}\nexpect status 201\nlet id = .Id\nPOST \
            /containers/$id/start\n
            """
        )
        let result = try SockshellProcess.run(["-H", host, "--dry-run", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                """
                * dry run: not sent to unix:\(TestDaemon.socketPath ?? "")\n> POST /containers/create?name=\(name) \
                HTTP/1.1␍␊\n
                """
            ))
        #expect(result.stdout.contains("> POST /containers/$id/start HTTP/1.1␍␊"))
        let check = try SockshellProcess.run(["-H", host, "--view", "body", "-c", "GET /containers/\(name)/json"])
        #expect(check.stdout.contains("No such container"), "nothing was created")
    }

    @Test func junitReportForCI() throws {
        let path = try script("GET /_ping\nexpect status 200\nexpect header Api-Version\nexpect status 404\n")
        let report = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-report-\(UUID().uuidString.prefix(6)).xml"
        ).path
        let result = try SockshellProcess.run([
            "-H", host, "--view", "body", "--keep-going", "--report", "junit", report, path,
        ])
        #expect(result.status == 1)
        let xml = try String(contentsOfFile: report, encoding: .utf8)
        #expect(xml.contains(#"<testsuite name="\#(path)" tests="3" failures="1""#))
        #expect(xml.contains(#"<testcase classname="\#(path)" name="\#(path):2 expect status 200"/>"#))
        #expect(xml.contains(#"<failure message="expect status 404 failed: expected status 404, got status 200"/>"#))
        let parsed = try XMLDocument(data: Data(xml.utf8))
        #expect(try parsed.nodes(forXPath: "//testcase").count == 3)
    }

    @Test func theTutorialsCurlCommandsRunPastedAsIs() throws {
        let name = "sockshell-curl-\(UInt32.random(in: 0...UInt32.max))"
        let path = try script(
            #"""
            curl -XPOST --unix-socket /var/run/docker.sock -d '{"Image":"busybox","Cmd":["sleep","30"],\#
            "Labels":{"sockshell.test":"1"},"HostConfig":{"NetworkMode":"none"}}' \#
            -H 'Content-Type: application/json' http://localhost/containers/create?name=\#(name)
            expect status 201
            curl --unix-socket /var/run/docker.sock \
              -XPOST http://localhost/containers/\#(name)/start
            expect status 204
            curl -s --unix-socket /var/run/docker.sock "http://localhost/containers/json?all=1" -G \#
            --data-urlencode 'filters={"name":["\#(name)"]}'
            expect .[0].State == "running"
            curl --unix-socket /var/run/docker.sock -X DELETE "http://localhost/containers/\#(name)?force=1"
            expect status 204
            """#)
        let result = try SockshellProcess.run(["-H", host, "--view", "pretty", path])
        #expect(result.status == 0, "\(result.stderr)\n\(result.stdout)")
        #expect(
            result.stdout.contains(
                """
                * curl's --unix-socket /var/run/docker.sock is not followed: this goes to \
                unix:\(TestDaemon.socketPath ?? "")
                """
            ))
        #expect(result.stderr == "sockshell: 4 requests, 4 expectations passed, 0 failed\n")
    }

    @Test func exportCurlReproducesTheRequestWithRealCurl() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"))
        let exported = try SockshellProcess.run([
            "-H", host, "--view", "body", "-c", "GET /containers/json?all=1 -H 'X-Check: 1'", "-c", "export curl",
        ])
        #expect(exported.status == 0)
        let command = try #require(exported.stdout.split(separator: "\n").last.map(String.init))
        #expect(command.hasPrefix("curl --http1.1 --unix-socket \(TestDaemon.socketPath ?? "")"))
        // The exported line, run by a shell with the real curl, gets the same answer.
        let viaCurl = try SockshellProcess.runShell(command + " -s -o /dev/null -w '%{http_code}'")
        #expect(viaCurl.stdout == "200")
        let http = try SockshellProcess.run(["-H", host, "-c", "GET /_ping", "-c", "export http"])
        #expect(http.stdout.hasSuffix("GET http://docker/_ping\nUser-Agent: sockshell/0.1.0\n###\n"))
    }
}
