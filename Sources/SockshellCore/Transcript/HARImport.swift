/// HAR 1.2 in: a HAR document (as browsers' "Save all as HAR", Insomnia, HTTP Toolkit and `export har`
/// write it) read as recorded exchanges, so `replay`, `replay --show` and `serve` take it as a recording.
///
/// HAR keeps fields, not bytes: what it cannot say (the exact bytes and header order on the wire,
/// chunk boundaries, timing within a body, HTTP/1.1 framing of an HTTP/2 exchange) is rebuilt by
/// `HARMessageBytes`, and every change beyond writing the fields out is named in the entry's notes.
public enum HARImport {
    /// What every view of a HAR file says once: its bytes are sockshell's.
    public static let reconstructedNote = "reconstructed from HAR: bytes and chunking are sockshell's, not the wire's"

    /// Whether a file is HAR rather than a sockshell recording: its name ends in `.har`, or its
    /// first byte (after a byte-order mark and white space) opens a JSON object, which no recording
    /// starts with (their first line is `# sockshell recording 1`).
    public static func isHAR(path: String, start: some Collection<UInt8>) -> Bool {
        if path.lowercased().hasSuffix(".har") { return true }
        let first = withoutByteOrderMark(Array(start.prefix(sniffedBytes))).first { !isJSONWhitespace($0) }
        return first == UInt8(ascii: "{")
    }

    /// Bytes looked at to tell HAR from a recording: a byte-order mark and some white space.
    public static let sniffedBytes = 512

    /// The exchanges of a HAR document, numbered from 1 in `log.entries` order.
    public static func recording(_ bytes: some Collection<UInt8>) throws(HARImportError) -> HARRecording {
        let document: JSONValue
        do throws(JSONParseError) {
            document = try JSONValue.parse(withoutByteOrderMark(Array(bytes)))
        } catch {
            throw HARImportError(entry: nil, "is not JSON (\(error.problem) at byte \(error.offset)), so it is not HAR")
        }
        guard document.objectMembers != nil, let log = document["log"], log.objectMembers != nil else {
            throw HARImportError(
                entry: nil,
                "is JSON but not HAR: HAR is an object with a \"log\" object (as {\"log\":{\"entries\":[]}})")
        }
        guard let entries = log["entries"]?.arrayValue else {
            throw HARImportError(entry: nil, "is not HAR: its \"log\" has no \"entries\" array")
        }
        var recording = HARRecording(
            creator: log["creator"].flatMap { creator in
                creator["name"]?.stringValue.map { name in
                    creator["version"]?.stringValue.map { "\(name) \($0)" } ?? name
                }
            })
        for (index, entry) in entries.enumerated() {
            let converted = try exchange(entry, index: index)
            recording.exchanges.append(converted.exchange)
            recording.notes.append(converted.notes)
        }
        return recording
    }

    /// One entry as an exchange: the request written at the start, the answer after `send` and
    /// `wait` (connecting, when timed, comes before the request), and its end after `time`.
    static func exchange(_ entry: JSONValue, index: Int) throws(HARImportError) -> (
        exchange: RecordedExchange, notes: [String]
    ) {
        let fields = HARFields(entry: index)
        guard entry.objectMembers != nil else { throw fields.failure("is not an object") }
        guard let request = entry["request"], request.objectMembers != nil else {
            throw fields.failure("has no \"request\" object")
        }
        guard let response = entry["response"], response.objectMembers != nil else {
            throw fields.failure("has no \"response\" object")
        }
        let method = try fields.string(request, "method", in: "request")
        guard HTTPToken.isToken(method) else {
            throw fields.failure("has request.method \"\(method)\", which is not an HTTP method")
        }
        let url = try fields.string(request, "url", in: "request")
        guard let target = HARMessageBytes.target(of: url) else {
            throw fields.failure("has request.url \"\(url)\", which has no path (expected http://host/path or /path)")
        }
        guard let status = response["status"]?.intValue, (0...999).contains(status) else {
            throw fields.failure("has no response.status (a number such as 200)")
        }
        let message = HARMessage(
            method: method, target: target, url: url,
            requestVersion: request["httpVersion"]?.stringValue ?? "",
            requestHeaders: try fields.headers(request, in: "request"),
            requestBody: try fields.postData(request),
            status: status, statusText: response["statusText"]?.stringValue ?? "",
            responseVersion: response["httpVersion"]?.stringValue ?? "",
            responseHeaders: try fields.headers(response, in: "response"),
            responseBody: try fields.content(response))
        let bytes = try HARMessageBytes.rebuild(message, failure: fields.failure)

        let timing = HARTiming(entry)
        var exchange = RecordedExchange(
            number: index + 1, method: method, target: target, isJob: false,
            startedAt: entry["startedDateTime"]?.stringValue, endpoint: nil, command: nil, line: 0)
        exchange.runs = [ExchangeRecord.Run(direction: .sent, offsetNanoseconds: timing.sent, bytes: bytes.request)]
        // Status 0 is how browsers and `export har` write a request that got no answer.
        if let answer = bytes.response {
            exchange.runs.append(
                ExchangeRecord.Run(direction: .received, offsetNanoseconds: timing.received, bytes: answer))
        }
        exchange.end = RecordedExchange.End(
            outcome: bytes.response == nil ? .failed : .complete, totalNanoseconds: timing.total, droppedBytes: 0)
        return (exchange, bytes.notes)
    }

    private static func withoutByteOrderMark(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

/// A HAR file read as exchanges, with what was rebuilt in each.
public struct HARRecording: Sendable, Equatable {
    /// The tool that wrote it (`log.creator`), e.g. `Firefox 120.0`.
    public var creator: String?
    public var exchanges: [RecordedExchange] = []
    /// Per exchange, in the same order: what was changed beyond writing its fields out as bytes.
    public var notes: [[String]] = []

    public init(creator: String?) {
        self.creator = creator
    }

    /// The notes of exchange `number` (numbered from 1).
    public func notes(of number: Int) -> [String] {
        notes.indices.contains(number - 1) ? notes[number - 1] : []
    }
}

/// Why a HAR file cannot be read: which entry (its index in `log.entries`), and what is missing.
public struct HARImportError: Error, Sendable, Equatable {
    /// The index in `log.entries`, nil for the document as a whole.
    public var entry: Int?
    /// A sentence fragment that follows the file's (or entry's) name.
    public var problem: String

    public init(entry: Int?, _ problem: String) {
        self.entry = entry
        self.problem = problem
    }

    /// The one sentence a user sees: `FILE: entry 3 (log.entries[2]) has no request.url`.
    public func message(file: String) -> String {
        guard let entry else { return "\(file) \(problem)" }
        return "\(file): entry \(entry + 1) (log.entries[\(entry)]) \(problem)"
    }
}

/// Reads the fields of one entry, each failure naming the entry and the field.
private struct HARFields {
    var entry: Int

    func failure(_ problem: String) -> HARImportError {
        HARImportError(entry: entry, problem)
    }

    func string(_ object: JSONValue, _ key: String, in part: String) throws(HARImportError) -> String {
        guard let text = object[key]?.stringValue else { throw failure("has no \(part).\(key) (a string)") }
        return text
    }

    /// `headers` is required by HAR 1.2 but some tools leave it out when there are none.
    func headers(_ object: JSONValue, in part: String) throws(HARImportError) -> HTTPFields {
        guard let list = object["headers"] else { return [] }
        guard let elements = list.arrayValue else { throw failure("has \(part).headers that is not an array") }
        var fields = HTTPFields()
        for (position, element) in elements.enumerated() {
            guard let name = element["name"]?.stringValue, let value = element["value"]?.stringValue else {
                throw failure("has \(part).headers[\(position)] without a string name and value")
            }
            fields.append(HeaderField(name: name, value: value))
        }
        return fields
    }

    /// The request body: `postData.text`, or its `params` form-encoded when there is no text.
    /// `encoding: base64` is not HAR 1.2 for postData, but tools that keep binary bodies write it so.
    func postData(_ request: JSONValue) throws(HARImportError) -> [UInt8] {
        guard let postData = request["postData"], !postData.isNull else { return [] }
        if let text = postData["text"]?.stringValue {
            return try decoded(text, encoding: postData["encoding"]?.stringValue, field: "request.postData.text")
        }
        let params = postData["params"]?.arrayValue ?? []
        // HTML form encoding (application/x-www-form-urlencoded), as a browser wrote the body.
        func encoded(_ text: String?) -> [UInt8] {
            PercentEncoding.encode((text ?? "").utf8, keeping: .unreserved, spaceAsPlus: true)
        }
        let pairs = params.map {
            encoded($0["name"]?.stringValue) + Array("=".utf8) + encoded($0["value"]?.stringValue)
        }
        return Array(pairs.joined(separator: Array("&".utf8)))
    }

    /// The response body as the client saw it: `content.text`, decoded from base64 when it says so.
    func content(_ response: JSONValue) throws(HARImportError) -> [UInt8] {
        guard let content = response["content"], let text = content["text"]?.stringValue else { return [] }
        return try decoded(text, encoding: content["encoding"]?.stringValue, field: "response.content.text")
    }

    private func decoded(_ text: String, encoding: String?, field: String) throws(HARImportError) -> [UInt8] {
        switch encoding?.lowercased() {
        case nil, "": return Array(text.utf8)
        case "base64":
            guard let bytes = Base64.decode(text.utf8.filter { $0 != 0x0A && $0 != 0x0D }) else {
                throw failure("has \(field) marked base64 that is not valid base64")
            }
            return bytes
        case let other?:
            throw failure("has \(field) in encoding \"\(other)\"; only base64 (or none) can be read")
        }
    }
}

/// An entry's timings on the exchange's clock: the request goes out after any connecting
/// (`blocked`, `dns`, `connect`), the answer arrives after `send` and `wait`, and the exchange ends
/// at `time`. HAR has no timing within a body, so the whole answer arrives at once.
private struct HARTiming {
    var sent: UInt64
    var received: UInt64
    var total: UInt64

    init(_ entry: JSONValue) {
        let timings = entry["timings"]
        func phase(_ name: String) -> UInt64 { Self.nanoseconds(timings?[name]?.doubleValue) }
        let time = Self.nanoseconds(entry["time"]?.doubleValue)
        sent = phase("blocked") &+ phase("dns") &+ phase("connect")
        if timings?["wait"]?.doubleValue != nil {
            received = sent &+ phase("send") &+ phase("wait")
        } else {
            // Without timings the answer is taken to arrive as the exchange ends.
            received = max(sent, time)
        }
        total = max(received, time)
    }

    /// HAR's milliseconds (-1: not known) as nanoseconds, at most a year, as a recording's timings.
    static func nanoseconds(_ milliseconds: Double?) -> UInt64 {
        guard let milliseconds, milliseconds > 0, milliseconds.isFinite else { return 0 }
        let limit = Double(TranscriptReader.maxSeconds) * 1000
        return UInt64((min(milliseconds, limit) * 1_000_000).rounded())
    }
}
