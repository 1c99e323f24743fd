import Testing

@testable import SockshellCore

struct HistorySearchTests {
    private let history = ["GET /_ping", "GET /version", "POST /containers/create {}", "GET /containers/json"]

    /// Feeds `keys` one key at a time, as the editor does; returns the last reaction.
    private func press(_ search: inout HistorySearch, _ keys: [UInt8]) -> HistorySearch.Reaction {
        var input = keys[...]
        var reaction = HistorySearch.Reaction.searching
        while !input.isEmpty {
            let (next, consumed) = search.react(to: input)
            reaction = next
            if consumed == 0 { break }
            input = input.dropFirst(consumed)
        }
        return reaction
    }

    @Test func typingFindsTheNewestMatchAndCtrlRGoesOlder() {
        var search = HistorySearch(entries: history, original: "half typed")
        #expect(press(&search, Array("GET".utf8)) == .searching)
        #expect(search.result == "GET /containers/json")
        #expect(search.statusLine(columns: 80).text == "(reverse-i-search)'GET': GET /containers/json")
        _ = press(&search, [0x12])
        #expect(search.result == "GET /version")
        _ = press(&search, [0x12, 0x12])
        #expect(search.result == "GET /_ping")
        #expect(search.failing)
        #expect(search.statusLine(columns: 80).text == "(failing reverse-i-search)'GET': GET /_ping")
    }

    @Test func aLongerQueryKeepsTheMatchWhileItStillMatchesAndBackspaceGoesBack() {
        var search = HistorySearch(entries: history, original: "")
        _ = press(&search, Array("GET /v".utf8))
        #expect(search.result == "GET /version")
        _ = press(&search, [0x7F, 0x7F])
        #expect(search.query == Array("GET ".utf8))
        #expect(search.result == "GET /containers/json")
        _ = press(&search, Array("/zzz".utf8))
        #expect(search.failing)
        _ = press(&search, [0x7F, 0x7F, 0x7F])
        #expect(!search.failing)
    }

    @Test func ctrlCAndCtrlGCancelAndLeaveTheOriginalLine() {
        for key: UInt8 in [0x03, 0x07] {
            var search = HistorySearch(entries: history, original: "half typed")
            _ = press(&search, Array("POST".utf8))
            #expect(search.react(to: [key]) == (.cancel, 1))
        }
    }

    @Test func enterTabAndArrowsEndTheSearchAndArePassedOnAndALoneEscIsTaken() {
        var search = HistorySearch(entries: history, original: "")
        _ = press(&search, Array("POST".utf8))
        #expect(search.react(to: [0x0D]) == (.accept(passKey: true), 0))
        #expect(search.react(to: [0x09]) == (.accept(passKey: true), 0))
        #expect(search.react(to: [0x1B, 0x5B, 0x44]) == (.accept(passKey: true), 0))
        #expect(search.react(to: [0x1B]) == (.accept(passKey: false), 1))
        #expect(search.react(to: [0x04]) == (.accept(passKey: false), 1))
        #expect(search.result == "POST /containers/create {}")
    }

    @Test func nothingFoundAcceptsTheOriginalLineAndAFailingLongerQueryKeepsTheLastMatch() {
        var search = HistorySearch(entries: history, original: "mine")
        _ = press(&search, Array("zzz".utf8))
        #expect(search.failing)
        #expect(search.result == "mine")
        var partly = HistorySearch(entries: history, original: "mine")
        _ = press(&partly, Array("nowhere".utf8))  // "n" matches the newest entry, "no" nothing
        #expect(partly.failing)
        #expect(partly.result == "GET /containers/json")
    }

    @Test func aCharacterSplitAcrossReadsWaitsForItsRest() {
        var search = HistorySearch(entries: ["GET /é"], original: "")
        #expect(search.react(to: [0xC3]) == (.searching, 0))
        #expect(search.react(to: [0xC3, 0xA9]) == (.searching, 2))
        #expect(search.result == "GET /é")
        _ = press(&search, [0x7F])
        #expect(search.query.isEmpty)
    }

    @Test func aLongLineIsShownAsAWindowAroundTheMatchThatFitsOneRow() {
        let long = "POST /x " + String(repeating: "a", count: 20_000) + "NEEDLE" + String(repeating: "b", count: 20_000)
        var search = HistorySearch(entries: [long], original: "")
        _ = press(&search, Array("NEEDLE".utf8))
        let (text, cursor) = search.statusLine(columns: 80)
        #expect(text.unicodeScalars.count == 79)
        #expect(text.hasPrefix("(reverse-i-search)'NEEDLE': …"))
        #expect(text.hasSuffix("…"))
        #expect(text.contains("NEEDLE"))
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[cursor..<cursor + 6])) == "NEEDLE")
    }

    @Test func controlCharactersInAMatchAreNotSentToTheTerminal() {
        var search = HistorySearch(entries: ["raw GET /x\u{1B}]0;title\u{07}"], original: "")
        _ = press(&search, Array("raw".utf8))
        #expect(search.statusLine(columns: 80).text == "(reverse-i-search)'raw': raw GET /x?]0;title?")
        // C1 too: U+009B is CSI on a terminal that reads it.
        var c1 = HistorySearch(entries: ["raw GET /y\u{9B}2J"], original: "")
        _ = press(&c1, Array("raw".utf8))
        #expect(c1.statusLine(columns: 80).text == "(reverse-i-search)'raw': raw GET /y?2J")
    }
}
