/// Collects input lines into whole commands: a JSON body left open continues on the next lines.
public struct LineAssembler: Sendable {
    private var pending: [String] = []
    private var pendingStartLine = 0
    /// What the pending command waits for. Known after its first line, it decides from each new
    /// line alone whether the command can be complete yet, so the whole text is parsed once
    /// when it is, not once per line (a pasted 10,000-line body was quadratic).
    private var continuation: Continuation?

    private enum Continuation: Sendable {
        /// A request's JSON body, scanned so far.
        case jsonBody(JSONBalance.Scan)
        /// A curl command whose last line ends in a backslash.
        case curlLine
        /// An `on event` block: its lines until one that is `end`.
        case eventBlock
    }

    /// At a prompt, a body line whose closer cannot match is refused alone and the body stays
    /// open, so the person retypes that line (everything typed before it was thrown away). A
    /// script's lines cannot be retyped: there the whole command is the error.
    public var refusesOnlyTheBadLine = false

    public init() {}

    /// True while a JSON body is open and more lines are expected (the REPL shows a continuation prompt).
    public var isContinuing: Bool { !pending.isEmpty }

    /// The prompt while a command continues, saying what it waits for: `...(1 } open)> `,
    /// `...(2 ]} open)> `, `...(curl continues)> `; nil at the start of a command. After a blank
    /// line it also says how to give up, since a blank line does not end a body.
    public var continuationPrompt: String? {
        guard isContinuing else { return nil }
        let giveUp = pending.last?.trimmingWhitespace().isEmpty == true ? ", Ctrl-C drops it" : ""
        switch continuation {
        case .jsonBody(let scan): return "...(\(scan.openDescription) open\(giveUp))> "
        case .eventBlock: return "...(on event: end closes it\(giveUp))> "
        case .curlLine, nil: return "...(curl continues\(giveUp))> "
        }
    }

    /// What giving up now drops, for the sentence that says so: `the unfinished body`.
    public var unfinishedDescription: String? {
        switch continuation {
        case .jsonBody: return "the unfinished body"
        case .curlLine: return "the unfinished curl command"
        case .eventBlock: return "the unfinished on event block"
        case nil: return nil
        }
    }

    /// Adds one line (without its line ending). Returns the command it completes and the line it
    /// started on, or nil when the command continues on the next line.
    /// `text` is the command as typed, its lines joined with LF (for recordings and `export script`).
    public mutating func add(line: String, number: Int) throws(CommandSyntaxError) -> (
        command: Command, line: Int, text: String
    )? {
        if pending.isEmpty { pendingStartLine = number }
        pending.append(line)
        switch continuation {
        case .jsonBody(var scan):
            let before = scan
            scan.feed(CollectionOfOne(0x0A))
            scan.feed(line.utf8)
            if refusesOnlyTheBadLine, let mismatch = scan.mismatch {
                pending.removeLast()
                throw CommandSyntaxError(
                    """
                    the \(mismatch.found) on that line cannot close the \(mismatch.expected == "]" ? "[" : "{") still \
                    open: the line was not added, the body is still open (\(before.openDescription) open); type it \
                    again with \(mismatch.expected), or Ctrl-C drops the body
                    """, line: number)
            }
            if scan.openDepth > 0 {
                continuation = .jsonBody(scan)
                return nil
            }
        case .curlLine:
            if line.reversed().prefix(while: { $0 == "\\" }).count % 2 == 1 { return nil }
        case .eventBlock:
            // Parsed as a whole at its end: a body line is checked then, with the block's line.
            if line.trimmingWhitespace() != EventBlock.closer { return nil }
        case nil:
            break
        }
        let text = pending.joined(separator: "\n")
        let startLine = pendingStartLine
        do {
            var openBody: Substring?
            switch try CommandParser.parse(text, openBody: &openBody) {
            case .needsMoreLines:
                if let openBody {
                    var scan = JSONBalance.Scan()
                    scan.feed(openBody.utf8)
                    continuation = .jsonBody(scan)
                } else if EventBlock.opens(text) {
                    continuation = .eventBlock
                } else {
                    continuation = .curlLine
                }
                return nil
            case .complete(let command):
                pending = []
                continuation = nil
                return (command, startLine, text)
            }
        } catch {
            pending = []
            continuation = nil
            // A line inside the command (an on event block's) counts from the command's first.
            throw CommandSyntaxError(error.message, line: startLine + (error.line ?? 1) - 1)
        }
    }

    /// Input ended: an open JSON body is an error, which says what would close it.
    public mutating func finish() throws(CommandSyntaxError) {
        guard !pending.isEmpty else { return }
        let line = pendingStartLine
        let scan: JSONBalance.Scan?
        if case .jsonBody(let open) = continuation { scan = open } else { scan = nil }
        var wasBlock = false
        if case .eventBlock = continuation { wasBlock = true }
        pending = []
        continuation = nil
        if wasBlock {
            throw CommandSyntaxError(
                "the on event block that starts on line \(line) has no end: add a line with end after its commands",
                line: line)
        }
        guard let scan else {
            throw CommandSyntaxError(
                "the curl command that starts on line \(line) ends in a backslash at the end of the input: remove it",
                line: line)
        }
        let depth = scan.openDepth
        throw CommandSyntaxError(
            """
            the JSON body that starts on line \(line) is not closed at the end of the input (\(depth) \
            bracket\(depth == 1 ? "" : "s") still open): add the missing \(scan.stillToClose)
            """,
            line: line)
    }

    /// Drops a half-typed body (Ctrl-C at a continuation prompt).
    public mutating func abandon() {
        pending = []
        continuation = nil
    }
}
