import Foundation
import TestSupport
import Testing

/// The warnings before sending, against the test daemon: each appears on standard error, the
/// request is still sent (the daemon's answer is on standard output), and --no-warn or
/// `warnings off` silence them.
@Suite(.enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct WarningTests {
    let host = TestDaemon.host ?? ""

    /// Each wrong request, the start of its warning, and what the daemon answered to it.
    static let cases: [(command: String, warning: String, answer: String)] = [
        (
            #"POST /containers/create -H 'Content-Type: text/plain' {"Image":"busybox"}"#,
            "warning: the body is JSON but Content-Type says text/plain",
            "Content-Type specified (text/plain) must be 'application/json'"
        ),
        (#"GET /_ping {"all":true}"#, "warning: a body on GET has no meaning", "OK"),
        (
            "GET /containers/jsn",
            "warning: /containers/jsn is not a route of the Engine API 1.41 reference (did you mean /containers/json?)",
            #"{"message":"page not found"}"#
        ),
        (
            "GET /version?formt=json", "warning: GET /version reads no query parameter 'formt': the daemon ignores it",
            #""ApiVersion":"#
        ),
        (
            #"raw GET /_ping HTTP/1.1\r\n\r\n"#, "warning: an HTTP/1.1 request needs a Host header",
            "400 Bad Request: missing required Host header"
        ),
        (
            "GET /containers/json?filters=status=running", "warning: filters=status=running is not JSON",
            "invalid character 's' looking for beginning of value"
        ),
        (
            "GET /_ping -H 'X-Registry-Auth: eyJ1c2VybmFtZSI6Im1lIiwicGFzc3dvcmQiOiI+Pj4/Pz8ifQ=='",
            "warning: X-Registry-Auth: it has + or /, so it is standard base64", "OK"
        ),
    ]

    @Test func eachWarningAppearsAndTheRequestIsStillSent() throws {
        for (command, warning, answer) in Self.cases {
            let result = try SockshellProcess.run(["-H", host, "--view", "body", "-c", command])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("sockshell: \(warning)"), "\(command): \(result.stderr)")
            #expect(
                result.stdout.contains(answer), "\(command): the daemon's answer shows it was sent: \(result.stdout)")
            let quiet = try SockshellProcess.run(["-H", host, "--view", "body", "--no-warn", "-c", command])
            #expect(!quiet.stderr.contains("warning:"), "\(command): \(quiet.stderr)")
            #expect(quiet.stdout.contains(answer))
        }
    }

    @Test func theRightFormsGetNoWarning() throws {
        let result = try SockshellProcess.run(
            [
                "-H", host, "--view", "body", "-c", "GET /_ping", "-c", "GET /v1.41/containers/json?all=1&size=1", "-c",
                #"GET /containers/json?filters={"status":["running"]}"#, "-c",
                #"raw GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n"#,
                "-c", "GET /_ping -H 'X-Registry-Auth: e30='",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("warning:"), "\(result.stderr)")
    }

    @Test func warningsOffInAScriptSilencesThemAndNeverFailsIt() throws {
        let path = try ScriptFile.write(
            """
            GET /containers/jsn
            expect status 404
            warnings
            warnings off
            GET /containers/jsn
            warnings
            warnings on
            GET /containers/json?al=1
            expect status 200
            """)
        let result = try SockshellProcess.run(["-H", host, "--view", "body", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("warnings on\n") && result.stdout.contains("warnings off\n"))
        #expect(result.stderr.components(separatedBy: "is not a route").count == 2, "once, before warnings off")
        #expect(result.stderr.contains("reads no query parameter 'al'"))
    }

    @Test func anotherServerOnASocketGetsOnlyHTTPsOwnWarnings() throws {
        let server = try FaultServer { connection in
            while connection.readRequestHead(timeout: 10) != nil {
                connection.write("HTTP/1.1 204 No Content\r\n\r\n")
            }
        }
        defer { server.stop() }
        let result = try SockshellProcess.run(
            ["-H", server.host, "-c", "GET /x?filters=a", "-c", #"raw GET /y HTTP/1.1\r\n\r\n"#], timeout: 20)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("not a route") && !result.stderr.contains("filters"), "\(result.stderr)")
        #expect(result.stderr.contains("warning: an HTTP/1.1 request needs a Host header"))
    }
}
