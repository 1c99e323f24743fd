/// Splits a command line into words as a POSIX shell would, without expanding anything.
///
/// Single quotes keep everything; double quotes honour `\"` `\\` `\$` `` \` `` and backslash-newline;
/// a backslash outside quotes escapes the next character; backslash-newline joins lines (so a pasted
/// multi-line curl command is one command); `$'...'` is bash's ANSI-C quoting. `$NAME` stays as
/// typed: sockshell variables are interpolated elsewhere. Words are bytes because `$'\xff'` can
/// make bytes that are not UTF-8.
public enum ShellWords {
    /// One piece of a command line.
    public enum Token: Sendable, Equatable {
        case word([UInt8])
        /// An unquoted control operator (`&`, `|`, `;`, `<`, `>`, `(`, `)`, runs of them such as
        /// `&&`), or `"\n"` for a line break that is not escaped.
        case control(String)
    }

    /// The words and operators of `text`, in order.
    public static func tokens(_ text: String) throws(CommandSyntaxError) -> [Token] {
        var reader = Reader(Array(text.utf8))
        return try reader.readAll()
    }

    /// The words of `text` as strings; any unquoted operator or line break is an error.
    public static func split(_ text: String) throws(CommandSyntaxError) -> [String] {
        var words: [String] = []
        for token in try tokens(text) {
            switch token {
            case .word(let bytes):
                words.append(String(decoding: bytes, as: UTF8.self))
            case .control("\n"):
                continue
            case .control(let op):
                throw CommandSyntaxError("unquoted '\(op)' in the command: quote it ('\(op)') if it is part of a word")
            }
        }
        return words
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        static let space = UInt8(ascii: " ")
        static let tab = UInt8(ascii: "\t")
        static let newline = UInt8(ascii: "\n")
        static let carriageReturn = UInt8(ascii: "\r")
        static let backslash = UInt8(ascii: "\\")
        static let singleQuote = UInt8(ascii: "'")
        static let doubleQuote = UInt8(ascii: "\"")
        static let dollar = UInt8(ascii: "$")
        static let hash = UInt8(ascii: "#")
        static let operators = Array("&|;<>()".utf8)

        func peek(_ offset: Int = 0) -> UInt8? {
            position + offset < bytes.count ? bytes[position + offset] : nil
        }

        /// Backslash-newline (or backslash-CR-LF, as pasted from Windows) is a line continuation.
        func continuationLength() -> Int? {
            guard peek() == Self.backslash else { return nil }
            if peek(1) == Self.newline { return 2 }
            if peek(1) == Self.carriageReturn, peek(2) == Self.newline { return 3 }
            return nil
        }

        mutating func readAll() throws(CommandSyntaxError) -> [Token] {
            var tokens: [Token] = []
            while true {
                skipBlanks()
                guard let byte = peek() else { break }
                if byte == Self.newline {
                    position += 1
                    tokens.append(.control("\n"))
                } else if byte == Self.carriageReturn, peek(1) == Self.newline {
                    position += 2
                    tokens.append(.control("\n"))
                } else if byte == Self.hash {
                    // A comment runs to the end of the line.
                    while let next = peek(), next != Self.newline { position += 1 }
                } else if Self.operators.contains(byte) {
                    var op: [UInt8] = []
                    while let next = peek(), Self.operators.contains(next) {
                        op.append(next)
                        position += 1
                    }
                    tokens.append(.control(String(decoding: op, as: UTF8.self)))
                } else {
                    tokens.append(.word(try readWord()))
                }
            }
            return tokens
        }

        mutating func skipBlanks() {
            while true {
                if let length = continuationLength() {
                    position += length
                } else if let byte = peek(), byte == Self.space || byte == Self.tab
                    || (byte == Self.carriageReturn && peek(1) != Self.newline)
                {
                    position += 1
                } else {
                    return
                }
            }
        }

        mutating func readWord() throws(CommandSyntaxError) -> [UInt8] {
            var word: [UInt8] = []
            while let byte = peek() {
                if let length = continuationLength() {
                    position += length
                    continue
                }
                if byte == Self.space || byte == Self.tab || byte == Self.newline || byte == Self.carriageReturn
                    || Self.operators.contains(byte)
                {
                    break
                }
                position += 1
                switch byte {
                case Self.singleQuote:
                    guard let close = bytes[position...].firstIndex(of: Self.singleQuote) else {
                        throw CommandSyntaxError("unclosed single quote: add the closing ' at the end of the quoted text")
                    }
                    word += bytes[position..<close]
                    position = close + 1
                case Self.doubleQuote:
                    try readDoubleQuoted(into: &word)
                case Self.backslash:
                    if let next = peek() {
                        word.append(next)
                        position += 1
                    }
                case Self.dollar where peek() == Self.singleQuote:
                    position += 1
                    try readANSIC(into: &word)
                case Self.dollar where peek() == Self.doubleQuote:
                    // $"..." is a translatable string; without a catalogue it is a double-quoted one.
                    position += 1
                    try readDoubleQuoted(into: &word)
                default:
                    word.append(byte)
                }
            }
            return word
        }

        mutating func readDoubleQuoted(into word: inout [UInt8]) throws(CommandSyntaxError) {
            while let byte = peek() {
                position += 1
                if byte == Self.doubleQuote { return }
                if byte == Self.backslash, let next = peek() {
                    if next == Self.newline {
                        position += 1
                        continue
                    }
                    if next == Self.doubleQuote || next == Self.backslash || next == Self.dollar || next == UInt8(ascii: "`") {
                        word.append(next)
                        position += 1
                        continue
                    }
                }
                word.append(byte)
            }
            throw CommandSyntaxError("unclosed double quote: add the closing \" at the end of the quoted text")
        }

        /// bash's `$'...'`: C escapes, including `\xHH`, octal `\nnn`, `\uHHHH` and `\cX`.
        mutating func readANSIC(into word: inout [UInt8]) throws(CommandSyntaxError) {
            while let byte = peek() {
                position += 1
                if byte == Self.singleQuote { return }
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
                    let value = readDigits(radix: 16, max: 2)
                    guard let value else {
                        throw CommandSyntaxError("bad \\x escape in $'...': write one or two hex digits, as in \\x1b")
                    }
                    word.append(UInt8(truncatingIfNeeded: value))
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let value = readDigits(radix: 16, max: escape == UInt8(ascii: "u") ? 4 : 8)
                    guard let value, let scalar = Unicode.Scalar(UInt32(value)) else {
                        throw CommandSyntaxError("bad \\u escape in $'...': write a Unicode code point in hex, as in \\u00e9")
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
            throw CommandSyntaxError("unclosed $'...' quote: add the closing ' at the end of the quoted text")
        }

        mutating func readDigits(radix: Int, max: Int) -> Int? {
            var value = 0
            var count = 0
            while count < max, let byte = peek(), let digit = Self.digit(byte), digit < radix {
                value = value * radix + digit
                count += 1
                position += 1
            }
            return count == 0 ? nil : value
        }

        static func digit(_ byte: UInt8) -> Int? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A")) + 10
            default: return nil
            }
        }
    }
}
