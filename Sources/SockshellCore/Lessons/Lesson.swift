/// A guided lesson, read from a Markdown file in `lessons/` (the format is in lessons/README.md).
public struct Lesson: Sendable, Equatable {
    /// The file name without `.md`: what `lesson start NAME` takes.
    public var name: String
    public var title: String
    public var goal: String
    public var needs: [Prerequisite]
    public var cleanup: String?
    public var steps: [LessonStep]

    /// The label every resource the lesson creates carries, and that cleanup removes by.
    public var label: String { Self.label(for: name) }

    public static func label(for name: String) -> String { "sockshell.lesson=\(name)" }

    public enum Prerequisite: Sendable, Equatable {
        case image(String)
    }
}

public struct LessonStep: Sendable, Equatable {
    public var title: String
    /// The prose of the step as written (Markdown), with its illustrating code blocks fenced;
    /// `LessonText` lays it out for a terminal.
    public var explanation: String
    /// The command to try, exactly as a learner would type it.
    public var command: String
    public var checks: [LessonCheck]
    public var hint: String?
    public var notice: String?

    /// A step with nothing to check is read, and `next` moves on.
    public var isChecked: Bool { !checks.isEmpty }

    public var requestPattern: RequestPattern? {
        for case .request(let pattern) in checks.map(\.kind) { return pattern }
        return nil
    }

    /// The shell command word (`tap`, `!`) whose running the step checks, instead of an exchange.
    public var commandWord: String? {
        for case .command(let word) in checks.map(\.kind) { return word }
        return nil
    }
}

/// One line of a step's ```check block.
public struct LessonCheck: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `request METHOD PATH`: which exchange the step is about.
        case request(RequestPattern)
        /// `command tap` or `command !`: the step is checked after that shell command, not an exchange
        /// (what a tap saw another client do).
        case command(String)
        /// `expect ...`, kept as text: `$name` is filled in when it is checked.
        case expect(String)
        /// `let NAME = ...`, kept as text, captured when the step passes.
        case capture(String)
    }

    public var kind: Kind
    /// The line in the lesson file, for messages.
    public var line: Int
}

/// The method and path a step's exchange must have: `*` matches anything, `$name` a captured value.
public struct RequestPattern: Sendable, Equatable, CustomStringConvertible {
    public var method: String
    public var path: String

    public init(method: String, path: String) {
        self.method = method
        self.path = path
    }

    public var description: String { "\(method) \(path)" }

    /// True when the exchange's method and target fit; `values` fill `$name` (unknown names match anything).
    public func matches(method: String, target: String, values: [String: String]) -> Bool {
        guard method.uppercased() == self.method.uppercased() else { return false }
        // The query counts only when the pattern has one.
        let compared = path.contains("?") ? target : String(target.prefix { $0 != "?" })
        if Self.glob(Array(filled(values).utf8), Array(compared.utf8)) { return true }
        // A learner may type the 12-digit short form of a captured id, as docker ps shows it.
        let short = values.mapValues { $0.count == 64 ? String($0.prefix(12)) : $0 }
        return short != values && Self.glob(Array(filled(short).utf8), Array(compared.utf8))
    }

    /// The text with known `$name` values filled in (unknown ones stay as typed), for messages.
    public func filledForDisplay(_ values: [String: String]) -> String {
        filled(values, unknown: nil)
    }

    /// The path with `$name` and `${name}` replaced by known values; unknown ones become `*`.
    func filled(_ values: [String: String], unknown: String? = "*") -> String {
        var out = ""
        var rest = Substring(path)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            var after = rest[rest.index(after: dollar)...]
            var braced = false
            if after.first == "{" {
                braced = true
                after = after.dropFirst()
            }
            let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            after = after.dropFirst(name.count)
            if braced, after.first == "}" { after = after.dropFirst() }
            out += values[String(name)] ?? unknown ?? "$\(name)"
            rest = after
        }
        return out + rest
    }

    /// `*` matches any run of bytes (slashes too).
    static func glob(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                star = p
                p += 1
                resume = t
            } else if p < pattern.count, pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}

/// A lesson file that cannot be used, with the file and line and what was expected.
public struct LessonFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}
