/// `replay FILE` without the sockets: the recording's items go in, one at a time, and what to do
/// comes out (send this request, start that background exchange, say this line); what the daemon
/// answered comes back in (`report`), and the machine compares it, learns ids from it and keeps
/// the tally. `SessionReplayer` (SockshellIO) runs its actions.
public struct ReplayStateMachine: Sendable {
    /// What the executor does next.
    public enum Action: Sendable, Equatable {
        /// Send `request` in the foreground and `report` the answer; a stream ends after
        /// `streamLimit` nanoseconds (the recorded duration or --stream-timeout).
        case send(RecordedExchange, request: EncodedRequest, target: String, streamLimit: UInt64?)
        /// Start a background exchange and go on once its response head has arrived (or it ended),
        /// as the shell did when it was recorded. Until its end line only --stream-timeout
        /// (`streamLimit`) bounds it.
        case startJob(RecordedExchange, request: EncodedRequest, target: String, streamLimit: UInt64?)
        /// A background exchange's end line: let it run until `limit` after it started (nil: until
        /// it ends), then stop it and `report` what it got.
        case finishJob(RecordedExchange, limit: UInt64?)
        /// A line of the report.
        case say(String)
    }

    /// The verdicts so far.
    public struct Tally: Sendable, Equatable {
        public var same = 0
        public var differ = 0
        public var failed = 0
        public var steps: Int { same + differ + failed }
    }

    private let rules: ReplayRules
    private let streamTimeoutSeconds: Double?
    private let lenient: Bool
    private var ids = IdRemapping()
    public private(set) var tally = Tally()

    /// `lenient`: recorded and replayed answers may use bare LF.
    public init(_ request: ReplayRequest, lenient: Bool) {
        rules = ReplayRules(extra: request.ignore)
        streamTimeoutSeconds = request.streamTimeoutSeconds
        self.lenient = lenient
    }

    /// Why the request's `--ignore` rules cannot be used, if one cannot.
    public static func problem(with request: ReplayRequest) -> String? {
        for rule in request.ignore {
            if let problem = ReplayRules.validate(rule) { return problem }
        }
        return nil
    }

    /// What to do for the next item read from the recording.
    public func action(for item: TranscriptItem) -> Action? {
        switch item {
        case .command:
            return nil
        case .jobStarted(let exchange):
            guard !exchange.sentBytes.isEmpty else { return nil }
            // How long it ran is known only at its end line; until then only --stream-timeout bounds it.
            return .startJob(
                exchange,
                request: EncodedRequest(method: exchange.method, bytes: ids.apply(request: exchange.sentBytes)),
                target: ids.apply(exchange.target), streamLimit: streamTimeoutSeconds.map(Self.nanoseconds))
        case .exchange(let exchange):
            if exchange.sentBytes.isEmpty {
                // It failed before a byte went out (no socket, say): there is nothing to send.
                return .say(
                    """
                    \(Self.label(exchange.method, exchange.target, job: exchange.isJob)) not replayed: nothing was \
                    sent when it was recorded\n
                    """
                )
            }
            if exchange.isJob { return .finishJob(exchange, limit: streamLimit(exchange)) }
            return .send(
                exchange,
                request: EncodedRequest(method: exchange.method, bytes: ids.apply(request: exchange.sentBytes)),
                target: ids.apply(exchange.target), streamLimit: streamLimit(exchange))
        }
    }

    /// Compares what the replay got with the recording, learns ids from whole answers and counts
    /// the verdict; returns the lines to say. `cutShort`: the replay ended a stream at its time
    /// limit, so it is compared as a stream.
    public mutating func report(
        _ exchange: RecordedExchange, replayed: ExchangeRecord, failure: String?, cutShort: Bool
    ) -> String {
        let isStream = Self.isStream(exchange) || cutShort
        let label = Self.label(exchange.method, ids.apply(exchange.target), job: exchange.isJob)
        let recorded = ResponseSnapshot(
            method: exchange.method, received: exchange.runs.filter { $0.direction == .received }.map { $0.bytes[...] },
            lenient: lenient)
        let now = ResponseSnapshot(
            method: exchange.method, received: replayed.runs.filter { $0.direction == .received }.map { $0.bytes[...] },
            lenient: lenient)
        if let failure, now.status == nil {
            tally.failed += 1
            return "\(label) failed: \(failure)\n"
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
            return "\(label) same\n"
        }
        tally.differ += 1
        var text = "\(label) differs\n"
        for difference in differences.prefix(ReplayComparison.shownDifferences) { text += "      \(difference)\n" }
        if differences.count > ReplayComparison.shownDifferences {
            text += "      … and \(differences.count - ReplayComparison.shownDifferences) more\n"
        }
        return text
    }

    /// The closing line, the diagnostic when nothing was replayed, and whether the replay passed.
    public func closing(name: String, duration: String, interrupted: Bool) -> (
        line: String, diagnostic: String?, passed: Bool
    ) {
        let line =
            """
            replay: \(tally.steps) step\(tally.steps == 1 ? "" : "s"): \(tally.same) same, \(tally.differ) \
            differ\(tally.differ == 1 ? "s" : ""), \(tally.failed) failed (\(duration))\n
            """
        let diagnostic = tally.steps == 0 && !interrupted ? "\(name) holds no exchanges to replay" : nil
        return (line, diagnostic, tally.differ == 0 && tally.failed == 0 && !interrupted && tally.steps > 0)
    }

    /// The diagnostic for Ctrl-C during exchange `number`.
    public static func interruptedNote(at number: Int) -> String {
        "interrupted (Ctrl-C): the replay stops at exchange \(number)"
    }

    /// An exchange that did not end complete when recorded: a stream the user stopped, or cut short.
    static func isStream(_ exchange: RecordedExchange) -> Bool {
        exchange.end?.outcome != .complete
    }

    /// A stream that was stopped when recorded replays as long as it ran then, or the timeout.
    private func streamLimit(_ exchange: RecordedExchange) -> UInt64? {
        let cap = streamTimeoutSeconds.map(Self.nanoseconds)
        guard Self.isStream(exchange) else { return cap }
        return min(exchange.durationNanoseconds, cap ?? .max)
    }

    /// Seconds as nanoseconds, at most a year: a timeout no replay reaches, and no overflow.
    public static func nanoseconds(_ seconds: Double) -> UInt64 {
        UInt64(min(max(seconds, 0), 366 * 24 * 3600) * 1_000_000_000)
    }

    /// `  3 POST /containers/4f2…/start` padded so the verdicts line up.
    static func label(_ method: String, _ target: String, job: Bool) -> String {
        let short = ShortIDs.shortened(target)
        var shown = short.count > 56 ? String(short.prefix(55)) + "…" : short
        if job { shown += " &" }
        let text = "  \(method) \(shown)"
        return text.count < 64 ? text + String(repeating: " ", count: 64 - text.count) : text + " "
    }
}
