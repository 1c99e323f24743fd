import SockshellCore

/// What a script builds up as it runs: its variables, the `$references` filled from them and
/// from the last response, `let` captures, `expect` checks and their counts, and the run's
/// modes (`--keep-going`, `--dry-run`).
final class ScriptState {
    /// Variables from `set`, `let` and `-e`.
    private(set) var variables: [String: String] = [:]
    /// The process environment, for `${env:NAME}` (passed in: the core has no globals).
    var environment: [String: String] = [:]
    /// `--keep-going`: a failed expectation is counted and reported, and the script goes on.
    var keepGoing = false
    /// `--dry-run`: requests are shown, not sent; captures hold placeholders, expectations are skipped.
    var dryRun = false
    /// Every expectation checked, for `--report junit`.
    var reportEntries: [JUnitReport.Entry] = []
    /// Counts for a script's closing summary line.
    private(set) var expectationsPassed = 0
    private(set) var expectationsFailed = 0

    private let history: ExchangeHistory
    private let jobControl: JobControl
    private let output: SessionOutput

    init(history: ExchangeHistory, jobControl: JobControl, output: SessionOutput) {
        self.history = history
        self.jobControl = jobControl
        self.output = output
    }

    /// Defines a variable (from `-e NAME=value`, `let` or a lesson's saved captures).
    func define(_ name: String, _ value: String) {
        variables[name] = value
    }

    /// `set NAME = value`, the value's `$references` filled.
    func set(_ name: String, to value: VariableTemplate) -> CommandResult {
        do {
            variables[name] = try fill(value, json: false)
        } catch {
            return .failed(error.message)
        }
        return .proceed
    }

    /// `echo TEXT`, its `$references` filled.
    func echo(_ text: VariableTemplate) -> CommandResult {
        do {
            output.say(try fill(text, json: false) + "\n")
        } catch {
            return .failed(error.message)
        }
        return .proceed
    }

    /// `vars`: every variable and its value.
    func listVariables() {
        if variables.isEmpty {
            output.say("no variables (set NAME = value defines one; $status, $body and $header(Name) are built in)\n")
        } else {
            output.say(variables.keys.sorted().map { "\($0) = \(variables[$0] ?? "")\n" }.joined())
        }
    }

    /// `let NAME = SOURCE` as a command: in a dry run the variable holds a placeholder.
    func captureCommand(_ name: String, from source: CaptureSource) -> CommandResult {
        guard dryRun else { return capture(name, from: source) }
        variables[name] = "$\(name)"  // reads as the reference it stands for
        return .proceed
    }

    /// `let NAME = SOURCE`: the value from the last response.
    func capture(_ name: String, from source: CaptureSource) -> CommandResult {
        if case .query(let query) = source, let currentEvent { return capture(name, query, in: currentEvent) }
        guard let outcome = history.lastOutcome, let head = outcome.head else {
            return .failed("let \(name): there is no response yet to capture from: send a request first")
        }
        switch source {
        case .status:
            variables[name] = String(head.status)
        case .header(let header):
            guard let value = head.value(of: header) else {
                return .failed("let \(name): the last response has no \(header) header")
            }
            variables[name] = value
        case .query(let query):
            do {
                let body = try JSONValue.parse(Array((history.lastBodyText() ?? "").utf8))
                return capture(name, query, in: body)
            } catch {
                return .failed("let \(name) = \(query.text): the last response body is not JSON (\(error))")
            }
        }
        return .proceed
    }

    /// `let NAME = QUERY` on `value`: one result, kept as its plain text.
    private func capture(_ name: String, _ query: JSONQuery, in value: JSONValue) -> CommandResult {
        do {
            let results = try query.evaluate(value)
            guard results.count == 1, let result = results.first else {
                return .failed(
                    """
                    let \(name) = \(query.text): the query gives \(results.count) values; a variable holds one \
                    (pick with .[0])
                    """
                )
            }
            variables[name] = JSONQuery.plainText(result)
        } catch {
            return .failed("let \(name) = \(query.text): \(error.message)")
        }
        return .proceed
    }

    /// Inside an `on event` block: the event being handled, and the exchange count when it came.
    /// Until the block sends a request of its own, `let` and `expect` read the event.
    private var handledEvent: (value: JSONValue, exchanges: Int)?

    /// The event `let` and `expect` read now, if any.
    private var currentEvent: JSONValue? {
        guard let handledEvent, handledEvent.exchanges == history.exchangeCount else { return nil }
        return handledEvent.value
    }

    /// An `on event` block handles `value` now: `$event` holds its JSON line; nil when it is done.
    func handle(event value: JSONValue?) {
        handledEvent = value.map { ($0, history.exchangeCount) }
        if let value { variables[EventBlock.eventVariable] = JSONQuery.render(value) }
    }

    /// `expect ...` as a command: counted, skipped in a dry run.
    func expect(_ expectation: Expectation) -> CommandResult {
        if dryRun { return .proceed }
        if let failure = check(expectation) {
            expectationsFailed += 1
            return .expectationFailed(failure)
        }
        expectationsPassed += 1
        return .proceed
    }

    /// Nil when the expectation holds, else the sentence that says what was expected and found.
    /// `expect output`'s check, against the script's live session (the request path has it).
    var checkLiveOutput: ((ExpectedRegex, Double, String) -> String?)?

    func check(_ expectation: Expectation) -> String? {
        if case .output(let regex, let within) = expectation {
            guard let checkLiveOutput else { return "expect output: no live session" }
            return checkLiveOutput(regex, within, expectation.description)
        }
        if case .event(let type, let action, let within) = expectation {
            return jobControl.expectEvent(
                type: type, action: action, within: within, description: expectation.description)
        }
        if case .tapped = expectation { return jobControl.expectTapped(expectation) }
        let head = history.lastOutcome?.head
        guard head != nil || currentEvent != nil else {
            return "expect \(expectation.description): there is no response yet to check"
        }
        // In an on event block, the event is the body (status and headers stay the last response's).
        let body = currentEvent ?? history.lastBodyText().flatMap { try? JSONValue.parse(Array($0.utf8)) }
        switch expectation.check(status: head?.status ?? 0, headers: head?.headers ?? [], body: body) {
        case .passed: return nil
        case .failed(let expected, let actual):
            return "expect \(expectation.description) failed: expected \(expected), got \(actual)"
        }
    }

    /// The request with every `$reference` in its target, header values and inline body filled in,
    /// from the templates parsed with its line.
    func filled(_ request: RequestCommand) throws(CommandSyntaxError) -> RequestCommand {
        try request.filled(value: value(of:))
    }

    /// `text` filled from the template parsed from it when its command was read.
    func fill(_ text: String, _ template: TextTemplate, json: Bool) throws(CommandSyntaxError) -> String {
        try template.fill(text, json: json, value: value(of:))
    }

    /// Fills `$references` in one piece of text (a lesson's, parsed each time it is shown).
    func fill(_ text: String, json: Bool) throws(CommandSyntaxError) -> String {
        guard text.contains("$") else { return text }
        return try fill(VariableTemplate(parsing: text), json: json)
    }

    /// Fills the `$references` of a template parsed when its command was read.
    func fill(_ template: VariableTemplate, json: Bool) throws(CommandSyntaxError) -> String {
        try template.render(json: json, value: value(of:))
    }

    /// What a reference stands for now, or nil when it is undefined.
    private func value(of reference: VariableTemplate.Reference) -> String? {
        switch reference {
        case .variable("status"): return history.lastOutcome?.head.map { String($0.status) }
        case .variable("body"): return history.lastBodyText()
        case .variable(let name): return variables[name]
        case .environment(let name): return environment[name]
        case .responseHeader(let name): return history.lastOutcome?.head?.value(of: name)
        }
    }
}
