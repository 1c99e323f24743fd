/// One exchange as it crossed the socket: the ordered byte runs written and read, each with its
/// time, kept up to a bounded window so an endless stream cannot use up memory.
public struct ExchangeRecord: Sendable {
    public enum Direction: Sendable, Equatable {
        case sent
        case received
    }

    public struct Run: Sendable, Equatable {
        public var direction: Direction
        /// Nanoseconds since the exchange started.
        public var offsetNanoseconds: UInt64
        public var bytes: [UInt8]

        public init(direction: Direction, offsetNanoseconds: UInt64, bytes: [UInt8]) {
            self.direction = direction
            self.offsetNanoseconds = offsetNanoseconds
            self.bytes = bytes
        }
    }

    /// Bytes kept per exchange. Enough for any ordinary request and response; a stream keeps its
    /// first megabyte and counts the rest.
    public static let windowBytes = 1024 * 1024

    /// Exchanges are numbered from 1 in the session.
    public var number: Int
    public var endpoint: Endpoint
    public var method: String
    public var target: String
    public private(set) var runs: [Run] = []
    public private(set) var keptBytes = 0
    /// Bytes that crossed the socket but fell outside the window.
    public private(set) var droppedBytes = 0
    public var summary: ExchangeSummary?
    /// Parsed with `--lenient` (bare LF accepted): parsed again the same way when shown later.
    public var lenient = false

    public init(number: Int, endpoint: Endpoint, method: String, target: String) {
        self.number = number
        self.endpoint = endpoint
        self.method = method
        self.target = target
    }

    public mutating func append(_ direction: Direction, at offsetNanoseconds: UInt64, bytes: ArraySlice<UInt8>) {
        let room = Self.windowBytes - keptBytes
        let kept = bytes.prefix(max(room, 0))
        droppedBytes += bytes.count - kept.count
        guard !kept.isEmpty else { return }
        keptBytes += kept.count
        if let last = runs.last, last.direction == direction, last.offsetNanoseconds == offsetNanoseconds {
            runs[runs.count - 1].bytes.append(contentsOf: kept)
        } else {
            runs.append(Run(direction: direction, offsetNanoseconds: offsetNanoseconds, bytes: Array(kept)))
        }
    }

    /// A note for the user when bytes were dropped, nil otherwise.
    public var droppedNote: String? {
        droppedBytes == 0
            ? nil
            : """
            the record of exchange \(number) keeps its first \(Measure.bytes(Self.windowBytes)); \
            \(Measure.bytes(droppedBytes)) more crossed the socket but were not kept
            """
    }
}

extension ExchangeRecord {
    /// The request bytes as written (within the window).
    /// The request: what was sent before the first answer byte (a live session's typed input,
    /// sent after the head, is not part of it).
    public var sentBytes: [UInt8] {
        runs.prefix { $0.direction == .sent }.flatMap(\.bytes)
    }

    /// The decoded response body, re-parsed from the recorded bytes (the wire is the source of
    /// truth); stops at the first bytes that do not parse.
    public var responseBody: [UInt8] {
        var parser = HTTPMessageReader(requestMethod: method, lenient: lenient)
        var body: [UInt8] = []
        for run in runs where run.direction == .received {
            guard let events = try? parser.feed(run.bytes) else { break }
            for case .body(let bytes) in events { body += bytes }
        }
        return body
    }
}
