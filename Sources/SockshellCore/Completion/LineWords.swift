/// The words of a command line up to the cursor, with where each starts, read with the same
/// quoting rules as the command parser ('single', "double", backslash) so `-H 'A: b'` is one word.
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
        let base = bytes.startIndex
        var words: [Word] = []
        var start: Int?
        var raw: [UInt8] = []
        var value: [UInt8] = []
        var quote: UInt8?
        var escaped = false

        func finish() {
            if let start {
                words.append(Word(start: start - base, text: String(decoding: raw, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
            }
            start = nil
            raw = []
            value = []
        }

        for index in bytes.indices {
            let byte = bytes[index]
            if start == nil {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { continue }
                start = index
            }
            raw.append(byte)
            if escaped {
                value.append(byte)
                escaped = false
            } else if let open = quote {
                if byte == open {
                    quote = nil
                } else if byte == UInt8(ascii: "\\") && open == UInt8(ascii: "\"") {
                    escaped = true
                } else {
                    value.append(byte)
                }
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                raw.removeLast()
                finish()
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else {
                value.append(byte)
            }
        }
        if start != nil {
            finish()
            current = words.removeLast()
        } else {
            current = Word(start: bytes.count, text: "", value: "")
        }
        before = words
    }

    /// The words before the cursor's, then the cursor's: index 0 is the command.
    var all: [Word] { before + [current] }
}
