import SockshellCore
import Testing

struct SubcommandArgumentsTests {
    static let valueOptions: Set<String> = ["-H", "--host", "-c"]

    func split(_ words: [String]) -> [String]? {
        SubcommandArguments.split(words, subcommands: ["replay", "serve", "tap"], optionsWithValue: Self.valueOptions)
            .map { [$0.name] + $0.arguments }
    }

    @Test func theSubcommandFirstKeepsItsArguments() {
        #expect(split(["replay", "-H", "/s", "f.sks"]) == ["replay", "-H", "/s", "f.sks"])
    }

    @Test func globalOptionsBeforeTheSubcommandGoAfterIt() {
        #expect(split(["-H", "/s", "replay", "f.sks"]) == ["replay", "f.sks", "-H", "/s"])
        #expect(
            split(["--host=/s", "--ascii", "tap", "--listen", "/t"]) == [
                "tap", "--listen", "/t", "--host=/s", "--ascii",
            ])
    }

    @Test func anOptionsValueIsNeverTheSubcommand() {
        #expect(split(["-c", "replay"]) == nil)
        #expect(split(["-H", "replay", "-c", "GET /_ping"]) == nil)
    }

    @Test func aScriptOrDoubleDashEndsTheSearch() {
        #expect(split(["script.sks", "replay"]) == nil)
        #expect(split(["--", "replay"]) == nil)
        #expect(split([]) == nil)
        #expect(split(["-"]) == nil)
    }
}
