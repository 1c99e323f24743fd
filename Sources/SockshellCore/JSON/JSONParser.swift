extension JSONValue {
    /// Parses one JSON text (RFC 8259): one value with optional whitespace around it.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(Array(bytes))
        return try parser.parseDocument()
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(text.utf8)
    }
}

/// A strict recursive-descent JSON reader over bytes.
struct JSONParser {
    /// Nesting beyond this is refused: each level is one recursive call, so a body of a million
    /// `[` would otherwise exhaust the thread's stack. Docker's deepest documents nest about ten
    /// levels; 512 is far beyond any real one and safe on a 512 KiB secondary-thread stack.
    static let maximumDepth = 512

    private let bytes: [UInt8]
    private let end: Int
    private var position: Int
    private var depth = 0

    init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        position = range?.lowerBound ?? 0
        end = range?.upperBound ?? bytes.count
    }

    /// True when only whitespace is left.
    mutating func isBlank() -> Bool {
        skipWhitespace()
        return position == end
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard position < end else {
            throw JSONParseError(.unexpectedEnd, at: position, "expected a JSON value, found nothing")
        }
        let value = try parseValue()
        skipWhitespace()
        if position < end {
            throw JSONParseError(
                .trailingContent, at: position, "unexpected \(describe(bytes[position])) after the JSON value")
        }
        return value
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard position < end else {
            throw JSONParseError(.unexpectedEnd, at: position, "the input ends where a value should be")
        }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case let byte:
            throw JSONParseError(
                .unexpectedByte, at: position,
                "expected a value (object, array, string, number, true, false or null), found \(describe(byte))")
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1  // {
        var members: [JSONMember] = []
        skipWhitespace()
        if position < end, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < end else {
                throw JSONParseError(.unexpectedEnd, at: position, "the input ends inside an object")
            }
            guard bytes[position] == UInt8(ascii: "\"") else {
                throw JSONParseError(
                    .unexpectedByte, at: position,
                    "expected a member name in double quotes, found \(describe(bytes[position]))")
            }
            let key = try parseString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after the member name \"\(key)\"")
            skipWhitespace()
            members.append(JSONMember(key: key, value: try parseValue()))
            skipWhitespace()
            guard position < end else {
                throw JSONParseError(.unexpectedEnd, at: position, "the input ends inside an object")
            }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "}"):
                position += 1
                depth -= 1
                return .object(members)
            case let byte:
                throw JSONParseError(
                    .unexpectedByte, at: position, "expected ',' or '}' after an object member, found \(describe(byte))"
                )
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < end, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard position < end else {
                throw JSONParseError(.unexpectedEnd, at: position, "the input ends inside an array")
            }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                return .array(elements)
            case let byte:
                throw JSONParseError(
                    .unexpectedByte, at: position, "expected ',' or ']' after an array element, found \(describe(byte))"
                )
            }
        }
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw JSONParseError(
                .tooDeep, at: position, "arrays and objects nest more than \(Self.maximumDepth) levels deep")
        }
    }

    /// Reads a string starting at its opening quote; escapes are decoded and UTF-8 is checked.
    private mutating func parseString() throws(JSONParseError) -> String {
        position += 1  // opening quote
        var text: [UInt8] = []
        while true {
            guard position < end else {
                throw JSONParseError(
                    .unexpectedEnd, at: position, "the input ends inside a string (a closing \" is missing)")
            }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                // Every byte was checked as UTF-8 on the way in, so decoding cannot substitute.
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &text)
            case 0x00..<0x20:
                throw JSONParseError(
                    .controlCharacterInString, at: position,
                    "control character \(describe(byte)) inside a string; write it as an escape such as \\n or \\u00XX")
            case 0x20..<0x80:
                text.append(byte)
                position += 1
            default:
                let length = try utf8SequenceLength(at: position)
                text.append(contentsOf: bytes[position..<position + length])
                position += length
            }
        }
    }

    private mutating func parseEscape(into text: inout [UInt8]) throws(JSONParseError) {
        let escapeStart = position
        position += 1  // backslash
        guard position < end else {
            throw JSONParseError(.unexpectedEnd, at: position, "the input ends inside an escape")
        }
        let letter = bytes[position]
        position += 1
        switch letter {
        case UInt8(ascii: "\""): text.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): text.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): text.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4(escapeStart: escapeStart)
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by \u and a low surrogate: together one scalar.
                guard position + 1 < end, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else {
                    throw JSONParseError(
                        .unpairedSurrogate, at: escapeStart,
                        """
                        \\u\(hex(scalar)) is a high surrogate without the low surrogate (\\uDC00-\\uDFFF) that must \
                        follow it
                        """
                    )
                }
                let lowStart = position
                position += 2
                let low = try readHex4(escapeStart: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONParseError(
                        .unpairedSurrogate, at: lowStart,
                        """
                        \\u\(hex(scalar)) is a high surrogate but \\u\(hex(low)) after it is not a low surrogate \
                        (\\uDC00-\\uDFFF)
                        """
                    )
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw JSONParseError(
                    .unpairedSurrogate, at: escapeStart,
                    "\\u\(hex(scalar)) is a low surrogate without the high surrogate that must come before it")
            }
            // Surrogates are excluded above, so the value is always a valid scalar.
            if let unicode = Unicode.Scalar(scalar) {
                UTF8.encode(unicode) { text.append($0) }
            }
        default:
            throw JSONParseError(
                .invalidEscape, at: escapeStart,
                "unknown escape \\\(describeBare(letter)); JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
        }
    }

    private mutating func readHex4(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard position < end else {
                throw JSONParseError(.unexpectedEnd, at: position, "the input ends inside a \\u escape")
            }
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                throw JSONParseError(
                    .invalidEscape, at: escapeStart, "\\u must be followed by four hex digits, found \(describe(byte))")
            }
            value = value * 16 + UInt32(digit)
            position += 1
        }
        return value
    }

    /// The length of the well-formed UTF-8 sequence at `start` (Unicode 15 table 3-7), or an error.
    private func utf8SequenceLength(at start: Int) throws(JSONParseError) -> Int {
        let lead = bytes[start]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF  // no overlong forms
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F  // no UTF-16 surrogates
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF  // no overlong forms
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F  // nothing above U+10FFFF
        default:
            throw JSONParseError(
                .invalidUTF8, at: start, "byte 0x\(hex(UInt32(lead), width: 2)) cannot start a UTF-8 character")
        }
        for index in 1..<length {
            let at = start + index
            guard at < end else {
                throw JSONParseError(.invalidUTF8, at: at, "the input ends inside a UTF-8 character")
            }
            let allowed = index == 1 ? secondRange : 0x80...0xBF
            guard allowed.contains(bytes[at]) else {
                throw JSONParseError(
                    .invalidUTF8, at: at,
                    """
                    byte 0x\(hex(UInt32(bytes[at]), width: 2)) is not a valid continuation of the UTF-8 character \
                    starting at byte \(start)
                    """
                )
            }
        }
        return length
    }

    /// Reads `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` and keeps its text.
    private mutating func parseNumber() throws(JSONParseError) -> String {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < end, isDigit(bytes[position]) else {
            throw numberError(start: start, "a digit must follow '-'")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < end, isDigit(bytes[position]) {
                throw numberError(start: start, "a number may not have a leading zero")
            }
        } else {
            skipDigits()
        }
        if position < end, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < end, isDigit(bytes[position]) else {
                throw numberError(start: start, "a digit must follow the decimal point")
            }
            skipDigits()
        }
        if position < end, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < end, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < end, isDigit(bytes[position]) else {
                throw numberError(start: start, "a digit must follow the exponent")
            }
            skipDigits()
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private func numberError(start: Int, _ reason: String) -> JSONParseError {
        JSONParseError(.invalidNumber, at: position, "bad number starting at byte \(start): \(reason)")
    }

    private mutating func skipDigits() {
        while position < end, isDigit(bytes[position]) { position += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func expectLiteral(_ word: String) throws(JSONParseError) {
        let start = position
        for byte in word.utf8 {
            guard position < end, bytes[position] == byte else {
                throw JSONParseError(.invalidLiteral, at: start, "expected \(word), found \(describeRun(from: start))")
            }
            position += 1
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONParseError) {
        guard position < end else {
            throw JSONParseError(.unexpectedEnd, at: position, "the input ends where \(what) should be")
        }
        guard bytes[position] == byte else {
            throw JSONParseError(.unexpectedByte, at: position, "expected \(what), found \(describe(bytes[position]))")
        }
        position += 1
    }

    private mutating func skipWhitespace() {
        while position < end {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// A byte for an error message: printable ASCII quoted, anything else in hex.
    private func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(hex(UInt32(byte), width: 2))"
    }

    private func describeBare(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte)
            ? String(Character(Unicode.Scalar(byte))) : "(byte 0x\(hex(UInt32(byte), width: 2)))"
    }

    /// Up to ten bytes from `start`, for a literal that went wrong: `expected true, found 'tru,'`.
    private func describeRun(from start: Int) -> String {
        let stop = min(end, start + 10)
        let run = bytes[start..<stop].prefix(while: {
            (0x21..<0x7F).contains($0) && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "]") && $0 != UInt8(ascii: "}")
        })
        return run.isEmpty ? "the end of the input" : "'\(String(decoding: run, as: UTF8.self))'"
    }

    private func hex(_ value: UInt32, width: Int = 4) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
