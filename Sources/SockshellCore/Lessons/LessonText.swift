/// A lesson's Markdown as a terminal shows it: paragraphs and list items reflowed to the width,
/// inline code and emphasis without their marks (bold and italic when colour is on), and code
/// blocks kept line for line, indented.
///
/// Lesson files are hard-wrapped for reading on GitHub (about 100 columns); shown as written, an
/// 80-column terminal breaks every line mid-word (field note 14).
public enum LessonText {
    /// The width when the terminal does not say (a pipe, a file): what `man` uses.
    public static let defaultWidth = 80
    /// Below this the text is laid out at this width anyway: a word per line helps nobody.
    static let narrowestWidth = 20
    /// How far code blocks are indented, as Markdown itself marks an indented block.
    static let codeIndent = "    "

    /// `markdown` laid out for a terminal `width` columns wide, with a line feed after every line.
    public static func render(_ markdown: String, width: Int, color: Bool) -> String {
        let width = max(width, narrowestWidth)
        var out: [String] = []
        for block in blocks(markdown) {
            if !out.isEmpty { out.append("") }
            switch block {
            case .code(let lines):
                for line in lines {
                    out.append(color ? codeIndent + "\u{1B}[2m" + line + "\u{1B}[22m" : codeIndent + line)
                }
            case .paragraph(let text):
                out += fill(words(text, color: color, width: width), width: width, first: "", rest: "")
            case .list(let items):
                // Items follow each other without blank lines, as they were written.
                out += items.flatMap { item in
                    fill(
                        words(item.text, color: color, width: width), width: width, first: item.marker,
                        rest: item.hanging)
                }
            }
        }
        return out.map { $0 + "\n" }.joined()
    }

    /// One sentence-like piece (a notice, a hint, a goal) laid out as a paragraph after `label`.
    public static func paragraph(_ markdown: String, label: String = "", width: Int, color: Bool) -> String {
        render(label + markdown, width: width, color: color)
    }

    // MARK: blocks

    enum Block: Equatable {
        case paragraph(String)
        case list([ListItem])
        case code([String])
    }

    struct ListItem: Equatable {
        var marker: String
        var text: String
        var hanging: String { String(repeating: " ", count: marker.count) }
    }

    /// Paragraphs (lines joined), lists (`- `, `* `, `1. `) and fenced code blocks, in order.
    static func blocks(_ markdown: String) -> [Block] {
        var result: [Block] = []
        var paragraph: [String] = []
        var items: [ListItem] = []
        var fence: (marker: String, lines: [String])?
        func endText() {
            if !paragraph.isEmpty { result.append(.paragraph(paragraph.joined(separator: " "))) }
            if !items.isEmpty { result.append(.list(items)) }
            paragraph = []
            items = []
        }
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingWhitespace()
            if let open = fence {
                if trimmed == open.marker {
                    result.append(.code(open.lines))
                    fence = nil
                } else {
                    fence?.lines.append(line)
                }
                continue
            }
            if trimmed.hasPrefix("```") {
                endText()
                fence = (String(trimmed.prefix { $0 == "`" }), [])
            } else if trimmed.isEmpty {
                endText()
            } else if let marker = listMarker(line) {
                if !paragraph.isEmpty { endText() }
                items.append(ListItem(marker: marker, text: String(line.dropFirst(marker.count)).trimmingWhitespace()))
            } else if !items.isEmpty {
                items[items.count - 1].text += " " + trimmed
            } else {
                paragraph.append(trimmed)
            }
        }
        if let open = fence { result.append(.code(open.lines)) }
        endText()
        return result
    }

    /// `- `, `* ` or `12. ` at the start of a line (up to three spaces in, as CommonMark allows).
    static func listMarker(_ line: String) -> String? {
        let indent = line.prefix { $0 == " " }
        guard indent.count <= 3 else { return nil }
        let rest = line.dropFirst(indent.count)
        if rest.hasPrefix("- ") || rest.hasPrefix("* ") { return indent + String(rest.prefix(2)) }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, rest.dropFirst(digits.count).hasPrefix(". ") else { return nil }
        return indent + digits + ". "
    }

    // MARK: inline

    /// A unit the line breaker does not split: its text as shown and its width in columns.
    struct Word: Equatable {
        var shown: String
        var columns: Int
    }

    private enum Style {
        case code, strong, emphasis

        func wrap(_ text: String, color: Bool) -> String {
            guard color else { return text }
            switch self {
            case .code, .strong: return "\u{1B}[1m" + text + "\u{1B}[22m"
            case .emphasis: return "\u{1B}[3m" + text + "\u{1B}[23m"
            }
        }
    }

    /// The paragraph's words, spaces dropped: code spans and emphasis lose their marks, and a code
    /// span with spaces stays one word (a command is not broken across lines) unless it is wider
    /// than a line, when it breaks at its spaces like prose.
    static func words(_ text: String, color: Bool, width: Int) -> [Word] {
        var words: [Word] = []
        // The word being built: pieces already styled, and its width.
        var current = Word(shown: "", columns: 0)
        func endWord() {
            if current.columns > 0 { words.append(current) }
            current = Word(shown: "", columns: 0)
        }
        func add(_ piece: String, _ style: Style?) {
            current.shown += style?.wrap(piece, color: color) ?? piece
            current.columns += piece.terminalColumns
        }
        // Each word of `text` styled on its own, so a break between them leaves no escape
        // sequence open at the end of a line.
        func addWords(_ text: String, _ style: Style) {
            for (offset, part) in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
                if offset > 0 { endWord() }
                if !part.isEmpty { add(String(part), style) }
            }
        }
        let characters = Array(text)
        var index = 0
        var plain = ""
        func flushPlain() {
            for (offset, part) in plain.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
                if offset > 0 { endWord() }
                if !part.isEmpty { add(String(part), nil) }
            }
            plain = ""
        }
        while index < characters.count {
            let character = characters[index]
            if character == "`", let (code, end) = codeSpan(characters, at: index) {
                flushPlain()
                if code.terminalColumns > width { addWords(code, .code) } else { add(code, .code) }
                index = end
            } else if character == "*", let (inner, end, strong) = emphasis(characters, at: index) {
                flushPlain()
                addWords(inner, strong ? .strong : .emphasis)
                index = end
            } else {
                plain.append(character)
                index += 1
            }
        }
        flushPlain()
        endWord()
        return words
    }

    /// A code span opening at `start`: its text (one space trimmed from each end when both have
    /// one) and the index after its closing backticks; nil when no run of as many backticks closes it.
    static func codeSpan(_ characters: [Character], at start: Int) -> (String, Int)? {
        var open = start
        while open < characters.count, characters[open] == "`" { open += 1 }
        let length = open - start
        var index = open
        while index < characters.count {
            guard characters[index] == "`" else {
                index += 1
                continue
            }
            var close = index
            while close < characters.count, characters[close] == "`" { close += 1 }
            if close - index == length {
                var code = String(characters[open..<index])
                if code.count >= 2, code.hasPrefix(" "), code.hasSuffix(" ") {
                    code = String(code.dropFirst().dropLast())
                }
                return (code, close)
            }
            index = close
        }
        return nil
    }

    /// `*text*` or `**text**` opening at `start`: the text, the index after it and whether it is
    /// strong. A `*` followed by a space, or never closed in the paragraph, is an asterisk.
    static func emphasis(_ characters: [Character], at start: Int) -> (String, Int, Bool)? {
        let strong = start + 1 < characters.count && characters[start + 1] == "*"
        let mark = strong ? 2 : 1
        let open = start + mark
        guard open < characters.count, characters[open] != " ", characters[open] != "*" else { return nil }
        var index = open
        while index < characters.count {
            if characters[index] == "`" { return nil }  // emphasis around code is left as written
            if characters[index] == "*", characters[index - 1] != " " {
                let closes = strong ? index + 1 < characters.count && characters[index + 1] == "*" : true
                guard closes else { return nil }
                return (String(characters[open..<index]), index + mark, strong)
            }
            index += 1
        }
        return nil
    }

    // MARK: lines

    /// Words laid out greedily in lines of at most `width` columns, the first after `first`, the
    /// others after `rest`; a word wider than a line is cut where the line ends.
    static func fill(_ words: [Word], width: Int, first: String, rest: String) -> [String] {
        var lines: [String] = []
        var line = first
        var used = first.terminalColumns
        var empty = true
        for word in words {
            if !empty, used + 1 + word.columns > width {
                lines.append(line)
                line = rest
                used = rest.terminalColumns
                empty = true
            }
            if !empty {
                line += " "
                used += 1
            }
            if used + word.columns > width, word.shown.unicodeScalars.allSatisfy({ $0 != "\u{1B}" }) {
                // Only plain text is cut (a URL, a long id); a styled word goes over the edge whole.
                var piece = ""
                for character in word.shown {
                    let wide = TerminalColumns.columns(character)
                    if used + wide > width, !piece.isEmpty || !empty {
                        lines.append(line + piece)
                        line = rest
                        used = rest.terminalColumns
                        piece = ""
                    }
                    piece.append(character)
                    used += wide
                }
                line += piece
            } else {
                line += word.shown
                used += word.columns
            }
            empty = false
        }
        if !empty || line != first || lines.isEmpty { lines.append(line) }
        return lines
    }
}

extension LessonText {
    /// A heading's text (a lesson's or a step's title) with its inline Markdown shown lightly, on
    /// one line.
    public static func inline(_ markdown: String, color: Bool) -> String {
        words(markdown, color: color, width: Int.max).map(\.shown).joined(separator: " ")
    }

    /// A sentence of the shell's own (a check's verdict) folded at spaces to `width`, lines after
    /// the first indented by `hanging`; no Markdown is read in it (a path's `*` stays).
    public static func folded(_ sentence: String, width: Int, hanging: String = "  ") -> String {
        let words = sentence.split(separator: " ").map { Word(shown: String($0), columns: String($0).terminalColumns) }
        return fill(words, width: max(width, narrowestWidth), first: "", rest: hanging).map { $0 + "\n" }.joined()
    }
}
