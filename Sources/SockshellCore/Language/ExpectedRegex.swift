/// The regular expression of `expect QUERY matches /REGEX/`, compiled once when the line is read
/// rather than again for every result it is checked against. Equal when written the same.
public struct ExpectedRegex: Sendable, Equatable, CustomStringConvertible {
    /// The pattern between the slashes, as written.
    public let pattern: String
    // Regex is not Sendable: it holds a reference to its compiled program. That program is only
    // read after `init` (matching never changes it), so sharing it across threads is safe.
    private nonisolated(unsafe) let regex: Regex<AnyRegexOutput>

    /// Compiles `pattern` (Swift `Regex` syntax); throws its syntax error.
    public init(_ pattern: String) throws {
        self.pattern = pattern
        regex = try Regex(pattern)
    }

    /// Whether the pattern matches somewhere in `text` (searched, not anchored).
    public func isFound(in text: String) -> Bool {
        text.contains(regex)
    }

    /// Where the first match in `text` ends, if there is one.
    public func endOfFirstMatch(in text: String) -> String.Index? {
        text.firstRange(of: regex)?.upperBound
    }

    public var description: String { pattern }

    public static func == (left: ExpectedRegex, right: ExpectedRegex) -> Bool {
        left.pattern == right.pattern
    }
}
