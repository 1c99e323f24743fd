/// `--view json`: one JSON object per exchange on its own line, for jq and other tools.
/// Bodies are text when they are UTF-8, else base64; each side keeps at most `bodyLimit` bytes
/// and says when it cut (memory stays bounded on a stream).
public struct JSONLinesRenderer: ExchangeRenderer {
    public static let bodyLimit = 1024 * 1024

    private var requestBytes: [UInt8] = []
    private var head: ResponseHead?
    private var body: [UInt8] = []
    private var bodyTruncated = false
    private var connection: ConnectionNote?
    /// On a terminal DEL and the C1 controls, which JSON may carry as they are, are written as
    /// `\u` escapes too: the same JSON value, and nothing a terminal acts on.
    private let escapesControlBytes: Bool

    public init(options: RenderOptions = RenderOptions()) {
        escapesControlBytes = options.escapesControlBytes
    }

    public mutating func connection(_ note: ConnectionNote, into out: inout [UInt8]) { connection = note }
    public mutating func remark(_ text: String, into out: inout [UInt8]) {}
    public mutating func request(_ bytes: [UInt8], into out: inout [UInt8]) { requestBytes = bytes }
    public mutating func unparsed(_ bytes: [UInt8], into out: inout [UInt8]) {}

    public mutating func response(_ events: [MessageEvent], into out: inout [UInt8]) {
        for event in events {
            switch event {
            case .head(let parsed, _, _): head = parsed
            case .body(let bytes): keep(bytes)
            case .tunnel(let bytes): keep(bytes[...])
            default: break
            }
        }
    }

    private mutating func keep(_ bytes: ArraySlice<UInt8>) {
        let room = Self.bodyLimit - body.count
        if bytes.count > room { bodyTruncated = true }
        body.append(contentsOf: bytes.prefix(max(room, 0)))
    }

    public mutating func finish(_ summary: ExchangeSummary, into out: inout [UInt8]) {
        let split = Self.splitRequest(requestBytes)
        var fields: [String] = []
        fields.append(
            """
            \"request\":{\"line\":\(Self.quote(split.line)),\"headers\":\(Self.headers(split.headers)),\
            \(Self.bodyFields(split.body, truncated: false))}
            """
        )
        if let head {
            fields.append(
                """
                \"response\":{\"status\":\(head.status),\"reason\":\(Self.quote(head.reason)),\
                \"version\":\(Self.quote(head.version)),\"headers\":\(Self.headers(head.headers)),\
                \(Self.bodyFields(body[...], truncated: bodyTruncated))}
                """
            )
        } else {
            fields.append("\"response\":null")
        }
        if let connection {
            fields.append(
                """
                \"connection\":{\"number\":\(connection.number),\"reused\":\(connection.reused),\
                \"endpoint\":\(Self.quote(connection.endpoint.url))}
                """
            )
        }
        fields.append(
            """
            \"timing\":{\"totalMs\":\(Self.milliseconds(summary.totalNanoseconds)),\
            \"firstByteMs\":\(summary.firstByteNanoseconds.map(Self.milliseconds) ?? "null")}
            """
        )
        switch summary.outcome {
        case .complete: fields.append("\"outcome\":\"complete\"")
        case .interrupted: fields.append("\"outcome\":\"interrupted\"")
        case .failed(let why): fields.append("\"outcome\":\(Self.quote("failed: " + why))")
        }
        let line = "{" + fields.joined(separator: ",") + "}\n"
        out.append(contentsOf: Array((escapesControlBytes ? Self.escapingControls(line) : line).utf8))
    }

    /// Every C0 control is already a `\u` escape inside a string and the structure is ASCII, so
    /// a DEL or C1 scalar can only stand inside a string, where `\u00XX` means the same.
    static func escapingControls(_ line: String) -> String {
        guard line.unicodeScalars.contains(where: { (0x7F...0x9F).contains($0.value) }) else { return line }
        var out = ""
        for scalar in line.unicodeScalars {
            if (0x7F...0x9F).contains(scalar.value) {
                out += "\\u00"
                Hex.append(UInt8(scalar.value), to: &out)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The request line, headers and body of a request as sent, by the forgiving split of
    /// `MessageHead`; without a blank line the body is the unfinished line, if any.
    static func splitRequest(_ bytes: [UInt8]) -> (
        line: String, headers: HTTPFields, body: ArraySlice<UInt8>, head: MessageHead
    ) {
        let head = MessageHead.split(bytes)
        let lines = head.lines.filter { $0.upperBound <= head.linesEnd }.map { MessageHead.text(bytes, $0) }
        let headers = lines.dropFirst().compactMap { line -> HeaderField? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return HeaderField(
                name: String(line[..<colon]), value: line[line.index(after: colon)...].trimmingWhitespace())
        }
        return (lines.first ?? "", HTTPFields(headers), bytes[(head.bodyStart ?? head.linesEnd)...], head)
    }

    static func bodyFields(_ body: ArraySlice<UInt8>, truncated: Bool) -> String {
        let cut = truncated ? ",\"bodyTruncated\":true" : ""
        if let text = String(validating: body, as: UTF8.self) {
            return "\"body\":\(quote(text))\(cut)"
        }
        return "\"bodyBase64\":\"\(Base64.encode(body))\"\(cut)"
    }

    static func headers(_ fields: HTTPFields) -> String {
        "[" + fields.map { "[\(quote($0.name)),\(quote($0.value))]" }.joined(separator: ",") + "]"
    }

    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let micro = nanoseconds / 1000
        let fraction = micro % 1000
        return "\(micro / 1000).\(fraction < 10 ? "00" : fraction < 100 ? "0" : "")\(fraction)"
    }

    static func quote(_ text: String) -> String {
        JSONStringEscaping.quoted(text)
    }
}
