import Testing

@testable import SockshellCore

/// A curl line and the files it names in, the bytes sockshell sends out.
struct CurlRequestCommandTests {
    private struct MissingFile: Error, Equatable { var path: String }

    private func sent(_ line: String, files: [String: String] = [:]) throws -> String {
        let curl = try CurlCommandLine.parse(line)
        let request = try RequestCommand(curl: curl) { (path: String) throws(MissingFile) -> [UInt8] in
            guard let text = files[path] else { throw MissingFile(path: path) }
            return Array(text.utf8)
        }
        guard case .inline(let body) = request.body else {
            #expect(request.body == .none, "a curl request's body is read when it is converted")
            return try sent(request, body: nil)
        }
        return try sent(request, body: body)
    }

    private func sent(_ request: RequestCommand, body: [UInt8]?) throws -> String {
        let encoded = RequestEncoder(userAgent: "ua/1").encode(
            method: request.method, target: request.target, sessionHeaders: [], requestHeaders: request.headers,
            removedHeaders: request.removedHeaders, body: body)
        return String(decoding: encoded.bytes, as: UTF8.self)
    }

    @Test func theURLsHostIsSentAsHostAndDataAsAForm() throws {
        #expect(
            try sent("curl -d a=1 -d b=2 http://localhost:2375/x")
                == "POST /x HTTP/1.1\r\nHost: localhost:2375\r\nUser-Agent: ua/1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\na=1&b=2")
        #expect(try sent("curl -H 'Host: h' http://d/x") == "GET /x HTTP/1.1\r\nHost: h\r\nUser-Agent: ua/1\r\n\r\n")
    }

    @Test func filesAreReadAsCurlReadsThem() throws {
        let files = ["f.txt": "a\r\nb\n", "q": "x y"]
        #expect(
            try sent("curl -d @f.txt -H 'Content-Type: text/plain' http://d/x", files: files)
                == "POST /x HTTP/1.1\r\nHost: d\r\nUser-Agent: ua/1\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 2\r\n\r\nab")
        #expect(
            try sent("curl --data-binary @f.txt -H 'Content-Type: text/plain' http://d/x", files: files)
                == "POST /x HTTP/1.1\r\nHost: d\r\nUser-Agent: ua/1\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 5\r\n\r\na\r\nb\n")
        #expect(
            try sent("curl -G --data-urlencode n@q -d k=v 'http://d/g?a=1'", files: files)
                == "GET /g?a=1&n=x+y&k=v HTTP/1.1\r\nHost: d\r\nUser-Agent: ua/1\r\n\r\n")
        #expect(throws: MissingFile(path: "gone.json")) { try sent("curl -d @gone.json http://d/x") }
    }

    /// curl's `-H 'Name:'` sends no such header, not even the one it would add itself; sockshell used to
    /// parse the name and send its automatic header anyway.
    @Test func anEmptyHeaderRemovesItEvenTheAutomaticOne() throws {
        #expect(try sent("curl -H 'User-Agent:' -H 'Host:' http://d/x") == "GET /x HTTP/1.1\r\n\r\n")
        #expect(
            try sent("curl -d x -H 'Content-Type:' -H 'content-length:' http://d/x")
                == "POST /x HTTP/1.1\r\nHost: d\r\nUser-Agent: ua/1\r\n\r\nx")
        #expect(try sent("curl -A me -H 'user-agent:' http://d/x") == "GET /x HTTP/1.1\r\nHost: d\r\n\r\n")
    }
}
