import Testing

@testable import SockshellCore

struct CurlExportTests {
    private let socket = Endpoint.unix(path: "/var/run/docker.sock")

    private func request(_ head: String, body: String = "") -> [UInt8] {
        Array((head.replacingCRLF() + body).utf8)
    }

    /// Parses the exported command back and checks it asks for the same request.
    private func roundTrip(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let command = CurlExport.command(for: bytes, endpoint: socket)
        let parsed = try CurlCommandLine.parse(command)
        let text = String(decoding: bytes, as: UTF8.self)
        let head = text.split(separator: "\r\n\r\n", maxSplits: 1, omittingEmptySubsequences: false)
        let lines = head[0].split(separator: "\r\n").map(String.init)
        let requestLine = lines[0].split(separator: " ")
        #expect(parsed.method == String(requestLine[0]), sourceLocation: sourceLocation)
        #expect(parsed.target == String(requestLine[1]), sourceLocation: sourceLocation)
        #expect(parsed.unixSocket == "/var/run/docker.sock", sourceLocation: sourceLocation)
        let sent = lines.dropFirst().map { line -> HeaderField in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            return HeaderField(
                name: String(line[..<colon]), value: line[line.index(after: colon)...].trimmingWhitespace())
        }
        var parsedHeaders = parsed.headers
        if let host = parsed.hostHeader, !parsedHeaders.contains(where: { $0.name == "Host" }) {
            parsedHeaders.insert(HeaderField(name: "Host", value: host), at: 0)
        }
        #expect(parsedHeaders.array == sent, sourceLocation: sourceLocation)
        let body = Array(bytes[(head[0].utf8.count + 4)...])
        #expect(parsed.body == (body.isEmpty ? nil : .inline(body)), sourceLocation: sourceLocation)
    }

    /// `GET /_ping HTTP/1.0` typed: curl sends the same head with --http1.0, and a pasted
    /// --http1.0 is sent as HTTP/1.0 again.
    @Test func anHTTP10RequestUsesCurlsHTTP10() throws {
        let bytes = request("GET /_ping HTTP/1.0\nHost: docker\nUser-Agent: sockshell/0.1\n\n")
        let command = CurlExport.command(for: bytes, endpoint: socket)
        #expect(command.hasPrefix("curl --http1.0 --unix-socket /var/run/docker.sock "))
        try roundTrip(bytes)
        #expect(try CurlCommandLine.parse(command).version == "HTTP/1.0")
        #expect(
            try RequestCommand(curl: CurlCommandLine.parse(command), fileContents: { _ in [] }).version == "HTTP/1.0")
        #expect(CurlExport.httpFileBlock(for: bytes).hasPrefix("GET http://docker/_ping HTTP/1.0\n"))
    }

    @Test func getWithSockshellHeaders() throws {
        let bytes = request("GET /containers/json?all=1 HTTP/1.1\nHost: docker\nUser-Agent: sockshell/0.1\n\n")
        #expect(
            CurlExport.command(for: bytes, endpoint: socket)
                == """
                curl --http1.1 --unix-socket /var/run/docker.sock -H Accept: -H 'User-Agent: sockshell/0.1' \
                'http://docker/containers/json?all=1'
                """
        )
        try roundTrip(bytes)
    }

    @Test func postWithJSONBody() throws {
        let body = #"{"Image":"centos","Cmd":["echo","it's"]}"#
        let bytes = request(
            """
            POST /containers/create HTTP/1.1\nHost: docker\nUser-Agent: sockshell/0.1\nContent-Type: \
            application/json\nContent-Length: \(body.utf8.count)\n\n
            """,
            body: body)
        let command = CurlExport.command(for: bytes, endpoint: socket)
        #expect(
            command
                == #"""
                curl --http1.1 --unix-socket /var/run/docker.sock -H Accept: -H 'User-Agent: sockshell/0.1' \#
                -H 'Content-Type: application/json' -H 'Content-Length: 40' -H Expect: \#
                --data-binary '{"Image":"centos","Cmd":["echo","it'\''s"]}' http://docker/containers/create
                """#
        )
        try roundTrip(bytes)
    }

    @Test func methodsAndSpecialTargets() throws {
        try roundTrip(request("DELETE /containers/x?force=1 HTTP/1.1\nHost: docker\nUser-Agent: s\n\n"))
        try roundTrip(request("POST /containers/x/start HTTP/1.1\nHost: docker\nUser-Agent: s\nContent-Length: 0\n\n"))
        try roundTrip(
            request("GET /x HTTP/1.1\nHost: docker\nContent-Type: text/plain\nContent-Length: 3\n\n", body: "abc"))
        try roundTrip(request("PROPFIND /a/../b HTTP/1.1\nHost: a b\nAccept: */*\nX-Empty:\n\n"))
        let head = CurlExport.command(for: request("HEAD /_ping HTTP/1.1\nHost: docker\n\n"), endpoint: socket)
        #expect(
            head == "curl --http1.1 --unix-socket /var/run/docker.sock -I -H User-Agent: -H Accept: http://docker/_ping"
        )
        try roundTrip(request("HEAD /_ping HTTP/1.1\nHost: docker\n\n"))
        let odd = CurlExport.command(
            for: request("PROPFIND /a/../{b} HTTP/1.1\nHost: a b\nX-Empty:\n\n"), endpoint: socket)
        #expect(
            odd
                == """
                curl --http1.1 --unix-socket /var/run/docker.sock -X PROPFIND -g --path-as-is -H 'Host: a b' -H \
                User-Agent: -H Accept: -H 'X-Empty;' 'http://localhost/a/../{b}'
                """
        )
    }

    @Test func bodyQuoting() throws {
        try roundTrip(request("POST /x HTTP/1.1\nHost: docker\nContent-Length: 7\n\n", body: "a\tb\r\n\u{1B}é"))
        try roundTrip(request("POST /x HTTP/1.1\nHost: docker\nContent-Length: 7\n\n", body: "@file"))
        #expect(
            CurlExport.command(
                for: request("POST /x HTTP/1.1\nHost: d\nContent-Length: 5\n\n", body: "@file"), endpoint: socket
            ).contains("--data-raw @file"))
        #expect(ShellWord.quote([0x61, 0x0A, 0xFF, 0x27, 0x5C]) == #"$'a\n\xff\'\\'"#)
        #expect(ShellWord.quote([]) == "''")
        #expect(ShellWord.quote(Array("é ok".utf8)) == "'é ok'")
        var bytes = request("POST /x HTTP/1.1\nHost: docker\nContent-Length: 4\n\n")
        bytes += [0x00, 0xFF, 0xFE, 0x25]
        let parsed = try CurlCommandLine.parse(
            String(CurlExport.command(for: bytes, endpoint: socket).split(separator: " | ", maxSplits: 1)[1]))
        #expect(parsed.body == .file("-", stripLineBreaks: false))
        #expect(CurlExport.command(for: bytes, endpoint: socket).hasPrefix(#"printf '\000\377\376%%' | curl"#))
    }

    @Test func tcpEndpoint() {
        let command = CurlExport.command(
            for: request("GET /_ping HTTP/1.1\nHost: docker\nUser-Agent: s\nAccept: */*\n\n"),
            endpoint: .tcp(host: "127.0.0.1", port: 2375))
        #expect(
            command
                == "curl --http1.1 -H 'Host: docker' -H 'User-Agent: s' -H 'Accept: */*' http://127.0.0.1:2375/_ping")
    }

    @Test func tlsEndpointsGetTheirCAAndClientCertificateOrK() {
        let ping = request("GET /_ping HTTP/1.1\nHost: docker\nUser-Agent: s\nAccept: */*\n\n")
        let verified = TLSEndpoint(
            host: "127.0.0.1", caFile: "/c/ca.pem", certFile: "/c/cert.pem", keyFile: "/c/key.pem")
        #expect(
            CurlExport.command(for: ping, endpoint: .tls(verified))
                == """
                curl --http1.1 --cacert /c/ca.pem --cert /c/cert.pem --key /c/key.pem -H 'Host: docker' -H \
                'User-Agent: s' -H 'Accept: */*' https://127.0.0.1:2376/_ping
                """)
        let skipped = TLSEndpoint(host: "h", port: 1, verifies: false)
        #expect(
            CurlExport.command(for: ping, endpoint: .tls(skipped))
                == "curl --http1.1 -k -H 'Host: docker' -H 'User-Agent: s' -H 'Accept: */*' https://h:1/_ping")
        #expect(
            CurlExport.command(for: Array("hello\n".utf8), endpoint: .tls(verified)).hasSuffix(
                "| socat - OPENSSL:127.0.0.1:2376,cafile=/c/ca.pem,cert=/c/cert.pem,key=/c/key.pem"))
    }

    @Test func fallbackForWhatCurlCannotSend() {
        let chunked = request("POST /x HTTP/1.1\nHost: d\nTransfer-Encoding: chunked\n\n", body: "0\r\n\r\n")
        #expect(
            CurlExport.command(for: chunked, endpoint: socket)
                == """
                # curl cannot send these exact bytes (curl would chunk the body again itself); this sends them as \
                they are:\n
                """
                    + #"""
                    printf 'POST /x HTTP/1.1\015\012Host: d\015\012Transfer-Encoding: \#
                    chunked\015\012\015\012\060\015\012\015\012' | socat - UNIX-CONNECT:/var/run/docker.sock
                    """#
                .replacingOccurrences("\\060", "0"))
        let garbage: [UInt8] = Array("hello\n".utf8)
        #expect(
            CurlExport.command(for: garbage, endpoint: .tcp(host: "h", port: 1)).hasPrefix(
                "# curl cannot send these exact bytes (the head does not end with an empty CRLF line)"))
        #expect(
            CurlExport.command(for: request("GET /x HTTP/2.0\n\n"), endpoint: socket).contains(
                "(the request line is not METHOD /target HTTP/1.1 or HTTP/1.0)"))
        #expect(
            CurlExport.command(for: request("GET /x HTTP/1.1\nUser-Agent: a\nHost: d\n\n"), endpoint: socket).contains(
                "(Host is not the first header, and curl always writes it first)"))
    }

    @Test func httpFileBlock() {
        let bytes = request(
            "POST /containers/create HTTP/1.1\nHost: docker\nContent-Type: application/json\nContent-Length: 18\n\n",
            body: #"{"Image":"centos"}"#)
        #expect(
            CurlExport.httpFileBlock(for: bytes) == """
                POST http://docker/containers/create
                Content-Type: application/json
                Content-Length: 18

                {"Image":"centos"}
                ###

                """)
        #expect(
            CurlExport.httpFileBlock(for: request("GET /_ping HTTP/1.1\n\n")) == "GET http://localhost/_ping\n###\n")
        #expect(
            CurlExport.httpFileBlock(for: Array("junk".utf8))
                == "# sockshell: these bytes are not an HTTP/1.1 request a .http file can hold:\n# junk\n###\n")
    }
}

extension String {
    fileprivate func replacingCRLF() -> String {
        var out = ""
        for character in self { if character == "\n" { out += "\r\n" } else { out.append(character) } }
        return out
    }

    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
