import Testing

@testable import SockshellCore

/// The request side `sockshell serve` reads with `HTTPMessageReader.request`: heads, and bodies
/// read past to the next request.
struct RequestReadingTests {
    private static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Feeds `input` cut at `cut` (and everything at once when cut is nil); the head and how many
    /// bytes it took, or the error.
    private static func readHead(_ input: [UInt8], cut: Int? = nil) -> Result<
        (head: RequestHead?, consumed: Int), RequestReadError
    > {
        var reader = HTTPMessageReader.request()
        var consumed = 0
        var start = 0
        for end in [cut, input.count].compactMap({ $0 }) {
            do throws(MessageParseError) {
                let (taken, events) = try reader.read(input[start..<end])
                consumed += taken
                if let head = events.requestHead { return .success((head, consumed)) }
            } catch {
                return .failure(RequestReadError(error))
            }
            start = end
        }
        return .success((nil, consumed))
    }

    private static let createRequest = bytes(
        """
        POST /v1.41/containers/create?name=web HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n\
        Content-Length: 18\r\n\r\n{\"Image\":\"centos\"}GET /_ping HTTP/1.1\r\n
        """
    )

    @Test("a head split at every offset reads the same, stopping at its blank line")
    func everySplit() throws {
        let whole = try Self.readHead(Self.createRequest).get()
        let head = try #require(whole.head)
        #expect(head.method == "POST")
        #expect(head.target == "/v1.41/containers/create?name=web")
        #expect(head.version == "HTTP/1.1")
        #expect(head.headers.map(\.name) == ["Host", "Content-Type", "Content-Length"])
        #expect(head.body == .contentLength(18))
        #expect(head.keepAlive)
        #expect(!head.expectsContinue)
        let headLength = Self.createRequest.firstRange(of: Self.bytes("\r\n\r\n"))!.upperBound
        #expect(whole.consumed == headLength)
        for cut in 0...Self.createRequest.count {
            let split = try Self.readHead(Self.createRequest, cut: cut).get()
            #expect(split.head == head, "cut at \(cut)")
            #expect(split.consumed == headLength, "cut at \(cut)")
        }
    }

    @Test("an incomplete head is not an error: nil until the blank line")
    func incomplete() throws {
        var reader = HTTPMessageReader.request()
        #expect(reader.headBytesSoFar == nil)
        let (taken, events) = try reader.read(Self.bytes("GET /_ping HTTP/1.1\r\nHost: d")[...])
        #expect(taken == 28)
        #expect(events.isEmpty)
        #expect(reader.headBytesSoFar == 28)
        let (more, done) = try reader.read(Self.bytes("ocker\r\n\r\n")[...])
        #expect(more == 9)
        #expect(done.requestHead?.target == "/_ping")
        #expect(done.requestHead?.body == RequestBodyFraming.none)
        #expect(reader.isComplete)
    }

    @Test("one empty line before the request line is ignored (RFC 9112 §2.2), a second refused")
    func leadingEmptyLines() throws {
        let head = try Self.readHead(Self.bytes("\r\nGET /_ping HTTP/1.1\r\nHost: x\r\n\r\n")).get().head
        #expect(head?.method == "GET")
        #expect(head?.byteCount == 34)
        let twice = Self.readHead(Self.bytes("\r\n\r\nGET /_ping HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(throws: RequestReadError(ProtocolViolation(.emptyLinesBeforeRequestLine, at: 2))) { try twice.get() }
    }

    @Test(
        "keep-alive follows the version and Connection",
        arguments: [
            ("HTTP/1.1", "", true),
            ("HTTP/1.1", "Connection: close\r\n", false),
            ("HTTP/1.1", "Connection: Keep-Alive, CLOSE\r\n", false),
            ("HTTP/1.0", "", false),
            ("HTTP/1.0", "Connection: keep-alive\r\n", true),
        ])
    func keepAlive(version: String, field: String, expected: Bool) throws {
        let head = try Self.readHead(Self.bytes("GET / \(version)\r\nHost: x\r\n\(field)\r\n")).get().head
        #expect(head?.keepAlive == expected)
    }

    @Test("body framing: chunked, Content-Length, none; Expect: 100-continue only with a body")
    func framing() throws {
        func head(_ fields: String) throws -> RequestHead? {
            try Self.readHead(Self.bytes("POST /x HTTP/1.1\r\nHost: x\r\n\(fields)\r\n")).get().head
        }
        #expect(try head("Transfer-Encoding: chunked\r\n")?.body == .chunked)
        #expect(try head("Transfer-Encoding: gzip, chunked\r\n")?.body == .chunked)
        #expect(try head("Content-Length: 5, 5\r\n")?.body == .contentLength(5))
        #expect(try head("Content-Length: 0\r\n")?.body == RequestBodyFraming.none)
        #expect(try head("")?.body == RequestBodyFraming.none)
        #expect(try head("Content-Length: 5\r\nExpect: 100-continue\r\n")?.expectsContinue == true)
        #expect(try head("Expect: 100-continue\r\n")?.expectsContinue == false)
    }

    @Test(
        "malformed heads are refused with a status and a sentence, however the bytes were split",
        arguments: [
            (
                "GET /x\r\n\r\n", 400,
                "malformed request-line (no space and HTTP version after the request-target) at byte 6"
            ),
            (
                "GET  /x HTTP/1.1\r\n\r\n", 400,
                "malformed request-line (more than one space after the method) at byte 4"
            ),
            (
                "G(T /x HTTP/1.1\r\n\r\n", 400,
                "(it does not start with a method, a token such as GET, then one space) at byte 1"
            ),
            ("\u{16}\u{03}\u{01}\u{02}\u{00}", 400, "does not start with a method"),
            (
                "GET /x HTTP/1.1\r\n\r\n", 400,
                """
                not HTTP/1.1: no Host field before the end of the head at byte 17 (RFC 9112 §3.2 requires exactly \
                one Host field in an HTTP/1.1 request, e.g. Host: docker)
                """
            ),
            ("GET /x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "a second Host field at byte 26"),
            ("GET /x HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400, "obsolete line folding at byte 26"),
            ("GET /x HTTP/1.1\r\nHost a\r\n\r\n", 400, "no colon after the field name"),
            (
                "GET /x HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400,
                "Transfer-Encoding with Content-Length at byte 45"
            ),
            (
                "GET /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 400,
                "Transfer-Encoding that does not end in chunked"
            ),
            (
                "GET /x HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400,
                "malformed Content-Length (not a non-negative decimal number)"
            ),
            (
                "GET /x HTTP/1.1\r\nHost: a\r\nContent-Length: 1, 2\r\n\r\n", 400,
                "malformed Content-Length (differing values 1 and 2)"
            ),
            (
                "GET /x HTTP/1.1\r\nHost: a\r\nContent-Length: 67108865\r\n\r\n", 413,
                "larger than the limit of 67108864 bytes"
            ),
            ("GET /x HTTP/x.1\r\n\r\n", 400, "does not end with an HTTP version"),
            ("PRI * HTTP/2.0\r\n\r\n", 505, "version HTTP/2.0 at byte 6"),
            ("GET /a\u{7F}b HTTP/1.1\r\n\r\n", 400, "control character"),
        ])
    func malformed(text: String, status: Int, message: String) {
        let input = Self.bytes(text)
        for cut in [nil] + Array(0...input.count) {
            switch Self.readHead(input, cut: cut) {
            case .success(let result):
                Issue.record(
                    """
                    read \(String(describing: result.head)) from \(text.debugDescription), cut at \
                    \(String(describing: cut))
                    """
                )
            case .failure(let error):
                #expect(error.status == status, "cut at \(String(describing: cut))")
                #expect(error.message.contains(message), "cut at \(String(describing: cut)): \(error.message)")
            }
        }
    }

    @Test("a head over 1 MiB is refused with 431 as soon as it passes the limit, line or no line")
    func headLimit() {
        var reader = HTTPMessageReader.request()
        let start = Self.bytes("GET /x HTTP/1.1\r\nHost: x\r\nX-Big: ")
        do throws(MessageParseError) {
            _ = try reader.read(start[...])
            let block = [UInt8](repeating: UInt8(ascii: "a"), count: 64 * 1024)
            var fed = start.count
            while fed <= RequestLimits.maxHeadBytes + block.count {
                _ = try reader.read(block[...])
                fed += block.count
            }
            Issue.record("no error after \(fed) bytes")
        } catch {
            #expect(RequestReadError(error).status == 431)
            #expect(error.message.contains("larger than the limit of 1048576 bytes"))
        }
        // A request line alone that never ends is refused the same way.
        let endless = [UInt8](repeating: UInt8(ascii: "a"), count: RequestLimits.maxHeadBytes + 10)
        switch Self.readHead(Self.bytes("GET /") + endless) {
        case .success: Issue.record("an endless request line was accepted")
        case .failure(let error): #expect(error.status == 431)
        }
    }

    // MARK: bodies

    /// A request head announcing `framing`, for the body tests.
    private static func head(for framing: RequestBodyFraming) -> [UInt8] {
        switch framing {
        case .none: return bytes("POST /x HTTP/1.1\r\nHost: x\r\n\r\n")
        case .contentLength(let length):
            return bytes("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: \(length)\r\n\r\n")
        case .chunked: return bytes("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        }
    }

    /// Reads a head announcing `framing`, then `body` fed cut at `cut`; the body bytes taken
    /// (as sent) and whether the request ended, or the error.
    private static func skip(_ framing: RequestBodyFraming, _ body: [UInt8], cut: Int? = nil) -> Result<
        (taken: Int, done: Bool), RequestReadError
    > {
        var reader = HTTPMessageReader.request()
        let head = Self.head(for: framing)
        var taken = 0
        var start = 0
        do throws(MessageParseError) {
            _ = try reader.read(head[...])
            for end in [cut, body.count].compactMap({ $0 }) {
                taken += try reader.read(body[start..<end]).consumed
                if reader.isComplete { break }
                start = end
            }
        } catch {
            return .failure(RequestReadError(error))
        }
        return .success((taken, reader.isComplete))
    }

    @Test("a Content-Length body is read to its last byte, at every split")
    func contentLengthBody() throws {
        let input = Self.bytes("{\"Image\":\"centos\"}GET /_ping")
        for cut in 0...input.count {
            let result = try Self.skip(.contentLength(18), input, cut: cut).get()
            #expect(result.taken == 18, "cut at \(cut)")
            #expect(result.done)
        }
        #expect(try Self.skip(.none, []).get().done)
    }

    @Test("a chunked body is decoded just to find its end, trailers included, at every split")
    func chunkedBody() throws {
        let body = Self.bytes("5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n")
        let input = body + Self.bytes("GET /_ping HTTP/1.1\r\n")
        for cut in 0...input.count {
            let result = try Self.skip(.chunked, input, cut: cut).get()
            #expect(result.taken == body.count, "cut at \(cut)")
            #expect(result.done, "cut at \(cut)")
        }
        let reading = readEveryWay(Self.head(for: .chunked) + body)
        #expect(reading.bodyBytes == 11)
    }

    @Test("a malformed chunked body is a 400 naming the problem, at its byte in the request")
    func malformedChunked() {
        let input = Self.bytes("zz\r\nhello\r\n0\r\n\r\n")
        let bodyStart = Self.head(for: .chunked).count
        for cut in [nil] + Array(0...input.count) {
            switch Self.skip(.chunked, input, cut: cut) {
            case .success: Issue.record("accepted, cut at \(String(describing: cut))")
            case .failure(let error):
                #expect(error.status == 400)
                #expect(
                    error.violation
                        == ProtocolViolation(.chunkSize("it does not start with a hexadecimal digit"), at: bodyStart),
                    "\(error.message)")
            }
        }
    }

    @Test(
        """
        a chunked body over 64 MiB is refused with 413: at a size line that passes the limit, or as small chunks add up
        """
    )
    func chunkedLimit() throws {
        let oneChunk = Self.skip(.chunked, Self.bytes("\(String(RequestLimits.maxBodyBytes + 1, radix: 16))\r\n"))
        #expect(throws: RequestReadError.self) { try oneChunk.get() }
        if case .failure(let error) = oneChunk {
            #expect(error.status == 413)
            #expect(error.message.contains("larger than the limit of 67108864 bytes"))
        }

        var manyChunks = HTTPMessageReader.request()
        let chunk = Self.bytes("100000\r\n") + [UInt8](repeating: 0x61, count: 1024 * 1024) + Self.bytes("\r\n")
        var sent = 0
        do throws(MessageParseError) {
            _ = try manyChunks.read(Self.head(for: .chunked)[...])
            while sent <= 65 {
                _ = try manyChunks.read(chunk[...])
                sent += 1
            }
            Issue.record("no error after \(sent) MiB")
        } catch {
            #expect(RequestReadError(error).status == 413)
            #expect(sent == 64, "refused after \(sent) MiB")
        }
    }
}
