/// A command a `.http` file's request became, with the line it came from and the sockshell line
/// that says it (what a recording writes for it).
public struct HTTPFileCommand: Sendable, Equatable {
    public var command: Command
    public var line: Int
    public var text: String
}

/// What the translation reads besides the file's text, handed in by the I/O layer so the core
/// stays pure: the environment, the `.env` file, the files bodies name, and the random and clock values.
public struct HTTPFileInputs {
    /// The `.http` file's folder, as the session names body files (so `< ./body.json` is beside the file).
    public var directory: String
    public var environment: [String: String]
    /// The `.env` file beside the `.http` file, read as NAME=value lines; nil when there is none.
    public var dotenv: [String: String]?
    /// A file's bytes, nil when it cannot be read (given a path made with `directory`).
    public var readFile: (String) -> [UInt8]?
    public var guid: () -> String
    /// A whole number from the first up to but not including the second.
    public var randomInt: (Int, Int) -> Int
    /// Seconds since 1970.
    public var timestamp: () -> Int

    public init(
        directory: String, environment: [String: String], dotenv: [String: String]?,
        readFile: @escaping (String) -> [UInt8]?, guid: @escaping () -> String,
        randomInt: @escaping (Int, Int) -> Int, timestamp: @escaping () -> Int
    ) {
        self.directory = directory
        self.environment = environment
        self.dotenv = dotenv
        self.readFile = readFile
        self.guid = guid
        self.randomInt = randomInt
        self.timestamp = timestamp
    }
}

/// Turns a parsed `.http` file into sockshell commands: each request a request command sent to the
/// session's endpoint (the URL's scheme and host dropped, its path and query kept), each
/// `{{req.response...}}` a `let` capture right after request `req`, and file variables, `$processEnv`,
/// `$dotenv` and the random values filled in as the file is read. `{{name}}` that no `@name` defines
/// is the sockshell variable `$name` (from `-e`, `set` or `let`), checked before anything is sent.
public enum HTTPFileTranslation {
    public static func commands(
        _ file: HTTPFile, inputs: HTTPFileInputs
    ) throws(CommandSyntaxError) -> (commands: [HTTPFileCommand], notes: [HTTPFileNote]) {
        var translator = try Translator(file: file, inputs: inputs)
        return try translator.translate()
    }

    /// The most file variables one may go through to reach a value: past it they refer to each other.
    static let deepestVariableChain = 64

    enum Piece: Equatable {
        case text(String)
        /// A sockshell variable, filled when the command runs.
        case variable(String)
    }

    struct Translator {
        let file: HTTPFile
        let inputs: HTTPFileInputs
        var variables: [String: HTTPFile.Variable] = [:]
        var requestLines: [String: Int] = [:]
        /// The sockshell variable each response reference became, by request and what it reads.
        var captureNames: [String: String] = [:]
        var captures: [String: [(name: String, source: CaptureSource)]] = [:]
        var notes: [HTTPFileNote]
        var hostsNoted: Set<String> = []
        var resolving: [String] = []

        init(file: HTTPFile, inputs: HTTPFileInputs) throws(CommandSyntaxError) {
            self.file = file
            self.inputs = inputs
            notes = file.notes
            for variable in file.variables {
                if let earlier = variables[variable.name] {
                    throw CommandSyntaxError(
                        """
                        @\(variable.name) is defined again (first at line \(earlier.line)): a file variable has one \
                        value here, so rename one of them
                        """,
                        line: variable.line)
                }
                variables[variable.name] = variable
            }
            for request in file.requests {
                guard let name = request.name else { continue }
                if let earlier = requestLines[name] {
                    throw CommandSyntaxError(
                        "# @name \(name) is used again (first at line \(earlier)): give each request its own name",
                        line: request.line)
                }
                requestLines[name] = request.line
            }
        }

        mutating func translate() throws(CommandSyntaxError) -> (commands: [HTTPFileCommand], notes: [HTTPFileNote]) {
            var requests: [(request: HTTPFile.Request, command: RequestCommand)] = []
            for request in file.requests {
                noteDirectives(request)
                requests.append((request, try requestCommand(request)))
            }
            var commands: [HTTPFileCommand] = []
            for (request, command) in requests {
                commands.append(
                    HTTPFileCommand(command: .request(command), line: request.line, text: Self.line(command)))
                for capture in request.name.flatMap({ captures[$0] }) ?? [] {
                    let text: String
                    switch capture.source {
                    case .query(let query): text = "let \(capture.name) = \(query.text)"
                    case .header(let name): text = "let \(capture.name) = header \(name)"
                    case .status: text = "let \(capture.name) = status"
                    }
                    commands.append(
                        HTTPFileCommand(
                            command: .capture(name: capture.name, from: capture.source), line: request.line, text: text
                        ))
                }
            }
            // In the file's order, as a reader goes down it (the parser's notes came first).
            let ordered = notes.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            return (commands, ordered.map(\.element))
        }

        /// The directives both tools document: those sockshell does anyway are taken as they are,
        /// the rest are named on stderr.
        mutating func noteDirectives(_ request: HTTPFile.Request) {
            for directive in request.directives {
                let message: String
                switch directive.name {
                case "no-redirect", "no-cookie-jar":
                    // sockshell never follows a redirect and keeps no cookies: the request is sent as asked.
                    continue
                case "prompt":
                    let name = directive.argument.split(separator: " ").first.map(String.init) ?? "NAME"
                    message = """
                        # @prompt is not asked: sockshell does not prompt; {{\(name)}} is the sockshell variable \
                        $\(name) (pass -e \(name)=VALUE)
                        """
                case "note", "no-log", "timeout", "connection-timeout", "no-auto-encoding", "use-os-credentials",
                    "no-reject-unauthorized":
                    message = "# @\(directive.name) is ignored: sockshell has no such setting"
                default:
                    message = "# @\(directive.name) is not a directive sockshell knows: it is read as a comment"
                }
                notes.append(HTTPFileNote(line: directive.line, message: message))
            }
        }

        mutating func requestCommand(_ request: HTTPFile.Request) throws(CommandSyntaxError) -> RequestCommand {
            let target = try self.target(request)
            var headers = HTTPFields()
            for header in request.headers {
                // sockshell sets Content-Length from the body it sends, as both tools do.
                if HeaderField.namesMatch(header.name, "Content-Length") { continue }
                let value = try pieces(of: header.value, line: header.line, usedAt: request.line)
                headers.append(HeaderField(name: header.name, value: Self.template(value)))
            }
            return RequestCommand(
                method: request.method, target: target, version: request.version ?? "HTTP/1.1", headers: headers,
                body: try body(request))
        }

        /// The path and query of the URL, as a template: the scheme and host are the session's.
        mutating func target(_ request: HTTPFile.Request) throws(CommandSyntaxError) -> String {
            var pieces = try self.pieces(of: request.url, line: request.line, usedAt: request.line)
            var leading = ""
            while case .text(let text) = pieces.first {
                leading += text
                pieces.removeFirst()
            }
            // A fragment is the client's own: it is never sent (RFC 9110 §4.2.4).
            if let fragment = leading.firstIndex(of: "#") {
                leading = String(leading[..<fragment])
                pieces = []
            }
            var rest = Substring(leading)
            var host: String?
            let lowered = leading.lowercased()
            if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
                rest = rest[rest.index(after: rest.firstIndex(of: ":") ?? rest.startIndex)...].dropFirst(2)
                host = ""
            } else if !rest.isEmpty && !rest.hasPrefix("/") && !rest.hasPrefix("?") {
                host = ""  // `localhost:2375/path`: both tools read http:// in front
            }
            if host != nil {
                guard
                    let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" })
                        ?? (pieces.isEmpty ? rest.endIndex : nil)
                else {
                    throw CommandSyntaxError(
                        """
                        the host in \(request.url) is filled only when the request is sent: sockshell sends the path \
                        alone, so write the host out or as a file variable (@host = localhost)
                        """,
                        line: request.line)
                }
                // The note names the host, not the user and password in front of it.
                var named = String(leading[leading.startIndex..<end])
                if let at = named.lastIndex(of: "@") {
                    named.removeSubrange((named.firstRange(of: "://")?.upperBound ?? named.startIndex)...at)
                }
                host = named
                rest = rest[end...]
                if let host, hostsNoted.insert(host).inserted {
                    notes.append(
                        HTTPFileNote(
                            line: request.line,
                            message: """
                                requests go to the session's endpoint, not to \(host): only the path and query are \
                                sent
                                """
                        ))
                }
            } else if rest.isEmpty, case .variable(let name) = pieces.first {
                throw CommandSyntaxError(
                    """
                    the URL starts with $\(name), filled only when the request is sent, so its host and path cannot \
                    be told apart: start the URL with / or define the part before the path with @name = value
                    """,
                    line: request.line)
            }
            var path = String(rest)
            if path.isEmpty || path.hasPrefix("?") { path = "/" + path }
            return Self.template([.text(path)] + pieces)
        }

        mutating func body(_ request: HTTPFile.Request) throws(CommandSyntaxError) -> RequestBody {
            if request.body.count == 1, case .file(let path, false, _) = request.body[0] {
                // Read when sent, byte for byte, as a typed @file body is.
                return .file(FilePath.resolved(path, in: inputs.directory))
            }
            var pieces: [Piece] = []
            for (index, part) in request.body.enumerated() {
                if index > 0 { pieces.append(.text("\n")) }
                switch part {
                case .text(let text, let line):
                    pieces += try self.pieces(of: text, line: line, usedAt: request.line)
                case .file(let path, let fills, let line):
                    let resolved = FilePath.resolved(path, in: inputs.directory)
                    guard let bytes = inputs.readFile(resolved) else {
                        throw CommandSyntaxError(
                            "cannot read \(path) for the body: check the path (it starts at the .http file's folder)",
                            line: line)
                    }
                    let text = String(decoding: bytes, as: UTF8.self)
                    pieces += fills ? try self.pieces(of: text, line: line, usedAt: request.line) : [.text(text)]
                }
            }
            let text = Self.template(pieces)
            return text.isEmpty ? .none : .inline(Array(text.utf8))
        }

        /// Text with `{{references}}` as literal text and the sockshell variables filled when sent.
        mutating func pieces(of text: String, line: Int, usedAt use: Int) throws(CommandSyntaxError) -> [Piece] {
            var pieces: [Piece] = []
            var rest = Substring(text)
            while let open = rest.firstRange(of: "{{") {
                if open.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<open.lowerBound]))) }
                guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
                    throw CommandSyntaxError(
                        "'\(rest[open.lowerBound...])' opens {{ without closing it: write {{name}}", line: line)
                }
                let reference = try HTTPFileReference(
                    parsing: String(rest[open.upperBound..<close.lowerBound]), line: line)
                pieces += try resolve(reference, line: line, usedAt: use)
                rest = rest[close.upperBound...]
            }
            if !rest.isEmpty { pieces.append(.text(String(rest))) }
            return pieces
        }

        mutating func resolve(
            _ reference: HTTPFileReference, line: Int, usedAt use: Int
        ) throws(CommandSyntaxError) -> [Piece] {
            switch reference {
            case .variable(let name):
                if let variable = variables[name] {
                    guard !resolving.contains(name), resolving.count < deepestVariableChain else {
                        throw CommandSyntaxError(
                            """
                            @\(name) refers back to itself (through \(resolving.joined(separator: ", "))): give it \
                            a value
                            """,
                            line: variable.line)
                    }
                    resolving.append(name)
                    defer { resolving.removeLast() }
                    return try pieces(of: variable.value, line: variable.line, usedAt: use)
                }
                guard VariableTemplate.isName(name) else {
                    throw CommandSyntaxError(
                        "{{\(name)}} is not defined: define it in the file with @\(name) = value", line: line)
                }
                return [.variable(name)]
            case .processEnvironment(let name):
                guard let value = inputs.environment[name] else {
                    throw CommandSyntaxError(
                        "{{$processEnv \(name)}}: \(name) is not set in the environment: export it first", line: line)
                }
                return [.text(value)]
            case .dotenv(let name):
                guard let dotenv = inputs.dotenv else {
                    throw CommandSyntaxError(
                        "{{$dotenv \(name)}}: there is no .env file beside the .http file: write \(name)=value in one",
                        line: line)
                }
                guard let value = dotenv[name] else {
                    throw CommandSyntaxError(
                        "{{$dotenv \(name)}}: the .env file beside the .http file has no \(name)=value line", line: line
                    )
                }
                return [.text(value)]
            case .guid: return [.text(inputs.guid())]
            case .randomInt(let low, let high): return [.text(String(inputs.randomInt(low, high)))]
            case .timestamp: return [.text(String(inputs.timestamp()))]
            case .responseBody(let request, let query):
                return [.variable(try capture(request, from: .query(query), line: line, usedAt: use))]
            case .responseHeader(let request, let name):
                return [.variable(try capture(request, from: .header(name), line: line, usedAt: use))]
            }
        }

        /// The sockshell variable a response reference reads, captured right after the named request.
        mutating func capture(
            _ request: String, from source: CaptureSource, line: Int, usedAt use: Int
        ) throws(CommandSyntaxError) -> String {
            guard let requestLine = requestLines[request], requestLine < use else {
                throw CommandSyntaxError(
                    """
                    no request above this one is named \(request): put # @name \(request) above the request whose \
                    answer this reads
                    """,
                    line: line)
            }
            var suffix: String
            switch source {
            case .query(let query): suffix = "body" + query.text
            case .header(let name): suffix = "header_" + name.lowercased()
            case .status: suffix = "status"
            }
            let reference = request + " " + suffix
            if let known = captureNames[reference] { return known }
            var name = Self.variableName(request + "_" + suffix)
            let taken = Set(captureNames.values)
            if taken.contains(name) {
                var number = 2
                while taken.contains("\(name)_\(number)") { number += 1 }
                name = "\(name)_\(number)"
            }
            captureNames[reference] = name
            captures[request, default: []].append((name, source))
            return name
        }

        /// Letters, digits and `_`, the rest turned into `_` (no doubles, none at the end).
        static func variableName(_ text: String) -> String {
            var name = ""
            for character in text {
                let kept = character.isASCII && (character.isLetter || character.isNumber) ? character : "_"
                if kept == "_" && name.hasSuffix("_") { continue }
                name.append(kept)
            }
            while name.hasSuffix("_") { name.removeLast() }
            if name.first?.isNumber ?? true { name = "_" + name }
            return name
        }

        /// The pieces as a sockshell template: literal `$` doubled, variables as `${name}`.
        static func template(_ pieces: [Piece]) -> String {
            pieces.map { piece in
                switch piece {
                case .text(let text): return text.replacing("$", with: "$$")
                case .variable(let name): return "${\(name)}"
                }
            }.joined()
        }

        /// The sockshell line that sends the same request (what a recording and `export script`
        /// write for it), when one does: a JSON body that spans lines is put on one. A request no
        /// line reads back as (a text body over several lines, a text body on GET) is written as a
        /// comment saying so, never as a line that would send something else.
        static func line(_ request: RequestCommand) -> String {
            var words = [request.method, request.target]
            if request.version != "HTTP/1.1" { words.append(request.version) }
            for header in request.headers {
                words += ["-H", ShellWord.quote(Array("\(header.name): \(header.value)".utf8))]
            }
            var sameJSON = false
            switch request.body {
            case .none: break
            case .file(let path): words.append("@" + path)
            case .inline(let bytes):
                let text = String(decoding: bytes, as: UTF8.self)
                // JSON holds no raw line break inside a string, so this is the same JSON on one line.
                sameJSON = text.contains("\n") && (try? JSONValue.parse(bytes)) != nil
                words.append(sameJSON ? text.split(whereSeparator: { $0 == "\n" }).joined(separator: " ") : text)
            }
            let line = words.joined(separator: " ")
            // One line of a script: a line break in it would make two.
            if !line.contains("\n"), case .complete(.request(let back))? = try? CommandParser.parse(line),
                back == request || (sameJSON && Self.sameExceptBody(back, request))
            {
                return line
            }
            return "# \(request.method) \(request.target): its body has no sockshell line; the .http file sends it"
        }

        /// Whether two requests differ at most in their body's bytes, both the same JSON.
        private static func sameExceptBody(_ one: RequestCommand, _ other: RequestCommand) -> Bool {
            guard one.method == other.method, one.target == other.target, one.version == other.version,
                one.headers == other.headers, case .inline(let first) = one.body, case .inline(let second) = other.body
            else { return false }
            return (try? JSONValue.parse(first)) == (try? JSONValue.parse(second))
        }
    }
}
