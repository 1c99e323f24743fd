import Testing

@testable import SockshellCore

struct TypedRequestLineTests {
    @Test func methodAndTargetAreTheFirstTwoWordsOfTheFirstLine() {
        let line = TypedRequestLine(Array("HEAD /_ping HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(line == TypedRequestLine(Array("HEAD /_ping HTTP/1.1".utf8)))
        #expect(line.method == "HEAD")
        #expect(line.target == "/_ping")
    }

    @Test func handTypedBytesAreReadLoosely() {
        #expect(TypedRequestLine(Array("GET  /a   HTTP/1.1\n".utf8)).target == "/a", "runs of spaces")
        #expect(TypedRequestLine(Array("GET\r\n/b HTTP/1.1".utf8)).target == "/", "no target on the first line")
        #expect(TypedRequestLine(Array("GET\r\n".utf8)).method == "GET")
        #expect(TypedRequestLine(Array(" GET /c".utf8)).method == "")
        #expect(TypedRequestLine([]).target == "/")
    }
}
