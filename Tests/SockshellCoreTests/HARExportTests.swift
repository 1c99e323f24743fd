import Testing

@testable import SockshellCore

struct HARExportTests {
    // MARK: Docker-like exchanges, as the bytes crossed the socket

    private static let createBody = #"{"Image":"centos","Cmd":["sleep","30"]}"#
    private static let createdBody =
        #"{"Id":"f5dd99791a38b1a8c4e1d7b8a1a1c1e9f2e1c5a7d3b9e8f7a6b5c4d3e2f1a0b9","Warnings":[]}"# + "\n"

    /// POST /containers/create answered 201 with JSON, the head and body read in two runs.
    private static func createRecord() -> ExchangeRecord {
        var record = ExchangeRecord(
            number: 1, endpoint: .dockerDefault, method: "POST", target: "/v1.41/containers/create?name=web")
        record.append(
            .sent, at: 200_000,
            bytes: bytes(
                "POST /v1.41/containers/create?name=web HTTP/1.1\r\n"
                    + "Host: docker\r\n"
                    + "User-Agent: sockshell/0.1\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: \(createBody.utf8.count)\r\n"
                    + "\r\n" + createBody))
        record.append(
            .received, at: 2_700_000,
            bytes: bytes(
                "HTTP/1.1 201 Created\r\n"
                    + "Api-Version: 1.41\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Docker-Experimental: false\r\n"
                    + "Ostype: linux\r\n"
                    + "Server: Docker/20.10.7 (linux)\r\n"
                    + "Date: Mon, 30 Nov 2026 01:33:33 GMT\r\n"
                    + "Content-Length: \(createdBody.utf8.count)\r\n"
                    + "\r\n"))
        record.append(.received, at: 2_850_000, bytes: bytes(createdBody))
        record.summary = ExchangeSummary(
            status: 201, reason: "Created", bodyBytes: createdBody.utf8.count, totalNanoseconds: 2_912_345,
            firstByteNanoseconds: 2_700_000, outcome: .complete)
        return record
    }

    private static let eventLines = [
        #"""
        {"status":"create","id":"f5dd99791a38","from":"centos","Type":"container","Action":"create","time":1796002413}
        """#
            + "\n",
        #"""
        {"Type":"network","Action":"connect","Actor":{"ID":"9a1b","Attributes":{"container":"f5dd99791a38",\#
        "name":"bridge"}},"time":1796002413}
        """#
            + "\n",
        #"{"status":"start","id":"f5dd99791a38","from":"centos","Type":"container","Action":"start","time":1796002414}"#
            + "\n",
    ]
    private static let eventsHead =
        "HTTP/1.1 200 OK\r\n"
        + "Api-Version: 1.41\r\n"
        + "Content-Type: application/json\r\n"
        + "Date: Mon, 30 Nov 2026 01:33:30 GMT\r\n"
        + "Transfer-Encoding: chunked\r\n"
        + "\r\n"

    private static func chunk(_ text: String) -> String {
        String(text.utf8.count, radix: 16) + "\r\n" + text + "\r\n"
    }

    /// GET /events with a filter: a chunked stream, one event per chunk, ended by Ctrl-C.
    private static func eventsRecord() -> ExchangeRecord {
        let target = "/v1.41/events?filters=%7B%22type%22%3A%5B%22container%22%5D%7D&since=1796002400&label=a+b"
        var record = ExchangeRecord(number: 2, endpoint: .dockerDefault, method: "GET", target: target)
        record.append(
            .sent, at: 150_000,
            bytes: bytes("GET \(target) HTTP/1.1\r\nHost: docker\r\nUser-Agent: sockshell/0.1\r\n\r\n"))
        record.append(.received, at: 1_000_000, bytes: bytes(eventsHead))
        // A chunk split across two reads, as a stream arrives.
        let stream = chunk(eventLines[0]) + chunk(eventLines[1]) + chunk(eventLines[2])
        let cut = stream.utf8.count / 2
        let streamBytes = bytes(stream)
        record.append(.received, at: 3_000_000_000, bytes: streamBytes[..<cut])
        record.append(.received, at: 3_000_100_000, bytes: streamBytes[cut...])
        record.summary = ExchangeSummary(
            status: 200, reason: "OK", bodyBytes: eventLines.joined().utf8.count, totalNanoseconds: 9_000_000_000,
            firstByteNanoseconds: 1_000_000, outcome: .interrupted)
        return record
    }

    /// POST /containers/{id}/start answered 204: no body, no Content-Type.
    private static func startRecord() -> ExchangeRecord {
        var record = ExchangeRecord(
            number: 3, endpoint: .unix(path: "/run/user/1000/docker.sock"), method: "POST",
            target: "/v1.41/containers/f5dd99791a38/start")
        record.append(
            .sent, at: 100_000,
            bytes: bytes(
                "POST /v1.41/containers/f5dd99791a38/start HTTP/1.1\r\nHost: docker\r\nContent-Length: 0\r\n\r\n"))
        record.append(
            .received, at: 40_100_000,
            bytes: bytes(
                "HTTP/1.1 204 No Content\r\nApi-Version: 1.41\r\nDate: Mon, 30 Nov 2026 01:33:34 GMT\r\n\r\n"))
        record.summary = ExchangeSummary(
            status: 204, reason: "No Content", bodyBytes: 0, totalNanoseconds: 40_200_000,
            firstByteNanoseconds: 40_100_000, outcome: .complete)
        return record
    }

    /// A gzip archive: `GET /containers/{id}/archive` answers bytes that are not UTF-8.
    private static let archiveBytes: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0xFF]

    private static func archiveRecord() -> ExchangeRecord {
        var record = ExchangeRecord(
            number: 4, endpoint: .dockerDefault, method: "GET",
            target: "/containers/f5dd/archive?path=%2Fetc%2Fhostname")
        record.append(
            .sent, at: 0,
            bytes: bytes("GET /containers/f5dd/archive?path=%2Fetc%2Fhostname HTTP/1.1\r\nHost: docker\r\n\r\n"))
        record.append(
            .received, at: 1_000_000,
            bytes: bytes(
                "HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nContent-Length: 5\r\n\r\n")[...]
                + archiveBytes[...])
        record.summary = ExchangeSummary(
            status: 200, reason: "OK", bodyBytes: 5, totalNanoseconds: 1_000_000, firstByteNanoseconds: 1_000_000,
            outcome: .complete)
        return record
    }

    /// The request was written, then the daemon closed the connection without answering.
    private static func closedRecord() -> ExchangeRecord {
        var record = ExchangeRecord(
            number: 5, endpoint: .dockerDefault, method: "DELETE", target: "/containers/f5dd?force=1")
        record.append(
            .sent, at: 50_000, bytes: bytes("DELETE /containers/f5dd?force=1 HTTP/1.1\r\nHost: docker\r\n\r\n"))
        record.summary = ExchangeSummary(
            status: nil, reason: "", bodyBytes: 0, totalNanoseconds: 5_050_000, firstByteNanoseconds: nil,
            outcome: .failed("closed early"))
        return record
    }

    private static func bytes(_ text: String) -> ArraySlice<UInt8> { ArraySlice(text.utf8) }

    private func export(
        _ records: [ExchangeRecord], dates: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> JSONValue {
        let dates = dates ?? records.indices.map { "2026-11-30T04:40:0\($0).123Z" }
        let text = HARExport.document(records, startedDateTimes: dates, creatorVersion: "0.1.0")
        let har = try JSONValue.parse(text)
        for entry in har["log"]?["entries"]?.arrayValue ?? [] {
            expectRequiredEntryFields(entry, sourceLocation: sourceLocation)
        }
        return har
    }

    // MARK: Required fields and their JSON types (HAR 1.2)

    private func expectFields(
        _ value: JSONValue?, _ fields: KeyValuePairs<String, String>, in place: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let value, value.objectMembers != nil else {
            Issue.record("\(place) is not an object", sourceLocation: sourceLocation)
            return
        }
        for (name, type) in fields {
            #expect(
                value[name]?.typeName == type, "\(place).\(name) should be a \(type)", sourceLocation: sourceLocation)
        }
    }

    private func expectRequiredEntryFields(_ entry: JSONValue, sourceLocation: SourceLocation) {
        expectFields(
            entry,
            [
                "startedDateTime": "string", "time": "number", "request": "object", "response": "object",
                "cache": "object", "timings": "object",
            ], in: "entry", sourceLocation: sourceLocation)
        expectFields(
            entry["request"],
            [
                "method": "string", "url": "string", "httpVersion": "string", "cookies": "array", "headers": "array",
                "queryString": "array", "headersSize": "number", "bodySize": "number",
            ], in: "request", sourceLocation: sourceLocation)
        expectFields(
            entry["response"],
            [
                "status": "number", "statusText": "string", "httpVersion": "string", "cookies": "array",
                "headers": "array", "content": "object", "redirectURL": "string", "headersSize": "number",
                "bodySize": "number",
            ], in: "response", sourceLocation: sourceLocation)
        expectFields(
            entry["response"]?["content"], ["size": "number", "mimeType": "string"], in: "content",
            sourceLocation: sourceLocation)
        expectFields(
            entry["timings"],
            [
                "blocked": "number", "dns": "number", "connect": "number", "send": "number", "wait": "number",
                "receive": "number",
            ], in: "timings", sourceLocation: sourceLocation)
        if let postData = entry["request"]?["postData"] {
            expectFields(
                postData, ["mimeType": "string", "text": "string"], in: "postData", sourceLocation: sourceLocation)
        }
        let pairs =
            (entry["request"]?["headers"]?.arrayValue ?? []) + (entry["request"]?["queryString"]?.arrayValue ?? [])
            + (entry["response"]?["headers"]?.arrayValue ?? [])
        for pair in pairs {
            expectFields(
                pair, ["name": "string", "value": "string"], in: "name/value pair", sourceLocation: sourceLocation)
        }
        // HAR: time is the sum of the timings that apply (not -1).
        let timings = entry["timings"]
        let applying = ["blocked", "dns", "connect", "send", "wait", "receive"].compactMap { timings?[$0]?.doubleValue }
            .filter { $0 != -1 }
        let time = entry["time"]?.doubleValue ?? -1
        #expect(
            abs(applying.reduce(0, +) - time) < 0.0005, "time \(time) is not the sum of the timings",
            sourceLocation: sourceLocation)
        for name in ["blocked", "dns", "connect", "send", "wait", "receive"] {
            #expect(
                (timings?[name]?.doubleValue ?? -2) >= -1, "timings.\(name) is below -1", sourceLocation: sourceLocation
            )
        }
    }

    private func headerList(_ value: JSONValue?) -> [HeaderField] {
        (value?.arrayValue ?? []).map {
            HeaderField(name: $0["name"]?.stringValue ?? "?", value: $0["value"]?.stringValue ?? "?")
        }
    }

    // MARK: Tests

    @Test func documentHasTheLogCreatorAndOneEntryPerRecord() throws {
        let text = HARExport.document(
            [Self.createRecord(), Self.startRecord()],
            startedDateTimes: ["2026-11-30T04:40:00.123Z", "2026-11-30T04:40:01.000Z"],
            creatorVersion: "0.3.1")
        #expect(text.hasPrefix("{\n  \"log\": {\n    \"version\": \"1.2\",\n"))
        #expect(text.hasSuffix("}\n"))
        let har = try JSONValue.parse(text)
        expectFields(har, ["log": "object"], in: "document")
        expectFields(har["log"], ["version": "string", "creator": "object", "entries": "array"], in: "log")
        expectFields(har["log"]?["creator"], ["name": "string", "version": "string"], in: "creator")
        #expect(har["log"]?["version"] == .string("1.2"))
        #expect(har["log"]?["creator"]?["name"] == .string("sockshell"))
        #expect(har["log"]?["creator"]?["version"] == .string("0.3.1"))
        let entries = try #require(har["log"]?["entries"]?.arrayValue)
        #expect(entries.count == 2)
        #expect(entries[0]["startedDateTime"] == .string("2026-11-30T04:40:00.123Z"))
        #expect(entries[1]["startedDateTime"] == .string("2026-11-30T04:40:01.000Z"))
        for entry in entries { expectRequiredEntryFields(entry, sourceLocation: #_sourceLocation) }
    }

    @Test func noRecordsIsAnEmptyLog() throws {
        let har = try JSONValue.parse(HARExport.document([], startedDateTimes: [], creatorVersion: "0.1.0"))
        #expect(har["log"]?["entries"] == .array([]))
        #expect(har["log"]?["version"] == .string("1.2"))
    }

    @Test func aRecordWithNoTimeGivenStillHasAStartedDateTime() throws {
        let har = try export([Self.createRecord()], dates: [])
        #expect(har["log"]?["entries"]?[0]?["startedDateTime"] == .string("1970-01-01T00:00:00.000Z"))
    }

    @Test func createWith201JSON() throws {
        let har = try export([Self.createRecord()])
        let entry = try #require(har["log"]?["entries"]?[0])
        #expect(entry["comment"] == .string("unix:///var/run/docker.sock"))
        #expect(entry["cache"] == .object([]))

        let request = try #require(entry["request"])
        #expect(request["method"] == .string("POST"))
        #expect(request["url"] == .string("http://docker/v1.41/containers/create?name=web"))
        #expect(request["httpVersion"] == .string("HTTP/1.1"))
        #expect(request["cookies"] == .array([]))
        #expect(
            headerList(request["headers"]) == [
                HeaderField(name: "Host", value: "docker"),
                HeaderField(name: "User-Agent", value: "sockshell/0.1"),
                HeaderField(name: "Content-Type", value: "application/json"),
                HeaderField(name: "Content-Length", value: "39"),
            ])
        #expect(headerList(request["queryString"]) == [HeaderField(name: "name", value: "web")])
        let requestHead =
            """
            POST /v1.41/containers/create?name=web HTTP/1.1\r\nHost: docker\r\nUser-Agent: sockshell/0.1\r\n\
            Content-Type: application/json\r\nContent-Length: 39\r\n\r\n
            """
        #expect(request["headersSize"]?.intValue == requestHead.utf8.count)
        #expect(request["bodySize"]?.intValue == Self.createBody.utf8.count)
        #expect(request["postData"]?["mimeType"] == .string("application/json"))
        #expect(request["postData"]?["text"] == .string(Self.createBody))
        #expect(request["postData"]?["comment"] == nil)

        let response = try #require(entry["response"])
        #expect(response["status"]?.intValue == 201)
        #expect(response["statusText"] == .string("Created"))
        #expect(response["httpVersion"] == .string("HTTP/1.1"))
        #expect(response["cookies"] == .array([]))
        #expect(
            headerList(response["headers"]) == [
                HeaderField(name: "Api-Version", value: "1.41"),
                HeaderField(name: "Content-Type", value: "application/json"),
                HeaderField(name: "Docker-Experimental", value: "false"),
                HeaderField(name: "Ostype", value: "linux"),
                HeaderField(name: "Server", value: "Docker/20.10.7 (linux)"),
                HeaderField(name: "Date", value: "Mon, 30 Nov 2026 01:33:33 GMT"),
                HeaderField(name: "Content-Length", value: "\(Self.createdBody.utf8.count)"),
            ])
        #expect(response["redirectURL"] == .string(""))
        let responseHead = Self.createRecord().runs[1].bytes
        #expect(response["headersSize"]?.intValue == responseHead.count)
        #expect(response["bodySize"]?.intValue == Self.createdBody.utf8.count)
        #expect(response["comment"] == nil)
        let content = try #require(response["content"])
        #expect(content["size"]?.intValue == Self.createdBody.utf8.count)
        #expect(content["mimeType"] == .string("application/json"))
        #expect(content["text"] == .string(Self.createdBody))
        #expect(content["encoding"] == nil)

        // Sent at 0.2 ms, first byte at 2.7 ms, over at 2.912345 ms (whole microseconds).
        let timings = try #require(entry["timings"])
        #expect(timings["blocked"]?.intValue == -1)
        #expect(timings["dns"]?.intValue == -1)
        #expect(timings["connect"]?.intValue == -1)
        #expect(timings["send"]?.doubleValue == 0)
        #expect(timings["wait"]?.doubleValue == 2.5)
        #expect(timings["receive"]?.doubleValue == 0.212)
        #expect(entry["time"]?.doubleValue == 2.712)
    }

    @Test func chunkedEventsStreamHasTheDecodedBody() throws {
        let har = try export([Self.eventsRecord()])
        let entry = try #require(har["log"]?["entries"]?[0])
        let request = try #require(entry["request"])
        #expect(
            request["url"]
                == .string(
                    """
                    http://docker/v1.41/events?filters=%7B%22type%22%3A%5B%22container%22%5D%7D&since=1796002400&\
                    label=a+b
                    """
                ))
        #expect(
            headerList(request["queryString"]) == [
                HeaderField(name: "filters", value: #"{"type":["container"]}"#),
                HeaderField(name: "since", value: "1796002400"),
                HeaderField(name: "label", value: "a b"),
            ])
        #expect(request["bodySize"]?.intValue == 0)
        #expect(request["postData"] == nil)

        let response = try #require(entry["response"])
        #expect(response["status"]?.intValue == 200)
        #expect(response["statusText"] == .string("OK"))
        #expect(headerList(response["headers"]).last == HeaderField(name: "Transfer-Encoding", value: "chunked"))
        let decoded = Self.eventLines.joined()
        let framed = Self.eventLines.map(Self.chunk).joined()
        #expect(response["headersSize"]?.intValue == Self.eventsHead.utf8.count)
        // bodySize counts the bytes read, chunk framing included; content.size the decoded body.
        #expect(response["bodySize"]?.intValue == framed.utf8.count)
        #expect(response["content"]?["size"]?.intValue == decoded.utf8.count)
        #expect(response["content"]?["text"] == .string(decoded))
        #expect(response["content"]?["mimeType"] == .string("application/json"))
        #expect(response["content"]?["encoding"] == nil)
        #expect(response["comment"]?.stringValue?.hasPrefix("interrupted (Ctrl-C)") == true)

        #expect(entry["timings"]?["wait"]?.doubleValue == 0.85)
        #expect(entry["timings"]?["receive"]?.doubleValue == 8999.0)
        #expect(entry["time"]?.doubleValue == 8999.85)
    }

    @Test func start204HasNoBodyAndNoPostData() throws {
        let har = try export([Self.startRecord()])
        let entry = try #require(har["log"]?["entries"]?[0])
        #expect(entry["comment"] == .string("unix:///run/user/1000/docker.sock"))
        let request = try #require(entry["request"])
        #expect(request["url"] == .string("http://docker/v1.41/containers/f5dd99791a38/start"))
        #expect(request["queryString"] == .array([]))
        #expect(request["bodySize"]?.intValue == 0)
        #expect(request["postData"] == nil)
        let response = try #require(entry["response"])
        #expect(response["status"]?.intValue == 204)
        #expect(response["statusText"] == .string("No Content"))
        #expect(response["headersSize"]?.intValue == Self.startRecord().runs[1].bytes.count)
        #expect(response["bodySize"]?.intValue == 0)
        #expect(
            response["content"]
                == .object([
                    JSONMember(key: "size", value: .number("0")),
                    JSONMember(key: "mimeType", value: .string("")),
                    JSONMember(key: "text", value: .string("")),
                ]))
        #expect(entry["time"]?.doubleValue == 40.1)
        #expect(entry["timings"]?["wait"]?.doubleValue == 40.0)
        #expect(entry["timings"]?["receive"]?.doubleValue == 0.1)
    }

    @Test func binaryResponseBodyIsBase64() throws {
        let har = try export([Self.archiveRecord()])
        let entry = try #require(har["log"]?["entries"]?[0])
        #expect(headerList(entry["request"]?["queryString"]) == [HeaderField(name: "path", value: "/etc/hostname")])
        let content = try #require(entry["response"]?["content"])
        #expect(content["size"]?.intValue == 5)
        #expect(content["mimeType"] == .string("application/x-tar"))
        #expect(content["encoding"] == .string("base64"))
        #expect(content["text"] == .string("H4sIAP8="))
        #expect(entry["response"]?["bodySize"]?.intValue == 5)
    }

    @Test func binaryRequestBodyIsTextWithReplacementsAndSaysSo() throws {
        let body: [UInt8] = [0x61, 0xFF, 0x62]
        var record = ExchangeRecord(
            number: 6, endpoint: .dockerDefault, method: "POST", target: "/build?t=app%3Alatest")
        record.append(
            .sent, at: 0,
            bytes: Self.bytes(
                """
                POST /build?t=app%3Alatest HTTP/1.1\r\nHost: docker\r\nContent-Type: application/x-tar\r\n\
                Content-Length: 3\r\n\r\n
                """
            )[...] + body[...])
        let har = try export([record])
        let request = try #require(har["log"]?["entries"]?[0]?["request"])
        #expect(headerList(request["queryString"]) == [HeaderField(name: "t", value: "app:latest")])
        #expect(request["bodySize"]?.intValue == 3)
        #expect(request["postData"]?["mimeType"] == .string("application/x-tar"))
        #expect(request["postData"]?["text"] == .string("a\u{FFFD}b"))
        #expect(request["postData"]?["encoding"] == nil)
        #expect(request["postData"]?["comment"]?.stringValue?.contains("not valid UTF-8") == true)
    }

    @Test func closedWithoutAResponseIsStatusZeroWithTheFailure() throws {
        let har = try export([Self.closedRecord()])
        let entry = try #require(har["log"]?["entries"]?[0])
        #expect(entry["request"]?["method"] == .string("DELETE"))
        #expect(headerList(entry["request"]?["queryString"]) == [HeaderField(name: "force", value: "1")])
        let response = try #require(entry["response"])
        #expect(response["status"]?.intValue == 0)
        #expect(response["statusText"] == .string(""))
        #expect(response["httpVersion"] == .string(""))
        #expect(response["headers"] == .array([]))
        #expect(response["headersSize"]?.intValue == -1)
        #expect(response["bodySize"]?.intValue == -1)
        #expect(response["content"]?["size"]?.intValue == 0)
        #expect(response["comment"] == .string("no response: closed early"))
        // Nothing was read: all the time after the write is waiting.
        #expect(entry["timings"]?["wait"]?.doubleValue == 5.0)
        #expect(entry["timings"]?["receive"]?.doubleValue == 0)
        #expect(entry["time"]?.doubleValue == 5.0)
    }

    @Test func connectionThatFailedBeforeWritingHasNoRequestSizes() throws {
        var record = ExchangeRecord(
            number: 7, endpoint: .unix(path: "/tmp/missing.sock"), method: "GET", target: "/_ping")
        record.summary = ExchangeSummary(
            status: nil, reason: "", bodyBytes: 0, totalNanoseconds: 80_000, firstByteNanoseconds: nil,
            outcome: .failed("failed"))
        let har = try export([record])
        let entry = try #require(har["log"]?["entries"]?[0])
        #expect(entry["comment"] == .string("unix:///tmp/missing.sock"))
        let request = try #require(entry["request"])
        #expect(request["method"] == .string("GET"))
        #expect(request["url"] == .string("http://localhost/_ping"))
        #expect(request["headers"] == .array([]))
        #expect(request["headersSize"]?.intValue == -1)
        #expect(request["bodySize"]?.intValue == -1)
        #expect(request["comment"]?.stringValue?.hasPrefix("nothing was written") == true)
        #expect(entry["response"]?["status"]?.intValue == 0)
        #expect(entry["time"]?.doubleValue == 0)
    }

    @Test func interimHeadsCountInHeadersSizeButTheFinalHeadIsShown() throws {
        let interim = "HTTP/1.1 100 Continue\r\n\r\n"
        let final = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n"
        var record = ExchangeRecord(number: 8, endpoint: .dockerDefault, method: "GET", target: "/_ping")
        record.append(.sent, at: 0, bytes: Self.bytes("GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n"))
        record.append(.received, at: 1_000, bytes: Self.bytes(interim + final + "OK"))
        let har = try export([record])
        let response = try #require(har["log"]?["entries"]?[0]?["response"])
        #expect(response["status"]?.intValue == 200)
        #expect(
            headerList(response["headers"]) == [
                HeaderField(name: "Content-Type", value: "text/plain"), HeaderField(name: "Content-Length", value: "2"),
            ])
        #expect(response["headersSize"]?.intValue == interim.utf8.count + final.utf8.count)
        #expect(response["content"]?["text"] == .string("OK"))
    }

    @Test func aRequestSentAgainOnANewConnectionIsOneRequest() throws {
        let request = Self.bytes("GET /containers/json?all=1 HTTP/1.1\r\nHost: docker\r\n\r\n")
        var record = ExchangeRecord(
            number: 9, endpoint: .dockerDefault, method: "GET", target: "/containers/json?all=1")
        record.append(.sent, at: 10_000, bytes: request[...])
        record.append(.sent, at: 500_000, bytes: request[...])
        record.append(.received, at: 900_000, bytes: Self.bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]"))
        let har = try export([record])
        let entry = try #require(har["log"]?["entries"]?[0])
        #expect(entry["request"]?["headersSize"]?.intValue == request.count)
        #expect(entry["request"]?["bodySize"]?.intValue == 0)
        #expect(entry["request"]?["postData"] == nil)
        #expect(entry["comment"]?.stringValue?.contains("written 2 times") == true)
        #expect(entry["response"]?["content"]?["text"] == .string("[]"))
        // No summary: the exchange ends at the last run. Writing spans both attempts.
        #expect(entry["timings"]?["send"]?.doubleValue == 0.49)
        #expect(entry["timings"]?["wait"]?.doubleValue == 0.4)
        #expect(entry["timings"]?["receive"]?.doubleValue == 0)
        #expect(entry["time"]?.doubleValue == 0.89)
    }

    @Test func chunkedRequestBodyIsDecodedInPostData() throws {
        var record = ExchangeRecord(number: 10, endpoint: .dockerDefault, method: "POST", target: "/containers/create")
        let head =
            """
            POST /containers/create HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\nTransfer-Encoding: \
            chunked\r\n\r\n
            """
        let framed = "6\r\n{\"Imag\r\n" + "b\r\ne\":\"alpine\"\r\n" + "1\r\n}\r\n" + "0\r\n\r\n"
        record.append(.sent, at: 0, bytes: Self.bytes(head + framed))
        let har = try export([record])
        let request = try #require(har["log"]?["entries"]?[0]?["request"])
        #expect(request["headersSize"]?.intValue == head.utf8.count)
        #expect(request["bodySize"]?.intValue == framed.utf8.count)
        #expect(request["postData"]?["text"] == .string(#"{"Image":"alpine"}"#))
    }

    @Test func hostHeaderAndTcpEndpoint() throws {
        var record = ExchangeRecord(
            number: 11, endpoint: .tcp(host: "127.0.0.1", port: 2375), method: "GET", target: "/version")
        record.append(.sent, at: 0, bytes: Self.bytes("GET /version HTTP/1.1\r\nUser-Agent: x\r\n\r\n"))
        record.append(
            .received, at: 1_000,
            bytes: Self.bytes(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: /v1.41/version\r\nContent-Length: 0\r\n\r\n"))
        let har = try export([record])
        let entry = try #require(har["log"]?["entries"]?[0])
        #expect(entry["comment"] == .string("tcp://127.0.0.1:2375"))
        #expect(entry["request"]?["url"] == .string("http://localhost/version"))
        #expect(entry["response"]?["redirectURL"] == .string("/v1.41/version"))
    }

    @Test func manyExchangesInOneDocumentKeepTheirOrder() throws {
        let records = [
            Self.createRecord(), Self.eventsRecord(), Self.startRecord(), Self.archiveRecord(), Self.closedRecord(),
        ]
        let har = try export(records)
        let entries = try #require(har["log"]?["entries"]?.arrayValue)
        #expect(entries.map { $0["response"]?["status"]?.intValue } == [201, 200, 204, 200, 0])
        #expect(entries.map { $0["startedDateTime"]?.stringValue } == (0..<5).map { "2026-11-30T04:40:0\($0).123Z" })
    }
}
