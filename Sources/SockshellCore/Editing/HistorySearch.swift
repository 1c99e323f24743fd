/// Ctrl-R: incremental search backwards through history, as bash and psql do it.
///
/// libedit's own search (`em-inc-search-prev`) redraws through a wide-character conversion of the
/// whole line on every key, which takes seconds and 100% CPU with one long line in history, and
/// Ctrl-C in it reads as end of input, ending the shell. This one is pure: keys in, the status line
/// out; the line editor draws it and puts the chosen line in its buffer. Each key costs at most
/// one pass over the history's bytes, and the status line is cut to the terminal's width, so a
/// 1 MiB line costs no more to draw than a short one.
public struct HistorySearch: Sendable {
    /// What the editor does after a key.
    public enum Reaction: Equatable, Sendable {
        /// Still searching: redraw the status line.
        case searching
        /// Ctrl-C or Ctrl-G: the line as it was before Ctrl-R, no search.
        case cancel
        /// The search ends with the match (or the original line when nothing matched) in the
        /// buffer. `passKey`: the key that ended it (Enter, an arrow, Tab, Ctrl-A...) is then
        /// handled by the editor as usual, so Enter runs the line and an arrow starts editing it.
        case accept(passKey: Bool)
    }

    /// Oldest first, as UTF-8.
    private let entries: [[UInt8]]
    private let original: String
    public private(set) var query: [UInt8] = []
    /// The entry that matches, nil before the first key or when none does.
    private var matchIndex: Int?
    /// Set when the query matches nothing older: the status says `failing`, as bash's does.
    public private(set) var failing = false
    /// Where each query length matched, so Backspace goes back to the match it had (bash does).
    private var trail: [(match: Int?, failing: Bool)] = []

    public init(entries: [String], original: String) {
        self.entries = entries.map { Array($0.utf8) }
        self.original = original
    }

    /// The line the buffer gets when the search is accepted.
    public var result: String {
        matchIndex.map { String(decoding: entries[$0], as: UTF8.self) } ?? original
    }

    /// Reacts to the key at the start of `input` (the bytes typed and not yet taken). Returns
    /// what to do and how many bytes the key took; 0 bytes means the key is incomplete (the rest
    /// of a UTF-8 character has not arrived) or is passed on to the editor untaken.
    public mutating func react(to input: ArraySlice<UInt8>) -> (reaction: Reaction, consumed: Int) {
        guard let first = input.first else { return (.searching, 0) }
        switch first {
        case 0x03, 0x07:  // Ctrl-C (when it arrives as a byte), Ctrl-G
            return (.cancel, 1)
        case 0x12:  // Ctrl-R again: the next older match
            findOlder(startingBelow: matchIndex ?? entries.count)
            return (.searching, 1)
        case 0x08, 0x7F:  // Backspace
            erase()
            return (.searching, 1)
        case 0x04:  // Ctrl-D: keep what was found, take the key (on an empty line it would quit)
            return (.accept(passKey: false), 1)
        case 0x1B:
            // A lone Esc ends the search and is taken; an escape sequence (an arrow) is passed on.
            let second = input.dropFirst().first
            if second == UInt8(ascii: "[") || second == UInt8(ascii: "O") { return (.accept(passKey: true), 0) }
            return (.accept(passKey: false), 1)
        case 0x00..<0x20:  // Enter, Tab and the other control keys: the editor handles them
            return (.accept(passKey: true), 0)
        default:
            let length = Self.utf8Length(lead: first)
            guard input.count >= length else { return (.searching, 0) }
            type(Array(input.prefix(length)))
            return (.searching, length)
        }
    }

    /// `(reverse-i-search)'query': match`, cut to fit `columns` so it takes one row; control
    /// characters in the match are shown as `?`. Also the column where the cursor goes (the
    /// match's start, as bash places it). Widths are terminal columns (a Hangul syllable is two),
    /// counted scalar by scalar as the terminal advances its cursor.
    public func statusLine(columns: Int) -> (text: String, cursorColumn: Int) {
        let label = (failing ? "(failing reverse-i-search)'" : "(reverse-i-search)'") + Self.printable(query) + "': "
        let labelWidth = label.columnsByScalar
        let room = columns - labelWidth - 1
        guard let index = matchIndex else { return (label, labelWidth) }
        let line = Self.printable(entries[index])
        let scalars = Array(line.unicodeScalars)
        let widths = scalars.map(TerminalColumns.columns)
        let at = Self.scalarOffset(of: query, in: entries[index]) ?? 0
        guard room > 0 else { return (label, labelWidth) }
        if widths.reduce(0, +) <= room {
            return (label + line, labelWidth + widths[..<at].reduce(0, +))
        }
        // Too long for the row: a window that shows the match, with … where text is left out.
        // It starts about a quarter of the room before the match and takes what fits after.
        var start = at
        var before = 0
        while start > 0, before + widths[start - 1] <= room / 4 {
            start -= 1
            before += widths[start]
        }
        var end = start
        var used = 0
        while end < scalars.count, used + widths[end] <= room {
            used += widths[end]
            end += 1
        }
        // Near the end of the line: take more from before the match instead.
        while end == scalars.count, start > 0, used + widths[start - 1] <= room {
            start -= 1
            used += widths[start]
        }
        var window = Array(scalars[start..<end])
        var cursor = labelWidth + widths[start..<min(at, end)].reduce(0, +)
        if start > 0, !window.isEmpty {
            // … takes one column where the scalar it replaces may have taken two.
            if at > start { cursor -= widths[start] - 1 }
            window[0] = "…"
        }
        if end < scalars.count, !window.isEmpty { window[window.count - 1] = "…" }
        return (label + String(String.UnicodeScalarView(window)), cursor)
    }

    // MARK: - Searching

    private mutating func type(_ bytes: [UInt8]) {
        trail.append((matchIndex, failing))
        query += bytes
        // The current match may still match the longer query; otherwise look further back.
        if let current = matchIndex, Self.contains(entries[current], query) {
            failing = false
            return
        }
        findOlder(startingBelow: (matchIndex ?? entries.count - 1) + 1)
    }

    private mutating func erase() {
        guard !query.isEmpty else { return }
        // Drop the whole last character, not one byte of it.
        while let last = query.last, last & 0xC0 == 0x80 { query.removeLast() }
        if !query.isEmpty { query.removeLast() }
        if let previous = trail.popLast() {
            matchIndex = previous.match
            failing = previous.failing
        }
        if query.isEmpty { matchIndex = nil }
    }

    /// The newest entry older than `limit` that holds the query; keeps the old match when none.
    private mutating func findOlder(startingBelow limit: Int) {
        guard !query.isEmpty else { return }
        var index = min(limit, entries.count) - 1
        while index >= 0 {
            if Self.contains(entries[index], query) {
                matchIndex = index
                failing = false
                return
            }
            index -= 1
        }
        failing = true
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        firstOffset(of: needle, in: haystack) != nil
    }

    private static func firstOffset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return needle.isEmpty ? 0 : nil }
        var start = 0
        let last = haystack.count - needle.count
        while start <= last {
            if haystack[start] == first, haystack[start..<start + needle.count].elementsEqual(needle) { return start }
            start += 1
        }
        return nil
    }

    /// The match's position in characters (Unicode scalars), for the cursor.
    private static func scalarOffset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard let bytes = firstOffset(of: needle, in: haystack) else { return nil }
        return haystack[..<bytes].filter { $0 & 0xC0 != 0x80 }.count
    }

    private static func utf8Length(lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 1
        }
    }

    private static func printable(_ bytes: [UInt8]) -> String {
        printable(Array(String(decoding: bytes, as: UTF8.self).unicodeScalars))
    }

    private static func printable(_ scalars: [Unicode.Scalar]) -> String {
        var text = String.UnicodeScalarView()
        // C0, DEL and C1: the controls a terminal obeys (as TerminalBytes decides for views).
        for scalar in scalars {
            text.append(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? "?" : scalar)
        }
        return String(text)
    }
}
