import Foundation
import TestSupport
import Testing

/// Request lines that mean what they look like, sent to the real daemon; and the notes and
/// sentences around them (issue 14 items 1 and 3).
@Suite(.enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct RequestLineTests {
    let host = TestDaemon.host ?? ""

    private func script(_ text: String) throws -> String {
        try ScriptFile.write(text, prefix: "sockshell-request-line")
    }

    @Test func eachFieldNoteLineIsSentAsMeant() throws {
        let path = try script(
            """
            GET /containers/json?all=1&filters={"label": ["sockshell.none=a b"]}
            expect status 200
            expect length == 0
            GET /_ping HTTP/1.0
            expect status 200
            GET http://docker/_ping
            expect status 200
            POST /containers/create {"Image":"busybox","Labels":{"sockshell.test":"1"}} -H 'Content-Type: text/plain'
            expect status 400
            """)
        let result = try SockshellProcess.run(["-H", host, path])
        #expect(result.status == 0, "\(result.stderr)")
        let filter = "%7B%22label%22:%20[%22sockshell.none=a%20b%22]%7D"
        #expect(result.stdout.contains("> GET /containers/json?all=1&filters=\(filter) HTTP/1.1␍␊"))
        #expect(result.stdout.contains("> GET /_ping HTTP/1.0␍␊"))
        #expect(result.stdout.contains("< HTTP/1.0 200 OK␍␊"))
        #expect(result.stdout.contains("> Content-Type: text/plain␍␊"))
        #expect(!result.stdout.contains("Content-Type: text/plain'"))
    }

    @Test func everySyntaxErrorOfAScriptIsReportedAndNothingRuns() throws {
        let path = try script(
            """
            GET /_ping
            GET /_ping -H X-Foo: bar
            frobnicate
            POST /containers/create {"Image":[}
            GET /_ping HTTP/2
            """)
        let result = try SockshellProcess.run(["-H", host, "--view", "body", path])
        #expect(result.status == 2)
        #expect(result.stdout == "", "nothing was sent")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(result.stderr)")
        #expect(lines.first?.hasPrefix("sockshell: \(path):2: -H X-Foo: has no value") == true)
        #expect(lines.dropFirst().first?.hasPrefix("sockshell: \(path):3: unknown command 'frobnicate'") == true)
        #expect(lines.dropFirst(2).first?.hasPrefix("sockshell: \(path):4: the } at column 11 of the body") == true)
        #expect(lines.dropFirst(3).first?.hasPrefix("sockshell: \(path):5: 'HTTP/2' is not a version") == true)
        #expect(lines.last == "sockshell: 4 syntax errors: nothing was run")
    }

    @Test func aPastedCurlFSSLIsSentWithANote() throws {
        let result = try SockshellProcess.run(["-H", host, "-c", "curl -fsSL http://localhost/_ping"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("* curl's -f -s -S -L are ignored: "))
        #expect(result.stdout.contains("< OK\n"))
    }

    @Test func rawBytesWithoutABlankLineSayTheDaemonWaits() throws {
        let result = try SockshellProcess.run(["-H", host, "--dry-run", "-c", "raw GET /_ping HTTP/1.1\\r\\n"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("* these bytes have no blank line (\\r\\n\\r\\n) to end the head: "))
        // The body view keeps standard output for the answer: the note goes to standard error.
        let body = try SockshellProcess.run(["-H", host, "--dry-run", "--view", "body", "-c", "raw GET /_ping"])
        #expect(body.stderr.hasPrefix("sockshell: these bytes have no blank line"), "\(body.stderr)")
        #expect(!body.stdout.contains("blank line"))
    }
}
