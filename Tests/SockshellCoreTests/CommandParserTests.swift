import Testing

@testable import SockshellCore

struct CommandParserTests {
    private func parse(_ text: String) throws -> Command {
        guard case .complete(let command) = try CommandParser.parse(text) else {
            Issue.record("expected a complete command for \(text)")
            return .nothing
        }
        return command
    }

    private func message(_ text: String) -> String { syntaxErrorMessage(text) }

    @Test func standardMethodsAreUpperCasedInAnyCase() throws {
        #expect(try parse("get /_ping") == .request(RequestCommand(method: "GET", target: "/_ping")))
        #expect(
            try parse("Delete /containers/x?force=1")
                == .request(RequestCommand(method: "DELETE", target: "/containers/x?force=1")))
    }

    @Test func anyTokenIsAMethodAndKeepsItsCase() throws {
        #expect(try parse("PROPFIND /anything") == .request(RequestCommand(method: "PROPFIND", target: "/anything")))
        #expect(try parse("propfind /anything") == .request(RequestCommand(method: "propfind", target: "/anything")))
        #expect(try parse("OPTIONS *") == .request(RequestCommand(method: "OPTIONS", target: "*")))
    }

    @Test func inlineBodyIsTheRestOfTheLineExactly() throws {
        let command = try parse(#"POST /containers/create   {"Image":"busybox", "Cmd": ["sleep","30"]}"#)
        #expect(
            command
                == .request(
                    RequestCommand(
                        method: "POST", target: "/containers/create",
                        body: .inline(Array(#"{"Image":"busybox", "Cmd": ["sleep","30"]}"#.utf8)))))
    }

    @Test func bodyFromAFile() throws {
        #expect(
            try parse("POST /containers/create @create.json")
                == .request(RequestCommand(method: "POST", target: "/containers/create", body: .file("create.json"))))
    }

    @Test func perRequestHeadersInEveryQuotingStyle() throws {
        let command = try parse(
            #"POST /x -H 'Content-Type: text/plain' -H "X-A: say \"hi\"" -HX-B:c --header X-C:\ d body text"#)
        #expect(
            command
                == .request(
                    RequestCommand(
                        method: "POST", target: "/x",
                        headers: [
                            HeaderField(name: "Content-Type", value: "text/plain"),
                            HeaderField(name: "X-A", value: #"say "hi""#),
                            HeaderField(name: "X-B", value: "c"), HeaderField(name: "X-C", value: "d"),
                        ],
                        body: .inline(Array("body text".utf8)))))
    }

    @Test func unclosedJSONAsksForMoreLines() throws {
        #expect(try CommandParser.parse(#"POST /containers/create {"Image":"busybox","#) == .needsMoreLines)
        #expect(try CommandParser.parse(#"POST /x {"a":"}"#) == .needsMoreLines)  // brace inside a string
        #expect(try CommandParser.parse(#"POST /x [1,2]"#) != .needsMoreLines)
    }

    @Test func sessionCommands() throws {
        #expect(
            try parse("header X-Registry-Auth: e30=")
                == .header(.set(HeaderField(name: "X-Registry-Auth", value: "e30="))))
        #expect(try parse("header 'X-A: b c'") == .header(.set(HeaderField(name: "X-A", value: "b c"))))
        #expect(try parse("header -d Content-Type") == .header(.remove(name: "Content-Type")))
        #expect(try parse("header") == .header(.list))
        #expect(try parse("connect tcp://127.0.0.1:2375") == .connect(.tcp(host: "127.0.0.1", port: 2375)))
        #expect(try parse("connect /run/user/1000/docker.sock") == .connect(.unix(path: "/run/user/1000/docker.sock")))
        #expect(try parse("view hex") == .view(.hex))
        #expect(try parse("view") == .view(nil))
        #expect(try parse("help raw") == .help(topic: "raw"))
        #expect(try parse("quit") == .exit)
        #expect(try parse("   # a comment") == .nothing)
        #expect(try parse("") == .nothing)
    }

    @Test func aTrailingAmpersandRunsInTheBackground() throws {
        #expect(
            try parse("GET /events &") == .request(RequestCommand(method: "GET", target: "/events", background: true)))
        #expect(
            try parse(#"POST /x {"a":"&"} &"#)
                == .request(
                    RequestCommand(
                        method: "POST", target: "/x", body: .inline(Array(#"{"a":"&"}"#.utf8)), background: true)))
        #expect(try parse("GET /a?x=1&y=2") == .request(RequestCommand(method: "GET", target: "/a?x=1&y=2")))
        #expect(try parse("jobs") == .jobs)
        #expect(try parse("fg 2") == .foreground(job: 2))
        #expect(try parse("stop %1") == .stopJob(1))
        #expect(message("fg") == "fg needs a job number, e.g. fg 1 (jobs lists them)")
        #expect(message("stop x") == "stop needs a job number, e.g. stop 1 (jobs lists them)")
        #expect(try parse("wait") == .waitForJobs(nil))
        #expect(try parse("wait %3") == .waitForJobs(3))
        #expect(
            message("wait all")
                == "wait takes a job number, e.g. wait 1 (jobs lists them), or nothing to wait for every job")
    }

    @Test func rawDecodesEscapesAndAddsNothing() throws {
        #expect(try parse(#"raw GET /_ping HTTP/1.1\r\n\r\n"#) == .raw(Array("GET /_ping HTTP/1.1\r\n\r\n".utf8)))
        #expect(try parse(#"raw a\tb\x00\xFFc\\d"#) == .raw([0x61, 0x09, 0x62, 0x00, 0xFF, 0x63, 0x5C, 0x64]))
    }

    @Test func everySyntaxErrorNamesTheProblemAndTheFix() {
        #expect(message("conect unix:///x") == "unknown command 'conect': did you mean connect? (help lists commands)")
        #expect(message("veiw wire") == "unknown command 'veiw': did you mean view? (help lists commands)")
        #expect(message("hedaer X: y") == "unknown command 'hedaer': did you mean header? (help lists commands)")
        #expect(
            message("frobnicate")
                == "unknown command 'frobnicate': type help for the list of commands, or METHOD /path to send a request"
        )
        #expect(message("GET") == "GET needs a target path, e.g. GET /_ping")
        #expect(
            message("GET containers/json")
                == """
                'containers/json' is not a request target: a target starts with /, as in GET /containers/json (or \
                is * for OPTIONS, or an http:// URL)
                """
        )
        #expect(
            message("GE(T /x")
                == """
                'GE(T' is not a valid HTTP method: a method is a token of letters, digits and !#$%&'*+-.^_`|~ \
                (for example GET or PROPFIND)
                """
        )
        #expect(message("POST /x @") == "@ needs a file name, e.g. POST /x @create.json")
        #expect(message("GET /x -H") == "-H needs a header, e.g. -H 'Content-Type: application/json'")
        #expect(
            message("GET /x -H 'NoColon'")
                == "bad header 'NoColon': write it as Name: value, e.g. Content-Type: application/json")
        #expect(
            message("GET /x -H 'Bad Name: v'")
                == "bad header name 'Bad Name': a header name is a token with no spaces, e.g. Content-Type")
        #expect(message("GET /x -H 'X: unclosed") == "unclosed single quote: add the closing ' after the header")
        #expect(
            message("GET /x --data y")
                == """
                unknown request option '--data': the only option is -H 'Name: value'; the body is written as it is, \
                after the target (JSON, text or @file)
                """
        )
        #expect(message("header -d") == "header -d needs a header name, e.g. header -d Content-Type")
        #expect(message("view fancy") == "unknown view 'fancy': choose one of wire, pretty, body, hex, json")
        #expect(
            message("connect")
                == """
                connect needs an endpoint, e.g. connect unix:///var/run/docker.sock or connect tcp://127.0.0.1:2375 \
                or connect --context NAME
                """
        )
        #expect(
            message("connect --context")
                == "connect --context needs one context name, e.g. connect --context default (contexts lists them)")
        #expect(message("connect --context a b").hasPrefix("connect --context needs one context name"))
        #expect(
            message("connect ftp://x")
                == "unknown endpoint scheme 'ftp://': use unix:///path/to.sock or tcp://host:port")
        #expect(
            message("raw")
                == #"raw needs the request bytes, e.g. raw GET /_ping HTTP/1.1\r\n\r\n (write \r\n for line ends)"#)
        #expect(message(#"raw \q"#) == #"raw has an unknown escape \q: use \r \n \t \0 \\ or \xHH"#)
        #expect(message(#"raw \x4"#) == #"raw has a bad \x escape: write exactly two hex digits, as in \x1b"#)
        #expect(message(#"raw abc\"#) == #"raw ends with a lone backslash: write \\ for a backslash byte"#)
    }

    @Test func tapTakesOneSocketPathAndAnOptionalAmpersand() throws {
        #expect(
            try CommandParser.parse("tap /tmp/tap.sock &") == .complete(.tap(path: "/tmp/tap.sock", background: true)))
        #expect(
            try CommandParser.parse("tap /tmp/tap.sock&") == .complete(.tap(path: "/tmp/tap.sock", background: true)))
        #expect(try CommandParser.parse("tap tap.sock") == .complete(.tap(path: "tap.sock", background: false)))
        #expect(message("tap").hasPrefix("tap needs one socket path"))
        #expect(message("tap &").hasPrefix("tap needs one socket path"))
        #expect(message("tap a b").hasPrefix("tap needs one socket path"))
    }

    @Test func aBangRunsTheRestOfTheLineAsAShellCommand() throws {
        #expect(
            try CommandParser.parse("!docker run --rm busybox echo hi")
                == .complete(.shell("docker run --rm busybox echo hi")))
        #expect(try CommandParser.parse("  ! echo 'a  b' | wc -c") == .complete(.shell("echo 'a  b' | wc -c")))
        #expect(message("!").hasPrefix("! needs a command line"))
    }
}

struct LineAssemblerTests {
    @Test func jsonBodyContinuesUntilBalanced() throws {
        var assembler = LineAssembler()
        #expect(try assembler.add(line: #"POST /containers/create {"#, number: 3) == nil)
        #expect(assembler.isContinuing)
        #expect(try assembler.add(line: #"  "Image": "busybox","#, number: 4) == nil)
        let done = try #require(try assembler.add(line: "}", number: 5))
        #expect(done.line == 3)
        #expect(done.text == "POST /containers/create {\n  \"Image\": \"busybox\",\n}")
        #expect(
            done.command
                == .request(
                    RequestCommand(
                        method: "POST", target: "/containers/create",
                        body: .inline(Array("{\n  \"Image\": \"busybox\",\n}".utf8)))))
        #expect(!assembler.isContinuing)
    }

    @Test func unbalancedAtEndOfInputIsAnErrorWithTheLine() throws {
        var assembler = LineAssembler()
        _ = try assembler.add(line: "GET /_ping", number: 1)
        _ = try assembler.add(line: #"POST /x {"a":[1,"#, number: 2)
        #expect(
            throws: CommandSyntaxError(
                """
                the JSON body that starts on line 2 is not closed at the end of the input (2 brackets still open): \
                add the missing ]}
                """,
                line: 2)
        ) {
            try assembler.finish()
        }
    }

    /// Line by line, the assembler decides as parsing the whole text so far would (the old
    /// way, re-parsing every line), though it scans each new line only once.
    @Test(arguments: [
        [#"POST /x -H 'X-Brace: {' {"a": "}"#, #"  ] still a string {", "b": ["#, #"1, "\\"#, #"\"]", 2]"#, "}"],
        [#"POST /x {"s": "ends with a backslash \\"#, #"", "t": 1}"#],
        [#"POST /x ["#, "  [1, 2],", "  {}", "] &"],
        [#"POST /x {"#, "} -H 'A: b' &", "GET /_ping"],
        ["curl -X POST \\", "  -H 'A: b' \\", "  --unix-socket /tmp/s http://d/x"],
        [#"PUT /y {"#, "", "   ", #"  "k": "v""#, "}"],
    ])
    func lineByLineAgreesWithParsingTheWholeText(lines: [String]) throws {
        var assembler = LineAssembler()
        var pending: [String] = []
        for (index, line) in lines.enumerated() {
            pending.append(line)
            let whole = pending.joined(separator: "\n")
            let expected = try CommandParser.parse(whole)
            let got = try assembler.add(line: line, number: index + 1)
            switch expected {
            case .needsMoreLines:
                #expect(got == nil, "line \(index + 1) of \(lines)")
            case .complete(let command):
                #expect(got?.command == command, "line \(index + 1) of \(lines)")
                #expect(got?.text == whole)
                pending = []
            }
        }
    }

    @Test func theContinuationPromptSaysWhatIsOpen() throws {
        var assembler = LineAssembler()
        #expect(assembler.continuationPrompt == nil)
        #expect(assembler.unfinishedDescription == nil)
        _ = try assembler.add(line: #"POST /containers/create {"Image":"busybox","#, number: 1)
        #expect(assembler.continuationPrompt == "...(1 } open)> ")
        #expect(assembler.unfinishedDescription == "the unfinished body")
        _ = try assembler.add(line: #""Cmd":["sh","#, number: 2)
        #expect(assembler.continuationPrompt == "...(2 ]} open)> ")
        _ = try assembler.add(line: #""-c", "a"#, number: 3)
        #expect(assembler.continuationPrompt == #"...(2 "]} open)> "#)
        // A blank line does not end a body: the prompt then also says how to give up.
        _ = try assembler.add(line: "  ", number: 4)
        #expect(assembler.continuationPrompt == #"...(2 "]} open, Ctrl-C drops it)> "#)
        #expect(try assembler.add(line: #"b"]}"#, number: 5)?.line == 1)
        #expect(assembler.continuationPrompt == nil)

        _ = try assembler.add(line: "PUT /x " + String(repeating: "[", count: 12), number: 6)
        #expect(assembler.continuationPrompt == "...(12 ]]]]]]]]… open)> ")
        assembler.abandon()
        _ = try assembler.add(line: "curl -X POST \\", number: 7)
        #expect(assembler.continuationPrompt == "...(curl continues)> ")
        #expect(assembler.unfinishedDescription == "the unfinished curl command")
    }

    @Test func aClosingBracketThatCannotMatchEndsTheBodyAtOnce() throws {
        var assembler = LineAssembler()
        _ = try assembler.add(line: #"POST /containers/create {"Image":["#, number: 4)
        #expect(
            throws: CommandSyntaxError(
                "the } at line 2, column 1 of the body cannot close the [ still open: write ] first; nothing was sent",
                line: 4)
        ) {
            _ = try assembler.add(line: "}", number: 5)
        }
        #expect(!assembler.isContinuing)
    }

    /// At a prompt only the bad line is refused: what was typed before it stays, still open.
    @Test func atAPromptOnlyTheLineWithTheBadCloserIsRefused() throws {
        var assembler = LineAssembler()
        assembler.refusesOnlyTheBadLine = true
        _ = try assembler.add(line: #"POST /containers/create {"Image":["#, number: 1)
        #expect(
            throws: CommandSyntaxError(
                """
                the } on that line cannot close the [ still open: the line was not added, the body is still open \
                (2 ]} open); type it again with ], or Ctrl-C drops the body
                """,
                line: 2)
        ) {
            _ = try assembler.add(line: "}", number: 2)
        }
        #expect(assembler.continuationPrompt == "...(2 ]} open)> ")
        let completed = try assembler.add(line: #""busybox"]}"#, number: 3)
        #expect(completed?.text == "POST /containers/create {\"Image\":[\n\"busybox\"]}")
    }

    @Test func aCurlLineLeftContinuingAtTheEndIsAnError() throws {
        var assembler = LineAssembler()
        _ = try assembler.add(line: "curl -X POST \\", number: 3)
        #expect(
            throws: CommandSyntaxError(
                "the curl command that starts on line 3 ends in a backslash at the end of the input: remove it", line: 3
            )
        ) {
            try assembler.finish()
        }
    }

    @Test func errorsCarryTheLineTheCommandStartedOn() {
        var assembler = LineAssembler()
        #expect(throws: CommandSyntaxError("GET needs a target path, e.g. GET /_ping", line: 7)) {
            _ = try assembler.add(line: "GET", number: 7)
        }
    }
}

struct NearestWordTests {
    @Test func suggestsOnlyCloseWords() {
        #expect(NearestWord.find("hlep", among: ["help", "header"]) == "help")
        #expect(NearestWord.find("xyz", among: ["help", "header"]) == nil)
        #expect(NearestWord.editDistance(Array("ab".unicodeScalars), Array("ba".unicodeScalars)) == 1)
    }
}

struct ScriptCommandParsingTests {
    @Test func letExpectExportAndCurlLines() throws {
        #expect(
            try CommandParser.parse("let id = .Id")
                == .complete(.capture(name: "id", from: .query(try JSONQuery(parsing: ".Id")))))
        #expect(
            try CommandParser.parse("let v = header Api-Version")
                == .complete(.capture(name: "v", from: .header("Api-Version"))))
        #expect(try CommandParser.parse("let s = status") == .complete(.capture(name: "s", from: .status)))
        #expect(try CommandParser.parse("expect status 2xx") == .complete(.expect(try Expectation.parse("status 2xx"))))
        #expect(try CommandParser.parse("export curl 3") == .complete(.export(.curl, exchange: 3)))
        #expect(try CommandParser.parse("export http") == .complete(.export(.http, exchange: nil)))
        #expect(try CommandParser.parse("curl --unix-socket /s \\") == .needsMoreLines)
        guard
            case .complete(.curl(let curl)) = try CommandParser.parse(
                "curl --unix-socket /s -XPOST http://localhost/containers/x/start")
        else {
            Issue.record("not a curl command")
            return
        }
        #expect(curl.method == "POST")
        #expect(curl.target == "/containers/x/start")
    }

    @Test func theirErrors() {
        #expect(
            throws: CommandSyntaxError(
                """
                export needs a format: export curl [N] or export http [N] (N is an exchange number; the last one by \
                default), or export har FILE or export script FILE
                """
            )
        ) { try CommandParser.parse("export pdf") }
        #expect(throws: CommandSyntaxError.self) { try CommandParser.parse("let id = .[") }
        #expect(throws: CommandSyntaxError("let needs NAME = value, e.g. let id = .Id")) {
            try CommandParser.parse("let id")
        }
    }

    @Test func everyScriptingErrorMessage() throws {
        func message(_ text: String) -> String {
            do {
                _ = try CommandParser.parse(text)
                return "no error"
            } catch { return error.message }
        }
        #expect(
            message("let v = header") == "let v = header needs a header name, e.g. let version = header Api-Version")
        #expect(
            message("let 1x = .Id")
                == """
                '1x' is not a variable name: use letters, digits and _, not starting with a digit (e.g. let id = \
                .Id)
                """
        )
        #expect(message("let id = .[").hasPrefix("let id: "))
        #expect(message("export curl x") == "'x' is not an exchange number: export curl 3")
        #expect(message("source") == "source needs a script file, e.g. source setup.sks")
        #expect(message("sleep -1") == "sleep needs a number of seconds, e.g. sleep 1.5")
        #expect(message("set a = ${b") == "unclosed ${ in '${b': write ${name}")
        #expect(message("echo $header(") == "unclosed $header( in '$header(': write $header(Content-Type)")
        #expect(message("expect") != "no error")
        #expect(message("curl --compressed http://localhost/_ping").contains("--compressed"))
        #expect(
            try CommandParser.parse("echo hello $name")
                == .complete(.echo(try VariableTemplate(parsing: "hello $name"))))
        #expect(try CommandParser.parse("sleep 2s") == .complete(.sleep(seconds: 2)))
        #expect(try CommandParser.parse("source lib/setup.sks") == .complete(.source(path: "lib/setup.sks")))
        #expect(try CommandParser.parse("vars") == .complete(.vars))
    }

    @Test func aCapturedVariableCountsAsDefined() {
        let commands: [(command: Command, line: Int)] = [
            (.capture(name: "id", from: .status), 1),
            (.request(RequestCommand(method: "POST", target: "/containers/$id/start")), 2),
        ]
        #expect(VariableCheck.firstUndefined(in: commands, defined: [], environment: [:]) == nil)
    }
}
