import Testing

@testable import SockshellCore

struct IdRemappingTests {
    static let oldId = String(repeating: "a1", count: 32)
    static let newId = String(repeating: "b2", count: 32)

    @Test func idsLearnedFromTheSamePlaceReplaceFullAndShortForms() throws {
        var ids = IdRemapping()
        ids.learn(
            recorded: try JSONValue.parse("{\"Id\":\"\(Self.oldId)\",\"Warnings\":[]}"),
            replayed: try JSONValue.parse("{\"Id\":\"\(Self.newId)\",\"Warnings\":[]}"))
        #expect(ids.apply("/containers/\(Self.oldId)/start") == "/containers/\(Self.newId)/start")
        #expect(ids.apply("/containers/\(Self.oldId.prefix(12))/json") == "/containers/\(Self.newId.prefix(12))/json")
        // Only whole hex runs: a longer run that merely contains the id is left alone.
        #expect(ids.apply("x\(Self.oldId)ff") == "x\(Self.oldId)ff")
    }

    @Test func aBodyThatChangesLengthGetsItsContentLengthFixed() {
        var ids = IdRemapping()
        let old = String(repeating: "c", count: 12)
        ids.add(old, String(repeating: "d", count: 16))
        let request = Array("POST /x HTTP/1.1\r\nHost: docker\r\nContent-Length: 17\r\n\r\n{\"Id\":\"\(old)\"}\n".utf8)
        let mapped = String(decoding: ids.apply(request: request), as: UTF8.self)
        #expect(
            mapped
                == """
                POST /x HTTP/1.1\r\nHost: docker\r\nContent-Length: 26\r\n\r\n\
                {\"Id\":\"\(String(repeating: "d", count: 16))\"}\n
                """
        )
    }

    @Test func theFirstPairingWinsAndListsAreNotPairedByPosition() throws {
        var ids = IdRemapping()
        let other = String(repeating: "c3", count: 32)
        ids.learnFromAnswer(
            recorded: try JSONValue.parse("[{\"Id\":\"\(Self.oldId)\"}]"),
            replayed: try JSONValue.parse("[{\"Id\":\"\(other)\"}]"))
        #expect(ids.isEmpty, "a list's order is the daemon's")
        ids.learnFromAnswer(
            recorded: try JSONValue.parse("{\"Id\":\"\(Self.oldId)\"}"),
            replayed: try JSONValue.parse("{\"Id\":\"\(Self.newId)\"}"))
        ids.learnFromAnswer(
            recorded: try JSONValue.parse("{\"Id\":\"\(Self.oldId)\"}"),
            replayed: try JSONValue.parse("{\"Id\":\"\(other)\"}"))
        #expect(ids.replacements[Self.oldId] == Self.newId)
    }

    @Test func sha256ImageIdsMapAndNonIdsDoNot() throws {
        var ids = IdRemapping()
        ids.learn(
            recorded: try JSONValue.parse("[{\"Image\":\"sha256:\(Self.oldId)\",\"Name\":\"a\"}]"),
            replayed: try JSONValue.parse("[{\"Image\":\"sha256:\(Self.newId)\",\"Name\":\"b\"}]"))
        #expect(ids.replacements[Self.oldId] == Self.newId)
        #expect(ids.replacements["a"] == nil)
    }
}

struct ReplayRulesTests {
    @Test func keysGlobsAndPaths() {
        let rules = ReplayRules(extra: [".State.Status", "Custom*"])
        #expect(rules.ignores(["State", "Pid"]))
        #expect(rules.ignores(["ResolvConfPath"]))
        #expect(rules.ignores(["State", "StartedAt"]))
        #expect(rules.ignores(["State", "Status"]))
        #expect(!rules.ignores(["Status"]))
        #expect(rules.ignores(["CustomThing"]))
        #expect(!rules.ignores(["State", "Running"]))
        #expect(rules.ignores(["[]", "Names"]))
        #expect(
            ReplayRules.validate(".State..Pid") == "'.State..Pid' is not a path: write it as .State.Pid or .[].Names")
        #expect(ReplayRules.validate("") != nil)
        #expect(ReplayRules.validate("Pid") == nil)
    }
}

struct ReplayComparisonTests {
    private func snapshot(_ status: Int, _ body: String, headers: [String] = ["Api-Version", "Content-Type", "Date"])
        -> ResponseSnapshot
    {
        ResponseSnapshot(
            status: status, reason: status == 200 ? "OK" : "",
            headers: HTTPFields(headers.map { HeaderField(name: $0, value: "x") }), body: Array(body.utf8))
    }

    @Test func volatileValuesAreNotDifferences() {
        let old = snapshot(
            200,
            #"""
            {"Id":"aaaaaaaaaaaa","Created":"2026-11-30T01:00:00Z","State":{"Running":true,"Pid":10,\#
            "StartedAt":"2026-11-30T01:00:01Z"},"Name":"/a_b"}
            """#
        )
        let new = snapshot(
            200,
            #"""
            {"Id":"bbbbbbbbbbbb","Created":"2026-11-30T02:00:00Z","State":{"Running":true,"Pid":99,\#
            "StartedAt":"2026-11-30T02:00:01Z"},"Name":"/c_d"}
            """#
        )
        #expect(
            ReplayComparison.differences(
                recorded: old, replayed: new, rules: ReplayRules(), ids: IdRemapping(), isStream: false
            ).isEmpty)
    }

    @Test func realDifferencesAreListedByPath() {
        let old = snapshot(200, #"{"State":{"Running":true},"Warnings":[],"Extra":1}"#)
        let new = snapshot(
            404, #"{"State":{"Running":false},"Warnings":["w"],"New":2}"#, headers: ["Api-Version", "Date", "Server"])
        let found = ReplayComparison.differences(
            recorded: old, replayed: new, rules: ReplayRules(), ids: IdRemapping(), isStream: false)
        #expect(
            found == [
                "status: recorded 200 OK, now 404",
                "header Content-Type: recorded, now missing",
                "header Server: new in the replay",
                ".State.Running: recorded true, now false",
                ".Warnings: recorded 0 elements, now 1",
                ".Extra: recorded 1, now missing",
                ".New: new in the replay (2)",
            ])
    }

    @Test func mappedIdsCompareEqualInsideLongerStrings() {
        var ids = IdRemapping()
        ids.add(String(repeating: "a", count: 64), String(repeating: "b", count: 64))
        let old = snapshot(
            200,
            """
            {\"LogPath2\":\"/x/\(String(repeating: "a", count: 64))/log\",\
            \"Ref\":\"\(String(repeating: "a", count: 12))\"}
            """
        )
        let new = snapshot(
            200,
            """
            {\"LogPath2\":\"/x/\(String(repeating: "b", count: 64))/log\",\
            \"Ref\":\"\(String(repeating: "b", count: 12))\"}
            """
        )
        #expect(
            ReplayComparison.differences(recorded: old, replayed: new, rules: ReplayRules(), ids: ids, isStream: false)
                .isEmpty)
    }

    @Test func streamsCompareLineByLineAsFarAsTheRecordingGoes() {
        let old = snapshot(
            200,
            """
            {\"Type\":\"container\",\"Action\":\"create\",\"time\":1}\n\
            {\"Type\":\"container\",\"Action\":\"start\",\"time\":2}\n
            """
        )
        let longer = snapshot(
            200,
            """
            {\"Type\":\"container\",\"Action\":\"create\",\"time\":5}\n\
            {\"Type\":\"container\",\"Action\":\"start\",\"time\":6}\n\
            {\"Type\":\"container\",\"Action\":\"die\",\"time\":7}\n
            """
        )
        #expect(
            ReplayComparison.differences(
                recorded: old, replayed: longer, rules: ReplayRules(), ids: IdRemapping(), isStream: true
            ).isEmpty)
        let wrong = snapshot(200, "{\"Type\":\"container\",\"Action\":\"create\",\"time\":5}\n")
        #expect(
            ReplayComparison.differences(
                recorded: old, replayed: wrong, rules: ReplayRules(), ids: IdRemapping(), isStream: true) == [
                    "stream: recorded 2 lines, the replay got 1"
                ])
        let other = snapshot(
            200,
            """
            {\"Type\":\"container\",\"Action\":\"kill\",\"time\":5}\n\
            {\"Type\":\"container\",\"Action\":\"start\",\"time\":6}\n
            """
        )
        #expect(
            ReplayComparison.differences(
                recorded: old, replayed: other, rules: ReplayRules(), ids: IdRemapping(), isStream: true) == [
                    #"line 1 .Action: recorded "create", now "kill""#
                ])
    }

    @Test func nonJSONBodiesCompareExactly() {
        #expect(
            ReplayComparison.differences(
                recorded: snapshot(200, "OK"), replayed: snapshot(200, "OK"), rules: ReplayRules(), ids: IdRemapping(),
                isStream: false
            ).isEmpty)
        #expect(
            ReplayComparison.differences(
                recorded: snapshot(200, "OK"), replayed: snapshot(200, "NO"), rules: ReplayRules(), ids: IdRemapping(),
                isStream: false) == ["body differs from byte 0: recorded 'OK', now 'NO'"])
    }

    @Test func snapshotsParseFromTheRecordedBytes() {
        let snapshot = ResponseSnapshot(
            method: "GET",
            received: [
                Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nO".utf8)[...],
                Array("K\r\n0\r\n\r\n".utf8)[...],
            ])
        #expect(snapshot.status == 200)
        #expect(snapshot.body == Array("OK".utf8))
    }
}

struct RecordingCommandsTests {
    @Test func recordReplayShowAndExportParse() throws {
        #expect(
            try CommandParser.parse("record s.sks")
                == .complete(.record(.start(path: "s.sks", mode: .create, masksSecrets: true))))
        #expect(
            try CommandParser.parse("record --append 'my s.sks' --no-mask")
                == .complete(.record(.start(path: "my s.sks", mode: .append, masksSecrets: false))))
        #expect(
            try CommandParser.parse("record --no-input s.sks")
                == .complete(.record(.start(path: "s.sks", mode: .create, masksSecrets: true, keepsInput: false))))
        #expect(try CommandParser.parse("record stop") == .complete(.record(.stop)))
        #expect(try CommandParser.parse("record") == .complete(.record(.status)))
        #expect(
            try CommandParser.parse("replay s.sks --ignore Pid --stream-timeout 2s")
                == .complete(.replay(ReplayRequest(path: "s.sks", ignore: ["Pid"], streamTimeoutSeconds: 2))))
        #expect(
            try CommandParser.parse("replay --show s.sks")
                == .complete(.replay(ReplayRequest(path: "s.sks", showOnly: true))))
        #expect(try CommandParser.parse("show 3 hex") == .complete(.show(exchange: 3, view: .hex)))
        #expect(try CommandParser.parse("show 3") == .complete(.show(exchange: 3, view: nil)))
        #expect(try CommandParser.parse("show") == .complete(.show(exchange: nil, view: nil)))
        #expect(try CommandParser.parse("show json") == .complete(.show(exchange: nil, view: .json)))
        #expect(
            message("show 0")
                == "show takes an exchange number from 1 up, e.g. show 3, or none for the last"
        )
        #expect(message("show 3 hex more").hasPrefix("show takes an exchange number and a view"))
        #expect(message("show fancy").hasPrefix("unknown view 'fancy': choose one of wire, pretty"))
        #expect(try CommandParser.parse("export har out.har") == .complete(.exportFile(.har, path: "out.har")))
        #expect(try CommandParser.parse("export script 'a b.sks'") == .complete(.exportFile(.script, path: "a b.sks")))
    }

    private func message(_ text: String) -> String { syntaxErrorMessage(text) }

    @Test func badRecordingCommandsSayHowToFixThem() {
        #expect(
            message("record --force --append s.sks")
                == "record --force replaces the file and --append adds to it: choose one")
        #expect(
            message("record --zip s.sks")
                == "unknown record option '--zip': record FILE takes --force, --append, --no-mask and --no-input")
        #expect(message("record a b") == "record takes one file, e.g. record session.sks (quote a name with spaces)")
        #expect(message("record --force") == "record needs a file, e.g. record session.sks (record stop ends it)")
        #expect(message("replay") == "replay needs a recording, e.g. replay session.sks (record FILE makes one)")
        #expect(
            message("replay s.sks --ignore") == "--ignore needs a rule, e.g. --ignore .State.Pid or --ignore Created")
        #expect(
            message("replay s.sks --stream-timeout soon") == "--stream-timeout needs seconds, e.g. --stream-timeout 5")
        #expect(
            message("replay s.sks --fast")
                == """
                unknown replay option '--fast': replay FILE takes --show, --ignore RULE and --stream-timeout SECONDS
                """
        )
        #expect(message("show 3 sepia") == "unknown view 'sepia': choose one of wire, pretty, body, hex, json")
        #expect(message("export har") == "export har needs one file, e.g. export har session.har")
        #expect(message("export script a b") == "export script needs one file, e.g. export script session.sks")
    }
}
