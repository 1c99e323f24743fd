/// Collects input lines into whole commands: a JSON body left open continues on the next lines.
public struct LineAssembler: Sendable {
    private var pending: [String] = []
    private var pendingStartLine = 0

    public init() {}

    /// True while a JSON body is open and more lines are expected (the REPL shows a continuation prompt).
    public var isContinuing: Bool { !pending.isEmpty }

    /// Adds one line (without its line ending). Returns the command it completes and the line it
    /// started on, or nil when the command continues on the next line.
    /// `text` is the command as typed, its lines joined with LF (for recordings and `export script`).
    public mutating func add(line: String, number: Int) throws(CommandSyntaxError) -> (command: Command, line: Int, text: String)? {
        if pending.isEmpty { pendingStartLine = number }
        pending.append(line)
        let text = pending.joined(separator: "\n")
        let startLine = pendingStartLine
        do {
            switch try CommandParser.parse(text) {
            case .needsMoreLines:
                return nil
            case .complete(let command):
                pending = []
                return (command, startLine, text)
            }
        } catch {
            pending = []
            throw CommandSyntaxError(error.message, line: startLine)
        }
    }

    /// Input ended: an open JSON body is an error.
    public mutating func finish() throws(CommandSyntaxError) {
        guard !pending.isEmpty else { return }
        let text = pending.joined(separator: "\n")
        let bodyStart = text.firstIndex { $0 == "{" || $0 == "[" } ?? text.endIndex
        let depth = JSONBalance.openDepth(String(text[bodyStart...]))
        let line = pendingStartLine
        pending = []
        throw CommandSyntaxError(
            "the JSON body that starts on line \(line) is not closed at the end of the input (\(depth) bracket\(depth == 1 ? "" : "s") still open): add the missing } or ]",
            line: line)
    }

    /// Drops a half-typed body (Ctrl-C at a continuation prompt).
    public mutating func abandon() {
        pending = []
    }
}
