/// How exchanges are shown.
public enum ViewMode: String, Sendable, Equatable, CaseIterable {
    /// Both directions byte-exactly, with visible line endings and framing annotated.
    case wire
    /// Status, headers and indented JSON; streams one compact line per event.
    case pretty
    /// Only the decoded response body, for pipes.
    case body
    /// A hex dump of both directions.
    case hex
    /// One JSON object per exchange, for jq and other tools.
    case json
}
