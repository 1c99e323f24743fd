/// A line the command language cannot accept, with the sentence that says why and how to fix it.
public struct CommandSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The 1-based line the command started on, when known.
    public var line: Int?

    public init(_ message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }

    public var description: String { message }
}
