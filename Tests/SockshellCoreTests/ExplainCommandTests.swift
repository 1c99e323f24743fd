import SockshellCore
import Testing

/// `explain` and `warnings` as commands: parsed, in the table, completed.
@Suite struct ExplainCommandTests {
    @Test func explainTakesAnyTopicOrNone() throws {
        #expect(try CommandParser.parse("explain") == .complete(.explain(topic: nil)))
        #expect(try CommandParser.parse("explain 304") == .complete(.explain(topic: "304")))
        #expect(
            try CommandParser.parse("explain POST /containers/abc/start")
                == .complete(.explain(topic: "POST /containers/abc/start")))
    }

    @Test func warningsTakeOnOrOffOrNothing() throws {
        #expect(try CommandParser.parse("warnings") == .complete(.warnings(nil)))
        #expect(try CommandParser.parse("warnings on") == .complete(.warnings(true)))
        #expect(try CommandParser.parse("warnings off") == .complete(.warnings(false)))
        #expect(throws: CommandSyntaxError.self) { try CommandParser.parse("warnings maybe") }
    }

    @Test func tabOffersStatusesHeadersTrapsAndRoutesAfterExplain() {
        let completer = Completer(
            knowledge: SessionKnowledge(), explainTopics: Explain.topicWords, listFiles: { _ in [] })
        #expect(completer.complete(line: "explain Transfer-", cursor: 17).candidates == ["Transfer-Encoding"])
        #expect(completer.complete(line: "explain 30", cursor: 10).candidates == ["301", "304"])
        #expect(completer.complete(line: "explain fra", cursor: 11).candidates == ["frames"])
        #expect(
            completer.complete(line: "explain /containers/{id}/st", cursor: 27).candidates.contains(
                "/containers/{id}/start"))
        #expect(completer.complete(line: "warnings o", cursor: 10).candidates == ["off", "on"])
    }
}
