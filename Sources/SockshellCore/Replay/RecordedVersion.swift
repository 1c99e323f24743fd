/// The Api-Version and Server a recording's first answers carried, looked for in its first lines,
/// and the note replay says first when the daemon's differ; and the endpoint its header says it
/// was made on (`unix:…`, `tcp:…`, `tcp:… (tls)`, `ssh://…`), which replay names beside its own:
/// a recording replays against any kind of endpoint, since only the bytes of HTTP are kept.
public struct RecordedVersion: Sendable, Equatable {
    /// Lines looked through at most: the first answers carry the version.
    public static let scannedLines = 5_000

    public private(set) var api: String?
    public private(set) var server: String?
    public private(set) var endpoint: String?
    private var linesSeen = 0

    public init() {}

    /// True while more lines may tell more: both found, or `scannedLines` seen, ends the search.
    public var wantsMore: Bool { linesSeen < Self.scannedLines && (api == nil || server == nil) }

    public mutating func add(_ line: TranscriptLine) {
        linesSeen += 1
        let lower = line.text.lowercased()
        if api == nil, lower.hasPrefix("#< api-version: ") { api = Self.headerValue(line.text) }
        if server == nil, lower.hasPrefix("#< server: ") { server = Self.headerValue(line.text) }
        if endpoint == nil, line.text.hasPrefix(Self.headerStart), let against = line.text.firstRange(of: " against "),
            let date = line.text.ranges(of: ", ").last, against.upperBound < date.lowerBound
        {
            endpoint = String(line.text[against.upperBound..<date.lowerBound])
        }
    }

    /// Looks in a recorded answer's head, for exchanges not read from a recording's lines (HAR).
    public mutating func add(answer bytes: [UInt8], method: String) {
        guard wantsMore else { return }
        linesSeen += 1
        var reader = HTTPMessageReader(requestMethod: method)
        guard let events = try? reader.feed(bytes) else { return }
        for case .head(let head, _, _) in events {
            if api == nil { api = head.value(of: "Api-Version") }
            if server == nil { server = head.value(of: "Server") }
        }
    }

    /// How `TranscriptWriter.header` starts its second line, `# made by sockshell 0.1.0 against ENDPOINT, DATE`.
    static let headerStart = "# made by sockshell "

    /// Replay's first line: what is replayed, where it was recorded when that was elsewhere, and where to.
    public func replayLine(path: String, currentEndpoint: String) -> String {
        let recorded = endpoint.flatMap { $0 == currentEndpoint ? nil : " (recorded on \($0))" } ?? ""
        return "replay \(path)\(recorded) against \(currentEndpoint)"
    }

    private static func headerValue(_ line: Substring) -> String {
        var value = line.drop { $0 != ":" }.dropFirst().drop { $0 == " " }
        if value.hasSuffix("\\r\\n") { value = value.dropLast(4) }
        return String(value)
    }

    /// Says first when the daemon's API version (`currentAPI`, from its `_ping`) differs from the
    /// recording's; nil when they match or the recording names none.
    public func note(currentAPI: String?, currentServer: String?) -> String? {
        guard let api, currentAPI != api else { return nil }
        let then = "API \(api)\(server.map { " (\($0))" } ?? "")"
        let now =
            currentAPI.map { "API \($0)\(currentServer.map { " (\($0))" } ?? "")" }
            ?? "a daemon that sends no Api-Version"
        return
            """
            version differs: recorded against \(then), replaying against \(now); differences below may come from the \
            version
            """
    }
}
