import Testing

@testable import SockshellCore

/// A record kept from a `--lenient` exchange is parsed the same way when shown again (`show N`,
/// `replay --show`), its body decoded and its bare LFs named; a strict record of the same bytes is not.
struct LenientRecordTests {
    private func record(lenient: Bool) -> ExchangeRecord {
        var record = ExchangeRecord(number: 1, endpoint: .unix(path: "/tmp/x.sock"), method: "GET", target: "/_ping")
        record.lenient = lenient
        record.append(.sent, at: 0, bytes: Array("GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n".utf8)[...])
        record.append(.received, at: 1, bytes: Array("HTTP/1.1 200 OK\nContent-Length: 2\n\nOK".utf8)[...])
        return record
    }

    @Test("a lenient record shows again with its remark and body")
    func lenientRecord() {
        let shown = String(
            decoding: RecordedExchangeRendering.render(record(lenient: true), options: RenderOptions()), as: UTF8.self)
        #expect(shown.contains("* lenient: bare LF at bytes 15, 33, 34"), "\(shown)")
        #expect(shown.contains("200 OK"))
        #expect(record(lenient: true).responseBody == Array("OK".utf8))
    }

    @Test("a strict record of the same bytes does not parse")
    func strictRecord() {
        let shown = String(
            decoding: RecordedExchangeRendering.render(record(lenient: false), options: RenderOptions()), as: UTF8.self)
        #expect(!shown.contains("lenient"))
        #expect(record(lenient: false).responseBody.isEmpty)
    }
}
