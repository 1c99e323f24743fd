import Testing

@testable import SockshellCore

/// Each rule of Sources/SockshellCore/HTTP/Grammar.md, response side: the response is parsed whole,
/// split in two at every offset and one byte at a time, and refused (or accepted) the same way.
struct StrictResponseGrammarTests {
    /// Where `marker` first occurs in `text`, as a byte offset (after `from` bytes).
    private func at(_ marker: String, in text: String, from: Int = 0) -> Int {
        let bytes = Array(text.utf8)
        let wanted = Array(marker.utf8)
        for index in from...(bytes.count - wanted.count) where Array(bytes[index..<(index + wanted.count)]) == wanted {
            return index
        }
        Issue.record("\(marker.debugDescription) not in \(text.debugDescription)")
        return -1
    }

    private let chunkedHead = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"

    // MARK: §2.2 line endings

    @Test("a bare LF is refused wherever a line ends, and named at its byte")
    func bareLineFeeds() {
        let cases = [
            "HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 0\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\n",
            chunkedHead + "2\nhi\r\n0\r\n\r\n",
            chunkedHead + "2\r\nhi\n0\r\n\r\n",
            chunkedHead + "2\r\nhi\r\n0\n\r\n",
            chunkedHead + "2\r\nhi\r\n0\r\nX-T: 1\n\r\n",
            chunkedHead + "2\r\nhi\r\n0\r\n\n",
        ]
        for text in cases {
            var bareLF = 0
            let bytes = responseBytes(text)
            while bytes[bareLF] != 0x0A || (bareLF > 0 && bytes[bareLF - 1] == 0x0D) { bareLF += 1 }
            let kind: MessageParseError.Kind = .badLineEnding
            expectResponseRefused(kind, bytes, ProtocolViolation(.bareLF, at: bareLF))
            parseEveryWay(bytes, lenient: true, tolerated: [bareLF])
        }
    }

    @Test("lenient names every bare LF it accepted, and keeps every other rule")
    func lenientKeepsTheRest() {
        let text = "HTTP/1.1 200 OK\nContent-Length: 2\n\nhi"
        let events = parseEveryWay(responseBytes(text), lenient: true, tolerated: [15, 33, 34])
        #expect(events.contains(.body(responseBytes("hi")[...])))
        #expect(
            [ProtocolViolation(.bareLF, at: 15), ProtocolViolation(.bareLF, at: 33)].lenientRemark
                == "lenient: bare LF at bytes 15, 33")
        expectResponseRefused(
            .badLineEnding, responseBytes("HTTP/1.1 200 OK\nA: b\rc\n\n"), ProtocolViolation(.bareCR, at: 20),
            lenient: true)
        expectResponseRefused(
            .malformedStatusLine, responseBytes("HTTP/1.2 200 OK\n\n"),
            ProtocolViolation(.unsupportedVersion("HTTP/1.2"), at: 0), lenient: true)
    }

    @Test("a bare CR is refused, lenient or not")
    func bareCarriageReturns() {
        let head = "HTTP/1.1 200 OK\r\nX-A: a\rb\r\nContent-Length: 0\r\n\r\n"
        expectResponseRefused(.badLineEnding, responseBytes(head), ProtocolViolation(.bareCR, at: at("\rb", in: head)))
        expectResponseRefused(
            .badLineEnding, responseBytes(head), ProtocolViolation(.bareCR, at: at("\rb", in: head)), lenient: true)
        let blank = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\r\n"
        expectResponseRefused(.badLineEnding, responseBytes(blank), ProtocolViolation(.bareCR, at: 36))
        let chunk = chunkedHead + "2\r;a\r\nhi\r\n0\r\n\r\n"
        expectResponseRefused(.badLineEnding, responseBytes(chunk), ProtocolViolation(.bareCR, at: 48))
        let dataEnd = chunkedHead + "2\r\nhi\r0\r\n\r\n"
        expectResponseRefused(.badChunkTerminator, responseBytes(dataEnd), ProtocolViolation(.chunkDataEnd, at: 52))
    }

    // MARK: §2.3, §4 status line

    @Test("only HTTP/1.0 and HTTP/1.1", arguments: ["HTTP/1.2", "HTTP/2.0", "HTTP/0.9", "HTTP/3.1"])
    func otherVersionsAreRefused(version: String) {
        expectResponseRefused(
            .malformedStatusLine, responseBytes("\(version) 200 OK\r\nContent-Length: 0\r\n\r\n"),
            ProtocolViolation(.unsupportedVersion(version), at: 0))
    }

    @Test("HTTP/1.0 and HTTP/1.1 are parsed")
    func supportedVersions() {
        parseEveryWay(responseBytes("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"))
        parseEveryWay(responseBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
    }

    @Test("one SP each side of the code; the one after it even with no reason")
    func statusLineSpaces() {
        expectResponseRefused(
            .malformedStatusLine, responseBytes("HTTP/1.1  200 OK\r\n\r\n"),
            ProtocolViolation(.statusLine("more than one space after the version"), at: 9))
        expectResponseRefused(
            .malformedStatusLine, responseBytes("HTTP/1.1 200\r\n\r\n"),
            ProtocolViolation(.statusLine("no space after the three-digit status code"), at: 12))
        expectResponseRefused(
            .malformedStatusLine, responseBytes("HTTP/1.1 200\tOK\r\n\r\n"),
            ProtocolViolation(.statusLine("no space after the three-digit status code"), at: 12))
        let empty = parseEveryWay(responseBytes("HTTP/1.1 204 \r\n\r\n"))
        #expect(headOf(empty)?.0.reason == "")
        expectResponseRefused(
            .malformedStatusLine, responseBytes("HTTP/1.1 600 Odd\r\n\r\n"), ProtocolViolation(.statusCode(600), at: 9))
    }

    @Test("no empty line before a status line, after an interim 1xx either")
    func emptyLineBeforeStatusLine() {
        expectResponseRefused(
            .malformedStatusLine, responseBytes("\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
            ProtocolViolation(.emptyLineBeforeStatusLine, at: 0))
        let interim = "HTTP/1.1 100 Continue\r\n\r\n"
        expectResponseRefused(
            .malformedStatusLine, responseBytes(interim + "\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
            ProtocolViolation(.emptyLineBeforeStatusLine, at: interim.utf8.count))
        // Without the empty line, interim then final.
        parseEveryWay(responseBytes(interim + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
    }

    // MARK: §5 fields

    @Test("no whitespace between a field name and its colon")
    func whitespaceBeforeColon() {
        expectResponseRefused(
            .malformedHeader, responseBytes("HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n"),
            ProtocolViolation(.whitespaceBeforeColon, at: 31))
    }

    @Test("obs-fold in a response is replaced by SP; whitespace before the first field is refused")
    func obsFold() {
        let events = parseEveryWay(responseBytes("HTTP/1.1 200 OK\r\nX-A: one\r\n two\r\nContent-Length: 0\r\n\r\n"))
        #expect(headOf(events)?.0.value(of: "X-A") == "one two")
        expectResponseRefused(
            .malformedHeader, responseBytes("HTTP/1.1 200 OK\r\n\tX-A: one\r\n\r\n"),
            ProtocolViolation(.whitespaceAfterStartLine, at: 17))
    }

    @Test("a control character in a field value is refused")
    func controlInValue() {
        expectResponseRefused(
            .malformedHeader, responseBytes("HTTP/1.1 200 OK\r\nX-A: a\u{1B}[2J\r\n\r\n"),
            ProtocolViolation(.fieldValueControl, at: 23))
    }

    // MARK: §6 framing

    @Test("Transfer-Encoding with Content-Length is refused")
    func smuggling() {
        expectResponseRefused(
            .conflictingFraming,
            responseBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n"),
            ProtocolViolation(.transferEncodingWithContentLength, at: 17))
    }

    // MARK: §7.1 chunks

    @Test(
        "chunk-size lines by the §7.1 grammar are accepted",
        arguments: ["2", "02", "2;a", "2;a=b", "2 ;a", "2; a = b", "2;a=\"q \\\" x\";b", "2;a;b=c"])
    func goodChunkLines(line: String) {
        let events = parseEveryWay(responseBytes(chunkedHead + line + "\r\nhi\r\n0\r\n\r\n"))
        #expect(events.contains(.body(responseBytes("hi")[...])))
    }

    @Test(
        "chunk-size lines outside the §7.1 grammar are refused at their first wrong byte",
        arguments: [
            ("2 ", ProtocolViolation.Rule.chunkLineWhitespace, 1),
            ("2\t", .chunkLineWhitespace, 1),
            ("2;a=b ", .chunkLineWhitespace, 5),
            ("2;a ", .chunkLineWhitespace, 3),
            ("2;", .chunkExtension("an empty extension after ;"), 1),
            ("2; ", .chunkExtension("an empty extension after ;"), 1),
            ("2;;a", .chunkExtension("an empty extension after ;"), 2),
            ("2;a=", .chunkExtension("an empty extension value after ="), 4),
            ("2;a=;b", .chunkExtension("an empty extension value after ="), 4),
            ("2;a=b c", .chunkExtension("something other than ; after an extension value"), 6),
            ("2;a b", .chunkExtension("something other than = or ; after an extension name"), 4),
            ("2;a=\"b", .chunkExtension("a quoted value with no closing quote"), 6),
            ("2;a=\"b\"c", .chunkExtension("something other than ; after a quoted value"), 7),
            ("2;(", .chunkExtension("an extension name that is not a token"), 2),
            ("2x", .chunkExtension("something other than ; after the size"), 1),
            ("x", .chunkSize("it does not start with a hexadecimal digit"), 0),
            (" 2", .chunkSize("it does not start with a hexadecimal digit"), 0),
        ])
    func badChunkLines(line: String, rule: ProtocolViolation.Rule, offset: Int) {
        let start = chunkedHead.utf8.count
        expectResponseRefused(
            .badChunkSize, responseBytes(chunkedHead + line + "\r\nhi\r\n0\r\n\r\n"),
            ProtocolViolation(rule, at: start + offset))
    }

    @Test("trailers are parsed with the field grammar")
    func trailers() {
        let body = chunkedHead + "0\r\n"
        expectResponseRefused(
            .malformedHeader, responseBytes(body + "X-T : 1\r\n\r\n"),
            ProtocolViolation(.whitespaceBeforeColon, at: body.utf8.count + 3))
        let events = parseEveryWay(responseBytes(body + "X-T: 1\r\n 2\r\n\r\n"))
        #expect(
            events.contains {
                if case .trailers(let fields, _) = $0 {
                    return fields == [HeaderField(name: "X-T", value: "1 2")]
                } else {
                    return false
                }
            })
    }
}
