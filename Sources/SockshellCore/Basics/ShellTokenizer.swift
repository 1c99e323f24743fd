/// One word or operator of a shell-quoted line, with where it was typed.
public struct ShellToken: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case word
        /// An unquoted control operator (`&`, `|`, `;`, `<`, `>`, `(`, `)`, runs of them such as `&&`), or
        /// `"\n"` for a line break that is not escaped. Only in the `.posixShell` dialect.
        case control(String)
    }

    /// A quote the input ended inside of.
    public enum Quote: Sendable, Equatable {
        case single
        case double
        /// bash's `$'...'`.
        case ansiC
    }

    public var kind: Kind
    /// UTF-8 offsets of the token as typed, quotes and escapes included.
    public var range: Range<Int>
    /// The word with quotes and escapes removed (for a control token, the operator).
    public var value: [UInt8]
    /// True when some part of the word was quoted or backslash-escaped.
    public var isQuoted: Bool
    /// The quote still open where the input ended (a word still being typed); nil for a finished word.
    public var unclosedQuote: Quote?

    public init(kind: Kind, range: Range<Int>, value: [UInt8], isQuoted: Bool = false, unclosedQuote: Quote? = nil) {
        self.kind = kind
        self.range = range
        self.value = value
        self.isQuoted = isQuoted
        self.unclosedQuote = unclosedQuote
    }
}

/// The one shell-words tokenizer: 'single' quotes keep everything, "double" quotes honour `\"` `\\` `\$`
/// `` \` `` (a backslash before anything else stays), and a backslash outside quotes escapes the next byte.
/// Nothing is expanded: `$NAME` stays as typed, sockshell variables are interpolated elsewhere.
///
/// The command line (`WordScanner`), pasted curl commands (`ShellWords`) and completion (`LineWords`) are
/// views over it, so a word means the same to the parser as to Tab. An unclosed quote is not an error
/// here but a token flag: the parser refuses it, completion completes inside it.
public struct ShellTokenizer: Sendable {
    /// Which shell syntax beyond quoting is read.
    public enum Dialect: Sendable, Equatable {
        /// sockshell's own lines: blanks are spaces and tabs, and every other byte (`&`, `|`, `#`, a line
        /// break) is part of a word, so `-H X:a&b` is one header and a JSON body is left alone.
        case commandLine
        /// A pasted POSIX shell command: also control operators, line breaks as tokens, `#` comments,
        /// backslash-newline continuations (CR LF too, as pasted from Windows), bash's `$'...'` (C escapes,
        /// so words are bytes: `$'\xff'` is not UTF-8) and `$"..."` (a double-quoted string).
        case posixShell
    }

    public let dialect: Dialect
    private let bytes: [UInt8]
    /// The UTF-8 offset of the next byte to read.
    public private(set) var position = 0

    public init(_ text: String, dialect: Dialect) {
        self.init(bytes: Array(text.utf8), dialect: dialect)
    }

    public init(bytes: some Sequence<UInt8>, dialect: Dialect) {
        self.bytes = Array(bytes)
        self.dialect = dialect
    }

    /// Every token of `text`, in order.
    public static func tokens(_ text: String, dialect: Dialect) throws(CommandSyntaxError) -> [ShellToken] {
        var tokenizer = ShellTokenizer(text, dialect: dialect)
        var tokens: [ShellToken] = []
        while let token = try tokenizer.next() { tokens.append(token) }
        return tokens
    }

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let backslash = UInt8(ascii: "\\")
    private static let singleQuote = UInt8(ascii: "'")
    private static let doubleQuote = UInt8(ascii: "\"")
    private static let dollar = UInt8(ascii: "$")
    private static let backquote = UInt8(ascii: "`")
    private static let hash = UInt8(ascii: "#")
    private static let operators = Array("&|;<>()".utf8)

    /// The byte `offset` past the position, nil past the end.
    public func peek(_ offset: Int = 0) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    /// Everything not read yet, exactly as typed.
    public var rest: ArraySlice<UInt8> { bytes[min(position, bytes.count)...] }

    /// Skips blanks (and, in `.posixShell`, line continuations and lone carriage returns).
    public mutating func skipBlanks() {
        while true {
            if let length = continuationLength() {
                position += length
            } else if let byte = peek(),
                byte == Self.space || byte == Self.tab
                    || (dialect == .posixShell && byte == Self.carriageReturn && peek(1) != Self.newline)
            {
                position += 1
            } else {
                return
            }
        }
    }

    /// The next run of non-blank bytes as typed, quotes and all (a command word, a request target).
    public mutating func nextBareWord() -> ShellToken? {
        skipBlanks()
        let start = position
        while let byte = peek(), byte != Self.space, byte != Self.tab { position += 1 }
        guard position > start else { return nil }
        return ShellToken(kind: .word, range: start..<position, value: Array(bytes[start..<position]))
    }

    /// The next word or operator, nil at the end. Throws only for a malformed `$'...'` escape.
    public mutating func next() throws(CommandSyntaxError) -> ShellToken? {
        while true {
            skipBlanks()
            guard let byte = peek() else { return nil }
            let start = position
            guard dialect == .posixShell else { return try readWord() }
            if byte == Self.newline || (byte == Self.carriageReturn && peek(1) == Self.newline) {
                position += byte == Self.newline ? 1 : 2
                return ShellToken(kind: .control("\n"), range: start..<position, value: [Self.newline])
            } else if byte == Self.hash {
                // A comment runs to the end of the line.
                while let next = peek(), next != Self.newline { position += 1 }
            } else if Self.operators.contains(byte) {
                while let next = peek(), Self.operators.contains(next) { position += 1 }
                let op = Array(bytes[start..<position])
                let kind = ShellToken.Kind.control(String(decoding: op, as: UTF8.self))
                return ShellToken(kind: kind, range: start..<position, value: op)
            } else {
                return try readWord()
            }
        }
    }

    /// Backslash-newline (or backslash-CR-LF) is a line continuation in `.posixShell`.
    private func continuationLength() -> Int? {
        guard dialect == .posixShell, peek() == Self.backslash else { return nil }
        if peek(1) == Self.newline { return 2 }
        if peek(1) == Self.carriageReturn, peek(2) == Self.newline { return 3 }
        return nil
    }

    private func endsWord(_ byte: UInt8) -> Bool {
        if byte == Self.space || byte == Self.tab { return true }
        guard dialect == .posixShell else { return false }
        return byte == Self.newline || byte == Self.carriageReturn || Self.operators.contains(byte)
    }

    private mutating func readWord() throws(CommandSyntaxError) -> ShellToken {
        let start = position
        var token = ShellToken(kind: .word, range: start..<start, value: [])
        while let byte = peek() {
            if let length = continuationLength() {
                position += length
                continue
            }
            if endsWord(byte) { break }
            position += 1
            switch byte {
            case Self.singleQuote:
                token.isQuoted = true
                guard let close = bytes[position...].firstIndex(of: Self.singleQuote) else {
                    token.value += bytes[position...]
                    position = bytes.count
                    token.unclosedQuote = .single
                    token.range = start..<position
                    return token
                }
                token.value += bytes[position..<close]
                position = close + 1
            case Self.doubleQuote:
                token.isQuoted = true
                if !readDoubleQuoted(into: &token.value) {
                    token.unclosedQuote = .double
                    token.range = start..<position
                    return token
                }
            case Self.backslash:
                token.isQuoted = true
                if let next = peek() {
                    token.value.append(next)
                    position += 1
                }
            case Self.dollar where dialect == .posixShell && peek() == Self.singleQuote:
                token.isQuoted = true
                position += 1
                if try !readANSIC(into: &token.value) {
                    token.unclosedQuote = .ansiC
                    token.range = start..<position
                    return token
                }
            case Self.dollar where dialect == .posixShell && peek() == Self.doubleQuote:
                // $"..." is a translatable string; without a catalogue it is a double-quoted one.
                token.isQuoted = true
                position += 1
                if !readDoubleQuoted(into: &token.value) {
                    token.unclosedQuote = .double
                    token.range = start..<position
                    return token
                }
            default:
                token.value.append(byte)
            }
        }
        token.range = start..<position
        return token
    }

    /// Reads up to and past the closing `"`; false when the input ends first.
    private mutating func readDoubleQuoted(into word: inout [UInt8]) -> Bool {
        while let byte = peek() {
            position += 1
            if byte == Self.doubleQuote { return true }
            if byte == Self.backslash, let next = peek() {
                if dialect == .posixShell && next == Self.newline {
                    position += 1
                    continue
                }
                if next == Self.doubleQuote || next == Self.backslash || next == Self.dollar || next == Self.backquote {
                    word.append(next)
                    position += 1
                    continue
                }
            }
            word.append(byte)
        }
        return false
    }

    /// bash's `$'...'`: C escapes, including `\xHH`, octal `\nnn`, `\uHHHH` and `\cX`. False when the
    /// input ends before the closing `'`.
    private mutating func readANSIC(into word: inout [UInt8]) throws(CommandSyntaxError) -> Bool {
        while let byte = peek() {
            position += 1
            if byte == Self.singleQuote { return true }
            guard byte == Self.backslash, let escape = peek() else {
                word.append(byte)
                continue
            }
            position += 1
            switch escape {
            case UInt8(ascii: "a"): word.append(0x07)
            case UInt8(ascii: "b"): word.append(0x08)
            case UInt8(ascii: "e"), UInt8(ascii: "E"): word.append(0x1B)
            case UInt8(ascii: "f"): word.append(0x0C)
            case UInt8(ascii: "n"): word.append(0x0A)
            case UInt8(ascii: "r"): word.append(0x0D)
            case UInt8(ascii: "t"): word.append(0x09)
            case UInt8(ascii: "v"): word.append(0x0B)
            case UInt8(ascii: "x"):
                guard let value = readDigits(radix: 16, max: 2) else {
                    throw CommandSyntaxError("bad \\x escape in $'...': write one or two hex digits, as in \\x1b")
                }
                word.append(UInt8(truncatingIfNeeded: value))
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let value = readDigits(radix: 16, max: escape == UInt8(ascii: "u") ? 4 : 8)
                guard let value, let scalar = Unicode.Scalar(UInt32(value)) else {
                    throw CommandSyntaxError(
                        "bad \\u escape in $'...': write a Unicode code point in hex, as in \\u00e9")
                }
                word += Array(String(Character(scalar)).utf8)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                position -= 1
                let value = readDigits(radix: 8, max: 3) ?? 0
                word.append(UInt8(truncatingIfNeeded: value))
            case UInt8(ascii: "c"):
                guard let control = peek() else {
                    throw CommandSyntaxError("\\c in $'...' needs a letter after it, as in \\cA")
                }
                position += 1
                word.append(control & 0x1F)
            default:
                // \\ \' \" \? are the character itself; bash keeps an unknown escape as typed.
                if [Self.backslash, Self.singleQuote, Self.doubleQuote, UInt8(ascii: "?")].contains(escape) {
                    word.append(escape)
                } else {
                    word += [Self.backslash, escape]
                }
            }
        }
        return false
    }

    private mutating func readDigits(radix: Int, max: Int) -> Int? {
        var value = 0
        var count = 0
        while count < max, let byte = peek(), let digit = Hex.value(of: byte).map(Int.init), digit < radix {
            value = value * radix + digit
            count += 1
            position += 1
        }
        return count == 0 ? nil : value
    }
}
