/// A VS Code REST Client / JetBrains HTTP Client `.http` file as written: its file variables and
/// its requests, each with the line it starts on, nothing filled in yet (`HTTPFileParser` reads
/// it, `HTTPFileTranslation` turns it into sockshell commands).
public struct HTTPFile: Sendable, Equatable {
    /// `@name = value`: the value as written, its `{{references}}` unfilled.
    public struct Variable: Sendable, Equatable {
        public var name: String
        public var value: String
        public var line: Int
    }

    /// One header line of a request.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public var line: Int
    }

    /// A piece of a request's body: text lines as written, or a `< path` line (`<@ path` when the
    /// file's `{{references}}` are filled too).
    public enum BodyPart: Sendable, Equatable {
        case text(String, line: Int)
        case file(path: String, fillsReferences: Bool, line: Int)
    }

    /// A `# @directive` above a request, and its words after the name.
    public struct Directive: Sendable, Equatable {
        public var name: String
        public var argument: String
        public var line: Int
    }

    public struct Request: Sendable, Equatable {
        /// `# @name NAME`: what `{{NAME.response...}}` refers to.
        public var name: String?
        public var method: String
        /// As written, with `?`/`&` continuation lines appended, `{{references}}` unfilled.
        public var url: String
        /// `HTTP/1.1` or `HTTP/1.0` when the request line names it.
        public var version: String?
        public var headers: [Header]
        public var body: [BodyPart]
        /// Every `# @...` line above the request but `@name`.
        public var directives: [Directive]
        /// The request line's number.
        public var line: Int
    }

    public var variables: [Variable]
    public var requests: [Request]
    /// What was read and is not acted on (a response handler script, `>>` output redirection), one
    /// sentence each with its line, for stderr.
    public var notes: [HTTPFileNote]

    public init(variables: [Variable] = [], requests: [Request] = [], notes: [HTTPFileNote] = []) {
        self.variables = variables
        self.requests = requests
        self.notes = notes
    }
}
