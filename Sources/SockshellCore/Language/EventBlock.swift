/// `on event TYPE [ACTION]... [label KEY=VALUE]... [count N]`, lines of commands, then `end`:
/// the commands run once for each matching event of a `GET /events` stream kept open meanwhile,
/// with the event's JSON as `$event` and as what `let` and `expect` read (until the block's own
/// next request). What a load balancer does with the event stream, as a script.
public struct EventBlock: Sendable, Equatable {
    /// One command of the block, and its line counted from the block's first (`on event`) line as 1.
    public struct Line: Sendable, Equatable {
        public var command: Command
        public var offset: Int
        public var text: String
    }

    /// `container`, `image`, `network`, ...: the `type` filter.
    public var type: String
    /// `start`, `die`, ...: the `event` filter; none means every action of the type.
    public var actions: [String]
    /// `KEY=VALUE` or `KEY`: the `label` filter (an event must carry every one).
    public var labels: [String]
    /// Events handled before the block ends by itself; nil: until Ctrl-C or the stream ends.
    public var count: Int?
    public var body: [Line]

    /// The word that opens a block, and the one alone on the line that closes it.
    public static let opener = "on"
    public static let closer = "end"

    /// The variable that holds the event's JSON line inside the block.
    public static let eventVariable = "event"

    static let usage = "on event TYPE [ACTION]... [label KEY=VALUE]... [count N], then commands, then end"

    /// True when `text` starts with `on`: the line assembler keeps reading lines until `end`.
    public static func opens(_ text: String) -> Bool {
        var scanner = WordScanner(text)
        return scanner.nextWord() == opener
    }

    /// The block's stream: `GET /events` with the filters as JSON, in the background.
    public var request: RequestCommand {
        var filters: [(String, [String])] = [("type", [type])]
        if !actions.isEmpty { filters.append(("event", actions)) }
        if !labels.isEmpty { filters.append(("label", labels)) }
        let json = filters.map { name, values in
            "\"\(name)\":[" + values.map { JSONStringEscaping.quoted($0) }.joined(separator: ",") + "]"
        }
        return RequestCommand(
            method: "GET", target: "/events?filters={" + json.joined(separator: ",") + "}", background: true)
    }

    /// The whole block's text: a header line, body lines, `end`. `.needsMoreLines` until the
    /// last line is `end` (the header is checked at once, so a typo is said on its line).
    static func parse(_ text: String) throws(CommandSyntaxError) -> CommandParser.Parsed {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var block = try parseHeader(lines[0])
        guard lines.count > 1, lines[lines.count - 1].trimmingWhitespace() == closer else { return .needsMoreLines }
        var assembler = LineAssembler()
        for (index, line) in lines.dropFirst().dropLast().enumerated() {
            let offset = index + 2
            // Errors carry the line within the block; the line assembler makes it the file's.
            if EventBlock.opens(line) {
                throw CommandSyntaxError(
                    "on event blocks do not nest: end the first block before the next", line: offset)
            }
            do throws(CommandSyntaxError) {
                if let done = try assembler.add(line: line, number: offset) {
                    block.body.append(Line(command: done.command, offset: done.line, text: done.text))
                }
            } catch {
                throw CommandSyntaxError("in the on event block: \(error.message)", line: error.line ?? offset)
            }
        }
        do throws(CommandSyntaxError) {
            try assembler.finish()
        } catch {
            throw CommandSyntaxError("in the on event block: \(error.message)", line: error.line)
        }
        return .complete(.onEvent(block))
    }

    /// `on event TYPE [ACTION]... [label KEY=VALUE]... [count N]`.
    static func parseHeader(_ line: String) throws(CommandSyntaxError) -> EventBlock {
        var words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard words.first == opener else { throw CommandSyntaxError("an event block starts with \(usage)") }
        words.removeFirst()
        guard words.first == "event", words.count >= 2 else {
            throw CommandSyntaxError(
                "on needs event and an event type: \(usage), e.g. on event container start die")
        }
        var block = EventBlock(type: words[1], actions: [], labels: [], count: nil, body: [])
        var index = 2
        while index < words.count {
            let word = words[index]
            if word == "label" || word == "count" {
                guard index + 1 < words.count else {
                    throw CommandSyntaxError(
                        "\(word) needs a value after it: label KEY=VALUE or count N (\(usage))")
                }
                let value = words[index + 1]
                if word == "label" {
                    block.labels.append(value)
                } else {
                    guard let number = Int(value), number > 0 else {
                        throw CommandSyntaxError("count needs a number of events above 0, e.g. count 2")
                    }
                    block.count = number
                }
                index += 2
                continue
            }
            guard HTTPToken.isToken(word) else {
                throw CommandSyntaxError(
                    "'\(word)' is not an event action: actions are words such as start, die, create (\(usage))")
            }
            block.actions.append(word)
            index += 1
        }
        return block
    }
}
