/// Reads the query syntax described on `JSONQuery` into steps:
///
///     query    = term { "|" term }
///     term     = primary { suffix }
///     primary  = "." [ name | string | bracket ] | "length" | "keys" | "type"
///     suffix   = "." ( name | string | bracket ) | bracket
///     bracket  = "[" ( "]" | string "]" | int "]" | [int] ":" [int] "]" )
///     name     = (letter | "_") { letter | digit | "_" }
///
/// Whitespace may surround `|` and fill brackets; columns in errors are 1-based Unicode scalars.
struct JSONQueryParser {
    /// The query without surrounding whitespace; messages quote it and columns count in it.
    let text: String
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ text: String) {
        let all = Array(text.unicodeScalars)
        let first = all.firstIndex(where: { !Self.isSpace($0) }) ?? all.count
        let last = all.lastIndex(where: { !Self.isSpace($0) }).map { $0 + 1 } ?? first
        scalars = Array(all[first..<last])
        var trimmed = ""
        trimmed.unicodeScalars.append(contentsOf: scalars)
        self.text = trimmed
    }

    mutating func parse() throws(JSONQueryError) -> [JSONQueryStep] {
        guard !scalars.isEmpty else {
            throw JSONQueryError(
                .syntax, "the query is empty; write . for the whole value or a path such as .Id", column: 1)
        }
        var steps: [JSONQueryStep] = []
        try parseTerm(into: &steps)
        while true {
            skipSpaces()
            guard let scalar = peek() else { break }
            guard scalar == "|" else { throw unexpected() }
            position += 1
            skipSpaces()
            guard peek() != nil else {
                throw unexpected(hint: "a query such as length must follow '|'")
            }
            try parseTerm(into: &steps)
        }
        return steps
    }

    private mutating func parseTerm(into steps: inout [JSONQueryStep]) throws(JSONQueryError) {
        let termStart = position
        guard let first = peek() else { throw unexpected() }
        if first == "." {
            position += 1
            switch peek() {
            case let scalar? where Self.isNameStart(scalar):
                steps.append(step(.field(readName()), at: termStart))
            case "\""?:
                steps.append(step(.field(try readString()), at: termStart))
            case "["?:
                try parseBracket(into: &steps, stepStart: termStart)
            case let scalar? where Self.isDigit(scalar):
                throw JSONQueryError(
                    .syntax,
                    """
                    a field name cannot start with a digit at column \(position + 1) in \(text); write .[N] for an \
                    array element
                    """,
                    column: position + 1)
            case "."?:
                throw unexpected(hint: "recursive descent (..) is not supported")
            default:
                break  // `.` alone: the value itself, no step.
            }
        } else if Self.isNameStart(first) {
            let name = readName()
            switch name {
            case "length": steps.append(step(.length, at: termStart))
            case "keys": steps.append(step(.keys, at: termStart))
            case "type": steps.append(step(.type, at: termStart))
            default:
                let advice =
                    NearestWord.find(name, among: JSONQuery.functionNames).map { "did you mean \($0)?" }
                    ?? "for a field write .\(name) (the functions are length, keys and type)"
                throw JSONQueryError(
                    .syntax, "unknown function \(name) at column \(termStart + 1) in \(text); \(advice)",
                    column: termStart + 1)
            }
        } else {
            throw unexpected(hint: "a query starts with . as in .Id, or is length, keys or type")
        }
        try parseSuffixes(into: &steps)
    }

    private mutating func parseSuffixes(into steps: inout [JSONQueryStep]) throws(JSONQueryError) {
        while let scalar = peek() {
            let stepStart = position
            if scalar == "." {
                position += 1
                switch peek() {
                case let next? where Self.isNameStart(next):
                    steps.append(step(.field(readName()), at: stepStart))
                case "\""?:
                    steps.append(step(.field(try readString()), at: stepStart))
                case "["?:
                    try parseBracket(into: &steps, stepStart: stepStart)
                case let next? where Self.isDigit(next):
                    throw JSONQueryError(
                        .syntax,
                        """
                        a field name cannot start with a digit at column \(position + 1) in \(text); write [N] for an \
                        array element
                        """,
                        column: position + 1)
                default:
                    throw unexpected(hint: "a field name must follow '.'")
                }
            } else if scalar == "[" {
                try parseBracket(into: &steps, stepStart: stepStart)
            } else {
                return
            }
        }
    }

    /// `[]`, `["name"]`, `[N]` or `[N:M]`, with `position` on the `[`. The step's input path is
    /// the text before `stepStart`, so `.[0]` reports its input as `.`.
    private mutating func parseBracket(into steps: inout [JSONQueryStep], stepStart: Int) throws(JSONQueryError) {
        position += 1  // [
        skipSpaces()
        let operation: JSONQueryStep.Operation
        switch peek() {
        case "]"?:
            operation = .iterate
        case "\""?:
            operation = .field(try readString())
        case let scalar? where scalar == "-" || scalar == ":" || Self.isDigit(scalar):
            let from = try readInteger()
            skipSpaces()
            if peek() == ":" {
                position += 1
                skipSpaces()
                let to = try readInteger()
                operation = .slice(from: from, to: to)
            } else if let from {
                operation = .index(from)
            } else {
                throw unexpected()
            }
        default:
            throw unexpected(hint: "expected ], a number or a \"quoted name\" inside [ ]")
        }
        skipSpaces()
        guard peek() == "]" else { throw unexpected(hint: "expected ']'") }
        position += 1
        steps.append(step(operation, at: stepStart))
    }

    /// An optional `-?digits`; nil when no digit is here.
    private mutating func readInteger() throws(JSONQueryError) -> Int? {
        let start = position
        var negative = false
        if peek() == "-" {
            negative = true
            position += 1
        }
        var digits = ""
        while let scalar = peek(), Self.isDigit(scalar) {
            digits.unicodeScalars.append(scalar)
            position += 1
        }
        if digits.isEmpty {
            if negative { throw unexpected(hint: "a digit must follow '-'") }
            return nil
        }
        guard let value = Int(digits) else {
            throw JSONQueryError(
                .syntax, "the number \(negative ? "-" : "")\(digits) at column \(start + 1) is too large in \(text)",
                column: start + 1)
        }
        return negative ? -value : value
    }

    private mutating func readName() -> String {
        var name = ""
        while let scalar = peek(), Self.isNameStart(scalar) || Self.isDigit(scalar) {
            name.unicodeScalars.append(scalar)
            position += 1
        }
        return name
    }

    /// A JSON string literal starting at `position`, decoded (escapes as in JSON).
    private mutating func readString() throws(JSONQueryError) -> String {
        let start = position
        var index = position + 1
        var escaped = false
        while index < scalars.count {
            let scalar = scalars[index]
            if escaped {
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == "\"" {
                break
            }
            index += 1
        }
        guard index < scalars.count else {
            throw JSONQueryError(
                .syntax, "the string starting at column \(start + 1) has no closing \" in \(text)", column: start + 1)
        }
        var literal = ""
        literal.unicodeScalars.append(contentsOf: scalars[start...index])
        let value: JSONValue
        do {
            value = try JSONValue.parse(literal)
        } catch {
            throw JSONQueryError(
                .syntax, "bad string at column \(start + 1) in \(text): \(error.problem)", column: start + 1)
        }
        position = index + 1
        return value.stringValue ?? ""
    }

    private func step(_ operation: JSONQueryStep.Operation, at start: Int) -> JSONQueryStep {
        JSONQueryStep(operation: operation, inputPath: inputPath(before: start))
    }

    /// The query text before `start`, trimmed and without a trailing `|`; `.` when nothing.
    private func inputPath(before start: Int) -> String {
        var prefix = scalars[..<start]
        while let last = prefix.last, Self.isSpace(last) || last == "|" {
            prefix = prefix.dropLast()
        }
        if prefix.isEmpty { return "." }
        var path = ""
        path.unicodeScalars.append(contentsOf: prefix)
        return path
    }

    private func peek() -> Unicode.Scalar? {
        position < scalars.count ? scalars[position] : nil
    }

    private mutating func skipSpaces() {
        while let scalar = peek(), Self.isSpace(scalar) { position += 1 }
    }

    private func unexpected(hint: String? = nil) -> JSONQueryError {
        let column = position + 1
        let found: String
        if let scalar = peek() {
            found = "'\(Character(scalar))'"
        } else {
            found = "end of the query"
        }
        let tail = hint.map { "; \($0)" } ?? ""
        return JSONQueryError(.syntax, "unexpected \(found) at column \(column) in \(text)\(tail)", column: column)
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isNameStart(first) else { return false }
        return name.unicodeScalars.allSatisfy { isNameStart($0) || isDigit($0) }
    }

    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }
}
