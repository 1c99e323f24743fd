import SockshellCore

/// The request path of a session: a typed, raw, pasted-curl or edited request filled, encoded
/// with the session headers, sent (or started as a job, or only shown in a dry run), rendered,
/// recorded and kept; and the quiet requests the session makes for itself.
final class RequestSender {
    /// Headers `header Name: value` adds to every request.
    private(set) var sessionHeaders: HTTPFields = []
    /// Ids and names seen in responses, for completing `{id}` in paths.
    private(set) var knowledge = SessionKnowledge()
    /// The API version put in front of unversioned paths, and how it was set (`--api-version`,
    /// `DOCKER_API_VERSION`, `api-version`, negotiation); nil: paths go as typed.
    var apiVersion: (version: APIVersion, source: String)?
    /// Whether the warnings before sending are said (`warnings on|off`, `--no-warn`).
    var warnBeforeSending = true
    /// Whether the endpoint answers as a Docker daemon (an Api-Version header on an answer so far);
    /// nil until it has answered, when its address decides (`RequestWarnings.namesDocker`).
    private var speaksDocker: Bool?
    /// Requests sent, for a script's closing summary line.
    private(set) var requestsSent = 0
    /// Directory that relative `@file` paths are read from (a script's own folder).
    var bodyFileDirectory: String?
    /// The command `edit` runs ($VISUAL, $EDITOR or vi); set by the front end from the environment.
    var editorCommand = "vi"
    /// Asks the person a yes/no question (`ShellSession.confirm`); nil: nobody to ask.
    var confirm: ((String) -> Bool)?
    /// Called after each exchange the user made that got an answer (a job: once it listens),
    /// with its method, target and whether it runs in the background: the lesson's check.
    var afterExchange: (_ method: String, _ target: String, _ background: Bool) -> Void = { _, _, _ in }

    /// Where a live session's input comes from; the executable says (a script never reads stdin).
    var liveInput: LiveInputPolicy = .script
    /// A script's live session while it is open: its `send`, `expect output` and `close` go there.
    var scriptedLive: ScriptedLiveSession?

    let timeoutSeconds: Double
    /// `--lenient`: responses may end lines in a bare LF, named in a remark (Grammar.md).
    let lenient: Bool
    let pool: ConnectionPool
    let runner: ExchangeRunner
    let encoder = RequestEncoder(userAgent: SockshellVersion.userAgent)
    /// What requests and jobs go through: sockets, or in tests an in-process daemon.
    let transport: any Transport
    let output: SessionOutput
    let history: ExchangeHistory
    let recording: SessionRecording
    let jobControl: JobControl
    let script: ScriptState

    init(
        endpoint: Endpoint, timeoutSeconds: Double, lenient: Bool, transport: any Transport, output: SessionOutput,
        history: ExchangeHistory, recording: SessionRecording, jobControl: JobControl, script: ScriptState
    ) {
        self.timeoutSeconds = timeoutSeconds
        self.lenient = lenient
        self.transport = transport
        self.output = output
        self.history = history
        self.recording = recording
        self.jobControl = jobControl
        self.script = script
        pool = ConnectionPool(endpoint: endpoint, connectTimeoutSeconds: timeoutSeconds, transport: transport)
        runner = ExchangeRunner(pool: pool, readTimeoutSeconds: timeoutSeconds, lenient: lenient)
        quietPool = ConnectionPool(endpoint: endpoint, connectTimeoutSeconds: timeoutSeconds, transport: transport)
        quietRunner = ExchangeRunner(pool: quietPool, readTimeoutSeconds: timeoutSeconds, lenient: lenient)
    }

    /// The session's own requests (the first `_ping`, lesson checks and cleanup) go over
    /// connections of their own: on the shared one, the next request the user saw said
    /// "conn 3 (reused)" of a connection that had never been shown.
    private let quietPool: ConnectionPool
    private let quietRunner: ExchangeRunner

    var endpoint: Endpoint { pool.endpoint }

    func closeConnections() {
        pool.closeAll()
        quietPool.closeAll()
    }

    private func switchEndpoint(to newEndpoint: Endpoint) {
        speaksDocker = nil
        pool.switchEndpoint(to: newEndpoint)
        quietPool.switchEndpoint(to: newEndpoint)
    }

    /// `connect ENDPOINT`: later requests go there.
    /// `connect`: the new endpoint is tried at once with a quiet `_ping`, as psql's `\connect` tries
    /// the new server. One that nobody answers on (no socket, refused, not a socket) is refused and
    /// the session stays where it was; one that answers anything, even not as a daemon would, is
    /// taken, and the line says what answered.
    /// - Parameter shown: how the endpoint is named, e.g. `unix:/x.sock (context t1)`.
    func connect(_ newEndpoint: Endpoint, shown: String) -> CommandResult {
        let previous = pool.endpoint
        switchEndpoint(to: newEndpoint)
        guard !script.dryRun else {
            if output.options.view != .body { output.say("* endpoint \(shown)\n") }
            return .proceed
        }
        let outcome = quietOutcome(method: "GET", target: "/_ping", headers: sessionHeaders)
        if let failure = outcome.failure, failure.meansNobodyListens {
            switchEndpoint(to: previous)
            return .failed("not connected: \(failure.message); still on \(previous.display)")
        }
        learnWhoAnswers(outcome)
        if output.options.view != .body {
            output.say(output.options.shown("* endpoint \(shown) · \(pingSentence(outcome))\n"))
        }
        return .proceed
    }

    /// `header`, `header Name: value` (its value's `$references` filled) and `header -Name`.
    func header(_ command: HeaderCommand) -> CommandResult {
        switch command {
        case .list:
            if sessionHeaders.isEmpty {
                output.say(
                    """
                    no session headers (Host, User-Agent, Content-Length and, for JSON bodies, Content-Type are added \
                    to every request)\n
                    """
                )
            } else {
                output.say(sessionHeaders.map { "\($0.name): \($0.value)\n" }.joined())
            }
        case .set(let field, let template):
            let value: String
            do {
                value = try script.fill(field.value, template, json: false)
            } catch {
                return .failed(error.message)
            }
            sessionHeaders.removeAll(named: field.name)
            sessionHeaders.append(HeaderField(name: field.name, value: value))
        case .remove(let name):
            let before = sessionHeaders.count
            sessionHeaders.removeAll(named: name)
            if sessionHeaders.count == before {
                output.diagnostic("no session header named \(name): header lists the ones set")
            }
        }
        return .proceed
    }

    /// A typed request: filled, its body read, then sent, or started as a job with a trailing `&`.
    func send(_ typed: RequestCommand) -> CommandResult {
        let request: RequestCommand
        var body: [UInt8]?
        do throws(CommandFailure) {
            do {
                request = try script.filled(typed)
            } catch {
                throw CommandFailure(error.message)
            }
            switch request.body {
            case .none: body = nil
            case .inline(let bytes): body = bytes
            case .file(let path): body = try readBodyFile(path)
            }
        } catch {
            return .failed(error.message)
        }
        let target = versioned(request.target)
        let encoded = encoder.encode(
            method: request.method, target: target, version: request.version, sessionHeaders: sessionHeaders,
            requestHeaders: request.headers, removedHeaders: request.removedHeaders, body: body)
        warn(encoded.bytes)
        if request.background && !script.dryRun {
            return startJob(encoded, method: request.method, target: target)
        }
        return send(encoded, target: target)
    }

    /// The warnings before sending (`RequestWarnings`), each a line on standard error: a script
    /// goes on, and the request is sent as it is.
    private func warn(_ bytes: [UInt8]) {
        guard warnBeforeSending else { return }
        let docker = speaksDocker ?? RequestWarnings.namesDocker(endpoint)
        for warning in RequestWarnings.check(bytes, docker: docker) {
            output.diagnostic(warning.line(in: output.language))
        }
    }

    /// An answer's head says whether a Docker daemon is what answers here (for the warnings). One
    /// Api-Version is enough; only a success without it says no, since the daemon's own errors
    /// from outside its router (404 page not found, Go's 400 for a missing Host) come without it.
    private func learnWhoAnswers(_ outcome: FinishedExchange) {
        guard let head = outcome.head, speaksDocker != true else { return }
        if head.value(of: "Api-Version") != nil {
            speaksDocker = true
        } else if head.status < 400 {
            speaksDocker = false
        }
    }

    /// `target` under the session's API version, if one is set. Applied before encoding, so the wire
    /// view, the recording and history show the path as sent.
    func versioned(_ target: String) -> String {
        apiVersion?.version.prefixed(target) ?? target
    }

    /// `api-version`: shows, sets, clears or negotiates the version put in front of unversioned paths.
    func apiVersion(_ command: APIVersionCommand) -> CommandResult {
        switch command {
        case .show:
            if let (version, source) = apiVersion {
                output.say("API \(version) (\(source)): unversioned paths go as /v\(version)/...\n")
            } else {
                output.say(
                    """
                    no API version: paths go as typed and the daemon answers with its own newest (api-version X.Y \
                    or api-version negotiate sets one)\n
                    """
                )
            }
        case .set(let version):
            apiVersion = (version, "api-version")
        case .off:
            apiVersion = nil
        case .negotiate:
            return negotiateAPIVersion()
        }
        return .proceed
    }

    /// `api-version negotiate`, as moby's client: `HEAD /_ping` on the unversioned path ("we want to hit
    /// the non-versioned /_ping endpoint"), `GET /_ping` when HEAD gets neither 200 nor 500, shown like
    /// any exchange; then the older of the daemon's Api-Version and sockshell's newest, 1.24 without it.
    private func negotiateAPIVersion() -> CommandResult {
        var outcome: FinishedExchange?
        for method in ["HEAD", "GET"] {
            let ping = encoder.encode(
                method: method, target: "/_ping", sessionHeaders: sessionHeaders, requestHeaders: [], body: nil)
            let sent = sendForeground(ping, target: "/_ping")
            guard case .proceed = sent.result else { return sent.result }
            outcome = sent.outcome
            guard let status = outcome?.head?.status, status != 200, status != 500 else { break }
        }
        guard let head = outcome?.head else {
            // A dry run sends nothing, so there is no answer to negotiate with.
            let kept = apiVersion.map { "stays \($0.version)" } ?? "stays unset"
            say("* dry run: nothing answered, so the API version \(kept)")
            return .proceed
        }
        let version = APIVersion.negotiated(daemonHeader: head.value(of: "Api-Version"))
        let daemonSaid = head.value(of: "Api-Version").map { "the daemon speaks \($0)" } ?? "no Api-Version header"
        apiVersion = (version, "negotiated: \(daemonSaid), sockshell knows up to \(APIVersion.newestKnown)")
        say("* api-version \(version) (\(daemonSaid), sockshell knows up to \(APIVersion.newestKnown))")
        return .proceed
    }

    /// A line about the session (not part of an exchange): standard error in the views that keep
    /// standard output for the answer.
    private func say(_ note: String) {
        if [.body, .json].contains(output.options.view) {
            output.diagnostic(String(note.dropFirst(2)))
        } else {
            output.say(note + "\n")
        }
    }

    /// `raw BYTES`: hand-typed bytes sent as they are.
    func sendRaw(_ bytes: [UInt8]) -> CommandResult {
        if let note = RawEscapes.unterminatedHeadNote(bytes) {
            // It explains a wait that looks like a hang, so the body and json views, which keep
            // standard output for the answer, get it on standard error.
            if [.body, .json].contains(output.options.view) {
                output.diagnostic(note)
            } else {
                output.say("* \(note)\n")
            }
        }
        let line = TypedRequestLine(bytes)
        warn(bytes)
        return send(EncodedRequest(method: line.method, bytes: bytes), target: line.target)
    }

    /// A pasted curl command.
    func sendCurl(_ curl: CurlRequest) -> CommandResult {
        do {
            return send(try requestCommand(from: curl))
        } catch {
            return .failed(error.message)
        }
    }

    private func startJob(_ encoded: EncodedRequest, method: String, target: String) -> CommandResult {
        var jobRecording: (recorder: SessionRecorder, exchange: Int)?
        let exchangeNumber = history.nextNumber()
        if let recorder = recording.recorder {
            let number = exchangeNumber
            jobRecording = (recorder, number)
            recorder.exchangeStarted(
                number: number, method: method, target: TypedRequestLine(encoded.bytes).target, job: true,
                endpoint: endpoint)
            // The request goes in now, from here, so it precedes the exchanges typed after it.
            recorder.run(number: number, direction: .sent, offsetNanoseconds: 0, bytes: encoded.bytes[...])
        }
        guard
            let number = jobControl.jobs.start(
                encoded, exchange: exchangeNumber, startTime: WallClock.iso8601(), target: target, endpoint: endpoint,
                options: output.options, timeoutSeconds: timeoutSeconds,
                lenient: lenient, recording: jobRecording, transport: transport, connectionNumbers: pool.numbers)
        else {
            if let jobRecording {
                jobRecording.recorder.exchangeEnded(
                    number: jobRecording.exchange,
                    summary: ExchangeSummary(
                        status: nil, reason: "", bodyBytes: 0, totalNanoseconds: 0, firstByteNanoseconds: nil,
                        outcome: .failed("not started")))
            }
            return .failed("could not start a background job: the system refused a new thread or pipe")
        }
        output.say("[\(number)] \(method) \(target) (jobs lists it, fg \(number) follows it, stop \(number) ends it)\n")
        // Ctrl-C while a script waits stops the script, as it would during any request.
        if !jobControl.waitUntilListening(job: number) && !jobControl.interactive { return .stopped }
        afterExchange(method, target, true)
        return .proceed
    }

    /// Sends encoded bytes in the foreground: shown as they cross, recorded, kept.
    private func send(_ request: EncodedRequest, target: String) -> CommandResult {
        sendForeground(request, target: target).result
    }

    /// `send`, with the exchange it made (nil in a dry run or when it could not start).
    func sendForeground(_ request: EncodedRequest, target: String) -> (
        result: CommandResult, outcome: FinishedExchange?
    ) {
        if script.dryRun {
            let options = output.options
            var renderer = ExchangeRendering.renderer(
                for: options.view == .body || options.view == .json ? options.viewing(.wire) : options,
                requestTarget: target)
            var out: [UInt8] = []
            renderer.remark("dry run: not sent to \(endpoint.display)", into: &out)
            renderer.request(request.bytes, into: &out)
            output.write(out)
            return (.proceed, nil)
        }
        if let stream = LiveStreamTarget(requestBytes: request.bytes) {
            return sendLive(request, target: target, stream: stream)
        }
        let (number, startTime, recorder) = beginForeground(request)
        var renderer = ExchangeRendering.renderer(for: output.options, requestTarget: target)
        let outcome = runner.run(
            request, target: target, number: number, renderer: &renderer,
            onRun: recorder.map { recorder in
                { direction, offset, bytes in
                    recorder.run(number: number, direction: direction, offsetNanoseconds: offset, bytes: bytes)
                }
            }
        ) { out in
            if !out.isEmpty {
                output.sink.write(out[...])
                out.removeAll(keepingCapacity: true)
            }
        }
        recorder?.exchangeEnded(number: number, summary: outcome.summary)
        recording.stopIfWriteFailed()
        history.keep(outcome, startTime: startTime)
        learn(from: outcome)
        learnWhoAnswers(outcome)
        if let status = outcome.head?.status,
            let advice = APIVersion.refusalAdvice(status: status, body: outcome.record.responseBody)
        {
            say("* \(advice)")
        }
        return (foregroundResult(outcome, request: request, target: target), outcome)
    }

    /// What a foreground exchange means for the script: its failure, a Ctrl-C, or going on (after
    /// the lesson's check has heard of it).
    func foregroundResult(_ outcome: FinishedExchange, request: EncodedRequest, target: String) -> CommandResult {
        if let failure = outcome.failure {
            return .failed(failure.message)
        }
        if outcome.head != nil { afterExchange(request.method, target, false) }
        return outcome.interrupted ? .stopped : .proceed
    }

    /// A foreground exchange's number, start time and recorder, its start recorded.
    func beginForeground(_ request: EncodedRequest) -> (Int, String, SessionRecorder?) {
        let number = history.nextNumber()
        requestsSent += 1
        let recorder = recording.recorder
        // The target as it went on the wire (percent-encoded), so serve matches what clients send.
        recorder?.exchangeStarted(
            number: number, method: request.method, target: TypedRequestLine(request.bytes).target, job: false,
            endpoint: endpoint)
        return (number, WallClock.iso8601(), recorder)
    }

    /// `edit`: opens the last request in the editor and sends what the user saved.
    func editLastRequest() -> CommandResult {
        guard let last = history.records.last else {
            return .failed("there is no request to edit yet: send one first, then edit changes and resends it")
        }
        let sent = last.sentBytes
        let path = "/tmp/sockshell-edit-\(getpid())-\(history.exchangeCount).http"
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
        // Quitting without a change (vim's :q!) looks like saving one; git commit also stops
        // on an unchanged message. Asked at the prompt; a script's unchanged edit sends nothing.
        if saved == Array(text.utf8) {
            guard let confirm else {
                return .failed("the request was left unchanged: nothing was sent (change and save it to send it)")
            }
            guard confirm("the request is unchanged: send it again? [y/N] ") else {
                output.say("nothing was sent\n")
                return .proceed
            }
        }
        do {
            let request = try RequestEditing.request(fromEdited: String(decoding: saved, as: UTF8.self))
            // What was sent, as a command a script can run: the edited bytes as `raw`.
            recording.logCommand("raw " + TranscriptEscaping.lines(for: request.bytes[...]).joined())
            warn(request.bytes)
            return send(request, target: TypedRequestLine(request.bytes).target)
        } catch {
            return .failed(error.message)
        }
    }

    /// A request the session makes for itself (the first _ping, lesson checks, cleanup): not
    /// shown, not recorded, not numbered.
    /// `runner`: the session's quiet one, or one of its own (`sockets` probing another socket).
    func quietOutcome(method: String, target: String, headers: HTTPFields = [], on runner: ExchangeRunner? = nil)
        -> FinishedExchange
    {
        let request = encoder.encode(
            method: method, target: target, sessionHeaders: headers, requestHeaders: [], body: nil)
        var renderer: any ExchangeRenderer = BodyRenderer()
        return (runner ?? quietRunner).run(request, target: target, number: 0, renderer: &renderer) { $0.removeAll() }
    }

    /// How long `sockets` waits on each place: a socket answers at once or not at all.
    static let socketProbeSeconds = 1.0

    /// `sockets`: one place probed with a `_ping` of its own, the session's endpoint untouched.
    func probe(_ path: String) -> SocketPlaces.State {
        let pool = ConnectionPool(endpoint: .unix(path: path), connectTimeoutSeconds: Self.socketProbeSeconds)
        let runner = ExchangeRunner(pool: pool, readTimeoutSeconds: Self.socketProbeSeconds, lenient: lenient)
        defer { pool.closeAll() }
        let outcome = quietOutcome(method: "GET", target: "/_ping", on: runner)
        switch outcome.failure {
        case .noSuchSocket?: return .missing
        case .connectionRefused?: return .silent("nobody listens (a socket file left behind)")
        case .permissionDenied?: return .silent("permission denied (join its group, or use sudo)")
        case .notASocket?: return .silent("not a socket")
        case let failure?: return .silent("no answer to _ping (\(failure.summaryPhrase))")
        case nil: break
        }
        guard let head = outcome.head else { return .silent("no answer to _ping") }
        guard head.status == 200 else { return .silent("_ping answered \(head.status) \(head.reason)") }
        return .answers(apiVersion: head.value(of: "Api-Version"))
    }

    /// The first `_ping`'s sentence as it came: it quotes the reason phrase and Api-Version of
    /// whatever answered.
    /// `nobodyListens`: nothing answered at all (no socket, refused), so other places are worth a look.
    func probeText() -> (text: String, nobodyListens: Bool) {
        let outcome = quietOutcome(method: "GET", target: "/_ping", headers: sessionHeaders)
        learnWhoAnswers(outcome)
        return (pingSentence(outcome), outcome.failure?.meansNobodyListens == true)
    }

    /// What `_ping` said, in the session's language (the reason a connection failed stays English).
    private func pingSentence(_ outcome: FinishedExchange) -> String {
        let language = output.language
        if let failure = outcome.failure { return ShellPhrases.noPingAnswer(failure.message, language) }
        guard let head = outcome.head else { return ShellPhrases.noPingAnswer(nil, language) }
        let version = head.value(of: "Api-Version")
        return head.status == 200
            ? ShellPhrases.pingAnswered(apiVersion: version, language)
            : ShellPhrases.pingStatus(head.status, reason: head.reason, apiVersion: version, language)
    }

    /// A pasted curl command as a request (`RequestCommand(curl:)`), its files read beside the script.
    /// It goes to this session's endpoint; a different `--unix-socket` is mentioned, not followed.
    private func requestCommand(from curl: CurlRequest) throws(CommandFailure) -> RequestCommand {
        func contents(_ path: String) throws(BodyFile.Failure) -> [UInt8] {
            switch BodyFile.read(FilePath.resolved(path, in: bodyFileDirectory)) {
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
        if let socket = curl.unixSocket, Endpoint.unix(path: socket) != endpoint, output.options.view != .body {
            output.say(
                """
                * curl's --unix-socket \(socket) is not followed: this goes to \(endpoint.display) (connect \(socket) \
                switches)\n
                """
            )
        }
        if let note = curl.ignoredNote, ![.body, .json].contains(output.options.view) { output.say("* \(note)\n") }
        return request
    }

    private func readBodyFile(_ path: String) throws(CommandFailure) -> [UInt8] {
        switch BodyFile.read(FilePath.resolved(path, in: bodyFileDirectory)) {
        case .success(let bytes):
            return bytes
        case .failure(let failure):
            throw CommandFailure(failure.message(for: path))
        }
    }

    /// Feeds a finished exchange's JSON body (from its record) to the completion knowledge.
    func learn(from outcome: FinishedExchange) {
        guard let head = outcome.head, (200..<300).contains(head.status),
            MediaType.isJSON(head.value(of: "Content-Type"))
        else { return }
        knowledge.learn(
            method: outcome.record.method, target: outcome.record.target, status: head.status,
            contentType: head.value(of: "Content-Type"), body: Array((history.lastBodyText() ?? "").utf8))
    }
}
