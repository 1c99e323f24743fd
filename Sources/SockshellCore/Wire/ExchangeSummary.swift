/// The facts of a finished exchange, for the summary line.
public struct ExchangeSummary: Sendable, Equatable {
    /// How the exchange ended.
    public enum Ending: Sendable, Equatable {
        case complete
        /// Ctrl-C (SIGINT) ended it.
        case interrupted
        /// The exchange failed; the reason is a short phrase ("server closed the connection").
        case failed(String)
    }

    /// The final status, if a head arrived.
    public var status: Int?
    public var reason: String
    /// Decoded body bytes received.
    public var bodyBytes: Int
    /// Nanoseconds from the first write to the end.
    public var totalNanoseconds: UInt64
    /// Nanoseconds from the first write to the first byte read, if any arrived.
    public var firstByteNanoseconds: UInt64?
    public var outcome: Ending
    /// The session's number for the exchange (the one `show N`, `export curl N` and recordings
    /// use), shown at the head of the views' summary line; nil where there is none (a tap's view).
    public var number: Int?

    public init(
        status: Int?, reason: String, bodyBytes: Int, totalNanoseconds: UInt64, firstByteNanoseconds: UInt64?,
        outcome: Ending, number: Int? = nil
    ) {
        self.number = number
        self.status = status
        self.reason = reason
        self.bodyBytes = bodyBytes
        self.totalNanoseconds = totalNanoseconds
        self.firstByteNanoseconds = firstByteNanoseconds
        self.outcome = outcome
    }

    /// `201 Created`, or `no response · server closed the connection`: the status and how it
    /// ended, without sizes and times (`jobs` gives its own byte count and age beside it).
    public var endingPhrase: String {
        var parts = [status.map { reason.isEmpty ? "\($0)" : "\($0) \(reason)" } ?? "no response"]
        switch outcome {
        case .complete: break
        case .interrupted: parts.append("interrupted")
        case .failed(let why): parts.append(why)
        }
        return parts.joined(separator: " · ")
    }

    /// `201 Created · 88 B · 2.9 ms (first byte 2.7 ms)`, plus how it ended when not complete.
    /// Without the number: a recording's end line and `jobs` give it their own way.
    public var line: String {
        ([statusText] + details).joined(separator: " · ")
    }

    /// `201 Created`, or `no response`.
    var statusText: String {
        guard let status else { return "no response" }
        return reason.isEmpty ? "\(status)" : "\(status) \(reason)"
    }

    /// Whether the summary reports a failure: an error status (4xx, 5xx) or no response at all.
    var isError: Bool {
        guard let status else { return true }
        return status >= 400
    }

    /// What follows the status: the size, the timing, how it ended when not complete.
    var details: [String] {
        var parts: [String] = []
        parts.append(Measure.bytes(bodyBytes))
        var timing = Measure.duration(totalNanoseconds)
        if let firstByteNanoseconds { timing += " (first byte \(Measure.duration(firstByteNanoseconds)))" }
        parts.append(timing)
        switch outcome {
        case .complete: break
        case .interrupted: parts.append("interrupted")
        case .failed(let why): parts.append(why)
        }
        return parts
    }
}
