/// Reads a recording line by line, so a long one is never held whole: each exchange is handed on
/// as soon as its last line is read.
public struct TranscriptReader: Sendable {
    private var lineNumber = 0
    private var open: [Int: RecordedExchange] = [:]
    /// Background exchanges whose request is not yet reported as started.
    private var jobsAwaitingStart: Set<Int> = []
    /// The run that `#>`/`#<` lines add to: which exchange, and which way once its first line is read.
    private var currentRun: (number: Int, direction: ExchangeRecord.Direction?)?
    /// Consecutive command lines just read, for the exchange they start.
    private var pendingCommand: [String] = []
    /// Exchange numbers already used, so a hand-edited repeat is caught.
    private var highestClosed = 0

    public init() {}

    /// Reads one line of text (the line number counts from the first line added).
    public mutating func add(line rawLine: Substring) throws(TranscriptError) -> [TranscriptItem] {
        try add(TranscriptLine(text: rawLine, offset: 0))
    }

    /// Reads the next line, as `TranscriptLines` cut it.
    public mutating func add(_ transcriptLine: TranscriptLine) throws(TranscriptError) -> [TranscriptItem] {
        lineNumber += 1
        let line = transcriptLine.content
        if lineNumber == 1 {
            try checkMagic(line)
            return []
        }
        var items: [TranscriptItem] = []

        let kind = transcriptLine.kind
        let rest = transcriptLine.afterMarker
        if kind == .sent || kind == .received {
            let direction: ExchangeRecord.Direction = kind == .sent ? .sent : .received
            let utf8 = line.utf8
            guard utf8.count > 3, utf8[utf8.index(utf8.startIndex, offsetBy: 2)] == 0x20 else {
                throw fail("expected '#\(direction == .sent ? ">" : "<") ' (with a space) and then the bytes, escaped")
            }
            guard let run = currentRun, var exchange = open[run.number] else {
                throw fail(
                    """
                    wire bytes with no #@ line above them to say which exchange they belong to (each run of bytes \
                    starts with '#@ N SECONDS')
                    """
                )
            }
            if let established = run.direction, established != direction {
                throw fail(
                    """
                    a run mixes written (#>) and read (#<) lines: start a new run with a '#@ \(run.number) SECONDS' line
                    """
                )
            }
            let bytes: [UInt8]
            do {
                bytes = try TranscriptEscaping.decode(rest)
            } catch {
                throw fail(error.message)
            }
            var items: [TranscriptItem] = []
            if run.direction == nil {
                // A tapped client's request is written in as many runs as it was read in: it has been
                // sent whole once its answer begins.
                if direction == .received, exchange.tapped != nil, jobsAwaitingStart.remove(run.number) != nil {
                    var sent = exchange
                    sent.runs.removeLast()
                    items.append(.jobStarted(sent))
                }
                exchange.runs[exchange.runs.count - 1].direction = direction
                currentRun = (run.number, direction)
            }
            exchange.runs[exchange.runs.count - 1].bytes += bytes
            open[run.number] = exchange
            return items
        }

        // Any other line ends the run being read; a job whose request was that run has started.
        if let run = currentRun, jobsAwaitingStart.contains(run.number), let exchange = open[run.number],
            run.direction == .sent, exchange.tapped == nil
        {
            jobsAwaitingStart.remove(run.number)
            items.append(.jobStarted(exchange))
        }
        currentRun = nil

        switch kind {
        case .exchangeStart:
            let exchange = try parseStart(rest)
            open[exchange.number] = exchange
            if exchange.isJob { jobsAwaitingStart.insert(exchange.number) }
        case .runStart:
            let fields = rest.split(separator: " ")
            guard fields.count == 2, let number = Int(fields[0]), let offset = Self.nanoseconds(fields[1]) else {
                throw fail(
                    "expected '#@ N SECONDS' (an exchange number and the seconds since it began, as in #@ 1 0.002710)")
            }
            guard var exchange = open[number] else {
                throw fail("#@ names exchange \(number), which has no open '#= \(number) ...' line above it")
            }
            exchange.runs.append(ExchangeRecord.Run(direction: .sent, offsetNanoseconds: offset, bytes: []))
            open[number] = exchange
            currentRun = (number, nil)
        case .exchangeEnd:
            let summary = rest.split(separator: "·", maxSplits: 1).first ?? ""
            let fields = summary.split(separator: " ")
            guard fields.count >= 3, let number = Int(fields[0]),
                let outcome = RecordedExchange.Ending(rawValue: String(fields[1])),
                let total = Self.nanoseconds(fields[2])
            else {
                throw fail("expected '#. N complete|interrupted|failed SECONDS' to close an exchange")
            }
            var dropped = 0
            for field in fields.dropFirst(3) where field.hasPrefix("dropped=") {
                dropped = Int(field.dropFirst(8)) ?? 0
            }
            guard var exchange = open.removeValue(forKey: number) else {
                throw fail("#. closes exchange \(number), which has no open '#= \(number) ...' line above it")
            }
            if jobsAwaitingStart.remove(number) != nil { items.append(.jobStarted(exchange)) }
            exchange.end = RecordedExchange.End(outcome: outcome, totalNanoseconds: total, droppedBytes: dropped)
            highestClosed = max(highestClosed, number)
            items.append(.exchange(exchange))
        case .sent, .received, .comment:
            break
        case .blank:
            pendingCommand = []
        case .command:
            // A line continues the command above only while that one is an unclosed JSON body.
            if !pendingCommand.isEmpty,
                case .complete? = try? CommandParser.parse(pendingCommand.joined(separator: "\n"))
            {
                pendingCommand = []
            }
            pendingCommand.append(String(line))
            items.append(.command(String(line), line: lineNumber))
        }
        return items
    }

    /// The file ended: exchanges still open were cut short (a session killed mid-stream) and are
    /// handed on as they are, with every byte recorded before the end.
    public mutating func finish() throws(TranscriptError) -> [TranscriptItem] {
        if lineNumber == 0 {
            throw TranscriptError(
                line: 1,
                "the file is empty: a recording starts with '\(TranscriptFormat.magic)' (record FILE makes one)")
        }
        var items: [TranscriptItem] = []
        for number in open.keys.sorted() {
            guard let exchange = open[number] else { continue }
            if jobsAwaitingStart.contains(number) { items.append(.jobStarted(exchange)) }
            items.append(.exchange(exchange))
        }
        open = [:]
        jobsAwaitingStart = []
        return items
    }

    /// Reads a whole recording held in memory (tests, small files).
    public static func read(_ text: String) throws(TranscriptError) -> [TranscriptItem] {
        var reader = TranscriptReader()
        var items: [TranscriptItem] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for line in lines { items += try reader.add(line: line) }
        return items + (try reader.finish())
    }

    private func checkMagic(_ line: Substring) throws(TranscriptError) {
        if line == TranscriptFormat.magic { return }
        let prefix = "# sockshell recording "
        if line.hasPrefix(prefix) {
            throw fail(
                """
                this recording's format is '\(line.dropFirst(prefix.count))', and this sockshell reads format 1: use \
                a newer sockshell
                """
            )
        }
        // Files that start with JSON are read as HAR; only a pipe, which cannot be read twice, reaches here.
        if line.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }).hasPrefix("{") {
            throw fail("this looks like HAR (JSON), which is read from a file, not a pipe: save it to a file first")
        }
        throw fail(
            "not a sockshell recording: the first line should be '\(TranscriptFormat.magic)' (record FILE makes one)")
    }

    private mutating func parseStart(_ text: Substring) throws(TranscriptError) -> RecordedExchange {
        // The endpoint comes last and may hold spaces; everything before it is single words.
        var head = text
        var endpoint: String?
        if let marker = Self.firstIndex(of: " on=", in: text) {
            endpoint = String(text[text.index(marker, offsetBy: 4)...])
            head = text[..<marker]
        }
        let fields = head.split(separator: " ")
        guard fields.count >= 3, let number = Int(fields[0]), number > 0 else {
            throw fail("expected '#= N METHOD TARGET' to open an exchange, as in #= 1 GET /_ping")
        }
        guard open[number] == nil, number > highestClosed else {
            throw fail("exchange \(number) is opened a second time: each #= line needs a new, higher number")
        }
        var exchange = RecordedExchange(
            number: number, method: String(fields[1]), target: String(fields[2]), isJob: false, startedAt: nil,
            endpoint: endpoint, command: pendingCommand.isEmpty ? nil : pendingCommand.joined(separator: "\n"),
            line: lineNumber)
        for field in fields.dropFirst(3) {
            if field == "job" {
                exchange.isJob = true
            } else if field.hasPrefix("at=") {
                exchange.startedAt = String(field.dropFirst(3))
            } else if field.hasPrefix("conn="), let connection = Int(field.dropFirst(5)) {
                exchange.tapped = TappedClient(connection: connection, client: exchange.tapped?.client ?? "")
            } else if field.hasPrefix("client=") {
                let client = String(decoding: PercentEncoding.decode(field.dropFirst(7).utf8), as: UTF8.self)
                exchange.tapped = TappedClient(connection: exchange.tapped?.connection ?? 0, client: client)
            } else {
                throw fail(
                    """
                    unknown field '\(field)' on the #= line (expected job, at=TIME, conn=N, client=NAME or \
                    on=ENDPOINT)
                    """
                )
            }
        }
        pendingCommand = []
        return exchange
    }

    private static func firstIndex(of needle: String, in text: Substring) -> Substring.Index? {
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix(needle) { return index }
            index = text.index(after: index)
        }
        return nil
    }

    private func fail(_ message: String) -> TranscriptError {
        TranscriptError(line: lineNumber, message)
    }

    /// The longest timing a recording may state: a year.
    static let maxSeconds: UInt64 = 366 * 24 * 3600

    /// `0.002710` seconds as nanoseconds.
    public static func nanoseconds(_ text: Substring) -> UInt64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        // More than a year is not a recorded timing; the limit also keeps the arithmetic in range.
        guard parts.count <= 2, let whole = UInt64(parts[0]), whole <= maxSeconds else { return nil }
        var nanos = whole * 1_000_000_000
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 9, let fraction = UInt64(digits) else { return nil }
            var scale: UInt64 = 1
            for _ in 0..<(9 - digits.count) { scale *= 10 }
            nanos += fraction * scale
        }
        return nanos
    }
}
