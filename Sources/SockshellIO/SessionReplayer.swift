#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SockshellCore

/// `replay FILE`: sends a recording's requests again, in order, against the current endpoint, and
/// compares each answer with the recorded one. `replay --show FILE` re-displays it instead.
/// The file is read as it goes, so a long recording costs no more memory than a short one.
public final class SessionReplayer {
    private let endpoint: Endpoint
    private let options: RenderOptions
    private let timeoutSeconds: Double
    /// `--lenient`: live responses and the recorded ones they are compared with may use bare LF.
    private let lenient: Bool
    private let sink: any OutputSink
    private let baseDirectory: String?
    /// Waits between exchanges of `--show` on a terminal.
    public var pauseBetweenExchanges = false
    /// The last run stopped because the recording could not be read (exit 2, not 1).
    public private(set) var lastFailureWasUnreadable = false

    public init(
        endpoint: Endpoint, options: RenderOptions, timeoutSeconds: Double, sink: any OutputSink, baseDirectory: String?, lenient: Bool = false
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

    private struct Tally {
        var same = 0
        var differ = 0
        var failed = 0
        var steps: Int { same + differ + failed }
    }

    /// True when every step matched (or, for --show, the file was shown whole).
    public func run(_ request: ReplayRequest) -> Bool {
        lastFailureWasUnreadable = true
        let path = request.path.hasPrefix("/") || baseDirectory == nil ? request.path : (baseDirectory ?? ".") + "/" + request.path
        for rule in request.ignore {
            if let problem = ReplayRules.validate(rule) {
                sink.diagnostic(problem)
                return false
            }
        }
        let file: TranscriptFile
        do throws(Errno) {
            file = try TranscriptFile(path: path)
        } catch {
            sink.diagnostic("cannot read the recording \(request.path): \(error) (record FILE makes one)")
            return false
        }
        lastFailureWasUnreadable = false
        return request.showOnly ? show(file, name: request.path) : replay(file, request: request)
    }

    // MARK: showing

    private func show(_ file: TranscriptFile, name: String) -> Bool {
        var reader = TranscriptReader()
        var shown = 0
        func render(_ items: [TranscriptItem]) -> Bool {
            for case .exchange(let exchange) in items {
                if shown > 0, pauseBetweenExchanges, !waitForKey() { return false }
                shown += 1
                let endpointShown = exchange.endpoint ?? endpoint.display
                let remark = "exchange \(exchange.number) of \(name)\(exchange.command.map { ": \(firstLine($0))" } ?? "")\(exchange.end == nil ? " (the recording stops inside it)" : "") · \(endpointShown)"
                var record = exchange.record(endpoint: endpoint)
                record.lenient = lenient
                sink.write(RecordedExchangeRendering.render(record, options: options, remark: options.view == .body || options.view == .json ? nil : remark, totalNanoseconds: exchange.end?.totalNanoseconds)[...])
            }
            return true
        }
        do {
            for line in file.lines() {
                guard render(try reader.add(line)) else { return true }
            }
            _ = render(try reader.finish())
        } catch {
            sink.diagnostic("\(name):\(error.line): \(error.message)")
            lastFailureWasUnreadable = true
            return false
        }
        if shown == 0 { sink.diagnostic("\(name) holds no exchanges to show") }
        return true
    }

    /// Enter (or space) shows the next exchange; q, Esc, Ctrl-C or end of input stops. One key,
    /// no Enter needed (`PagerKey`).
    private func waitForKey() -> Bool {
        let choice = PagerKey.wait { sink.write(Array("-- Enter: next exchange · q: stop --".utf8)[...]) }
        sink.write(Array("\r\u{1B}[K".utf8)[...])
        return choice == .next
    }

    // MARK: replaying

    private func replay(_ file: TranscriptFile, request: ReplayRequest) -> Bool {
        let rules = ReplayRules(extra: request.ignore)
        var ids = IdRemapping()
        var tally = Tally()
        let pool = ConnectionPool(endpoint: endpoint, connectTimeoutSeconds: timeoutSeconds)
        defer { pool.closeAll() }
        let runner = ExchangeRunner(pool: pool, readTimeoutSeconds: timeoutSeconds, lenient: lenient)
        var jobs: [Int: ReplayJob] = [:]
        let started = Posix.monotonicNanoseconds()

        say("replay \(request.path) against \(endpoint.display)\n")
        // The file is read once: the lines the version is looked for in are kept and replayed first.
        var lines = file.lines()
        let (recordedVersion, scannedLines) = Self.recordedVersion(in: &lines)
        if let note = versionNote(recorded: recordedVersion, runner: runner) { say(note + "\n") }

        var reader = TranscriptReader()
        var interrupted = false
        func handle(_ items: [TranscriptItem]) {
            for item in items where !interrupted {
                switch item {
                case .command:
                    continue
                case .jobStarted(let exchange):
                    guard !exchange.sentBytes.isEmpty else { continue }
                    let job = startJob(exchange, ids: ids, streamTimeout: request.streamTimeoutSeconds)
                    jobs[exchange.number] = job
                    let deadline = Posix.monotonicNanoseconds() + Self.nanoseconds(timeoutSeconds)
                    if case .running(let background) = job,
                        background.headArrival.wait(until: deadline, interruptDescriptor: InterruptSignal.descriptor) == .interrupted
                    {
                        InterruptSignal.take()
                        interrupted = true
                        sink.diagnostic("interrupted (Ctrl-C): the replay stops at exchange \(exchange.number)")
                        return
                    }
                case .exchange(let exchange):
                    if exchange.sentBytes.isEmpty {
                        // It failed before a byte went out (no socket, say): there is nothing to send.
                        say("\(Self.label(exchange.method, exchange.target, job: exchange.isJob)) not replayed: nothing was sent when it was recorded\n")
                        continue
                    }
                    if exchange.isJob {
                        guard let job = jobs.removeValue(forKey: exchange.number) else { continue }
                        guard let outcome = waitFor(job, until: streamLimit(exchange, timeout: request.streamTimeoutSeconds)) else {
                            interrupted = true
                            sink.diagnostic("interrupted (Ctrl-C): the replay stops at exchange \(exchange.number)")
                            return
                        }
                        report(exchange, replayed: outcome.record, failure: outcome.failure, rules: rules, ids: &ids, tally: &tally, cutShort: false)
                        continue
                    }
                    let sent = ids.apply(request: exchange.sentBytes)
                    var renderer: any ExchangeRenderer = BodyRenderer()
                    let outcome = runner.run(
                        EncodedRequest(method: exchange.method, bytes: sent), target: ids.apply(exchange.target), number: exchange.number,
                        renderer: &renderer, streamNanoseconds: streamLimit(exchange, timeout: request.streamTimeoutSeconds)
                    ) { $0.removeAll() }
                    if outcome.interrupted && InterruptSignal.isPending {
                        InterruptSignal.take()
                        interrupted = true
                        sink.diagnostic("interrupted (Ctrl-C): the replay stops at exchange \(exchange.number)")
                        return
                    }
                    // Ended by its time limit (the recorded duration or --stream-timeout): compared as far as it got.
                    report(exchange, replayed: outcome.record, failure: outcome.failure?.message, rules: rules, ids: &ids, tally: &tally, cutShort: outcome.interrupted)
                }
            }
        }
        // Background exchanges still running when the replay stops (Ctrl-C, a bad line) are ended.
        defer { for case .running(let exchange) in jobs.values { _ = exchange.stopAndJoin() } }
        do {
            for line in scannedLines where !interrupted { handle(try reader.add(line)) }
            while !interrupted, let line = lines.next() { handle(try reader.add(line)) }
            if !interrupted { handle(try reader.finish()) }
        } catch {
            sink.diagnostic("\(request.path):\(error.line): \(error.message)")
            lastFailureWasUnreadable = true
            return false
        }
        let seconds = Measure.duration(Posix.monotonicNanoseconds() - started)
        let summary = "replay: \(tally.steps) step\(tally.steps == 1 ? "" : "s"): \(tally.same) same, \(tally.differ) differ\(tally.differ == 1 ? "s" : ""), \(tally.failed) failed (\(seconds))"
        say(summary + "\n")
        if tally.steps == 0 && !interrupted { sink.diagnostic("\(request.path) holds no exchanges to replay") }
        return tally.differ == 0 && tally.failed == 0 && !interrupted && tally.steps > 0
    }

    private func isStream(_ exchange: RecordedExchange) -> Bool {
        exchange.end?.outcome != .complete
    }

    /// A stream that was stopped when recorded replays as long as it ran then, or the timeout.
    private func streamLimit(_ exchange: RecordedExchange, timeout: Double?) -> UInt64? {
        let cap = timeout.map(Self.nanoseconds)
        guard isStream(exchange) else { return cap }
        return min(exchange.durationNanoseconds, cap ?? .max)
    }

    private func startJob(_ exchange: RecordedExchange, ids: IdRemapping, streamTimeout: Double?) -> ReplayJob {
        let request = EncodedRequest(method: exchange.method, bytes: ids.apply(request: exchange.sentBytes))
        let target = ids.apply(exchange.target)
        // How long it ran is known only at its end line; until then only --stream-timeout bounds it.
        let limit = streamTimeout.map(Self.nanoseconds)
        let number = exchange.number
        let started = BackgroundExchange.start(endpoint: endpoint, timeoutSeconds: timeoutSeconds, lenient: lenient) { runner, headArrived in
            var renderer: any ExchangeRenderer = BodyRenderer()
            return runner.run(request, target: target, number: number, renderer: &renderer, onEvents: { events in
                if BackgroundExchange.announcesHead(events) { headArrived() }
            }, streamNanoseconds: limit) { $0.removeAll() }
        }
        guard let started else { return .refused(ExchangeRecord(number: number, endpoint: endpoint, method: exchange.method, target: target)) }
        return .running(started)
    }

    /// Seconds as nanoseconds, at most a year: a timeout no replay reaches, and no overflow.
    static func nanoseconds(_ seconds: Double) -> UInt64 {
        UInt64(min(max(seconds, 0), 366 * 24 * 3600) * 1_000_000_000)
    }

    /// Lets the job run until `limit` after it started (nil: until it ends), then stops it; nil
    /// when Ctrl-C ended the wait (the job is stopped too). Sleeps until one of those happens.
    private func waitFor(_ job: ReplayJob, until limit: UInt64?) -> (record: ExchangeRecord, failure: String?)? {
        guard case .running(let exchange) = job else {
            if case .refused(let record) = job { return (record, "the system refused a thread for this background exchange") }
            return nil
        }
        var deadline = limit.flatMap { limit in
            let (deadline, overflow) = exchange.startedNanoseconds.addingReportingOverflow(limit)
            return overflow ? nil : deadline
        }
        var interrupt = InterruptSignal.descriptor
        while true {
            switch exchange.waitForEnd(until: deadline, interruptDescriptor: interrupt) {
            case .arrived:
                let outcome = exchange.stopAndJoin()
                return (outcome.record, outcome.failure?.message)
            case .interrupted where InterruptSignal.isPending:
                InterruptSignal.take()
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

    /// `cutShort`: the replay ended a stream at its time limit, so it is compared as a stream.
    private func report(_ exchange: RecordedExchange, replayed: ExchangeRecord, failure: String?, rules: ReplayRules, ids: inout IdRemapping, tally: inout Tally, cutShort: Bool) {
        let isStream = isStream(exchange) || cutShort
        let label = Self.label(exchange.method, ids.apply(exchange.target), job: exchange.isJob)
        let recorded = ResponseSnapshot(method: exchange.method, received: exchange.runs.filter { $0.direction == .received }.map { $0.bytes[...] }, lenient: lenient)
        let now = ResponseSnapshot(method: exchange.method, received: replayed.runs.filter { $0.direction == .received }.map { $0.bytes[...] }, lenient: lenient)
        if let failure, now.status == nil {
            tally.failed += 1
            say("\(label) failed: \(failure)\n")
            return
        }
        // Parsed once: the ids learned and the comparison read the same values.
        let bodies = ReplayComparison.wholeJSONBodies(recorded: recorded, replayed: now, isStream: isStream)
        // Ids come from whole answers only (a create's, an inspect's), never from a stream's lines,
        // whose order other clients' activity can change.
        if let bodies { ids.learnFromAnswer(recorded: bodies.recorded, replayed: bodies.replayed) }
        let differences = ReplayComparison.differences(
            recorded: recorded, replayed: now, wholeJSONBodies: bodies, rules: rules, ids: ids, isStream: isStream)
        if differences.isEmpty {
            tally.same += 1
            say("\(label) same\n")
        } else {
            tally.differ += 1
            var text = "\(label) differs\n"
            for difference in differences.prefix(ReplayComparison.shownDifferences) { text += "      \(difference)\n" }
            if differences.count > ReplayComparison.shownDifferences { text += "      … and \(differences.count - ReplayComparison.shownDifferences) more\n" }
            say(text)
        }
    }

    /// `  3 POST /containers/4f2…/start` padded so the verdicts line up.
    static func label(_ method: String, _ target: String, job: Bool) -> String {
        let short = shortenedIds(target)
        var shown = short.count > 56 ? String(short.prefix(55)) + "…" : short
        if job { shown += " &" }
        let text = "  \(method) \(shown)"
        return text.count < 64 ? text + String(repeating: " ", count: 64 - text.count) : text + " "
    }

    /// Full 64-digit ids cut to Docker's 12-digit short form, as `docker ps` shows them.
    static func shortenedIds(_ text: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            out += run.count == 64 ? String(run.prefix(12)) : run
            run = ""
        }
        for character in text {
            if character.isHexDigit && (character.isNumber || character.isLowercase) { run.append(character) } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out
    }

    /// Lines looked through for the recorded version at most: its first answers carry it.
    static let versionScanLines = 5_000

    /// The Api-Version and Server the recording's first answers carried (from its first lines),
    /// and the lines read to find them, for the replay to go on with.
    static func recordedVersion(in lines: inout TranscriptFile.Lines) -> (version: (api: String?, server: String?), lines: [TranscriptLine]) {
        var api: String?
        var server: String?
        var scanned: [TranscriptLine] = []
        while scanned.count < versionScanLines, api == nil || server == nil, let line = lines.next() {
            scanned.append(line)
            let lower = line.text.lowercased()
            if api == nil, lower.hasPrefix("#< api-version: ") { api = headerValue(line.text) }
            if server == nil, lower.hasPrefix("#< server: ") { server = headerValue(line.text) }
        }
        return ((api, server), scanned)
    }

    private static func headerValue(_ line: Substring) -> String {
        var value = line.drop { $0 != ":" }.dropFirst().drop { $0 == " " }
        if value.hasSuffix("\\r\\n") { value = value.dropLast(4) }
        return String(value)
    }

    /// Says first when the daemon's API version differs from the recording's.
    private func versionNote(recorded: (api: String?, server: String?), runner: ExchangeRunner) -> String? {
        guard let recordedAPI = recorded.api else { return nil }
        var renderer: any ExchangeRenderer = BodyRenderer()
        let ping = RequestEncoder(userAgent: SockshellVersion.userAgent).encode(method: "GET", target: "/_ping", sessionHeaders: [], requestHeaders: [], body: nil)
        let outcome = runner.run(ping, target: "/_ping", number: 0, renderer: &renderer) { $0.removeAll() }
        guard let head = outcome.head else { return nil }
        let currentAPI = head.value(of: "Api-Version")
        let currentServer = head.value(of: "Server")
        guard currentAPI != recordedAPI else { return nil }
        let then = "API \(recordedAPI)\(recorded.server.map { " (\($0))" } ?? "")"
        let now = currentAPI.map { "API \($0)\(currentServer.map { " (\($0))" } ?? "")" } ?? "a daemon that sends no Api-Version"
        return "version differs: recorded against \(then), replaying against \(now); differences below may come from the version"
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
