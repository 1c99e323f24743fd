import Testing

@testable import SockshellCore

struct RequestEncoderTests {
    let encoder = RequestEncoder(userAgent: "sockshell/test")

    private func text(_ request: EncodedRequest) -> String { String(decoding: request.bytes, as: UTF8.self) }

    @Test func getHasHostAndUserAgentAndNoLength() {
        let request = encoder.encode(method: "GET", target: "/_ping", sessionHeaders: [], requestHeaders: [], body: nil)
        #expect(text(request) == "GET /_ping HTTP/1.1\r\nHost: docker\r\nUser-Agent: sockshell/test\r\n\r\n")
    }

    @Test func jsonBodyGetsContentTypeAndLength() {
        let body = Array(#"{"Image":"centos"}"#.utf8)
        let request = encoder.encode(
            method: "POST", target: "/containers/create", sessionHeaders: [], requestHeaders: [], body: body)
        #expect(
            text(request)
                == """
                POST /containers/create HTTP/1.1\r\nHost: docker\r\nUser-Agent: sockshell/test\r\nContent-Type: \
                application/json\r\nContent-Length: 18\r\n\r\n{\"Image\":\"centos\"}
                """
        )
    }

    @Test func bodilessPostSaysLengthZero() {
        let request = encoder.encode(
            method: "POST", target: "/containers/x/start", sessionHeaders: [], requestHeaders: [], body: nil)
        #expect(text(request).hasSuffix("Content-Length: 0\r\n\r\n"))
    }

    @Test func userHeadersReplaceAutomaticOnesRequestWinningOverSession() {
        let request = encoder.encode(
            method: "POST", target: "/x",
            sessionHeaders: [
                HeaderField(name: "host", value: "api.moby.localhost"), HeaderField(name: "X-S", value: "1"),
            ],
            requestHeaders: [
                HeaderField(name: "X-S", value: "2"), HeaderField(name: "Content-Type", value: "text/plain"),
            ],
            body: Array("[1]".utf8))
        #expect(
            text(request)
                == """
                POST /x HTTP/1.1\r\nhost: api.moby.localhost\r\nUser-Agent: sockshell/test\r\nX-S: 2\r\n\
                Content-Type: text/plain\r\nContent-Length: 3\r\n\r\n[1]
                """
        )
    }

    @Test func unsafeTargetBytesArePercentEncodedOthersKept() {
        #expect(
            RequestEncoder.encodeTarget(#"/events?filters={"type":["container"]}"#)
                == "/events?filters=%7B%22type%22:[%22container%22]%7D")
        #expect(RequestEncoder.encodeTarget("/a%20b?x=1&y=é") == "/a%20b?x=1&y=%C3%A9")
    }

    @Test func idempotentMethods() {
        #expect(EncodedRequest(method: "GET", bytes: []).isIdempotent)
        #expect(EncodedRequest(method: "DELETE", bytes: []).isIdempotent)
        #expect(!EncodedRequest(method: "POST", bytes: []).isIdempotent)
    }
}
