import Foundation
import SockshellCore
import SockshellIO
import Synchronization
import TestSupport
import Testing

/// A shell session against an in-process daemon: what commands send, how variables, expectations
/// and jobs behave, and how a script's errors say `file:line`, all without a socket.
@Suite struct InProcessSessionTests {
    /// A session and its daemon, for one test.
    final class Harness {
        let sink = TimedSink()
        let daemon: InProcessDaemon
        let session: ShellSession

        init(view: ViewMode = .body, _ handler: @escaping InProcessDaemon.Handler = { _ in .json(#"{"ok":true}"#) }) {
            daemon = InProcessDaemon(handler)
            session = ShellSession(
                endpoint: InProcessDaemon.endpoint, options: RenderOptions(view: view), timeoutSeconds: 5, sink: sink,
                transport: daemon)
            // Its made-up paths (/a, /b) are not Engine API routes: these tests are about what the
            // session says of its own, not the warnings before sending.
            session.warnBeforeSending = false
        }

        deinit { session.close() }

        /// Runs `text` as a script named `name`, returning its exit status.
        @discardableResult
        func script(_ text: String, name: String = "test.sks") -> ScriptRunner.Status {
            ScriptRunner.run([ScriptRunner.Source(name: name, text: text)], session: session, sink: sink)
        }
    }

    @Test func theLessonFolderIsLookedForOnlyWhenALessonNeedsIt() {
        let harness = Harness()
        let lookups = Mutex(0)
        harness.session.locateLessonDirectory {
            lookups.withLock { $0 += 1 }
            return nil
        }
        #expect(harness.script("GET /_ping\nGET /_ping") == .success)
        #expect(lookups.withLock { $0 } == 0, "requests need no lessons")
        harness.script("lesson\nlesson")
        #expect(lookups.withLock { $0 } == 1, "looked for once, by the first lesson command")
    }

    @Test func aRequestGoesThroughTheEncoderToTheDaemon() throws {
        let harness = Harness()
        #expect(harness.script("GET /_ping") == .success)
        let request = try #require(harness.daemon.requests.first)
        #expect(request.method == "GET")
        #expect(request.target == "/_ping")
        #expect(request.value(of: "Host") == "docker")
        #expect(request.value(of: "User-Agent") == SockshellVersion.userAgent)
        #expect(harness.sink.text.contains(#"{"ok":true}"#))
    }

    /// A pasted curl line: its `-H 'Name:'` drops the header (automatic or session) as curl does, and
    /// its `-d @file` is read beside the script.
    @Test func aCurlLineDropsEmptyHeadersAndReadsItsFileBesideTheScript() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("a=1\n".utf8).write(to: folder.appendingPathComponent("form.txt"))
        let harness = Harness()
        harness.session.bodyFileDirectory = folder.path
        let status = harness.script("header X-Trace: one\ncurl -H 'User-Agent:' -H 'X-Trace:' -d @form.txt http://d/x")
        #expect(status == .success)
        let request = try #require(harness.daemon.requests.first)
        #expect(request.value(of: "User-Agent") == nil)
        #expect(request.value(of: "X-Trace") == nil)
        #expect(request.value(of: "Host") == "d")
        #expect(request.value(of: "Content-Type") == "application/x-www-form-urlencoded")
        #expect(request.body == Array("a=1".utf8))
    }

    @Test func sessionHeadersGoOnEveryRequestUntilRemoved() throws {
        let harness = Harness()
        #expect(harness.script("header X-Trace: one\nGET /a\nheader -d X-Trace\nGET /b") == .success)
        let requests = harness.daemon.requests
        #expect(requests.count == 2)
        #expect(requests.first?.value(of: "X-Trace") == "one")
        #expect(requests.last?.value(of: "X-Trace") == nil)
    }

    @Test func aCapturedValueFillsTheNextTarget() throws {
        let harness = Harness { request in
            request.method == "POST" ? .json(#"{"Id":"c0ffee"}"#, status: 201, reason: "Created") : .json("{}")
        }
        let status = harness.script(
            """
            POST /containers/create {"Image":"busybox"}
            let id = .Id
            POST /containers/$id/start
            """)
        #expect(status == .success, "\(harness.sink.diagnostics)")
        #expect(harness.daemon.requests.map(\.target) == ["/containers/create", "/containers/c0ffee/start"])
        #expect(harness.daemon.requests.first?.value(of: "Content-Type") == "application/json")
        #expect(harness.session.variables["id"] == "c0ffee")
    }

    @Test func anExpectationThatHoldsIsCountedAndOneThatFailsSaysFileAndLine() {
        let harness = Harness { _ in .json(#"{"State":"running"}"#, status: 404, reason: "Not Found") }
        let status = harness.script(
            "GET /containers/x/json\nexpect status 404\nexpect status 200\nGET /never", name: "check.sks")
        #expect(status == .failure)
        #expect(harness.daemon.requests.count == 1, "a failed expectation stops the script")
        #expect(
            harness.sink.diagnostics.contains { $0.hasPrefix("check.sks:3: expect status 200 failed") },
            "\(harness.sink.diagnostics)")
        #expect(harness.session.expectationsPassed == 1)
        #expect(harness.session.expectationsFailed == 1)
    }

    @Test func keepGoingRunsOnPastAFailedExpectation() {
        let harness = Harness()
        harness.session.keepGoing = true
        #expect(harness.script("GET /a\nexpect status 500\nGET /b") == .failure)
        #expect(harness.daemon.requests.count == 2)
    }

    @Test func aSyntaxErrorStopsTheScriptBeforeAnythingIsSent() {
        let harness = Harness()
        #expect(harness.script("GET /_ping\nGET", name: "broken.sks") == .syntax)
        #expect(harness.daemon.requests.isEmpty)
        #expect(harness.sink.diagnostics.first?.hasPrefix("broken.sks:2: ") == true, "\(harness.sink.diagnostics)")
    }

    @Test func anUndefinedVariableStopsTheScriptBeforeAnythingIsSent() {
        let harness = Harness()
        #expect(harness.script("GET /_ping\nGET /containers/$nope/json", name: "vars.sks") == .syntax)
        #expect(harness.daemon.requests.isEmpty)
        #expect(harness.sink.diagnostics.first?.hasPrefix("vars.sks:2: ") == true, "\(harness.sink.diagnostics)")
    }

    /// Issue 11: a run-time failure (here a missing `@file`) said where it happened without the
    /// script's name and line, because the session printed it on the spot.
    @Test func aMissingBodyFileSaysTheScriptsFileAndLine() {
        let harness = Harness()
        harness.session.bodyFileDirectory = "/nonexistent-sockshell-test"
        let status = harness.script("GET /_ping\nPOST /containers/create @missing.json\nGET /never", name: "deploy.sks")
        #expect(status == .failure)
        #expect(harness.daemon.requests.count == 1)
        #expect(
            harness.sink.diagnostics.contains { $0.hasPrefix("deploy.sks:2: ") && $0.contains("missing.json") },
            "\(harness.sink.diagnostics)")
    }

    @Test func aFailureInASourcedScriptSaysThatScriptsNameAndLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-source-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "set name = web\nGET /a\nexpect status 201\n".write(
            to: folder.appendingPathComponent("setup.sks"), atomically: true, encoding: .utf8)
        let harness = Harness()
        harness.session.bodyFileDirectory = folder.path
        let status = harness.script("source setup.sks\nGET /containers/$name/json", name: "main.sks")
        #expect(status == .failure)
        #expect(harness.daemon.requests.map(\.target) == ["/a"])
        #expect(
            harness.sink.diagnostics.contains { $0.hasPrefix("setup.sks:3: expect status 201 failed") },
            "\(harness.sink.diagnostics)")
    }

    @Test func aSyntaxErrorInASourcedScriptSaysItsLineAndStopsThere() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-source-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "GET /inner\nexpect nonsense\n".write(
            to: folder.appendingPathComponent("bad.sks"), atomically: true, encoding: .utf8)
        let harness = Harness()
        harness.session.bodyFileDirectory = folder.path
        #expect(harness.script("GET /a\nsource bad.sks\nGET /b", name: "main.sks") == .syntax)
        #expect(harness.daemon.requests.map(\.target) == ["/a"], "the sourced script is parsed whole before it runs")
        #expect(harness.sink.diagnostics.first?.hasPrefix("bad.sks:2: ") == true, "\(harness.sink.diagnostics)")
    }

    @Test func aMissingSourcedScriptSaysTheSourcingLine() {
        let harness = Harness()
        harness.session.bodyFileDirectory = "/nonexistent-sockshell-test"
        #expect(harness.script("GET /a\nsource gone.sks", name: "main.sks") == .failure)
        #expect(
            harness.sink.diagnostics.first?.hasPrefix("main.sks:2: cannot read gone.sks") == true,
            "\(harness.sink.diagnostics)")
    }

    @Test func aCommandLineFailureIsSaidWithoutALocation() {
        let harness = Harness()
        let source = ScriptRunner.Source(name: "-c", lines: ["GET /a", "POST /b @missing.json"], isFile: false)
        #expect(ScriptRunner.run([source], session: harness.session, sink: harness.sink) == .failure)
        #expect(
            harness.sink.diagnostics.first?.hasPrefix("no such file: @missing.json") == true,
            "\(harness.sink.diagnostics)")
    }

    @Test func requestsShareOneKeptAliveConnection() {
        let harness = Harness()
        #expect(harness.script("GET /a\nGET /b\nGET /c") == .success)
        #expect(harness.daemon.connectionsOpened == 1)
    }

    @Test func aResponseThatClosesMakesTheNextRequestOpenANewConnection() {
        let harness = Harness(view: .wire) { _ in
            var reply = InProcessDaemon.Reply.json("{}")
            reply.closes = true
            return reply
        }
        #expect(harness.script("GET /a\nGET /b") == .success)
        #expect(harness.daemon.connectionsOpened == 2)
    }

    @Test func dryRunSendsNothingAndSkipsExpectations() {
        let harness = Harness()
        harness.session.dryRun = true
        #expect(harness.script("GET /a\nexpect status 500") == .success)
        #expect(harness.daemon.requests.isEmpty)
        #expect(harness.sink.text.contains("dry run: not sent"))
    }

    @Test func aBackgroundJobsEventsSatisfyExpectEvent() {
        let harness = Harness { request in
            request.target.hasPrefix("/events")
                ? .openStream([
                    #"{"Type":"container","Action":"create"}"# + "\n", #"{"Type":"container","Action":"start"}"# + "\n",
                ])
                : .json("{}")
        }
        let status = harness.script("GET /events &\nexpect event container start within 5s\nstop 1")
        #expect(status == .success, "\(harness.sink.diagnostics)")
        #expect(harness.session.expectationsPassed == 1)
        #expect(harness.sink.text.contains("[1] GET /events"))
    }

    @Test func echoFillsVariablesAndTheLastStatus() {
        let harness = Harness { _ in .json("{}", status: 201, reason: "Created") }
        #expect(harness.script("set who = world\nGET /x\necho hello $who $status") == .success)
        #expect(harness.sink.text.hasSuffix("hello world 201\n"))
    }

    /// A bad `$` in a request or `header` line stops the script when that line runs, with its file and
    /// line, after what comes before it has been sent (not before the script starts, as an undefined
    /// variable does): pinned while its template moved from run time to parse time (issue 11).
    @Test func aBadDollarInARequestFailsWhenItsLineRuns() {
        let harness = Harness()
        #expect(harness.script("GET /a\nGET /x/${id\nGET /never", name: "bad.sks") == .failure)
        #expect(harness.daemon.requests.map(\.target) == ["/a"])
        #expect(
            harness.sink.diagnostics.contains { $0.hasPrefix("bad.sks:2: unclosed ${ in '/x/${id': write ${name}") },
            "\(harness.sink.diagnostics)")

        let header = Harness()
        #expect(header.script("GET /a\nheader X-A: ${1x}\nGET /never", name: "header.sks") == .failure)
        #expect(header.daemon.requests.map(\.target) == ["/a"])
        #expect(
            header.sink.diagnostics.contains { $0.hasPrefix("header.sks:2: '${1x}' is not a variable name") },
            "\(header.sink.diagnostics)")
    }

    @Test func aRequestsTemplatesAreFilledAtSendTimeFromTheLatestValues() throws {
        let harness = Harness()
        let status = harness.script(
            """
            set id = one
            header X-Id: $id
            GET /c/$id -H 'X-Again: ${id}' {"Id":"$id"}
            set id = two
            GET /c/$id
            """)
        #expect(status == .success, "\(harness.sink.diagnostics)")
        let requests = harness.daemon.requests
        #expect(requests.map(\.target) == ["/c/one", "/c/two"])
        #expect(requests.map { $0.value(of: "X-Id") } == ["one", "one"], "a session header is filled when it is set")
        #expect(requests.first?.value(of: "X-Again") == "one")
        #expect(requests.first?.body == Array(#"{"Id":"one"}"#.utf8))
    }
}
