import Testing

@testable import SockshellCore

struct HTTPFileParserTests {
    @Test func requestLineHeadersAndBodyBetweenSeparators() throws {
        let file = try HTTPFileParser.parse(
            """
            ### list them
            GET http://localhost/containers/json HTTP/1.1
            Accept: application/json

            ###
            POST /containers/create
            Content-Type: application/json

            {"Image": "busybox"}

            """)
        #expect(file.requests.count == 2)
        #expect(file.requests[0].method == "GET")
        #expect(file.requests[0].url == "http://localhost/containers/json")
        #expect(file.requests[0].version == "HTTP/1.1")
        #expect(file.requests[0].headers == [HTTPFile.Header(name: "Accept", value: "application/json", line: 3)])
        #expect(file.requests[0].body.isEmpty)
        #expect(file.requests[1].line == 6)
        #expect(file.requests[1].body == [.text("{\"Image\": \"busybox\"}", line: 9)])
    }
}
