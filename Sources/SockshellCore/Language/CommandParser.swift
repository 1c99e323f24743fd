/// Turns the text of one command into a `Command`, or says that a JSON body needs more lines.
public enum CommandParser {
    /// What a command's text parsed to.
    public enum Parsed: Sendable, Equatable {
        case complete(Command)
        /// The body opens a JSON object or array that is not closed yet.
        case needsMoreLines
    }

    /// The standard methods of RFC 9110 and RFC 5789, accepted in any case and sent upper-case.
    public static let standardMethods = [
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
    ]
    /// The shell's own command words, for suggestions (declared in ShellCommandTable).
    public static var commandNames: [String] { ShellCommandTable.commandWords }

    public static func parse(_ text: String) throws(CommandSyntaxError) -> Parsed {
        var openBody: Substring?
        return try parse(text, openBody: &openBody)
    }

    /// As `parse(_:)`; when a request's JSON body is what needs more lines, `openBody` is that
    /// body so far, so a continuation can be scanned line by line (`LineAssembler`).
    public static func parse(_ text: String, openBody: inout Substring?) throws(CommandSyntaxError) -> Parsed {
        var scanner = WordScanner(text)
        guard let word = scanner.nextWord() else { return .complete(.nothing) }
        if word.hasPrefix("#") { return .complete(.nothing) }
        if word.hasPrefix("!") {
            let line = text.trimmingWhitespace().dropFirst().trimmingWhitespace()
            guard !line.isEmpty else {
                throw CommandSyntaxError("! needs a command line to run, e.g. !docker ps (DOCKER_HOST is the last tap)")
            }
            return .complete(.shell(line))
        }
        if CurlCommandLine.isCurlLine(text) {
            // A trailing backslash continues a pasted curl command, as in a POSIX shell.
            let trailingBackslashes = text.reversed().prefix { $0 == "\\" }.count
            if trailingBackslashes % 2 == 1 { return .needsMoreLines }
            return .complete(.curl(try CurlCommandLine.parse(text)))
        }

        switch word {
        case EventBlock.opener:
            return try EventBlock.parse(text)
        case "raw":
            return .complete(.raw(try RawEscapes.decode(scanner.rest(dropOneSpace: true))))
        case "header":
            return .complete(.header(try parseHeaderCommand(scanner.rest().trimmingWhitespace())))
        case "connect":
            let argument = scanner.rest().trimmingWhitespace()
            if argument.isEmpty {
                throw CommandSyntaxError(
                    """
                    connect needs an endpoint, e.g. connect unix:///var/run/docker.sock or connect \
                    tcp://127.0.0.1:2375 or connect --context NAME
                    """
                )
            }
            if argument == "--context" || argument.hasPrefix("--context ") || argument.hasPrefix("--context=") {
                let name = argument.dropFirst("--context".count).drop { $0 == " " || $0 == "=" }.trimmingWhitespace()
                guard !name.isEmpty, !name.contains(" ") else {
                    throw CommandSyntaxError(
                        "connect --context needs one context name, e.g. connect --context default (contexts lists them)"
                    )
                }
                return .complete(.connectContext(name))
            }
            do {
                return .complete(.connect(try Endpoint(parsing: argument)))
            } catch {
                throw CommandSyntaxError(error.description)
            }
        case "view":
            let argument = scanner.rest().trimmingWhitespace()
            if argument.isEmpty { return .complete(.view(nil)) }
            guard let mode = ViewMode(rawValue: argument.lowercased()) else {
                throw CommandSyntaxError(
                    """
                    unknown view '\(argument)': choose one of \
                    \(ViewMode.allCases.map(\.rawValue).joined(separator: ", "))
                    """
                )
            }
            return .complete(.view(mode))
        case "lang":
            let code = scanner.rest().trimmingWhitespace()
            if code.isEmpty { return .complete(.language(nil)) }
            guard let language = ShellLanguage(code: code) else {
                throw CommandSyntaxError(ShellLanguage.unknownCodeMessage(code))
            }
            return .complete(.language(language))
        case "help":
            let topic = scanner.rest().trimmingWhitespace()
            return .complete(.help(topic: topic.isEmpty ? nil : topic))
        case "explain":
            let topic = scanner.rest().trimmingWhitespace()
            return .complete(.explain(topic: topic.isEmpty ? nil : topic))
        case "warnings":
            switch scanner.rest().trimmingWhitespace() {
            case "": return .complete(.warnings(nil))
            case "on": return .complete(.warnings(true))
            case "off": return .complete(.warnings(false))
            case let other:
                throw CommandSyntaxError(
                    "warnings takes on or off, not '\(other)' (warnings alone says which it is)")
            }
        case "exit", "quit":
            return .complete(.exit)
        case "history":
            return .complete(.history)
        case "contexts":
            return .complete(.contexts)
        case "endpoint":
            return .complete(.whichEndpoint)
        case "sockets":
            return .complete(.sockets)
        case "api-version":
            let argument = scanner.rest().trimmingWhitespace()
            switch argument {
            case "": return .complete(.apiVersion(.show))
            case "off": return .complete(.apiVersion(.off))
            case "negotiate": return .complete(.apiVersion(.negotiate))
            default: return .complete(.apiVersion(.set(try APIVersion(parsing: argument))))
            }
        case "jobs":
            return .complete(.jobs)
        case "edit":
            return .complete(.edit)
        case "vars":
            return .complete(.vars)
        case "let":
            let (name, source) = try parseAssignment(scanner.rest(), command: "let", example: "let id = .Id")
            if source == "status" { return .complete(.capture(name: name, from: .status)) }
            if source == "header" || source.hasPrefix("header ") {
                let header = source.dropFirst(7).trimmingWhitespace()
                guard HTTPToken.isToken(header) else {
                    throw CommandSyntaxError(
                        "let \(name) = header needs a header name, e.g. let version = header Api-Version")
                }
                return .complete(.capture(name: name, from: .header(header)))
            }
            do {
                return .complete(.capture(name: name, from: .query(try JSONQuery(parsing: source))))
            } catch {
                throw CommandSyntaxError("let \(name): \(error.message) (queries look like .Id, .[0].Names[0], length)")
            }
        case "expect":
            return .complete(.expect(try Expectation.parse(scanner.rest().trimmingWhitespace())))
        case "export":
            let words = scanner.rest().split(separator: " ").map(String.init)
            if let first = words.first, let fileFormat = ExportFileFormat(rawValue: first) {
                let path = try ShellWords.split(String(scanner.rest().trimmingWhitespace().dropFirst(first.count)))
                guard path.count == 1 else {
                    throw CommandSyntaxError(
                        """
                        export \(first) needs one file, e.g. export \(first) \
                        session.\(fileFormat == .har ? "har" : "sks")
                        """
                    )
                }
                return .complete(.exportFile(fileFormat, path: path[0]))
            }
            guard let first = words.first, let format = ExportFormat(rawValue: first), words.count <= 2 else {
                throw CommandSyntaxError(
                    """
                    export needs a format: export curl [N] or export http [N] (N is an exchange number; the last one \
                    by default), or export har FILE or export script FILE
                    """
                )
            }
            var number: Int?
            if words.count == 2 {
                guard let value = Int(words[1]), value > 0 else {
                    throw CommandSyntaxError("'\(words[1])' is not an exchange number: export \(first) 3")
                }
                number = value
            }
            return .complete(.export(format, exchange: number))
        case "lesson", "next", "back", "hint", "check", "where":
            return .complete(.lesson(try LessonCommand.parse(word, scanner.rest().trimmingWhitespace())))
        case "record":
            return .complete(.record(try RecordingCommands.parseRecord(scanner.rest())))
        case "replay":
            return .complete(.replay(try RecordingCommands.parseReplay(scanner.rest())))
        case "show":
            return .complete(try RecordingCommands.parseShow(scanner.rest().trimmingWhitespace()))
        case "echo":
            // Parsed once here and kept: a template that does not parse is a syntax error now.
            return .complete(.echo(try VariableTemplate(parsing: scanner.rest(dropOneSpace: true))))
        case "sleep":
            let argument = scanner.rest().trimmingWhitespace()
            let number = argument.hasSuffix("s") ? String(argument.dropLast()) : argument
            guard let seconds = Double(number), seconds >= 0, seconds.isFinite else {
                throw CommandSyntaxError("sleep needs a number of seconds, e.g. sleep 1.5")
            }
            return .complete(.sleep(seconds: seconds))
        case "send":
            let text = scanner.rest(dropOneSpace: true)
            guard !text.isEmpty else {
                throw CommandSyntaxError("send needs the text to type into the live session, e.g. send ls /\\n")
            }
            // The escapes are checked now; they are decoded once the variables are filled.
            _ = try RawEscapes.decode(text)
            return .complete(.send(try VariableTemplate(parsing: text)))
        case "close":
            guard scanner.rest().trimmingWhitespace().isEmpty else {
                throw CommandSyntaxError("close takes nothing: it ends the live session's input (a half-close)")
            }
            return .complete(.closeInput)
        case "attach", "exec", "run":
            let kind = DockerCommandKind(rawValue: word) ?? .run
            let text = scanner.rest().trimmingWhitespace()
            // Checked now, so a script with a bad option fails before it runs; parsed again when run.
            _ = try DockerCommand(kind, text: text)
            return .complete(.docker(kind, arguments: try VariableTemplate(parsing: text)))
        case "tap":
            var argument = scanner.rest().trimmingWhitespace()
            let background = argument.hasSuffix("&")
            if background { argument = String(argument.dropLast()).trimmingWhitespace() }
            guard !argument.isEmpty, !argument.contains(" ") else {
                throw CommandSyntaxError(
                    "tap needs one socket path to listen on, e.g. tap /tmp/tap.sock & (then !docker ps goes through it)"
                )
            }
            return .complete(.tap(path: argument, background: background))
        case "source":
            let path = scanner.rest().trimmingWhitespace()
            guard !path.isEmpty else { throw CommandSyntaxError("source needs a script file, e.g. source setup.sks") }
            return .complete(.source(path: path))
        case "set":
            let (name, value) = try parseAssignment(scanner.rest(), command: "set", example: "set image = busybox")
            return .complete(.set(name: name, value: try VariableTemplate(parsing: value)))
        case "wait":
            let argument = scanner.rest().trimmingWhitespace()
            if argument.isEmpty { return .complete(.waitForJobs(nil)) }
            let digits = argument.hasPrefix("%") ? String(argument.dropFirst()) : argument
            guard let number = Int(digits), number > 0 else {
                throw CommandSyntaxError(
                    "wait takes a job number, e.g. wait 1 (jobs lists them), or nothing to wait for every job")
            }
            return .complete(.waitForJobs(number))
        case "fg", "stop":
            let argument = scanner.rest().trimmingWhitespace()
            let digits = argument.hasPrefix("%") ? String(argument.dropFirst()) : argument
            guard let number = Int(digits), number > 0 else {
                throw CommandSyntaxError("\(word) needs a job number, e.g. \(word) 1 (jobs lists them)")
            }
            return .complete(word == "fg" ? .foreground(job: number) : .stopJob(number))
        default:
            return try parseRequest(method: word, scanner: &scanner, openBody: &openBody)
        }
    }

    private static func parseRequest(
        method word: String, scanner: inout WordScanner, openBody: inout Substring?
    ) throws(CommandSyntaxError) -> Parsed {
        let upper = word.uppercased()
        let isStandard = standardMethods.contains(upper)
        var peek = scanner
        let target = peek.nextWord()
        // A lower-case word close to a command name is a typo, not an extension method.
        let typoOfCommand = !isStandard && word != upper && NearestWord.find(word, among: commandNames) != nil
        let looksLikeRequest = isStandard || (!typoOfCommand && (target.map(RequestLineParser.isTargetShaped) ?? false))
        guard looksLikeRequest else {
            throw CommandSyntaxError(unknownCommandMessage(word))
        }
        guard HTTPToken.isToken(word) else {
            throw CommandSyntaxError(
                """
                '\(word)' is not a valid HTTP method: a method is a token of letters, digits and !#$%&'*+-.^_`|~ (for \
                example GET or PROPFIND)
                """
            )
        }
        let method = isStandard ? upper : word
        return try RequestLineParser.parse(method: method, text: scanner.rest(), openBody: &openBody)
    }

    /// `NAME = value` (spaces around `=` optional); the value is the rest of the line, trimmed.
    static func parseAssignment(_ text: String, command: String, example: String) throws(CommandSyntaxError) -> (
        String, String
    ) {
        guard let equals = text.firstIndex(of: "=") else {
            throw CommandSyntaxError("\(command) needs NAME = value, e.g. \(example)")
        }
        let name = text[..<equals].trimmingWhitespace()
        let value = text[text.index(after: equals)...].trimmingWhitespace()
        guard VariableTemplate.isName(name) else {
            throw CommandSyntaxError(
                """
                '\(name)' is not a variable name: use letters, digits and _, not starting with a digit (e.g. \(example))
                """
            )
        }
        guard !["status", "body"].contains(name) else {
            throw CommandSyntaxError("$\(name) is built in (the last exchange's \(name)): choose another name")
        }
        return (name, value)
    }

    private static func parseHeaderCommand(_ argument: String) throws(CommandSyntaxError) -> HeaderCommand {
        if argument.isEmpty { return .list }
        if argument == "-d" || argument.hasPrefix("-d ") {
            let name = argument.dropFirst(2).trimmingWhitespace()
            guard HTTPToken.isToken(name) else {
                throw CommandSyntaxError("header -d needs a header name, e.g. header -d Content-Type")
            }
            return .remove(name: name)
        }
        var text = argument
        if argument.hasPrefix("'") || argument.hasPrefix("\"") {
            var words = WordScanner(argument)
            text = try words.nextShellWord() ?? argument
        }
        return .set(try HeaderField(typed: text))
    }

    static func unknownCommandMessage(_ word: String) -> String {
        let candidates = commandNames + standardMethods
        if let nearest = NearestWord.find(word, among: candidates) {
            return "unknown command '\(word)': did you mean \(nearest)? (help lists commands)"
        }
        return "unknown command '\(word)': type help for the list of commands, or METHOD /path to send a request"
    }
}
