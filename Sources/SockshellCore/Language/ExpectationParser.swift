/// Reading the `expect` language (see `Expectation`) into values; every mistake is a
/// `CommandSyntaxError` that names the problem and the fix.
extension Expectation {
    /// Reads the text after the word `expect`.
    public static func parse(_ text: String) throws(CommandSyntaxError) -> Expectation {
        let trimmed = trim(text)
        let (word, rest) = splitFirstWord(trimmed)
        switch word {
        case "":
            throw CommandSyntaxError("expect needs something to check: \(forms)")
        case "status":
            return .status(try StatusPattern(parsing: rest))
        case "header":
            return try parseHeader(rest)
        case "event":
            return try parseEvent(rest)
        case "tapped":
            return try parseTapped(rest)
        case "output":
            return try parseOutput(rest)
        default:
            return try parseQuery(trimmed, firstWord: word)
        }
    }

    private static let forms =
        """
        status CODE, header NAME [= VALUE], event TYPE ACTION within SECONDS, tapped METHOD ROUTE [STATUS], output \
        /REGEX/ [within SECONDS], or a query \
        such as .Id followed by == JSON, != JSON, contains VALUE, matches /REGEX/ or exists
        """

    private static func parseTapped(_ rest: String) throws(CommandSyntaxError) -> Expectation {
        let words = rest.split(separator: " ").map(String.init)
        guard words.count == 2 || words.count == 3, HTTPToken.isToken(words[0]), words[1].hasPrefix("/") else {
            throw CommandSyntaxError(
                """
                expect tapped needs a method, a route and maybe a status, e.g. expect tapped POST \
                /containers/{id}/start 204
                """
            )
        }
        let status = words.count == 3 ? try StatusPattern(parsing: words[2]) : nil
        return .tapped(method: words[0], route: words[1], status: status)
    }

    /// How long `expect output` waits when it does not say.
    static let defaultOutputTimeout = 5.0

    private static func parseOutput(_ rest: String) throws(CommandSyntaxError) -> Expectation {
        let example = "e.g. expect output /hi-[0-9]+/ within 5s"
        guard rest.hasPrefix("/"), let close = rest.dropFirst().lastIndex(of: "/") else {
            throw CommandSyntaxError("expect output needs a /REGEX/ for the live session's output, \(example)")
        }
        let pattern = String(rest[rest.index(after: rest.startIndex)..<close])
        let regex: ExpectedRegex
        do {
            regex = try ExpectedRegex(pattern)
        } catch {
            throw CommandSyntaxError("/\(pattern)/ is not a regular expression: \(error)")
        }
        let after = rest[rest.index(after: close)...].split(separator: " ").map(String.init)
        if after.isEmpty { return .output(regex, within: defaultOutputTimeout) }
        guard after.count == 2, after[0] == "within", let seconds = parseDuration(after[1]) else {
            throw CommandSyntaxError(
                "after expect output /\(pattern)/ only within SECONDS may follow, \(example)")
        }
        return .output(regex, within: seconds)
    }

    private static func parseHeader(_ rest: String) throws(CommandSyntaxError) -> Expectation {
        guard !rest.isEmpty else {
            throw CommandSyntaxError(
                """
                expect header needs a header name, e.g. expect header Location or expect header Content-Type = \
                application/json
                """
            )
        }
        let name = String(rest.prefix(while: { $0.isASCII && $0.utf8.allSatisfy(HTTPToken.isTokenByte) }))
        let after = trim(String(rest.dropFirst(name.count)))
        guard !name.isEmpty, after.isEmpty || after.hasPrefix("=") || after.hasPrefix(":") else {
            let word = splitFirstWord(rest).word
            throw CommandSyntaxError(
                "bad header name '\(word)' in expect header: a header name is a token with no spaces, e.g. Content-Type"
            )
        }
        if after.isEmpty { return .headerPresent(name) }
        let value = unquote(trim(String(after.dropFirst())))
        guard let value else {
            throw CommandSyntaxError(
                "expect header \(name) needs a value after '\(after.first!)' (write \"\" for an empty value)")
        }
        return .headerEquals(name, value)
    }

    /// A value with one pair of matching quotes removed; nil when nothing is left to compare.
    private static func unquote(_ value: String) -> String? {
        if value.isEmpty { return nil }
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
            return String(value.dropFirst().dropLast())
        }
        return value
    }

    private static func parseEvent(_ rest: String) throws(CommandSyntaxError) -> Expectation {
        let words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.count >= 2 else {
            throw CommandSyntaxError(
                "expect event needs a type and an action, e.g. expect event container start within 5s")
        }
        var within = defaultEventTimeout
        if words.count > 2 {
            guard words[2] == "within" else {
                throw CommandSyntaxError(
                    """
                    unexpected '\(words[2])' in expect event: after the type and action only within SECONDS may \
                    follow, e.g. within 5s
                    """
                )
            }
            guard words.count >= 4 else {
                throw CommandSyntaxError("within needs a time, e.g. expect event \(words[0]) \(words[1]) within 5s")
            }
            guard words.count == 4 else {
                throw CommandSyntaxError("unexpected '\(words[4])' after within \(words[3]) in expect event")
            }
            guard let seconds = parseDuration(words[3]) else {
                throw CommandSyntaxError(
                    "'\(words[3])' is not a time: write seconds such as 5s, 1.5s or 5, or milliseconds such as 500ms")
            }
            within = seconds
        }
        return .event(type: words[0], action: words[1], within: within)
    }

    /// `5`, `5s`, `1.5s`, `500ms` or `2m`, in seconds; nil unless positive and finite.
    private static func parseDuration(_ text: String) -> Double? {
        var number = Substring(text)
        var scale = 1.0
        if number.hasSuffix("ms") {
            number = number.dropLast(2)
            scale = 0.001
        } else if number.hasSuffix("s") {
            number = number.dropLast()
        } else if number.hasSuffix("m") {
            number = number.dropLast()
            scale = 60
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(number), value > 0, value.isFinite
        else { return nil }
        return value * scale
    }

    private enum Operator: String, CaseIterable {
        case equals = "=="
        case notEquals = "!="
        case contains
        case matches
        case exists
    }

    private static func parseQuery(_ text: String, firstWord: String) throws(CommandSyntaxError) -> Expectation {
        guard let (operatorFound, left, right) = findOperator(in: text) else {
            if !text.hasPrefix("."), !JSONQuery.functionNames.contains(firstWord) {
                let suggestion =
                    NearestWord.find(
                        firstWord, among: ["status", "header", "event", "tapped", "output"] + JSONQuery.functionNames
                    ).map {
                        " (did you mean \($0)?)"
                    } ?? ""
                throw CommandSyntaxError("unknown check '\(firstWord)' after expect\(suggestion): write \(forms)")
            }
            throw CommandSyntaxError(
                """
                expect \(text) needs a check after the query: == JSON, != JSON, contains VALUE, matches /REGEX/ or \
                exists, e.g. expect .State.Running == true
                """
            )
        }
        guard !left.isEmpty else {
            throw CommandSyntaxError(
                "expect needs a query before \(operatorFound.rawValue), e.g. expect .State.Running == true")
        }
        let query: JSONQuery
        do {
            query = try JSONQuery(parsing: left)
        } catch {
            throw CommandSyntaxError(error.message)
        }
        switch operatorFound {
        case .equals, .notEquals:
            let value = try parseJSONOperand(right, after: operatorFound.rawValue)
            return .query(query, operatorFound == .equals ? .equals(value) : .notEquals(value))
        case .contains:
            guard !right.isEmpty else {
                throw CommandSyntaxError(
                    """
                    contains needs a value after it: JSON such as \"busybox\" or [\"/web\"], or a bare word, e.g. \
                    expect .Image contains busybox
                    """
                )
            }
            if let value = try? JSONValue.parse(right) { return .query(query, .contains(value)) }
            if let first = right.unicodeScalars.first, "{[\"".unicodeScalars.contains(first) {
                // Meant as JSON but broken: say so rather than search for the broken text.
                _ = try parseJSONOperand(right, after: "contains")
            }
            return .query(query, .contains(.string(right)))
        case .matches:
            guard right.count >= 2, right.hasPrefix("/"), right.hasSuffix("/") else {
                throw CommandSyntaxError(
                    "matches needs a regular expression between slashes, e.g. expect .Id matches /^[0-9a-f]{64}$/")
            }
            let pattern = String(right.dropFirst().dropLast())
            guard !pattern.isEmpty else {
                throw CommandSyntaxError(
                    """
                    the regular expression after matches is empty: write one between the slashes, e.g. /^[0-9a-f]{64}$/
                    """
                )
            }
            do {
                return .query(query, .matches(try ExpectedRegex(pattern)))
            } catch {
                throw CommandSyntaxError("the regular expression /\(pattern)/ is invalid: \(error)")
            }
        case .exists:
            guard right.isEmpty else {
                throw CommandSyntaxError("nothing may follow exists, found '\(right)'")
            }
            return .query(query, .exists)
        }
    }

    private static func parseJSONOperand(_ text: String, after operatorText: String) throws(CommandSyntaxError)
        -> JSONValue
    {
        guard !text.isEmpty else {
            throw CommandSyntaxError(
                """
                \(operatorText) needs a JSON value after it, e.g. expect .State.Running \(operatorText) true or \
                expect .Image \(operatorText) \"busybox\"
                """
            )
        }
        do {
            return try JSONValue.parse(text)
        } catch {
            // A bare word is most likely a string without its quotes, unless it is a misspelt literal.
            let literals = ["true", "false", "null"]
            if let first = text.unicodeScalars.first, !"{[\"-0123456789".unicodeScalars.contains(first),
                !literals.contains(where: { text.hasPrefix($0) }), NearestWord.find(text, among: literals) == nil
            {
                throw CommandSyntaxError(
                    """
                    \(text) after \(operatorText) is not JSON: put a string in double quotes, as in \(operatorText) \
                    \"\(text)\"
                    """
                )
            }
            throw CommandSyntaxError("the value after \(operatorText) is not JSON: \(error.description)")
        }
    }

    /// The first operator outside the query's quoted strings: `==` or `!=` anywhere, or
    /// `contains`, `matches` or `exists` as a word after whitespace. Returns the trimmed sides.
    private static func findOperator(in text: String) -> (Operator, String, String)? {
        let scalars = Array(text.unicodeScalars)
        var inString = false
        var escaped = false
        var index = 0
        func slice(_ range: Range<Int>) -> String {
            var result = ""
            result.unicodeScalars.append(contentsOf: scalars[range])
            return trim(result)
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if inString {
                if escaped {
                    escaped = false
                } else if scalar == "\\" {
                    escaped = true
                } else if scalar == "\"" {
                    inString = false
                }
                index += 1
                continue
            }
            if scalar == "\"" {
                inString = true
            } else if scalar == "=" || scalar == "!", index + 1 < scalars.count, scalars[index + 1] == "=" {
                return (scalar == "=" ? .equals : .notEquals, slice(0..<index), slice(index + 2..<scalars.count))
            } else if index > 0, isSpace(scalars[index - 1]) {
                for word in [Operator.contains, .matches, .exists] {
                    let letters = Array(word.rawValue.unicodeScalars)
                    let end = index + letters.count
                    if end <= scalars.count, Array(scalars[index..<end]) == letters,
                        end == scalars.count || isSpace(scalars[end])
                    {
                        return (word, slice(0..<index), slice(end..<scalars.count))
                    }
                }
            }
            index += 1
        }
        return nil
    }

    static func splitFirstWord(_ text: String) -> (word: String, rest: String) {
        guard let space = text.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (text, "") }
        return (String(text[..<space]), trim(String(text[space...])))
    }

    static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else {
            return ""
        }
        return String(Substring(scalars[first...last]))
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }
}
