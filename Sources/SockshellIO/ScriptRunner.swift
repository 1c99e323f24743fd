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

    /// Parses every line first, so a syntax error anywhere stops the run before anything is sent.
    public static func check(_ source: Source) -> CommandSyntaxError? {
        var assembler = LineAssembler()
        do {
            for (index, line) in source.lines.enumerated() {
                _ = try assembler.add(line: line, number: index + 1)
            }
            try assembler.finish()
        } catch {
            return error
        }
        return nil
    }

    public static func run(_ sources: [Source], session: ShellSession, sink: any OutputSink) -> Status {
        for source in sources {
            if let error = check(source) {
                sink.diagnostic(location(source, error.line) + error.message)
                return .syntax
            }
        }
        for source in sources {
            var feeder = LineFeeder(source: source)
            while let line = feeder.next() {
                switch run(line: line, number: feeder.lineNumber, source: source.name, feeder: &feeder.assembler, session: session, sink: sink) {
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
        if InterruptSignal.isPending {
            InterruptSignal.take()
            sink.diagnostic("interrupted (Ctrl-C): stopping \(source)")
            return .stop(.failure)
        }
        let completed: (command: Command, line: Int)?
        do {
            completed = try assembler.add(line: line, number: number)
        } catch {
            sink.diagnostic(location(source, error.line) + error.message)
            return .stop(.syntax)
        }
        guard let completed else { return .proceed }
        switch session.execute(completed.command) {
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

    private struct LineFeeder {
        let source: Source
        var assembler = LineAssembler()
        var index = 0
        var lineNumber: Int { index }

        init(source: Source) { self.source = source }

        mutating func next() -> String? {
            guard index < source.lines.count else { return nil }
            index += 1
            return source.lines[index - 1]
        }
    }
}
