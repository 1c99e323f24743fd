import Testing

@testable import SockshellCore

struct ShellTokenizerTests {
    private func words(_ text: String, _ dialect: ShellTokenizer.Dialect = .commandLine) throws -> [ShellToken] {
        try ShellTokenizer.tokens(text, dialect: dialect)
    }

    @Test func tokensCarryTheirOffsetsAndQuoting() throws {
        let tokens = try words(#"-H "A: b" x\ y 'é'"#)
        #expect(tokens.map(\.range) == [0..<2, 3..<9, 10..<14, 15..<19])
        #expect(tokens.map { String(decoding: $0.value, as: UTF8.self) } == ["-H", "A: b", "x y", "é"])
        #expect(tokens.map(\.isQuoted) == [false, true, true, true])
        #expect(tokens.allSatisfy { $0.unclosedQuote == nil })
    }

    @Test func anUnclosedQuoteIsAFlagNotAnError() throws {
        let single = try words("GET /x -H 'A: b")
        let open = ShellToken(
            kind: .word, range: 10..<15, value: Array("A: b".utf8), isQuoted: true, unclosedQuote: .single)
        #expect(single.last == open)
        #expect(try words(#"a "b\"c"#).last?.unclosedQuote == .double)
        #expect(try words("curl -d $'ab", .posixShell).last?.unclosedQuote == .ansiC)
    }

    @Test func theCommandLineDialectKeepsOperatorsCommentsAndLineBreaksInWords() throws {
        #expect(try words("a&b #c d|e\nf").map(\.value) == ["a&b", "#c", "d|e\nf"].map { Array($0.utf8) })
        #expect(try words("$'\\x41'").map(\.value) == [Array("$\\x41".utf8)])
        let posix = try words("a&b #c\nd", .posixShell)
        #expect(posix.map(\.kind) == [.word, .control("&"), .word, .control("\n"), .word])
        #expect(posix.map(\.range) == [0..<1, 1..<2, 2..<3, 6..<7, 7..<8])
    }

    @Test func aBareWordIsTheBytesAsTyped() {
        var tokenizer = ShellTokenizer("  GET '/a b' rest", dialect: .commandLine)
        #expect(tokenizer.nextBareWord()?.value == Array("GET".utf8))
        #expect(tokenizer.nextBareWord()?.range == 6..<9)
        #expect(String(decoding: tokenizer.rest, as: UTF8.self) == " b' rest")
    }

    /// Issue 11: `-H "A: b\tc"` was `A: b\tc` to the parser and `A: btc` to completion. The parser, curl
    /// lines and completion now read every header word alike.
    @Test(arguments: [
        #""A: b\tc""#, #"'A: b\tc'"#, #"A:\ b"#, #""A: \"q\" \\ \$x \` \n""#, #"'it'\''s: x'"#, #""A: b"'c'd"#,
        "A:b", #"A:\\b"#,
    ])
    func theParserCurlAndCompletionReadAHeaderWordAlike(word: String) throws {
        let line = "GET /x -H \(word)"
        guard case .complete(.request(let request)) = try CommandParser.parse(line) else {
            Issue.record("\(line) is a request")
            return
        }
        let curl = try CurlCommandLine.parse("curl -H \(word) http://d/x")
        let completion = LineWords(Array(line.utf8)[...])
        #expect(completion.current.start == 10)
        #expect(completion.current.text == word)
        #expect(request.headers.first == curl.headers.first)
        #expect(request.headers.first == (try HeaderField(typed: completion.current.value)))
    }
}
