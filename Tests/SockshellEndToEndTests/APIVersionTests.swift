import Foundation
import TestSupport
import Testing

/// `--api-version`, `DOCKER_API_VERSION` and `api-version` against the real daemon (API 1.41): the
/// prefix as sent on the wire, the daemon's too-new refusal with the line saying what to do, and
/// negotiation by an unversioned `HEAD /_ping`.
@Suite(.enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct APIVersionEndToEndTests {
    let host = TestDaemon.host ?? ""
    /// The machine's own DOCKER_API_VERSION must not count.
    let unset = ["DOCKER_API_VERSION": ""]

    @Test func theFlagPrefixesThePathAsSent() throws {
        let result = try SockshellProcess.run(
            ["-H", host, "--api-version", "1.30", "-c", "GET /version"], environment: ["DOCKER_API_VERSION": "1.99"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("> GET /v1.30/version HTTP/1.1␍␊\n"), "\(result.stdout)")
        #expect(result.stdout.contains("* #1 200 OK"))
    }

    @Test func aTooNewVersionGetsTheDaemonsRefusalAndWhatToType() throws {
        let result = try SockshellProcess.run(
            ["-H", host, "-c", "GET /version"], environment: ["DOCKER_API_VERSION": "1.99"])
        #expect(result.stdout.contains("> GET /v1.99/version HTTP/1.1␍␊\n"), "\(result.stdout)")
        #expect(result.stdout.contains("< HTTP/1.1 400 Bad Request␍␊\n"))
        #expect(
            result.stdout.hasSuffix(
                "\n* this daemon speaks API 1.41 at most: api-version 1.41, or api-version negotiate\n"),
            "\(result.stdout)")
    }

    @Test func aTooOldVersionsTextBodyGetsItsLineToo() throws {
        let result = try SockshellProcess.run(["-H", host, "-c", "api-version 1.11", "-c", "GET /version"])
        #expect(result.stdout.contains("< Content-Type: text/plain; charset=utf-8␍␊\n"), "\(result.stdout)")
        #expect(
            result.stdout.hasSuffix(
                "\n* this daemon needs API 1.12 or newer: api-version 1.12, or api-version negotiate\n"),
            "\(result.stdout)")
    }

    @Test func negotiatePingsUnversionedAndLaterPathsGoUnderTheDaemonsVersion() throws {
        let result = try SockshellProcess.run(
            ["-H", host, "-c", "api-version negotiate", "-c", "GET /version", "-c", "api-version"],
            environment: unset)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("> HEAD /_ping HTTP/1.1␍␊\n"), "\(result.stdout)")
        #expect(result.stdout.contains("\n* api-version 1.41 (the daemon speaks 1.41, sockshell knows up to 1.41)\n"))
        #expect(result.stdout.contains("> GET /v1.41/version HTTP/1.1␍␊\n"))
        #expect(
            result.stdout.hasSuffix(
                """
                API 1.41 (negotiated: the daemon speaks 1.41, sockshell knows up to 1.41): unversioned paths go as \
                /v1.41/...\n
                """))
    }

    @Test func offSendsPathsAsTypedAndAVersionedPathIsLeftAlone() throws {
        let result = try SockshellProcess.run(
            ["-H", host, "--view", "wire", "-c", "GET /v1.40/version", "-c", "api-version off", "-c", "GET /version"],
            environment: ["DOCKER_API_VERSION": "v1.30"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("> GET /v1.40/version HTTP/1.1␍␊\n"), "\(result.stdout)")
        #expect(result.stdout.contains("> GET /version HTTP/1.1␍␊\n"))
        #expect(!result.stdout.contains("/v1.30"))
    }

    /// At the interactive prompt: the startup ping stays unversioned, the refusal's line comes after
    /// the exchange and before the next prompt, and a fixed version takes the next request.
    @Test func atThePromptTheAdviceComesBeforeTheNextPrompt() throws {
        let home = try ReplTests.freshHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let terminal = try ReplTests.start(home: home, environment: ["DOCKER_API_VERSION": "1.99"])
        try terminal.sendLine("GET /version")
        try terminal.waitFor("> GET /v1.99/version HTTP/1.1␍␊")
        try terminal.waitFor(
            "* this daemon speaks API 1.41 at most: api-version 1.41, or api-version negotiate\ndocker.sock 400> ")
        try terminal.sendLine("api-version 1.41")
        try terminal.sendLine("GET /version")
        try terminal.waitFor("> GET /v1.41/version HTTP/1.1␍␊")
        try terminal.waitFor("docker.sock 200> ")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit(timeout: 10) == 0)
    }

    /// A recording keeps the version: its first line sets the one given at start-up, the api-version
    /// lines typed are kept, so run as a script it sends the same paths, and replay matches them.
    @Test func aRecordingRunAsAScriptSendsTheSamePaths() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-apiversion-\(UUID().uuidString.prefix(8)).sks"
        ).path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let made = try SockshellProcess.run(
            [
                "-H", host, "--api-version", "1.30", "--record", file, "-c", "GET /_ping", "-c", "api-version off",
                "-c", "GET /_ping",
            ], environment: unset)
        #expect(made.status == 0, "\(made.stderr)")
        let rerun = try SockshellProcess.run(["-H", host, file], environment: unset)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("> GET /v1.30/_ping HTTP/1.1␍␊\n"), "\(rerun.stdout)")
        #expect(rerun.stdout.contains("> GET /_ping HTTP/1.1␍␊\n"))
        let replayed = try SockshellProcess.run(["-H", host, "replay", file], environment: unset)
        #expect(replayed.status == 0, "\(replayed.stdout)")
        #expect(replayed.stdout.contains("GET /v1.30/_ping"))
    }

    /// run makes the docker CLI's calls, so they go under the version as the CLI's do, hijack included.
    @Test func runsCallsGoUnderTheVersionToo() throws {
        let result = try SockshellProcess.run(
            ["-H", host, "--api-version", "1.40", "-c", "run --rm busybox true"], environment: unset)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("> POST /v1.40/containers/create HTTP/1.1␍␊\n"), "\(result.stdout)")
        #expect(result.stdout.contains("/attach?stderr=1&stdout=1&stream=1 HTTP/1.1␍␊\n"))
        #expect(!result.stdout.contains("> POST /containers/"))
        #expect(result.stdout.contains("* exit code 0"))
    }

    @Test func aDryRunShowsThePrefixAndNegotiatesNothing() throws {
        let result = try SockshellProcess.run(
            ["-H", host, "--dry-run", "--api-version", "1.30", "-c", "api-version negotiate", "-c", "GET /version"],
            environment: unset)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("> HEAD /_ping HTTP/1.1␍␊\n"), "\(result.stdout)")
        #expect(result.stdout.contains("\n* dry run: nothing answered, so the API version stays 1.30\n"))
        #expect(result.stdout.contains("> GET /v1.30/version HTTP/1.1␍␊\n"))
    }

    @Test func aBadVersionIsRefusedBeforeAnythingIsSent() throws {
        let result = try SockshellProcess.run(
            ["-H", host, "-c", "GET /version"], environment: ["DOCKER_API_VERSION": "abc"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == """
                sockshell: DOCKER_API_VERSION needs a version as MAJOR.MINOR, e.g. 1.41 (not 'abc'); api-version \
                negotiate asks the daemon\n
                """)
    }
}
