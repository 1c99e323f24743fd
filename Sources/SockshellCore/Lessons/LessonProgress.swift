/// How far a learner got in a lesson, saved between runs as a few lines of text.
public struct LessonProgress: Sendable, Equatable {
    /// The current step, from 0.
    public var step: Int
    public var finished: Bool
    /// Values captured by `let` checks, for later steps.
    public var captures: [String: String]
    /// Steps (from 0) that passed their checks.
    public var passed: Set<Int>
    /// Checked steps (from 0) left with `next` before they passed: the completion line counts them.
    public var skipped: Set<Int>

    public init(
        step: Int = 0, finished: Bool = false, captures: [String: String] = [:], passed: Set<Int> = [],
        skipped: Set<Int> = []
    ) {
        self.step = step
        self.finished = finished
        self.captures = captures
        self.passed = passed
        self.skipped = skipped
    }

    /// The current step passed: it is no longer a skipped one.
    public mutating func pass() {
        passed.insert(step)
        skipped.remove(step)
    }

    /// `next` on a step with checks that never passed.
    public mutating func skip() {
        if !passed.contains(step) { skipped.insert(step) }
    }

    /// `, 1 skipped (step 2)`, or nothing when none was skipped.
    public var skippedNote: String { LessonPhrases.skippedNote(skipped, .english) }

    static let header = "# sockshell lesson progress"

    public var text: String {
        var lines = [Self.header, "step \(step + 1)"]
        if finished { lines.append("finished") }
        for (word, steps) in [("passed", passed), ("skipped", skipped)] where !steps.isEmpty {
            lines.append(word + " " + steps.sorted().map { String($0 + 1) }.joined(separator: " "))
        }
        for name in captures.keys.sorted() { lines.append("let \(name) = \(captures[name] ?? "")") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads saved progress; nil when the text is not progress (then the lesson starts over).
    public init?(text: String, stepCount: Int) {
        let lines = text.split(separator: "\n").map(String.init)
        guard lines.first == Self.header else { return nil }
        self.init()
        for line in lines.dropFirst() {
            if line.hasPrefix("step "), let number = Int(line.dropFirst(5)), number >= 1 {
                step = min(number - 1, max(stepCount - 1, 0))
            } else if line == "finished" {
                finished = true
            } else if line.hasPrefix("passed ") || line.hasPrefix("skipped ") {
                let steps = Set(
                    line.split(separator: " ").dropFirst().compactMap { Int($0) }.filter { $0 >= 1 && $0 <= stepCount }
                        .map { $0 - 1 })
                if line.hasPrefix("passed ") { passed = steps } else { skipped = steps }
            } else if line.hasPrefix("let "), let equals = line.firstIndex(of: "=") {
                let name = line[line.index(line.startIndex, offsetBy: 4)..<equals].trimmingWhitespace()
                captures[name] = String(line[line.index(after: equals)...]).trimmingWhitespace()
            }
        }
    }
}
