import Foundation
import TestSupport
import Testing

/// The built binary run as a user would: flags, -c, script files, stdin, exit statuses.
@Suite(.enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct CommandLineTests {
    let host = TestDaemon.host ?? ""

    /// Issue 11: every run made ~/.local/state/sockshell (and looked for lessons) even for one `-c`.
    @Test func aOneLineCommandTouchesNoStateFolder() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-c-\(UUID().uuidString.prefix(8))"
        ).path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try SockshellProcess.run(
            ["-H", host, "--view", "body", "-c", "GET /_ping"], environment: ["HOME": home, "XDG_STATE_HOME": ""])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "OK")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home) == [], "the fresh HOME stays empty")
    }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func dashCSendsARequestAndShowsTheWire() throws {
        let result = try SockshellProcess.run(["-H", host, "-c", "GET /_ping"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.hasPrefix(
                """
                * conn 1 unix:\(TestDaemon.socketPath ?? "") (new)\n> GET /_ping HTTP/1.1␍␊\n> Host: docker␍␊\n
                """))
        #expect(result.stdout.contains("< HTTP/1.1 200 OK␍␊\n"))
        #expect(result.stdout.contains("\n< OK\n* #1 200 OK · 2 B · "))
        #expect(result.stderr.isEmpty)
    }

    @Test func dockerHostAndUnixSocketFlagChooseTheEndpoint() throws {
        let fromEnvironment = try SockshellProcess.run(
            ["--view", "body", "-c", "GET /_ping"], environment: ["DOCKER_HOST": host])
        #expect(fromEnvironment.status == 0)
        #expect(fromEnvironment.stdout == "OK")
        let fromFlag = try SockshellProcess.run(
            ["--unix-socket", TestDaemon.socketPath ?? "", "--view", "body", "-c", "GET /_ping"],
            environment: ["DOCKER_HOST": "unix:///nonexistent.sock"])
        #expect(fromFlag.stdout == "OK")
        let bare = try SockshellProcess.run([
            "-H", TestDaemon.socketPath ?? "", "--view=body", "-c", "HEAD /_ping", "-c", "GET /_ping",
        ])
        #expect(bare.stdout == "OK")
    }

    @Test func scriptFileRunsCreateStartDeleteWithAMultiLineBodyAndABodyFile() throws {
        let folder = try temporaryDirectory()
        let name = "sockshell-e2e-\(UInt32.random(in: 0...UInt32.max))"
        try #"{"Image":"busybox","Cmd":["true"],"Labels":{"sockshell.test":"1"},"HostConfig":{"NetworkMode":"none"}}"#
            .write(to: folder.appendingPathComponent("create.json"), atomically: true, encoding: .utf8)
        let script = """
            # create-then-start, as the tutorial does it
            POST /containers/create?name=\(name) {
              "Image": "busybox",
              "Cmd": ["sleep", "30"],
              "Labels": {"sockshell.test": "1"},
              "HostConfig": {"NetworkMode": "none"}
            }
            POST /containers/\(name)/start
            POST /containers/\(name)/start
            DELETE /containers/\(name)?force=1
            POST /containers/create?name=\(name)-2 @create.json
            DELETE /containers/\(name)-2?force=1
            """
        let path = folder.appendingPathComponent("session.sks").path
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        // Run from elsewhere: @create.json is found next to the script.
        let result = try SockshellProcess.run(["-H", host, path], currentDirectory: "/")
        #expect(result.status == 0, "\(result.stderr)")
        let summaries = result.stdout.split(separator: "\n").filter { $0.hasPrefix("* ") && !$0.hasPrefix("* conn") }
            .map { $0.split(separator: "·")[0].trimmingCharacters(in: .whitespaces) }
        #expect(
            summaries == [
                "* #1 201 Created", "* #2 204 No Content", "* #3 304 Not Modified", "* #4 204 No Content",
                "* #5 201 Created", "* #6 204 No Content",
            ])
    }

    @Test func aSyntaxErrorAnywhereStopsTheScriptBeforeAnythingIsSent() throws {
        let folder = try temporaryDirectory()
        let name = "sockshell-e2e-\(UInt32.random(in: 0...UInt32.max))"
        let path = folder.appendingPathComponent("bad.sks").path
        try """
        POST /containers/create?name=\(name) {\"Image\":\"busybox\",\"Labels\":{\"sockshell.test\":\"1\"}}\nGET \
        /_ping\nhedaer X-A: b\n
        """
        .write(toFile: path, atomically: true, encoding: .utf8)
        let result = try SockshellProcess.run(["-H", host, path])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "sockshell: \(path):3: unknown command 'hedaer': did you mean header? (help lists commands)\n")
        #expect(result.stdout.isEmpty)
        let check = try SockshellProcess.run(["-H", host, "--view", "body", "-c", "GET /containers/\(name)/json"])
        #expect(check.stdout.contains("No such container"))
    }

    @Test func unbalancedJSONAtTheEndIsASyntaxError() throws {
        let result = try SockshellProcess.run(["-H", host, "-c", #"POST /containers/create {"Image":"busybox""#])
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "-c:1: the JSON body that starts on line 1 is not closed at the end of the input (1 bracket still open)"
            ))
    }

    @Test func linesFromStandardInput() throws {
        let result = try SockshellProcess.run(
            ["-H", host, "--view", "body"], stdin: "GET /_ping\n\nHEAD /_ping\nGET /_ping\n")
        #expect(result.status == 0)
        #expect(result.stdout == "OKOK")
        let bad = try SockshellProcess.run(["-H", host], stdin: "GET /_ping\nGET\n")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("stdin:2: GET needs a target path"))
    }

    /// One sequence of connection numbers for the foreground and its jobs: "conn 2" is one socket.
    @Test func backgroundJobsNumberTheirConnectionsInTheSessionsSequence() throws {
        let result = try SockshellProcess.run([
            "-H", host, "-c", "GET /_ping", "-c", "GET /events?since=0&until=1 &", "-c", "wait", "-c",
            "GET /_ping -H 'Connection: close'", "-c", "GET /_ping",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let connections = result.stdout.split(separator: "\n").filter { $0.contains("* conn ") }.map {
            $0.replacingOccurrences(of: " unix:\(TestDaemon.socketPath ?? "")", with: "")
        }
        #expect(
            connections == ["* conn 1 (new)", "[1] * conn 2 (new)", "* conn 1 (reused)", "* conn 3 (new)"],
            "\(result.stdout)")
    }

    /// `GET … &` then `fg 1` does not race the job's end: an ended job's output is shown and fg
    /// says how it ended.
    @Test func fgOfAnEndedJobSaysHowItEnded() throws {
        let result = try SockshellProcess.run([
            "-H", host, "--view", "body", "-c", "GET /_ping &", "-c", "wait 1", "-c", "fg 1", "-c", "fg 7",
        ])
        #expect(result.status == 1)
        #expect(result.stdout.contains("[1] has ended: 200 OK\n"), "\(result.stdout)")
        #expect(
            result.stderr
                == "sockshell: no job 7: jobs lists them (an ended job is forgotten once jobs has shown it)\n")
    }

    /// A job's exchange has its number in the session's one sequence, and show N finds it once
    /// it has ended.
    @Test func aJobsExchangeIsNumberedAndShownLikeAnyOther() throws {
        let result = try SockshellProcess.run([
            "-H", host, "-c", "GET /_ping &", "-c", "wait", "-c", "GET /_ping", "-c", "show 1", "-c", "export curl 1",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\n[1] * #1 200 OK · 2 B · "), "\(result.stdout)")
        #expect(result.stdout.contains("\n* #2 200 OK · 2 B · "), "\(result.stdout)")
        #expect(result.stdout.contains("* exchange 1 as recorded"), "\(result.stdout)")
        #expect(result.stdout.hasSuffix(" http://docker/_ping\n"), "\(result.stdout)")
    }

    @Test func connectSwitchesEndpointMidScript() throws {
        let result = try SockshellProcess.run([
            "-H", "unix:///nonexistent/docker.sock", "--view", "body", "-c", "connect \(host)", "-c", "GET /_ping",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "OK")
    }

    @Test func missingBodyFileIsARuntimeError() throws {
        let result = try SockshellProcess.run([
            "-H", host, "-c", "POST /containers/create @no-such-file.json", "-c", "GET /_ping",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no such file: @no-such-file.json"))
        #expect(!result.stdout.contains("GET /_ping"), "the script stops at the failure")
    }

    @Test func prettyAndHexViews() throws {
        let pretty = try SockshellProcess.run(["-H", host, "--view", "pretty", "-c", "GET /version"])
        #expect(pretty.stdout.contains("HTTP/1.1 200 OK\n"))
        #expect(pretty.stdout.contains("\n  \"ApiVersion\": \""))
        let hex = try SockshellProcess.run(["-H", host, "-c", "view hex", "-c", "GET /_ping"])
        #expect(hex.stdout.contains("> 00000000  47 45 54 20 2f 5f 70 69  6e 67 20 48 54 54 50 2f  |GET /_ping HTTP/|"))
        #expect(hex.stdout.contains("< 00000000  48 54 54 50 2f 31 2e 31  20 32 30 30 20 4f 4b 0d  |HTTP/1.1 200 OK.|"))
    }

    @Test func jsonViewIsOneObjectPerExchangeForJq() throws {
        let result = try SockshellProcess.run([
            "-H", host, "--view", "json", "-c", "GET /_ping", "-c",
            #"POST /containers/create {"Image":"no-such-image"}"#,
        ])
        #expect(result.status == 0)
        let objects = try result.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(objects.count == 2)
        let first = try #require(objects.first ?? nil)
        #expect((first["response"] as? [String: Any])?["status"] as? Int == 200)
        #expect((first["response"] as? [String: Any])?["body"] as? String == "OK")
        let second = try #require(objects.last ?? nil)
        #expect((second["request"] as? [String: Any])?["body"] as? String == #"{"Image":"no-such-image"}"#)
        #expect((second["response"] as? [String: Any])?["status"] as? Int == 404)
        #expect((second["connection"] as? [String: Any])?["reused"] as? Bool == true)
    }

    @Test func ctrlCEndsAnEventStreamCleanlyAndStopsTheScript() throws {
        let result = try SockshellProcess.run(
            ["-H", host, "-c", "GET /events", "-c", "GET /_ping"], timeout: 20, interruptAfter: 1.0)
        #expect(!result.signaled, "SIGINT must not kill the process")
        #expect(result.status == 1)
        #expect(result.stdout.contains("< Transfer-Encoding: chunked␍␊"))
        // Other tests running at the same time may add events, so the byte count varies.
        let summary = try #require(result.stdout.split(separator: "\n").last)
        #expect(summary.hasPrefix("* #1 200 OK · ") && summary.hasSuffix(" · interrupted"), "\(summary)")
        #expect(!result.stdout.contains("GET /_ping"))
    }

    @Test func aBackgroundEventStreamSeesTheContainerCreatedInTheForeground() throws {
        let name = "sockshell-e2e-job-\(UInt32.random(in: 0...UInt32.max))"
        let result = try SockshellProcess.run(
            [
                "-H", host, "--view", "pretty",
                "-c", "GET /events?filters={\"container\":[\"\(name)\"]} &",
                "-c",
                #"POST /containers/create?name=\#(name) {"Image":"busybox","Cmd":["sleep","30"],"Labels":"#
                    + #"{"sockshell.test":"1"},"HostConfig":{"NetworkMode":"none"}}"#,
                "-c", "POST /containers/\(name)/start",
                // A second job at once, on its own connection.
                "-c", "POST /containers/\(name)/wait &",
                "-c", "jobs",
                "-c", "DELETE /containers/\(name)?force=1",
                // The daemon answers the wait after the delete's own answer: wait for it, or the
                // script's end would stop the job first.
                "-c", "wait 2",
            ], timeout: 30)
        #expect(result.status == 0, "\(result.stderr)")
        let jobLines = result.stdout.split(separator: "\n").filter { $0.hasPrefix("[1] ") }
        #expect(
            jobLines.first
                == """
                [1] GET /events?filters={\"container\":[\"\(name)\"]} (jobs lists it, fg 1 follows it, stop 1 \
                ends it)
                """
        )
        // The pretty view's line per event: `[1] container create NAME (ID)`.
        let actions = jobLines.compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard words.count >= 4, words[1] == "container", words[3] == name else { return nil }
            return String(words[2])
        }
        // A container filter keeps the network's connect event out (it is the network's event).
        #expect(Array(actions.prefix(2)) == ["create", "start"], "\(result.stdout)")
        #expect(result.stdout.contains("GET /events?filters=%7B%22container%22:[%22\(name)%22]%7D HTTP/1.1 · "))
        // The wait job ends by itself when the container is removed, with its exit status.
        let stoppedEarly = result.stdout.firstMatch(of: #/\[2\] \* #\d+ 200 OK · 0 B/#)
        #expect(stoppedEarly == nil, "the job was stopped before its answer")
        let secondJob = result.stdout.split(separator: "\n").filter { $0.hasPrefix("[2] ") }
        #expect(secondJob.contains("[2] > POST /containers/\(name)/wait HTTP/1.1"), "\(result.stdout)")
        #expect(result.stdout.contains("[2] POST /containers/\(name)/wait HTTP/1.1 · "))
        #expect(secondJob.contains { $0.contains("\"StatusCode\"") }, "\(result.stdout)")
        // Jobs' exchanges are numbered with the foreground's: the events job was the first.
        #expect(secondJob.last?.firstMatch(of: #/^\[2\] \* #\d+ 200 OK · /#) != nil, "\(result.stdout)")
        // The script's end stops the job, which says how it ended.
        #expect(jobLines.last?.hasPrefix("[1] * #1 200 OK · ") == true)
        #expect(jobLines.last?.hasSuffix(" · interrupted") == true)
    }

    @Test func editSendsWhatTheEditorSaved() throws {
        let name = "sockshell-e2e-edit-\(UInt32.random(in: 0...UInt32.max))"
        // The "editor" fixes the image name in the file it is given, as a person would.
        let result = try SockshellProcess.run(
            [
                "-H", host, "--view", "pretty",
                "-c",
                #"POST /containers/create?name=\#(name) {"Image":"no-such-image","Cmd":["true"],"Labels":"#
                    + #"{"sockshell.test":"1"}}"#,
                "-c", "edit",
                "-c", "DELETE /containers/\(name)",
            ], environment: ["EDITOR": "sed -i s/no-such-image/busybox/"])
        #expect(result.status == 0, "\(result.stderr)")
        let summaries = result.stdout.split(separator: "\n").filter { $0.hasPrefix("* ") }.map {
            $0.split(separator: "·")[0].trimmingCharacters(in: .whitespaces)
        }
        #expect(summaries == ["* #1 404 Not Found", "* #2 201 Created", "* #3 204 No Content"])
        let failed = try SockshellProcess.run(
            ["-H", host, "-c", "GET /_ping", "-c", "edit"], environment: ["EDITOR": "false"])
        #expect(failed.status == 1)
        #expect(failed.stderr == "sockshell: the editor exited with status 1: nothing was sent\n")
        // An editor that quits without a change (vim's :q!): a script has nobody to ask, so nothing is sent.
        let unchanged = try SockshellProcess.run(
            ["-H", host, "--view", "body", "-c", "GET /_ping", "-c", "edit"], environment: ["EDITOR": "true"])
        #expect(unchanged.status == 1)
        #expect(unchanged.stdout == "OK")
        #expect(
            unchanged.stderr
                == "sockshell: the request was left unchanged: nothing was sent (change and save it to send it)\n")
    }

    @Test func variablesFillTargetsHeadersAndBodies() throws {
        let name = "sockshell-e2e-var-\(UInt32.random(in: 0...UInt32.max))"
        let result = try SockshellProcess.run([
            "-H", host, "--view", "body", "-e", "image=busybox",
            "-c", "set name = \(name)",
            "-c",
            #"POST /containers/create?name=$name -H 'X-Note: ${name}' {"Image":"$image","Cmd":"#
                + #"["echo","say \"$name\""],"Labels":{"sockshell.test":"1"}}"#,
            "-c", "GET /containers/${name}/json",
            "-c", "DELETE /containers/$name",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#""Args":["say \"\#(name)\""]"#), "\(result.stdout)")
    }

    @Test func sourceEchoAndSleep() throws {
        let folder = try temporaryDirectory()
        try "set image = busybox\necho setup done for $image\n".write(
            to: folder.appendingPathComponent("setup.sks"), atomically: true, encoding: .utf8)
        try "source setup.sks\necho main sees $image\nsleep 0.1\nGET /_ping\n".write(
            to: folder.appendingPathComponent("main.sks"), atomically: true, encoding: .utf8)
        try "source loop.sks\n".write(to: folder.appendingPathComponent("loop.sks"), atomically: true, encoding: .utf8)
        let result = try SockshellProcess.run(
            ["-H", host, "--view", "body", folder.appendingPathComponent("main.sks").path], currentDirectory: "/")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "setup done for busybox\nmain sees busybox\nOK")
        let loop = try SockshellProcess.run(["-H", host, folder.appendingPathComponent("loop.sks").path])
        #expect(loop.status == 1)
        #expect(
            loop.stderr == "sockshell: source is nested more than 16 deep at loop.sks: does a script source itself?\n")
        let badSleep = try SockshellProcess.run(["-H", host, "-c", "sleep soon"])
        #expect(badSleep.status == 2)
        #expect(badSleep.stderr == "sockshell: -c:1: sleep needs a number of seconds, e.g. sleep 1.5\n")
    }

    @Test func anUndefinedVariableStopsTheScriptBeforeAnythingIsSent() throws {
        let result = try SockshellProcess.run(["-H", host, "-c", "GET /_ping", "-c", "POST /containers/$id/start"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == """
                sockshell: -c:2: undefined variable $id: set it first (set id = value), capture it (let id = \
                .Id), or pass -e id=value\n
                """
        )
    }

    @Test func helpAndUnknownCommands() throws {
        let help = try SockshellProcess.run(["-H", host, "-c", "help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("  raw "))
        // A topic's paragraphs are folded at spaces to the width (80 off a terminal), as man's are.
        let topic = try SockshellProcess.run(["-H", host, "-c", "help GET"])
        let lines = topic.stdout.split(separator: "\n")
        #expect(lines.count > 8 && lines.allSatisfy { $0.count <= 80 }, "\(topic.stdout)")
        #expect(topic.stdout.contains("(the path is sent,\n  the host becomes Host)"), "\(topic.stdout)")
        let unknown = try SockshellProcess.run(["-H", host, "-c", "conect unix:///x"])
        #expect(unknown.status == 2)
        #expect(
            unknown.stderr == "sockshell: -c:1: unknown command 'conect': did you mean connect? (help lists commands)\n"
        )
    }
}

/// Failures that need no daemon: exit statuses and the sentences users see.
struct CommandLineErrorTests {
    @Test func noSuchSocket() throws {
        let result = try SockshellProcess.run(["-H", "unix:///nonexistent/docker.sock", "-c", "GET /_ping"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("sockshell: no socket at /nonexistent/docker.sock: start the Docker daemon"))
        #expect(result.stderr.contains("DOCKER_HOST"))
    }

    @Test func defaultEndpointIsTheDockerSocket() throws {
        // Point DOCKER_HOST nowhere real to see which path is tried, without touching the real one.
        let result = try SockshellProcess.run(["-c", "GET /_ping"], environment: ["DOCKER_HOST": ""])
        #expect(result.stderr.contains("/var/run/docker.sock") || result.status == 0)
    }

    @Test func notASocket() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "plain-\(UUID().uuidString.prefix(6)).txt"
        ).path
        try #require(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        let result = try SockshellProcess.run(["--unix-socket", file, "-c", "GET /_ping"])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == """
                sockshell: \(file) exists but is not a socket: check the path (the Docker socket is usually \
                /var/run/docker.sock)\n
                """
        )
    }

    @Test func pathTooLong() throws {
        let path = "/tmp/" + String(repeating: "d", count: 120) + ".sock"
        let result = try SockshellProcess.run(["-H", path, "-c", "GET /_ping"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is 130 bytes, longer than the 107 a unix socket address allows"))
    }

    @Test func connectionRefusedOnAStaleSocketFile() throws {
        let path = "/tmp/sockshell-stale-\(UInt32.random(in: 0...UInt32.max)).sock"
        let descriptor = try Self.boundSocket(at: path, listening: false)
        close(descriptor)  // bound, never listened: the file stays, nobody answers
        defer { unlink(path) }
        let result = try SockshellProcess.run(["-H", "unix://\(path)", "-c", "GET /_ping"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("connection refused at \(path): the socket file is there but nothing listens on it"))
    }

    @Test(
        .enabled(
            if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
            "needs root to run sockshell as another user"))
    func permissionDeniedNamesTheGroupAndWhatItMeans() throws {
        let path = "/tmp/sockshell-perm-\(UInt32.random(in: 0...UInt32.max)).sock"
        let descriptor = try Self.listeningSocket(at: path)
        defer {
            close(descriptor)
            unlink(path)
        }
        chmod(path, 0o600)
        // A copy anyone may execute, run as nobody: the root-owned 0600 socket refuses it.
        let copy = "/tmp/sockshell-perm-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.copyItem(atPath: SockshellProcess.binaryPath, toPath: copy)
        defer { unlink(copy) }
        chmod(copy, 0o755)
        let result = try SockshellProcess.runShell(
            "exec setpriv --reuid=65534 --regid=65534 --clear-groups \(copy) -H \(path) -c 'GET /_ping'")
        #expect(result.status == 1)
        #expect(
            result.stderr
                == """
                sockshell: permission denied on \(path): run as root or join the socket's group (for Docker: sudo \
                usermod -aG docker $USER, then log in again; that group is equivalent to root on this host)\n
                """
        )
    }

    static func listeningSocket(at path: String) throws -> Int32 {
        try boundSocket(at: path, listening: true)
    }

    /// A unix socket bound at `path`; one that is not listening refuses connections.
    static func boundSocket(at path: String, listening: Bool) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0 && (!listening || listen(descriptor, 4) == 0))
        return descriptor
    }

    @Test func tcpConnectionRefused() throws {
        let result = try SockshellProcess.run(["-H", "tcp://127.0.0.1:1", "-c", "GET /_ping"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("connection refused at 127.0.0.1:1"))
    }

    @Test func usageErrorsExitTwo() throws {
        let badView = try SockshellProcess.run(["--view", "fancy", "-c", "GET /_ping"])
        #expect(badView.status == 2)
        #expect(badView.stderr.contains("fancy"))
        let badTimeout = try SockshellProcess.run(["--timeout", "-1", "-c", "GET /_ping"])
        #expect(badTimeout.status == 2)
        let badHost = try SockshellProcess.run(["-H", "ftp://x", "-c", "GET /_ping"])
        #expect(badHost.status == 2)
        #expect(
            badHost.stderr
                == "sockshell: unknown endpoint scheme 'ftp://': use unix:///path/to.sock or tcp://host:port\n")
        let missingScript = try SockshellProcess.run(["/nonexistent/script.sks"])
        #expect(missingScript.status == 2)
        #expect(missingScript.stderr.contains("cannot read script /nonexistent/script.sks"))
    }

    @Test func versionAndHelp() throws {
        let version = try SockshellProcess.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
        let help = try SockshellProcess.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--unix-socket"))
    }
}
