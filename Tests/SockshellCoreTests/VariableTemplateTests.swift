import Testing

@testable import SockshellCore

struct VariableTemplateTests {
    private func render(_ text: String, json: Bool = false, _ values: [String: String]) throws -> String {
        try VariableTemplate(parsing: text).render(json: json) { reference in
            switch reference {
            case .variable(let name): return values[name]
            case .environment(let name): return values["env:" + name]
            case .responseHeader(let name): return values["header:" + name]
            }
        }
    }

    @Test func everyReferenceForm() throws {
        let values = ["id": "abc", "env:HOME": "/root", "header:Api-Version": "1.41", "status": "201"]
        #expect(try render("/containers/$id/start", values) == "/containers/abc/start")
        #expect(try render("/x/${id}_y", values) == "/x/abc_y")
        #expect(try render("${env:HOME}/a", values) == "/root/a")
        #expect(try render("v$header(Api-Version) $status", values) == "v1.41 201")
        #expect(try render("cost: $$5 and a lone $ sign", values) == "cost: $5 and a lone $ sign")
    }

    @Test func insideJSONStringsValuesAreEscapedAndOutsideThemInsertedAsIs() throws {
        let values = ["name": #"say "hi"\now"#, "count": "3"]
        #expect(try render(#"{"Name":"$name","N":$count}"#, json: true, values) == #"{"Name":"say \"hi\"\\now","N":3}"#)
        #expect(try render(#"{"a":"x\"$count"}"#, json: true, values) == #"{"a":"x\"3"}"#)
    }

    @Test func undefinedReferencesAreNamed() {
        #expect(
            throws: CommandSyntaxError(
                "undefined variable $id: set it first (set id = value), capture it (let id = .Id), or pass -e id=value")
        ) {
            try render("/containers/$id", [:])
        }
        #expect(throws: CommandSyntaxError("unclosed ${ in '/x/${id': write ${name}")) {
            try VariableTemplate(parsing: "/x/${id")
        }
        #expect(throws: CommandSyntaxError.self) { try VariableTemplate(parsing: "${1abc}") }
    }

    @Test func aScriptThatUsesAVariableBeforeDefiningItIsCaughtWithItsLine() throws {
        let commands: [(command: Command, line: Int)] = [
            (.set(name: "image", value: try VariableTemplate(parsing: "busybox")), 1),
            (
                .request(
                    RequestCommand(
                        method: "POST", target: "/containers/create", body: .inline(Array(#"{"Image":"$image"}"#.utf8)))
                ), 2
            ),
            (.request(RequestCommand(method: "POST", target: "/containers/$id/start")), 5),
        ]
        #expect(VariableCheck.firstUndefined(in: commands, defined: [], environment: [:])?.line == 5)
        #expect(VariableCheck.firstUndefined(in: commands, defined: ["id"], environment: [:]) == nil)
        let environment: [(command: Command, line: Int)] = [
            (.request(RequestCommand(method: "GET", target: "/${env:NOPE}")), 1)
        ]
        #expect(
            VariableCheck.firstUndefined(in: environment, defined: [], environment: [:])?.message.hasPrefix(
                "the environment variable NOPE is not set") == true)
    }

    @Test func setParsesAndRefusesBuiltIns() throws {
        #expect(
            try CommandParser.parse("set image = busybox:latest")
                == .complete(.set(name: "image", value: try VariableTemplate(parsing: "busybox:latest"))))
        #expect(
            try CommandParser.parse("set a=b") == .complete(.set(name: "a", value: try VariableTemplate(parsing: "b"))))
        #expect(throws: CommandSyntaxError("$status is built in (the last exchange's status): choose another name")) {
            try CommandParser.parse("set status = 1")
        }
        #expect(throws: CommandSyntaxError("set needs NAME = value, e.g. set image = busybox")) {
            try CommandParser.parse("set image")
        }
    }
}
