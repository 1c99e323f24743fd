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

    /// Whether a `POST /containers/create` request (its bytes as sent) gives the container this
    /// lesson's label, which the lesson's lists and cleanup find it by.
    public func labels(createRequest bytes: [UInt8]) -> Bool {
        let headEnd: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
        guard let end = (0...max(bytes.count - headEnd.count, 0)).first(where: { bytes[$0...].starts(with: headEnd) }),
            let body = try? JSONValue.parse(Array(bytes[(end + headEnd.count)...]))
        else { return false }
        return body["Labels"]?["sockshell.lesson"]?.stringValue == name
    }

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

    /// True when the exchange's method and target fit. `values` fill `$name` (unknown names match
    /// anything); a captured container id also matches by any prefix (Docker takes a unique one) or
    /// by a name `resolve` says is that container. A `/vX.Y` prefix on the target is looked past
    /// unless the pattern names a version itself. A method of `*` is any method.
    public func matches(
        method: String, target: String, values: [String: String], resolve: (String) -> String? = { _ in nil }
    ) -> Bool {
        guard self.method == "*" || method.uppercased() == self.method.uppercased() else { return false }
        // The query counts only when the pattern has one.
        var compared = path.contains("?") ? target : String(target.prefix { $0 != "?" })
        if !Self.namesVersion(path), let unversioned = Self.droppingVersion(compared) { compared = unversioned }
        return Self.match(pieces(values)[...], Array(compared.utf8)[...], resolve)
    }

    enum Piece: Equatable {
        case literal([UInt8])
        case star
        /// A captured container id: one path segment that is a prefix of it or names it.
        case container(String)
        /// A `$name` with no value yet: anything.
        case unknown(String)
    }

    /// The path cut into literal text, `*`, and `$name` references (resolved from `values`).
    func pieces(_ values: [String: String]) -> [Piece] {
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        func endLiteral() {
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            literal = []
        }
        var rest = Substring(path)
        while let first = rest.first {
            if first == "*" {
                endLiteral()
                pieces.append(.star)
                rest = rest.dropFirst()
                continue
            }
            guard first == "$" else {
                literal += Array(String(first).utf8)
                rest = rest.dropFirst()
                continue
            }
            var after = rest.dropFirst()
            var braced = false
            if after.first == "{" {
                braced = true
                after = after.dropFirst()
            }
            let name = String(after.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
            after = after.dropFirst(name.count)
            if braced, after.first == "}" { after = after.dropFirst() }
            rest = after
            switch values[name] {
            case .some(let value) where Self.isContainerId(value):
                endLiteral()
                pieces.append(.container(value))
            case .some(let value):
                literal += Array(value.utf8)
            case .none:
                endLiteral()
                pieces.append(.unknown(name))
            }
        }
        endLiteral()
        return pieces
    }

    /// 64 lowercase hex digits: what the daemon answers as a container's (or exec's) `Id`.
    static func isContainerId(_ value: String) -> Bool {
        value.utf8.count == 64 && value.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Whether a pattern says which version its path has (`/v9.99/...`, `/v*/...`, `/v$v/...`).
    static func namesVersion(_ path: String) -> Bool {
        guard path.hasPrefix("/v"), let third = path.dropFirst(2).first else { return false }
        return third.isNumber || third == "*" || third == "$"
    }

    /// `/v1.41/version` without `/v1.41`, nil when the target has no version prefix.
    static func droppingVersion(_ target: String) -> String? {
        var rest = target.utf8[...]
        guard rest.starts(with: "/v".utf8) else { return nil }
        rest = rest.dropFirst(2)
        let isDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) }
        let major = rest.prefix(while: isDigit)
        guard !major.isEmpty else { return nil }
        rest = rest.dropFirst(major.count)
        if rest.first == UInt8(ascii: ".") {
            let minor = rest.dropFirst().prefix(while: isDigit)
            guard !minor.isEmpty else { return nil }
            rest = rest.dropFirst(1 + minor.count)
        }
        guard rest.first == UInt8(ascii: "/") else { return nil }
        return String(decoding: rest, as: UTF8.self)
    }

    /// `*` matches any run of bytes (slashes too); a container piece one whole path segment.
    static func match(_ pieces: ArraySlice<Piece>, _ text: ArraySlice<UInt8>, _ resolve: (String) -> String?) -> Bool {
        guard let first = pieces.first else { return text.isEmpty }
        let rest = pieces.dropFirst()
        switch first {
        case .literal(let bytes):
            return text.starts(with: bytes) && match(rest, text.dropFirst(bytes.count), resolve)
        case .star, .unknown:
            var start = text.startIndex
            while true {
                if match(rest, text[start...], resolve) { return true }
                guard start < text.endIndex else { return false }
                start += 1
            }
        case .container(let id):
            let segment = text.prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") }
            guard !segment.isEmpty else { return false }
            let typed = String(decoding: segment, as: UTF8.self)
            guard id.hasPrefix(typed) || resolve(typed) == id else { return false }
            return match(rest, text.dropFirst(segment.count), resolve)
        }
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
