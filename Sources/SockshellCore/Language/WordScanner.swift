/// Reads a command line word by word, leaving the rest (a body) untouched: the command line's view
/// over `ShellTokenizer` (its `.commandLine` dialect, the one completion reads too).
struct WordScanner {
    private var tokenizer: ShellTokenizer

    init(_ text: String) {
        tokenizer = ShellTokenizer(text, dialect: .commandLine)
    }

    mutating func skipSpaces() {
        tokenizer.skipBlanks()
    }

    /// The next run of non-blank characters, or nil at the end.
    mutating func nextWord() -> String? {
        tokenizer.nextBareWord().map { String(decoding: $0.value, as: UTF8.self) }
    }

    /// True when the next word is an option (starts with `-`), without consuming it.
    func peekOption() -> Bool {
        tokenizer.peek() == UInt8(ascii: "-")
    }

    /// The next word with shell quoting: 'single', "double" (with \" \\ \$ escapes), and backslash
    /// escapes outside quotes. Adjacent quoted parts join into one word.
    /// `what` names the word in the sentence about an unclosed quote (`the header`, `the target`).
    mutating func nextShellWord(what: String = "the header") throws(CommandSyntaxError) -> String? {
        try nextShellToken(what: what)?.value
    }

    /// As `nextShellWord()`, and whether any part of the word was quoted or escaped.
    mutating func nextShellToken(what: String = "the header") throws(CommandSyntaxError) -> (
        value: String, quoted: Bool
    )? {
        guard let token = try tokenizer.next() else { return nil }
        switch token.unclosedQuote {
        case .single, .ansiC:
            throw CommandSyntaxError("unclosed single quote: add the closing ' after \(what)")
        case .double:
            throw CommandSyntaxError("unclosed double quote: add the closing \" after \(what)")
        case nil:
            return (String(decoding: token.value, as: UTF8.self), token.isQuoted)
        }
    }

    /// Everything not read yet, exactly as typed.
    func rest(dropOneSpace: Bool = false) -> String {
        var rest = tokenizer.rest
        if dropOneSpace, rest.first == UInt8(ascii: " ") { rest = rest.dropFirst() }
        return String(decoding: rest, as: UTF8.self)
    }
}
