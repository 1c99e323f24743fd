import SockshellCore

/// Runs lines of the command language (from -c, a script file or stdin) against a session.
public enum ScriptRunner {
    /// Exit statuses, as documented: 0 all well, 1 a request or connection failed (or Ctrl-C),
    /// 2 a usage or syntax error.
    public enum Status: Int32 {
        case success = 0
        case failure = 1
        case syntax = 2
    }

    /// One source of lines and the name its messages carry (`deploy.sks`, `-c`, `stdin`).
    public struct Source {
        public var name: String
        public var lines: [String]
        /// A script file: its run-time failures say `file:line`, as its syntax errors and failed
        /// expectations do. A `-c` command is right there on the command line: its failures are
        /// said as they are.
        public var isFile: Bool
        /// Commands read from another format (a `.http` file's requests): run as they are, `lines` unread.
        var commands: [ParsedCommand]?

        public init(name: String, lines: [String], isFile: Bool = true) {
            self.name = name
            self.lines = lines
            self.isFile = isFile
        }

        /// A file whose commands were read already (a `.http` file's).
        init(name: String, commands: [ParsedCommand]) {
            self.init(name: name, lines: [])
            self.commands = commands
        }

        /// Splits text into lines on LF (a trailing CR is dropped, so CRLF files work).
        public init(name: String, text: String, isFile: Bool = true) {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            }
            if lines.last == "" { lines.removeLast() }
            self.init(name: name, lines: lines, isFile: isFile)
        }
    }

    /// A command and the line it started on.
    public typealias ParsedCommand = (command: Command, line: Int, text: String)

    /// Parses every line, so a syntax error anywhere stops the run before anything is sent.
    public static func parse(_ source: Source) -> Result<[ParsedCommand], CommandSyntaxError> {
        let parsed = parseEveryLine(source)
        if let first = parsed.errors.first { return .failure(first) }
        return .success(parsed.commands)
    }

    /// Parses every line and keeps going past a syntax error, as a compiler does, so one run
    /// reports all of a script's errors (each with its line), not one per try.
    public static func parseEveryLine(_ source: Source) -> (commands: [ParsedCommand], errors: [CommandSyntaxError]) {
        if let commands = source.commands { return (commands, []) }
        var assembler = LineAssembler()
        var commands: [ParsedCommand] = []
        var errors: [CommandSyntaxError] = []
        for (index, line) in source.lines.enumerated() {
            do {
                if let completed = try assembler.add(line: line, number: index + 1) { commands.append(completed) }
            } catch {
                errors.append(error)
            }
        }
        do {
            try assembler.finish()
        } catch {
            errors.append(error)
        }
        return (commands, errors)
    }

    /// The most syntax errors said for one source: past it one line counts the rest (a file that
    /// is not a script at all would otherwise give a line of errors per line).
    static let mostSyntaxErrorsShown = 20

    /// How deep `source` may nest: enough for any real layout, and a script that sources itself
    /// stops with a clear message instead of recursing until the stack runs out.
    static let maxSourceDepth = 16

    public static func run(_ sources: [Source], session: ShellSession, sink: any OutputSink) -> Status {
        var programs: [Program] = []
        var syntaxErrors = 0
        for source in sources {
            let (commands, errors) = parseEveryLine(source)
            for error in errors.prefix(mostSyntaxErrorsShown) {
                sink.diagnostic(location(source, error.line) + error.message)
            }
            if errors.count > mostSyntaxErrorsShown {
                sink.diagnostic("\(source.name): \(errors.count - mostSyntaxErrorsShown) more syntax errors not shown")
            }
            syntaxErrors += errors.count
            programs.append(Program(source: source, commands: commands))
        }
        if syntaxErrors > 1 { sink.diagnostic("\(syntaxErrors) syntax errors: nothing was run") }
        if syntaxErrors > 0 { return .syntax }
        let scripts = SourcedScripts()
        var status = run(programs, session: session, sink: sink, depth: 0, scripts: scripts)
        let expectations = session.expectationsPassed + session.expectationsFailed
        if expectations > 0 {
            // On stderr, so a pipe of --view body output stays clean.
            let requests = session.requestsSent
            sink.diagnostic(
                """
                \(requests) request\(requests == 1 ? "" : "s"), \(session.expectationsPassed) \
                expectation\(session.expectationsPassed == 1 ? "" : "s") passed, \(session.expectationsFailed) failed
                """
            )
        }
        if status == .success && session.expectationsFailed > 0 { status = .failure }
        return status
    }

    /// A source and its parsed commands.
    struct Program {
        var source: Source
        var commands: [ParsedCommand]
    }

    static func run(
        _ programs: [Program], session: ShellSession, sink: any OutputSink, depth: Int, scripts: SourcedScripts
    ) -> Status {
        // Every variable must be defined before it is used, checked before anything is sent.
        var defined = Set(session.variables.keys)
        let sourced = { (path: String) in scripts.definitions(path, session: session, depth: depth + 1) }
        for program in programs {
            if let error = VariableCheck.firstUndefined(
                in: program.commands.map { ($0.command, $0.line) }, defined: defined, environment: session.environment,
                sourcedDefinitions: sourced)
            {
                sink.diagnostic(location(program.source, error.line) + error.message)
                return .syntax
            }
            for parsed in program.commands {
                if let name = VariableCheck.defines(parsed.command) { defined.insert(name) }
                if case .source(let path) = parsed.command { defined.formUnion(sourced(path)) }
            }
        }
        for program in programs {
            for parsed in program.commands {
                switch execute(
                    parsed.command, text: parsed.text, source: program.source.name, line: parsed.line,
                    locatesFailures: program.source.isFile, session: session, sink: sink, depth: depth, scripts: scripts
                )
                {
                case .proceed: continue
                case .stop(let status): return status
                case .exit: return .success
                }
            }
        }
        return .success
    }

    /// What one line led to.
    public enum LineResult: Equatable {
        case proceed
        case stop(Status)
        case exit
    }

    /// Feeds one line through the assembler and runs the command it completes, if any.
    /// `locatesSyntaxErrors`: a piped script's syntax errors say `stdin:LINE:`; at the interactive
    /// prompt the line is right there, so the sentence comes alone (as bash's and psql's do).
    public static func run(
        line: String, number: Int, source: String, locatesSyntaxErrors: Bool = true,
        feeder assembler: inout LineAssembler, session: ShellSession, sink: any OutputSink
    ) -> LineResult {
        let completed: (command: Command, line: Int, text: String)?
        do {
            completed = try assembler.add(line: line, number: number)
        } catch {
            sink.diagnostic((locatesSyntaxErrors ? location(source, error.line) : "") + error.message)
            return .stop(.syntax)
        }
        guard let completed else { return .proceed }
        return execute(
            completed.command, text: completed.text, source: source, line: completed.line, session: session, sink: sink)
    }

    /// Runs one parsed command, stopping on Ctrl-C and on failures. `locatesFailures`: a run-time
    /// failure is said with `source:line` (a script file's are; a typed line's are not).
    static func execute(
        _ command: Command, text: String, source: String, line: Int? = nil, locatesFailures: Bool = false,
        session: ShellSession, sink: any OutputSink, depth: Int = 0, scripts: SourcedScripts = SourcedScripts()
    ) -> LineResult {
        let here = locatesFailures ? location(source, line) : ""
        if case .source(let path) = command {
            guard depth < maxSourceDepth else {
                // Names the path already; every level would have the same location.
                sink.diagnostic(
                    "source is nested more than \(maxSourceDepth) deep at \(path): does a script source itself?")
                return .stop(.failure)
            }
            switch scripts.commands(path, session: session) {
            case .failure(.unreadable):
                sink.diagnostic(
                    here
                        + """
                        cannot read \(path) for source: check the path (relative paths start at the current \
                        script's folder)
                        """
                )
                return .stop(.failure)
            case .failure(.syntax(let error)):
                sink.diagnostic(location(path, error.line) + error.message)
                return .stop(.syntax)
            case .success(let commands):
                for note in scripts.takeNotes(path, session: session) { sink.diagnostic(note) }
                let program = Program(source: Source(name: path, lines: []), commands: commands)
                let status = run([program], session: session, sink: sink, depth: depth + 1, scripts: scripts)
                return status == .success ? .proceed : .stop(status)
            }
        }
        if Cancellation.interruptSignal.isPending {
            Cancellation.interruptSignal.acknowledge()
            sink.diagnostic("interrupted (Ctrl-C): stopping \(source)")
            return .stop(.failure)
        }
        if case .onEvent(let block) = command {
            return runEventBlock(
                block, source: source, line: line, locatesFailures: locatesFailures, session: session, sink: sink,
                depth: depth, scripts: scripts)
        }
        let result = session.execute(command, text: text)
        if case .expect(let expectation) = command, !session.dryRun {
            var failure: String?
            if case .expectationFailed(let message) = result { failure = message }
            session.reportEntries.append(
                JUnitReport.Entry(
                    location: location(source, line).trimmingSuffix(": "), expectation: expectation.description,
                    failure: failure))
        }
        // Said before the jobs' output that follows, where the command printed it before.
        if case .failed(let message) = result { sink.diagnostic(here + message) }
        session.flushJobOutput()
        switch result {
        case .proceed: return .proceed
        case .exit: return .exit
        case .failed, .stopped:
            if Cancellation.interruptSignal.isPending { Cancellation.interruptSignal.acknowledge() }
            return .stop(.failure)
        case .expectationFailed(let message):
            sink.diagnostic(location(source, line) + message)
            return session.keepGoing ? .proceed : .stop(.failure)
        }
    }

    /// `on event ...` ... `end`: opens the block's stream as a job, and for each event runs the
    /// block's commands with the event as `$event` (and what `let` and `expect` read), until
    /// `count` events, the stream's end, or Ctrl-C (which, as during any command, stops a script;
    /// at the prompt it ends the block). A failing command ends the block as it ends a script.
    static func runEventBlock(
        _ block: EventBlock, source: String, line: Int?, locatesFailures: Bool, session: ShellSession,
        sink: any OutputSink, depth: Int, scripts: SourcedScripts
    ) -> LineResult {
        let job: Int
        switch session.startEventStream(block) {
        case .failure(let stop):
            if case .failed(let message) = stop.result {
                sink.diagnostic((locatesFailures ? location(source, line) : "") + message)
            }
            return stop.result == .proceed ? .proceed : .stop(.failure)
        case .success(let number): job = number
        }
        defer {
            session.handle(event: nil)
            session.endEventStream(job: job)
        }
        var handled = 0
        while true {
            switch session.nextEvents(job: job, from: handled) {
            case .interrupted:
                Cancellation.interruptSignal.acknowledge()
                sink.diagnostic(
                    "interrupted (Ctrl-C): the on event block stopped after \(handled) event\(handled == 1 ? "" : "s")")
                return .stop(.failure)
            case .ended:
                return .proceed
            case .events(let values):
                for value in values {
                    handled += 1
                    session.handle(event: value)
                    for body in block.body {
                        let result = execute(
                            body.command, text: body.text, source: source, line: line.map { $0 + body.offset - 1 },
                            locatesFailures: locatesFailures, session: session, sink: sink, depth: depth,
                            scripts: scripts)
                        if result != .proceed { return result }
                    }
                    if let count = block.count, handled >= count { return .proceed }
                }
            }
        }
    }

    static func resolve(_ path: String, session: ShellSession) -> String {
        FilePath.resolved(path, in: session.bodyFileDirectory)
    }

    static func location(_ source: Source, _ line: Int?) -> String {
        location(source.name, line)
    }

    public static func location(_ name: String, _ line: Int?) -> String {
        guard let line else { return "\(name): " }
        return "\(name):\(line): "
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}

/// The scripts `source` names, each read and parsed once per run: the variable check before the
/// run and the run itself (and every nested level) share that one parse.
final class SourcedScripts {
    enum Failure: Error {
        case unreadable
        case syntax(CommandSyntaxError)
    }

    private var parsed: [String: Result<[ScriptRunner.ParsedCommand], Failure>] = [:]
    /// What a `.http` file's translation has to say (`file:line: ...`), said once, when it is run.
    private var notes: [String: [String]] = [:]

    /// The notes about the `.http` file at `path`, the first time they are asked for.
    func takeNotes(_ path: String, session: ShellSession) -> [String] {
        notes.removeValue(forKey: ScriptRunner.resolve(path, session: session)) ?? []
    }

    /// The commands of the script at `path` (relative to the session's script folder).
    func commands(_ path: String, session: ShellSession) -> Result<[ScriptRunner.ParsedCommand], Failure> {
        let resolved = ScriptRunner.resolve(path, session: session)
        if let known = parsed[resolved] { return known }
        let result: Result<[ScriptRunner.ParsedCommand], Failure>
        if case .success(let bytes) = BodyFile.read(resolved) {
            let text = String(decoding: bytes, as: UTF8.self)
            if HTTPFileScript.isHTTPFile(path) {
                let read = HTTPFileScript.commands(
                    text, name: path, directory: FilePath.directory(of: path), session: session)
                notes[resolved] = read.notes
                result = read.result.mapError { .syntax($0) }
            } else {
                result = ScriptRunner.parse(ScriptRunner.Source(name: path, text: text)).mapError { .syntax($0) }
            }
        } else {
            result = .failure(.unreadable)
        }
        parsed[resolved] = result
        return result
    }

    /// Variables the script at `path` defines (and the scripts it sources), so the script that
    /// sources it may use them. A script that cannot be read or parsed defines none: running it
    /// says why.
    func definitions(_ path: String, session: ShellSession, depth: Int) -> Set<String> {
        guard depth <= ScriptRunner.maxSourceDepth, case .success(let commands) = commands(path, session: session)
        else {
            return []
        }
        var names = Set<String>()
        for parsed in commands {
            if let name = VariableCheck.defines(parsed.command) { names.insert(name) }
            if case .source(let nested) = parsed.command {
                names.formUnion(definitions(nested, session: session, depth: depth + 1))
            }
        }
        return names
    }
}
