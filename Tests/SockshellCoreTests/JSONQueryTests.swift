import Testing

@testable import SockshellCore

/// Bodies shaped as dockerd sends them (API 1.4x), trimmed to what the tests need.
enum DockerBodies {
    static let createResponse =
        #"{"Id":"f5dd99791a38c6e1d1a0e6b2b3a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6","Warnings":[]}"#

    static let containerList = #"""
        [{"Id":"8dfafdbc3a40f5dd99791a38c6e1d1a0e6b2b3a4c5d6e7f8091a2b3c4d5e6f70","Names":["/web"],\#
        "Image":"nginx:alpine","ImageID":"sha256:1f3e","Command":"/docker-entrypoint.sh nginx -g 'daemon off;'",\#
        "Created":1717171717,"Ports":[{"PrivatePort":80,"Type":"tcp"}],"Labels":{"com.docker.compose.project":"shop",\#
        "maintainer":"NGINX Docker Maintainers <docker-maint@nginx.com>"},"State":"running","Status":"Up 2 hours",\#
        "HostConfig":{"NetworkMode":"default"},"Mounts":[]},
         {"Id":"9cd87474be90b2b3a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6f5dd99791a","Names":["/db","/web/db"],\#
        "Image":"postgres:16","ImageID":"sha256:9a8b","Command":"docker-entrypoint.sh postgres","Created":1717170000,\#
        "Ports":[],"Labels":{},"State":"exited","Status":"Exited (0) 3 minutes ago",\#
        "HostConfig":{"NetworkMode":"default"},"Mounts":[{"Type":"volume","Name":"pgdata",\#
        "Destination":"/var/lib/postgresql/data"}]}]
        """#

    static let inspect = #"""
        {"Id":"f5dd99791a38c6e1d1a0e6b2b3a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6",\#
        "Created":"2024-06-01T10:00:00.123456789Z","Path":"sleep","Args":["300"],
         "State":{"Status":"running","Running":true,"Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,\#
        "Pid":4242,"ExitCode":0,"Error":"","StartedAt":"2024-06-01T10:00:01Z","FinishedAt":"0001-01-01T00:00:00Z"},
         "Image":"sha256:ba5dc23f65d4cc4a4535bce55cf9e63b068eb02946e3422d3587e8ce803b6aab","Name":"/sleepy",\#
        "RestartCount":0,
         "Config":{"Hostname":"f5dd99791a38",\#
        "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sleep","300"],\#
        "Image":"busybox","Labels":{"com.example.tier":"backend","key with spaces":"yes"},"Healthcheck":null},
         "NetworkSettings":{"Networks":{"bridge":{"IPAddress":"172.17.0.2","Gateway":"172.17.0.1"}}}}
        """#

    static func parse(_ text: String) -> JSONValue {
        do {
            return try JSONValue.parse(text)
        } catch {
            fatalError("test body is not JSON: \(error)")
        }
    }
}

struct JSONQueryTests {
    let create = DockerBodies.parse(DockerBodies.createResponse)
    let list = DockerBodies.parse(DockerBodies.containerList)
    let inspect = DockerBodies.parse(DockerBodies.inspect)

    private func run(_ query: String, _ value: JSONValue) throws -> [JSONValue] {
        try JSONQuery(parsing: query).evaluate(value)
    }

    /// The results as compact JSON, the easiest thing to compare.
    private func rendered(_ query: String, _ value: JSONValue) throws -> [String] {
        try run(query, value).map(JSONQuery.render)
    }

    private func syntaxError(_ query: String) -> JSONQueryError? {
        do {
            _ = try JSONQuery(parsing: query)
            return nil
        } catch {
            return error
        }
    }

    private func evaluationError(_ query: String, _ value: JSONValue) throws -> JSONQueryError? {
        let parsed = try JSONQuery(parsing: query)
        do {
            _ = try parsed.evaluate(value)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Paths

    @Test func identityIsTheWholeValue() throws {
        #expect(try run(".", create) == [create])
        #expect(try run("  .  ", list) == [list])
        #expect(try JSONQuery(parsing: "  .Id ").text == ".Id")
    }

    @Test func theCreateResponseId() throws {
        #expect(try run(".Id", create) == [.string("f5dd99791a38c6e1d1a0e6b2b3a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6")])
        #expect(try rendered(".Warnings", create) == ["[]"])
    }

    @Test func nestedFieldsOfAnInspectBody() throws {
        #expect(try run(".State.Running", inspect) == [.bool(true)])
        #expect(try run(".State.Pid", inspect) == [.number("4242")])
        #expect(try run(".NetworkSettings.Networks.bridge.IPAddress", inspect) == [.string("172.17.0.2")])
        #expect(try rendered(".Config.Cmd", inspect) == [#"["sleep","300"]"#])
    }

    @Test func missingMembersAndStepsIntoNullGiveNullAsInJq() throws {
        #expect(try run(".Missing", inspect) == [.null])
        #expect(try run(".State.Health.Status", inspect) == [.null])
        #expect(try run(".Config.Healthcheck.Test", inspect) == [.null])
        #expect(try run(".[3]", .null) == [.null])
        #expect(try run(".[1:]", .null) == [.null])
    }

    @Test func quotedNamesInBracketsOrAfterTheDot() throws {
        #expect(try run(#".Config.Labels["com.example.tier"]"#, inspect) == [.string("backend")])
        #expect(try run(#".Config.Labels["key with spaces"]"#, inspect) == [.string("yes")])
        #expect(try run(#".Config.Labels."key with spaces""#, inspect) == [.string("yes")])
        #expect(try run(#".["Id"]"#, create) == run(".Id", create))
        #expect(try run(#".[ "Id" ]"#, create) == run(".Id", create))
        #expect(try run(#"."Warnings""#, create) == [.array([])])
        #expect(try run(#".[0].Labels["com.docker.compose.project"]"#, list) == [.string("shop")])
        // JSON escapes inside the name.
        let odd = DockerBodies.parse(#"{"a\"b":1,"é":2}"#)
        #expect(try run(#".["a\"b"]"#, odd) == [.number("1")])
        #expect(try run(#".["\u00e9"]"#, odd) == [.number("2")])
    }

    @Test func arrayIndicesCountFromEitherEnd() throws {
        #expect(
            try run(".[0].Id", list) == [.string("8dfafdbc3a40f5dd99791a38c6e1d1a0e6b2b3a4c5d6e7f8091a2b3c4d5e6f70")])
        #expect(try run(".[-1].Names[0]", list) == [.string("/db")])
        #expect(try run(".[1].Names[-1]", list) == [.string("/web/db")])
        #expect(try run(".[1].Mounts[0].Name", list) == [.string("pgdata")])
        #expect(try run(".[2]", list) == [.null])
        #expect(try run(".[-3]", list) == [.null])
        #expect(try run(".Args[ 0 ]", inspect) == [.string("300")])
    }

    @Test func aDotBeforeABracketIsAllowedAsInJq17() throws {
        #expect(try run(".Config.Cmd.[1]", inspect) == [.string("300")])
        #expect(try run(".[0].Names.[]", list) == [.string("/web")])
    }

    @Test func iterationGivesSeveralResults() throws {
        #expect(try rendered(".[].Names[0]", list) == [#""/web""#, #""/db""#])
        #expect(try rendered(".[].State", list) == [#""running""#, #""exited""#])
        #expect(try rendered(".[].Names[]", list) == [#""/web""#, #""/db""#, #""/web/db""#])
        #expect(try rendered(".Config.Labels[]", inspect) == [#""backend""#, #""yes""#])
        #expect(try run(".Warnings[]", create) == [])
        #expect(try run(".Warnings[].Anything", create) == [])
    }

    @Test func slicesOfArraysAndStrings() throws {
        #expect(try run(".Id[:12]", create) == [.string("f5dd99791a38")])
        #expect(try run(".[].Id[:12]", list) == [.string("8dfafdbc3a40"), .string("9cd87474be90")])
        #expect(try run(".Id[60:]", create) == [.string("c5d6")])
        #expect(try run(".Id[-4:]", create) == [.string("c5d6")])
        #expect(try run(".Id[60:1000]", create) == [.string("c5d6")])
        #expect(try run(".Id[5:2]", create) == [.string("")])
        #expect(try rendered(".Config.Cmd[1:]", inspect) == [#"["300"]"#])
        #expect(try rendered(".Config.Cmd[:-1]", inspect) == [#"["sleep"]"#])
        #expect(try rendered(".Config.Cmd[ 0 : 1 ]", inspect) == [#"["sleep"]"#])
        #expect(try rendered(".Config.Cmd[:]", inspect) == [#"["sleep","300"]"#])
        // By Unicode scalar, as jq.
        #expect(try run(".[:2]", .string("héllo")) == [.string("hé")])
    }

    // MARK: - Functions and pipes

    @Test func lengthOfEveryKind() throws {
        #expect(try run("length", list) == [.number("2")])
        #expect(try run(".Names | length", list[0]!) == [.number("1")])
        #expect(try run(".[].Names | length", list) == [.number("1"), .number("2")])
        #expect(try run(".[] | .Names | length", list) == [.number("1"), .number("2")])
        #expect(try run(".State | length", inspect) == [.number("11")])
        #expect(try run(".Id | length", create) == [.number("64")])
        #expect(try run(".Warnings | length", create) == [.number("0")])
        #expect(try run(".Missing | length", create) == [.number("0")])
        #expect(try run("length", .number("-2.5")) == [.number("2.5")])
        #expect(try run("length", .string("héllo")) == [.number("5")])
        // Duplicate member names count once, as jq keeps only the last.
        #expect(try run("length", DockerBodies.parse(#"{"a":1,"a":2}"#)) == [.number("1")])
    }

    @Test func keysAreSortedAndArraysGiveIndices() throws {
        #expect(try rendered("keys", create) == [#"["Id","Warnings"]"#])
        #expect(try rendered(".NetworkSettings.Networks.bridge | keys", inspect) == [#"["Gateway","IPAddress"]"#])
        #expect(try rendered(".Config.Labels | keys", inspect) == [#"["com.example.tier","key with spaces"]"#])
        #expect(try rendered(".[0].Names | keys", list) == ["[0]"])
        #expect(try rendered("keys[0]", inspect) == [#""Args""#])
        #expect(try rendered("keys | length", create) == ["2"])
        #expect(try rendered("keys", DockerBodies.parse(#"{"b":1,"B":2,"a":3,"b":4}"#)) == [#"["B","a","b"]"#])
    }

    @Test func typeNamesAsJq() throws {
        #expect(
            try rendered(".[] | type", DockerBodies.parse(#"[{},[],"",1,true,null]"#)) == [
                #""object""#, #""array""#, #""string""#, #""number""#, #""boolean""#, #""null""#,
            ])
    }

    @Test func pipesChainAndTolerateSpaces() throws {
        #expect(try run(". | .Id", create) == run(".Id", create))
        #expect(try run(".State|.Running", inspect) == [.bool(true)])
        #expect(try run(".[]   |   .Names[0]", list) == [.string("/web"), .string("/db")])
        #expect(try run(".Config | .Cmd | .[0]", inspect) == [.string("sleep")])
    }

    // MARK: - Presence (for `exists`)

    @Test func presentValuesSkipWhatIsMissingButKeepAPresentNull() throws {
        let query = try JSONQuery(parsing: ".Config.Healthcheck")
        #expect(try query.presentValues(in: inspect) == [.null])
        #expect(try JSONQuery(parsing: ".State.Health").presentValues(in: inspect) == [])
        #expect(try JSONQuery(parsing: ".State.Health.Status").presentValues(in: inspect) == [])
        #expect(try JSONQuery(parsing: ".[5]").presentValues(in: list) == [])
        #expect(try JSONQuery(parsing: ".[].Mounts[0]").presentValues(in: list).count == 1)
        #expect(try JSONQuery(parsing: ".Id").presentValues(in: create).count == 1)
    }

    // MARK: - Rendering

    @Test func renderIsCompactJSONInMemberOrder() throws {
        let body = DockerBodies.parse(#"{ "b" : [1, 2.50, -0.0, 1e3], "a": {"x": null, "y": true, "z": false} }"#)
        #expect(JSONQuery.render(body) == #"{"b":[1,2.50,-0.0,1e3],"a":{"x":null,"y":true,"z":false}}"#)
        #expect(JSONQuery.render(.string("busybox")) == #""busybox""#)
        #expect(JSONQuery.render(.object([])) == "{}")
        #expect(JSONQuery.render(.array([])) == "[]")
    }

    @Test func renderEscapesWhatJSONRequiresAndKeepsUnicode() throws {
        let text = "q\"b\\s/ n\n r\r t\t b\u{08} f\u{0C} u\u{01}\u{1F}\u{7F} é 🐳"
        let rendered = JSONQuery.render(.string(text))
        #expect(rendered == #""q\"b\\s/ n\n r\r t\t b\b f\f u\u0001\u001f\u007f é 🐳""#)
        // Round trip through the parser.
        #expect(try JSONValue.parse(rendered) == .string(text))
    }

    @Test func plainTextLeavesStringsUnquoted() throws {
        #expect(JSONQuery.plainText(.string("f5dd99791a38")) == "f5dd99791a38")
        #expect(JSONQuery.plainText(.string("a \"quoted\"\nline")) == "a \"quoted\"\nline")
        #expect(JSONQuery.plainText(.number("201")) == "201")
        #expect(JSONQuery.plainText(.bool(false)) == "false")
        #expect(JSONQuery.plainText(.null) == "null")
        #expect(try JSONQuery.plainText(run(".Config.Cmd", inspect)[0]) == #"["sleep","300"]"#)
    }

    // MARK: - Equality by value

    @Test func valuesCompareIgnoringMemberOrderAndNumberSpelling() throws {
        func equivalent(_ a: String, _ b: String) -> Bool {
            DockerBodies.parse(a).isEquivalent(to: DockerBodies.parse(b))
        }
        #expect(equivalent(#"{"a":1,"b":[true,null]}"#, #"{"b":[true,null],"a":1}"#))
        #expect(equivalent("1.0", "1"))
        #expect(equivalent("1e2", "100"))
        #expect(equivalent("0.10", "1E-1"))
        #expect(equivalent("-0", "0"))
        #expect(equivalent("0.000", "0e5"))
        #expect(equivalent("1629574695515050031", "1629574695515050031.0"))
        #expect(!equivalent("1629574695515050031", "1629574695515050032"))
        #expect(!equivalent("-1", "1"))
        #expect(!equivalent("1", "\"1\""))
        #expect(!equivalent("[1,2]", "[2,1]"))
        #expect(!equivalent(#"{"a":1}"#, #"{"a":1,"b":2}"#))
        #expect(!equivalent(#"{"a":1,"c":2}"#, #"{"a":1,"b":2}"#))
        #expect(equivalent(#"{"a":1,"a":2}"#, #"{"a":2}"#))
        #expect(!equivalent("null", "false"))
        #expect(equivalent("\"é\"", "\"\\u00e9\""))
    }

    @Test func queriesAreEqualWhenWrittenTheSame() throws {
        #expect(try JSONQuery(parsing: ".Id") == JSONQuery(parsing: " .Id "))
        #expect(try JSONQuery(parsing: ".Id") != JSONQuery(parsing: ".Image"))
        #expect(try JSONQuery(parsing: ".State.Running").description == ".State.Running")
    }

    // MARK: - Syntax errors

    @Test func syntaxErrorsNameTheColumnAndTheQuery() throws {
        let cases: [(String, String)] = [
            ("", "the query is empty; write . for the whole value or a path such as .Id"),
            ("   ", "the query is empty; write . for the whole value or a path such as .Id"),
            (".[0]]", "unexpected ']' at column 5 in .[0]]"),
            (".a .b", "unexpected '.' at column 4 in .a .b"),
            (".[0", "unexpected end of the query at column 4 in .[0; expected ']'"),
            (
                ".[",
                #"unexpected end of the query at column 3 in .[; expected ], a number or a "quoted name" inside [ ]"#
            ),
            (".[x]", #"unexpected 'x' at column 3 in .[x]; expected ], a number or a "quoted name" inside [ ]"#),
            (".[1:2:3]", "unexpected ':' at column 6 in .[1:2:3]; expected ']'"),
            (".[-]", "unexpected ']' at column 4 in .[-]; a digit must follow '-'"),
            (".[1.5]", "unexpected '.' at column 4 in .[1.5]; expected ']'"),
            (".0", "a field name cannot start with a digit at column 2 in .0; write .[N] for an array element"),
            (
                ".Names.0",
                "a field name cannot start with a digit at column 8 in .Names.0; write [N] for an array element"
            ),
            ("..", "unexpected '.' at column 2 in ..; recursive descent (..) is not supported"),
            (".State.", "unexpected end of the query at column 8 in .State.; a field name must follow '.'"),
            (".State.-", "unexpected '-' at column 8 in .State.-; a field name must follow '.'"),
            (".Names |", "unexpected end of the query at column 9 in .Names |; a query such as length must follow '|'"),
            (
                ".Names | | length",
                """
                unexpected '|' at column 10 in .Names | | length; a query starts with . as in .Id, or is length, keys \
                or type
                """
            ),
            ("]", "unexpected ']' at column 1 in ]; a query starts with . as in .Id, or is length, keys or type"),
            ("lenght", "unknown function lenght at column 1 in lenght; did you mean length?"),
            (".Names | lentgh", "unknown function lentgh at column 10 in .Names | lentgh; did you mean length?"),
            (
                "Id",
                "unknown function Id at column 1 in Id; for a field write .Id (the functions are length, keys and type)"
            ),
            (#".["abc"#, #"the string starting at column 3 has no closing " in .["abc"#),
            (#".Labels."abc\"]"#, #"the string starting at column 9 has no closing " in .Labels."abc\"]"#),
            (
                ".[99999999999999999999]",
                "the number 99999999999999999999 at column 3 is too large in .[99999999999999999999]"
            ),
        ]
        for (query, message) in cases {
            let error = syntaxError(query)
            #expect(error?.message == message, "query: \(query)")
            #expect(error?.kind == .syntax)
        }
    }

    @Test func syntaxErrorsCarryTheColumn() {
        #expect(syntaxError(".[0]]")?.column == 5)
        #expect(syntaxError(".0")?.column == 2)
        #expect(syntaxError("")?.column == 1)
        #expect(syntaxError(".[0]]")?.description == "unexpected ']' at column 5 in .[0]]")
    }

    @Test func aBadEscapeInAQuotedNameSaysWhy() {
        let error = syntaxError(#".["a\qb"]"#)
        #expect(error?.message.hasPrefix(#"bad string at column 3 in .["a\qb"]: unknown escape \q"#) == true)
        #expect(error?.column == 3)
    }

    @Test func nonASCIIColumnsCountCharacters() {
        #expect(syntaxError(#".["é"] x"#)?.message == #"unexpected 'x' at column 8 in .["é"] x"#)
    }

    // MARK: - Evaluation errors

    @Test func evaluationErrorsNameThePathAndTheType() throws {
        let cases: [(String, JSONValue, String)] = [
            (".State.Running.X", inspect, "`.State.Running` is a boolean, it has no field X"),
            (".Id.Running", create, "`.Id` is a string, it has no field Running"),
            (#".Id["a b"]"#, create, #"`.Id` is a string, it has no field "a b""#),
            (".State.Pid.x", inspect, "`.State.Pid` is a number, it has no field x"),
            (".Id", list, "`.` is an array, it has no field Id"),
            (".[0]", inspect, "`.` is an object, it has no element [0]"),
            (".Id[0]", create, "`.Id` is a string, it has no element [0]"),
            (".Name | .foo", inspect, "`.Name` is a string, it has no field foo"),
            (".Config | .Cmd | .x", inspect, "`.Config | .Cmd` is an array, it has no field x"),
            (".[].Names.x", list, "`.[].Names` is an array, it has no field x"),
            (".State.Health[]", inspect, "`.State.Health` is null, it cannot be iterated"),
            (".Id[]", create, "`.Id` is a string, it cannot be iterated"),
            (".[]", .number("1"), "`.` is a number, it cannot be iterated"),
            (".State[1:]", inspect, "`.State` is an object, it cannot be sliced"),
            (".State.Running | length", inspect, "`.State.Running` is a boolean, it has no length"),
            (".Id | keys", create, "`.Id` is a string, it has no keys"),
            ("keys", .null, "`.` is null, it has no keys"),
            ("type | .x", create, "`type` is a string, it has no field x"),
        ]
        for (query, value, message) in cases {
            let error = try evaluationError(query, value)
            #expect(error?.message == message, "query: \(query)")
            #expect(error?.kind == .evaluation)
            #expect(error?.column == nil)
        }
    }

    @Test func anErrorInOneIteratedElementFailsTheQuery() throws {
        let mixed = DockerBodies.parse(#"[{"Names":["/a"]},{"Names":"oops"}]"#)
        #expect(try evaluationError(".[].Names[0]", mixed)?.message == "`.[].Names` is a string, it has no element [0]")
    }

    @Test func presenceStillReportsTypeErrors() throws {
        #expect(throws: JSONQueryError(.evaluation, "`.Id` is a string, it has no field x")) {
            try JSONQuery(parsing: ".Id.x").presentValues(in: create)
        }
    }
}
