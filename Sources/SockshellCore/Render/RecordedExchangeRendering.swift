/// Renders an exchange after the fact from its recorded bytes, in any view: `show N`, and
/// `replay --show`. The bytes are parsed again, exactly as when they arrived.
public enum RecordedExchangeRendering {
    /// `totalNanoseconds`: how long the exchange took, when known (a recording's end line).
    public static func render(
        _ record: ExchangeRecord, options: RenderOptions, remark: String? = nil, totalNanoseconds: UInt64? = nil
    ) -> [UInt8] {
        var renderer = ExchangeRendering.renderer(for: options, requestTarget: record.target)
        var out: [UInt8] = []
        if let remark { renderer.remark(remark, into: &out) }
        renderer.request(record.sentBytes, into: &out)
        var parser = HTTPMessageReader(requestMethod: record.method, lenient: record.lenient)
        var head: ResponseHead?
        var bodyBytes = 0
        var failed = false
        var answering = false
        for run in record.runs where !failed {
            guard run.direction == .received else {
                // A live session's typed input, shown where it was typed.
                if answering { renderer.request(run.bytes, into: &out) }
                continue
            }
            answering = true
            do {
                let events = try parser.feed(run.bytes)
                for event in events {
                    if case .head(let parsed, _, _) = event { head = parsed }
                    if case .body(let bytes) = event { bodyBytes += bytes.count }
                }
                renderer.response(events, into: &out)
            } catch {
                renderer.unparsed(run.bytes, into: &out)
                failed = true
            }
        }
        if let tolerated = parser.toleratedViolations.lenientRemark { renderer.remark(tolerated, into: &out) }
        let last = record.runs.last?.offsetNanoseconds ?? 0
        let firstByte = record.runs.first { $0.direction == .received }?.offsetNanoseconds
        var summary =
            record.summary
            ?? ExchangeSummary(
                status: head?.status, reason: head?.reason ?? "", bodyBytes: bodyBytes,
                totalNanoseconds: totalNanoseconds ?? last,
                firstByteNanoseconds: firstByte, outcome: parser.isComplete ? .complete : .interrupted)
        summary.number = summary.number ?? record.number
        renderer.finish(summary, into: &out)
        if let note = record.droppedNote { renderer.remark(note, into: &out) }
        return out
    }
}
