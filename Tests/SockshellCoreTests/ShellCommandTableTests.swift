import SockshellCore
import Testing

/// The command table, the parser and help agree: every word the table declares is a command the
/// parser knows (not a request), and has help.
@Suite struct ShellCommandTableTests {
    @Test func everyCommandWordParsesAsThatCommandNotARequest() {
        for word in ShellCommandTable.commandWords {
            do {
                let outcome = try CommandParser.parse(word)
                if case .complete(.request) = outcome { Issue.record("\(word) parsed as a request") }
            } catch {
                // A command that needs arguments says so in its own name.
                #expect(
                    error.message.hasPrefix(word) || error.message.contains(" \(word)"), "\(word): \(error.message)")
            }
        }
    }

    @Test func everyCommandWordHasHelpAndAnAliasHasItsCommandsHelp() {
        for word in ShellCommandTable.commandWords {
            #expect(HelpText.topic(word) != nil, "\(word)")
        }
        #expect(HelpText.topic("quit") == HelpText.topic("exit"))
        #expect(HelpText.topic("hint") == HelpText.topic("next"))
        #expect(HelpText.topic("get") == HelpText.topic("request"))
    }

    @Test func theOverviewListsEveryCommandOnceInTableOrder() {
        let lines = HelpText.overview().split(separator: "\n").dropFirst().dropLast()
        #expect(
            lines.map { $0.split(separator: " ").first.map(String.init) ?? "" } == ShellCommandTable.all.map(\.name))
    }

    @Test func argumentShapesSayWhatEachPositionOffers() throws {
        let lesson = try #require(ShellCommandTable.spec(for: "lesson")).arguments
        #expect(lesson.kind(at: 0, after: []) == .words(["start", "restart", "quit", "cleanup"]))
        #expect(lesson.kind(at: 1, after: ["start"]) == .lessonName)
        #expect(lesson.kind(at: 1, after: ["quit"]) == .nothing)
        let record = try #require(ShellCommandTable.spec(for: "record")).arguments
        #expect(record.kind(at: 3, after: ["a", "b", "c"]) == .file)
        #expect(ShellCommandTable.spec(for: "quit")?.name == "exit")
        #expect(ShellCommandTable.spec(for: "GET") == nil)
    }
}
