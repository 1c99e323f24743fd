/// Reads a lesson's Markdown (lessons/README.md describes the format). Every mistake is reported
/// with the file and line, so a lesson with a typo never starts half-broken.
public enum LessonParser {
    /// The shell commands a step may be checked after (`command tap`), besides requests.
    static let checkedCommands = ["tap", "!"]

    public static func parse(_ text: String, name: String, file: String) throws(LessonFormatError) -> Lesson {
        var parser = State(file: file)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        for (index, line) in lines.enumerated() { try parser.add(line, number: index + 1) }
        return try parser.finish(name: name, lastLine: lines.count)
    }

    private struct PendingStep {
        var title: String
        var line: Int
        var explanation: [String] = []
        var command: String?
        var checks: [LessonCheck] = []
        var hasCheckBlock = false
        var hint: String?
        var notice: String?
    }

    private struct State {
        let file: String
        var title: String?
        var goal: String?
        var needs: [Lesson.Prerequisite] = []
        var cleanup: String?
        var steps: [LessonStep] = []
        var step: PendingStep?
        var paragraph: [String] = []
        var paragraphLine = 0
        /// Inside a fenced block: its fence, language, first line and lines so far.
        var fence: (marker: String, language: String, line: Int, lines: [String])?

        init(file: String) { self.file = file }

        func fail(_ line: Int, _ message: String) -> LessonFormatError {
            LessonFormatError(file: file, line: line, message)
        }

        mutating func add(_ line: String, number: Int) throws(LessonFormatError) {
            if var open = fence {
                if line.trimmingWhitespace() == open.marker {
                    fence = nil
                    try closeBlock(language: open.language, lines: open.lines, firstLine: open.line)
                } else {
                    open.lines.append(line)
                    fence = open
                }
                return
            }
            let trimmed = line.trimmingWhitespace()
            if trimmed.hasPrefix("```") {
                try endParagraph()
                let marker = String(trimmed.prefix { $0 == "`" })
                fence = (marker, String(trimmed.dropFirst(marker.count)).trimmingWhitespace().lowercased(), number, [])
                return
            }
            if trimmed.isEmpty {
                try endParagraph()
                return
            }
            if line.hasPrefix("# ") {
                try endParagraph()
                guard title == nil else {
                    throw fail(number, "a lesson has one '# Title' heading; steps start with '## ' (two #)")
                }
                title = String(line.dropFirst(2)).trimmingWhitespace()
                return
            }
            if line.hasPrefix("## ") {
                try endParagraph()
                guard title != nil else {
                    throw fail(number, "a lesson starts with a '# Title' heading, before its first step")
                }
                guard goal != nil else {
                    throw fail(number, "the lesson needs a 'Goal:' paragraph before its first step")
                }
                try endStep()
                step = PendingStep(title: String(line.dropFirst(3)).trimmingWhitespace(), line: number)
                return
            }
            if paragraph.isEmpty { paragraphLine = number }
            paragraph.append(line)
        }

        mutating func endParagraph() throws(LessonFormatError) {
            guard !paragraph.isEmpty else { return }
            let text = paragraph.joined(separator: "\n")
            paragraph = []
            if title == nil {
                // A lesson file links to its other-language version above its title, for readers on GitHub.
                if Self.isLanguageLinks(text) { return }
                throw fail(paragraphLine, "a lesson starts with a '# Title' heading")
            }
            for (label, keep) in [("Goal:", 0), ("Needs:", 1), ("Cleanup:", 2), ("Hint:", 3), ("Notice:", 4)] {
                guard let value = Self.labelled(text, label) else { continue }
                switch keep {
                case 0: goal = value
                case 1: needs = try parseNeeds(value)
                case 2: cleanup = value
                case 3:
                    guard step != nil else {
                        throw fail(paragraphLine, "Hint: belongs to a step: put it under a '## Step' heading")
                    }
                    step?.hint = value
                default:
                    guard step != nil else {
                        throw fail(paragraphLine, "Notice: belongs to a step: put it under a '## Step' heading")
                    }
                    step?.notice = value
                }
                return
            }
            step?.explanation.append(text)
        }

        /// Whether a paragraph is only Markdown links (`[English](../errors.md)`), apart from the
        /// separators people put between them (`·`, `|`): the line that links the translations.
        static func isLanguageLinks(_ text: String) -> Bool {
            var rest = Substring(text)
            var links = 0
            while true {
                rest = rest.drop { $0 == " " || $0 == "\n" || $0 == "·" || $0 == "|" }
                if rest.isEmpty { return links > 0 }
                guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return false }
                let target = rest[rest.index(after: close)...]
                guard target.first == "(", let end = target.firstIndex(of: ")"),
                    target.distance(from: target.startIndex, to: end) > 1
                else { return false }
                rest = target[target.index(after: end)...]
                links += 1
            }
        }

        /// The text after `Label:` (also `**Label:**`), or nil.
        static func labelled(_ text: String, _ label: String) -> String? {
            for prefix in [label, "**\(label)**"] where text.hasPrefix(prefix) {
                return String(text.dropFirst(prefix.count)).trimmingWhitespace()
            }
            return nil
        }

        func parseNeeds(_ text: String) throws(LessonFormatError) -> [Lesson.Prerequisite] {
            var result: [Lesson.Prerequisite] = []
            for item in text.split(separator: ",") {
                let words = item.split(separator: " ").map(String.init)
                guard words.count == 2, words[0] == "image" else {
                    throw fail(
                        paragraphLine,
                        "unknown need '\(item.trimmingWhitespace())': write Needs: image NAME (comma-separated)")
                }
                result.append(.image(words[1]))
            }
            return result
        }

        mutating func closeBlock(language: String, lines: [String], firstLine: Int) throws(LessonFormatError) {
            guard step != nil else { return }  // blocks before the first step are the file's own illustration
            switch language {
            case "sockshell":
                guard step?.command == nil else {
                    throw fail(
                        firstLine, "a step has one ```sockshell block (the command to try); this step already has one")
                }
                let command = lines.joined(separator: "\n").trimmingWhitespace()
                guard !command.isEmpty else {
                    throw fail(firstLine, "the ```sockshell block is empty: put the command to try in it")
                }
                do throws(CommandSyntaxError) {
                    guard case .complete(let parsed) = try CommandParser.parse(command), parsed != .nothing else {
                        throw CommandSyntaxError("the command is not complete (is a JSON body left open?)")
                    }
                } catch {
                    throw fail(firstLine + 1, "the command to try does not parse: \(error.message)")
                }
                step?.command = command
            case "check":
                guard step?.hasCheckBlock == false else {
                    throw fail(firstLine, "a step has at most one ```check block; put all its checks in one")
                }
                step?.hasCheckBlock = true
                for (offset, line) in lines.enumerated() {
                    let text = line.trimmingWhitespace()
                    if text.isEmpty || text.hasPrefix("#") { continue }
                    let check = LessonCheck(
                        kind: try parseCheck(text, line: firstLine + 1 + offset), line: firstLine + 1 + offset)
                    step?.checks.append(check)
                }
            default:
                // Other blocks (sh, text, console, json) illustrate the prose around them, which may
                // refer to them ("Inside, curl talks..."): they stay in the explanation, fenced.
                step?.explanation.append((["```"] + lines + ["```"]).joined(separator: "\n"))
            }
        }

        func parseCheck(_ text: String, line: Int) throws(LessonFormatError) -> LessonCheck.Kind {
            let word = text.prefix { $0 != " " }
            switch word {
            case "request":
                let parts = text.split(separator: " ").map(String.init)
                guard parts.count == 3, HTTPToken.isToken(parts[1]), parts[2].hasPrefix("/") else {
                    throw fail(
                        line,
                        """
                        request needs a method and a path, e.g. request POST /containers/create or request POST \
                        /containers/$id/start
                        """
                    )
                }
                return .request(RequestPattern(method: parts[1], path: parts[2]))
            case "command":
                let named = text.dropFirst("command".count).trimmingWhitespace()
                guard LessonParser.checkedCommands.contains(named) else {
                    throw fail(line, "command needs tap or !, the shell commands a step can be checked after")
                }
                return .command(named)
            case "expect", "let":
                do throws(CommandSyntaxError) {
                    guard case .complete(let parsed) = try CommandParser.parse(text) else {
                        throw CommandSyntaxError("it is not complete")
                    }
                    if case .expect = parsed { return .expect(text) }
                    if case .capture = parsed { return .capture(text) }
                    throw CommandSyntaxError("it is not a check")
                } catch {
                    throw fail(line, "\(word): \(error.message)")
                }
            default:
                throw fail(
                    line,
                    """
                    '\(text)' is not a check: a check line is request METHOD PATH, command tap, command !, expect ... \
                    or let NAME = ...
                    """
                )
            }
        }

        mutating func endStep() throws(LessonFormatError) {
            guard let pending = step else { return }
            guard let command = pending.command else {
                throw fail(pending.line, "step '\(pending.title)' has no ```sockshell block with the command to try")
            }
            steps.append(
                LessonStep(
                    title: pending.title, explanation: pending.explanation.joined(separator: "\n\n"), command: command,
                    checks: pending.checks, hint: pending.hint, notice: pending.notice))
            step = nil
        }

        mutating func finish(name: String, lastLine: Int) throws(LessonFormatError) -> Lesson {
            if let open = fence { throw fail(open.line, "the \(open.marker) block that starts here is not closed") }
            try endParagraph()
            guard let title else { throw fail(1, "a lesson starts with a '# Title' heading") }
            guard let goal else { throw fail(lastLine, "the lesson needs a 'Goal:' paragraph after its title") }
            try endStep()
            guard !steps.isEmpty else {
                throw fail(lastLine, "the lesson has no steps: each '## Step title' heading starts one")
            }
            return Lesson(name: name, title: title, goal: goal, needs: needs, cleanup: cleanup, steps: steps)
        }
    }
}
