import SockshellCore

/// A running shell: its endpoint, session headers, view and connections. Executes commands and
/// writes what happens to its sink. The non-interactive runner and the REPL both drive it.
public final class ShellSession {
    public private(set) var options: RenderOptions
    public private(set) var sessionHeaders: HTTPFields = []
    public private(set) var records: [ExchangeRecord] = []
    /// The last exchange's outcome, for later commands (captures, prompts).
    public private(set) var lastOutcome: ExchangeOutcome? {
        didSet { lastBodyCache = nil }
    }
    private var lastBodyCache: String?
    /// Variables from `set`, `let` and `-e`.
    public private(set) var variables: [String: String] = [:]
    /// The process environment, for `${env:NAME}` (passed in: the core has no globals).
    public var environment: [String: String] = [:]
    /// `--keep-going`: a failed expectation is counted and reported, and the script goes on.
    public var keepGoing = false
    /// `--dry-run`: requests are shown, not sent; captures hold placeholders, expectations are skipped.
    public var dryRun = false
    /// Every expectation checked, for `--report junit`.
    public var reportEntries: [JUnitReport.Entry] = []
    /// Counts for a script's closing summary line.
    public private(set) var requestsSent = 0
    public private(set) var expectationsPassed = 0
    public private(set) var expectationsFailed = 0
    /// Events before this index were matched by an earlier `expect event`.
    private var eventCursor = 0
    /// Ids and names seen in responses, for completing `{id}` in paths.
    public private(set) var knowledge = SessionKnowledge()
    /// Directory that relative `@file` paths are read from (a script's own folder).
    public var bodyFileDirectory: String?
    /// The command `edit` runs ($VISUAL, $EDITOR or vi); set by the front end from the environment.
    public var editorCommand = "vi"
    /// Where lesson files are read from, and where progress is kept (set by the front end).
    public var lessonDirectory: String?
    public var lessonProgressDirectory: String?
    /// Asks the person a yes/no question (the interactive shell sets it); nil: nobody to ask.
    public var confirm: ((String) -> Bool)?
    /// The lesson being followed and how far it got.
    var activeLesson: (lesson: Lesson, progress: LessonProgress)?

    /// A person at a terminal drives the session (`replay --show` then waits for a key between exchanges).
    public var interactive = false

    /// Where the session is being recorded (`record FILE`, `--record FILE`), if anywhere.
    public private(set) var recorder: SessionRecorder?
    /// The commands run so far as typed (credentials masked), for `export script`.
    public private(set) var commandLog: [String] = []
    /// Wall-clock start of each exchange kept in `records`, for HAR.
    private var startTimes: [Int: String] = [:]
    /// Commands kept for `export script`: a long session's worth, without growing forever.
    public static let commandsKept = 100_000

    /// Exchange records kept in memory: each holds at most ExchangeRecord.windowBytes.
    public static let recordsKept = 64

    /// Background exchanges started with a trailing `&`.
    public let jobs = BackgroundJobs()
    private let timeoutSeconds: Double
    /// `--lenient`: responses may end lines in a bare LF, named in a remark (Grammar.md).
    private let lenient: Bool
    let sink: any OutputSink
    private let pool: ConnectionPool
    private let runner: ExchangeRunner
    private let encoder = RequestEncoder(userAgent: SockshellVersion.userAgent)
    private var exchangeCount = 0

    /// What requests and jobs go through: sockets, or in tests an in-process daemon.
    private let transport: any Transport

    public init(
        endpoint: Endpoint, options: RenderOptions, timeoutSeconds: Double, sink: any OutputSink, lenient: Bool = false,
        transport: any Transport = SocketTransport()
    ) {
        self.options = options
        self.sink = sink
        self.timeoutSeconds = timeoutSeconds
        self.lenient = lenient
        self.transport = transport
        pool = ConnectionPool(endpoint: endpoint, connectTimeoutSeconds: timeoutSeconds, transport: transport)
        runner = ExchangeRunner(pool: pool, readTimeoutSeconds: timeoutSeconds, lenient: lenient)
    }

    public var endpoint: Endpoint { pool.endpoint }

    /// Ends background jobs (showing how they ended) and closes connections.
    public func close() {
        if jobs.hasRunningJobs {
            jobs.stopAll()
            // Jobs end within moments of being asked; don't wait on a wedged one forever.
            let deadline = Posix.monotonicNanoseconds() + 2_000_000_000
            var waiter = DescriptorWaiter()
            waiter.watch(jobs.wakeDescriptor)
            while jobs.hasRunningJobs && Posix.monotonicNanoseconds() < deadline {
                _ = try? waiter.wait(until: Posix.monotonicNanoseconds() + 100_000_000)
            }
        }
        flushJobOutput()
        pool.closeAll()
    }

    /// Writes what background jobs printed since the last call.
    public func flushJobOutput() {
        let output = jobs.takeOutput()
        if !output.isEmpty { sink.write(output[...]) }
    }

    /// Runs a command typed as `text`: it joins the command log and, while recording, the recording.
    public func execute(_ command: Command, text: String) -> CommandResult {
        if Self.isRecorded(command) { logCommand(text) }
        return execute(command)
    }

    /// Keeps a command for `export script` (masked) and writes it to the recording (masked unless
    /// --no-mask); the masking is done once for both.
    private func logCommand(_ text: String) {
        let masked = CommandTextMasking.mask(text)
        commandLog.append(masked)
        if commandLog.count > Self.commandsKept { commandLog.removeFirst(commandLog.count - Self.commandsKept) }
        recorder?.command(typed: text, masked: masked)
    }

    /// Commands that change what the session sends; the rest (help, jobs, record, show, ...) only
    /// look at it, and a replayed or re-run script needs none of them.
    static func isRecorded(_ command: Command) -> Bool {
        switch command {
        case .request, .raw, .curl, .header, .connect, .view, .set, .capture, .expect, .echo, .sleep: return true
        default: return false
        }
    }

    /// Starts writing the session to `path`; false (with the reason said) when the file cannot be used.
    @discardableResult
    public func startRecording(_ path: String, mode: RecordMode, masksSecrets: Bool) -> Bool {
        guard let failure = beginRecording(path, mode: mode, masksSecrets: masksSecrets) else { return true }
        sink.diagnostic(failure)
        return false
    }

    /// Starts writing the session to `path`; the reason when the file cannot be used.
    private func beginRecording(_ path: String, mode: RecordMode, masksSecrets: Bool) -> String? {
        if let recorder { return "already recording to \(recorder.path): record stop ends it first" }
        switch SessionRecorder.open(path, mode: mode, masksSecrets: masksSecrets, endpoint: endpoint) {
        case .success(let opened):
            recorder = opened
            return nil
        case .failure(let failure):
            return failure.message
        }
    }

    public func stopRecording() {
        recorder?.close()
        recorder = nil
    }

    public func execute(_ command: Command) -> CommandResult {
        switch command {
        case .nothing:
            return .proceed
        case .exit:
            return .exit
        case .jobs:
            listJobs()
            return .proceed
        case .stopJob(let number):
            if !jobs.stop(number) {
                return .failed("no running job \(number): jobs lists them")
            }
            return .proceed
        case .foreground(let number):
            return follow(job: number)
        case .waitForJobs(let number):
            return waitForJobs(number)
        case .edit:
            return editLastRequest()
        case .set(let name, let value):
            do {
                variables[name] = try fill(value, json: false)
            } catch {
                return .failed(error.message)
            }
            return .proceed
        case .capture(let name, let source) where dryRun:
            variables[name] = "$\(name)"  // reads as the reference it stands for
            _ = source
            return .proceed
        case .expect where dryRun:
            return .proceed
        case .capture(let name, let source):
            return capture(name, from: source)
        case .expect(let expectation):
            let failure = check(expectation)
            if let failure {
                expectationsFailed += 1
                return .expectationFailed(failure)
            }
            expectationsPassed += 1
            return .proceed
        case .curl(let curl):
            let request: RequestCommand
            do {
                request = try requestCommand(from: curl)
            } catch {
                return .failed(error.message)
            }
            return execute(.request(request))
        case .export(let format, let number):
            let record: ExchangeRecord?
            if let number { record = records.first { $0.number == number } } else { record = records.last }
            guard let record else {
                return .failed(number.map { "there is no exchange \($0) in this session's last \(Self.recordsKept): export curl alone takes the last one" } ?? "there is no request to export yet: send one first")
            }
            let sent = record.sentBytes
            let text = format == .curl ? CurlExport.command(for: sent, endpoint: record.endpoint) : CurlExport.httpFileBlock(for: sent)
            say(text.hasSuffix("\n") ? text : text + "\n")
            return .proceed
        case .record(let recordCommand):
            return record(recordCommand)
        case .lesson(let lessonCommand):
            return lesson(lessonCommand)
        case .replay(let replay):
            let replayer = SessionReplayer(
                endpoint: endpoint, options: options, timeoutSeconds: timeoutSeconds, sink: sink, baseDirectory: bodyFileDirectory, lenient: lenient)
            replayer.pauseBetweenExchanges = interactive
            return replayer.run(replay) ? .proceed : .stopped
        case .show(let number, let view):
            guard let record = records.first(where: { $0.number == number }) else {
                return .failed(records.isEmpty ? "there is no exchange to show yet: send a request first" : "there is no exchange \(number) in this session's last \(Self.recordsKept) (they are \(records.first?.number ?? 0) to \(records.last?.number ?? 0))")
            }
            var showOptions = options
            if let view { showOptions.view = view }
            sink.write(RecordedExchangeRendering.render(record, options: showOptions, remark: showOptions.view == .body || showOptions.view == .json ? nil : "exchange \(number) as recorded")[...])
            return .proceed
        case .exportFile(let format, let path):
            return exportFile(format, to: path)
        case .echo(let text):
            do {
                say(try fill(text, json: false) + "\n")
            } catch {
                return .failed(error.message)
            }
            return .proceed
        case .sleep(let seconds):
            // Waits on the Ctrl-C pipe, so an interrupted sleep ends at once.
            var waiter = DescriptorWaiter()
            waiter.watch(InterruptSignal.descriptor)
            let deadline = Posix.monotonicNanoseconds() + UInt64(seconds * 1_000_000_000)
            while Posix.monotonicNanoseconds() < deadline {
                if (try? waiter.wait(until: deadline)) == true { return .stopped }
            }
            return .proceed
        case .source:
            // Scripts are read by the script runner, which knows the current script's folder.
            return .failed("source runs only from the script runner")
        case .vars:
            if variables.isEmpty {
                say("no variables (set NAME = value defines one; $status, $body and $header(Name) are built in)\n")
            } else {
                say(variables.keys.sorted().map { "\($0) = \(variables[$0] ?? "")\n" }.joined())
            }
            return .proceed
        case .history:
            sink.diagnostic("history is kept by the interactive shell only (run sockshell on a terminal with no -c or SCRIPT)")
            return .proceed
        case .help(let topic):
            if let topic {
                guard let text = HelpText.topic(topic) else {
                    sink.diagnostic(HelpText.unknownTopic(topic))
                    return .proceed
                }
                say(text)
            } else {
                say(HelpText.overview())
            }
            return .proceed
        case .view(let mode):
            if let mode { options.view = mode } else { say("view \(options.view.rawValue)\n") }
            return .proceed
        case .connect(let newEndpoint):
            pool.switchEndpoint(to: newEndpoint)
            if options.view != .body { say("* endpoint \(newEndpoint.display)\n") }
            return .proceed
        case .header(let headerCommand):
            var command = headerCommand
            if case .set(let field) = headerCommand {
                do {
                    command = .set(HeaderField(name: field.name, value: try fill(field.value, json: false)))
                } catch {
                    return .failed(error.message)
                }
            }
            applyHeader(command)
            return .proceed
        case .raw(let bytes):
            return send(EncodedRequest(method: Self.methodOf(raw: bytes), bytes: bytes), target: Self.targetOf(raw: bytes))
        case .request(let typed):
            let request: RequestCommand
            do {
                request = try filled(typed)
            } catch {
                return .failed(error.message)
            }
            var body: [UInt8]?
            switch request.body {
            case .none: body = nil
            case .inline(let bytes): body = bytes
            case .file(let path):
                do {
                    body = try readBodyFile(path)
                } catch {
                    return .failed(error.message)
                }
            }
            let encoded = encoder.encode(
                method: request.method, target: request.target, sessionHeaders: sessionHeaders,
                requestHeaders: request.headers, removedHeaders: request.removedHeaders, body: body)
            if request.background && !dryRun {
                var recording: (recorder: SessionRecorder, exchange: Int)?
                if let recorder {
                    exchangeCount += 1
                    recording = (recorder, exchangeCount)
                    recorder.exchangeStarted(number: exchangeCount, method: request.method, target: Self.targetOf(raw: encoded.bytes), job: true, endpoint: endpoint)
                    // The request goes in now, from here, so it precedes the exchanges typed after it.
                    recorder.run(number: exchangeCount, direction: .sent, offsetNanoseconds: 0, bytes: encoded.bytes[...])
                }
                guard let number = jobs.start(encoded, target: request.target, endpoint: endpoint, options: options, timeoutSeconds: timeoutSeconds, lenient: lenient, recording: recording, transport: transport) else {
                    if let recording {
                        recording.recorder.exchangeEnded(number: recording.exchange, summary: ExchangeSummary(status: nil, reason: "", bodyBytes: 0, totalNanoseconds: 0, firstByteNanoseconds: nil, outcome: .failed("not started")))
                    }
                    return .failed("could not start a background job: the system refused a new thread or pipe")
                }
                say("[\(number)] \(request.method) \(request.target) (jobs lists it, fg \(number) follows it, stop \(number) ends it)\n")
                // Ctrl-C while a script waits stops the script, as it would during any request.
                if !waitUntilListening(job: number) && !interactive { return .stopped }
                if activeLesson != nil { lessonAfterExchange(method: request.method, target: request.target, background: true) }
                return .proceed
            }
            return send(encoded, target: request.target)
        }
    }

    /// A job's response head is awaited before the next line runs, so `GET /events &` is
    /// subscribed before a create typed after it. The job's own connect and head timeouts
    /// (--timeout each) end the wait; a slow head is said once, and Ctrl-C goes on without it.
    /// False when Ctrl-C ended the wait.
    private func waitUntilListening(job number: Int) -> Bool {
        let timeout = UInt64(timeoutSeconds * 1_000_000_000)
        let start = Posix.monotonicNanoseconds()
        // Half the timeout when that is shorter, so the notice comes before the job gives up.
        let noticeAt = start + min(Self.slowHeadNoticeNanoseconds, timeout / 2)
        // Only a wedged job reaches this: connecting and waiting for the head are each bounded.
        let deadline = start + 2 * timeout + Self.slowHeadNoticeNanoseconds
        var noticed = false
        while true {
            let result = jobs.waitForHead(number, until: noticed ? deadline : noticeAt, interruptDescriptor: InterruptSignal.descriptor) {
                flushJobOutput()
            }
            flushJobOutput()
            switch result {
            case .arrived:
                return true
            case .interrupted:
                InterruptSignal.take()
                say("[\(number)] going on without its response head: it waits in the background (stop \(number) ends it)\n")
                return false
            case .timedOut where !noticed:
                noticed = true
                say("[\(number)] waiting for its response head (at most --timeout, \(Measure.duration(timeout)); Ctrl-C goes on without it)\n")
            case .timedOut:
                say("[\(number)] still no response head: going on; it waits in the background (stop \(number) ends it)\n")
                return true
            }
        }
    }

    /// A job's head that takes longer than this is said to be slow, once, while the shell waits.
    static let slowHeadNoticeNanoseconds: UInt64 = 1_000_000_000

    func capture(_ name: String, from source: CaptureSource) -> CommandResult {
        guard let outcome = lastOutcome, let head = outcome.head else {
            return .failed("let \(name): there is no response yet to capture from: send a request first")
        }
        switch source {
        case .status:
            variables[name] = String(head.status)
        case .header(let header):
            guard let value = head.value(of: header) else {
                return .failed("let \(name): the last response has no \(header) header")
            }
            variables[name] = value
        case .query(let query):
            do {
                let body = try JSONValue.parse(Array((lastBodyText() ?? "").utf8))
                let results = try query.evaluate(body)
                guard results.count == 1, let value = results.first else {
                    return .failed("let \(name) = \(query.text): the query gives \(results.count) values; a variable holds one (pick with .[0])")
                }
                variables[name] = JSONQuery.plainText(value)
            } catch let error as JSONQueryError {
                return .failed("let \(name) = \(query.text): \(error.message)")
            } catch {
                return .failed("let \(name) = \(query.text): the last response body is not JSON (\(error))")
            }
        }
        return .proceed
    }

    /// Nil when the expectation holds, else the sentence that says what was expected and found.
    func check(_ expectation: Expectation) -> String? {
        if case .event(let type, let action, let within) = expectation {
            return checkEvent(type: type, action: action, within: within, description: expectation.description)
        }
        guard let outcome = lastOutcome, let head = outcome.head else {
            return "expect \(expectation.description): there is no response yet to check"
        }
        let body = lastBodyText().flatMap { try? JSONValue.parse(Array($0.utf8)) }
        switch expectation.check(status: head.status, headers: head.headers, body: body) {
        case .passed: return nil
        case .failed(let expected, let actual):
            return "expect \(expectation.description) failed: expected \(expected), got \(actual)"
        }
    }

    /// Waits until a background job has seen a Docker event of this type and action.
    private func checkEvent(type: String, action: String, within seconds: Double, description: String) -> String? {
        guard !jobs.list().isEmpty else {
            return "expect \(description): no background job is watching events: start one first with GET /events &"
        }
        let deadline = Posix.monotonicNanoseconds() + UInt64(max(seconds, 0) * 1_000_000_000)
        while true {
            let (events, dropped) = jobs.seenEvents()
            let start = max(eventCursor - dropped, 0)
            if start < events.count, let index = events[start...].firstIndex(where: { $0.type == type && $0.action == action }) {
                eventCursor = dropped + index + 1
                return nil
            }
            flushJobOutput()
            guard Posix.monotonicNanoseconds() < deadline else { break }
            var waiter = DescriptorWaiter()
            waiter.watch(jobs.wakeDescriptor)
            let interrupt = waiter.watch(InterruptSignal.descriptor)
            _ = try? waiter.wait(until: deadline)
            if waiter.isReady(interrupt) { return "expect \(description): interrupted (Ctrl-C)" }
        }
        let (events, dropped) = jobs.seenEvents()
        let seen = events[max(eventCursor - dropped, 0)...].suffix(5).map { "\($0.type) \($0.action)" }
        return "expect \(description) failed: no \(type) \(action) event within \(Measure.duration(UInt64(seconds * 1_000_000_000))); seen: \(seen.isEmpty ? "none" : seen.joined(separator: ", "))"
    }

    /// A pasted curl command as a request (`RequestCommand(curl:)`), its files read beside the script.
    /// It goes to this session's endpoint; a different `--unix-socket` is mentioned, not followed.
    private func requestCommand(from curl: CurlRequest) throws(CommandFailure) -> RequestCommand {
        func contents(_ path: String) throws(BodyFile.Failure) -> [UInt8] {
            let resolved = path.hasPrefix("/") || bodyFileDirectory == nil ? path : (bodyFileDirectory ?? ".") + "/" + path
            switch BodyFile.read(resolved) {
            case .success(let bytes): return bytes
            case .failure(let failure): throw failure
            }
        }
        let request: RequestCommand
        do {
            request = try RequestCommand(curl: curl, fileContents: contents)
        } catch {
            throw CommandFailure(error.message(for: "file"))
        }
        if let socket = curl.unixSocket, Endpoint.unix(path: socket) != endpoint, options.view != .body {
            say("* curl's --unix-socket \(socket) is not followed: this goes to \(endpoint.display) (connect \(socket) switches)\n")
        }
        return request
    }

    /// Defines a variable (from `-e NAME=value` or `let`).
    public func define(_ name: String, _ value: String) {
        variables[name] = value
    }

    /// The request with every `$reference` in its target, header values and inline body filled in.
    private func filled(_ request: RequestCommand) throws(CommandSyntaxError) -> RequestCommand {
        var result = request
        result.target = try fill(request.target, json: false)
        var headers: HTTPFields = []
        for field in request.headers { headers.append(HeaderField(name: field.name, value: try fill(field.value, json: false))) }
        result.headers = headers
        if case .inline(let bytes) = request.body, bytes.contains(UInt8(ascii: "$")) {
            let text = try fill(String(decoding: bytes, as: UTF8.self), json: RequestEncoder.looksLikeJSON(bytes))
            result.body = .inline(Array(text.utf8))
        }
        return result
    }

    /// Fills `$references` in one piece of text.
    func fill(_ text: String, json: Bool) throws(CommandSyntaxError) -> String {
        guard text.contains("$") else { return text }
        return try VariableTemplate(parsing: text).render(json: json) { reference in
            switch reference {
            case .variable("status"): return lastOutcome?.head.map { String($0.status) }
            case .variable("body"): return lastBodyText()
            case .variable(let name): return variables[name]
            case .environment(let name): return environment[name]
            case .responseHeader(let name): return lastOutcome?.head?.value(of: name)
            }
        }
    }

    /// The decoded body of the last exchange, from its record: parsed once, then kept, since
    /// `let`, `expect` and `$body` may each ask for it.
    public func lastBodyText() -> String? {
        guard let record = lastOutcome?.record else { return nil }
        if let cached = lastBodyCache { return cached }
        let text = String(decoding: record.responseBody, as: UTF8.self)
        lastBodyCache = text
        return text
    }

    /// Quietly sends `GET /_ping` and says what happened, for the interactive shell's first line.
    /// It is not recorded and shows nothing; its connection is kept for the first request.
    public func probe() -> String {
        options.shown(probeText())
    }

    /// The probe's sentence as it came: it quotes the reason phrase and Api-Version of whatever answered.
    private func probeText() -> String {
        let outcome = quietOutcome(method: "GET", target: "/_ping", headers: sessionHeaders)
        if let failure = outcome.failure { return "no answer to _ping: \(failure.message)" }
        guard let head = outcome.head else { return "no answer to _ping" }
        let version = head.value(of: "Api-Version").map { " (API \($0))" } ?? ""
        return head.status == 200 ? "daemon answered _ping\(version)" : "_ping answered \(head.status) \(head.reason)\(version)"
    }

    /// A request the session makes for itself (the first _ping, lesson checks, cleanup): not
    /// shown, not recorded, not numbered.
    func quietOutcome(method: String, target: String, headers: HTTPFields = []) -> ExchangeOutcome {
        let request = encoder.encode(method: method, target: target, sessionHeaders: headers, requestHeaders: [], body: nil)
        var renderer: any ExchangeRenderer = BodyRenderer()
        return runner.run(request, target: target, number: 0, renderer: &renderer) { $0.removeAll() }
    }

    private func send(_ request: EncodedRequest, target: String) -> CommandResult {
        if dryRun {
            var renderer = ExchangeRendering.renderer(for: options.view == .body || options.view == .json ? options.viewing(.wire) : options, requestTarget: target)
            var out: [UInt8] = []
            renderer.remark("dry run: not sent to \(endpoint.display)", into: &out)
            renderer.request(request.bytes, into: &out)
            sink.write(out[...])
            return .proceed
        }
        exchangeCount += 1
        requestsSent += 1
        let number = exchangeCount
        startTimes[number] = WallClock.iso8601()
        let recorder = self.recorder
        // The target as it went on the wire (percent-encoded), so serve matches what clients send.
        recorder?.exchangeStarted(number: number, method: request.method, target: Self.targetOf(raw: request.bytes), job: false, endpoint: endpoint)
        var renderer = ExchangeRendering.renderer(for: options, requestTarget: target)
        let outcome = runner.run(request, target: target, number: exchangeCount, renderer: &renderer, onRun: recorder.map { recorder in
            { direction, offset, bytes in recorder.run(number: number, direction: direction, offsetNanoseconds: offset, bytes: bytes) }
        }) { out in
            if !out.isEmpty {
                sink.write(out[...])
                out.removeAll(keepingCapacity: true)
            }
        }
        recorder?.exchangeEnded(number: number, summary: outcome.summary)
        if let failure = recorder?.writeFailure {
            sink.diagnostic("the recording stopped: \(failure) (what was written before is kept)")
            stopRecording()
        }
        records.append(outcome.record)
        if records.count > Self.recordsKept {
            for dropped in records.prefix(records.count - Self.recordsKept) { startTimes[dropped.number] = nil }
            records.removeFirst(records.count - Self.recordsKept)
        }
        lastOutcome = outcome
        learn(from: outcome)
        if let failure = outcome.failure {
            return .failed(failure.message)
        }
        if activeLesson != nil, outcome.head != nil { lessonAfterExchange(method: request.method, target: target, background: false) }
        return outcome.interrupted ? .stopped : .proceed
    }

    private func record(_ command: RecordCommand) -> CommandResult {
        switch command {
        case .status:
            say(recorder.map { "recording to \($0.path) (record stop ends it)\n" } ?? "not recording (record FILE starts)\n")
            return .proceed
        case .stop:
            guard let recorder else {
                return .failed("not recording: record FILE starts a recording")
            }
            say("recording to \(recorder.path) stopped\n")
            stopRecording()
            return .proceed
        case .start(let path, let mode, let masks):
            if let failure = beginRecording(path, mode: mode, masksSecrets: masks) { return .failed(failure) }
            say("recording to \(path)\(masks ? "" : " (credentials NOT masked)") (record stop ends it)\n")
            return .proceed
        }
    }

    /// `export har FILE` and `export script FILE`: refuses to replace an existing file.
    private func exportFile(_ format: ExportFileFormat, to path: String) -> CommandResult {
        let text: String
        switch format {
        case .script:
            guard !commandLog.isEmpty else {
                return .failed("there are no commands to export yet: type some first")
            }
            text = "# commands of a sockshell session, \(WallClock.iso8601())\n" + commandLog.map { $0 + "\n" }.joined()
        case .har:
            guard !records.isEmpty else {
                return .failed("there are no exchanges to export yet: send a request first")
            }
            // Credentials stay out of the file, as in a recording.
            let masked = records.map { record in
                var copy = ExchangeRecord(number: record.number, endpoint: record.endpoint, method: record.method, target: record.target)
                let isAuth = record.method == "POST" && RequestSecretMasking.isAuthRequest(Array("POST \(record.target) HTTP/1.1".utf8)[...])
                for run in record.runs where run.direction == .sent || !isAuth {
                    copy.append(run.direction, at: run.offsetNanoseconds, bytes: run.direction == .sent ? RequestSecretMasking.mask(run.bytes)[...] : run.bytes[...])
                }
                // The answer to POST /auth is masked whole (its IdentityToken), as in a recording.
                if isAuth, let first = record.runs.first(where: { $0.direction == .received }) {
                    let answer = record.runs.filter { $0.direction == .received }.flatMap(\.bytes)
                    copy.append(.received, at: first.offsetNanoseconds, bytes: ResponseSecretMasking.maskAuthAnswer(answer)[...])
                }
                copy.summary = record.summary
                return copy
            }
            text = HARExport.document(masked, startedDateTimes: masked.map { startTimes[$0.number] ?? WallClock.iso8601() }, creatorVersion: SockshellVersion.current)
        }
        switch OutputFile.writeNew(path, contents: Array(text.utf8)) {
        case .success:
            var note = "wrote \(path)"
            if format == .har, let first = records.first, first.number > 1 { note += " (exchanges \(first.number) to \(records.last?.number ?? first.number): the session keeps its last \(Self.recordsKept))" }
            say(note + "\n")
            return .proceed
        case .failure(let failure):
            return .failed(failure.message)
        }
    }

    /// Opens the last request in the editor and sends what the user saved.
    private func editLastRequest() -> CommandResult {
        guard let last = records.last else {
            return .failed("there is no request to edit yet: send one first, then edit changes and resends it")
        }
        let sent = last.sentBytes
        let path = "/tmp/sockshell-edit-\(getpid())-\(exchangeCount).http"
        let text = RequestEditing.editableText(from: sent)
        // A new private file (O_EXCL, 0600): a file planted at the path is never followed or reused.
        if case .failure(let failure) = OutputFile.writeNew(path, contents: Array(text.utf8)) {
            return .failed("cannot write the file for the editor: \(failure.message)")
        }
        defer { unlink(path) }
        guard let status = ExternalEditor.run(editorCommand, on: path) else {
            return .failed("could not start the editor '\(editorCommand)': set EDITOR to one that exists")
        }
        guard status == 0 else {
            return .failed("the editor exited with status \(status): nothing was sent")
        }
        guard case .success(let saved) = BodyFile.read(path) else {
            return .failed("cannot read back \(path): nothing was sent")
        }
        do {
            let request = try RequestEditing.request(fromEdited: String(decoding: saved, as: UTF8.self))
            // What was sent, as a command a script can run: the edited bytes as `raw`.
            logCommand("raw " + TranscriptEscaping.lines(for: request.bytes[...]).joined())
            return send(request, target: Self.targetOf(raw: request.bytes))
        } catch {
            return .failed(error.message)
        }
    }

    private func listJobs() {
        let listings = jobs.list()
        if listings.isEmpty {
            say("no jobs (end a request line with & to run it in the background)\n")
            return
        }
        let now = Posix.monotonicNanoseconds()
        var text = ""
        for job in listings {
            let age = Measure.duration(now - job.startedNanoseconds)
            let state = job.finished.map { "done: \($0)" } ?? "running"
            text += "[\(job.number)] \(job.requestLine) · \(Measure.bytes(job.receivedBytes)) · \(age) · \(state)\n"
        }
        say(text)
        jobs.forgetFinished()
    }

    /// Shows job `number`'s output as it arrives until it ends; Ctrl-C ends the job, Ctrl-Z
    /// leaves it running and goes back to the prompt (there is nothing of ours to suspend).
    private func follow(job number: Int) -> CommandResult {
        guard let listing = jobs.listing(number), listing.finished == nil else {
            return .failed("no running job \(number): jobs lists them")
        }
        // Only the interactive shell watches terminal signals; a script's fg stops as usual.
        let detachable = TerminalSignals.descriptor >= 0
        if detachable { TerminalSignals.catchSuspend(true) }
        defer { if detachable { TerminalSignals.catchSuspend(false) } }
        _ = TerminalSignals.take()
        if interactive {
            say("following job \(number): Ctrl-C ends it, Ctrl-Z leaves it running and goes back to the prompt\n")
        }
        while true {
            switch watchJobOutput(catchingSuspend: detachable, until: { jobs.listing(number)?.finished != nil }) {
            case .done:
                return .proceed
            case .interrupted:
                // Ctrl-C ends the job; its end (the summary line) is still shown.
                jobs.stop(number)
            case .suspended:
                say("\n[\(number)] still running in the background: fg \(number) follows it again, stop \(number) ends it\n")
                return .proceed
            }
        }
    }

    /// `wait [N]`: shows the jobs' output until job N (or every job) has ended. Ctrl-C stops the
    /// waiting, not the jobs; a script stops there, as at any Ctrl-C.
    private func waitForJobs(_ number: Int?) -> CommandResult {
        if let number, jobs.listing(number) == nil {
            return .failed("no job \(number) to wait for: jobs lists the running ones (an ended job is forgotten once jobs has shown it)")
        }
        func waitedFor() -> [BackgroundJobs.Listing] {
            jobs.list().filter { number == nil || $0.number == number }
        }
        guard watchJobOutput(catchingSuspend: false, until: { !waitedFor().contains { $0.finished == nil } }) == .interrupted else {
            return .proceed
        }
        let running = waitedFor().filter { $0.finished == nil }.map { "\($0.number)" }
        let which = running.count == 1 ? "job \(running[0]) goes" : "jobs \(running.joined(separator: ", ")) go"
        say("stopped waiting; \(which) on in the background (stop N ends it)\n")
        return interactive ? .proceed : .stopped
    }

    private enum JobWatch { case done, interrupted, suspended }

    /// Prints background output as it arrives until `done()` holds or Ctrl-C (or, when the shell
    /// catches it, Ctrl-Z) ends the watching: the one wait behind `fg N` and `wait [N]`.
    private func watchJobOutput(catchingSuspend: Bool, until done: () -> Bool) -> JobWatch {
        while true {
            flushJobOutput()
            if done() { return .done }
            // A negative descriptor is never ready: terminal signals are looked at only when
            // caught, so a resize stays for the line editor.
            var waiter = DescriptorWaiter()
            waiter.watch(jobs.wakeDescriptor)
            let interrupt = waiter.watch(InterruptSignal.descriptor)
            let terminal = waiter.watch(catchingSuspend ? TerminalSignals.descriptor : -1)
            _ = try? waiter.wait(until: nil)
            if waiter.isReady(interrupt) {
                InterruptSignal.take()
                return .interrupted
            }
            if waiter.isReady(terminal), TerminalSignals.take().contains(.suspend) { return .suspended }
        }
    }

    /// Feeds a finished exchange's JSON body (from its record) to the completion knowledge.
    private func learn(from outcome: ExchangeOutcome) {
        guard let head = outcome.head, (200..<300).contains(head.status),
            head.value(of: "Content-Type")?.lowercased().contains("json") ?? false
        else { return }
        knowledge.learn(
            method: outcome.record.method, target: outcome.record.target, status: head.status,
            contentType: head.value(of: "Content-Type"), body: Array((lastBodyText() ?? "").utf8))
    }

    private func applyHeader(_ command: HeaderCommand) {
        switch command {
        case .list:
            if sessionHeaders.isEmpty {
                say("no session headers (Host, User-Agent, Content-Length and, for JSON bodies, Content-Type are added to every request)\n")
            } else {
                say(sessionHeaders.map { "\($0.name): \($0.value)\n" }.joined())
            }
        case .set(let field):
            sessionHeaders.removeAll(named: field.name)
            sessionHeaders.append(field)
        case .remove(let name):
            let before = sessionHeaders.count
            sessionHeaders.removeAll(named: name)
            if sessionHeaders.count == before {
                sink.diagnostic("no session header named \(name): header lists the ones set")
            }
        }
    }

    private func readBodyFile(_ path: String) throws(CommandFailure) -> [UInt8] {
        let resolved: String
        if path.hasPrefix("/") || bodyFileDirectory == nil {
            resolved = path
        } else {
            resolved = (bodyFileDirectory ?? ".") + "/" + path
        }
        switch BodyFile.read(resolved) {
        case .success(let bytes):
            return bytes
        case .failure(let failure):
            throw CommandFailure(failure.message(for: path))
        }
    }

    /// Writes a line of output. It may hold bytes we did not write (`echo $body`, `vars`, a
    /// job's command line, a lesson's check): on a terminal their control bytes are escaped.
    func say(_ text: String) {
        sink.write(Array(options.shown(text).utf8)[...])
    }

    /// The method of hand-typed bytes: their first word (it decides whether a body follows).
    static func methodOf(raw bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix { $0 != 0x20 && $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
    }

    static func targetOf(raw bytes: [UInt8]) -> String {
        let line = bytes.prefix { $0 != 0x0D && $0 != 0x0A }.split(separator: 0x20)
        return line.count > 1 ? String(decoding: line[1], as: UTF8.self) : "/"
    }
}
