/// Why some bytes are not JSON, and where: the byte offset counts from the start of the input.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The input stopped inside a value (or held no value at all).
        case unexpectedEnd
        /// A byte that cannot start or continue what was being read.
        case unexpectedByte
        /// Something that starts like `true`, `false` or `null` but isn't.
        case invalidLiteral
        case invalidNumber
        /// A backslash escape that JSON does not define, or a bad `\u` escape.
        case invalidEscape
        /// A `\u` surrogate that is not part of a high-low pair.
        case unpairedSurrogate
        /// A raw control character (below U+0020) inside a string; JSON requires an escape.
        case controlCharacterInString
        case invalidUTF8
        /// Arrays and objects nested deeper than `JSONParser.maximumDepth`.
        case tooDeep
        /// More than whitespace after the value.
        case trailingContent
    }

    public var kind: Kind
    /// Offset of the offending byte from the start of the input.
    public var offset: Int
    /// What was wrong, as a sentence fragment without the offset.
    public var problem: String

    public init(_ kind: Kind, at offset: Int, _ problem: String) {
        self.kind = kind
        self.offset = offset
        self.problem = problem
    }

    public var description: String { "invalid JSON at byte \(offset): \(problem)" }
}
