/// One exchange read back from a recording: every byte run with its time, as it crossed the socket.
public struct RecordedExchange: Sendable, Equatable {
    /// How the exchange ended, as its `#-` line says.
    public enum Ending: String, Sendable, Equatable {
        case complete
        case interrupted
        case failed
    }

    public struct End: Sendable, Equatable {
        public var outcome: Ending
        public var totalNanoseconds: UInt64
        /// Bytes the session saw but did not keep (older recordings' windows).
        public var droppedBytes: Int
    }

    public var number: Int
    public var method: String
    public var target: String
    /// It ran in the background (`GET /events &`), alongside the exchanges after it.
    public var isJob: Bool
    public var startedAt: String?
    public var endpoint: String?
    /// The command as typed above it, if the recording has one.
    public var command: String?
    /// The line of its `#=` line, for messages; 0 when it was read from HAR, which has no lines.
    public var line: Int
    /// For an exchange a tap saw another client make: the tapped connection's number and the client.
    public var tapped: TappedClient?
    public var runs: [ExchangeRecord.Run] = []
    /// Nil when the recording stops before the exchange ended (a killed session).
    public var end: End?

    /// The request: the last run written. A request goes out in one write, and one sent again on
    /// a new connection (the kept-alive one had closed) is written a second time.
    /// A tapped client's request arrives in as many runs as it was read in (a head, then its body
    /// in pieces), so there it is every sent run.
    /// A live session's typed input comes after the answer began: not part of the request.
    public var sentBytes: [UInt8] {
        if tapped != nil { return runs.filter { $0.direction == .sent }.flatMap(\.bytes) }
        return runs.prefix { $0.direction == .sent }.last?.bytes ?? []
    }

    /// What a live session typed after the answer began, each with how many bytes of the stream
    /// (after the response head) had come before it: `replay` types it again once as much has.
    public var liveInput: [(streamBytesBefore: Int, bytes: [UInt8])] {
        guard tapped == nil, let first = runs.firstIndex(where: { $0.direction == .received }) else { return [] }
        let headBytes = MessageHead.split(receivedBytes).bodyStart ?? 0
        var received = 0
        var input: [(streamBytesBefore: Int, bytes: [UInt8])] = []
        for run in runs[first...] {
            if run.direction == .received {
                received += run.bytes.count
            } else {
                input.append((max(received - headBytes, 0), run.bytes))
            }
        }
        return input
    }
    public var receivedBytes: [UInt8] { runs.filter { $0.direction == .received }.flatMap(\.bytes) }

    /// How long it lasted: its end, or its last byte when it was cut short.
    public var durationNanoseconds: UInt64 { end?.totalNanoseconds ?? runs.last?.offsetNanoseconds ?? 0 }

    /// As an ExchangeRecord, for the renderers and exporters that take one.
    public func record(endpoint: Endpoint) -> ExchangeRecord {
        var record = ExchangeRecord(number: number, endpoint: endpoint, method: method, target: target)
        for run in runs { record.append(run.direction, at: run.offsetNanoseconds, bytes: run.bytes[...]) }
        return record
    }
}

/// What reading a recording yields, in file order.
public enum TranscriptItem: Sendable, Equatable {
    /// A command line as typed (one per line; a JSON body over several lines gives several).
    case command(String, line: Int)
    /// A background exchange's request is complete; its answer comes later in the file.
    case jobStarted(RecordedExchange)
    /// An exchange is complete (or the file ended inside it).
    case exchange(RecordedExchange)
}

/// A recording that cannot be read, with the line and what was expected there.
public struct TranscriptError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// Which tapped connection an exchange travelled on and who opened it (`conn=` and `client=` on its
/// `#=` line).
public struct TappedClient: Sendable, Equatable {
    public var connection: Int
    /// The client process, e.g. `docker (pid 4242, uid 0)`.
    public var client: String

    public init(connection: Int, client: String) {
        self.connection = connection
        self.client = client
    }
}
