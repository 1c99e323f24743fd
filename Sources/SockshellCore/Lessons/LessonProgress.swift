/// How far a learner got in a lesson, saved between runs as a few lines of text.
public struct LessonProgress: Sendable, Equatable {
    /// The current step, from 0.
    public var step: Int
    public var finished: Bool
    /// Values captured by `let` checks, for later steps.
    public var captures: [String: String]

    public init(step: Int = 0, finished: Bool = false, captures: [String: String] = [:]) {
        self.step = step
        self.finished = finished
        self.captures = captures
    }

    static let header = "# sockshell lesson progress"

    public var text: String {
        var lines = [Self.header, "step \(step + 1)"]
        if finished { lines.append("finished") }
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
            } else if line.hasPrefix("let "), let equals = line.firstIndex(of: "=") {
                let name = line[line.index(line.startIndex, offsetBy: 4)..<equals].trimmingWhitespace()
                captures[name] = String(line[line.index(after: equals)...]).trimmingWhitespace()
            }
        }
    }
}
