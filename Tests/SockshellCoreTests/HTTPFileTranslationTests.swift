import Testing

@testable import SockshellCore

/// `.http` files turned into sockshell commands: the URL's path and query kept, references filled
/// or made into `let` captures, directives taken or noted.
struct HTTPFileTranslationTests {
    private func inputs(
        environment: [String: String] = ["USER": "alice"], dotenv: [String: String]? = ["TOKEN": "t0k"],
        files: [String: String] = [:]
    ) -> HTTPFileInputs {
        HTTPFileInputs(
            directory: "api", environment: environment, dotenv: dotenv,
            readFile: { files[$0].map { Array($0.utf8) } }, guid: { "0b5c8a52-5f27-4d4e-9c57-1d2a0e7f3b11" },
            randomInt: { low, _ in low }, timestamp: { 1_765_000_000 })
    }

    private func translate(
        _ text: String, inputs given: HTTPFileInputs? = nil
    ) throws -> (commands: [HTTPFileCommand], notes: [HTTPFileNote]) {
        try HTTPFileTranslation.commands(try HTTPFileParser.parse(text), inputs: given ?? inputs())
    }

    private func requests(_ text: String, inputs given: HTTPFileInputs? = nil) throws -> [RequestCommand] {
        try translate(text, inputs: given).commands.compactMap { command in
            if case .request(let request) = command.command { return request }
            return nil
        }
    }

    private func failure(_ text: String, inputs given: HTTPFileInputs? = nil) -> CommandSyntaxError? {
        do {
            _ = try translate(text, inputs: given)
            return nil
        } catch let error as CommandSyntaxError {
            return error
        } catch {
            return nil
        }
    }

    @Test func theSchemeAndHostAreDroppedWithOneNotePerHost() throws {
        let result = try translate(
            """
            GET http://localhost:2375/containers/json?all=1
            ###
            GET https://localhost:2375
            ###
            GET localhost:2375/_ping
            ###
            GET http://other/info
            ###
            GET /version
            ###
            GET http://me:secret@creds/x?a=1#part
            """)
        let targets = result.commands.compactMap { command -> String? in
            if case .request(let request) = command.command { return request.target }
            return nil
        }
        // The fragment is not sent, and the note leaves out the user and password.
        #expect(targets == ["/containers/json?all=1", "/", "/_ping", "/info", "/version", "/x?a=1"])
        func note(_ line: Int, _ host: String) -> HTTPFileNote {
            HTTPFileNote(
                line: line,
                message: "requests go to the session's endpoint, not to \(host): only the path and query are sent")
        }
        #expect(
            result.notes == [
                note(1, "http://localhost:2375"), note(3, "https://localhost:2375"), note(5, "localhost:2375"),
                note(7, "http://other"), note(11, "http://creds"),
            ])
    }

    @Test func fileVariablesAreFilledAsTheFileIsRead() throws {
        let sent = try requests(
            """
            @base = http://localhost/{{version}}
            @version = v1.41
            @image = busybox
            ###
            POST {{base}}/images/create?fromImage={{image}}
            X-Who: {{image}}-{{$processEnv USER}}
            """)
        #expect(sent[0].target == "/v1.41/images/create?fromImage=busybox")
        #expect(sent[0].headers == [HeaderField(name: "X-Who", value: "busybox-alice")])
    }

    @Test func aNameNoFileVariableDefinesIsASockshellVariable() throws {
        let sent = try requests("GET /containers/{{id}}/json")
        #expect(sent[0].target == "/containers/${id}/json")
        #expect(sent[0].templates.target.template?.references == [.variable("id")])
    }

    @Test func literalDollarsStayLiteral() throws {
        let sent = try requests("POST /x?a=$b\n\n{\"cost\": \"$5\"}")
        #expect(sent[0].target == "/x?a=$$b")
        #expect(sent[0].body == .inline(Array("{\"cost\": \"$$5\"}".utf8)))
        #expect(
            try sent[0].templates.body.fill("{\"cost\": \"$$5\"}", json: true, value: { _ in nil })
                == "{\"cost\": \"$5\"}")
    }

    @Test func responseReferencesBecomeCapturesAfterTheNamedRequest() throws {
        let result = try translate(
            """
            # @name create
            POST /containers/create
            Content-Type: application/json

            {"Image": "busybox"}
            ###
            POST /containers/{{create.response.body.$.Id}}/start
            ###
            # @name list
            GET /containers/json
            ###
            GET /containers/{{list.response.body.$[0].Id}}/json?first={{list.response.body.$[0].Names[0]}}
            X-Server: {{create.response.headers.Server}}
            X-Again: {{create.response.body.$.Id}}
            X-Whole: {{list.response.body.*}}
            X-Nested: {{create.response.body.$.State.Health['Status']}}
            """)
        let commands = result.commands.map(\.command)
        #expect(commands.count == 10)
        #expect(commands[1] == .capture(name: "create_body_Id", from: .query(try JSONQuery(parsing: ".Id"))))
        #expect(commands[2] == .capture(name: "create_header_server", from: .header("Server")))
        #expect(
            commands[3]
                == .capture(
                    name: "create_body_State_Health_Status",
                    from: .query(try JSONQuery(parsing: ".State.Health[\"Status\"]"))))
        #expect(commands[6] == .capture(name: "list_body_0_Id", from: .query(try JSONQuery(parsing: ".[0].Id"))))
        #expect(
            commands[7] == .capture(name: "list_body_0_Names_0", from: .query(try JSONQuery(parsing: ".[0].Names[0]"))))
        #expect(commands[8] == .capture(name: "list_body", from: .query(try JSONQuery(parsing: "."))))
        guard case .request(let start) = commands[4], case .request(let inspect) = commands[9] else {
            Issue.record("requests where expected: \(commands)")
            return
        }
        #expect(start.target == "/containers/${create_body_Id}/start")
        #expect(inspect.target == "/containers/${list_body_0_Id}/json?first=${list_body_0_Names_0}")
        #expect(
            inspect.headers.map(\.value) == [
                "${create_header_server}", "${create_body_Id}", "${list_body}", "${create_body_State_Health_Status}",
            ])
        #expect(result.commands[1].text == "let create_body_Id = .Id")
        #expect(result.commands[1].line == 2)
    }

    /// The line a recording writes above a request's bytes, which runs again as a script.
    @Test func eachRequestIsSaidAsASockshellLine() throws {
        let result = try translate(
            """
            POST /containers/create
            Content-Type: application/json

            {"Image": "busybox",
             "Cmd": ["true"]}
            ###
            PUT /x HTTP/1.0

            two
            lines
            ###
            POST /y

            < ./body.bin
            ###
            GET /z

            word
            """)
        // A request no sockshell line reads back as is a comment that says so, never a line that
        // would send another body.
        #expect(
            result.commands.map(\.text) == [
                #"POST /containers/create -H 'Content-Type: application/json' {"Image": "busybox",  "Cmd": ["true"]}"#,
                "# PUT /x: its body has no sockshell line; the .http file sends it", "POST /y @api/./body.bin",
                "# GET /z: its body has no sockshell line; the .http file sends it",
            ])
    }

    @Test func jsonPathsAsQueries() throws {
        func query(_ path: String) throws -> String {
            try HTTPFileReference.query(fromJSONPath: path, line: 1).text
        }
        #expect(try query("$.a.b") == ".a.b")
        #expect(try query("$.a[0].b") == ".a[0].b")
        #expect(try query("$[0]") == ".[0]")
        #expect(try query("$") == ".")
        #expect(try query("*") == ".")
        #expect(try query("$['a b'].c") == #".["a b"].c"#)
        #expect(try query("$.Config.Labels.my-label") == #".Config.Labels["my-label"]"#)
        #expect(try query("$.my-thing.x") == #".["my-thing"].x"#)
        #expect(try query("$.Names[*]") == ".Names[]")
        #expect(
            try query("$.Config.Labels['com.docker.compose.project']")
                == #".Config.Labels["com.docker.compose.project"]"#)
    }

    @Test func systemVariables() throws {
        let sent = try requests(
            """
            GET /x?id={{$guid}}&u={{$uuid}}&r={{$random.uuid}}&n={{$randomInt 5 10}}&t={{$timestamp}}
            Authorization: Bearer {{$dotenv TOKEN}}
            """)
        let guid = "0b5c8a52-5f27-4d4e-9c57-1d2a0e7f3b11"
        #expect(sent[0].target == "/x?id=\(guid)&u=\(guid)&r=\(guid)&n=5&t=1765000000")
        #expect(sent[0].headers.value(of: "Authorization") == "Bearer t0k")
    }

    @Test func contentLengthIsSockshells() throws {
        let sent = try requests("POST /x\nContent-Length: 99\nX-A: 1\n\nabc")
        #expect(sent[0].headers == [HeaderField(name: "X-A", value: "1")])
        #expect(sent[0].body == .inline(Array("abc".utf8)))
    }

    @Test func bodyFilesBesideTheHTTPFile() throws {
        let given = inputs(files: ["api/./tpl.json": "{\"Image\": \"{{image}}\"}", "api/./plain.txt": "{{kept}}"])
        let sent = try requests(
            """
            @image = busybox
            POST /a

            < ./create.json
            ###
            POST /b

            <@ ./tpl.json
            ###
            POST /c

            first line
            < ./plain.txt
            """, inputs: given)
        #expect(sent[0].body == .file("api/./create.json"))
        #expect(sent[1].body == .inline(Array("{\"Image\": \"busybox\"}".utf8)))
        #expect(sent[2].body == .inline(Array("first line\n{{kept}}".utf8)))
        #expect(
            failure("POST /a\n\n<@ ./missing.json\n", inputs: given)
                == CommandSyntaxError(
                    "cannot read ./missing.json for the body: check the path (it starts at the .http file's folder)",
                    line: 3))
    }

    @Test func directivesAreTakenOrNamed() throws {
        let result = try translate(
            """
            # @no-redirect
            # @no-cookie-jar
            # @prompt id The container's id
            # @note
            # @timeout 5
            # @sparkle
            GET /containers/{{id}}/json
            """)
        #expect(
            result.notes == [
                HTTPFileNote(
                    line: 3,
                    message: """
                        # @prompt is not asked: sockshell does not prompt; {{id}} is the sockshell variable $id (pass \
                        -e id=VALUE)
                        """),
                HTTPFileNote(line: 4, message: "# @note is ignored: sockshell has no such setting"),
                HTTPFileNote(line: 5, message: "# @timeout is ignored: sockshell has no such setting"),
                HTTPFileNote(
                    line: 6, message: "# @sparkle is not a directive sockshell knows: it is read as a comment"),
            ])
    }

    @Test func errorsNameTheLineAndTheFix() {
        #expect(
            failure("GET /a\n###\n# @name a\nGET /{{b.response.body.$.Id}}\n###\n# @name b\nGET /b")
                == CommandSyntaxError(
                    "no request above this one is named b: put # @name b above the request whose answer this reads",
                    line: 4))
        #expect(
            failure("GET /x\nX-A: {{a.response.body.//Id}}")
                == CommandSyntaxError(
                    """
                    //Id is not a JSONPath sockshell reads (XPath and others are not): write $.Field, $.a[0].b or $[0]
                    """,
                    line: 2))
        #expect(
            failure("# @name a\nGET /a\n###\nGET /{{a.response.body.$..Id}}")?.message.hasPrefix(
                "the JSONPath $..Id is beyond what sockshell reads") == true)
        #expect(
            failure("# @name a\nGET /a\n###\nGET /{{a.request.body.$.Id}}")
                == CommandSyntaxError(
                    """
                    {{a.request.body.$.Id}} reads the request sent, which sockshell does not keep by name: use \
                    response instead
                    """,
                    line: 4))
        #expect(
            failure("# @name a\nGET /a\n###\nGET /{{a.response.cookies.x}}")?.message
                == "{{a.response.cookies.x}}: a response has a body and headers, not cookies: write body or headers")
        #expect(
            failure("GET /{{base-url}}")
                == CommandSyntaxError(
                    "{{base-url}} is not defined: define it in the file with @base-url = value", line: 1))
        #expect(
            failure("GET /{{a b}}")?.message.hasPrefix("{{a b}} is not a reference sockshell reads") == true)
        #expect(
            failure("GET /{{oops")
                == CommandSyntaxError("'{{oops' opens {{ without closing it: write {{name}}", line: 1))
        #expect(
            failure("@a = {{b}}\n@b = x{{a}}\nGET /{{a}}")?.message
                == "@a refers back to itself (through a, b): give it a value")
        #expect(
            failure("@a = 1\n@a = 2\nGET /")
                == CommandSyntaxError(
                    "@a is defined again (first at line 1): a file variable has one value here, so rename one of them",
                    line: 2))
        #expect(
            failure("# @name a\nGET /a\n###\n# @name a\nGET /b")
                == CommandSyntaxError(
                    "# @name a is used again (first at line 2): give each request its own name", line: 5))
        #expect(
            failure("GET /{{$processEnv NOPE}}")
                == CommandSyntaxError(
                    "{{$processEnv NOPE}}: NOPE is not set in the environment: export it first", line: 1))
        #expect(
            failure("GET /{{$dotenv NOPE}}")
                == CommandSyntaxError(
                    "{{$dotenv NOPE}}: the .env file beside the .http file has no NOPE=value line", line: 1))
        #expect(
            failure("GET /{{$dotenv TOKEN}}", inputs: inputs(dotenv: nil))
                == CommandSyntaxError(
                    "{{$dotenv TOKEN}}: there is no .env file beside the .http file: write TOKEN=value in one", line: 1)
        )
        #expect(
            failure("GET /{{$datetime iso8601}}")?.message.hasPrefix("{{$datetime iso8601}} is not a system variable")
                == true)
        #expect(
            failure("GET /{{$randomInt 9 1}}")?.message
                == "{{$randomInt 9 1}} needs two whole numbers, the first smaller")
        #expect(
            failure("GET {{id}}/json")?.message.hasPrefix(
                "the URL starts with $id, filled only when the request is sent")
                == true)
        #expect(
            failure("# @name a\nGET /a\n###\nGET http://{{a.response.body.$.Host}}/x")?.message.hasPrefix(
                "the host in http://{{a.response.body.$.Host}}/x is filled only when the request is sent") == true)
    }

    @Test func dotenvFiles() {
        #expect(
            DotenvFile.parse("# comment\r\nA=1\r\nexport B = two words\n\nC=\"quoted\"\nD='single'\nnot a line\n")
                == ["A": "1", "B": "two words", "C": "quoted", "D": "single"])
    }

    /// `export http` writes what this reads back: the same method, path, headers and body.
    @Test(arguments: [
        ("GET /containers/json?all=1 HTTP/1.1\r\nHost: docker\r\nUser-Agent: sockshell/0.1.0\r\n\r\n", ""),
        (
            "POST /containers/create HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
                + "Content-Length: 18\r\n\r\n", #"{"Image":"centos"}"#
        ),
        ("PUT /x HTTP/1.0\r\nHost: docker\r\nContent-Length: 10\r\n\r\n", "two\nlines\n"),
        ("POST /y HTTP/1.1\r\nHost: docker\r\nX-Cost: $5\r\nContent-Length: 6\r\n\r\n", "a\n\nb $"),
    ])
    func exportHTTPRoundTrips(head: String, body: String) throws {
        let bytes = Array((head + body).utf8)
        let exported = CurlExport.httpFileBlock(for: bytes) + CurlExport.httpFileBlock(for: bytes)
        let file = try HTTPFileParser.parse(exported)
        #expect(file.requests.count == 2)
        let lines = head.split(separator: "\r\n").map(String.init)
        let requestLine = lines[0].split(separator: " ").map(String.init)
        let headers = lines.dropFirst().filter { !HeaderField.line($0, isNamed: "Host") }.map { line in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            return HTTPFile.Header(
                name: String(line[..<colon]), value: line[line.index(after: colon)...].trimmingWhitespace(), line: 0)
        }
        let translated = try HTTPFileTranslation.commands(file, inputs: inputs()).commands
        for (index, request) in file.requests.enumerated() {
            #expect(request.method == requestLine[0])
            #expect(request.url == "http://docker" + requestLine[1])
            #expect((request.version ?? "HTTP/1.1") == requestLine[2])
            #expect(request.headers.map { [$0.name, $0.value] } == headers.map { [$0.name, $0.value] })
            guard case .request(let sent) = translated[index].command else {
                Issue.record("not a request: \(translated[index])")
                continue
            }
            #expect(sent.target == requestLine[1])
            let filledBody: String
            switch sent.body {
            case .none: filledBody = ""
            case .inline(let text):
                filledBody = try sent.templates.body.fill(
                    String(decoding: text, as: UTF8.self), json: false, value: { _ in nil })
            case .file(let path): filledBody = "@" + path
            }
            #expect(filledBody == body)
            let values = try zip(sent.headers, sent.templates.headerValues).map { header, template in
                try template.fill(header.value, json: false, value: { _ in nil })
            }
            #expect(
                values == headers.filter { !HeaderField.namesMatch($0.name, "Content-Length") }.map(\.value))
        }
    }
}
