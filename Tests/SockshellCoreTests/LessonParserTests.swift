import Testing

@testable import SockshellCore

struct LessonParserTests {
    static let sample = """
        # Create, then start

        Goal: create a container
        and start it.

        Needs: image busybox

        Cleanup: containers labelled `sockshell.lesson=demo`.

        ## Create a container

        Over the HTTP API, `docker run` is two calls.

        The first creates.

        ```sockshell
        POST /containers/create {"Image":"busybox","Labels":{"sockshell.lesson":"demo"}}
        ```

        ```check
        request POST /containers/create
        expect status 201
        # a comment
        let id = .Id
        ```

        Hint: the body is JSON.

        **Notice:** the answer is 201.

        ## Read about it

        ```text
        just an illustration
        ```

        ```sockshell
        GET /containers/$id/json
        ```
        """

    @Test func aLessonReadsWithItsStepsChecksHintsAndNotices() throws {
        let lesson = try LessonParser.parse(Self.sample, name: "demo", file: "lessons/demo.md")
        #expect(lesson.title == "Create, then start")
        #expect(lesson.goal == "create a container\nand start it.")
        #expect(lesson.needs == [.image("busybox")])
        #expect(lesson.cleanup == "containers labelled `sockshell.lesson=demo`.")
        #expect(lesson.label == "sockshell.lesson=demo")
        #expect(lesson.steps.count == 2)
        let first = lesson.steps[0]
        #expect(first.title == "Create a container")
        #expect(first.explanation == "Over the HTTP API, `docker run` is two calls.\n\nThe first creates.")
        #expect(first.command == #"POST /containers/create {"Image":"busybox","Labels":{"sockshell.lesson":"demo"}}"#)
        #expect(
            first.checks == [
                LessonCheck(kind: .request(RequestPattern(method: "POST", path: "/containers/create")), line: 21),
                LessonCheck(kind: .expect("expect status 201"), line: 22),
                LessonCheck(kind: .capture("let id = .Id"), line: 24),
            ])
        #expect(first.hint == "the body is JSON.")
        #expect(first.notice == "the answer is 201.")
        #expect(!lesson.steps[1].isChecked)
        // A block other than sockshell and check illustrates the prose: it stays, fenced.
        #expect(lesson.steps[1].explanation == "```\njust an illustration\n```")
    }

    @Test func theLinkToTheOtherLanguageAboveTheTitleIsSkipped() throws {
        for links in ["[English](../demo.md)", "[한국어](ko/demo.md)", "[English](../demo.md) · [日本語](../ja/demo.md)"] {
            let lesson = try LessonParser.parse(links + "\n\n" + Self.sample, name: "demo", file: "lessons/demo.md")
            #expect(lesson.title == "Create, then start")
            #expect(lesson.steps.count == 2)
        }
        // Only links are skipped: prose before the title, or a link with more text, is still a mistake.
        for text in ["See [English](../demo.md) for more.", "[English]", "[English]()", "[English](../demo.md) too"] {
            #expect(
                error(text + "\n\n# T\n\nGoal: g\n")?.description
                    == "lessons/x.md:1: a lesson starts with a '# Title' heading")
        }
    }

    private func error(_ text: String) -> LessonFormatError? {
        do {
            _ = try LessonParser.parse(text, name: "x", file: "lessons/x.md")
            return nil
        } catch {
            return error
        }
    }

    @Test func everyFormatMistakeNamesTheFileAndLine() {
        let head = "# T\n\nGoal: g\n\n"
        #expect(error("Goal: g\n")?.description == "lessons/x.md:1: a lesson starts with a '# Title' heading")
        #expect(
            error("# T\n\n## Step\n")?.description
                == "lessons/x.md:3: the lesson needs a 'Goal:' paragraph before its first step")
        #expect(
            error(head)?.description
                == "lessons/x.md:5: the lesson has no steps: each '## Step title' heading starts one")
        #expect(
            error(head + "## S\n\nText only.\n")?.description
                == "lessons/x.md:5: step 'S' has no ```sockshell block with the command to try")
        #expect(
            error(head + "## S\n```sockshell\nGET /_ping\n")?.description
                == "lessons/x.md:6: the ``` block that starts here is not closed")
        #expect(
            error(head + "## S\n```sockshell\nconect unix:///x\n```\n")?.description
                == """
                lessons/x.md:7: the command to try does not parse: unknown command 'conect': did you mean \
                connect? (help lists commands)
                """
        )
        #expect(
            error(head + "## S\n```sockshell\nGET /_ping\n```\n```check\nrequest GET\n```\n")?.description
                == """
                lessons/x.md:10: request needs a method and a path, e.g. request POST /containers/create or \
                request POST /containers/$id/start
                """
        )
        #expect(
            error(head + "## S\n```sockshell\nGET /_ping\n```\n```check\nexpect stauts 200\n```\n")?.description
                .hasPrefix("lessons/x.md:10: expect: ") == true)
        #expect(
            error(head + "## S\n```sockshell\nGET /_ping\n```\n```check\nstatus 200\n```\n")?.description
                == """
                lessons/x.md:10: 'status 200' is not a check: a check line is request METHOD PATH, command tap, \
                command !, expect ... or let NAME = ...
                """
        )
        #expect(
            error("# T\n\nGoal: g\n\nNeeds: volume v\n\n## S\n```sockshell\nGET /\n```\n")?.description
                == "lessons/x.md:5: unknown need 'volume v': write Needs: image NAME (comma-separated)")
        #expect(
            error(head + "Hint: too early\n\n## S\n```sockshell\nGET /\n```\n")?.description
                == "lessons/x.md:5: Hint: belongs to a step: put it under a '## Step' heading")
        #expect(
            error(head + "## S\n```sockshell\nGET /\n```\n```sockshell\nGET /\n```\n")?.description
                == "lessons/x.md:9: a step has one ```sockshell block (the command to try); this step already has one")
    }
}

struct RequestPatternTests {
    @Test func methodsPathsWildcardsAndCapturedValues() {
        let start = RequestPattern(method: "POST", path: "/containers/$id/start")
        #expect(start.matches(method: "POST", target: "/containers/abc/start", values: ["id": "abc"]))
        #expect(!start.matches(method: "POST", target: "/containers/xyz/start", values: ["id": "abc"]))
        #expect(
            start.matches(method: "post", target: "/containers/xyz/start", values: [:]),
            "an unknown value matches anything")
        #expect(!start.matches(method: "GET", target: "/containers/abc/start", values: ["id": "abc"]))
        let events = RequestPattern(method: "GET", path: "/events")
        #expect(events.matches(method: "GET", target: "/events?filters=%7B%7D", values: [:]), "the query is ignored")
        let versioned = RequestPattern(method: "GET", path: "/v*/version")
        #expect(versioned.matches(method: "GET", target: "/v1.41/version", values: [:]))
        #expect(!versioned.matches(method: "GET", target: "/version", values: [:]))
        let withQuery = RequestPattern(method: "GET", path: "/containers/json?all=1*")
        #expect(withQuery.matches(method: "GET", target: "/containers/json?all=1&filters=x", values: [:]))
        #expect(!withQuery.matches(method: "GET", target: "/containers/json", values: [:]))
        let long = String(repeating: "a1", count: 32)
        #expect(
            start.matches(method: "POST", target: "/containers/\(long.prefix(12))/start", values: ["id": long]),
            "the short id works too")
    }

    /// Field note 15: Docker takes any unique prefix of an id, or the name, and a versioned path.
    @Test func aCapturedIdMatchesByAnyPrefixOrByTheContainersName() {
        let start = RequestPattern(method: "POST", path: "/containers/$id/start")
        let id = String(repeating: "a1", count: 32)
        for prefix in [1, 4, 11, 12, 64] {
            #expect(start.matches(method: "POST", target: "/containers/\(id.prefix(prefix))/start", values: ["id": id]))
        }
        #expect(!start.matches(method: "POST", target: "/containers/a1b/start", values: ["id": id]))
        #expect(!start.matches(method: "POST", target: "/containers/\(id)0/start", values: ["id": id]))
        let named = { (name: String) in name == "ux-nolabel" ? id : nil }
        #expect(
            start.matches(method: "POST", target: "/containers/ux-nolabel/start", values: ["id": id], resolve: named))
        #expect(!start.matches(method: "POST", target: "/containers/other/start", values: ["id": id], resolve: named))
        #expect(!start.matches(method: "POST", target: "/containers//start", values: ["id": id], resolve: named))
        // A value that is not an id is compared as it is.
        let version = RequestPattern(method: "GET", path: "/v$v/version")
        #expect(version.matches(method: "GET", target: "/v1.41/version", values: ["v": "1.41"]))
        #expect(!version.matches(method: "GET", target: "/v1.4/version", values: ["v": "1.41"]))
    }

    @Test func aVersionPrefixIsLookedPastUnlessThePatternHasOne() {
        let ping = RequestPattern(method: "GET", path: "/version")
        #expect(ping.matches(method: "GET", target: "/v1.41/version", values: [:]))
        #expect(ping.matches(method: "GET", target: "/v1/version", values: [:]))
        #expect(!ping.matches(method: "GET", target: "/v1./version", values: [:]))
        #expect(!ping.matches(method: "GET", target: "/vx/version", values: [:]))
        let start = RequestPattern(method: "POST", path: "/containers/$id/start")
        let id = String(repeating: "0f", count: 32)
        #expect(start.matches(method: "POST", target: "/v1.41/containers/0f0f/start?x=1", values: ["id": id]))
        let tooNew = RequestPattern(method: "GET", path: "/v9.99/version")
        #expect(!tooNew.matches(method: "GET", target: "/v1.41/version", values: [:]))
    }

    @Test func anyMethodAndAnyPathWhereTheLessonSaysAnyPath() {
        let any = RequestPattern(method: "*", path: "/*")
        #expect(any.matches(method: "DELETE", target: "/_ping", values: [:]))
        #expect(any.matches(method: "GET", target: "/containers/x/foo", values: [:]))
    }
}

struct LessonProgressTests {
    @Test func progressRoundTripsAndBadTextStartsOver() {
        let progress = LessonProgress(step: 2, finished: false, captures: ["id": "abc", "v": "1.41"])
        #expect(progress.text == "# sockshell lesson progress\nstep 3\nlet id = abc\nlet v = 1.41\n")
        #expect(LessonProgress(text: progress.text, stepCount: 6) == progress)
        #expect(
            LessonProgress(text: progress.text, stepCount: 2)?.step == 1,
            "a lesson that got shorter resumes at its last step")
        #expect(LessonProgress(text: "garbage", stepCount: 3) == nil)
    }

    @Test func skippedStepsAreKeptAndCountedUntilTheyPass() {
        var progress = LessonProgress(step: 1)
        progress.skip()
        progress.step = 2
        progress.pass()
        progress.skip()  // a step that passed is not skipped by going on
        progress.step = 3
        progress.skip()
        #expect(progress.skipped == [1, 3])
        #expect(progress.skippedNote == ", 2 skipped (steps 2, 4)")
        #expect(progress.text == "# sockshell lesson progress\nstep 4\npassed 3\nskipped 2 4\n")
        #expect(LessonProgress(text: progress.text, stepCount: 6) == progress)
        progress.step = 1
        progress.pass()
        #expect(progress.skippedNote == ", 1 skipped (step 4)")
        #expect(LessonProgress().skippedNote == "")
    }

    @Test func lessonCommandsParse() throws {
        #expect(try CommandParser.parse("lesson") == .complete(.lesson(.list)))
        #expect(try CommandParser.parse("lesson start errors") == .complete(.lesson(.start("errors"))))
        #expect(try CommandParser.parse("lesson errors") == .complete(.lesson(.start("errors"))))
        #expect(try CommandParser.parse("lesson restart errors") == .complete(.lesson(.restart("errors"))))
        #expect(try CommandParser.parse("lesson quit") == .complete(.lesson(.quit)))
        #expect(try CommandParser.parse("next") == .complete(.lesson(.next)))
        #expect(try CommandParser.parse("where") == .complete(.lesson(.whereAmI)))
        #expect(
            throws: CommandSyntaxError(
                "lesson start needs a lesson name, e.g. lesson start create-then-start (lesson lists them)")
        ) { try CommandParser.parse("lesson start") }
    }
}

struct LessonLabelTests {
    @Test func aCreateRequestCarriesTheLessonsLabelOrNot() throws {
        let lesson = try LessonParser.parse(LessonParserTests.sample, name: "demo", file: "lessons/demo.md")
        func request(_ body: String) -> [UInt8] {
            Array(
                "POST /containers/create HTTP/1.1\r\nHost: docker\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                    .utf8)
        }
        #expect(lesson.labels(createRequest: request(#"{"Image":"busybox","Labels":{"sockshell.lesson":"demo"}}"#)))
        #expect(!lesson.labels(createRequest: request(#"{"Image":"busybox"}"#)))
        #expect(!lesson.labels(createRequest: request(#"{"Image":"busybox","Labels":{"sockshell.lesson":"other"}}"#)))
        #expect(!lesson.labels(createRequest: request("not json")))
        #expect(!lesson.labels(createRequest: []))
    }
}
