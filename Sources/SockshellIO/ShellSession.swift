import SockshellCore

/// A running shell: the dispatcher from a parsed command to the part of the session that runs it.
/// The non-interactive runner and the REPL both drive it.
///
/// The parts, each its own type: `SessionOutput` (where everything is written, in the current
/// view), `RequestSender` (the request path), `ScriptState` (variables, captures, expectations),
/// `JobControl` (background jobs), `SessionRecording` (the command log and the recording),
/// `ExchangeHistory` (the exchanges kept) and `LessonGuide` (lessons). What the front end and
/// the tests read is forwarded below.
public final class ShellSession {
    private let output: SessionOutput
    private let history = ExchangeHistory()
    private let recording: SessionRecording
    private let jobControl: JobControl
    private let script: ScriptState
    private let requests: RequestSender
    private let lessons: LessonGuide

    public init(
        endpoint: Endpoint, options: RenderOptions, timeoutSeconds: Double, sink: any OutputSink, lenient: Bool = false,
        transport: any Transport = SocketTransport()
    ) {
        output = SessionOutput(sink: sink, options: options)
        recording = SessionRecording(output: output)
        jobControl = JobControl(output: output, timeoutSeconds: timeoutSeconds)
        script = ScriptState(history: history, jobControl: jobControl, output: output)
        requests = RequestSender(
            endpoint: endpoint, timeoutSeconds: timeoutSeconds, lenient: lenient, transport: transport, output: output,
            history: history, recording: recording, jobControl: jobControl, script: script)
        lessons = LessonGuide(output: output, history: history, script: script, requests: requests)
        // `expect output` looks at the script's live session, which the request path holds.
        script.checkLiveOutput = { [unowned requests] regex, within, description in
            requests.expectLiveOutput(regex, within: within, description: description)
        }
        // What a lesson defines for the learner is in an exported script too.
        lessons.logCommand = { [unowned recording] line in recording.logLessonLine(line) }
        // The lesson checks every exchange the learner makes (it does nothing when none runs).
        requests.afterExchange = { [unowned lessons] method, target, background in
            lessons.afterExchange(method: method, target: target, background: background)
        }
    }

    // MARK: what the front end sets and reads

    public var endpoint: Endpoint { requests.endpoint }
    /// How the endpoint was found (which of the docker CLI's rules, which context); `connect` replaces it.
    public var endpointChoice: ResolvedEndpoint {
        get { chosenEndpoint ?? ResolvedEndpoint(endpoint: endpoint, rule: .hostFlag) }
        set {
            if chosenEndpoint == nil { startingEndpoint = newValue }
            chosenEndpoint = newValue
        }
    }
    private var chosenEndpoint: ResolvedEndpoint?
    /// The choice at start-up: an -H then is what the docker CLI's `default` context stands for.
    private var startingEndpoint: ResolvedEndpoint?
    public var options: RenderOptions { output.options }
    /// The language the shell speaks (`--lang`, the locale, `lang`): help, the startup line and lessons.
    public var language: ShellLanguage {
        get { output.language }
        set { output.language = newValue }
    }
    /// Sets the API version requests go under (`--api-version`, `DOCKER_API_VERSION`), and how it was given.
    public func useAPIVersion(_ version: APIVersion, source: String) {
        requests.apiVersion = (version, source)
    }
    public var sessionHeaders: HTTPFields { requests.sessionHeaders }
    public var records: [ExchangeRecord] { history.records }
    /// The last exchange's outcome, for later commands (captures, prompts).
    public var lastOutcome: FinishedExchange? { history.lastOutcome }
    public var variables: [String: String] { script.variables }
    public var knowledge: SessionKnowledge { requests.knowledge }
    public var recorder: SessionRecorder? { recording.recorder }
    public var commandLog: [String] { recording.commandLog }
    public var requestsSent: Int { requests.requestsSent }
    public var expectationsPassed: Int { script.expectationsPassed }
    public var expectationsFailed: Int { script.expectationsFailed }
    /// Background exchanges started with a trailing `&`.
    public var jobs: BackgroundJobs { jobControl.jobs }
    /// The lesson being followed and the current step (from 1), for the prompt.
    public var lessonPosition: (name: String, step: Int, steps: Int)? { lessons.lessonPosition }

    /// The TLS flags sockshell started with: `connect URL` takes them as `-H URL` would, and so does
    /// `connect --context default`.
    public var tlsInputs = TLSInputs.none
    /// The process environment, for `${env:NAME}` (passed in: the core has no globals).
    public var environment: [String: String] {
        get { script.environment }
        set { script.environment = newValue }
    }
    /// `--keep-going`: a failed expectation is counted and reported, and the script goes on.
    public var keepGoing: Bool {
        get { script.keepGoing }
        set { script.keepGoing = newValue }
    }
    /// The warnings before sending: on unless `--no-warn` or `warnings off`.
    public var warnBeforeSending: Bool {
        get { requests.warnBeforeSending }
        set { requests.warnBeforeSending = newValue }
    }
    /// `--dry-run`: requests are shown, not sent; captures hold placeholders, expectations are skipped.
    public var dryRun: Bool {
        get { script.dryRun }
        set { script.dryRun = newValue }
    }
    /// Every expectation checked, for `--report junit`.
    public var reportEntries: [JUnitReport.Entry] {
        get { script.reportEntries }
        set { script.reportEntries = newValue }
    }
    /// Directory that relative `@file` paths are read from (a script's own folder).
    public var bodyFileDirectory: String? {
        get { requests.bodyFileDirectory }
        set { requests.bodyFileDirectory = newValue }
    }
    /// The command `edit` runs ($VISUAL, $EDITOR or vi); set by the front end from the environment.
    public var editorCommand: String {
        get { requests.editorCommand }
        set { requests.editorCommand = newValue }
    }
    /// Where lesson files are read from, and where progress is kept (set by the front end).
    public var lessonDirectory: String? {
        get { lessons.lessonDirectory }
        set { lessons.lessonDirectory = newValue }
    }
    /// Looks for the lesson folder with `locate` the first time a lesson command needs it.
    public func locateLessonDirectory(_ locate: @escaping () -> String?) {
        lessons.locateLessonDirectory(with: locate)
    }
    public var lessonProgressDirectory: String? {
        get { lessons.lessonProgressDirectory }
        set { lessons.lessonProgressDirectory = newValue }
    }
    /// Asks the person a yes/no question (the interactive shell sets it); nil: nobody to ask.
    public var confirm: ((String) -> Bool)? {
        get { requests.confirm }
        set {
            requests.confirm = newValue
            lessons.confirm = newValue
        }
    }
    /// The key wait between exchanges of `replay --show` when `interactive` (the interactive shell
    /// supplies it: terminal input is not this module's).
    public var waitForNextExchange: ((_ showPrompt: () -> Void) -> Bool)?
    /// A person at a terminal drives the session (`replay --show` then waits for a key between exchanges).
    public var interactive: Bool {
        get { jobControl.interactive }
        set { jobControl.interactive = newValue }
    }

    /// Where a live session's input comes from (an attach, an exec start): the interactive
    /// shell's terminal, `-c`'s standard input, or none in a script.
    public var liveInput: LiveInputPolicy {
        get { requests.liveInput }
        set { requests.liveInput = newValue }
    }

    /// Ends background jobs (showing how they ended) and closes connections.
    public func close() {
        _ = requests.endScriptedLive(closing: true)
        jobControl.stopAll()
        jobControl.flushOutput()
        requests.closeConnections()
    }

    /// Writes what background jobs printed since the last call.
    public func flushJobOutput() {
        jobControl.flushOutput()
    }

    /// Defines a variable (from `-e NAME=value` or `let`).
    public func define(_ name: String, _ value: String) {
        script.define(name, value)
    }

    /// The decoded body of the last exchange.
    public func lastBodyText() -> String? {
        history.lastBodyText()
    }

    /// Quietly sends `GET /_ping` and says what happened, for the interactive shell's first line.
    /// It is not recorded and shows nothing; its connection is kept for the first request.
    public func probe() -> String {
        let probed = requests.probeText()
        probeFoundNobody = probed.nobodyListens
        return output.options.shown(probed.text)
    }

    /// The first `_ping` (`probe`) found nobody listening at the endpoint.
    public private(set) var probeFoundNobody = false

    /// Starts writing the session to `path`; false (with the reason said) when the file cannot be used.
    @discardableResult
    public func startRecording(_ path: String, mode: RecordMode, masksSecrets: Bool) -> Bool {
        guard let failure = recording.begin(path, mode: mode, masksSecrets: masksSecrets, endpoint: endpoint) else {
            recordAPIVersion()
            return true
        }
        output.diagnostic(failure)
        return false
    }

    /// A recording begun with a version set (`--api-version`, `DOCKER_API_VERSION`, an earlier
    /// `api-version`) starts with its `api-version` line, so run as a script it sends the same paths.
    private func recordAPIVersion() {
        guard let (version, _) = requests.apiVersion else { return }
        let line = "api-version \(version)"
        recording.recorder?.command(typed: line, masked: line)
    }

    public func stopRecording() {
        recording.stop()
    }

    // MARK: running commands

    /// The usual places daemons listen, each probed (`sockets`).
    private func probedSocketPlaces() -> [(place: SocketPlaces.Place, state: SocketPlaces.State)] {
        let contexts = DockerContextFiles.store(environment: environment)?.all() ?? []
        var places = SocketPlaces.candidates(environment: environment, contexts: contexts, list: FolderEntries.names)
        if case .unix(let path) = endpoint, !places.contains(where: { $0.path == path }) {
            places.insert(SocketPlaces.Place(path: path, owner: "in use"), at: 0)
        }
        return places.map { ($0, requests.probe($0.path)) }
    }

    /// When the endpoint did not answer at start: the places where a daemon does, and the
    /// `connect` that switches to one; nil when none answers either.
    public func socketsThatAnswer() -> String? {
        let probed = probedSocketPlaces()
        guard probed.contains(where: { if case .answers = $0.state { true } else { false } }) else { return nil }
        return ShellPhrases.daemonsElsewhere(output.language) + "\n" + SocketPlaces.report(probed, current: endpoint)
    }

    /// The names `connect --context` takes: the stored contexts (read now) and `default`.
    public var contextNames: [String] {
        let stored = DockerContextFiles.store(environment: environment)?.all().map(\.name) ?? []
        return (stored + [EndpointResolution.defaultContextName]).sorted()
    }

    /// The docker CLI's `default` context as `contexts` shows it: the -H it started with, else
    /// DOCKER_HOST as written, else the default socket.
    private var defaultContextEndpoint: String {
        if let startingEndpoint, [.hostFlag, .unixSocketFlag].contains(startingEndpoint.rule) {
            return startingEndpoint.endpoint.url
        }
        if let dockerHost = environment["DOCKER_HOST"], !dockerHost.isEmpty { return dockerHost }
        return Endpoint.dockerDefault.url
    }

    /// `connect`: the endpoint is taken (and how it was chosen kept for `endpoint`) only when it answers.
    private func connect(_ chosen: ResolvedEndpoint) -> CommandResult {
        let result = requests.connect(chosen.endpoint, shown: chosen.display)
        if requests.endpoint == chosen.endpoint { endpointChoice = chosen }
        return result
    }

    /// Runs a command typed as `text`: it joins the command log and, while recording, the recording.
    public func execute(_ command: Command, text: String) -> CommandResult {
        if SessionRecording.isRecorded(command) { recording.logCommand(text, as: command) }
        return execute(command)
    }

    public func execute(_ command: Command) -> CommandResult {
        // A script's live session shows what it wrote since the last command.
        requests.showLiveOutput()
        history.keepJobs(jobControl.jobs.takeEndedRecords())
        switch command {
        case .nothing: return .proceed
        case .exit: return .exit
        case .request(let typed): return requests.send(typed)
        case .raw(let bytes): return requests.sendRaw(bytes)
        case .curl(let curl): return requests.sendCurl(curl)
        case .edit: return requests.editLastRequest()
        case .header(let headerCommand): return requests.header(headerCommand)
        case .connect(let newEndpoint):
            do {
                let withTLS = try TLSResolution.defaultContextEndpoint(
                    newEndpoint, tlsInputs, environment: environment)
                return connect(ResolvedEndpoint(endpoint: withTLS, rule: .connectCommand))
            } catch {
                return .failed(error.description)
            }
        case .connectContext(let name):
            do {
                let chosen = try EndpointResolution.named(
                    name, rule: .connectCommand, environment: environment,
                    store: DockerContextFiles.store(environment: environment), tls: tlsInputs)
                return connect(chosen)
            } catch {
                return .failed(error.description)
            }
        case .contexts:
            let store = DockerContextFiles.store(environment: environment)
            var text = ContextListing.table(
                contexts: store?.all() ?? [],
                current: endpointChoice.context?.name ?? EndpointResolution.defaultContextName,
                defaultEndpoint: defaultContextEndpoint)
            if let overridden = endpointChoice.overriddenContext {
                text += "DOCKER_HOST overrides the context \(overridden.name) that \(overridden.rule.name) names\n"
            }
            output.say(text)
            return .proceed
        case .whichEndpoint:
            output.say(endpointChoice.explanation + "\n")
            return .proceed
        case .sockets:
            output.say(SocketPlaces.report(probedSocketPlaces(), current: endpoint))
            return .proceed
        case .apiVersion(let versionCommand): return requests.apiVersion(versionCommand)
        case .jobs:
            jobControl.list()
            return .proceed
        case .stopJob(let number): return jobControl.stop(number)
        case .foreground(let number):
            var reader: LiveLineReading?
            if case .terminal(let editor) = requests.liveInput { reader = editor }
            return jobControl.follow(job: number, lineReader: reader, detachKeys: requests.detachKeys)
        case .waitForJobs(let number): return jobControl.wait(for: number)
        case .tap(let path, let background):
            let result = jobControl.tap(path, background: background, endpoint: endpoint)
            if case .proceed = result { lessons.afterCommand("tap") }
            return result
        case .docker(let kind, let arguments):
            let result = requests.runDockerCommand(kind, arguments: arguments)
            // A lesson's `command run` (or exec, attach) checks the whole command, after its last call.
            if case .proceed = result { lessons.afterCommand(kind.rawValue) }
            return result
        case .send(let text): return requests.sendToLive(text)
        case .closeInput: return requests.closeLive()
        case .shell(let line):
            let result = jobControl.runShellCommand(line, endpoint: endpoint)
            lessons.afterCommand("!")
            return result
        case .set(let name, let value): return script.set(name, to: value)
        case .capture(let name, let source): return script.captureCommand(name, from: source)
        case .expect(let expectation): return script.expect(expectation)
        case .echo(let text): return script.echo(text)
        case .vars:
            script.listVariables()
            return .proceed
        case .export(let format, let number): return history.export(format, number: number, output: output)
        case .show(let number, let view): return history.show(number, view: view, output: output)
        case .exportFile(let format, let path): return exportFile(format, to: path)
        case .record(let recordCommand):
            let result = recording.run(recordCommand, endpoint: endpoint)
            if case .start = recordCommand, result == .proceed { recordAPIVersion() }
            return result
        case .lesson(let lessonCommand): return lessons.run(lessonCommand)
        case .replay(let replay):
            let replayer = SessionReplayer(
                endpoint: endpoint, options: output.options, timeoutSeconds: requests.timeoutSeconds, sink: output.sink,
                baseDirectory: bodyFileDirectory, lenient: requests.lenient)
            if interactive { replayer.waitForNextExchange = waitForNextExchange }
            return replayer.run(replay) == .passed ? .proceed : .stopped
        case .sleep(let seconds): return sleep(seconds)
        case .onEvent:
            // Its body is run by the script runner, which runs every command's line.
            return .failed("on event blocks run only from the script runner")
        case .source:
            // Scripts are read by the script runner, which knows the current script's folder.
            return .failed("source runs only from the script runner")
        case .history:
            output.diagnostic(
                "history is kept by the interactive shell only (run sockshell on a terminal with no -c or SCRIPT)")
            return .proceed
        case .help(let topic):
            if let topic {
                guard let text = HelpText.topic(topic, output.language) else {
                    output.diagnostic(HelpText.unknownTopic(topic))
                    return .proceed
                }
                sayFolded(text)
            } else {
                output.say(HelpText.overview(output.language))
            }
            return .proceed
        case .language(let chosen):
            guard let chosen else {
                output.say(ShellPhrases.currentLanguage(output.language) + "\n")
                return .proceed
            }
            language = chosen
            output.say(ShellPhrases.switched(to: chosen) + "\n")
            lessons.languageChanged()
            return .proceed
        case .explain(let topic): return explain(topic)
        case .warnings(let setting):
            if let setting {
                requests.warnBeforeSending = setting
            } else {
                output.say("warnings \(requests.warnBeforeSending ? "on" : "off")\n")
            }
            return .proceed
        case .view(let mode):
            if let mode { output.options.view = mode } else { output.say("view \(output.options.view.rawValue)\n") }
            return .proceed
        }
    }

    /// Starts an `on event` block's stream as a job: its number, or the result that stopped it.
    func startEventStream(_ block: EventBlock) -> Result<Int, EventBlockStop> {
        let before = jobControl.jobs.list().map(\.number).max() ?? 0
        let result = execute(.request(block.request))
        guard case .proceed = result else { return .failure(EventBlockStop(result: result)) }
        guard let number = jobControl.jobs.list().map(\.number).max(), number > before else {
            // A dry run shows the request and starts nothing: there are no events to handle.
            return .failure(EventBlockStop(result: .proceed))
        }
        return .success(number)
    }

    /// Waits for job `number`'s events from the `from`th on.
    func nextEvents(job number: Int, from: Int) -> JobControl.EventWait {
        jobControl.nextEvents(job: number, from: from)
    }

    /// The event an `on event` block handles now (`$event`, and what `let` reads), nil when done.
    func handle(event value: JSONValue?) {
        script.handle(event: value)
    }

    /// Ends an `on event` block's stream, showing how it ended.
    func endEventStream(job number: Int) {
        _ = jobControl.stop(number)
        jobControl.flushOutput()
    }

    /// Text said folded at spaces to the width, as man pages are, instead of the terminal breaking a
    /// word in two at column 80; a line's indent is kept on the lines it folds into. Lines of a
    /// message head (`> `, `< `) are bytes as they crossed, kept whole as the wire view keeps them.
    private func sayFolded(_ text: String) {
        let width = output.textWidth
        output.say(
            text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
                let wire = line.hasPrefix("> ") || line.hasPrefix("< ")
                guard !wire, line.terminalColumns > width else { return line + "\n" }
                let indent = String(line.prefix { $0 == " " })
                return LessonText.folded(String(line.dropFirst(indent.count)), width: width - indent.count)
                    .split(separator: "\n").map { indent + $0 + "\n" }.joined()
            }.joined())
    }

    /// `explain [TOPIC]`: the topic, or the last exchange (with the ones before it, for the
    /// order of calls), in the session's language.
    private func explain(_ topic: String?) -> CommandResult {
        if let topic {
            let explained = Explain.topic(topic, language: output.language)
            if explained.found { sayFolded(explained.text) } else { output.diagnostic(explained.text) }
            return .proceed
        }
        guard let last = history.records.last else {
            output.diagnostic(
                Phrase(
                    "there is no exchange to explain yet: send a request first, or explain 304, explain Host",
                    ko: """
                        설명할 교환이 아직 없습니다: 먼저 요청을 보내거나 explain 304, explain \
                        Host처럼 씁니다
                        """
                ).text(in: output.language))
            return .proceed
        }
        // After a body with no last newline (the body view's `OK`), the explanation starts a line of its own.
        output.sink.ensureLineStart()
        sayFolded(Explain.exchange(last, earlier: Array(history.records.dropLast()), language: output.language))
        return .proceed
    }

    /// `sleep S`: waits on the Ctrl-C pipe, so an interrupted sleep ends at once.
    private func sleep(_ seconds: Double) -> CommandResult {
        var waiter = DescriptorWaiter()
        waiter.watch(Cancellation.interruptSignal.descriptor)
        let deadline = Posix.monotonicNanoseconds() + UInt64(seconds * 1_000_000_000)
        while Posix.monotonicNanoseconds() < deadline {
            if (try? waiter.wait(until: deadline)) == true { return .stopped }
        }
        return .proceed
    }

    /// `export har FILE` and `export script FILE`: refuses to replace an existing file.
    private func exportFile(_ format: ExportFileFormat, to path: String) -> CommandResult {
        let text: String
        switch format {
        case .script:
            guard let script = recording.scriptText() else {
                return .failed("there are no commands to export yet: type some first")
            }
            text = script
        case .har:
            guard let document = history.harDocument() else {
                return .failed("there are no exchanges to export yet: send a request first")
            }
            text = document
        }
        switch OutputFile.writeNew(path, contents: Array(text.utf8)) {
        case .success:
            output.say("wrote \(path)\(format == .har ? history.harRangeNote() : "")\n")
            return .proceed
        case .failure(let failure):
            return .failed(failure.message)
        }
    }
}

/// Why an `on event` block's stream did not start: the request's own result.
struct EventBlockStop: Error {
    var result: CommandResult
}
