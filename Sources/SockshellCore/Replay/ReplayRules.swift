/// What a replay does not compare, because it changes from run to run by nature: ids, timestamps,
/// generated names, sizes, versions. The defaults cover the Docker API; `--ignore RULE` adds more.
///
/// A rule is one of:
/// - a key name, `Pid`: that key at any depth;
/// - a glob over key names, `*Path` or `Size*`;
/// - a path, `.State.Pid` or `.[].Names` (`[]` is any array index).
public struct ReplayRules: Sendable, Equatable {
    public private(set) var rules: [String]

    /// Keys whose values differ on every run.
    public static let defaults = [
        // ids and generated names
        "Id", "ID", "id", "*ID", "*Id", "Name", "Names", "name", "Hostname",
        // timestamps
        "Created", "time", "timeNano", "*At", "since", "until",
        // process state
        "Pid", "*Pid", "RestartCount",
        // sizes
        "Size", "Size*", "*Size",
        // versions
        "*Version", "Version*", "GitCommit", "BuildTime",
        // host paths that embed ids or the daemon's data root
        "*Path", "SandboxKey", "Data",
    ]

    /// The rules sorted once by kind, since every key of every compared body is looked up.
    private let keys: Set<String>
    private let globs: [(head: Substring, tail: Substring)]
    private let otherGlobs: [String]
    private let paths: [(parts: [String], anyIndex: Bool)]

    public init(extra: [String] = []) {
        rules = Self.defaults + extra
        var keys = Set<String>()
        var globs: [(Substring, Substring)] = []
        var otherGlobs: [String] = []
        var paths: [([String], Bool)] = []
        for rule in rules {
            if rule.hasPrefix(".") {
                paths.append((rule.dropFirst().split(separator: ".").map(String.init), rule.hasPrefix(".[]")))
            } else if !rule.contains("*") {
                keys.insert(rule)
            } else if rule.filter({ $0 == "*" }).count == 1, let star = rule.firstIndex(of: "*") {
                globs.append((rule[..<star], rule[rule.index(after: star)...]))
            } else {
                otherGlobs.append(rule)
            }
        }
        self.keys = keys
        self.globs = globs
        self.otherGlobs = otherGlobs
        self.paths = paths
    }

    public static func == (lhs: ReplayRules, rhs: ReplayRules) -> Bool { lhs.rules == rhs.rules }

    /// Checks a user's rule, so a typo is reported before the replay starts.
    public static func validate(_ rule: String) -> String? {
        if rule.isEmpty { return "an --ignore rule is empty: give a key (Pid), a glob (*Path) or a path (.State.Pid)" }
        if rule.hasPrefix(".") {
            let parts = rule.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
            if parts.contains(where: \.isEmpty) {
                return "'\(rule)' is not a path: write it as .State.Pid or .[].Names"
            }
        }
        return nil
    }

    /// True when the value at `path` (keys and `[]` for array indices) is not compared.
    public func ignores(_ path: [String]) -> Bool {
        guard let last = path.last(where: { $0 != "[]" }) else { return false }
        if keys.contains(last) { return true }
        for (head, tail) in globs
        where last.count >= head.count + tail.count && last.hasPrefix(head) && last.hasSuffix(tail) { return true }
        for rule in otherGlobs where Self.glob(rule, matches: last) { return true }
        for (parts, anyIndex) in paths {
            if parts == path || (anyIndex && parts.count < path.count && Array(path.suffix(parts.count)) == parts) {
                return true
            }
        }
        return false
    }

    static func glob(_ pattern: String, matches name: String) -> Bool {
        if !pattern.contains("*") { return pattern == name }
        let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var rest = Substring(name)
        guard let first = pieces.first, rest.hasPrefix(first) else { return false }
        rest = rest.dropFirst(first.count)
        for (offset, piece) in pieces.enumerated().dropFirst() {
            if piece.isEmpty { continue }
            if offset == pieces.count - 1 { return rest.hasSuffix(piece) && rest.count >= piece.count }
            guard let found = firstRange(of: piece, in: rest) else { return false }
            rest = rest[found...].dropFirst(piece.count)
        }
        return true
    }

    private static func firstRange(of needle: String, in text: Substring) -> Substring.Index? {
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix(needle) { return index }
            index = text.index(after: index)
        }
        return nil
    }

    /// Strings that are volatile wherever they appear: RFC 3339 timestamps.
    static func isVolatileValue(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(11))
        guard bytes.count == 11 else { return false }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9]
        return digits.allSatisfy { (0x30...0x39).contains(bytes[$0]) } && bytes[4] == 0x2D && bytes[7] == 0x2D
            && bytes[10] == UInt8(ascii: "T")
    }
}
