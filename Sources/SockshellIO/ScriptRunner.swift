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

        public init(name: String, lines: [String]) {
            self.name = name
            self.lines = lines
        }

        /// Splits text into lines on LF (a trailing CR is dropped, so CRLF files work).
        public init(name: String, text: String) {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            }
            if lines.last == "" { lines.removeLast() }
            self.init(name: name, lines: lines)
        }
    }

    /// A command and the line it started on.
    public typealias ParsedCommand = (command: Command, line: Int)

    /// Parses every line, so a syntax error anywhere stops the run before anything is sent.
    public static func parse(_ source: Source) -> Result<[ParsedCommand], CommandSyntaxError> {
        var assembler = LineAssembler()
        var commands: [ParsedCommand] = []
        do {
            for (index, line) in source.lines.enumerated() {
                if let completed = try assembler.add(line: line, number: index + 1) { commands.append(completed) }
            }
            try assembler.finish()
        } catch {
            return .failure(error)
        }
        return .success(commands)
    }

    public static func run(_ sources: [Source], session: ShellSession, sink: any OutputSink) -> Status {
        var programs: [(source: Source, commands: [ParsedCommand])] = []
        for source in sources {
            switch parse(source) {
            case .success(let commands): programs.append((source, commands))
            case .failure(let error):
                sink.diagnostic(location(source, error.line) + error.message)
                return .syntax
            }
        }
        // Every variable must be defined before it is used, checked before anything is sent.
        var defined = Set(session.variables.keys)
        for program in programs {
            if let error = VariableCheck.firstUndefined(in: program.commands, defined: defined, environment: session.environment) {
                sink.diagnostic(location(program.source, error.line) + error.message)
                return .syntax
            }
            for parsed in program.commands { if let name = VariableCheck.defines(parsed.command) { defined.insert(name) } }
        }
        for program in programs {
            for parsed in program.commands {
                switch execute(parsed.command, source: program.source.name, session: session, sink: sink) {
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
    public static func run(
        line: String, number: Int, source: String, feeder assembler: inout LineAssembler, session: ShellSession,
        sink: any OutputSink
    ) -> LineResult {
        let completed: (command: Command, line: Int)?
        do {
            completed = try assembler.add(line: line, number: number)
        } catch {
            sink.diagnostic(location(source, error.line) + error.message)
            return .stop(.syntax)
        }
        guard let completed else { return .proceed }
        return execute(completed.command, source: source, session: session, sink: sink)
    }

    /// Runs one parsed command, stopping on Ctrl-C and on failures.
    static func execute(_ command: Command, source: String, session: ShellSession, sink: any OutputSink) -> LineResult {
        if InterruptSignal.isPending {
            InterruptSignal.take()
            sink.diagnostic("interrupted (Ctrl-C): stopping \(source)")
            return .stop(.failure)
        }
        let step = session.execute(command)
        session.flushJobOutput()
        switch step {
        case .proceed: return .proceed
        case .exit: return .exit
        case .failed:
            if InterruptSignal.isPending { InterruptSignal.take() }
            return .stop(.failure)
        }
    }

    static func location(_ source: Source, _ line: Int?) -> String {
        location(source.name, line)
    }

    public static func location(_ name: String, _ line: Int?) -> String {
        guard let line else { return "\(name): " }
        return "\(name):\(line): "
    }
}
