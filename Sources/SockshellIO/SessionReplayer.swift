import SockshellCore

/// How a replay ended.
public enum ReplayResult: Sendable, Equatable {
    /// Every step matched (or, for --show, the file was shown whole).
    case passed
    /// A step differed or failed, Ctrl-C stopped it, or there was nothing to replay (exit 1).
    case failed
    /// The recording could not be read or the request was unusable (exit 2).
    case unreadable
}

/// `replay FILE`: sends a recording's requests again, in order, against the current endpoint, and
/// compares each answer with the recorded one (`ReplayStateMachine` decides; this runs its
/// actions on sockets and threads). `replay --show FILE` re-displays it instead.
/// The file is read once, as it goes, so a long recording costs no more memory than a short one.
public final class SessionReplayer {
    private let endpoint: Endpoint
    private let options: RenderOptions
    private let timeoutSeconds: Double
    /// `--lenient`: live responses and the recorded ones they are compared with may use bare LF.
    private let lenient: Bool
    private let sink: any OutputSink
    private let baseDirectory: String?
    /// Waits between exchanges of `--show` (the terminal's key wait, which the executable supplies:
    /// terminal input is not this module's): shows the prompt through the closure given, true for
    /// the next exchange, false to stop. Nil: no pause.
    public var waitForNextExchange: ((_ showPrompt: () -> Void) -> Bool)?

    public init(
        endpoint: Endpoint, options: RenderOptions, timeoutSeconds: Double, sink: any OutputSink,
        baseDirectory: String?, lenient: Bool = false
    ) {
        self.endpoint = endpoint
        self.options = options
        self.timeoutSeconds = timeoutSeconds
        self.lenient = lenient
        self.sink = sink
        self.baseDirectory = baseDirectory
    }

    /// A background exchange being replayed; `refused` stands in when the system refused a thread.
    private enum ReplayJob {
        case running(BackgroundExchange)
        case refused(ExchangeRecord)
    }

    public func run(_ request: ReplayRequest) -> ReplayResult {
        let path = FilePath.resolved(request.path, in: baseDirectory)
        if let problem = ReplayStateMachine.problem(with: request) {
            sink.diagnostic(problem)
            return .unreadable
        }
        let source: RecordingSource
        do throws(RecordingSource.Failure) {
            source = try RecordingSource.open(path, name: request.path)
        } catch {
            sink.diagnostic(error.message)
            return .unreadable
        }
        switch source {
        case .recording(let file) where request.showOnly: return show(file, name: request.path)
        case .har(let har) where request.showOnly: return show(har, name: request.path)
        case .recording, .har: return replay(source, request: request)
        }
    }

    // MARK: showing

    private func show(_ file: TranscriptFile, name: String) -> ReplayResult {
        var reader = TranscriptReader()
        var shown = 0
        func render(_ items: [TranscriptItem]) -> Bool {
            for case .exchange(let exchange) in items {
                guard show(exchange, name: name, shown: &shown, harNotes: nil) else { return false }
            }
            return true
        }
        do {
            for line in file.lines() {
                guard render(try reader.add(line)) else { return .passed }
            }
            _ = render(try reader.finish())
        } catch {
            sink.diagnostic("\(name):\(error.line): \(error.message)")
            return .unreadable
        }
        if shown == 0 { sink.diagnostic("\(name) holds no exchanges to show") }
        return .passed
    }

    /// A HAR file's exchanges, after the note that says they are rebuilt from its fields; each one's
    /// remark names its entry and what was changed to write it as HTTP/1.1.
    private func show(_ har: HARRecording, name: String) -> ReplayResult {
        if options.view != .body && options.view != .json {
            sink.write(Array(options.shown("* \(RecordingSource.harNote(har, name: name))\n").utf8)[...])
        }
        var shown = 0
        for exchange in har.exchanges {
            guard show(exchange, name: name, shown: &shown, harNotes: har.notes(of: exchange.number)) else {
                return .passed
            }
        }
        if shown == 0 { sink.diagnostic("\(name) holds no exchanges to show") }
        return .passed
    }

    /// Shows one exchange, after a keypress when a pager waits; false when the user stopped.
    /// `harNotes`: it was rebuilt from a HAR entry, with these changes.
    private func show(_ exchange: RecordedExchange, name: String, shown: inout Int, harNotes: [String]?) -> Bool {
        if shown > 0, let waitForNextExchange, !waitForKey(waitForNextExchange) { return false }
        shown += 1
        let endpointShown = exchange.endpoint ?? endpoint.display
        let command =
            exchange.command.map { ": \(firstLine($0))" }
            ?? exchange.tapped.map { " (tapped: conn \($0.connection), \($0.client))" } ?? ""
        let cut = exchange.end == nil ? " (the recording stops inside it)" : ""
        let rebuilt = harNotes.map { notes in
            " (HAR entry \(exchange.number), rebuilt\(notes.isEmpty ? "" : ": " + notes.joined(separator: "; ")))"
        }
        let source = harNotes == nil ? endpointShown : "from HAR"
        let remark = "exchange \(exchange.number) of \(name)\(command)\(cut)\(rebuilt ?? "") · \(source)"
        var record = exchange.record(endpoint: endpoint)
        record.lenient = lenient
        sink.write(
            RecordedExchangeRendering.render(
                record, options: options, remark: options.view == .body || options.view == .json ? nil : remark,
                totalNanoseconds: exchange.end?.totalNanoseconds)[...])
        return true
    }

    /// `replay FILE --har OUT`: the recording's exchanges as HAR 1.2 in a new file, credentials
    /// masked as `export har` masks them, nothing sent. A tapped client's session becomes HAR this way.
    public func writeHAR(from recordingPath: String, to harPath: String) -> ReplayResult {
        let source: RecordingSource
        do throws(RecordingSource.Failure) {
            source = try RecordingSource.open(FilePath.resolved(recordingPath, in: baseDirectory), name: recordingPath)
        } catch {
            sink.diagnostic(error.message)
            return .unreadable
        }
        var reader = TranscriptReader()
        var exchanges: [RecordedExchange] = []
        do {
            switch source {
            case .har(let har):
                exchanges = har.exchanges
            case .recording(let file):
                for line in file.lines() {
                    for case .exchange(let exchange) in try reader.add(line) { exchanges.append(exchange) }
                }
                for case .exchange(let exchange) in try reader.finish() { exchanges.append(exchange) }
            }
        } catch {
            sink.diagnostic("\(recordingPath):\(error.line): \(error.message)")
            return .unreadable
        }
        guard !exchanges.isEmpty else {
            sink.diagnostic("\(recordingPath) holds no exchanges to write as HAR")
            return .unreadable
        }
        // HAR lists entries in the order they started.
        exchanges.sort { $0.number < $1.number }
        let records = exchanges.map { ExchangeMasking.masked($0.record(endpoint: endpoint)) }
        let document = HARExport.document(
            records, startedDateTimes: exchanges.map { $0.startedAt ?? WallClock.iso8601() },
            creatorVersion: SockshellVersion.current)
        if case .failure(let failure) = OutputFile.writeNew(harPath, contents: Array(document.utf8)) {
            sink.diagnostic(failure.message)
            return .failed
        }
        sink.diagnostic("wrote \(exchanges.count) exchanges of \(recordingPath) to \(harPath) as HAR")
        return .passed
    }

    /// Enter (or space) shows the next exchange; q, Esc, Ctrl-C or end of input stops.
    private func waitForKey(_ wait: (_ showPrompt: () -> Void) -> Bool) -> Bool {
        let next = wait { sink.write(Array("-- Enter: next exchange · q: stop --".utf8)[...]) }
        sink.write(Array("\r\u{1B}[K".utf8)[...])
        return next
    }

    // MARK: replaying

    private func replay(_ source: RecordingSource, request: ReplayRequest) -> ReplayResult {
        var machine = ReplayStateMachine(request, lenient: lenient)
        let pool = ConnectionPool(endpoint: endpoint, connectTimeoutSeconds: timeoutSeconds)
        defer { pool.closeAll() }
        let runner = ExchangeRunner(pool: pool, readTimeoutSeconds: timeoutSeconds, lenient: lenient)
        var jobs: [Int: ReplayJob] = [:]
        let started = Posix.monotonicNanoseconds()

        // The file is read once: the lines the version is looked for in are kept and replayed first.
        var lines: TranscriptFile.Lines?
        var version = RecordedVersion()
        var scannedLines: [TranscriptLine] = []
        switch source {
        case .recording(let file): lines = file.lines()
        case .har(let har):
            for exchange in har.exchanges where version.wantsMore {
                version.add(answer: exchange.receivedBytes, method: exchange.method)
            }
        }
        while version.wantsMore, let line = lines?.next() {
            scannedLines.append(line)
            version.add(line)
        }
        say(version.replayLine(path: request.path, currentEndpoint: endpoint.display) + "\n")
        if case .har(let har) = source { say(RecordingSource.harNote(har, name: request.path) + "\n") }
        if let note = versionNote(version, runner: runner) { say(note + "\n") }

        var reader = TranscriptReader()
        var interrupted = false
        func stop(at number: Int) {
            interrupted = true
            sink.diagnostic(ReplayStateMachine.interruptedNote(at: number))
        }
        func handle(_ items: [TranscriptItem]) {
            for item in items where !interrupted {
                switch machine.action(for: item) {
                case nil:
                    continue
                case .say(let text):
                    say(text)
                case .startJob(let exchange, let sent, let target, let limit):
                    let job = startJob(sent, target: target, number: exchange.number, streamLimit: limit)
                    jobs[exchange.number] = job
                    let deadline = Posix.monotonicNanoseconds() + ReplayStateMachine.nanoseconds(timeoutSeconds)
                    if case .running(let background) = job,
                        background.headArrival.wait(
                            until: deadline, interruptDescriptor: Cancellation.interruptSignal.descriptor)
                            == .interrupted
                    {
                        Cancellation.interruptSignal.acknowledge()
                        stop(at: exchange.number)
                    }
                case .finishJob(let exchange, let limit):
                    guard let job = jobs.removeValue(forKey: exchange.number) else { continue }
                    guard let outcome = waitFor(job, until: limit) else {
                        stop(at: exchange.number)
                        continue
                    }
                    say(machine.report(exchange, replayed: outcome.record, failure: outcome.failure, cutShort: false))
                case .send(let exchange, let sent, let target, let limit):
                    var renderer: any ExchangeRenderer = BodyRenderer()
                    // A live session's input is typed again once as much output has come back as had
                    // then (the program answers what it is sent, so this is its own pace).
                    var input = exchange.liveInput[...]
                    let typed = input.isEmpty ? nil : TunnelInput()
                    var streamBytes: Int?
                    func typeWhenDue(_ events: [MessageEvent]) {
                        for event in events {
                            switch event {
                            case .head(let head, let framing, _):
                                if LiveSessionRenderer.opensStream(head, framing: framing) { streamBytes = 0 }
                            case .tunnel(let bytes): streamBytes? += bytes.count
                            case .body(let bytes): streamBytes? += bytes.count
                            default: break
                            }
                        }
                        guard let streamBytes else { return }
                        while let next = input.first, next.streamBytesBefore <= streamBytes {
                            typed?.send(next.bytes)
                            input.removeFirst()
                        }
                    }
                    let outcome = runner.run(
                        sent, target: target, number: exchange.number, renderer: &renderer, onEvents: typeWhenDue,
                        streamNanoseconds: limit, tunnelInput: typed, emit: { $0.removeAll() })
                    if outcome.interrupted && Cancellation.interruptSignal.isPending {
                        Cancellation.interruptSignal.acknowledge()
                        stop(at: exchange.number)
                        continue
                    }
                    // Ended by its time limit (the recorded duration or --stream-timeout): compared as far as it got.
                    say(
                        machine.report(
                            exchange, replayed: outcome.record, failure: outcome.failure?.message,
                            cutShort: outcome.interrupted))
                }
            }
        }
        // Background exchanges still running when the replay stops (Ctrl-C, a bad line) are ended.
        defer { for case .running(let exchange) in jobs.values { _ = exchange.stopAndJoin() } }
        do {
            if case .har(let har) = source {
                for exchange in har.exchanges where !interrupted { handle([.exchange(exchange)]) }
            } else {
                for line in scannedLines where !interrupted { handle(try reader.add(line)) }
                while !interrupted, let line = lines?.next() { handle(try reader.add(line)) }
                if !interrupted { handle(try reader.finish()) }
            }
        } catch {
            sink.diagnostic("\(request.path):\(error.line): \(error.message)")
            return .unreadable
        }
        let closing = machine.closing(
            name: request.path, duration: Measure.duration(Posix.monotonicNanoseconds() - started),
            interrupted: interrupted)
        say(closing.line)
        if let diagnostic = closing.diagnostic { sink.diagnostic(diagnostic) }
        return closing.passed ? .passed : .failed
    }

    private func startJob(_ request: EncodedRequest, target: String, number: Int, streamLimit: UInt64?) -> ReplayJob {
        let started = BackgroundExchange.start(endpoint: endpoint, timeoutSeconds: timeoutSeconds, lenient: lenient) {
            runner, headArrived in
            var renderer: any ExchangeRenderer = BodyRenderer()
            return runner.run(
                request, target: target, number: number, renderer: &renderer,
                onEvents: { events in
                    if BackgroundExchange.announcesHead(events) { headArrived() }
                }, streamNanoseconds: streamLimit
            ) { $0.removeAll() }
        }
        guard let started else {
            return .refused(ExchangeRecord(number: number, endpoint: endpoint, method: request.method, target: target))
        }
        return .running(started)
    }

    /// Lets the job run until `limit` after it started (nil: until it ends), then stops it; nil
    /// when Ctrl-C ended the wait (the job is stopped too). Sleeps until one of those happens.
    private func waitFor(_ job: ReplayJob, until limit: UInt64?) -> (record: ExchangeRecord, failure: String?)? {
        guard case .running(let exchange) = job else {
            if case .refused(let record) = job {
                return (record, "the system refused a thread for this background exchange")
            }
            return nil
        }
        var deadline = limit.flatMap { limit in
            let (deadline, overflow) = exchange.startedNanoseconds.addingReportingOverflow(limit)
            return overflow ? nil : deadline
        }
        var interrupt = Cancellation.interruptSignal.descriptor
        while true {
            switch exchange.waitForEnd(until: deadline, interruptDescriptor: interrupt) {
            case .arrived:
                let outcome = exchange.stopAndJoin()
                return (outcome.record, outcome.failure?.message)
            case .interrupted where Cancellation.interruptSignal.isPending:
                Cancellation.interruptSignal.acknowledge()
                _ = exchange.stopAndJoin()
                return nil
            case .interrupted:
                // SIGTERM or SIGHUP on the same pipe: not Ctrl-C, so the job goes on; its end is
                // still waited for.
                interrupt = -1
            case .timedOut:
                exchange.stop()
                deadline = nil
            }
        }
    }

    /// Asks the daemon's version (`GET /_ping`) when the recording names one; the note when they differ.
    private func versionNote(_ recorded: RecordedVersion, runner: ExchangeRunner) -> String? {
        guard recorded.api != nil else { return nil }
        var renderer: any ExchangeRenderer = BodyRenderer()
        let ping = RequestEncoder(userAgent: SockshellVersion.userAgent).encode(
            method: "GET", target: "/_ping", sessionHeaders: [], requestHeaders: [], body: nil)
        let outcome = runner.run(ping, target: "/_ping", number: 0, renderer: &renderer) { $0.removeAll() }
        guard let head = outcome.head else { return nil }
        return recorded.note(currentAPI: head.value(of: "Api-Version"), currentServer: head.value(of: "Server"))
    }

    private func firstLine(_ text: String) -> String {
        String(text.prefix { $0 != "\n" })
    }

    /// Writes a line of the replay's report, which quotes what the daemon answered: on a terminal
    /// its control bytes are escaped.
    private func say(_ text: String) {
        sink.write(Array(options.shown(text).utf8)[...])
    }
}
