/// One `expect ...` line of a script: a check of the last exchange (or, for `event`, of a
/// running event stream).
///
///     expect status 201                  the status is 201
///     expect status 2xx                  any 200-299 (also 1xx..5xx)
///     expect status 204|304              any of the alternatives (2xx|404 mixes both forms)
///     expect header Location             the response has the header (names ignore case)
///     expect header Content-Type = application/json
///                                        a field with that name has exactly that value
///                                        (`:` may stand for `=`; quotes around the value are removed)
///     expect QUERY == JSON               every result of the query equals the JSON value
///     expect QUERY != JSON               no result equals it
///     expect QUERY contains VALUE        string: substring; array: has the element(s);
///                                        object: has the members (a string: has the key)
///     expect QUERY matches /REGEX/       every result (a string, number or boolean) has a match
///     expect QUERY exists                the query reaches a value that is present (even null)
///     expect event TYPE ACTION within 5s an event of that type and action arrives in time
///
/// QUERY is a `JSONQuery` (`.Id`, `.State.Running`, `.[0].Names[0]`, `length`). Equality is by
/// value: member order does not matter and `1.0 == 1`. VALUE after `contains` is JSON, or a bare
/// word taken as a string. REGEX is Swift `Regex` syntax (searched, not anchored: use `^` and
/// `$`; `(?i)` ignores case).
public enum Expectation: Sendable, Equatable, CustomStringConvertible {
    case status(StatusPattern)
    case headerPresent(String)
    case headerEquals(String, String)
    case query(JSONQuery, Comparison)
    /// Checked by the I/O layer against a background event stream; `within` is in seconds.
    case event(type: String, action: String, within: Double)

    /// What a query's results are compared with.
    public enum Comparison: Sendable, Equatable {
        case equals(JSONValue)
        case notEquals(JSONValue)
        case contains(JSONValue)
        /// The pattern between the slashes, as written.
        case matches(String)
        case exists
    }

    /// `within` when `expect event` does not say.
    public static let defaultEventTimeout: Double = 10

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
        default:
            return try parseQuery(trimmed, firstWord: word)
        }
    }

    /// Checks a response. `body` is the parsed JSON body, or nil when there was none or it was not
    /// JSON. `.event` is not a response check and always fails here; the I/O layer checks it.
    public func check(status: Int, headers: HTTPFields, body: JSONValue?) -> ExpectationResult {
        switch self {
        case .status(let pattern):
            return pattern.matches(status) ? .passed : .failed(expected: description, actual: "status \(status)")
        case .headerPresent(let name):
            return Self.values(of: name, in: headers).isEmpty ? .failed(expected: description, actual: "no \(name) header") : .passed
        case .headerEquals(let name, let value):
            let values = Self.values(of: name, in: headers)
            if values.contains(value) { return .passed }
            if values.isEmpty { return .failed(expected: description, actual: "no \(name) header") }
            return .failed(expected: description, actual: values.map { "\(name): \($0)" }.joined(separator: ", "))
        case .query(let query, let comparison):
            guard let body else { return .failed(expected: description, actual: "no JSON body") }
            return Self.check(query, comparison, on: body, expected: description)
        case .event:
            return .failed(expected: description, actual: "an event expectation is checked against a running event stream, not a response")
        }
    }

    /// The expectation as it could be written after `expect`, in a canonical form.
    public var description: String {
        switch self {
        case .status(let pattern):
            return "status \(pattern)"
        case .headerPresent(let name):
            return "header \(name)"
        case .headerEquals(let name, let value):
            return "header \(name) = \(value)"
        case .query(let query, let comparison):
            switch comparison {
            case .equals(let value): return "\(query) == \(JSONQuery.render(value))"
            case .notEquals(let value): return "\(query) != \(JSONQuery.render(value))"
            case .contains(let value): return "\(query) contains \(JSONQuery.render(value))"
            case .matches(let pattern): return "\(query) matches /\(pattern)/"
            case .exists: return "\(query) exists"
            }
        case .event(let type, let action, let within):
            return "event \(type) \(action) within \(Self.formatSeconds(within))"
        }
    }

    // MARK: - Parsing

    private static let forms = "status CODE, header NAME [= VALUE], event TYPE ACTION within SECONDS, or a query such as .Id followed by == JSON, != JSON, contains VALUE, matches /REGEX/ or exists"

    private static func parseHeader(_ rest: String) throws(CommandSyntaxError) -> Expectation {
        guard !rest.isEmpty else {
            throw CommandSyntaxError("expect header needs a header name, e.g. expect header Location or expect header Content-Type = application/json")
        }
        let name = String(rest.prefix(while: { $0.isASCII && $0.utf8.allSatisfy(HTTPToken.isTokenByte) }))
        let after = trim(String(rest.dropFirst(name.count)))
        guard !name.isEmpty, after.isEmpty || after.hasPrefix("=") || after.hasPrefix(":") else {
            let word = splitFirstWord(rest).word
            throw CommandSyntaxError("bad header name '\(word)' in expect header: a header name is a token with no spaces, e.g. Content-Type")
        }
        if after.isEmpty { return .headerPresent(name) }
        let value = unquote(trim(String(after.dropFirst())))
        guard let value else {
            throw CommandSyntaxError("expect header \(name) needs a value after '\(after.first!)' (write \"\" for an empty value)")
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
            throw CommandSyntaxError("expect event needs a type and an action, e.g. expect event container start within 5s")
        }
        var within = defaultEventTimeout
        if words.count > 2 {
            guard words[2] == "within" else {
                throw CommandSyntaxError("unexpected '\(words[2])' in expect event: after the type and action only within SECONDS may follow, e.g. within 5s")
            }
            guard words.count >= 4 else {
                throw CommandSyntaxError("within needs a time, e.g. expect event \(words[0]) \(words[1]) within 5s")
            }
            guard words.count == 4 else {
                throw CommandSyntaxError("unexpected '\(words[4])' after within \(words[3]) in expect event")
            }
            guard let seconds = parseDuration(words[3]) else {
                throw CommandSyntaxError("'\(words[3])' is not a time: write seconds such as 5s, 1.5s or 5, or milliseconds such as 500ms")
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

    private static func formatSeconds(_ seconds: Double) -> String {
        if seconds == seconds.rounded(), seconds < 1e15 { return "\(Int(seconds))s" }
        return "\(seconds)s"
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
                let suggestion = NearestWord.find(firstWord, among: ["status", "header", "event"] + JSONQuery.functionNames).map { " (did you mean \($0)?)" } ?? ""
                throw CommandSyntaxError("unknown check '\(firstWord)' after expect\(suggestion): write \(forms)")
            }
            throw CommandSyntaxError("expect \(text) needs a check after the query: == JSON, != JSON, contains VALUE, matches /REGEX/ or exists, e.g. expect .State.Running == true")
        }
        guard !left.isEmpty else {
            throw CommandSyntaxError("expect needs a query before \(operatorFound.rawValue), e.g. expect .State.Running == true")
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
                throw CommandSyntaxError("contains needs a value after it: JSON such as \"busybox\" or [\"/web\"], or a bare word, e.g. expect .Image contains busybox")
            }
            if let value = try? JSONValue.parse(right) { return .query(query, .contains(value)) }
            if let first = right.unicodeScalars.first, "{[\"".unicodeScalars.contains(first) {
                // Meant as JSON but broken: say so rather than search for the broken text.
                _ = try parseJSONOperand(right, after: "contains")
            }
            return .query(query, .contains(.string(right)))
        case .matches:
            guard right.count >= 2, right.hasPrefix("/"), right.hasSuffix("/") else {
                throw CommandSyntaxError("matches needs a regular expression between slashes, e.g. expect .Id matches /^[0-9a-f]{64}$/")
            }
            let pattern = String(right.dropFirst().dropLast())
            guard !pattern.isEmpty else {
                throw CommandSyntaxError("the regular expression after matches is empty: write one between the slashes, e.g. /^[0-9a-f]{64}$/")
            }
            do {
                _ = try Regex(pattern)
            } catch {
                throw CommandSyntaxError("the regular expression /\(pattern)/ is invalid: \(error)")
            }
            return .query(query, .matches(pattern))
        case .exists:
            guard right.isEmpty else {
                throw CommandSyntaxError("nothing may follow exists, found '\(right)'")
            }
            return .query(query, .exists)
        }
    }

    private static func parseJSONOperand(_ text: String, after operatorText: String) throws(CommandSyntaxError) -> JSONValue {
        guard !text.isEmpty else {
            throw CommandSyntaxError("\(operatorText) needs a JSON value after it, e.g. expect .State.Running \(operatorText) true or expect .Image \(operatorText) \"busybox\"")
        }
        do {
            return try JSONValue.parse(text)
        } catch {
            // A bare word is most likely a string without its quotes, unless it is a misspelt literal.
            let literals = ["true", "false", "null"]
            if let first = text.unicodeScalars.first, !"{[\"-0123456789".unicodeScalars.contains(first),
                !literals.contains(where: { text.hasPrefix($0) }), NearestWord.find(text, among: literals) == nil
            {
                throw CommandSyntaxError("\(text) after \(operatorText) is not JSON: put a string in double quotes, as in \(operatorText) \"\(text)\"")
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
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
                index += 1
                continue
            }
            if scalar == "\"" {
                inString = true
            } else if (scalar == "=" || scalar == "!"), index + 1 < scalars.count, scalars[index + 1] == "=" {
                return (scalar == "=" ? .equals : .notEquals, slice(0..<index), slice(index + 2..<scalars.count))
            } else if index > 0, isSpace(scalars[index - 1]) {
                for word in [Operator.contains, .matches, .exists] {
                    let letters = Array(word.rawValue.unicodeScalars)
                    let end = index + letters.count
                    if end <= scalars.count, Array(scalars[index..<end]) == letters, end == scalars.count || isSpace(scalars[end]) {
                        return (word, slice(0..<index), slice(end..<scalars.count))
                    }
                }
            }
            index += 1
        }
        return nil
    }

    // MARK: - Checking

    private static func values(of name: String, in headers: HTTPFields) -> [String] {
        headers.values(of: name).map(trim)
    }

    private static func check(_ query: JSONQuery, _ comparison: Comparison, on body: JSONValue, expected: String) -> ExpectationResult {
        let results: [JSONValue]
        do {
            results = comparison == .exists ? try query.presentValues(in: body) : try query.evaluate(body)
        } catch {
            return .failed(expected: expected, actual: error.message)
        }
        if comparison == .exists {
            return results.isEmpty ? .failed(expected: expected, actual: "absent") : .passed
        }
        if results.isEmpty {
            // Nothing equals the value, so != holds; the others need something to hold for.
            if case .notEquals = comparison { return .passed }
            return .failed(expected: expected, actual: "no value (the query gave no results)")
        }
        for (index, result) in results.enumerated() {
            let problem: String?
            switch comparison {
            case .equals(let value):
                problem = result.isEquivalent(to: value) ? nil : ""
            case .notEquals(let value):
                problem = result.isEquivalent(to: value) ? "" : nil
            case .contains(let value):
                problem = containsProblem(result, value)
            case .matches(let pattern):
                problem = matchProblem(result, pattern)
            case .exists:
                problem = nil
            }
            if let problem {
                var actual = preview(result)
                if results.count > 1 { actual += " (result \(index + 1) of \(results.count))" }
                if !problem.isEmpty { actual += ", \(problem)" }
                return .failed(expected: expected, actual: actual)
            }
        }
        return .passed
    }

    /// Nil when `actual` contains `value`; else "" (nothing to add), or why it cannot contain anything.
    private static func containsProblem(_ actual: JSONValue, _ value: JSONValue) -> String? {
        switch actual {
        case .string(let text):
            if case .object = value { return "a string cannot contain an object" }
            if case .array = value { return "a string cannot contain an array" }
            return text.contains(JSONQuery.plainText(value)) ? nil : ""
        case .array(let elements):
            let wanted = value.arrayValue ?? [value]
            return wanted.allSatisfy { item in elements.contains { $0.isEquivalent(to: item) } } ? nil : ""
        case .object:
            switch value {
            case .string(let name):
                return actual[name] == nil ? "" : nil
            case .object:
                return objectContains(actual, value) ? nil : ""
            default:
                return "an object contains only members (an object) or a key (a string)"
            }
        default:
            return "contains needs a string, an array or an object, not \(JSONQueryStep.describeType(actual))"
        }
    }

    /// Every member of `subset` is in `object` with an equal value, or, for an object value, a
    /// containing one (recursively).
    private static func objectContains(_ object: JSONValue, _ subset: JSONValue) -> Bool {
        for member in JSONQueryStep.lastOfEachName(subset.objectMembers ?? []) {
            guard let value = object[member.key] else { return false }
            if case .object = member.value, case .object = value {
                if !objectContains(value, member.value) { return false }
            } else if !value.isEquivalent(to: member.value) {
                return false
            }
        }
        return true
    }

    private static func matchProblem(_ actual: JSONValue, _ pattern: String) -> String? {
        let text: String
        switch actual {
        case .string, .number, .bool: text = JSONQuery.plainText(actual)
        default: return "matches needs a string, not \(JSONQueryStep.describeType(actual))"
        }
        guard let regex = try? Regex(pattern) else { return "the regular expression is invalid" }
        return text.contains(regex) ? nil : ""
    }

    /// Compact JSON of a value, cut to about 200 characters so a whole inspect body stays readable.
    private static func preview(_ value: JSONValue) -> String {
        let text = JSONQuery.render(value)
        let limit = 200
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "… (\(text.count) characters)"
    }

    private static func splitFirstWord(_ text: String) -> (word: String, rest: String) {
        guard let space = text.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (text, "") }
        return (String(text[..<space]), trim(String(text[space...])))
    }

    private static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(Substring(scalars[first...last]))
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }
}

/// `201`, `2xx`, or alternatives of either joined by `|` such as `204|304` or `2xx|404`.
public struct StatusPattern: Sendable, Equatable, CustomStringConvertible {
    public enum Alternative: Sendable, Equatable {
        /// One status code.
        case code(Int)
        /// A class by its first digit: `family(2)` is `2xx`, 200-299.
        case family(Int)
    }

    public var alternatives: [Alternative]

    public init(_ alternatives: [Alternative]) {
        self.alternatives = alternatives
    }

    /// Reads `201`, `2xx` (or `2XX`) or `204|304`; spaces around `|` are allowed.
    public init(parsing text: String) throws(CommandSyntaxError) {
        let compact = String(text.filter { $0 != " " && $0 != "\t" })
        guard !compact.isEmpty else {
            throw CommandSyntaxError("expect status needs a code, e.g. expect status 201, expect status 2xx or expect status 204|304")
        }
        var alternatives: [Alternative] = []
        for part in compact.split(separator: "|", omittingEmptySubsequences: false) {
            let digits = Array(part.utf8)
            if digits.count == 3, let first = digits.first, (UInt8(ascii: "1")...UInt8(ascii: "5")).contains(first) {
                let tail = String(part.dropFirst()).lowercased()
                if tail == "xx" {
                    alternatives.append(.family(Int(first - UInt8(ascii: "0"))))
                    continue
                }
                if let code = Int(part), part.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    alternatives.append(.code(code))
                    continue
                }
            }
            let shown = part.isEmpty ? "an empty alternative" : "'\(part)'"
            throw CommandSyntaxError("\(shown) in expect status \(compact) is not a status: write a code from 100 to 599 such as 201, a class such as 2xx, or alternatives such as 204|304")
        }
        self.alternatives = alternatives
    }

    public func matches(_ status: Int) -> Bool {
        alternatives.contains { alternative in
            switch alternative {
            case .code(let code): status == code
            case .family(let digit): status / 100 == digit && status >= 100
            }
        }
    }

    public var description: String {
        alternatives.map { alternative in
            switch alternative {
            case .code(let code): String(code)
            case .family(let digit): "\(digit)xx"
            }
        }.joined(separator: "|")
    }
}

/// The outcome of one `expect`, with readable strings for the failure report.
public enum ExpectationResult: Sendable, Equatable {
    case passed
    /// `expected` is the expectation as written canonically (`status 2xx`, `.State.Running == true`);
    /// `actual` is what the response had (`status 404`, `false`, `no Location header`).
    case failed(expected: String, actual: String)

    public var isPassed: Bool { self == .passed }
}
