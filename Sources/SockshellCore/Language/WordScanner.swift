/// Reads a command line word by word, leaving the rest (a body) untouched.
struct WordScanner {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    mutating func skipSpaces() {
        while position < scalars.count, scalars[position] == " " || scalars[position] == "\t" {
            position += 1
        }
    }

    /// The next run of non-blank characters, or nil at the end.
    mutating func nextWord() -> String? {
        skipSpaces()
        guard position < scalars.count else { return nil }
        var word = String.UnicodeScalarView()
        while position < scalars.count, scalars[position] != " ", scalars[position] != "\t" {
            word.append(scalars[position])
            position += 1
        }
        return String(word)
    }

    /// True when the next word is an option (starts with `-`), without consuming it.
    func peekOption() -> Bool {
        position < scalars.count && scalars[position] == "-"
    }

    /// The next word with POSIX-shell quoting: 'single', "double" (with \" \\ \$ escapes), and
    /// backslash escapes outside quotes. Adjacent quoted parts join into one word.
    mutating func nextShellWord() throws(CommandSyntaxError) -> String? {
        skipSpaces()
        guard position < scalars.count else { return nil }
        var word = String.UnicodeScalarView()
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar == " " || scalar == "\t" { break }
            position += 1
            switch scalar {
            case "'":
                guard let close = scalars[position...].firstIndex(of: "'") else {
                    throw CommandSyntaxError("unclosed single quote: add the closing ' after the header")
                }
                word.append(contentsOf: scalars[position..<close])
                position = close + 1
            case "\"":
                var closed = false
                while position < scalars.count {
                    let inner = scalars[position]
                    position += 1
                    if inner == "\"" { closed = true; break }
                    if inner == "\\", position < scalars.count, "\"\\$`".unicodeScalars.contains(scalars[position]) {
                        word.append(scalars[position])
                        position += 1
                    } else {
                        word.append(inner)
                    }
                }
                if !closed {
                    throw CommandSyntaxError("unclosed double quote: add the closing \" after the header")
                }
            case "\\":
                if position < scalars.count {
                    word.append(scalars[position])
                    position += 1
                }
            default:
                word.append(scalar)
            }
        }
        return String(word)
    }

    /// Everything not read yet, exactly as typed.
    func rest(dropOneSpace: Bool = false) -> String {
        var start = position
        if dropOneSpace, start < scalars.count, scalars[start] == " " { start += 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[min(start, scalars.count)...])
        return String(view)
    }
}
