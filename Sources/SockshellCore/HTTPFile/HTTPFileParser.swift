/// Reads the text of a `.http` file (VS Code REST Client, JetBrains HTTP Client) into an `HTTPFile`:
/// `###` separators, request lines, `?`/`&` query continuation lines, headers, a blank line, the body
/// (`< path` and `<@ path` lines in it), `#` and `//` comments, `# @directives` and `@name = value`.
///
/// The line break just before a `###` (or the end of the file) belongs to the file, not to the body:
/// a body line followed by one blank line and `###` ends in one line break. That is what lets
/// `export http` output come back byte for byte.
public enum HTTPFileParser {
    /// The methods both tools list; any other all-capitals token is taken as a method too, as HTTP allows.
    static let knownMethods: Set<String> = [
        "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "CONNECT", "TRACE", "LOCK", "UNLOCK",
        "PROPFIND", "PROPPATCH", "COPY", "MOVE", "MKCOL", "MKCALENDAR", "ACL", "SEARCH",
    ]
    /// JetBrains' request kinds that are not HTTP/1.1 requests.
    static let otherProtocols: Set<String> = ["GRAPHQL", "WEBSOCKET", "GRPC"]

    public static func parse(_ text: String) throws(CommandSyntaxError) -> HTTPFile {
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(
            String.init)
        if lines.last == "" { lines.removeLast() }
        var reader = Reader()
        for (index, line) in lines.enumerated() {
            try reader.read(line, number: index + 1)
        }
        reader.endBlock()
        return reader.file
    }

    /// Where in a block the reader is.
    enum Place {
        /// Before the request line: comments, directives, file variables.
        case preamble
        case headers
        case body
        /// Inside a JetBrains `> {% ... %}` response handler, skipped to its `%}`.
        case handler
    }

    struct Reader {
        var file = HTTPFile()
        var place = Place.preamble
        var name: String?
        var directives: [HTTPFile.Directive] = []
        var request: HTTPFile.Request?

        mutating func read(_ line: String, number: Int) throws(CommandSyntaxError) {
            let trimmed = line.trimmingWhitespace()
            if trimmed.hasPrefix("###") {
                endBlock()
                return
            }
            switch place {
            case .preamble: try readPreamble(trimmed, number: number)
            case .headers: try readHeader(line, trimmed: trimmed, number: number)
            case .body: readBody(line, trimmed: trimmed, number: number)
            case .handler:
                if trimmed.hasSuffix("%}") { place = .body }
            }
        }

        mutating func endBlock() {
            // The line break before `###` is the file's (see the type's comment): the body's lines
            // are joined by line breaks, none after the last.
            if let request { file.requests.append(request) }
            request = nil
            name = nil
            directives = []
            place = .preamble
        }

        mutating func readPreamble(_ trimmed: String, number: Int) throws(CommandSyntaxError) {
            if trimmed.isEmpty { return }
            if let comment = Self.comment(trimmed) {
                readComment(comment, number: number)
                return
            }
            if trimmed.hasPrefix("@") {
                file.variables.append(try Self.variable(trimmed, number: number))
                return
            }
            request = try Self.requestLine(trimmed, number: number, name: name, directives: directives)
            place = .headers
        }

        /// A comment's text, when the line is one.
        static func comment(_ trimmed: String) -> String? {
            if trimmed.hasPrefix("#") { return String(trimmed.dropFirst()) }
            if trimmed.hasPrefix("//") { return String(trimmed.dropFirst(2)) }
            return nil
        }

        /// `# @name req`, `# @name=req`, `# @no-redirect`, `# @prompt id Description`.
        mutating func readComment(_ comment: String, number: Int) {
            let text = comment.trimmingWhitespace()
            guard text.hasPrefix("@") else { return }
            let words = text.dropFirst()
            let nameEnd = words.firstIndex { $0 == " " || $0 == "\t" || $0 == "=" } ?? words.endIndex
            let directive = String(words[..<nameEnd])
            var argument = String(words[nameEnd...]).trimmingWhitespace()
            if argument.hasPrefix("=") { argument = String(argument.dropFirst()).trimmingWhitespace() }
            if directive == "name" {
                name = argument
            } else {
                directives.append(HTTPFile.Directive(name: directive, argument: argument, line: number))
            }
        }

        /// `@name = value`.
        static func variable(_ trimmed: String, number: Int) throws(CommandSyntaxError) -> HTTPFile.Variable {
            let text = trimmed.dropFirst()
            guard let equals = text.firstIndex(of: "=") else {
                throw CommandSyntaxError(
                    "'\(trimmed)' defines no value: write @name = value (a file variable)", line: number)
            }
            let name = String(text[..<equals]).trimmingWhitespace()
            guard HTTPFileReference.isVariableName(name) else {
                throw CommandSyntaxError(
                    "'\(trimmed)' has no variable name before '=': write @name = value (letters, digits, _ and -)",
                    line: number)
            }
            let value = String(text[text.index(after: equals)...]).trimmingWhitespace()
            return HTTPFile.Variable(name: name, value: value, line: number)
        }

        /// `METHOD URL [HTTP/1.1]`, or a URL alone for GET.
        static func requestLine(
            _ trimmed: String, number: Int, name: String?, directives: [HTTPFile.Directive]
        ) throws(CommandSyntaxError) -> HTTPFile.Request {
            var words = Self.words(trimmed)
            var method = "GET"
            if words.count > 1 {
                let first = words[0].uppercased()
                if otherProtocols.contains(first) {
                    throw CommandSyntaxError(
                        "\(first) requests are not HTTP/1.1 requests sockshell can send: remove this one", line: number)
                }
                guard knownMethods.contains(first) || words[0].allSatisfy({ $0.isUppercase && $0.isLetter }) else {
                    throw CommandSyntaxError(
                        "'\(trimmed)' is not a request line: write METHOD URL [HTTP/1.1], e.g. GET /_ping", line: number
                    )
                }
                method = first
                words.removeFirst()
            }
            var version: String?
            if words.count > 1, let last = words.last, last.uppercased().hasPrefix("HTTP/") {
                guard last == "HTTP/1.1" || last == "HTTP/1.0" else {
                    throw CommandSyntaxError(
                        "sockshell speaks HTTP/1.1 and HTTP/1.0, not \(last): write HTTP/1.1 or leave it out",
                        line: number)
                }
                version = last
                words.removeLast()
            }
            guard words.count == 1 else {
                throw CommandSyntaxError(
                    "'\(trimmed)' has a space in its URL: write it as %20, then METHOD URL [HTTP/1.1]", line: number)
            }
            return HTTPFile.Request(
                name: name, method: method, url: words[0], version: version, headers: [], body: [],
                directives: directives, line: number)
        }

        /// The words of a request line: spaces inside `{{ }}` (`{{$randomInt 1 9}}`) do not split it.
        static func words(_ line: String) -> [String] {
            var words: [String] = []
            var word = ""
            var depth = 0
            var previous: Character?
            for character in line {
                if character == "{" && previous == "{" { depth += 1 }
                if character == "}" && previous == "}" && depth > 0 { depth -= 1 }
                previous = character
                if (character == " " || character == "\t") && depth == 0 {
                    if !word.isEmpty { words.append(word) }
                    word = ""
                } else {
                    word.append(character)
                }
            }
            if !word.isEmpty { words.append(word) }
            return words
        }

        mutating func readHeader(_ line: String, trimmed: String, number: Int) throws(CommandSyntaxError) {
            guard var current = request else { return }
            if trimmed.isEmpty {
                place = .body
                return
            }
            if current.headers.isEmpty, trimmed.hasPrefix("?") || trimmed.hasPrefix("&") {
                current.url += trimmed
                request = current
                return
            }
            if Self.comment(trimmed) != nil { return }
            if trimmed.hasPrefix(">") || trimmed.hasPrefix("<>") {
                // JetBrains puts a response handler or redirection right under the headers of a request
                // with no body.
                place = .body
                readBody(line, trimmed: trimmed, number: number)
                return
            }
            // A field name is an HTTP token (RFC 9110 §5.1), as a typed -H header's is.
            guard let colon = trimmed.firstIndex(of: ":"), HTTPToken.isToken(String(trimmed[..<colon])) else {
                throw CommandSyntaxError(
                    """
                    '\(trimmed)' is not a header (Name: value): put a blank line between the headers and the \
                    body, and ### between requests
                    """,
                    line: number)
            }
            let value = String(trimmed[trimmed.index(after: colon)...]).trimmingWhitespace()
            current.headers.append(HTTPFile.Header(name: String(trimmed[..<colon]), value: value, line: number))
            request = current
        }

        mutating func readBody(_ line: String, trimmed: String, number: Int) {
            guard var current = request else { return }
            defer { request = current }
            if trimmed.hasPrefix("> {%") {
                file.notes.append(
                    HTTPFileNote(
                        line: number, message: "the response handler script is ignored: sockshell runs no JavaScript"))
                if !trimmed.hasSuffix("%}") || trimmed == "> {%" { place = .handler }
                return
            }
            if trimmed.hasPrefix(">>") {
                file.notes.append(
                    HTTPFileNote(
                        line: number,
                        message: "the response is not written to a file (>>): use export or --record for that"))
                return
            }
            if trimmed.hasPrefix("<>") {
                file.notes.append(
                    HTTPFileNote(line: number, message: "the previous-response reference (<>) is ignored"))
                return
            }
            if trimmed.hasPrefix("> ") {
                file.notes.append(
                    HTTPFileNote(
                        line: number, message: "the response handler script is ignored: sockshell runs no JavaScript"))
                return
            }
            if trimmed.hasPrefix("<") {
                var rest = trimmed.dropFirst()
                var fills = false
                if rest.hasPrefix("@") {
                    // `<@ file` fills references; `<@latin1 file` names an encoding, read as UTF-8 here.
                    fills = true
                    rest = rest.drop { !$0.isWhitespace }
                }
                let path = String(rest).trimmingWhitespace()
                if rest.first?.isWhitespace == true, !path.isEmpty {
                    current.body.append(.file(path: path, fillsReferences: fills, line: number))
                    return
                }
            }
            current.body.append(.text(line, line: number))
        }
    }
}
