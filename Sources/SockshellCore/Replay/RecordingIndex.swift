/// The recorded answers `sockshell serve` gives, found by a request's method and target.
///
/// A request matches recorded exchanges with the same method and, first, the same target; if
/// none has it, the same path whatever the query. A `/v1.NN` version prefix is optional on both
/// sides, so a client asking `/v1.43/containers/json` gets what `/containers/json` answered. Among
/// the matches the first one not yet used answers; once all are used, the last answers again, so a
/// client polling `/containers/json` sees the recorded sequence and then its final state.
///
/// Only the answers are kept (the received runs), never the requests' bytes.
public struct RecordingIndex: Sendable {
    /// One recorded answer.
    public struct Entry: Sendable, Equatable {
        /// The exchange's number in the recording.
        public var number: Int
        /// The line of its `#=` line in the recording.
        public var line: Int
        public var method: String
        public var target: String
        /// Every received run, with offsets counted from the first one.
        public var runs: [ExchangeRecord.Run]
        /// Close the connection after the last run: the exchange was cut short (a stream the user
        /// stopped, a session killed mid-answer), or its response does not allow another request.
        public var closesConnection: Bool
        /// Where its `#=` line starts in the recording, when the answer is left on disk (`runs`
        /// is then empty and read back for each request, so memory does not grow with the file).
        public var fileOffset: Int?

        public var responseBytes: Int { runs.reduce(0) { $0 + $1.bytes.count } }
    }

    /// What is kept per recorded exchange: a few numbers, so a long recording served from disk
    /// costs little memory (method and target are shared by every exchange that has them).
    private struct Stored {
        var number: Int32
        var line: Int32
        var request: Int32
        var closesConnection: Bool
        var fileOffset: Int
        /// Index into `answers` when the answer is held in memory, else -1.
        var answer: Int32
    }

    private var stored: [Stored] = []
    /// Answers held in memory (an index built from exchanges rather than a file).
    private var answers: [[ExchangeRecord.Run]] = []
    /// Distinct (method, target) pairs, and their positions in `requests`.
    private var requests: [(method: String, target: String)] = []
    private var requestNumbers: [String: Int32] = [:]
    /// Exchange numbers left out because no answer was recorded for them (a connection refused).
    public private(set) var unanswered: [Int] = []
    private var used: [Bool] = []
    /// `METHOD path` (version prefix and query removed) to positions, in exchange order.
    private var byPath: [String: [Int32]] = [:]
    /// `METHOD path?query` to positions, in exchange order.
    private var byTarget: [String: [Int32]] = [:]
    /// Per list, the first position that may still be unused: each match starts there, so a long
    /// recording of one request is served in constant time per request.
    private var cursors: [String: Int] = [:]

    public init() {}

    public init(_ exchanges: some Sequence<RecordedExchange>) {
        for exchange in exchanges { add(exchange) }
    }

    public var count: Int { stored.count }
    public var isEmpty: Bool { stored.isEmpty }

    /// Adds a recorded exchange; a background one may arrive after later exchanges (its answer
    /// ends later in the file) and still takes its place by number. With `fileOffset` (where its
    /// `#=` line starts) the answer stays on disk and `runs` of its entry is empty.
    public mutating func add(_ exchange: RecordedExchange, fileOffset: Int? = nil) {
        let runs = exchange.runs.filter { $0.direction == .received }
        guard let first = runs.first else {
            unanswered.append(exchange.number)
            return
        }
        let keepsOpen =
            exchange.end?.outcome == .complete && Self.responseAllowsKeepAlive(runs, method: exchange.method)
        var answer: Int32 = -1
        if fileOffset == nil {
            answers.append(
                runs.map {
                    ExchangeRecord.Run(
                        direction: .received, offsetNanoseconds: $0.offsetNanoseconds &- first.offsetNanoseconds,
                        bytes: $0.bytes)
                })
            answer = Int32(answers.count - 1)
        }
        let requestKey = exchange.method + " " + exchange.target
        let request: Int32
        if let known = requestNumbers[requestKey] {
            request = known
        } else {
            requests.append((exchange.method, exchange.target))
            request = Int32(requests.count - 1)
            requestNumbers[requestKey] = request
        }
        stored.append(
            Stored(
                number: Int32(clamping: exchange.number), line: Int32(clamping: exchange.line), request: request,
                closesConnection: !keepsOpen, fileOffset: fileOffset ?? -1, answer: answer))
        used.append(false)
        let position = Int32(stored.count - 1)
        let normalized = Self.normalized(exchange.target)
        let pathKey = Self.key(method: exchange.method, path: normalized.path)
        byPath[pathKey] = inserted(position, into: byPath[pathKey, default: []], key: pathKey)
        let targetKey = pathKey + normalized.query
        byTarget[targetKey] = inserted(position, into: byTarget[targetKey, default: []], key: targetKey)
    }

    /// The list with the position in exchange order; most exchanges arrive in order, so the end
    /// is checked first.
    private mutating func inserted(_ position: Int32, into list: [Int32], key: String) -> [Int32] {
        var list = list
        let number = stored[Int(position)].number
        if let last = list.last, stored[Int(last)].number > number {
            let at = list.firstIndex { stored[Int($0)].number > number } ?? list.endIndex
            list.insert(position, at: at)
            cursors[key] = 0
        } else {
            list.append(position)
        }
        return list
    }

    /// The answer for a request, marked used; nil when the recording has none for it.
    public mutating func match(method: String, target: String) -> Entry? {
        let wanted = Self.normalized(target)
        let pathKey = Self.key(method: method, path: wanted.path)
        let targetKey = pathKey + wanted.query
        let (key, list): (String, [Int32])
        if let exact = byTarget[targetKey] {
            (key, list) = (targetKey, exact)
        } else if let bucket = byPath[pathKey] {
            (key, list) = (pathKey, bucket)
        } else {
            return nil
        }
        var cursor = cursors[key, default: 0]
        while cursor < list.count, used[Int(list[cursor])] { cursor += 1 }
        cursors[key] = cursor
        guard let chosen = cursor < list.count ? list[cursor] : list.last else { return nil }
        used[Int(chosen)] = true
        return entry(at: Int(chosen))
    }

    private func entry(at position: Int) -> Entry {
        let kept = stored[position]
        let request = requests[Int(kept.request)]
        return Entry(
            number: Int(kept.number), line: Int(kept.line), method: request.method, target: request.target,
            runs: kept.answer >= 0 ? answers[Int(kept.answer)] : [], closesConnection: kept.closesConnection,
            fileOffset: kept.fileOffset >= 0 ? kept.fileOffset : nil)
    }

    // MARK: matching rules

    /// A target as compared: the path without a `/v1.NN` prefix, and the query (with its `?`, or
    /// empty). An absolute-form target (`http://docker/_ping`) is reduced to its path first.
    static func normalized(_ target: String) -> (path: Substring, query: Substring) {
        var rest = Substring(target)
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        for scheme in ["http://", "https://"] where rest.lowercased().hasPrefix(scheme) {
            let authority = rest.dropFirst(scheme.count)
            rest = authority.firstIndex { $0 == "/" || $0 == "?" }.map { authority[$0...] } ?? ""
        }
        let queryStart = rest.firstIndex(of: "?") ?? rest.endIndex
        var path = rest[..<queryStart]
        let query = rest[queryStart...]
        path = withoutVersion(path)
        return (path.isEmpty ? "/" : path, query)
    }

    /// `/v1.41/containers/json` → `/containers/json`; anything else unchanged.
    static func withoutVersion(_ path: Substring) -> Substring {
        let bytes = Array(path.utf8)
        guard bytes.count >= 5, bytes[0] == UInt8(ascii: "/"), bytes[1] == UInt8(ascii: "v") else { return path }
        var index = 2
        let majorStart = index
        while index < bytes.count, ParserByte.decimalValue(bytes[index]) != nil { index += 1 }
        guard index > majorStart, index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return path }
        index += 1
        let minorStart = index
        while index < bytes.count, ParserByte.decimalValue(bytes[index]) != nil { index += 1 }
        guard index > minorStart else { return path }
        if index == bytes.count { return "/" }
        guard bytes[index] == UInt8(ascii: "/") else { return path }
        return path.utf8.dropFirst(index).isEmpty ? "/" : Substring(path.utf8.dropFirst(index))
    }

    private static func key(method: String, path: Substring) -> String {
        "\(method) \(path)"
    }

    /// Whether the recorded response, re-parsed from its bytes, lets the connection carry another
    /// request: a complete response with keep-alive (HTTP/1.1 without `Connection: close`).
    static func responseAllowsKeepAlive(_ runs: [ExchangeRecord.Run], method: String) -> Bool {
        var parser = HTTPMessageReader(requestMethod: method)
        var events: [MessageEvent] = []
        do {
            for run in runs { events += try parser.feed(run.bytes) }
            if !parser.isComplete { events += try parser.finish() }
        } catch {
            return false
        }
        if events.contains(where: { if case .extra = $0 { return true } else { return false } }) { return false }
        for case .end(let keepAlive) in events { return keepAlive }
        return false
    }
}
