import SockshellCore
import Testing

/// `on event TYPE ACTION... [label K=V] [count N]` ... `end`: read line by line as a script and
/// the prompt read it, its stream's request, and every mistake said with the fix.
@Suite struct EventBlockTests {
    /// The lines through a line assembler, as a script is read: the commands completed.
    func assembled(_ lines: [String]) throws(CommandSyntaxError) -> [Command] {
        var assembler = LineAssembler()
        var commands: [Command] = []
        for (index, line) in lines.enumerated() {
            if let done = try assembler.add(line: line, number: index + 1) { commands.append(done.command) }
        }
        try assembler.finish()
        return commands
    }

    @Test func aBlockIsOneCommandWithItsBodyAndItsLines() throws {
        let commands = try assembled([
            "on event container start die label lb.pool=web count 2",
            "  let name = .Actor.Attributes.name",
            #"  POST /containers/create {"Image":"busybox","#,
            #"    "Cmd":["true"]}"#,
            "  echo $name",
            "end",
            "echo after",
        ])
        #expect(commands.count == 2)
        guard case .onEvent(let block) = commands.first else {
            Issue.record("not a block: \(commands)")
            return
        }
        #expect(block.type == "container")
        #expect(block.actions == ["start", "die"])
        #expect(block.labels == ["lb.pool=web"])
        #expect(block.count == 2)
        #expect(block.body.map(\.offset) == [2, 3, 5], "each body command's line, the block's first being 1")
        #expect(block.body[1].text == "  POST /containers/create {\"Image\":\"busybox\",\n    \"Cmd\":[\"true\"]}")
        guard case .capture(let name, .query(let query)) = block.body[0].command else {
            Issue.record("\(block.body[0].command)")
            return
        }
        #expect(name == "name" && query.text == ".Actor.Attributes.name")
        #expect(
            block.request.target
                == #"/events?filters={"type":["container"],"event":["start","die"],"label":["lb.pool=web"]}"#)
        #expect(block.request.background)
    }

    @Test func aBlockWithoutActionsTakesEveryActionOfItsType() throws {
        let commands = try assembled(["on event image", "echo $event", "end"])
        guard case .onEvent(let block) = commands.first else {
            Issue.record("\(commands)")
            return
        }
        #expect(block.actions.isEmpty && block.count == nil)
        #expect(block.request.target == #"/events?filters={"type":["image"]}"#)
    }

    @Test func thePromptSaysTheBlockIsOpenUntilEnd() throws {
        var assembler = LineAssembler()
        #expect(try assembler.add(line: "on event container start", number: 1) == nil)
        #expect(assembler.continuationPrompt == "...(on event: end closes it)> ")
        #expect(assembler.unfinishedDescription == "the unfinished on event block")
        #expect(try assembler.add(line: "echo $event", number: 2) == nil)
        let done = try #require(try assembler.add(line: "  end  ", number: 3))
        #expect(done.line == 1 && done.text == "on event container start\necho $event\n  end  ")
        #expect(!assembler.isContinuing)
    }

    @Test(arguments: [
        (
            "on",
            "on needs event and an event type: on event TYPE [ACTION]... [label KEY=VALUE]... [count N], then "
                + "commands, then end, e.g. on event container start die"
        ),
        ("on event container start count 0", "count needs a number of events above 0, e.g. count 2"),
        (
            "on event container start count",
            "count needs a value after it: label KEY=VALUE or count N (on event "
                + "TYPE [ACTION]... [label KEY=VALUE]... [count N], then commands, then end)"
        ),
        (
            "on event container st{art",
            "'st{art' is not an event action: actions are words such as start, die, "
                + "create (on event TYPE [ACTION]... [label KEY=VALUE]... [count N], then commands, then end)"
        ),
    ])
    func aBadHeaderIsSaidOnItsFirstLine(_ header: String, _ message: String) {
        var assembler = LineAssembler()
        #expect(throws: CommandSyntaxError(message, line: 1)) { try assembler.add(line: header, number: 1) }
    }

    @Test func aBadBodyLineANestedBlockAndAMissingEndAreSaid() {
        #expect(
            throws: CommandSyntaxError(
                "in the on event block: unknown command 'ecko': did you mean echo? (help lists commands)", line: 3)
        ) { try assembled(["echo before", "on event container start", "ecko $event", "end"]) }
        #expect(
            throws: CommandSyntaxError("on event blocks do not nest: end the first block before the next", line: 2)
        ) { try assembled(["on event container start", "on event container die", "end"]) }
        #expect(
            throws: CommandSyntaxError(
                """
                in the on event block: the JSON body that starts on line 2 is not closed at the end of the input \
                (1 bracket still open): add the missing }
                """, line: 2)
        ) { try assembled(["on event container start", #"POST /containers/create {"Image":"busybox""#, "end"]) }
        #expect(
            throws: CommandSyntaxError(
                "the on event block that starts on line 2 has no end: add a line with end after its commands",
                line: 2)
        ) { try assembled(["echo before", "on event container start", "echo $event"]) }
    }

    @Test func insideTheBlockEventAndItsLetsAreDefinedAndOutsideThemNot() throws {
        let commands = try assembled([
            "on event container start", "let name = .Actor.Attributes.name", "echo $event $name", "end",
        ])
        #expect(
            VariableCheck.firstUndefined(in: commands.map { ($0, 1) }, defined: [], environment: [:]) == nil)
        let after = try assembled(["on event container start", "echo $event", "end", "echo $event"])
        #expect(
            VariableCheck.firstUndefined(in: after.enumerated().map { ($1, $0 + 1) }, defined: [], environment: [:])
                == CommandSyntaxError(
                    VariableTemplate.undefinedMessage(.variable("event"), readsAsShell: false), line: 2))
        let inside = try assembled(["echo start", "on event container start", "echo $nothing", "end"])
        #expect(
            VariableCheck.firstUndefined(in: [(inside[0], 1), (inside[1], 2)], defined: [], environment: [:])?.line
                == 3, "the body line's own line")
    }

    @Test func eventLinesGiveTheirWholeJSON() {
        var lines = DockerEventLines()
        let found = lines.feedValues(
            Array(#"{"Type":"container","Action":"start","Actor":{"Attributes":{"name":"web"}}}"#.utf8) + [0x0A])
        #expect(found.map(\.event) == [DockerEvent(type: "container", action: "start")])
        #expect(found.first?.value["Actor"]?["Attributes"]?["name"]?.stringValue == "web")
    }
}
