import Testing

@testable import SockshellCore

struct CurlCommandLineTests {
    private func message(_ text: String) -> String {
        do {
            _ = try CurlCommandLine.parse(text)
            return "no error"
        } catch {
            return error.message
        }
    }

    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    // MARK: shell words

    @Test func shellWordsQuoting() throws {
        #expect(
            try ShellWords.split(#"a 'b c' "d \"e\" \\ \$x \`" f\ g 'h'"i"j"#) == [
                "a", "b c", #"d "e" \ $x `"#, "f g", "hij",
            ])
        #expect(try ShellWords.split(#"'it'\''s' "a\nb""#) == ["it's", #"a\nb"#])
        #expect(try ShellWords.split("  \t ") == [])
        #expect(try ShellWords.split("$HOME ${x} ''") == ["$HOME", "${x}", ""])
    }

    @Test func shellWordsContinuationAndComments() throws {
        #expect(try ShellWords.split("curl \\\n  -s \\\r\n  http://x/ # a comment") == ["curl", "-s", "http://x/"])
        #expect(try ShellWords.split("ab\\\ncd \"e\\\nf\"") == ["abcd", "ef"])
        #expect(try ShellWords.split("a#b") == ["a#b"])
    }

    @Test func shellWordsANSIC() throws {
        #expect(
            try ShellWords.tokens(#"$'a\tb\x41\101\u00e9\'\\\n\r\e\cA'"#) == [
                .word(Array("a\tbAAé'\\\n\r".utf8) + [0x1B, 0x01])
            ])
        #expect(try ShellWords.tokens(#"$'\xff\x00'"#) == [.word([0xFF, 0x00])])
        #expect(try ShellWords.split(#"$"double $x""#) == ["double $x"])
    }

    @Test func shellWordsOperators() throws {
        #expect(
            try ShellWords.tokens("a | b && c;\nd") == [
                .word(bytes("a")), .control("|"), .word(bytes("b")), .control("&&"), .word(bytes("c")), .control(";"),
                .control("\n"), .word(bytes("d")),
            ])
        #expect(throws: CommandSyntaxError("unquoted '|' in the command: quote it ('|') if it is part of a word")) {
            try ShellWords.split("a | b")
        }
    }

    @Test func shellWordsErrors() {
        #expect(throws: CommandSyntaxError("unclosed single quote: add the closing ' at the end of the quoted text")) {
            try ShellWords.split("curl -d 'abc")
        }
        #expect(throws: CommandSyntaxError("unclosed double quote: add the closing \" at the end of the quoted text")) {
            try ShellWords.split("curl -d \"abc")
        }
        #expect(throws: CommandSyntaxError("unclosed $'...' quote: add the closing ' at the end of the quoted text")) {
            try ShellWords.split("curl -d $'abc")
        }
        #expect(throws: CommandSyntaxError("bad \\x escape in $'...': write one or two hex digits, as in \\x1b")) {
            try ShellWords.split(#"$'\xg'"#)
        }
        #expect(
            throws: CommandSyntaxError("bad \\u escape in $'...': write a Unicode code point in hex, as in \\u00e9")
        ) {
            try ShellWords.split(#"$'\uD800'"#)
        }
        #expect(throws: CommandSyntaxError("\\c in $'...' needs a letter after it, as in \\cA")) {
            try ShellWords.split(#"$'\c"#)
        }
    }

    // MARK: the tutorial's commands

    @Test func tutorialCreate() throws {
        let request = try CurlCommandLine.parse(
            #"""
            curl -XPOST --unix-socket /var/run/docker.sock -d '{"Image":"centos"}' \#
            -H 'Content-Type: application/json' http://localhost/containers/create
            """#
        )
        #expect(
            request
                == CurlRequest(
                    method: "POST", target: "/containers/create", hostHeader: "localhost",
                    headers: [HeaderField(name: "Content-Type", value: "application/json")],
                    body: .inline(bytes(#"{"Image":"centos"}"#)), unixSocket: "/var/run/docker.sock"))
    }

    @Test func tutorialStartAndEvents() throws {
        let start = try CurlCommandLine.parse(
            "curl --unix-socket /var/run/docker.sock -XPOST http://localhost/containers/ID/start")
        #expect(
            start
                == CurlRequest(
                    method: "POST", target: "/containers/ID/start", hostHeader: "localhost",
                    unixSocket: "/var/run/docker.sock"))
        let events = try CurlCommandLine.parse("curl --unix-socket /var/run/docker.sock http://localhost/events")
        #expect(
            events
                == CurlRequest(
                    method: "GET", target: "/events", hostHeader: "localhost", unixSocket: "/var/run/docker.sock"))
    }

    @Test func tutorialMultiLine() throws {
        let text = """
            curl -XPOST \\
              --unix-socket /var/run/docker.sock \\
              -d '{"Image":"centos"}' \\
              -H 'Content-Type: application/json' \\
              http://localhost/containers/create

            """
        let request = try CurlCommandLine.parse(text)
        #expect(request.method == "POST")
        #expect(request.target == "/containers/create")
        #expect(request.body == .inline(bytes(#"{"Image":"centos"}"#)))
        #expect(request.headers == [HeaderField(name: "Content-Type", value: "application/json")])
    }

    @Test func ccurlIsNotCurl() {
        #expect(!CurlCommandLine.isCurlLine("ccurl --unix-socket /x http://d/_ping"))
        #expect(CurlCommandLine.isCurlLine("curl http://d/_ping"))
        #expect(CurlCommandLine.isCurlLine("/usr/bin/curl http://d/_ping"))
        #expect(
            message("ccurl http://d/_ping")
                == """
                not a curl command: the line must start with curl, as in curl --unix-socket /var/run/docker.sock \
                http://localhost/_ping
                """
        )
    }

    // MARK: options

    @Test func methodRules() throws {
        #expect(try CurlCommandLine.parse("curl http://d/_ping").method == "GET")
        #expect(try CurlCommandLine.parse("curl -d x http://d/p").method == "POST")
        #expect(try CurlCommandLine.parse("curl -G -d x http://d/p").method == "GET")
        #expect(try CurlCommandLine.parse("curl -I http://d/_ping").method == "HEAD")
        #expect(try CurlCommandLine.parse("curl --head http://d/_ping").method == "HEAD")
        #expect(try CurlCommandLine.parse("curl -X PUT -d x http://d/p").method == "PUT")
        #expect(try CurlCommandLine.parse("curl --request DELETE http://d/p").method == "DELETE")
        #expect(try CurlCommandLine.parse("curl --request=PATCH http://d/p").method == "PATCH")
        #expect(try CurlCommandLine.parse("curl -I -X GET http://d/p").method == "GET")
    }

    @Test func combinedShortFlags() throws {
        // How curl prints is the session's view here: these flags are accepted, change nothing and are noted.
        var printing = CurlRequest(method: "GET", target: "/events", hostHeader: "d")
        printing.ignoredOptions = ["-s", "-S", "-N", "-i", "-v"]
        #expect(try CurlCommandLine.parse("curl -sSNiv http://d/events") == printing)
        #expect(try CurlCommandLine.parse("curl -sXPOST http://d/x").method == "POST")
        #expect(try CurlCommandLine.parse("curl -sX POST http://d/x").method == "POST")
        #expect(
            try CurlCommandLine.parse("curl -H'X-A: 1' -dabc http://d/x")
                == CurlRequest(
                    method: "POST", target: "/x", hostHeader: "d", headers: [HeaderField(name: "X-A", value: "1")],
                    body: .inline(bytes("abc"))))
    }

    @Test func longFlags() throws {
        let request = try CurlCommandLine.parse(
            "curl --silent --show-error --no-buffer --include --verbose --http1.1 --globoff --path-as-is http://d/x")
        var expected = CurlRequest(method: "GET", target: "/x", hostHeader: "d")
        expected.ignoredOptions = ["--silent", "--show-error", "--no-buffer", "--include", "--verbose"]
        #expect(request == expected)
        #expect(
            try CurlCommandLine.parse("curl --unix-socket=/run/d.sock --url http://d/x").unixSocket == "/run/d.sock")
        #expect(try CurlCommandLine.parse("curl --url=http://d/y").target == "/y")
        #expect(try CurlCommandLine.parse("curl -- http://d/z").target == "/z")
    }

    @Test func headers() throws {
        let request = try CurlCommandLine.parse(
            "curl -H 'X-A: 1' --header 'X-B:2' -H 'X-Empty;' -H 'Accept:' --header=X-C:\\ 3 http://d/x")
        #expect(
            request.headers == [
                HeaderField(name: "X-A", value: "1"), HeaderField(name: "X-B", value: "2"),
                HeaderField(name: "X-Empty", value: ""),
                HeaderField(name: "X-C", value: "3"),
            ])
        #expect(request.removedHeaders == ["Accept"])
        #expect(
            try CurlCommandLine.parse("curl -A 'me/1' http://d/x").headers == [
                HeaderField(name: "User-Agent", value: "me/1")
            ])
        #expect(
            try CurlCommandLine.parse("curl -A 'me/1' -H 'User-Agent: you/2' http://d/x").headers == [
                HeaderField(name: "User-Agent", value: "you/2")
            ])
    }

    @Test func dataJoinsWithAmpersand() throws {
        let request = try CurlCommandLine.parse(
            "curl -d a=1 --data b=2 --data-ascii c --data-raw @d --data-binary e http://d/x")
        #expect(request.body == .inline(bytes("a=1&b=2&c&@d&e")))
        #expect(try CurlCommandLine.parse("curl -d '' http://d/x").body == .inline([]))
    }

    @Test func dataFromFiles() throws {
        #expect(
            try CurlCommandLine.parse("curl -d @create.json http://d/x").body
                == .file("create.json", stripLineBreaks: true))
        #expect(
            try CurlCommandLine.parse("curl --data-binary @create.json http://d/x").body
                == .file("create.json", stripLineBreaks: false))
        #expect(
            try CurlCommandLine.parse("curl --json @create.json http://d/x").body
                == .file("create.json", stripLineBreaks: false))
        #expect(
            try CurlCommandLine.parse("curl --data-binary @- http://d/x").body == .file("-", stripLineBreaks: false))
        #expect(
            try CurlCommandLine.parse("curl --data-raw @create.json http://d/x").body == .inline(bytes("@create.json")))
        let mixed = try CurlCommandLine.parse("curl -d a=1 -d @f.txt http://d/x")
        let parts = [
            CurlDataPart(kind: .ascii, source: .bytes(bytes("a=1"))),
            CurlDataPart(kind: .ascii, source: .file("f.txt")),
        ]
        #expect(mixed.body == .parts(parts))
        let joined = CurlDataPart.join(parts, inQuery: false) { (_: String) -> [UInt8] in Array("a\r\nb\nc".utf8) }
        #expect(joined == bytes("a=1&abc"))
        let binary = CurlDataPart.join([CurlDataPart(kind: .binary, source: .file("f"))], inQuery: false) {
            (_: String) -> [UInt8] in Array("a\r\nb".utf8)
        }
        #expect(binary == bytes("a\r\nb"))
    }

    @Test func jsonOption() throws {
        let request = try CurlCommandLine.parse(#"curl --json '{"a":1}' --json '{"b":2}' http://d/x"#)
        #expect(request.method == "POST")
        #expect(request.body == .inline(bytes(#"{"a":1}{"b":2}"#)))
        #expect(
            request.headers == [
                HeaderField(name: "Content-Type", value: "application/json"),
                HeaderField(name: "Accept", value: "application/json"),
            ])
        let typed = try CurlCommandLine.parse(
            "curl -H 'Content-Type: text/plain' --json '[1]' -d a --json b http://d/x")
        #expect(
            typed.headers == [
                HeaderField(name: "Content-Type", value: "text/plain"),
                HeaderField(name: "Accept", value: "application/json"),
            ])
        #expect(typed.body == .inline(bytes("[1]&ab")))
    }

    @Test func getMovesDataToTheQuery() throws {
        let request = try CurlCommandLine.parse(
            "curl -G -d a=b --data-urlencode 'n=v w&' --data-urlencode '=x y' --data-urlencode 'z z' 'http://d/g?q=1'")
        #expect(request.method == "GET")
        #expect(request.body == nil)
        #expect(request.target == "/g?q=1&a=b&n=v+w%26&x+y&z+z")
        #expect(
            try CurlCommandLine.parse(
                #"curl --get --data-urlencode 'filters={"status":["exited"]}' http://d/containers/json"#
            ).target
                == "/containers/json?filters=%7B%22status%22%3A%5B%22exited%22%5D%7D")
        let withFile = try CurlCommandLine.parse("curl -G --data-urlencode f@f.txt http://d/g")
        #expect(withFile.target == "/g")
        #expect(withFile.queryData == [CurlDataPart(kind: .urlencode(name: "f"), source: .file("f.txt"))])
        #expect(CurlCommandLine.appendQuery("a=1", to: "/g?") == "/g?a=1")
    }

    @Test func urlencodeInTheBody() throws {
        let request = try CurlCommandLine.parse(
            "curl --data-urlencode 'a=~!*()-._' --data-urlencode 'b=é/ ' http://d/u")
        #expect(request.body == .inline(bytes("a=~%21%2A%28%29-._&b=%C3%A9%2F%20")))
        #expect(
            try CurlCommandLine.parse("curl --data-urlencode @f http://d/u").body
                == .parts([CurlDataPart(kind: .urlencode(name: nil), source: .file("f"))]))
    }

    @Test func urls() throws {
        func split(_ url: String) throws -> (String?, String) {
            let request = try CurlCommandLine.parse("curl '\(url)'")
            return (request.hostHeader, request.target)
        }
        #expect(try split("http://localhost/containers/json?all=1") == ("localhost", "/containers/json?all=1"))
        #expect(try split("http://d") == ("d", "/"))
        #expect(try split("http://d?x=1") == ("d", "/?x=1"))
        #expect(try split("http://h:2375/v1.41/info#frag") == ("h:2375", "/v1.41/info"))
        #expect(try split("HTTP://d/_ping") == ("d", "/_ping"))
        #expect(try split("http:/v1.41/_ping") == (nil, "/v1.41/_ping"))
        #expect(try split("localhost/_ping") == ("localhost", "/_ping"))
        #expect(try split("/_ping") == (nil, "/_ping"))
    }

    @Test func backgroundAmpersand() throws {
        #expect(try CurlCommandLine.parse("curl -N http://d/events &").background)
        #expect(try !CurlCommandLine.parse("curl 'http://d/x?a=1&b=2'").background)
    }

    // MARK: errors

    @Test func unknownOptionsAreNamed() {
        #expect(
            message("curl --compressed http://d/x")
                == """
                curl option --compressed is not supported by sockshell: it understands \
                \(CurlCommandLine.supportedOptions)
                """
        )
        #expect(
            message("curl -sLf -o out -O http://d/x")
                == """
                curl options -o, -O are not supported by sockshell: it understands \
                \(CurlCommandLine.supportedOptions)
                """
        )
        #expect(
            message("curl --max-time=5 http://d/x")
                == """
                curl option --max-time is not supported by sockshell: it understands \
                \(CurlCommandLine.supportedOptions)
                """
        )
    }

    @Test func errorMessages() {
        #expect(
            message("curl --unix-socket /x")
                == "curl needs a URL, e.g. curl --unix-socket /var/run/docker.sock http://localhost/_ping")
        #expect(
            message("curl http://d/a http://d/b")
                == """
                curl was given 2 URLs (http://d/a http://d/b): sockshell sends one request per line, so give one URL
                """
        )
        #expect(message("curl http://d/x -X") == "-X needs a method, e.g. -X POST")
        #expect(message("curl http://d/x --request") == "--request needs a method, e.g. -X POST")
        #expect(
            message("curl -X 'P OST' http://d/x") == "-X needs a method, e.g. -X POST ('P OST' is not an HTTP method)")
        #expect(message("curl http://d/x -H") == "-H needs a header, e.g. -H 'Content-Type: application/json'")
        #expect(
            message("curl http://d/x --unix-socket")
                == "--unix-socket needs a socket path, e.g. --unix-socket /var/run/docker.sock")
        #expect(
            message("curl --unix-socket '' http://d/x")
                == "--unix-socket needs a socket path, e.g. --unix-socket /var/run/docker.sock")
        #expect(message("curl http://d/x -d") == "-d needs data after it, e.g. -d '{\"Image\":\"busybox\"}'")
        #expect(message("curl http://d/x -A") == "-A needs a value, e.g. -A 'my-tool/1.0'")
        #expect(message("curl --url") == "--url needs a URL, e.g. --url http://localhost/_ping")
        #expect(message("curl --silent=yes http://d/x") == "curl option --silent takes no value: write --silent alone")
        #expect(
            message("curl -H 'bad header' http://d/x")
                == "bad header 'bad header': write it as Name: value, e.g. Content-Type: application/json")
        #expect(
            message("curl -H 'b d;' http://d/x")
                == "bad header name 'b d' in -H: a header name is a token with no spaces, e.g. X-Empty;")
        #expect(
            message("curl -H @headers.txt http://d/x")
                == "-H @file (headers from a file) is not supported by sockshell: give each header as -H 'Name: value'")
        #expect(
            message("curl -I -d x http://d/x") == "curl -I sends HEAD, which carries no data: drop -I, or drop -d/-G")
        #expect(
            message("curl https://d/x")
                == """
                https://d/x needs TLS, which sockshell does not speak: use http:// (a unix socket or a plain tcp \
                port)
                """
        )
        #expect(
            message("curl ftp://d/x") == "ftp://d/x uses ftp://: sockshell speaks HTTP only, so write an http:// URL")
        #expect(
            message("curl http://u:p@d/x")
                == """
                http://u:p@d/x has credentials in it, which sockshell does not turn into a header: send -H \
                'Authorization: Basic ...' instead
                """
        )
        #expect(message("curl ?x") == "'?x' is not a URL: write it as http://localhost/_ping")
        #expect(
            message("curl http://d/x?a=1&b=2")
                == """
                unquoted '&' in the curl command: a shell would cut the command there; put the URL in quotes, as \
                in 'http://localhost/containers/json?all=1&size=1'
                """
        )
        #expect(
            message("curl http://d/x | jq .")
                == """
                unquoted '|' in the curl command: sockshell runs one curl command, without pipes or redirections; \
                quote it if it belongs in an argument
                """
        )
        #expect(
            message("curl -XPOST\n http://d/x")
                == """
                the curl command goes on to a new line without a backslash: end every line but the last with \\ \
                (and nothing after it)
                """
        )
        #expect(message("curl -d 'x") == "unclosed single quote: add the closing ' at the end of the quoted text")
    }
}
