/// How many columns text takes on a terminal: the one width rule of the shell (prompt, line editor,
/// Ctrl-R, lesson reflow, wire view folding, padded columns).
///
/// A scalar takes what glibc's `wcwidth` gives it in the C.UTF-8 locale, which is what libedit and
/// tmux place it by: 0 for combining marks (general category Mn, Me), format characters (Cf: ZWJ,
/// ZWNJ, U+200B, bidi marks), variation selectors and the Hangul conjoining vowels and final
/// consonants; 2 for East Asian Wide and Fullwidth; 1 for the rest. A grapheme cluster (`Character`)
/// takes the width of its widest scalar once, and 2 when it is an emoji shown as emoji (Emoji_Presentation,
/// or followed by VS16 U+FE0F): 👍🏽 and 👨‍👩‍👧 are 2 columns, e + U+0301 is 1.
///
/// Where the two counts differ, `wcwidth` adds scalar by scalar: 👨‍👩‍👧 is 6 columns to it (2 + 0 + 2
/// + 0 + 2) and ❤️ (U+2764 U+FE0F) is 1. `columnsByScalar` is that count, for what libedit draws and
/// moves its cursor by; `terminalColumns` is the cluster count, for text we lay out ourselves.
/// Known differences from `wcwidth` are listed (and checked) in TerminalColumnsLibcTests.
public enum TerminalColumns {
    /// East Asian Wide (W) and Fullwidth (F) code points, adjacent ranges merged, sorted: from
    /// EastAsianWidth.txt of Unicode 15.0.0 (https://www.unicode.org/Public/15.0.0/ucd/EastAsianWidth.txt,
    /// dated 2022-05-24). Unassigned code points of the CJK planes 2 and 3 are W there, as here.
    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55, 0x2E80...0x2E99,
        0x2E9B...0x2EF3, 0x2F00...0x2FD5, 0x2FF0...0x2FFB, 0x3000...0x303E, 0x3041...0x3096, 0x3099...0x30FF,
        0x3105...0x312F, 0x3131...0x318E, 0x3190...0x31E3, 0x31F0...0x321E, 0x3220...0x3247, 0x3250...0x4DBF,
        0x4E00...0xA48C, 0xA490...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
        0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B, 0xFF01...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
        0x16FF0...0x16FF1, 0x17000...0x187F7, 0x18800...0x18CD5, 0x18D00...0x18D08, 0x1AFF0...0x1AFF3,
        0x1AFF5...0x1AFFB, 0x1AFFD...0x1AFFE, 0x1B000...0x1B122, 0x1B132...0x1B132, 0x1B150...0x1B152,
        0x1B155...0x1B155, 0x1B164...0x1B167, 0x1B170...0x1B2FB, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF,
        0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,
        0x1F250...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C,
        0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4,
        0x1F3F8...0x1F43E, 0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E,
        0x1F550...0x1F567, 0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F,
        0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF,
        0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB, 0x1F7F0...0x1F7F0, 0x1F90C...0x1F93A,
        0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FA7C, 0x1FA80...0x1FA88, 0x1FA90...0x1FABD,
        0x1FABF...0x1FAC5, 0x1FACE...0x1FADB, 0x1FAE0...0x1FAE8, 0x1FAF0...0x1FAF8, 0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]

    /// Code points that are not W or F in EastAsianWidth.txt but that glibc's `wcwidth` makes 2
    /// (and so tmux and libedit): the circled numbers U+3248–324F (ambiguous, A) and the Yijing
    /// hexagram symbols U+4DC0–4DFF (neutral, N), which glibc counts with the ideographs around them.
    static let wideInGlibc: [ClosedRange<UInt32>] = [0x3248...0x324F, 0x4DC0...0x4DFF]

    /// Format characters (Cf) that are visible and take a column: the soft hyphen (glibc prints it)
    /// and the prepended concatenation marks (Arabic number signs and the like, Unicode's
    /// Prepended_Concatenation_Mark), which glibc also counts as 1.
    static let visibleFormat: Set<UInt32> = [
        0x00AD, 0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2,
        0x110BD, 0x110CD,
    ]

    /// Hangul Jamo medial vowels and final consonants (U+1160–11FF, and their Extended-B block
    /// U+D7B0–D7FF): they join the initial consonant before them into one syllable, which is the
    /// syllable's two columns.
    static let conjoiningJamo: [ClosedRange<UInt32>] = [0x1160...0x11FF, 0xD7B0...0xD7FF]

    /// Columns `scalar` takes on its own: 0, 1 or 2 (controls take 0: they are not text).
    public static func columns(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        // Latin, Greek and the rest below the first combining mark (U+0300): nearly every scalar
        // a shell sees, settled without a table.
        if value < 0x300 {
            return value < 0x20 || (0x7F...0x9F).contains(value) ? 0 : 1
        }
        // Hangul syllables, the bulk of Korean text, are all wide letters.
        if (0xAC00...0xD7A3).contains(value) { return 2 }
        if contains(conjoiningJamo, value) { return 0 }
        // Marks before the wide table: the kana voicing marks U+3099–309A and the ideographic
        // tone marks U+302A–302D sit inside wide ranges but combine, and wcwidth gives them 0.
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return 0
        case .format: return visibleFormat.contains(value) ? 1 : 0
        case .lineSeparator, .paragraphSeparator, .control: return 0
        default: return contains(wide, value) || contains(wideInGlibc, value) ? 2 : 1
        }
    }

    /// Columns a grapheme cluster takes: its widest scalar once; 2 for an emoji shown as one.
    public static func columns(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // One scalar (nearly all text): no emoji sequence to look at.
        if scalars.count == 1 { return columns(first) }
        if first.properties.isEmojiPresentation { return 2 }
        if first.properties.isEmoji, scalars.contains(emojiPresentationSelector) { return 2 }
        return scalars.reduce(0) { max($0, columns($1)) }
    }

    /// Where the cursor stands after `text` is drawn from the start of a row on a terminal `width`
    /// columns wide, scalar by scalar as libedit lays out its prompt and line: a character that does
    /// not fit in what is left of a row goes whole to the next one (libedit pads the row's end
    /// with spaces, as a terminal leaves it blank), and filling a row moves the cursor to the next.
    public static func cursorPosition(after text: some StringProtocol, width: Int) -> (row: Int, column: Int) {
        layout(text, width: width).cursor
    }

    /// `text` laid out as `cursorPosition` says: the rows as a terminal shows them (a zero-width
    /// scalar stays with the character before it) and where the cursor stands after them.
    public static func layout(
        _ text: some StringProtocol, width: Int
    ) -> (rows: [String], cursor: (row: Int, column: Int)) {
        let width = max(width, 1)
        var rows: [String] = []
        var row = String.UnicodeScalarView()
        var column = 0
        func nextRow() {
            rows.append(String(row))
            row = String.UnicodeScalarView()
            column = 0
        }
        for scalar in text.unicodeScalars {
            let columns = columns(scalar)
            if column + columns > width { nextRow() }
            row.append(scalar)
            column += columns
            if column >= width { nextRow() }
        }
        rows.append(String(row))
        return (rows, (rows.count - 1, column))
    }

    /// VS16: asks for the emoji (coloured, two-column) presentation of the character before it.
    static let emojiPresentationSelector: Unicode.Scalar = "\u{FE0F}"

    static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if value < ranges[middle].lowerBound {
                high = middle - 1
            } else if value > ranges[middle].upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}

extension StringProtocol {
    /// Columns the text takes on a terminal, grapheme cluster by grapheme cluster (TerminalColumns).
    public var terminalColumns: Int {
        // ASCII text (most of what the shell lays out) is one column a byte.
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return utf8.count }
        return reduce(0) { $0 + TerminalColumns.columns($1) }
    }

    /// Columns as `wcwidth` adds them, scalar by scalar: where libedit puts its cursor and where
    /// tmux wraps, which differs from `terminalColumns` only for emoji sequences (ZWJ, VS16).
    public var columnsByScalar: Int {
        unicodeScalars.reduce(0) { $0 + TerminalColumns.columns($1) }
    }
}
