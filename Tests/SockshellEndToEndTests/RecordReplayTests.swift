import Foundation
import SockshellCore
import TestSupport
import Testing

/// Recording a session against the real daemon, and replaying it against the daemon's new state.
@Suite(.enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct RecordReplayTests {
    let host = TestDaemon.host ?? ""

    private func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-rec-\(UUID().uuidString.prefix(8))"
        ).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    /// A label value only this test's containers carry, so parallel tests' events don't mix in.
    private func uniqueLabel() -> String { "rec-\(UInt32.random(in: 0...UInt32.max))" }

    @Test func createThenStartReplaysAgainstTheDaemonsNewStateWithNoEdits() throws {
        let dir = try folder()
        let label = uniqueLabel()
        let recording = dir + "/create-start.sks"
        let script = """
            POST /containers/create {"Image":"busybox","Cmd":["sleep","30"],"Labels":{"sockshell.test":"\(label)"},\
            "HostConfig":{"NetworkMode":"none"}}
            let id = .Id
            POST /containers/$id/start
            GET /containers/$id/json
            expect .State.Running == true
            """
        try script.write(toFile: dir + "/s.sks", atomically: true, encoding: .utf8)
        let recorded = try SockshellProcess.run(["-H", host, "--view", "body", "--record", recording, dir + "/s.sks"])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: recording)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let text = try read(recording)
        #expect(text.hasPrefix(TranscriptFormat.magic + "\n"))
        #expect(text.contains("\nlet id = .Id\nPOST /containers/$id/start\n#= 2 POST /containers/"))
        #expect(text.contains("#< HTTP/1.1 204 No Content\\r\\n\n"))
        let oldId = try #require(text.components(separatedBy: "{\"Id\":\"").dropFirst().first?.prefix(64))

        // The daemon's state moves on: the recorded container is gone.
        let removed = try SockshellProcess.run([
            "-H", host, "--view", "body", "-c", "DELETE /containers/\(oldId)?force=1", "-c", "expect status 204",
        ])
        #expect(removed.status == 0, "\(removed.stderr)")

        let replay = try SockshellProcess.run(["replay", "-H", host, recording])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        let lines = replay.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "replay \(recording) against \(try Endpoint(parsing: host).display)")
        #expect(lines.filter { $0.hasSuffix(" same") }.count == 3, "\(replay.stdout)")
        #expect(lines.last?.hasPrefix("replay: 3 steps: 3 same, 0 differ, 0 failed") == true, "\(replay.stdout)")
        // The replay started a new container, not the deleted one: its id was remapped.
        #expect(!replay.stdout.contains(String(oldId.prefix(20))))
        try removeLabelled(label)
    }

    @Test func aChangedStatusIsReportedAsDiffersWithExitOne() throws {
        let dir = try folder()
        let name = "sockshell-rec-\(UInt32.random(in: 0...UInt32.max))"
        let recording = dir + "/inspect.sks"
        let made = try SockshellProcess.run([
            "-H", host, "--view", "body", "-c",
            """
            POST /containers/create?name=\(name) \
            {\"Image\":\"busybox\",\"Labels\":{\"sockshell.test\":\"1\"},\"HostConfig\":{\"NetworkMode\":\"none\"}}
            """,
            "-c", "expect status 201",
        ])
        #expect(made.status == 0, "\(made.stderr)")
        let recorded = try SockshellProcess.run([
            "-H", host, "--view", "body", "--record", recording, "-c", "GET /containers/\(name)/json",
        ])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        _ = try SockshellProcess.run(["-H", host, "-c", "DELETE /containers/\(name)?force=1"])
        // The global option before the command, as in `docker -H URL ps`.
        let replay = try SockshellProcess.run(["-H", host, "replay", recording])
        #expect(replay.status == 1)
        #expect(replay.stdout.contains("GET /containers/\(name)/json"))
        #expect(
            replay.stdout.contains(" differs\n      status: recorded 200 OK, now 404 Not Found\n"), "\(replay.stdout)")
        #expect(replay.stdout.contains("replay: 1 step: 0 same, 1 differs, 0 failed"), "\(replay.stdout)")
    }

    @Test func aBackgroundEventStreamIsRecordedAndReplays() throws {
        let dir = try folder()
        let label = uniqueLabel()
        let recording = dir + "/events.sks"
        let filters = #"{"label":["sockshell.test=\#(label)"],"type":["container"],"event":["create","start"]}"#
        let script = """
            GET /events?filters=\(filters) &
            POST /containers/create {"Image":"busybox","Cmd":["sleep","30"],"Labels":{"sockshell.test":"\(label)"},\
            "HostConfig":{"NetworkMode":"none"}}
            let id = .Id
            POST /containers/$id/start
            expect event container start within 10s
            sleep 0.5
            """
        try script.write(toFile: dir + "/s.sks", atomically: true, encoding: .utf8)
        let recorded = try SockshellProcess.run(["-H", host, "--view", "body", "--record", recording, dir + "/s.sks"])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let text = try read(recording)
        #expect(
            text.contains("#= 1 GET /events?filters=%7B%22label%22"),
            "the #= target is the one on the wire, percent-encoded")
        #expect(text.contains(" job at="))
        #expect(text.contains("\"Action\":\"start\""))
        let items = try TranscriptReader.read(text)
        let job = try #require(
            items.compactMap { item -> RecordedExchange? in
                if case .exchange(let exchange) = item, exchange.isJob { exchange } else { nil }
            }.first)
        #expect(job.end?.outcome == .interrupted, "the job was stopped at the end of the script")

        let replay = try SockshellProcess.run(["replay", "-H", host, recording])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        #expect(
            replay.stdout.contains(" &") && replay.stdout.contains("replay: 3 steps: 3 same, 0 differ, 0 failed"),
            "\(replay.stdout)")
        try removeLabelled(label)
    }

    @Test func killNineDuringARecordedStreamLeavesAFileThatReplaysUpToThatPoint() throws {
        let dir = try folder()
        let label = uniqueLabel()
        let recording = dir + "/killed.sks"
        let since = Int(Date().timeIntervalSince1970) - 1
        let filters = #"{"label":["sockshell.test=\#(label)"],"type":["container"],"event":["create"]}"#
        // The stream asks for past events too (since=), so the replay sees the same create.
        let shell = """
            sockshell -H '\(host)' --view body --record '\(recording)' \
            -c 'GET /events?since=\(since)&filters=\(filters)' > /dev/null &
            pid=$!
            for i in $(seq 100); do grep -q 'HTTP/1.1 200 OK' '\(recording)' 2>/dev/null && break; sleep 0.1; done
            sockshell -H '\(host)' --view body -c 'POST /containers/create {"Image":"busybox",\
            "Labels":{"sockshell.test":"\(label)"},"HostConfig":{"NetworkMode":"none"}}' > /dev/null
            for i in $(seq 100); do grep -q '"Action":"create"' '\(recording)' && break; sleep 0.1; done
            kill -9 $pid
            wait $pid
            echo "status $?"
            """
        let killed = try SockshellProcess.runShell(shell)
        #expect(killed.stdout == "status 137\n", "\(killed.stdout)\(killed.stderr)")
        let text = try read(recording)
        #expect(!text.contains("#. 1 "), "the exchange never ended")
        let items = try TranscriptReader.read(text)
        guard case .exchange(let cut)? = items.last else {
            Issue.record("the cut exchange is not in the file")
            return
        }
        #expect(cut.end == nil)
        #expect(String(decoding: cut.receivedBytes, as: UTF8.self).contains("\"Action\":\"create\""))

        let replay = try SockshellProcess.run(["replay", "-H", host, recording])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.contains("replay: 1 step: 1 same, 0 differ, 0 failed"), "\(replay.stdout)")
        try removeLabelled(label)
    }

    @Test func everySecretIsMaskedOnTheWayToDiskAndNoMaskKeepsThem() throws {
        let dir = try folder()
        // {"username":"bob","password":"hunter2"}
        let registryAuth = "eyJ1c2VybmFtZSI6ImJvYiIsInBhc3N3b3JkIjoiaHVudGVyMiJ9"
        // {"localhost:5":{"username":"carol","password":"c0ral"}}
        let registryConfig = "eyJsb2NhbGhvc3Q6NSI6eyJ1c2VybmFtZSI6ImNhcm9sIiwicGFzc3dvcmQiOiJjMHJhbCJ9fQ"
        let commands = [
            "header Authorization: Bearer s3cr3t-token",
            """
            GET /_ping -H 'Proxy-Authorization: Basic cHJveHk6cHc=' -H 'X-Registry-Auth: \(registryAuth)' -H \
            'X-Registry-Config: \(registryConfig)'
            """,
            #"POST /auth {"username":"bob","password":"hunter2","serveraddress":"http://127.0.0.1:1"}"#,
        ]
        let masked = dir + "/masked.sks"
        let result = try SockshellProcess.run(
            ["-H", host, "--view", "body", "--record", masked] + commands.flatMap { ["-c", $0] })
        #expect(result.status == 0, "\(result.stderr)")
        let text = try read(masked)
        for secret in ["s3cr3t-token", "cHJveHk6cHc", registryAuth, registryConfig, "hunter2", "\"bob\""] {
            #expect(!text.contains(secret), "\(secret) reached the disk")
        }
        #expect(text.contains("#> Authorization: Bearer ***\\r\\n"))
        #expect(text.contains("#> Proxy-Authorization: Basic ***\\r\\n"))
        // Registry headers stay decodable JSON with their field names.
        let sentAuth = try #require(
            text.components(separatedBy: "#> X-Registry-Auth: ").dropFirst().first?.components(separatedBy: "\\r\\n")
                .first)
        #expect(SecretPolicy.decodedRegistryJSON(sentAuth) == #"{"username":"***","password":"***"}"#)
        let sentConfig = try #require(
            text.components(separatedBy: "#> X-Registry-Config: ").dropFirst().first?.components(separatedBy: "\\r\\n")
                .first)
        #expect(SecretPolicy.decodedRegistryJSON(sentConfig) == #"{"localhost:5":{"username":"***","password":"***"}}"#)
        #expect(text.contains(#"#> {"username":"***","password":"***","serveraddress":"***"}"#))
        #expect(text.contains(#"POST /auth {"username":"***","password":"***","serveraddress":"***"}"#))
        #expect(text.contains("header Authorization: Bearer ***\n"))

        let kept = dir + "/kept.sks"
        let unmasked = try SockshellProcess.run(
            ["-H", host, "--view", "body", "--record", kept, "--no-mask"] + commands.flatMap { ["-c", $0] })
        #expect(unmasked.status == 0, "\(unmasked.stderr)")
        #expect(try read(kept).contains("hunter2"))
    }

    @Test func anExistingFileIsNeverOverwrittenWithoutForce() throws {
        let dir = try folder()
        let path = dir + "/keep.sks"
        try "precious\n".write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try SockshellProcess.run(["-H", host, "--record", path, "-c", "GET /_ping"])
        #expect(refused.status == 2)
        #expect(
            refused.stderr
                == """
                sockshell: \(path) already exists: record --append \(path) adds to it, record --force \(path) \
                replaces it\n
                """
        )
        #expect(try read(path) == "precious\n")
        let appendForeign = try SockshellProcess.run(["-H", host, "--record", path, "--append", "-c", "GET /_ping"])
        #expect(appendForeign.status == 2)
        #expect(try read(path) == "precious\n")
        let forced = try SockshellProcess.run([
            "-H", host, "--view", "body", "--record", path, "--force", "-c", "GET /_ping",
        ])
        #expect(forced.status == 0)
        let appended = try SockshellProcess.run([
            "-H", host, "--view", "body", "--record", path, "--append", "-c", "GET /_ping",
        ])
        #expect(appended.status == 0)
        let text = try read(path)
        #expect(
            text.contains("#= 1 GET /_ping") && text.contains("#= 2 GET /_ping"),
            "appended exchanges continue the numbering")
        let replay = try SockshellProcess.run(["replay", "-H", host, path])
        #expect(replay.stdout.contains("replay: 2 steps: 2 same"), "\(replay.stdout)\(replay.stderr)")
    }

    @Test func recordingOverTheScriptBeingRunIsRefused() throws {
        let dir = try folder()
        let script = dir + "/s.sks"
        try "GET /_ping\n".write(toFile: script, atomically: true, encoding: .utf8)
        let result = try SockshellProcess.run(["-H", host, "--record", script, "--force", script])
        #expect(result.status == 2)
        #expect(result.stderr == "sockshell: --record \(script) is the script being run: record to another file\n")
        #expect(try read(script) == "GET /_ping\n")
    }

    @Test func aForeignOrBrokenFileNamesTheLineAndADifferentVersionIsSaidFirst() throws {
        let dir = try folder()
        let foreign = dir + "/foreign.txt"
        try "GET /_ping\n".write(toFile: foreign, atomically: true, encoding: .utf8)
        let notRecording = try SockshellProcess.run(["replay", "-H", host, foreign])
        #expect(notRecording.status == 2)
        #expect(
            notRecording.stderr
                == """
                sockshell: \(foreign):1: not a sockshell recording: the first line should be '# sockshell \
                recording 1' (record FILE makes one)\n
                """
        )

        let good = dir + "/good.sks"
        let made = try SockshellProcess.run([
            "-H", host, "--view", "body", "--record", good, "-c", "GET /_ping", "-c", "GET /version",
        ])
        #expect(made.status == 0)
        var lines = try read(good).components(separatedBy: "\n")
        let broken = dir + "/broken.sks"
        let escapeLine = try #require(lines.firstIndex { $0.hasPrefix("#< Api-Version") })
        lines[escapeLine] = "#< Api-Version: 1.41\\x4"
        try lines.joined(separator: "\n").write(toFile: broken, atomically: true, encoding: .utf8)
        let brokenRun = try SockshellProcess.run(["replay", "-H", host, broken])
        #expect(brokenRun.status == 2)
        #expect(
            brokenRun.stderr.hasSuffix(
                "\(broken):\(escapeLine + 1): \\x must be followed by two hex digits, as in \\x00\n"),
            "\(brokenRun.stderr)")

        lines = try read(good).components(separatedBy: "\n").map {
            $0.hasPrefix("#< Api-Version: ") ? "#< Api-Version: 1.12\\r\\n" : $0
        }
        let older = dir + "/older.sks"
        try lines.joined(separator: "\n").write(toFile: older, atomically: true, encoding: .utf8)
        let olderRun = try SockshellProcess.run(["replay", "-H", host, older])
        let second = olderRun.stdout.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
        #expect(second.hasPrefix("version differs: recorded against API 1.12 (Docker/"), "\(olderRun.stdout)")
        #expect(second.contains("replaying against API 1."))
    }

    @Test func showReRendersAnExchangeAndReplayShowTouchesNoSocket() throws {
        let dir = try folder()
        let recording = dir + "/show.sks"
        let session = try SockshellProcess.run([
            "-H", host, "--view", "body", "--record", recording, "-c", "GET /_ping", "-c", "show 1 hex", "-c",
            "show wire",
        ])
        #expect(session.status == 0, "\(session.stderr)")
        #expect(
            session.stdout.contains("00000000  47 45 54 20 2f 5f 70 69  6e 67 20 48 54 54 50 2f  |GET /_ping HTTP/|"),
            "\(session.stdout)")
        #expect(session.stdout.contains("> GET /_ping HTTP/1.1␍␊\n"))
        #expect(session.stdout.contains("< OK\n"))
        let missing = try SockshellProcess.run(["-H", host, "-c", "GET /_ping", "-c", "show 9"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("there is no exchange 9 in this session's last 64 (they are 1 to 1)"))
        let none = try SockshellProcess.run(["-H", host, "-c", "show"])
        #expect(none.status == 1)
        #expect(none.stderr == "sockshell: there is no exchange to show yet: send a request first\n")
        // No daemon at all: --show reads only the file.
        let shown = try SockshellProcess.run([
            "replay", "--show", "--view", "pretty", "-H", "unix:///nonexistent.sock", recording,
        ])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("exchange 1 of \(recording): GET /_ping"))
        #expect(shown.stdout.contains("HTTP/1.1 200 OK"))
    }

    @Test func replayReadsTheRecordingOnceSoAPipeReplaysWhole() throws {
        let dir = try folder()
        let recording = dir + "/piped.sks"
        let session = try SockshellProcess.run([
            "-H", host, "--view", "body", "--record", recording, "-c", "GET /_ping",
        ])
        #expect(session.status == 0, "\(session.stderr)")
        // A pipe can be read once: looking for the recorded version first would use it up.
        let replay = try SockshellProcess.runShell("cat '\(recording)' | sockshell replay -H '\(host)' /dev/stdin")
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.contains("replay: 1 step: 1 same, 0 differ, 0 failed"), "\(replay.stdout)")
    }

    @Test func exportScriptAndHARWriteTheSession() throws {
        let dir = try folder()
        let result = try SockshellProcess.run([
            "-H", host, "--view", "body", "-c", "GET /_ping", "-c", "header X-Test: 1", "-c", "GET /version", "-c",
            "export script \(dir)/s.sks", "-c", "export har \(dir)/s.har", "-c", "export har \(dir)/s.har",
        ])
        #expect(result.status == 1, "exporting over an existing file fails")
        #expect(result.stderr.contains("\(dir)/s.har already exists"))
        #expect(try read(dir + "/s.sks").hasSuffix("GET /_ping\nheader X-Test: 1\nGET /version\n"))
        let har = try JSONValue.parse(Array(try read(dir + "/s.har").utf8))
        #expect(har["log"]?["version"]?.stringValue == "1.2")
        let entries = try #require(har["log"]?["entries"]?.arrayValue)
        #expect(entries.count == 2)
        #expect(entries[1]["request"]?["url"]?.stringValue == "http://docker/version")
        #expect(entries[1]["response"]?["status"]?.intValue == 200)
        #expect(entries[1]["request"]?["headers"]?.arrayValue?.contains { $0["name"]?.stringValue == "X-Test" } == true)
        // The exported script runs as a script.
        let rerun = try SockshellProcess.run(["-H", host, "--view", "body", dir + "/s.sks"])
        #expect(rerun.status == 0)
        #expect(rerun.stdout.hasPrefix("OK{"))
    }

    private func removeLabelled(_ label: String) throws {
        let listed = try SockshellProcess.run([
            "-H", host, "--view", "body", "-c",
            #"GET /containers/json?all=1&filters={"label":["sockshell.test=\#(label)"]}"#,
        ])
        let body = try JSONValue.parse(Array(listed.stdout.utf8))
        for container in body.arrayValue ?? [] {
            if let id = container["Id"]?.stringValue {
                _ = try SockshellProcess.run(["-H", host, "-c", "DELETE /containers/\(id)?force=1"])
            }
        }
    }
}

/// A registry header's base64 JSON decoded with its values masked, e.g. `{"username":"***"}`;
/// nil if the value is not base64 of JSON. Only the tests need to read a masked header back.
extension SecretPolicy {
    static func decodedRegistryJSON(_ value: String) -> String? {
        // Spaces and tabs around the value are the field's, not the base64's.
        let bytes = Array(value.utf8).drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }
        guard let decoded = Base64.decode(Array(bytes.reversed())), let json = try? JSONValue.parse(decoded) else {
            return nil
        }
        return JSONQuery.render(maskValues(json))
    }
}
