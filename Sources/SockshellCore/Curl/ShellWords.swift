/// Splits a pasted command line into words as a POSIX shell would, without expanding anything: the curl
/// line's view over `ShellTokenizer` in its `.posixShell` dialect (operators, line breaks, comments,
/// backslash-newline continuations, `$'...'`). Words are bytes because `$'\xff'` can make bytes that
/// are not UTF-8.
public enum ShellWords {
    /// One piece of a command line.
    public enum Token: Sendable, Equatable {
        case word([UInt8])
        /// An unquoted control operator (`&`, `|`, `;`, `<`, `>`, `(`, `)`, runs of them such as
        /// `&&`), or `"\n"` for a line break that is not escaped.
        case control(String)
    }

    /// The words and operators of `text`, in order.
    public static func tokens(_ text: String) throws(CommandSyntaxError) -> [Token] {
        try ShellTokenizer.tokens(text, dialect: .posixShell).map { (token) throws(CommandSyntaxError) -> Token in
            switch token.unclosedQuote {
            case .single:
                throw CommandSyntaxError("unclosed single quote: add the closing ' at the end of the quoted text")
            case .double:
                throw CommandSyntaxError("unclosed double quote: add the closing \" at the end of the quoted text")
            case .ansiC:
                throw CommandSyntaxError("unclosed $'...' quote: add the closing ' at the end of the quoted text")
            case nil:
                switch token.kind {
                case .word: return .word(token.value)
                case .control(let op): return .control(op)
                }
            }
        }
    }

    /// The words of `text` as strings; any unquoted operator or line break is an error.
    public static func split(_ text: String) throws(CommandSyntaxError) -> [String] {
        var words: [String] = []
        for token in try tokens(text) {
            switch token {
            case .word(let bytes):
                words.append(String(decoding: bytes, as: UTF8.self))
            case .control("\n"):
                continue
            case .control(let op):
                throw CommandSyntaxError("unquoted '\(op)' in the command: quote it ('\(op)') if it is part of a word")
            }
        }
        return words
    }
}
