/// HAR 1.2 (HTTP Archive) export of recorded exchanges, for browser dev tools and HAR viewers.
///
/// Every entry is a function of the record alone: the request is read from the bytes written,
/// the response is re-parsed from the bytes read, and the timings come from the runs' offsets
/// (the wire is the source of truth). Nothing is taken from what the shell meant to send.
public enum HARExport {
    /// The `startedDateTime` of an entry the caller gave no time for; HAR requires one.
    static let unknownDateTime = "1970-01-01T00:00:00.000Z"

    /// A HAR 1.2 document (JSON text, pretty-printed with 2-space indent, ending in "\n") for these exchanges.
    /// `startedDateTimes[i]` is the ISO 8601 UTC wall-clock time (e.g. "2026-11-30T04:40:00.123Z") exchange i started;
    /// the caller supplies it since the core has no clock.
    /// A record with no time given gets `1970-01-01T00:00:00.000Z`.
    public static func document(_ records: [ExchangeRecord], startedDateTimes: [String], creatorVersion: String)
        -> String
    {
        let entries = records.indices.map { index in
            entry(
                records[index],
                startedDateTime: startedDateTimes.indices.contains(index) ? startedDateTimes[index] : unknownDateTime)
        }
        let log = object([
            ("version", .string("1.2")),
            ("creator", object([("name", .string("sockshell")), ("version", .string(creatorVersion))])),
            ("entries", .array(entries)),
        ])
        let compact = JSONQuery.render(object([("log", log)]))
        // The formatter only refuses text that is not JSON, which `render` never writes.
        let indented = JSONFormatter.format(Array(compact.utf8)[...]).map { String(decoding: $0, as: UTF8.self) }
        return (indented ?? compact) + "\n"
    }

    /// One `log.entries` element.
    static func entry(_ record: ExchangeRecord, startedDateTime: String) -> JSONValue {
        let request = SentRequest(record)
        let response = ReceivedResponse(record, requestMethod: request.method)
        let timings = EntryTimings(record)

        var comments = [record.endpoint.url]
        if let note = record.droppedNote { comments.append(note) }
        if let note = request.afterMessageNote { comments.append(note) }

        return object([
            ("startedDateTime", .string(startedDateTime)),
            ("time", milliseconds(timings.totalMicroseconds)),
            ("request", requestObject(request)),
            ("response", responseObject(response, outcome: record.summary?.outcome)),
            ("cache", object([])),
            ("timings", timingsObject(timings)),
            ("comment", .string(comments.joined(separator: "; "))),
        ])
    }

    private static func requestObject(_ request: SentRequest) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("method", .string(request.method)),
            ("url", .string(request.url)),
            ("httpVersion", .string(request.version)),
            ("cookies", .array([])),
            ("headers", headersArray(request.headers)),
            ("queryString", .array(TargetComponents(request.target).query.map { nameValue($0.name, $0.value) })),
        ]
        if request.bodySize > 0 {
            var postData: [(String, JSONValue)] = [
                ("mimeType", .string(request.value(of: "Content-Type") ?? ""))
            ]
            // HAR 1.2 postData has no base64 encoding: text is the only place for the body.
            if let text = String(validating: request.body, as: UTF8.self) {
                postData.append(("text", .string(text)))
            } else {
                postData.append(("text", .string(String(decoding: request.body, as: UTF8.self))))
                postData.append(
                    (
                        "comment",
                        .string(
                            """
                            the body is not valid UTF-8; bytes that are not were replaced with U+FFFD, since HAR 1.2 \
                            postData cannot hold base64
                            """
                        )
                    ))
            }
            members.append(("postData", object(postData)))
        }
        members.append(("headersSize", .number("\(request.headSize ?? -1)")))
        members.append(("bodySize", .number("\(request.headSize == nil ? -1 : request.bodySize)")))
        if request.headSize == nil {
            members.append(
                (
                    "comment",
                    .string(
                        request.wroteNothing
                            ? "nothing was written: the exchange ended before the request was sent"
                            : "the bytes written hold no complete request head")
                ))
        }
        return object(members)
    }

    private static func responseObject(_ response: ReceivedResponse, outcome: ExchangeSummary.Ending?) -> JSONValue {
        var comments: [String] = []
        switch outcome {
        case .failed(let why):
            comments.append(response.head == nil ? "no response: \(why)" : "the exchange failed: \(why)")
        case .interrupted: comments.append("interrupted (Ctrl-C); the content is what arrived before that")
        case .complete, nil: break
        }
        if let problem = response.problem { comments.append("the response stopped parsing: \(problem)") }
        if response.head == nil && response.receivedBytes > 0 {
            comments.append("\(response.receivedBytes) bytes arrived without a complete response head")
        }
        if response.extraBytes > 0 {
            comments.append("\(response.extraBytes) bytes arrived after the response ended and are not part of it")
        }

        var members: [(String, JSONValue)]
        if let head = response.head {
            var content: [(String, JSONValue)] = [
                ("size", .number("\(response.body.count)")),
                ("mimeType", .string(head.value(of: "Content-Type") ?? "")),
            ]
            if let text = String(validating: response.body, as: UTF8.self) {
                content.append(("text", .string(text)))
            } else {
                content.append(("text", .string(Base64.encode(response.body[...]))))
                content.append(("encoding", .string("base64")))
            }
            members = [
                ("status", .number("\(head.status)")),
                ("statusText", .string(head.reason)),
                ("httpVersion", .string(head.version)),
                ("cookies", .array([])),
                ("headers", headersArray(head.headers)),
                ("content", object(content)),
                ("redirectURL", .string(head.value(of: "Location") ?? "")),
                ("headersSize", .number("\(response.headSize)")),
                ("bodySize", .number("\(response.bodySize)")),
            ]
        } else {
            members = [
                ("status", .number("0")),
                ("statusText", .string("")),
                ("httpVersion", .string("")),
                ("cookies", .array([])),
                ("headers", .array([])),
                ("content", object([("size", .number("0")), ("mimeType", .string(""))])),
                ("redirectURL", .string("")),
                ("headersSize", .number("-1")),
                ("bodySize", .number("-1")),
            ]
        }
        if !comments.isEmpty { members.append(("comment", .string(comments.joined(separator: "; ")))) }
        return object(members)
    }

    private static func timingsObject(_ timings: EntryTimings) -> JSONValue {
        // No DNS and no TLS on a socket; connecting is not in the record (see EntryTimings).
        object([
            ("blocked", .number("-1")),
            ("dns", .number("-1")),
            ("connect", .number("-1")),
            ("send", milliseconds(timings.sendMicroseconds)),
            ("wait", milliseconds(timings.waitMicroseconds)),
            ("receive", milliseconds(timings.receiveMicroseconds)),
            ("ssl", .number("-1")),
        ])
    }

    private static func headersArray(_ fields: HTTPFields) -> JSONValue {
        .array(fields.map { nameValue($0.name, $0.value) })
    }

    private static func nameValue(_ name: String, _ value: String) -> JSONValue {
        object([("name", .string(name)), ("value", .string(value))])
    }

    private static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(members.map { JSONMember(key: $0.0, value: $0.1) })
    }

    private static func milliseconds(_ microseconds: UInt64) -> JSONValue {
        .number(JSONLinesRenderer.milliseconds(microseconds * 1000))
    }
}

/// The request as the record's sent bytes hold it: the head, and the body its own framing
/// delimits (Content-Length, chunked, or none), so bytes written after it are not taken for body.
private struct SentRequest {
    var method: String
    var target: String
    var version: String
    var headers: HTTPFields
    /// Bytes of the head through its blank line; nil when no complete head was written.
    var headSize: Int?
    /// The body decoded (chunk framing removed).
    var body: [UInt8]
    /// The body's bytes as written, chunk framing included.
    var bodySize: Int
    var wroteNothing: Bool
    /// Why bytes written after the request message are there, when there are any.
    var afterMessageNote: String?

    init(_ record: ExchangeRecord) {
        let bytes = record.sentBytes
        let split = JSONLinesRenderer.splitRequest(bytes)
        let parts = split.line.split(separator: " ", omittingEmptySubsequences: false)
        if parts.count == 3 {
            method = String(parts[0])
            target = String(parts[1])
            version = String(parts[2])
        } else {
            // Nothing (or no request line) was written: say what the shell was asked to send.
            method = record.method
            target = record.target
            version = ""
        }
        headers = split.headers
        wroteNothing = bytes.isEmpty
        let headIsComplete = split.head.bodyStart != nil
        headSize = split.head.bodyStart
        body = []
        bodySize = 0
        guard headIsComplete else { return }

        let rest = split.body
        var bodyEnd = rest.startIndex
        if let codings = value(of: "Transfer-Encoding") {
            if codings.split(separator: ",").last?.trimmingWhitespace().lowercased() == "chunked" {
                var decoder = ChunkedBodyDecoder(limits: .standard)
                var events: [MessageEvent] = []
                // A chunked body that does not decode runs to the end of what was written.
                bodyEnd = (try? decoder.decode(rest, from: rest.startIndex, offset: 0, into: &events)) ?? rest.endIndex
                for case .body(let data) in events { body += data }
            } else {
                // RFC 9112 §6.3: a request whose last coding is not chunked has no knowable length.
                bodyEnd = rest.endIndex
                body = Array(rest)
            }
        } else if let length = value(of: "Content-Length").flatMap({ Int($0) }), length > 0 {
            bodyEnd = rest.startIndex + min(length, rest.count)
            body = Array(rest[..<bodyEnd])
        }
        bodySize = bodyEnd - rest.startIndex

        let after = rest[bodyEnd...]
        if !after.isEmpty {
            let message = bytes[..<bodyEnd]
            let copies = after.count / message.count
            if after.count % message.count == 0
                && (0..<copies).allSatisfy({ copy in
                    after.dropFirst(copy * message.count).prefix(message.count).elementsEqual(message)
                })
            {
                let times = copies + 1
                afterMessageNote =
                    """
                    the request was written \(times) times: a reused connection closed before answering, so it was \
                    sent again on a new one
                    """
            } else {
                afterMessageNote = "\(after.count) bytes written after the end of the request are not part of it"
            }
        }
    }

    /// The first value of a header, matched case-insensitively.
    func value(of name: String) -> String? {
        headers.value(of: name)
    }

    /// HAR needs an absolute URL: `http://` + Host (the daemon's view of the authority) + target.
    var url: String {
        if target.contains("://") { return target }
        let host = value(of: "Host") ?? "localhost"
        return "http://" + host + (target.hasPrefix("/") ? target : "/" + target)
    }
}

/// The response re-parsed from the record's received bytes; stops at the first bytes that do
/// not parse, as `ExchangeRecord.responseBody` does.
private struct ReceivedResponse {
    /// The final head; interim 1xx heads only count towards `headSize`.
    var head: ResponseHead?
    /// Bytes of every head (interim ones included) through the final head's blank line.
    var headSize = 0
    /// The decoded body (a tunnel's bytes after a 101 count as body).
    var body: [UInt8] = []
    /// The body's bytes as read, chunk-size lines, chunk ends and trailers included.
    var bodySize = 0
    var receivedBytes = 0
    var extraBytes = 0
    var problem: String?

    init(_ record: ExchangeRecord, requestMethod: String) {
        var parser = HTTPMessageReader(requestMethod: requestMethod, lenient: record.lenient)
        for run in record.runs where run.direction == .received {
            receivedBytes += run.bytes.count
            if problem != nil { continue }
            let events: [MessageEvent]
            do throws(MessageParseError) {
                events = try parser.feed(run.bytes)
            } catch {
                problem = error.message
                continue
            }
            for event in events { take(event) }
        }
    }

    private mutating func take(_ event: MessageEvent) {
        switch event {
        case .interim(_, let raw), .requestHead(_, let raw):
            // A response's events hold no request head; counted as head bytes if they did.
            headSize += raw.count
        case .head(let parsed, _, let raw):
            head = parsed
            headSize += raw.count
        case .body(let data):
            body += data
            bodySize += data.count
        case .tunnel(let data):
            body += data
            bodySize += data.count
        case .chunkSize(_, _, let raw), .chunkEnd(let raw), .trailers(_, let raw):
            bodySize += raw.count
        case .extra(let data):
            extraBytes += data.count
        case .end:
            break
        }
    }
}

/// HAR timings from the runs' offsets, in whole microseconds so that send + wait + receive is
/// exactly `time`. Offsets count from the start of the exchange, before the connection was
/// taken; the record does not say whether that was a new connect or a reused connection, so
/// `time` runs from the first byte written, and connecting is left out (-1).
private struct EntryTimings {
    var sendMicroseconds: UInt64
    var waitMicroseconds: UInt64
    var receiveMicroseconds: UInt64

    var totalMicroseconds: UInt64 { sendMicroseconds + waitMicroseconds + receiveMicroseconds }

    init(_ record: ExchangeRecord) {
        let sent = record.runs.filter { $0.direction == .sent }.map(\.offsetNanoseconds)
        let firstReceived = record.runs.first { $0.direction == .received }?.offsetNanoseconds
        let end = record.summary?.totalNanoseconds ?? record.runs.last?.offsetNanoseconds ?? 0
        // Each point no earlier than the one before, so no timing is negative.
        let firstWrite = sent.first ?? end
        let lastWrite = max(firstWrite, sent.last ?? firstWrite)
        let firstRead = max(lastWrite, firstReceived ?? end)
        let last = max(firstRead, end)
        let micro = { (nanoseconds: UInt64) in nanoseconds / 1000 }
        sendMicroseconds = micro(lastWrite) - micro(firstWrite)
        waitMicroseconds = micro(firstRead) - micro(lastWrite)
        receiveMicroseconds = micro(last) - micro(firstRead)
    }
}
