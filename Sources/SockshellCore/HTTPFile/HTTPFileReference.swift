/// What one `{{...}}` of a `.http` file names.
public enum HTTPFileReference: Sendable, Equatable {
    /// `{{name}}`: a file variable, else the sockshell variable of that name (`-e`, `set`, `let`).
    case variable(String)
    /// `{{req.response.body.$.Id}}`: a JSONPath into the body of the request named `req`, as a query.
    case responseBody(request: String, query: JSONQuery)
    /// `{{req.response.headers.Location}}`.
    case responseHeader(request: String, name: String)
    /// `{{$processEnv NAME}}`.
    case processEnvironment(String)
    /// `{{$dotenv NAME}}`: from the `.env` file beside the `.http` file.
    case dotenv(String)
    /// `{{$guid}}` (REST Client), `{{$uuid}}` and `{{$random.uuid}}` (JetBrains).
    case guid
    /// `{{$randomInt MIN MAX}}`: from MIN up to but not including MAX, as REST Client's.
    case randomInt(Int, Int)
    /// `{{$timestamp}}`: seconds since 1970.
    case timestamp

    /// Reads the text between `{{` and `}}`.
    public init(parsing inner: String, line: Int) throws(CommandSyntaxError) {
        let text = inner.trimmingWhitespace()
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if text.hasPrefix("$") {
            self = try Self.system(words, text: text, line: line)
            return
        }
        let parts = text.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 2, parts[1] == "response" || parts[1] == "request" {
            self = try Self.answer(parts, text: text, line: line)
            return
        }
        guard Self.isVariableName(text) else {
            throw CommandSyntaxError(
                """
                {{\(text)}} is not a reference sockshell reads: write {{name}} (letters, digits, _ and -), \
                {{req.response.body.$.Field}}, {{req.response.headers.Name}} or {{$processEnv NAME}}
                """,
                line: line)
        }
        self = .variable(text)
    }

    /// A file variable's name: letters, digits, `_` and `-` (both tools allow `-`; a sockshell
    /// variable's name has no `-`, which the translation says when such a name is not a file's).
    public static func isVariableName(_ text: some StringProtocol) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }

    /// `{{$...}}`: the system variables.
    static func system(_ words: [String], text: String, line: Int) throws(CommandSyntaxError) -> HTTPFileReference {
        switch (words.first ?? "", words.count) {
        case ("$processEnv", 2):
            guard !words[1].hasPrefix("%") else {
                throw CommandSyntaxError(
                    "{{\(text)}} reads a REST Client environment setting, which sockshell has not: name the variable",
                    line: line)
            }
            return .processEnvironment(words[1])
        case ("$dotenv", 2): return .dotenv(words[1])
        case ("$guid", 1), ("$uuid", 1), ("$random.uuid", 1): return .guid
        case ("$timestamp", 1): return .timestamp
        case ("$randomInt", 3):
            guard let low = Int(words[1]), let high = Int(words[2]), low < high else {
                throw CommandSyntaxError("{{\(text)}} needs two whole numbers, the first smaller", line: line)
            }
            return .randomInt(low, high)
        default:
            throw CommandSyntaxError(
                """
                {{\(text)}} is not a system variable sockshell fills: it knows {{$processEnv NAME}}, \
                {{$dotenv NAME}}, {{$guid}}, {{$randomInt MIN MAX}} and {{$timestamp}}
                """,
                line: line)
        }
    }

    /// `{{req.response.body.PATH}}` and `{{req.response.headers.NAME}}`.
    static func answer(_ parts: [String], text: String, line: Int) throws(CommandSyntaxError) -> HTTPFileReference {
        let request = parts[0]
        guard parts[1] == "response" else {
            throw CommandSyntaxError(
                "{{\(text)}} reads the request sent, which sockshell does not keep by name: use response instead",
                line: line)
        }
        guard parts.count == 4 else {
            throw CommandSyntaxError(
                """
                {{\(text)}} names no part of the response: write {{\(request).response.body.$.Field}} or \
                {{\(request).response.headers.Name}}
                """,
                line: line)
        }
        switch parts[2] {
        case "body": return .responseBody(request: request, query: try query(fromJSONPath: parts[3], line: line))
        case "headers": return .responseHeader(request: request, name: parts[3])
        default:
            throw CommandSyntaxError(
                "{{\(text)}}: a response has a body and headers, not \(parts[2]): write body or headers", line: line)
        }
    }

    /// `.a.content-type` as sockshell's query writes it, `.a["content-type"]`: a name that is not
    /// letters, digits and `_` goes in brackets.
    static func bracketingNames(_ query: String) -> String {
        var out = ""
        var rest = Substring(query)
        while let next = rest.firstIndex(where: { $0 == "." || $0 == "[" }) {
            out += rest[..<next]
            if rest[next] == "[" {
                // A bracket is kept whole, dots in its quoted name and all.
                let closing =
                    rest[next...].hasPrefix("[\"")
                    ? rest[next...].firstRange(of: "\"]")?.upperBound
                    : rest[next...].firstIndex(of: "]").map { rest.index(after: $0) }
                let end = closing ?? rest.endIndex
                out += rest[next..<end]
                rest = rest[end...]
                continue
            }
            let after = rest.index(after: next)
            let end = rest[after...].firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
            let name = String(rest[after..<end])
            if name.isEmpty || VariableTemplate.isName(name) {
                out += "." + name
            } else {
                out += (out.isEmpty ? "." : "") + "[\"" + name + "\"]"
            }
            rest = rest[end...]
        }
        return out + rest
    }

    /// A JSONPath as both tools write it (`$.a.b`, `$.a[0].b`, `$[0]`, `$['a b']`, `$.a[*]`, or `*` for the
    /// whole body) as sockshell's query (`.a.b`, `.a[0].b`, `.[0]`, `.["a b"]`, `.`).
    static func query(fromJSONPath path: String, line: Int) throws(CommandSyntaxError) -> JSONQuery {
        var text: String
        if path == "*" || path == "$" {
            text = "."
        } else if path.hasPrefix("$.") {
            text = String(path.dropFirst())
        } else if path.hasPrefix("$[") {
            text = "." + path.dropFirst()
        } else {
            throw CommandSyntaxError(
                "\(path) is not a JSONPath sockshell reads (XPath and others are not): write $.Field, $.a[0].b or $[0]",
                line: line)
        }
        text = bracketingNames(
            text.replacing("['", with: "[\"").replacing("']", with: "\"]").replacing("[*]", with: "[]"))
        do throws(JSONQueryError) {
            return try JSONQuery(parsing: text)
        } catch {
            throw CommandSyntaxError(
                "the JSONPath \(path) is beyond what sockshell reads (\(error.message)): write $.a.b, $.a[0].b or $[0]",
                line: line)
        }
    }
}
