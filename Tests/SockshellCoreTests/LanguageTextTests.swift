import Testing

@testable import SockshellCore

/// Every text the shell says in a language exists in both, and `help` in Korean covers every
/// command of the table with the same syntax, lined up by terminal columns.
@Suite struct LanguageTextTests {
    static func hasHangul(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
    }

    static let phrases: [(String, [String], [String])] = [
        ("LessonPhrases", LessonPhrases.everyPhrase(.english), LessonPhrases.everyPhrase(.korean)),
        ("ShellPhrases", ShellPhrases.everyPhrase(.english), ShellPhrases.everyPhrase(.korean)),
    ]

    @Test func everyPhraseIsInEnglishAndInKorean() {
        for (table, english, korean) in Self.phrases {
            #expect(english.count == korean.count, "\(table)")
            for (index, (inEnglish, inKorean)) in zip(english, korean).enumerated() {
                // A language's own name (한국어) is said in its script in both.
                let english = ShellLanguage.allCases.reduce(inEnglish) { $0.replacing($1.name, with: "") }
                #expect(!Self.hasHangul(english), "\(table) #\(index) in English: \(inEnglish)")
                #expect(Self.hasHangul(inKorean), "\(table) #\(index) in Korean: \(inKorean)")
                #expect(inEnglish != inKorean, "\(table) #\(index)")
            }
        }
    }

    @Test func stepLinesInEachLanguage() {
        #expect(LessonPhrases.stepHeader(2, of: 7, title: "List it", .english) == "── step 2 of 7: List it ──")
        #expect(LessonPhrases.stepHeader(2, of: 7, title: "목록 보기", .korean) == "── 7단계 중 2단계: 목록 보기 ──")
        #expect(LessonPhrases.passed(1, captured: ["id = 1f"], .english) == "✓ step 1 passed (id = 1f)")
        #expect(LessonPhrases.passed(1, captured: [], .korean) == "✓ 1단계 통과")
        // The reason after ✗ is the expectation's own English sentence, in both.
        #expect(LessonPhrases.notYet("status is 404, not 201", .korean) == "✗ 아직 아닙니다: status is 404, not 201")
        // The answers to a question stay y and n.
        #expect(LessonPhrases.removeQuestion("w", .korean).hasSuffix("[y/N] "))
    }

    @Test func theSkippedNoteKeepsItsEnglishAndCountsInKorean() {
        #expect(LessonProgress(skipped: [1, 3]).skippedNote == ", 2 skipped (steps 2, 4)")
        #expect(LessonPhrases.skippedNote([1], .english) == ", 1 skipped (step 2)")
        #expect(LessonPhrases.skippedNote([1, 3], .korean) == ", 2단계 건너뜀 (2, 4단계)")
        #expect(LessonPhrases.skippedNote([], .korean) == "")
    }

    @Test func everyCommandHasAKoreanSummaryAndUsageWithItsSyntax() throws {
        for command in ShellCommandTable.all {
            let korean = try #require(KoreanHelp.entry(for: command.name), "no Korean help for \(command.name)")
            #expect(Self.hasHangul(korean.summary), "\(command.name)")
            #expect(Self.hasHangul(korean.usage), "\(command.name)")
            // What is typed is the same in both: the first line's syntax, before any explanation.
            func syntax(_ usage: String) -> Substring {
                let line = usage.prefix { $0 != "\n" }
                return line.firstRange(of: "   (").map { line[..<$0.lowerBound] } ?? line
            }
            #expect(syntax(korean.usage) == syntax(command.usage), "\(command.name)")
        }
        let names = Set(ShellCommandTable.all.map(\.name))
        #expect(KoreanHelp.entries.keys.filter { !names.contains($0) }.isEmpty, "Korean help for no command")
    }

    @Test func theKoreanOverviewLinesUpByTerminalColumns() throws {
        let lines = HelpText.overview(.korean).split(separator: "\n").map(String.init)
        #expect(lines.first == "명령:")
        let commands = lines.dropFirst().dropLast()
        #expect(commands.count == ShellCommandTable.all.count)
        // Each summary starts at the same column, after the name and its padding.
        let width = ShellCommandTable.all.map { $0.name.terminalColumns }.max() ?? 0
        for (line, command) in zip(commands, ShellCommandTable.all) {
            let summary = try #require(KoreanHelp.entry(for: command.name)).summary
            #expect(line == "  " + command.name.padded(to: width + 2) + summary)
            #expect(String(line.dropLast(summary.count)).terminalColumns == width + 4, "\(command.name)")
        }
    }

    @Test func theKoreanOverviewFitsEightyColumns() {
        for line in HelpText.overview(.korean).split(separator: "\n") {
            #expect(line.terminalColumns <= 80, "\(line.terminalColumns) columns: \(line)")
        }
    }

    @Test func helpForACommandInKorean() {
        #expect(HelpText.topic("raw", .korean)?.hasPrefix("사용법: raw BYTES\n") == true)
        #expect(HelpText.topic("raw", .korean)?.contains("\n예: raw GET /_ping") == true)
        #expect(HelpText.topic("quit", .korean) == HelpText.topic("exit", .korean))
        #expect(HelpText.topic("raw")?.hasPrefix("usage: raw BYTES\nexample: ") == true)
    }

    @Test func paddingCountsAHangulSyllableAsTwoColumns() {
        #expect("핑".padded(to: 4) == "핑  ")
        #expect("ab".padded(to: 4) == "ab  ")
        #expect("두 번 핑".padded(to: 3) == "두 번 핑")
    }

    @Test func langParsesItsCodesAndRefusesOthersWithTheSentence() throws {
        #expect(try CommandParser.parse("lang") == .complete(.language(nil)))
        #expect(try CommandParser.parse("lang ko") == .complete(.language(.korean)))
        #expect(try CommandParser.parse("lang EN") == .complete(.language(.english)))
        #expect(throws: CommandSyntaxError(ShellLanguage.unknownCodeMessage("fr"))) {
            try CommandParser.parse("lang fr")
        }
        let completion = Completer(knowledge: SessionKnowledge(), listFiles: { _ in [] }).complete(
            line: "lang ", cursor: 5)
        #expect(completion.candidates == ["en", "ko"])
    }
}

@Suite struct LessonOrderTests {
    @Test func theOrderFileIsOneNameALineWithComments() {
        #expect(LessonOrder.names(in: "# why\nb\n\n  a  \n# c\n") == ["b", "a"])
    }

    @Test func orderedLessonsFirstThenTheRestAlphabeticallyAndMissingOnesLeftOut() {
        let arranged = LessonOrder.arranged(["z", "c", "a", "b"], order: ["c", "gone", "a", "c"])
        #expect(arranged == ["c", "a", "b", "z"])
        #expect(LessonOrder.arranged(["b", "a"], order: []) == ["a", "b"])
    }

    @Test func theNextLessonIsTheFirstNotDoneAfterItThenBefore() {
        let order = ["a", "b", "c", "d"]
        #expect(LessonOrder.next(after: "b", in: order) { _ in false } == "c")
        #expect(LessonOrder.next(after: "b", in: order) { ["c", "b"].contains($0) } == "d")
        #expect(LessonOrder.next(after: "d", in: order) { ["b", "d"].contains($0) } == "a")
        #expect(LessonOrder.next(after: "b", in: order) { _ in true } == nil)
        #expect(LessonOrder.next(after: "b", in: order) { $0 != "b" } == nil)
        #expect(LessonOrder.next(after: "x", in: order) { $0 == "a" } == "b")
    }
}
