import SockshellCore

/// The exchanges a session has made: their numbers, the last few records (for `show`, `export`,
/// `edit` and HAR), and the last outcome that `$status`, `$body`, `let` and `expect` read.
final class ExchangeHistory {
    private(set) var records: [ExchangeRecord] = []
    /// The last exchange's outcome, for later commands (captures, prompts).
    private(set) var lastOutcome: FinishedExchange? {
        didSet { lastBodyCache = nil }
    }
    private var lastBodyCache: String?
    /// Wall-clock start of each exchange kept in `records`, for HAR.
    private var startTimes: [Int: String] = [:]
    /// The number the last exchange (foreground or job) was given.
    private(set) var exchangeCount = 0

    /// Exchange records kept in memory: each holds at most ExchangeRecord.windowBytes.
    static let recordsKept = 64

    /// The number for an exchange about to start.
    func nextNumber() -> Int {
        exchangeCount += 1
        return exchangeCount
    }

    /// Keeps a finished foreground exchange, started at `startTime` (wall clock, for HAR).
    func keep(_ outcome: FinishedExchange, startTime: String) {
        remember(outcome.record, startTime: startTime)
        lastOutcome = outcome
    }

    /// Keeps background jobs' ended exchanges, for `show N` and `export`; `$status` and `let`
    /// still read the foreground's last one. In number order, as they started.
    func keepJobs(_ ended: [(record: ExchangeRecord, startTime: String)]) {
        for job in ended { remember(job.record, startTime: job.startTime) }
    }

    private func remember(_ record: ExchangeRecord, startTime: String) {
        startTimes[record.number] = startTime
        let index = records.lastIndex { $0.number < record.number }.map { $0 + 1 } ?? 0
        records.insert(record, at: index)
        if records.count > Self.recordsKept {
            for dropped in records.prefix(records.count - Self.recordsKept) { startTimes[dropped.number] = nil }
            records.removeFirst(records.count - Self.recordsKept)
        }
    }

    /// The decoded body of the last exchange, from its record: parsed once, then kept, since
    /// `let`, `expect` and `$body` may each ask for it.
    func lastBodyText() -> String? {
        guard let record = lastOutcome?.record else { return nil }
        if let cached = lastBodyCache { return cached }
        let text = String(decoding: record.responseBody, as: UTF8.self)
        lastBodyCache = text
        return text
    }

    /// `show N [VIEW]`: exchange N as recorded, in the session's view or the one named.
    func show(_ wanted: Int?, view: ViewMode?, output: SessionOutput) -> CommandResult {
        let number = wanted ?? records.last?.number ?? 0
        guard let record = records.first(where: { $0.number == number }) else {
            return .failed(
                records.isEmpty
                    ? "there is no exchange to show yet: send a request first"
                    : """
                    there is no exchange \(number) in this session's last \(Self.recordsKept) (they are \
                    \(records.first?.number ?? 0) to \(records.last?.number ?? 0))
                    """
            )
        }
        var showOptions = output.options
        if let view { showOptions.view = view }
        output.write(
            RecordedExchangeRendering.render(
                record, options: showOptions,
                remark: showOptions.view == .body || showOptions.view == .json ? nil : "exchange \(number) as recorded")
        )
        return .proceed
    }

    /// `export curl [N]` and `export http [N]`: the exchange's request as a curl command or an
    /// .http block (the last one when N is not given).
    func export(_ format: ExportFormat, number: Int?, output: SessionOutput) -> CommandResult {
        let record: ExchangeRecord?
        if let number { record = records.first { $0.number == number } } else { record = records.last }
        guard let record else {
            return .failed(
                number.map {
                    """
                    there is no exchange \($0) in this session's last \(Self.recordsKept): export curl alone takes \
                    the last one
                    """
                } ?? "there is no request to export yet: send one first")
        }
        let sent = record.sentBytes
        let text =
            format == .curl
            ? CurlExport.command(for: sent, endpoint: record.endpoint) : CurlExport.httpFileBlock(for: sent)
        output.say(text.hasSuffix("\n") ? text : text + "\n")
        return .proceed
    }

    /// The kept exchanges as a HAR document, credentials masked as in a recording; nil when
    /// there are none.
    func harDocument() -> String? {
        guard !records.isEmpty else { return nil }
        let masked = records.map(ExchangeMasking.masked)
        return HARExport.document(
            masked, startedDateTimes: masked.map { startTimes[$0.number] ?? WallClock.iso8601() },
            creatorVersion: SockshellVersion.current)
    }

    /// What `export har` adds when older exchanges were already dropped.
    func harRangeNote() -> String {
        guard let first = records.first, first.number > 1 else { return "" }
        return
            """
             (exchanges \(first.number) to \(records.last?.number ?? first.number): the session keeps its last \
            \(Self.recordsKept))
            """
    }
}
