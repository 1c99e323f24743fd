import ArgumentParser
import SockshellCore
import SockshellIO

/// The command line: flags to settings, then hand the lines to the session.
struct SockshellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sockshell",
        abstract: "Speak raw HTTP/1.1 to a unix socket (first of all Docker's) and see every byte.",
        usage: """
            sockshell [<options>] [<SCRIPT>]
            sockshell [-H <URL>] replay <FILE> [<options>]
            sockshell serve <FILE> --unix-socket <PATH> [<options>]
            sockshell [-H <URL>] tap --listen <PATH> [<options>]
            """,
        discussion: """
            With no -c and no SCRIPT, sockshell is an interactive shell on a terminal (type help there) and \
            reads lines from standard input otherwise.

            The endpoint is found as the docker CLI finds it: --context, else -H/--unix-socket, else DOCKER_HOST, \
            else DOCKER_CONTEXT, else currentContext in $DOCKER_CONFIG/config.json (~/.docker), else \
            unix:///var/run/docker.sock.

            TLS as the docker CLI: --tlsverify (or DOCKER_TLS_VERIFY) with tcp://HOST:PORT verifies the daemon \
            against ca.pem and sends cert.pem and key.pem from $DOCKER_CERT_PATH (else ~/.docker) unless \
            --tlscacert, --tlscert, --tlskey name others; a context's TLS files and SkipTLSVerify count for it \
            alone. https://HOST[:PORT] means tcp:// with --tlsverify, port 2376 by default (the docker CLI rejects \
            https://).

            ssh://[USER@]HOST[:PORT][/SOCKET] as the docker CLI: sockshell runs ssh -T HOST docker system \
            dial-stdio (with your ~/.ssh/config, agent and known_hosts) and keeps that ssh as the connection.

            Other commands: sockshell replay FILE sends a recording again and compares; sockshell serve FILE \
            answers from one; sockshell tap --listen PATH shows what another client sends. Each has --help, and \
            global options may come before it (sockshell -H URL replay FILE).

            Exit status: 0 all well, 1 a request or connection failed, 2 usage or syntax error.
            """,
        version: SockshellVersion.current
    )

    @Option(
        name: [.customShort("H"), .long],
        help: ArgumentHelp(
            "Endpoint: unix:///path, a bare /path, tcp://host:port, https://host[:port] (TLS), or "
                + "ssh://[user@]host[:port][/socket].", valueName: "URL"))
    var host: String?

    @Option(name: .long, help: ArgumentHelp("Unix socket path (as in curl).", valueName: "PATH"))
    var unixSocket: String?

    @Option(
        help: ArgumentHelp(
            "The docker context to use (as docker --context); overrides DOCKER_HOST and docker context use.",
            valueName: "NAME"))
    var context: String?

    @OptionGroup(title: "TLS (tcp:// only, as the docker CLI)")
    var tlsOptions: TLSOptions

    @Option(
        name: .customShort("c"),
        help: ArgumentHelp("A line to run; repeat for more. Runs before SCRIPT.", valueName: "TEXT"))
    var commands: [String] = []

    @Option(
        name: .customShort("e"),
        help: ArgumentHelp("Define a variable for the commands: -e NAME=value (repeatable).", valueName: "NAME=value"))
    var variables: [String] = []

    @Option(
        help: ArgumentHelp(
            "How exchanges are shown: wire, pretty, body, hex or json (one object per exchange).", valueName: "VIEW"))
    var view: ViewMode = .wire

    @Option(
        help: ArgumentHelp(
            "Colour: auto (only on a terminal and without NO_COLOR), always or never.", valueName: "WHEN"))
    var color: ColorChoice = .auto

    @Flag(help: "Show each request's exact bytes without sending anything.")
    var dryRun = false

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Write the expectations as a JUnit XML report for CI: --report junit FILE.", valueName: "junit FILE"))
    var report: [String] = []

    @Flag(help: "After a failed expect, go on with the script; the exit status is still 1.")
    var keepGoing = false

    @Flag(help: "No warnings before sending (a JSON body with another Content-Type, an unknown path, ...).")
    var noWarn = false

    @Flag(help: "Write \\r and \\n instead of the ␍ ␊ symbols.")
    var ascii = false

    @Flag(
        help:
            """
            Accept a bare LF as a line ending in responses (RFC 9112 §2.2 allows it), named in the wire view; every \
            other HTTP/1.1 rule still holds.
            """
    )
    var lenient = false

    @Option(
        help: ArgumentHelp(
            """
            Seconds to wait for a connection, for a response to start, and for a stalled body of known length. \
            Streams have no total timeout.
            """,
            valueName: "SECONDS"))
    var timeout: Double = 30

    @Option(
        help: ArgumentHelp(
            """
            Send requests under Docker API version X.Y: unversioned paths become /vX.Y/... (wins over \
            DOCKER_API_VERSION).
            """,
            valueName: "X.Y"))
    var apiVersion: String?

    @Option(
        help: ArgumentHelp(
            """
            Record the session to FILE as it happens (a script with the wire beneath each command). See also record \
            FILE.
            """,
            valueName: "FILE"))
    var record: String?

    @Flag(help: "With --record: replace FILE if it exists.")
    var force = false

    @Flag(help: "With --record: add to FILE if it exists.")
    var append = false

    @Flag(help: "With --record: keep credentials (Authorization, X-Registry-Auth, ...) instead of masking them.")
    var noMask = false

    @Option(
        help: ArgumentHelp(
            "Start (or resume) a guided lesson, e.g. --lesson create-then-start; lesson lists them.", valueName: "NAME")
    )
    var lesson: String?

    @Option(
        help: ArgumentHelp(
            """
            The language of help, the startup line and lessons: ko (Korean) or en (English). Without it the \
            locale decides (LC_ALL, LC_MESSAGES, LANG starting with ko is Korean); lang switches later.
            """,
            valueName: "ko|en"))
    var lang: String?

    @Argument(
        help: ArgumentHelp(
            "A file of commands to run, or a FILE.http (REST Client / JetBrains) whose requests are sent.",
            valueName: "SCRIPT"))
    var script: String?

    /// The options whose value is the next word, so that `-c replay` is a line, not the replay
    /// command (main.swift looks for a subcommand after the global options).
    static let optionsWithValue = Set<String>([
        "-H", "--host", "--unix-socket", "--context", "-c", "-e", "--view", "--color", "--report", "--timeout",
        "--record", "--api-version",
        "--lesson", "--lang",
    ]).union(TLSOptions.optionsWithValue)

    /// `--report junit FILE` takes two words; a third one (when no SCRIPT came before) is the script.
    var reportFile: String? { report.count >= 2 && report[0] == "junit" ? report[1] : nil }

    func validate() throws {
        if !report.isEmpty && reportFile == nil {
            throw ValidationError("--report needs a format and a file: --report junit results.xml")
        }
        if report.count > 3 || (report.count == 3 && script != nil) {
            throw ValidationError(
                "--report takes two words (junit FILE); put the script before it or after another option")
        }
        if record == nil && (force || append || noMask) {
            throw ValidationError("--force, --append and --no-mask go with --record FILE")
        }
        if force && append {
            throw ValidationError("--force replaces the recording and --append adds to it: choose one")
        }
        if let lang, ShellLanguage(code: lang) == nil { throw ValidationError(ShellLanguage.unknownCodeMessage(lang)) }
        guard timeout > 0, timeout.isFinite else {
            throw ValidationError("--timeout must be a positive number of seconds, e.g. --timeout 5")
        }
    }

    mutating func run() throws {
        let started = ProcessClock.milliseconds()
        let streams = StandardStreams()
        let environment = ProcessEnvironment.current()
        let resolved = try CommandSetUp.endpoint(
            context: context, host: host, unixSocket: unixSocket, tls: tlsOptions.flags, environment: environment,
            streams: streams)
        let options = CommandSetUp.renderOptions(view: view, color: color, ascii: ascii, environment: environment)
        Cancellation.installInterrupt()
        let session = ShellSession(
            endpoint: resolved.endpoint, options: options, timeoutSeconds: timeout, sink: streams, lenient: lenient)
        session.endpointChoice = resolved
        // The flag beats the locale, as an explicit choice beats an inherited one.
        session.language = lang.flatMap(ShellLanguage.init(code:)) ?? ShellLanguage.fromLocale(environment)
        session.tlsInputs = DockerContextFiles.tlsInputs(tlsOptions.flags)
        do {
            if let chosen = try APIVersion.chosen(flag: apiVersion, environment: environment) {
                session.useAPIVersion(chosen.version, source: chosen.source)
            }
        } catch {
            streams.diagnostic(error.description)
            throw ExitCode(ScriptRunner.Status.syntax.rawValue)
        }
        session.editorCommand = ExternalEditor.command(environment: environment)
        // Looked for, and the state folder made, only when a lesson needs them: `-c 'GET /_ping'` touches neither.
        session.locateLessonDirectory {
            LessonLibrary.locate(environment: environment, executablePath: ExecutablePath.current())
        }
        session.lessonProgressDirectory = StateFolder.path(environment: environment).map { $0 + "/lessons" }
        session.environment = environment
        session.keepGoing = keepGoing
        session.dryRun = dryRun
        session.warnBeforeSending = !noWarn
        let scriptPath = script ?? (report.count == 3 ? report[2] : nil)
        for definition in variables {
            guard let equals = definition.firstIndex(of: "="), VariableTemplate.isName(String(definition[..<equals]))
            else {
                streams.diagnostic("-e \(definition) is not NAME=value: write -e image=busybox")
                throw ExitCode(ScriptRunner.Status.syntax.rawValue)
            }
            session.define(String(definition[..<equals]), String(definition[definition.index(after: equals)...]))
        }
        defer { session.close() }

        var sources: [ScriptRunner.Source] = []
        if !commands.isEmpty {
            sources.append(
                ScriptRunner.Source(
                    name: "-c", lines: commands.flatMap { ScriptRunner.Source(name: "-c", text: $0).lines },
                    isFile: false))
        }
        if let script = scriptPath {
            guard let text = TextFile.read(script) else {
                streams.diagnostic(
                    "cannot read script \(script): check the path (a script is a text file of sockshell commands)")
                throw ExitCode(ScriptRunner.Status.syntax.rawValue)
            }
            session.bodyFileDirectory = FilePath.directory(of: script)
            if HTTPFileScript.isHTTPFile(script) {
                guard let source = HTTPFileScript.source(text, path: script, session: session, sink: streams) else {
                    throw ExitCode(ScriptRunner.Status.syntax.rawValue)
                }
                sources.append(source)
            } else {
                sources.append(ScriptRunner.Source(name: script, text: text))
            }
        }
        if let record {
            // Replacing the script being run would lose it before a line of it ran.
            if let script = scriptPath, TextFile.isSameFile(script, record) {
                streams.diagnostic("--record \(record) is the script being run: record to another file")
                throw ExitCode(ScriptRunner.Status.syntax.rawValue)
            }
            if !session.startRecording(
                record, mode: force ? .overwrite : append ? .append : .create, masksSecrets: !noMask)
            {
                throw ExitCode(ScriptRunner.Status.syntax.rawValue)
            }
        }
        // The interactive shell's banner comes before a --lesson's first step, not after it.
        let interactive = sources.isEmpty && Terminal.isTerminal(0)
        if lesson != nil, interactive { Repl.writeBanner(session: session, streams: streams) }
        if let lesson {
            let started = session.execute(.lesson(.start(lesson)))
            if case .failed(let failure) = started { streams.diagnostic(failure) }
            if started != .proceed { throw ExitCode(ScriptRunner.Status.syntax.rawValue) }
        }
        let status: ScriptRunner.Status
        if sources.isEmpty {
            // A terminal gets the shell (with the line editor unless TERM=dumb); a pipe plain lines.
            if interactive {
                status = Repl.run(
                    session: session, streams: streams, environment: environment, color: options.color,
                    bannerWritten: lesson != nil)
            } else {
                status = InputLoop.run(session: session, sink: streams, interactive: false)
            }
        } else {
            // Only `-c` leaves standard input to the user: a live session reads it (a terminal, or
            // a pipe copied and then half-closed). A script file drives its sessions itself.
            if scriptPath == nil { session.liveInput = .standardInput }
            status = ScriptRunner.run(sources, session: session, sink: streams)
        }
        if let reportFile {
            let xml = JUnitReport.xml(
                suite: scriptPath ?? "sockshell", entries: session.reportEntries,
                seconds: Double(ProcessClock.milliseconds() - started) / 1000)
            guard TextFile.write(xml, to: reportFile) else {
                streams.diagnostic("cannot write the report to \(reportFile): check the folder exists and is writable")
                throw ExitCode(ScriptRunner.Status.failure.rawValue)
            }
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// Explicit `always` wins over NO_COLOR (no-color.org: command-line flags override it);
    /// `auto` means a terminal, no NO_COLOR and not TERM=dumb.
    func enabled(environment: [String: String], isTerminal: Bool) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
            return isTerminal && !noColor && environment["TERM"] != "dumb"
        }
    }
}

extension ViewMode: ExpressibleByArgument {}
