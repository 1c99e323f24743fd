/// The text of a recording, piece by piece, in the order things happen: the caller appends each
/// piece to the file the moment it is known, so a killed session leaves everything before it.
public enum TranscriptWriter {
    /// The opening lines of a new recording.
    public static func header(version: String, endpoint: String, startedAt: String) -> String {
        """
        \(TranscriptFormat.magic)
        # made by sockshell \(version) against \(endpoint), \(startedAt)
        # Run it as a script (sockshell FILE) to send the commands again, replay it (sockshell replay FILE)
        # to send the recorded bytes and compare the answers, or serve it (sockshell serve FILE).

        """
    }

    /// A command as typed (several lines for a JSON body continued over lines).
    public static func command(_ text: String) -> String {
        text.hasSuffix("\n") ? text : text + "\n"
    }

    public static func exchangeStart(
        number: Int, method: String, target: String, job: Bool, startedAt: String?, endpoint: String?,
        tapped: TappedClient? = nil
    ) -> String {
        // The target is one word on this line: spaces and controls (a curl URL may hold them) are
        // percent-encoded, as they were on the wire.
        var shownTarget = PercentEncoding.encode(target, keeping: .visibleASCII)
        if shownTarget.isEmpty { shownTarget = "/" }
        var line = "\(TranscriptFormat.exchangeStart)\(number) \(method.isEmpty ? "?" : method) \(shownTarget)"
        if job { line += " job" }
        if let startedAt { line += " at=\(startedAt)" }
        if let tapped {
            // One word each: the client label's spaces are percent-encoded.
            line += " conn=\(tapped.connection) client=\(PercentEncoding.encode(tapped.client, keeping: .visibleASCII))"
        }
        if let endpoint { line += " on=\(endpoint)" }
        return line + "\n"
    }

    public static func run(
        number: Int, direction: ExchangeRecord.Direction, offsetNanoseconds: UInt64, bytes: ArraySlice<UInt8>
    ) -> String {
        let marker = direction == .sent ? TranscriptFormat.sentLine : TranscriptFormat.receivedLine
        var text = "\(TranscriptFormat.runStart)\(number) \(seconds(offsetNanoseconds))\n"
        for line in TranscriptEscaping.lines(for: bytes) {
            text += marker
            text += line
            text += "\n"
        }
        return text
    }

    public static func exchangeEnd(number: Int, summary: ExchangeSummary, droppedBytes: Int = 0) -> String {
        let outcome: String
        switch summary.outcome {
        case .complete: outcome = "complete"
        case .interrupted: outcome = "interrupted"
        case .failed: outcome = "failed"
        }
        var line = "\(TranscriptFormat.exchangeEnd)\(number) \(outcome) \(seconds(summary.totalNanoseconds))"
        if droppedBytes > 0 { line += " dropped=\(droppedBytes)" }
        return line + " · " + summary.line + "\n"
    }

    /// Seconds with microseconds, `12.000340`: fixed digits so columns line up.
    static func seconds(_ nanoseconds: UInt64) -> String {
        let micros = nanoseconds / 1000
        let fraction = String(micros % 1_000_000)
        return "\(micros / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
    }
}
