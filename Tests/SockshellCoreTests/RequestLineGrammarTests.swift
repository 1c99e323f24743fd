import Testing

@testable import SockshellCore

/// One test per rule of the request-line grammar (`RequestLineParser`, `help GET`, the README's
/// "Request lines"), and every sentence it refuses a line with.
struct RequestLineGrammarTests {
    private func request(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> RequestCommand {
        guard case .complete(.request(let request)) = try CommandParser.parse(text) else {
            Issue.record("expected a complete request for \(text)", sourceLocation: sourceLocation)
            return RequestCommand(method: "", target: "")
        }
        return request
    }

    private func message(_ text: String) -> String { syntaxErrorMessage(text) }

    private func json(_ text: String) -> RequestBody { .inline(Array(text.utf8)) }

    // MARK: the target

    @Test func bracketsAndBracesInTheTargetKeepItsSpaces() throws {
        let typed = #"/containers/json?filters={"label": ["a b"], "status": ["running"]}"#
        #expect(try request("GET \(typed)") == RequestCommand(method: "GET", target: typed))
        // Brackets inside a JSON string are the string's; a stray closer is sent as typed.
        #expect(try request(#"GET /x?f={"a":"} ]"}"#).target == #"/x?f={"a":"} ]"}"#)
        #expect(try request("GET /x?a=] &").target == "/x?a=]")
        #expect(
            try request("GET /x?a=[1]&b={2} &")
                == RequestCommand(method: "GET", target: "/x?a=[1]&b={2}", background: true))
    }

    @Test func aQuotedTargetMayHoldAnything() throws {
        #expect(try request("GET '/x?q=a b'").target == "/x?q=a b")
        #expect(try request(#"GET "/x?q={\"a\": 1}" -H 'A: b'"#).target == #"/x?q={"a": 1}"#)
    }

    @Test func anUnclosedQuoteNamesWhatItOpened() {
        #expect(message("GET '/x?q=a b") == "unclosed single quote: add the closing ' after the target")
        #expect(message(#"GET "/x"#) == #"unclosed double quote: add the closing " after the target"#)
        #expect(message("POST /x @'my file") == "unclosed single quote: add the closing ' after the file name")
        #expect(message("POST /x -H 'A: b") == "unclosed single quote: add the closing ' after the header")
    }

    /// A lone closer was sent as a one-byte text body (and the daemon answered 400).
    @Test func aCloserWithNothingOpenIsRefused() {
        #expect(
            message("POST /containers/create }")
                == """
                the } after POST /containers/create closes nothing: a JSON body starts with { or [ on this line, \
                e.g. POST /containers/create {"Image":"busybox"}
                """)
        #expect(message("PUT /x ]").hasPrefix("the ] after PUT /x closes nothing"))
    }

    @Test func aReferenceInBracesIsNotABracket() throws {
        #expect(try request("GET /containers/${id}/json").target == "/containers/${id}/json")
        // Unclosed, it is the template's to report when sent (VariableTemplateTests).
        #expect(try request("GET /x/${id").target == "/x/${id")
    }

    @Test func anAbsoluteURLSendsItsPathAndItsHostAsHost() throws {
        #expect(
            try request("GET http://docker/_ping")
                == RequestCommand(
                    method: "GET", target: "/_ping", headers: [HeaderField(name: "Host", value: "docker")]))
        #expect(
            try request("GET http://localhost:2375/containers/json?all=1#top")
                == RequestCommand(
                    method: "GET", target: "/containers/json?all=1",
                    headers: [HeaderField(name: "Host", value: "localhost:2375")]))
        #expect(try request("GET HTTP://docker").target == "/")
        #expect(try request("GET http://docker?x=1").target == "/?x=1")
        // A -H Host wins over the URL's, as with curl.
        #expect(
            try request("GET http://a/_ping -H 'Host: b'").headers
                == HTTPFields([HeaderField(name: "Host", value: "b")]))
        // Any token method takes one too.
        #expect(try request("PROPFIND http://d/x").method == "PROPFIND")
    }

    @Test func targetErrors() {
        #expect(message("GET") == "GET needs a target path, e.g. GET /_ping")
        #expect(message("GET   ") == "GET needs a target path, e.g. GET /_ping")
        #expect(
            message(#"GET /x?filters={"a": ["b"]"#)
                == """
                the target /x?filters={"a": ["b"] leaves a bracket open: add the missing }, or write the bracket as \
                %7B or %5B
                """
        )
        #expect(
            message("GET ftp://x/y")
                == """
                'ftp://x/y' is not a request target: a target starts with /, as in GET /containers/json (or is * \
                for OPTIONS, or an http:// URL)
                """
        )
        #expect(
            message("GET https://docker/_ping")
                == """
                https://docker/_ping needs TLS, which sockshell does not speak: use http:// (a unix socket or a plain \
                tcp port)
                """
        )
        #expect(
            message("GET http://me:pw@docker/_ping")
                == """
                http://me:pw@docker/_ping has credentials in it, which sockshell does not turn into a header: send -H \
                'Authorization: Basic ...' instead
                """
        )
    }

    // MARK: the version

    @Test func aVersionAfterTheTargetIsTheVersionSent() throws {
        #expect(
            try request("GET /_ping HTTP/1.0") == RequestCommand(method: "GET", target: "/_ping", version: "HTTP/1.0"))
        #expect(try request("GET /_ping HTTP/1.1").version == "HTTP/1.1")
        #expect(try request("GET /_ping").version == "HTTP/1.1")
        #expect(
            try request(#"POST /x HTTP/1.0 -H 'A: b' {"a":1}"#)
                == RequestCommand(
                    method: "POST", target: "/x", version: "HTTP/1.0", headers: [HeaderField(name: "A", value: "b")],
                    body: json(#"{"a":1}"#)))
        let encoded = RequestEncoder(userAgent: "t").encode(
            method: "GET", target: "/_ping", version: "HTTP/1.0", sessionHeaders: [], requestHeaders: [], body: nil)
        #expect(String(decoding: encoded.bytes, as: UTF8.self).hasPrefix("GET /_ping HTTP/1.0\r\nHost: docker\r\n"))
    }

    @Test func versionErrors() {
        for version in ["HTTP/2", "http/1.1", "HTTP/1.2"] {
            #expect(
                message("GET /_ping \(version)")
                    == """
                    '\(version)' is not a version sockshell sends: write HTTP/1.1 or HTTP/1.0 right after the target \
                    (upper case), or nothing for HTTP/1.1
                    """
            )
        }
        #expect(
            message("POST /x -H 'A: b' HTTP/1.0")
                == "HTTP/1.0 goes right after the target, before any option: POST /x HTTP/1.0 -H 'Name: value'")
        #expect(
            message("GET /x -H 'A: b' HTTP/1.0")
                == "HTTP/1.0 goes right after the target, before any option: GET /x HTTP/1.0 -H 'Name: value'")
    }

    // MARK: options

    @Test func optionsComeBeforeTheBodyOrAfterAJSONOrFileBody() throws {
        let header: HTTPFields = [HeaderField(name: "Content-Type", value: "text/plain")]
        let body = #"{"Image":"busybox","Labels":{"a":"b"}}"#
        #expect(
            try request("POST /containers/create \(body) -H 'Content-Type: text/plain'")
                == RequestCommand(method: "POST", target: "/containers/create", headers: header, body: json(body)))
        #expect(
            try request("POST /containers/create -H 'Content-Type: text/plain' \(body)")
                == RequestCommand(method: "POST", target: "/containers/create", headers: header, body: json(body)))
        #expect(
            try request("POST /x @create.json -H 'Content-Type: text/plain' &")
                == RequestCommand(
                    method: "POST", target: "/x", headers: header, body: .file("create.json"), background: true))
        #expect(try request("POST /x @'my file.json'").body == .file("my file.json"))
        // A text body is the rest of the line: options go before it.
        #expect(try request("POST /x hello -H 'A: b'").body == json("hello -H 'A: b'"))
    }

    @Test func anUnquotedHeaderWithASpaceIsRefusedWithTheQuoting() {
        #expect(
            message("GET /_ping -H X-Foo: bar")
                == """
                -H X-Foo: has no value and 'bar' after it would be the body: quote the whole header, as in -H 'X-Foo: \
                bar' (or -H 'X-Foo:' for an empty value)
                """
        )
        #expect(
            message(#"POST /x -HContent-Type: {"a":1}"#)
                == """
                -H Content-Type: has no value and '{"a":1}' after it would be the body: quote the whole header, as in \
                -H 'Content-Type: VALUE' (or -H 'Content-Type:' for an empty value)
                """
        )
    }

    @Test func anEmptyHeaderIsFineWhenNothingOrAnOptionFollows() throws {
        #expect(try request("GET /_ping -H X-Foo:").headers == HTTPFields([HeaderField(name: "X-Foo", value: "")]))
        #expect(try request("GET /_ping -H X-Foo: &").background)
        #expect(try request("GET /_ping -H 'X-Foo:' {}").headers == HTTPFields([HeaderField(name: "X-Foo", value: "")]))
        #expect(
            try request("GET /_ping -H X-A: -H 'B: c'").headers
                == HTTPFields([HeaderField(name: "X-A", value: ""), HeaderField(name: "B", value: "c")]))
    }

    @Test func optionErrors() {
        #expect(
            message("POST /x -d '{}'")
                == """
                unknown request option '-d': the only option is -H 'Name: value'; the body is written as it is, after \
                the target (JSON, text or @file)
                """
        )
        #expect(message("GET /x {} -H") == "-H needs a header, e.g. -H 'Content-Type: application/json'")
    }

    // MARK: the body

    @Test func aJSONBodyEndsAtItsBalancingBracket() throws {
        #expect(
            try request(#"POST /x {"a":"}"} &"#)
                == RequestCommand(method: "POST", target: "/x", body: json(#"{"a":"}"}"#), background: true))
        #expect(try request(#"PUT /x [1,[2]]"#).body == json("[1,[2]]"))
    }

    @Test func textAfterACompleteBodyIsRefused() {
        #expect(
            message(#"POST /x {"a":1} trailing words"#)
                == """
                'trailing words' follows the body of POST /x: after a JSON or @file body only -H 'Name: value' options \
                and a last & may come
                """
        )
        #expect(
            message(#"POST /x {"a":1}}"#)
                == """
                '}' follows the body of POST /x: after a JSON or @file body only -H 'Name: value' options and a last \
                & may come
                """
        )
        #expect(
            message("POST /x @a.json @b.json")
                == """
                '@b.json' follows the body of POST /x: after a JSON or @file body only -H 'Name: value' options and \
                a last & may come
                """
        )
        #expect(message("POST /x @") == "@ needs a file name, e.g. POST /x @create.json")
    }

    @Test func aClosingBracketThatCannotMatchIsRefusedAtOnce() {
        #expect(
            message(#"POST /containers/create {"Image":[}"#)
                == "the } at column 11 of the body cannot close the [ still open: write ] first; nothing was sent")
        #expect(
            message("POST /x [1,\n{\"a\":2]")
                == """
                the ] at line 2, column 7 of the body cannot close the { still open: write } first; nothing was sent
                """
        )
    }

    @Test func textBodiesAreForMethodsThatTakeThem() throws {
        #expect(try request("POST /x hello world").body == json("hello world"))
        #expect(try request("PROPFIND /x <a/>").body == json("<a/>"))
        // JSON and @file are a body the user means, even on GET (legal HTTP, sent as asked).
        #expect(try request(#"GET /x {"a":1}"#).body == json(#"{"a":1}"#))
        #expect(try request("DELETE /x @b.json").body == .file("b.json"))
    }

    @Test func strayWordsOnGetHeadAndDeleteAreRefused() {
        for method in ["GET", "HEAD", "DELETE", "get"] {
            let upper = method.uppercased()
            #expect(
                message("\(method) /containers/json foo bar")
                    == """
                    'foo bar' after \(upper) /containers/json is not sent: a \(upper) line takes HTTP/1.x, -H 'Name: \
                    value' and a JSON or @file body only (quote a target that holds a space)
                    """
            )
        }
    }

    @Test func aLastLoneAmpersandRunsInTheBackground() throws {
        #expect(try request("GET /events &").background)
        #expect(try request("GET /events HTTP/1.0 &").background)
        #expect(
            try request("POST /x hello &")
                == RequestCommand(method: "POST", target: "/x", body: json("hello"), background: true))
        #expect(try request(#"POST /x {"a":"&"}"#).background == false)
    }
}
