import Testing

@testable import SockshellCore

struct ExpectationTests {
    let create = DockerBodies.parse(DockerBodies.createResponse)
    let list = DockerBodies.parse(DockerBodies.containerList)
    let inspect = DockerBodies.parse(DockerBodies.inspect)

    let jsonHeaders = [
        HeaderField(name: "Api-Version", value: "1.45"),
        HeaderField(name: "Content-Type", value: "application/json"),
        HeaderField(name: "Docker-Experimental", value: "false"),
        HeaderField(name: "Ostype", value: "linux"),
        HeaderField(name: "Server", value: "Docker/26.1.4 (linux)"),
        HeaderField(name: "Date", value: "Sat, 01 Jun 2024 10:00:00 GMT"),
        HeaderField(name: "Content-Length", value: "88"),
    ]

    private func query(_ text: String) throws -> JSONQuery {
        try JSONQuery(parsing: text)
    }

    private func parseError(_ text: String) -> String? {
        do {
            _ = try Expectation.parse(text)
            return nil
        } catch {
            return error.message
        }
    }

    private func check(_ text: String, status: Int = 200, headers: [HeaderField]? = nil, body: JSONValue?) throws
        -> ExpectationResult
    {
        try Expectation.parse(text).check(status: status, headers: HTTPFields(headers ?? jsonHeaders), body: body)
    }

    // MARK: - status

    @Test func statusPatternsParse() throws {
        #expect(try Expectation.parse("status 201") == .status(StatusPattern([.code(201)])))
        #expect(try Expectation.parse("  status   2xx ") == .status(StatusPattern([.family(2)])))
        #expect(try Expectation.parse("status 2XX") == .status(StatusPattern([.family(2)])))
        #expect(try Expectation.parse("status 204|304") == .status(StatusPattern([.code(204), .code(304)])))
        #expect(try Expectation.parse("status 204 | 304") == .status(StatusPattern([.code(204), .code(304)])))
        #expect(try Expectation.parse("status 2xx|404") == .status(StatusPattern([.family(2), .code(404)])))
    }

    @Test func statusChecks() throws {
        #expect(try check("status 201", status: 201, body: create) == .passed)
        #expect(
            try check("status 201", status: 409, body: nil) == .failed(expected: "status 201", actual: "status 409"))
        #expect(try check("status 2xx", status: 204, body: nil) == .passed)
        #expect(try check("status 2xx", status: 299, body: nil) == .passed)
        #expect(
            try check("status 2xx", status: 304, body: nil) == .failed(expected: "status 2xx", actual: "status 304"))
        #expect(try check("status 204|304", status: 304, body: nil) == .passed)
        #expect(
            try check("status 204 |304", status: 200, body: nil)
                == .failed(expected: "status 204|304", actual: "status 200"))
        #expect(try check("status 1xx", status: 101, body: nil) == .passed)
        #expect(try check("status 5xx", status: 500, body: nil) == .passed)
        #expect(StatusPattern([.family(2)]).matches(20) == false)
    }

    @Test func statusErrors() {
        #expect(
            parseError("status")
                == "expect status needs a code, e.g. expect status 201, expect status 2xx or expect status 204|304")
        let advice = "write a code from 100 to 599 such as 201, a class such as 2xx, or alternatives such as 204|304"
        #expect(parseError("status 20") == "'20' in expect status 20 is not a status: \(advice)")
        #expect(parseError("status 600") == "'600' in expect status 600 is not a status: \(advice)")
        #expect(parseError("status 099") == "'099' in expect status 099 is not a status: \(advice)")
        #expect(parseError("status 2x") == "'2x' in expect status 2x is not a status: \(advice)")
        #expect(parseError("status 6xx") == "'6xx' in expect status 6xx is not a status: \(advice)")
        #expect(parseError("status ok") == "'ok' in expect status ok is not a status: \(advice)")
        #expect(parseError("status 204|") == "an empty alternative in expect status 204| is not a status: \(advice)")
        #expect(parseError("status 2０1") == "'2０1' in expect status 2０1 is not a status: \(advice)")
    }

    // MARK: - header

    @Test func headerForms() throws {
        #expect(try Expectation.parse("header Location") == .headerPresent("Location"))
        #expect(
            try Expectation.parse("header Content-Type = application/json")
                == .headerEquals("Content-Type", "application/json"))
        #expect(
            try Expectation.parse("header Content-Type=application/json")
                == .headerEquals("Content-Type", "application/json"))
        #expect(
            try Expectation.parse("header Content-Type: application/json")
                == .headerEquals("Content-Type", "application/json"))
        #expect(
            try Expectation.parse(#"header Server = "Docker/26.1.4 (linux)""#)
                == .headerEquals("Server", "Docker/26.1.4 (linux)"))
        #expect(
            try Expectation.parse("header Server = 'Docker/26.1.4 (linux)'")
                == .headerEquals("Server", "Docker/26.1.4 (linux)"))
        #expect(
            try Expectation.parse("header Server = Docker/26.1.4 (linux)")
                == .headerEquals("Server", "Docker/26.1.4 (linux)"))
        #expect(try Expectation.parse(#"header X-Empty = """#) == .headerEquals("X-Empty", ""))
    }

    @Test func headerChecksIgnoreNameCase() throws {
        #expect(try check("header content-type", body: nil) == .passed)
        #expect(
            try check("header Location", body: nil)
                == .failed(expected: "header Location", actual: "no Location header"))
        #expect(try check("header CONTENT-TYPE = application/json", body: nil) == .passed)
        #expect(
            try check("header Ostype = windows", body: nil)
                == .failed(expected: "header Ostype = windows", actual: "Ostype: linux"))
        #expect(
            try check("header Location = /x", body: nil)
                == .failed(expected: "header Location = /x", actual: "no Location header"))
        let twice = [HeaderField(name: "Vary", value: "Accept"), HeaderField(name: "vary", value: " Origin ")]
        #expect(try check("header Vary = Origin", headers: twice, body: nil) == .passed)
        #expect(
            try check("header Vary = Cookie", headers: twice, body: nil)
                == .failed(expected: "header Vary = Cookie", actual: "Vary: Accept, Vary: Origin"))
    }

    @Test func headerErrors() {
        #expect(
            parseError("header")
                == """
                expect header needs a header name, e.g. expect header Location or expect header Content-Type = \
                application/json
                """
        )
        #expect(
            parseError("header Content Type")
                == """
                bad header name 'Content' in expect header: a header name is a token with no spaces, e.g. \
                Content-Type
                """
        )
        #expect(
            parseError("header = x")
                == "bad header name '=' in expect header: a header name is a token with no spaces, e.g. Content-Type")
        #expect(
            parseError("header Location =")
                == #"expect header Location needs a value after '=' (write "" for an empty value)"#)
        #expect(
            parseError("header Location:")
                == #"expect header Location needs a value after ':' (write "" for an empty value)"#)
    }

    // MARK: - query ==, !=

    @Test func equalityParses() throws {
        #expect(
            try Expectation.parse(".State.Running == true") == .query(query(".State.Running"), .equals(.bool(true))))
        #expect(try Expectation.parse(#".Image=="busybox""#) == .query(query(".Image"), .equals(.string("busybox"))))
        #expect(try Expectation.parse(".Warnings != null") == .query(query(".Warnings"), .notEquals(.null)))
        #expect(
            try Expectation.parse(".Names | length == 2") == .query(query(".Names | length"), .equals(.number("2"))))
        #expect(try Expectation.parse("length == 2") == .query(query("length"), .equals(.number("2"))))
        // An operator inside a quoted name belongs to the query.
        #expect(try Expectation.parse(#".["a == b"] == 1"#) == .query(query(#".["a == b"]"#), .equals(.number("1"))))
        #expect(try Expectation.parse(#".["x contains y"] exists"#) == .query(query(#".["x contains y"]"#), .exists))
    }

    @Test func equalityChecksByValue() throws {
        #expect(try check(".State.Running == true", body: inspect) == .passed)
        #expect(try check(".State.Pid == 4242.0", body: inspect) == .passed)
        #expect(try check(".State.ExitCode == 0e3", body: inspect) == .passed)
        #expect(
            try check(
                #".NetworkSettings.Networks.bridge == {"Gateway":"172.17.0.1","IPAddress":"172.17.0.2"}"#, body: inspect
            ) == .passed)
        #expect(try check(#".Config.Cmd == ["sleep", "300"]"#, body: inspect) == .passed)
        #expect(try check(".Warnings == []", body: create) == .passed)
        #expect(try check(".Missing == null", body: create) == .passed)
        #expect(
            try check(".State.Running == false", body: inspect)
                == .failed(expected: ".State.Running == false", actual: "true"))
        #expect(
            try check(#".Config.Image == "nginx""#, body: inspect)
                == .failed(expected: #".Config.Image == "nginx""#, actual: #""busybox""#))
        #expect(
            try check(#".Config.Cmd == ["300","sleep"]"#, body: inspect)
                == .failed(expected: #".Config.Cmd == ["300","sleep"]"#, actual: #"["sleep","300"]"#))
        #expect(try check(".State.Pid != 0", body: inspect) == .passed)
        #expect(
            try check(".State.ExitCode != 0.0", body: inspect)
                == .failed(expected: ".State.ExitCode != 0.0", actual: "0"))
        #expect(try check(". == 1", body: .number("1.000")) == .passed)
    }

    @Test func everyResultOfAnIteratingQueryMustHold() throws {
        #expect(try check(#".[].HostConfig.NetworkMode == "default""#, body: list) == .passed)
        #expect(
            try check(#".[].State == "running""#, body: list)
                == .failed(expected: #".[].State == "running""#, actual: #""exited" (result 2 of 2)"#))
        #expect(try check(#".[].State != "paused""#, body: list) == .passed)
        #expect(
            try check(#".[].State != "exited""#, body: list)
                == .failed(expected: #".[].State != "exited""#, actual: #""exited" (result 2 of 2)"#))
        // No results: nothing to be equal, so == fails and != holds.
        #expect(
            try check(".Warnings[] == 1", body: create)
                == .failed(expected: ".Warnings[] == 1", actual: "no value (the query gave no results)"))
        #expect(try check(".Warnings[] != 1", body: create) == .passed)
    }

    @Test func queryChecksWithoutAJSONBodyOrWithAnEvaluationError() throws {
        #expect(
            try check(".Id exists", status: 204, body: nil) == .failed(expected: ".Id exists", actual: "no JSON body"))
        #expect(
            try check(".Id.x == 1", body: create)
                == .failed(expected: ".Id.x == 1", actual: "`.Id` is a string, it has no field x"))
    }

    @Test func longActualValuesAreCut() throws {
        guard case .failed(_, let actual) = try check(". == {}", body: inspect) else {
            Issue.record("expected a failure")
            return
        }
        #expect(actual.hasPrefix(#"{"Id":"f5dd99791a38"#))
        #expect(actual.contains("… ("))
        #expect(actual.hasSuffix(" characters)"))
        #expect(actual.count < 240)
    }

    @Test func equalityErrors() {
        #expect(
            parseError(".Image == busybox")
                == #"busybox after == is not JSON: put a string in double quotes, as in == "busybox""#)
        #expect(
            parseError(".Image != nginx:alpine")
                == #"nginx:alpine after != is not JSON: put a string in double quotes, as in != "nginx:alpine""#)
        #expect(
            parseError(".State.Running ==")
                == #"== needs a JSON value after it, e.g. expect .State.Running == true or expect .Image == "busybox""#)
        #expect(
            parseError(".Config.Cmd == [\"sleep\"")
                == "the value after == is not JSON: invalid JSON at byte 8: the input ends inside an array")
        #expect(
            parseError(".State.Running == tru")
                == "the value after == is not JSON: invalid JSON at byte 0: expected true, found 'tru'")
        #expect(parseError("== 1") == "expect needs a query before ==, e.g. expect .State.Running == true")
        #expect(parseError(".[0]] == 1") == "unexpected ']' at column 5 in .[0]]")
        #expect(
            parseError(".Id")
                == """
                expect .Id needs a check after the query: == JSON, != JSON, contains VALUE, matches /REGEX/ or \
                exists, e.g. expect .State.Running == true
                """
        )
        #expect(
            parseError(".State.Running = true")
                == """
                expect .State.Running = true needs a check after the query: == JSON, != JSON, contains VALUE, \
                matches /REGEX/ or exists, e.g. expect .State.Running == true
                """
        )
    }

    // MARK: - contains

    @Test func containsParses() throws {
        #expect(
            try Expectation.parse(#".Names contains "/web""#) == .query(query(".Names"), .contains(.string("/web"))))
        #expect(
            try Expectation.parse(".Image contains busybox") == .query(query(".Image"), .contains(.string("busybox"))))
        #expect(
            try Expectation.parse(".Status contains Up 2 hours")
                == .query(query(".Status"), .contains(.string("Up 2 hours"))))
        #expect(
            try Expectation.parse(#". contains {"State":{"Running":true}}"#)
                == .query(query("."), .contains(DockerBodies.parse(#"{"State":{"Running":true}}"#))))
    }

    @Test func containsOnStringsArraysAndObjects() throws {
        // String: substring (a bare word is a string; a number is searched for as its text).
        #expect(try check(".Config.Image contains busy", body: inspect) == .passed)
        #expect(try check(#".[0].Status contains "Up ""#, body: list) == .passed)
        #expect(try check(".Config.Hostname contains 9979", body: inspect) == .passed)
        #expect(
            try check(".Config.Image contains nginx", body: inspect)
                == .failed(expected: #".Config.Image contains "nginx""#, actual: #""busybox""#))
        // Array: has the element, or every element of an array (by value).
        #expect(try check(#".[1].Names contains "/db""#, body: list) == .passed)
        #expect(try check(#".[1].Names contains ["/web/db", "/db"]"#, body: list) == .passed)
        #expect(
            try check(#".[0].Names contains "/we""#, body: list)
                == .failed(expected: #".[0].Names contains "/we""#, actual: #"["/web"]"#))
        #expect(
            try check(".Config.Cmd contains 300.0", body: inspect)
                == .failed(expected: ".Config.Cmd contains 300.0", actual: #"["sleep","300"]"#))
        // Object: has the members (nested objects in part), or has the key.
        #expect(try check(#". contains {"State":{"Running":true,"Pid":4242}}"#, body: inspect) == .passed)
        #expect(
            try check(#". contains {"State":{"Running":false}}"#, body: inspect)
                == .failed(
                    expected: #". contains {"State":{"Running":false}}"#,
                    actual: String(JSONQuery.render(inspect).prefix(200))
                        + "… (\(JSONQuery.render(inspect).count) characters)"))
        #expect(try check(#".Config.Labels contains "com.example.tier""#, body: inspect) == .passed)
        #expect(
            try check(".[].Labels contains maintainer", body: list)
                == .failed(expected: #".[].Labels contains "maintainer""#, actual: "{} (result 2 of 2)"))
    }

    @Test func containsOnTheWrongKindSaysSo() throws {
        #expect(
            try check(".State.Pid contains 42", body: inspect)
                == .failed(
                    expected: ".State.Pid contains 42",
                    actual: "4242, contains needs a string, an array or an object, not a number"))
        #expect(
            try check(".Config.Labels contains 1", body: inspect)
                == .failed(
                    expected: ".Config.Labels contains 1",
                    actual:
                        #"""
                        {"com.example.tier":"backend",\#
                        "key with spaces":"yes"}, an object contains only members (an object) or a key (a string)
                        """#
                ))
        #expect(
            try check(".Config.Image contains [1]", body: inspect)
                == .failed(
                    expected: ".Config.Image contains [1]", actual: #""busybox", a string cannot contain an array"#))
        #expect(
            try check(#".Config.Image contains {"a":1}"#, body: inspect)
                == .failed(
                    expected: #".Config.Image contains {"a":1}"#,
                    actual: #""busybox", a string cannot contain an object"#))
    }

    @Test func containsErrors() {
        #expect(
            parseError(".Names contains")
                == #"""
                contains needs a value after it: JSON such as "busybox" or ["/web"], or a bare word, e.g. expect \#
                .Image contains busybox
                """#
        )
        #expect(
            parseError(#".Names contains ["/web""#)
                == "the value after contains is not JSON: invalid JSON at byte 7: the input ends inside an array")
    }

    // MARK: - matches

    @Test func regexWorksWithoutFoundation() throws {
        #expect(
            try Expectation.parse(".Id matches /^[0-9a-f]{64}$/")
                == .query(query(".Id"), .matches(try ExpectedRegex("^[0-9a-f]{64}$"))))
        #expect(try check(".Id matches /^[0-9a-f]{64}$/", body: create) == .passed)
        #expect(try check(".[].Id matches /^[0-9a-f]{64}$/", body: list) == .passed)
        #expect(try check(".State.StartedAt matches /^2024-06-01T/", body: inspect) == .passed)
        #expect(try check(#".Config.Image matches /^busy\w+$/"#, body: inspect) == .passed)
        #expect(try check(".Config.Image matches /(?i)^BUSYBOX$/", body: inspect) == .passed)
        #expect(try check(".Config.Env[0] matches /PATH=.*/sbin/", body: inspect) == .passed)
        #expect(try check(".State.Pid matches /^[0-9]+$/", body: inspect) == .passed)
        #expect(try check(".State.Running matches /^true$/", body: inspect) == .passed)
        #expect(
            try check(".[].State matches /^run/", body: list)
                == .failed(expected: ".[].State matches /^run/", actual: #""exited" (result 2 of 2)"#))
        #expect(
            try check(".Id matches /^[0-9a-f]{12}$/", body: create)
                == .failed(
                    expected: ".Id matches /^[0-9a-f]{12}$/",
                    actual: #""f5dd99791a38c6e1d1a0e6b2b3a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6""#))
        #expect(
            try check(".Config.Cmd matches /sleep/", body: inspect)
                == .failed(
                    expected: ".Config.Cmd matches /sleep/",
                    actual: #"["sleep","300"], matches needs a string, not an array"#))
        #expect(
            try check(".Missing matches /x/", body: inspect)
                == .failed(expected: ".Missing matches /x/", actual: "null, matches needs a string, not null"))
    }

    @Test func matchesErrors() {
        #expect(
            parseError(".Id matches ^abc")
                == "matches needs a regular expression between slashes, e.g. expect .Id matches /^[0-9a-f]{64}$/")
        #expect(
            parseError(".Id matches")
                == "matches needs a regular expression between slashes, e.g. expect .Id matches /^[0-9a-f]{64}$/")
        #expect(
            parseError(".Id matches /abc/i")
                == "matches needs a regular expression between slashes, e.g. expect .Id matches /^[0-9a-f]{64}$/")
        #expect(
            parseError(".Id matches //")
                == "the regular expression after matches is empty: write one between the slashes, e.g. /^[0-9a-f]{64}$/"
        )
        #expect(parseError(".Id matches /(abc/") == "the regular expression /(abc/ is invalid: expected ')'")
    }

    // MARK: - exists

    @Test func existsMeansPresentEvenWhenNull() throws {
        #expect(try Expectation.parse(".State.Health exists") == .query(query(".State.Health"), .exists))
        #expect(try check(".Id exists", body: create) == .passed)
        #expect(try check(".Warnings exists", body: create) == .passed)
        #expect(try check(".Config.Healthcheck exists", body: inspect) == .passed)
        #expect(
            try check(".State.Health exists", body: inspect)
                == .failed(expected: ".State.Health exists", actual: "absent"))
        #expect(try check(".[].Mounts[0] exists", body: list) == .passed)
        #expect(try check(".[2] exists", body: list) == .failed(expected: ".[2] exists", actual: "absent"))
        #expect(
            try check(".Id.x exists", body: create)
                == .failed(expected: ".Id.x exists", actual: "`.Id` is a string, it has no field x"))
    }

    @Test func existsErrors() {
        #expect(parseError(".Id exists now") == "nothing may follow exists, found 'now'")
        #expect(
            parseError("exists")
                == """
                unknown check 'exists' after expect: write status CODE, header NAME [= VALUE], event TYPE ACTION \
                within SECONDS, tapped METHOD ROUTE [STATUS], output /REGEX/ [within SECONDS], or a query such as .Id \
                followed by == JSON, != JSON, contains VALUE, matches /REGEX/ or exists
                """
        )
    }

    // MARK: - event

    @Test func eventForms() throws {
        #expect(
            try Expectation.parse("event container start within 5s")
                == .event(type: "container", action: "start", within: 5))
        #expect(
            try Expectation.parse("event container die within 1.5s")
                == .event(type: "container", action: "die", within: 1.5))
        #expect(
            try Expectation.parse("event image pull within 500ms") == .event(type: "image", action: "pull", within: 0.5)
        )
        #expect(
            try Expectation.parse("event network connect within 2m")
                == .event(type: "network", action: "connect", within: 120))
        #expect(
            try Expectation.parse("event container create within 3")
                == .event(type: "container", action: "create", within: 3))
        #expect(
            try Expectation.parse("event container destroy")
                == .event(type: "container", action: "destroy", within: Expectation.defaultEventTimeout))
    }

    /// Issue 11: `.event` failed its own `check` whatever had been seen.
    @Test func anEventExpectationHoldsOnceItsEventIsSeen() throws {
        let expectation = try Expectation.parse("event container start within 5s")
        let seen = [DockerEvent(type: "container", action: "create"), DockerEvent(type: "container", action: "start")]
        #expect(expectation.check(status: 200, headers: [], body: nil, events: seen) == .passed)
        #expect(expectation.firstMatch(in: seen) == 1)
        #expect(
            expectation.check(status: 200, headers: [], body: nil, events: seen.prefix(1))
                == .failed(expected: "event container start within 5s", actual: "events container create"))
        #expect(
            try check("event container start within 5s", body: create)
                == .failed(expected: "event container start within 5s", actual: "no events"), "a response is no event")
        #expect(try Expectation.parse("status 200").firstMatch(in: seen) == nil)
    }

    @Test func aMatchesRegexIsCompiledWhenReadAndEqualByItsPattern() throws {
        let regex = try ExpectedRegex("^[0-9a-f]+$")
        #expect(regex == (try ExpectedRegex("^[0-9a-f]+$")))
        #expect(regex.isFound(in: "c0ffee") && !regex.isFound(in: "C0FFEE"))
        #expect(throws: (any Error).self) { try ExpectedRegex("(") }
    }

    @Test func eventErrors() {
        #expect(
            parseError("event")
                == "expect event needs a type and an action, e.g. expect event container start within 5s")
        #expect(
            parseError("event container")
                == "expect event needs a type and an action, e.g. expect event container start within 5s")
        #expect(
            parseError("event container start in 5s")
                == """
                unexpected 'in' in expect event: after the type and action only within SECONDS may follow, e.g. \
                within 5s
                """
        )
        #expect(
            parseError("event container start within")
                == "within needs a time, e.g. expect event container start within 5s")
        #expect(
            parseError("event container start within 5s please")
                == "unexpected 'please' after within 5s in expect event")
        for bad in ["soon", "0s", "-1s", "5h", "ms", "1e3s"] {
            #expect(
                parseError("event container start within \(bad)")
                    == "'\(bad)' is not a time: write seconds such as 5s, 1.5s or 5, or milliseconds such as 500ms",
                "time: \(bad)")
        }
    }

    // MARK: - General

    @Test func unknownChecksSuggestTheNearestWord() {
        let forms =
            """
            status CODE, header NAME [= VALUE], event TYPE ACTION within SECONDS, tapped METHOD ROUTE [STATUS], output \
            /REGEX/ [within SECONDS], or a query such as .Id followed by == JSON, != JSON, contains VALUE, matches \
            /REGEX/ or exists
            """
        #expect(parseError("") == "expect needs something to check: \(forms)")
        #expect(parseError("   ") == "expect needs something to check: \(forms)")
        #expect(
            parseError("stauts 200") == "unknown check 'stauts' after expect (did you mean status?): write \(forms)")
        #expect(
            parseError("headr Location") == "unknown check 'headr' after expect (did you mean header?): write \(forms)")
        #expect(
            parseError("body contains x")
                == """
                unknown function body at column 1 in body; for a field write .body (the functions are length, \
                keys and type)
                """
        )
    }

    @Test func descriptionsAreCanonicalAndParseBack() throws {
        let lines = [
            "status 201", "status 2xx|304", "header Location", "header Content-Type = application/json",
            ".State.Running == true", #".Image != "nginx""#, #".Names contains "/web""#, ".Id matches /^[0-9a-f]{64}$/",
            ".State.Health exists", ".Names | length == 1", "event container start within 5s",
            "event container die within 1.5s",
        ]
        for line in lines {
            let expectation = try Expectation.parse(line)
            #expect(expectation.description == line)
            #expect(try Expectation.parse(expectation.description) == expectation)
        }
        #expect(try Expectation.parse(".Image contains busybox").description == #".Image contains "busybox""#)
        #expect(try Expectation.parse("status 204 | 304").description == "status 204|304")
        #expect(
            try Expectation.parse(".Config.Cmd == [ \"sleep\" , \"300\" ]").description
                == #".Config.Cmd == ["sleep","300"]"#)
    }

    @Test func resultConvenience() {
        #expect(ExpectationResult.passed.isPassed)
        #expect(!ExpectationResult.failed(expected: "a", actual: "b").isPassed)
    }

    @Test func tappedCallsMatchByMethodRouteAnyVersionAndStatus() throws {
        let expectation = try Expectation.parse("tapped POST /containers/{id}/start 204")
        #expect(
            expectation
                == .tapped(method: "POST", route: "/containers/{id}/start", status: try StatusPattern(parsing: "204")))
        #expect(expectation.description == "tapped POST /containers/{id}/start 204")
        let calls = [
            TappedCall(method: "HEAD", route: "/_ping", status: 200),
            TappedCall(method: "POST", route: "/v1.41/containers/{id}/start", status: 204),
        ]
        #expect(expectation.check(tapped: calls).isPassed)
        #expect(try Expectation.parse("tapped head /_ping").check(tapped: calls).isPassed)
        #expect(
            try Expectation.parse("tapped POST /containers/{id}/start 2xx").check(tapped: calls).isPassed)
        #expect(
            try Expectation.parse("tapped POST /containers/{id}/start 500").check(tapped: calls)
                == .failed(
                    expected: "tapped POST /containers/{id}/start 500",
                    actual: "POST /containers/{id}/start answered 204"))
        #expect(
            try Expectation.parse("tapped POST /containers/create").check(tapped: calls)
                == .failed(
                    expected: "tapped POST /containers/create",
                    actual: "calls HEAD /_ping, POST /v1.41/containers/{id}/start"))
        #expect(
            try Expectation.parse("tapped GET /info").check(tapped: [])
                == .failed(expected: "tapped GET /info", actual: "no calls through the tap"))
    }

    @Test func tappedNeedsAMethodAndARoute() {
        for text in ["tapped", "tapped POST", "tapped POST containers", "tapped POST /a 200 extra"] {
            #expect(throws: CommandSyntaxError.self) { try Expectation.parse(text) }
        }
    }
}

/// `expect output /REGEX/ [within S]`, a script's check of its live session.
struct ExpectOutputParsingTests {
    @Test func theRegexAndTheTimeAreRead() throws {
        guard case .output(let regex, let within) = try Expectation.parse("output /hi-[0-9]+/ within 2s") else {
            Issue.record("not an output check")
            return
        }
        #expect(regex.pattern == "hi-[0-9]+")
        #expect(within == 2)
        #expect(try Expectation.parse("output /a b/").description == "output /a b/ within 5s")
    }

    @Test func mistakesAreNamed() {
        func message(_ text: String) -> String {
            do {
                _ = try Expectation.parse(text)
                return "parsed"
            } catch {
                return error.message
            }
        }
        #expect(message("output hi").hasPrefix("expect output needs a /REGEX/"))
        #expect(message("output /x/ soon").hasPrefix("after expect output /x/ only within SECONDS may follow"))
        #expect(message("output /(/").hasPrefix("/(/ is not a regular expression"))
    }

    @Test func aMatchEndsWhereThePatternEnds() throws {
        let regex = try ExpectedRegex("b+")
        let text = "aabbbcc"
        let end = try #require(regex.endOfFirstMatch(in: text))
        #expect(text[..<end] == "aabbb")
    }
}
