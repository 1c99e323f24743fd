import Testing

@testable import SockshellCore

/// Each rule of Sources/SockshellCore/HTTP/Grammar.md, request side (what serve reads and a tap
/// forwards): read whole, split in two at every offset and one byte at a time, the same way.
struct StrictRequestGrammarTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    // MARK: §2.2 line endings

    @Test(
        "a bare LF is refused wherever a line ends, and accepted and named with lenient",
        arguments: [
            ("GET / HTTP/1.1\nHost: a\r\n\r\n", 14),
            ("GET / HTTP/1.1\r\nHost: a\n\r\n", 23),
            ("GET / HTTP/1.1\r\nHost: a\r\n\n", 25),
            ("\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", 0),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\nhi\r\n0\r\n\r\n", 57),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\n0\r\n\r\n", 61),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\nX: 1\n\r\n", 70),
        ])
    func bareLineFeeds(text: String, offset: Int) {
        expectRequestRefused(bytes(text), ProtocolViolation(.bareLF, at: offset))
        let lenient = readEveryWay(bytes(text), lenient: true)
        #expect(lenient.error == nil, "\(String(describing: lenient.error))")
        #expect(lenient.tolerated == [ProtocolViolation(.bareLF, at: offset)])
    }

    @Test("a bare CR is refused, lenient or not")
    func bareCarriageReturns() {
        expectRequestRefused(bytes("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n"), ProtocolViolation(.bareCR, at: 23))
        expectRequestRefused(
            bytes("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n"), ProtocolViolation(.bareCR, at: 23), lenient: true)
        expectRequestRefused(bytes("GE\rT / HTTP/1.1\r\nHost: a\r\n\r\n"), ProtocolViolation(.bareCR, at: 2))
        expectRequestRefused(bytes("GET /\r HTTP/1.1\r\nHost: a\r\n\r\n"), ProtocolViolation(.bareCR, at: 5))
    }

    @Test("one empty line before the request-line is ignored, a second refused")
    func emptyLines() {
        let one = readEveryWay(bytes("\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"))
        #expect(one.head?.target == "/")
        expectRequestRefused(
            bytes("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"), ProtocolViolation(.emptyLinesBeforeRequestLine, at: 2))
    }

    // MARK: §2.3, §3 request line

    @Test(
        "only HTTP/1.0 and HTTP/1.1; another version is answered 505", arguments: ["HTTP/1.2", "HTTP/2.0", "HTTP/0.9"])
    func otherVersions(version: String) {
        let reading = readEveryWay(bytes("GET / \(version)\r\nHost: a\r\n\r\n"))
        #expect(reading.error?.status == 505)
        #expect(reading.error?.violation == ProtocolViolation(.unsupportedVersion(version), at: 6))
    }

    @Test(
        "the request-line is method SP target SP version, exactly",
        arguments: [
            ("GET  / HTTP/1.1", ProtocolViolation.Rule.requestLine("more than one space after the method"), 4),
            ("GET / HTTP/1.1 ", .requestLine("more than two spaces"), 14),
            ("GET /  HTTP/1.1", .requestLine("more than two spaces"), 6),
            (
                "GET\t/ HTTP/1.1", .requestLine("it does not start with a method, a token such as GET, then one space"),
                3
            ),
            (
                " GET / HTTP/1.1", .requestLine("it does not start with a method, a token such as GET, then one space"),
                0
            ),
            ("GET /", .requestLine("no space and HTTP version after the request-target"), 5),
            ("GET / http/1.1", .requestLine("it does not end with an HTTP version such as HTTP/1.1"), 6),
            ("GET x HTTP/1.1", .requestTarget("it starts with neither / nor a URI scheme"), 4),
            ("GET * HTTP/1.1", .requestTarget("* is the target of OPTIONS only"), 4),
            ("CONNECT docker HTTP/1.1", .requestTarget("CONNECT takes host:port"), 8),
            ("GET /\u{7F} HTTP/1.1", .requestTarget("a control character or a non-ASCII byte; percent-encode it"), 5),
        ])
    func requestLines(line: String, rule: ProtocolViolation.Rule, offset: Int) {
        expectRequestRefused(bytes(line + "\r\nHost: a\r\n\r\n"), ProtocolViolation(rule, at: offset))
    }

    @Test(
        "the four target forms are read",
        arguments: ["GET /x?y=1", "OPTIONS *", "CONNECT docker:2375", "GET http://docker/_ping"])
    func targetForms(start: String) {
        let reading = readEveryWay(bytes(start + " HTTP/1.1\r\nHost: a\r\n\r\n"))
        #expect(reading.error == nil, "\(String(describing: reading.error))")
    }

    // MARK: §3.2 Host, §5 fields

    @Test("exactly one Host in an HTTP/1.1 request")
    func host() {
        expectRequestRefused(
            bytes("GET / HTTP/1.1\r\nA: b\r\n\r\n"),
            ProtocolViolation(.host("no Host field before the end of the head"), at: 22))
        expectRequestRefused(
            bytes("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n"),
            ProtocolViolation(.host("a second Host field"), at: 25))
        #expect(readEveryWay(bytes("GET / HTTP/1.0\r\n\r\n")).head?.version == "HTTP/1.0")
    }

    @Test("no whitespace before a colon, no obs-fold, no whitespace before the first field, no control characters")
    func fields() {
        expectRequestRefused(
            bytes("GET / HTTP/1.1\r\nHost : a\r\n\r\n"), ProtocolViolation(.whitespaceBeforeColon, at: 20))
        expectRequestRefused(
            bytes("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n 2\r\n\r\n"), ProtocolViolation(.obsFold, at: 31))
        expectRequestRefused(
            bytes("GET / HTTP/1.1\r\n Host: a\r\n\r\n"), ProtocolViolation(.whitespaceAfterStartLine, at: 16))
        expectRequestRefused(
            bytes("GET / HTTP/1.1\r\nHost: a\u{0}\r\n\r\n"), ProtocolViolation(.fieldValueControl, at: 23))
    }

    // MARK: §6 framing

    @Test("Transfer-Encoding with Content-Length is refused, in either order")
    func smuggling() {
        expectRequestRefused(
            bytes("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
            ProtocolViolation(.transferEncodingWithContentLength, at: 45))
        expectRequestRefused(
            bytes("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n"),
            ProtocolViolation(.transferEncodingWithContentLength, at: 54))
    }

    // MARK: §7.1 chunks

    private let chunkedHead = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"

    @Test(
        "chunk-size lines are judged by the §7.1 grammar, offsets counted from the request's first byte",
        arguments: [
            ("2 ", ProtocolViolation.Rule.chunkLineWhitespace, 1),
            ("2;", .chunkExtension("an empty extension after ;"), 1),
            ("2;a=", .chunkExtension("an empty extension value after ="), 4),
            ("zz", .chunkSize("it does not start with a hexadecimal digit"), 0),
        ])
    func chunkLines(line: String, rule: ProtocolViolation.Rule, offset: Int) {
        expectRequestRefused(
            bytes(chunkedHead + line + "\r\nhi\r\n0\r\n\r\n"),
            ProtocolViolation(rule, at: chunkedHead.utf8.count + offset))
    }

    @Test("good chunk extensions and trailers are skipped to the body's end")
    func goodChunks() {
        let reading = readEveryWay(bytes(chunkedHead + "2 ; a = \"b\"\r\nhi\r\n0;last\r\nX-T: 1\r\n\r\n"))
        #expect(reading.error == nil, "\(String(describing: reading.error))")
        #expect(reading.bodyBytes == 2)
    }

    @Test("request trailers: field grammar, obs-fold refused")
    func trailers() {
        let body = chunkedHead + "0\r\nX-T: 1\r\n"
        expectRequestRefused(bytes(body + " 2\r\n\r\n"), ProtocolViolation(.obsFold, at: body.utf8.count))
        expectRequestRefused(
            bytes(chunkedHead + "0\r\nX-T : 1\r\n\r\n"),
            ProtocolViolation(.whitespaceBeforeColon, at: chunkedHead.utf8.count + 6))
    }
}
