/// The words of a command line up to the cursor, with where each starts: completion's view over
/// `ShellTokenizer`, in the command line's dialect, so a word means to Tab what it means to the parser.
struct LineWords {
    struct Word: Equatable {
        /// UTF-8 offset of the word's first byte (its opening quote, if any).
        var start: Int
        /// The word as typed, quotes included.
        var text: String
        /// The word with quotes and escapes removed.
        var value: String
    }

    /// The complete words before the one under the cursor.
    var before: [Word] = []
    /// The word that ends at the cursor: empty, starting at the cursor, after a blank.
    var current: Word

    init(_ bytes: ArraySlice<UInt8>) {
        var tokenizer = ShellTokenizer(bytes: bytes, dialect: .commandLine)
        var words: [Word] = []
        var lastEnd = 0
        // The command-line dialect throws for nothing (no `$'...'` escapes): an error ends the words.
        while let token = try? tokenizer.next() {
            let typed = bytes.dropFirst(token.range.lowerBound).prefix(token.range.count)
            words.append(
                Word(
                    start: token.range.lowerBound, text: String(decoding: typed, as: UTF8.self),
                    value: String(decoding: token.value, as: UTF8.self)))
            lastEnd = token.range.upperBound
        }
        if !words.isEmpty, lastEnd == bytes.count {
            current = words.removeLast()
        } else {
            current = Word(start: bytes.count, text: "", value: "")
        }
        before = words
    }

    /// The words before the cursor's, then the cursor's: index 0 is the command.
    var all: [Word] { before + [current] }
}
