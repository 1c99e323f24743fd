import Foundation
import TestSupport
import Testing

/// `.http` files (VS Code REST Client, JetBrains HTTP Client) run against the real daemon:
/// `sockshell FILE.http` and `source FILE.http` from a script.
@Suite(.enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct HTTPFileTests {
    let host = TestDaemon.host ?? ""

    /// A fresh folder holding `files` (name to text), for one test.
    private func folder(_ files: [String: String]) throws -> String {
        let path = try TemporaryFolder.make("http")
        for (name, text) in files {
            let file = path + "/" + name
            try FileManager.default.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        return path
    }

    /// Create (a named request, its body from a file with references filled), start with the
    /// captured Id, inspect, delete: the lifecycle the issue asks for.
    private let lifecycle = """
        @label = sockshell.test

        ### create a container
        # @name create
        POST http://localhost:2375/containers/create
        Content-Type: application/json
        X-Token: {{$dotenv TOKEN}}

        <@ ./create.json

        ###
        # @no-redirect
        POST http://localhost:2375/containers/{{create.response.body.$.Id}}/start

        ###
        // @name inspect
        GET /containers/{{create.response.body.$.Id}}/json

        ###
        DELETE /containers/{{inspect.response.body.$.Id}}
            ?force=true
        """

    private let createBody = """
        {"Image": "{{image}}", "Cmd": ["sleep", "30"], "Labels": {"{{label}}": "1"},
         "HostConfig": {"NetworkMode": "none"}}
        """

    @Test func createStartInspectDeleteFromAFile() throws {
        let dir = try folder([
            "lifecycle.http": "@image = busybox\n" + lifecycle, "create.json": createBody, ".env": "TOKEN=abc\n",
        ])
        let result = try SockshellProcess.run(["-H", host, "--view", "json", dir + "/lifecycle.http"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr
                == """
                sockshell: \(dir)/lifecycle.http:6: requests go to the session's endpoint, not to \
                http://localhost:2375: only the path and query are sent\n
                """)
        let exchanges = try exchanges(result.stdout)
        #expect(exchanges.map(\.status) == [201, 204, 200, 204], "\(result.stdout)")
        let id =
            try #require(
                exchanges.first?.body.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) }
                    as? [String: Any])["Id"] as? String
        #expect(
            exchanges.map(\.line) == [
                "POST /containers/create HTTP/1.1", "POST /containers/\(id ?? "")/start HTTP/1.1",
                "GET /containers/\(id ?? "")/json HTTP/1.1", "DELETE /containers/\(id ?? "")?force=true HTTP/1.1",
            ])
        #expect(exchanges.first?.headers.contains(["X-Token", "abc"]) == true, "$dotenv TOKEN from the .env file")
        #expect(exchanges.first?.headers.contains { $0.first == "Content-Length" } == true)
    }

    /// The request line, request headers, response status and response body of each `--view json` line.
    private func exchanges(
        _ output: String
    ) throws -> [(line: String, headers: [[String]], status: Int, body: String?)] {
        try output.split(separator: "\n").map { text in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let request = try #require(object["request"] as? [String: Any])
            let response = try #require(object["response"] as? [String: Any])
            return (
                request["line"] as? String ?? "", request["headers"] as? [[String]] ?? [],
                response["status"] as? Int ?? 0, response["body"] as? String
            )
        }
    }

    @Test func theBodiesAreTheDaemonsAnswers() throws {
        let dir = try folder([
            "lifecycle.http": "@image = busybox\n" + lifecycle, "create.json": createBody, ".env": "TOKEN=abc\n",
        ])
        let result = try SockshellProcess.run(["-H", host, "--view", "body", dir + "/lifecycle.http"])
        #expect(result.status == 0, "\(result.stderr)")
        let created = try #require(result.stdout.split(separator: "\n").first)
        let id = try #require(
            (try JSONSerialization.jsonObject(with: Data(created.utf8)) as? [String: Any])?["Id"] as? String)
        #expect(result.stdout.contains(#""Id":"\#(id)""#))
        #expect(result.stdout.contains(#""Running":true"#))
        #expect(result.stdout.contains(#""sockshell.test":"1""#))
        let gone = try SockshellProcess.run(["-H", host, "--view", "json", "-c", "GET /containers/\(id)/json"])
        #expect(try exchanges(gone.stdout).map(\.status) == [404], "the file's DELETE removed the container")
    }

    @Test func sourceFromAScriptWithTheScriptsVariables() throws {
        let dir = try folder([
            "api/lifecycle.http": lifecycle, "api/create.json": createBody, "api/.env": "TOKEN=abc\n",
            "run.sks": """
            set image = busybox
            source api/lifecycle.http
            expect status 204
            echo created $create_body_Id
            """,
        ])
        let result = try SockshellProcess.run(["-H", host, "--view", "body", dir + "/run.sks"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#""Running":true"#))
        #expect(result.stdout.range(of: #"created [0-9a-f]{64}\n"#, options: .regularExpression) != nil)
        #expect(
            result.stderr.hasPrefix(
                "sockshell: api/lifecycle.http:5: requests go to the session's endpoint, not to http://localhost:2375"))
    }

    @Test func aSyntaxErrorNamesFileAndLineAndSendsNothing() throws {
        let dir = try folder(["bad.http": "GET /_ping\n###\nPOST /containers/create\nthis is no header\n"])
        let result = try SockshellProcess.run(["-H", host, dir + "/bad.http"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == """
                sockshell: \(dir)/bad.http:4: 'this is no header' is not a header (Name: value): put a blank line \
                between the headers and the body, and ### between requests\n
                """)
    }

    @Test func systemVariablesAreFilledAsTheFileIsRead() throws {
        let dir = try folder([
            "values.http":
                "GET /_ping?g={{$guid}}&n={{$randomInt 7 8}}&t={{$timestamp}}&u={{$processEnv SOCKSHELL_HTTP_TEST}}\n"
        ])
        let result = try SockshellProcess.run(
            ["-H", host, "--view", "json", dir + "/values.http"], environment: ["SOCKSHELL_HTTP_TEST": "from-env"])
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(try exchanges(result.stdout).first?.line)
        let guid = #"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"#
        let pattern = #"^GET /_ping\?g="# + guid + #"&n=7&t=[0-9]{10}&u=from-env "#
        #expect(line.range(of: pattern, options: .regularExpression) != nil, "\(line)")
    }

    @Test func exportHTTPRunsBack() throws {
        let exported = try SockshellProcess.run(["-H", host, "--view", "body", "-c", "GET /_ping", "-c", "export http"])
        #expect(exported.status == 0)
        let text = String(exported.stdout.dropFirst("OK".count))
        let dir = try folder(["again.http": text])
        let again = try SockshellProcess.run(["-H", host, "--view", "body", dir + "/again.http"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == "OK")
    }
}
