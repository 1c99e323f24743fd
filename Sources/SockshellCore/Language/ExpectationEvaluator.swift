/// Checking an expectation against what the session saw: the last response, and for `event`,
/// the Docker events seen so far.
extension Expectation {
    /// Checks a response and the events seen. `body` is the parsed JSON body, or nil when there was
    /// none or it was not JSON; `events` are the Docker events seen since the last `expect event`
    /// matched (the I/O layer waits for more, up to `within`, while this fails).
    public func check(
        status: Int, headers: HTTPFields, body: JSONValue?, events: some Collection<DockerEvent> = [DockerEvent]()
    ) -> ExpectationResult {
        switch self {
        case .status(let pattern):
            return pattern.matches(status) ? .passed : .failed(expected: description, actual: "status \(status)")
        case .headerPresent(let name):
            return Self.values(of: name, in: headers).isEmpty
                ? .failed(expected: description, actual: "no \(name) header") : .passed
        case .headerEquals(let name, let value):
            let values = Self.values(of: name, in: headers)
            if values.contains(value) { return .passed }
            if values.isEmpty { return .failed(expected: description, actual: "no \(name) header") }
            return .failed(expected: description, actual: values.map { "\(name): \($0)" }.joined(separator: ", "))
        case .query(let query, let comparison):
            guard let body else { return .failed(expected: description, actual: "no JSON body") }
            return Self.check(query, comparison, on: body, expected: description)
        case .event:
            if firstMatch(in: events) != nil { return .passed }
            let seen = events.suffix(5).map { "\($0.type) \($0.action)" }
            return .failed(
                expected: description, actual: seen.isEmpty ? "no events" : "events " + seen.joined(separator: ", "))
        case .tapped:
            return .failed(expected: description, actual: "no tap's calls to look at")
        case .output:
            return .failed(expected: description, actual: "no live session's output to look at")
        }
    }

    /// Checks an `expect tapped` against the calls a tap has seen; any other expectation fails.
    public func check(tapped calls: some Collection<TappedCall>) -> ExpectationResult {
        guard case .tapped(let method, let route, let status) = self else {
            return .failed(expected: description, actual: "not a tapped call")
        }
        let sameCall = calls.filter {
            // A lesson writes /containers/{id}/start for what the CLI sent as /v1.41/containers/{id}/start.
            HeaderField.namesMatch($0.method, method)
                && TargetComponents.withoutVersion($0.route) == TargetComponents.withoutVersion(route)
        }
        if sameCall.contains(where: { call in
            status.map { pattern in call.status.map(pattern.matches) ?? false } ?? true
        }) {
            return .passed
        }
        if let seen = sameCall.last {
            return .failed(
                expected: description,
                actual: "\(method) \(route) answered \(seen.status.map(String.init) ?? "nothing")")
        }
        let recent = calls.suffix(4).map { "\($0.method) \($0.route)" }
        return .failed(
            expected: description,
            actual: recent.isEmpty ? "no calls through the tap" : "calls " + recent.joined(separator: ", "))
    }

    /// Where the first event an `expect event` waits for is among `events`; nil for none (and for
    /// any other expectation).
    public func firstMatch<Events: Collection<DockerEvent>>(in events: Events) -> Events.Index? {
        guard case .event(let type, let action, _) = self else { return nil }
        return events.firstIndex { $0.type == type && $0.action == action }
    }

    private static func values(of name: String, in headers: HTTPFields) -> [String] {
        headers.values(of: name).map(trim)
    }

    private static func check(_ query: JSONQuery, _ comparison: Comparison, on body: JSONValue, expected: String)
        -> ExpectationResult
    {
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
            case .matches(let regex):
                problem = matchProblem(result, regex)
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

    private static func matchProblem(_ actual: JSONValue, _ regex: ExpectedRegex) -> String? {
        let text: String
        switch actual {
        case .string, .number, .bool: text = JSONQuery.plainText(actual)
        default: return "matches needs a string, not \(JSONQueryStep.describeType(actual))"
        }
        return regex.isFound(in: text) ? nil : ""
    }

    /// Compact JSON of a value, cut to about 200 characters so a whole inspect body stays readable.
    private static func preview(_ value: JSONValue) -> String {
        let text = JSONQuery.render(value)
        let limit = 200
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "… (\(text.count) characters)"
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
