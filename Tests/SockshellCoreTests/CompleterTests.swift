import Testing

@testable import SockshellCore

struct CompleterTests {
    static let webID = "f5dd99791a38c6e1d1a0e6b2b3a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6"
    static let execID = "b35395de42bc8abd327f9dd65d913b9ba28c74d2f0734eeeae84fa1c616a0fca"

    /// A session that created container `web`, started an exec in it and listed one image.
    static let knowledge: SessionKnowledge = {
        var knowledge = SessionKnowledge()
        knowledge.learn(
            method: "POST", target: "/containers/create?name=web", status: 201, contentType: "application/json",
            body: Array("{\"Id\":\"\(webID)\",\"Warnings\":[]}\n".utf8))
        knowledge.learn(
            method: "POST", target: "/containers/web/exec", status: 201, contentType: "application/json",
            body: Array("{\"Id\":\"\(execID)\"}\n".utf8))
        knowledge.learn(
            method: "GET", target: "/images/json", status: 200, contentType: "application/json",
            body: Array("[{\"Id\":\"sha256:2b8fd9751c4c\",\"RepoTags\":[\"library/busybox:1.36\"]}]\n".utf8))
        return knowledge
    }()

    static let files: [String: [String]] = [
        "": ["create.json", "data/", ".hidden.json", "notes.txt"],
        "data/": ["big body.json", "small.json"],
        "/var/run/": ["docker.sock", "dbus/"],
    ]

    private func complete(
        _ line: String, cursor: Int? = nil, lessons: [String] = ["create-then-start", "event-streaming"]
    ) -> Completion {
        let completer = Completer(
            knowledge: Self.knowledge, lessonNames: lessons, contextNames: ["default", "desktop-linux", "t1"],
            listFiles: { Self.files[$0] ?? [] })
        return completer.complete(line: line, cursor: cursor ?? line.utf8.count)
    }

    private func candidates(_ line: String) -> [String] {
        complete(line).candidates
    }

    // MARK: - First word

    @Test func methodsCompleteUpperCaseFromAnyCase() {
        #expect(complete("ge") == Completion(replaceFrom: 0, candidates: ["GET"], commonPrefix: "GET"))
        #expect(complete("De") == Completion(replaceFrom: 0, candidates: ["DELETE"], commonPrefix: "DELETE"))
        #expect(candidates("P") == ["PATCH", "POST", "PUT"])
        #expect(complete("P").commonPrefix == "P")
        #expect(candidates("PO") == ["POST"])
    }

    @Test func connectOffersItsFlagAndThenContextNames() {
        #expect(candidates("connect --c") == ["--context"])
        #expect(candidates("connect --context d") == ["default", "desktop-linux"])
        #expect(candidates("connect --context t") == ["t1"])
    }

    @Test func commandsCompleteAsSpelledAndAmbiguityListsCandidates() {
        let both = complete("he")
        #expect(both.candidates == ["HEAD", "header", "help"])
        #expect(both.commonPrefix == "he")  // never cut back to the empty common prefix
        #expect(candidates("hea") == ["HEAD", "header"])
        #expect(candidates("HE") == ["HEAD"])  // commands are lower-case only
        #expect(candidates("con") == ["CONNECT", "connect", "contexts"])
        #expect(candidates("conn") == ["CONNECT", "connect"])
        #expect(candidates("vi") == ["view"])
        let everything = candidates("")
        for word in CommandParser.commandNames + CommandParser.standardMethods {
            #expect(everything.contains(word), "\(word)")
        }
    }

    @Test func nothingMatchesLeavesTheWordAlone() {
        #expect(complete("xyz") == Completion(replaceFrom: 0, candidates: [], commonPrefix: "xyz"))
        #expect(complete("GET /nope") == Completion(replaceFrom: 4, candidates: [], commonPrefix: "/nope"))
        #expect(candidates("exit ") == [])
        #expect(candidates("raw GET /_p") == [])
        #expect(candidates("# comment ") == [])
        #expect(candidates("# ") == [])  // `#` is a token character, but a comment is not a request
        #expect(candidates("#GET /cont") == [])
    }

    // MARK: - Paths

    @Test func pathsCompleteOneSegmentAtATime() {
        #expect(
            complete("GET /cont")
                == Completion(replaceFrom: 4, candidates: ["/containers/"], commonPrefix: "/containers/"))
        // Ambiguous: the common part goes in and the candidates are listed.
        #expect(
            complete("GET /con")
                == Completion(
                    replaceFrom: 4, candidates: ["/configs", "/configs/", "/containers/"], commonPrefix: "/con"))
        #expect(candidates("GET /_") == ["/_ping"])
        #expect(candidates("HEAD /") == ["/_ping", "/containers/"])
        #expect(candidates("GET /sw") == ["/swarm", "/swarm/"])  // GET /swarm and GET /swarm/unlockkey
        #expect(candidates("GET /swarm/") == ["/swarm/unlockkey"])
        let root = candidates("GET /")
        for path in [
            "/containers/", "/images/", "/events", "/info", "/version", "/_ping", "/system/", "/networks", "/volumes",
            "/exec/",
        ] {
            #expect(root.contains(path), "\(path)")
        }
        #expect(!root.contains("/build"))  // POST only
        #expect(candidates("GET ") == root)
    }

    @Test func containersOfferTheCatalogueAndKnownIdsAndNames() {
        #expect(
            candidates("GET /containers/") == ["/containers/\(Self.webID)/", "/containers/json", "/containers/web/"])
        #expect(
            candidates("POST /containers/") == [
                "/containers/create", "/containers/\(Self.webID)/", "/containers/prune", "/containers/web/",
            ])
        #expect(candidates("DELETE /containers/") == ["/containers/\(Self.webID)", "/containers/web"])
        #expect(candidates("POST /containers/we") == ["/containers/web/"])
        #expect(candidates("POST /containers/f5d") == ["/containers/\(Self.webID)/"])
        #expect(candidates("POST /containers/zz") == [])
    }

    @Test func afterAnIdTheRoutesForThatMethod() {
        #expect(
            candidates("POST /containers/web/") == [
                "/containers/web/attach", "/containers/web/exec", "/containers/web/kill", "/containers/web/pause",
                "/containers/web/rename", "/containers/web/resize", "/containers/web/restart", "/containers/web/start",
                "/containers/web/stop", "/containers/web/unpause", "/containers/web/update", "/containers/web/wait",
            ])
        #expect(
            candidates("GET /containers/web/") == [
                "/containers/web/archive", "/containers/web/attach/", "/containers/web/changes",
                "/containers/web/export",
                "/containers/web/json", "/containers/web/logs", "/containers/web/stats", "/containers/web/top",
            ])
        let ambiguous = complete("POST /containers/web/st")
        #expect(ambiguous.candidates == ["/containers/web/start", "/containers/web/stop"])
        #expect(ambiguous.commonPrefix == "/containers/web/st")
        #expect(candidates("GET /containers/web/attach/") == ["/containers/web/attach/ws"])
        #expect(candidates("PUT /containers/web/") == ["/containers/web/archive"])
    }

    @Test func versionedPathsComplete() {
        #expect(candidates("GET /v1.4") == ["/v1.41/"])
        #expect(candidates("GET /v1.41/cont") == ["/v1.41/containers/"])
        #expect(candidates("GET /v1.41/containers/web/lo") == ["/v1.41/containers/web/logs"])
        #expect(candidates("GET /v1.24/_p") == ["/v1.24/_ping"])
        #expect(candidates("GET /v") == ["/version", "/volumes", "/volumes/"])
    }

    @Test func execAndImageReferencesWithSlashes() {
        #expect(candidates("POST /exec/") == ["/exec/\(Self.execID)/"])
        #expect(
            candidates("POST /exec/\(Self.execID)/") == ["/exec/\(Self.execID)/resize", "/exec/\(Self.execID)/start"])
        #expect(candidates("GET /images/lib") == ["/images/library/busybox:1.36/"])
        #expect(candidates("GET /images/library/bu") == ["/images/library/busybox:1.36/"])
        #expect(
            candidates("GET /images/library/busybox:1.36/") == [
                "/images/library/busybox:1.36/get", "/images/library/busybox:1.36/history",
                "/images/library/busybox:1.36/json",
            ])
        #expect(candidates("DELETE /images/2b8") == ["/images/2b8fd9751c4c"])
    }

    @Test func extensionMethodsSeeEveryRoute() {
        #expect(candidates("PROPFIND /cont") == ["/containers/"])
        #expect(candidates("OPTIONS /_p") == ["/_ping"])
        #expect(candidates("propfind /cont") == [])  // a lower-case word that is not a method
    }

    // MARK: - Query parameters

    @Test func queryParameterNamesForTheRoute() {
        #expect(
            candidates("GET /containers/json?") == [
                "/containers/json?all=", "/containers/json?filters=", "/containers/json?limit=",
                "/containers/json?size=",
            ])
        #expect(
            candidates("GET /containers/json?all=1&") == [
                "/containers/json?all=1&filters=", "/containers/json?all=1&limit=", "/containers/json?all=1&size=",
            ])
        #expect(candidates("GET /containers/json?L") == ["/containers/json?limit="])  // names match in any case
        #expect(candidates("GET /containers/json?all=") == [])  // a value, not a name
        #expect(candidates("GET /containers/web/logs?f") == ["/containers/web/logs?follow="])
        #expect(
            candidates("DELETE /containers/web?") == [
                "/containers/web?force=", "/containers/web?link=", "/containers/web?v=",
            ])
        #expect(candidates("POST /images/create?from") == ["/images/create?fromImage=", "/images/create?fromSrc="])
        #expect(candidates("GET /v1.41/events?s") == ["/v1.41/events?since="])
        #expect(candidates("POST /containers/web/stop?") == ["/containers/web/stop?t="])
        #expect(candidates("GET /containers/web/stop?") == [])  // stop is a POST route
    }

    // MARK: - Headers

    @Test func headerNamesAfterDashHOpenAQuote() {
        let completion = complete("GET /_ping -H Con")
        #expect(completion.replaceFrom == 14)
        #expect(
            completion.candidates == ["'Connection: ", "'Content-Encoding: ", "'Content-Length: ", "'Content-Type: "])
        #expect(completion.commonPrefix == "'Con")
        #expect(candidates("POST /containers/create -H 'content-t") == ["'Content-Type: "])
        #expect(candidates("POST /build --header \"X-Reg") == ["\"X-Registry-Auth: ", "\"X-Registry-Config: "])
        #expect(candidates("POST /x -H 'Content-Type: application/json' -H Up") == ["'Upgrade: "])
        #expect(candidates("POST /x -H 'Content-Type: app") == [])  // a value
        #expect(candidates("POST /x {\"a\":1} -H Con") == [])  // after the body it is all body
    }

    @Test func headerCommandTakesTheRestOfTheLine() {
        #expect(
            candidates("header Con") == ["Connection: ", "Content-Encoding: ", "Content-Length: ", "Content-Type: "])
        #expect(candidates("header x-registry-a") == ["X-Registry-Auth: "])
        #expect(candidates("header -d X-R") == ["X-Registry-Auth", "X-Registry-Config"])
        #expect(candidates("header Content-Type: app") == [])
    }

    // MARK: - Files and session commands

    @Test func filesAfterAt() {
        let completion = complete("POST /containers/create @cr")
        #expect(completion == Completion(replaceFrom: 24, candidates: ["@create.json"], commonPrefix: "@create.json"))
        #expect(candidates("POST /containers/create @") == ["@create.json", "@data/", "@notes.txt"])  // no hidden files
        #expect(candidates("POST /containers/create @.") == ["@.hidden.json"])
        #expect(candidates("POST /containers/create @data/") == ["@data/big body.json", "@data/small.json"])
        #expect(candidates("POST /containers/create @data/big b") == ["@data/big body.json"])  // a path with a space
        #expect(
            candidates("POST /containers/create -H 'Content-Type: application/json' @data/s") == ["@data/small.json"])
        #expect(candidates("POST /containers/create @nothing/") == [])
    }

    @Test func viewHelpConnectAndLessons() {
        #expect(candidates("view ") == ["body", "hex", "json", "pretty", "wire"])
        #expect(complete("view p") == Completion(replaceFrom: 5, candidates: ["pretty"], commonPrefix: "pretty"))
        #expect(candidates("view pretty ") == [])
        #expect(candidates("api-version ") == ["1.41", "negotiate", "off"])
        #expect(candidates("api-version n") == ["negotiate"])
        #expect(candidates("help he") == ["header", "help"])
        #expect(candidates("connect ") == ["tcp://", "unix://"])
        #expect(candidates("connect u") == ["unix://"])
        #expect(candidates("connect unix:///var/run/d") == ["unix:///var/run/dbus/", "unix:///var/run/docker.sock"])
        #expect(candidates("connect /var/run/do") == ["/var/run/docker.sock"])
        #expect(candidates("lesson ") == ["cleanup", "quit", "restart", "start"])
        #expect(candidates("lesson r") == ["restart"])
        #expect(candidates("lesson start ") == ["create-then-start", "event-streaming"])
        #expect(candidates("lesson start ev") == ["event-streaming"])
        #expect(complete("lesson start ", lessons: []).candidates == [])
    }

    // MARK: - Cursor and Unicode

    @Test func theWordAtTheCursorIsCompletedAndTheRestIsLeftAlone() {
        #expect(
            complete("ge /containers/json", cursor: 2)
                == Completion(replaceFrom: 0, candidates: ["GET"], commonPrefix: "GET"))
        #expect(
            complete("GET /cont/json", cursor: 9)
                == Completion(replaceFrom: 4, candidates: ["/containers/"], commonPrefix: "/containers/"))
        let middle = complete("POST /containers/web/st -H 'A: b'", cursor: 23)
        #expect(middle.replaceFrom == 5)
        #expect(middle.candidates == ["/containers/web/start", "/containers/web/stop"])
        // Right after a blank, the new word is empty and starts at the cursor.
        #expect(complete("view  wire", cursor: 5).replaceFrom == 5)
        #expect(complete("view  wire", cursor: 5).candidates == ["body", "hex", "json", "pretty", "wire"])
        // Out-of-range cursors are clamped to the line.
        #expect(complete("ge", cursor: 99).candidates == ["GET"])
        #expect(complete("ge", cursor: -3) == complete(""))
    }

    @Test func offsetsAreUTF8BytesWithUnicodeInTheLine() {
        let lessons = ["🐳-events", "café-basics", "create-then-start"]
        let whale = complete("lesson start 🐳", lessons: lessons)
        #expect(whale == Completion(replaceFrom: 13, candidates: ["🐳-events"], commonPrefix: "🐳-events"))
        let cafe = complete("lesson start caf", lessons: lessons)
        #expect(cafe.candidates == ["café-basics"])
        // The cursor after "é" (two UTF-8 bytes) in a line that goes on.
        let line = "lesson start café-b and more"
        let cursor = "lesson start café-b".utf8.count
        #expect(
            complete(line, cursor: cursor, lessons: lessons)
                == Completion(replaceFrom: 13, candidates: ["café-basics"], commonPrefix: "café-basics"))
        // A cursor inside the whale's four bytes completes from the whale's start.
        #expect(complete("lesson start 🐳", cursor: 15, lessons: lessons).candidates == lessons.sorted())
        // Unicode earlier in the word: the candidates keep it and the offset counts bytes.
        let query = complete(#"GET /containers/json?filters={"name":["é"]}&a"#)
        #expect(query.replaceFrom == 4)
        #expect(query.candidates == [#"/containers/json?filters={"name":["é"]}&all="#])
        // Unicode in an earlier word moves the offset by its bytes.
        let afterHeader = complete("GET /_ping -H 'X-Ünï: ü' -H Acc")
        #expect(afterHeader.replaceFrom == "GET /_ping -H 'X-Ünï: ü' -H ".utf8.count)
        #expect(afterHeader.candidates == ["'Accept-Encoding: ", "'Accept: "])
    }
}

struct RecordingCompletionTests {
    private func candidates(_ line: String) -> [String] {
        Completer(knowledge: SessionKnowledge(), listFiles: { _ in ["create.sks", "notes.txt", ".hidden"] })
            .complete(line: line, cursor: line.utf8.count).candidates
    }

    @Test func recordingCommandsCompleteFilesOptionsAndFormats() {
        #expect(candidates("rec") == ["record"])
        #expect(candidates("record c") == ["create.sks"])
        #expect(candidates("record s") == ["stop"])
        #expect(candidates("record x.sks --f") == ["--force"])
        #expect(candidates("replay --s") == ["--show", "--stream-timeout"])
        #expect(candidates("replay n") == ["notes.txt"])
        #expect(candidates("show 3 he") == ["hex"])
        #expect(candidates("export h") == ["har", "http"])
        #expect(candidates("export har cr") == ["create.sks"])
    }
}
