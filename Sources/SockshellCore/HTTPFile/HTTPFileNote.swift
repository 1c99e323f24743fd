/// One line said on stderr about a `.http` file: what sockshell reads differently or leaves out.
public struct HTTPFileNote: Sendable, Equatable {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}
