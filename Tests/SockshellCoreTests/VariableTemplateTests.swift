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

    private func request(_ line: String) throws -> RequestCommand {
        guard case .complete(.request(let request)) = try CommandParser.parse(line) else {
            Issue.record("'\(line)' is not a request")
            return RequestCommand(method: "GET", target: "/")
        }
        return request
    }

    /// Issue 11: a request's templates are parsed with its line, and the undefined-variable check
    /// and the send both read those (they were parsed for the check, thrown away and parsed again).
    @Test func aRequestsTemplatesAreParsedWithItsLineAndFilledFromThere() throws {
        let typed = try request(#"POST /containers/$id/start -H 'X-Who: $who' -H 'X-A: b' {"Name":"$name"}"#)
        #expect(typed.templates.target == .parsed(try VariableTemplate(parsing: "/containers/$id/start")))
        #expect(typed.templates.headerValues == [.parsed(try VariableTemplate(parsing: "$who")), .plain])
        #expect(
            VariableCheck.templates(of: .request(typed)).flatMap(\.references)
                == [.variable("id"), .variable("who"), .variable("name")])
        let values = ["id": "c0", "who": "me", "name": #"say "hi""#]
        let filled = try typed.filled { reference in
            if case .variable(let name) = reference { return values[name] }
            return nil
        }
        #expect(filled.target == "/containers/c0/start")
        #expect(filled.headers == [HeaderField(name: "X-Who", value: "me"), HeaderField(name: "X-A", value: "b")])
        #expect(filled.body == .inline(Array(#"{"Name":"say \"hi\""}"#.utf8)), "escaped inside a JSON string")
        #expect(filled.templates.parsed.isEmpty, "filled text holds no references: a value's own $ stays as it is")
        let plain = try request("GET /_ping @body.json")
        #expect(plain.templates == RequestTemplates(target: "/_ping", headers: [], body: .file("body.json")))
        #expect(plain.templates.parsed.isEmpty)
    }

    /// A bad `$` in a request (or in `header`) is not a syntax error when the line is read: the line
    /// parses, the undefined-variable check passes over it, and it fails when the request is sent
    /// (`echo` and `set` are the ones that say so when the line is read).
    @Test func aBadDollarInARequestIsReportedWhenItIsSentNotWhenItIsParsed() throws {
        let unclosed = CommandSyntaxError("unclosed ${ in '/x/${id': write ${name}")
        let typed = try request("GET /x/${id")
        #expect(typed.templates.target == .invalid(unclosed))
        #expect(VariableCheck.firstUndefined(in: [(.request(typed), 1)], defined: [], environment: [:]) == nil)
        #expect(throws: unclosed) { try typed.filled { _ in "" } }

        let header = try CommandParser.parse("header X-A: ${1x}")
        guard case .complete(.header(.set(let field, let value))) = header else {
            Issue.record("\(header)")
            return
        }
        #expect(field == HeaderField(name: "X-A", value: "${1x}"))
        #expect(value.template == nil)
        #expect(throws: CommandSyntaxError.self) { try value.fill(field.value, json: false) { _ in "" } }
        #expect(throws: CommandSyntaxError.self) { try CommandParser.parse("echo ${1x}") }
    }
}
