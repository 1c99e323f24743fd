import ArgumentParser
import SockshellCore
import SockshellIO

/// `sockshell tap --listen PATH`: relay another client's connections to the daemon and show them.
struct TapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sockshell tap",
        abstract: "Watch another client talk to the daemon: relay a new unix socket to it and show every byte.",
        discussion: """
            Point the client at the tap (DOCKER_HOST=unix://PATH docker run ..., or docker-py's base_url): every \
            connection it opens gets exactly one connection to the daemon, and the bytes are passed on unchanged \
            both ways as they arrive, including hijacked streams (attach, exec) and half-closes. The view shows \
            each connection numbered with the client process that opened it (3> what it sent, 3< what the \
            daemon answered), each exchange's route, status and time, and Docker stream frames; credentials \
            are masked. The view never slows the relay: when it falls far behind, it skips bytes and says so.

            The upstream comes from -H/--unix-socket, else DOCKER_HOST, else unix:///var/run/docker.sock. The \
            socket at PATH is created 0600: whoever can connect to it has the daemon's full power. A leftover \
            socket there is replaced; anything else is refused. Ctrl-C or SIGTERM stops, removes the socket and \
            sums up what each client called; --learn FILE also writes it as an allow-list.

            Exit status: 0 stopped by Ctrl-C or SIGTERM, 1 the socket cannot be set up, 2 usage error.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The unix socket to create for clients.", valueName: "PATH"))
    var listen: String

    @Option(
        name: [.customShort("H"), .long],
        help: ArgumentHelp("The daemon: unix:///path, a bare /path, or tcp://host:port.", valueName: "URL"))
    var host: String?

    @Option(name: .long, help: ArgumentHelp("The daemon's unix socket path.", valueName: "UPSTREAM"))
    var unixSocket: String?

    @Option(help: ArgumentHelp("The docker context to use, as docker --context.", valueName: "NAME"))
    var context: String?

    @OptionGroup(title: "TLS (tcp:// only, as the docker CLI)")
    var tlsOptions: TLSOptions

    @Option(
        help: ArgumentHelp(
            "Write the routes each client called as an allow-list when the tap stops.", valueName: "FILE"))
    var learn: String?

    @Option(
        help: ArgumentHelp(
            "Record every exchange seen, on every connection, to a new recording (credentials masked).",
            valueName: "FILE"))
    var record: String?

    @Option(
        help: ArgumentHelp(
            "How exchanges are shown: wire (every byte as it crosses), pretty, body, hex or json.", valueName: "VIEW"))
    var view: ViewMode = .wire

    @Option(
        help: ArgumentHelp(
            "Colour: auto (only on a terminal and without NO_COLOR), always or never.", valueName: "WHEN"))
    var color: ColorChoice = .auto

    @Flag(help: "Write \\r and \\n instead of the ␍ ␊ symbols.")
    var ascii = false

    func validate() throws {
        if host != nil && unixSocket != nil {
            throw ValidationError("give -H or --unix-socket for the daemon, not both")
        }
    }

    mutating func run() throws {
        let streams = StandardStreams()
        let environment = ProcessEnvironment.current()
        let upstream = try CommandSetUp.endpoint(
            context: context, host: host, unixSocket: unixSocket, tls: tlsOptions.flags, environment: environment,
            streams: streams
        ).endpoint
        let listenPath = FilePath.resolved(listen, in: Posix.currentDirectory())
        if case .unix(let upstreamPath) = upstream, upstreamPath == listenPath {
            streams.diagnostic("the tap cannot listen on its own upstream \(listenPath): choose another --listen path")
            throw ExitCode(ScriptRunner.Status.syntax.rawValue)
        }
        // Checked now, not when the tap stops: what it learned must not be lost to a name in use.
        for (flag, file) in [("--learn", learn), ("--record", record)] {
            guard let file, access(file, F_OK) == 0 else { continue }
            streams.diagnostic(
                "\(file) already exists: choose another \(flag) file (sockshell does not replace files it did not make)"
            )
            throw ExitCode(ScriptRunner.Status.syntax.rawValue)
        }
        Cancellation.installInterrupt()
        Cancellation.installTermination()
        var recorder: SessionRecorder?
        if let record {
            switch SessionRecorder.open(record, mode: .create, masksSecrets: true, endpoint: upstream) {
            case .success(let opened): recorder = opened
            case .failure(let failure):
                streams.diagnostic(failure.message)
                throw ExitCode(ScriptRunner.Status.syntax.rawValue)
            }
        }
        let tap: TapRun
        do {
            tap = try TapRun(
                path: listenPath, upstream: upstream,
                options: CommandSetUp.renderOptions(view: view, color: color, ascii: ascii, environment: environment),
                recorder: recorder)
        } catch {
            streams.diagnostic("\(error)")
            throw ExitCode(ScriptRunner.Status.failure.rawValue)
        }
        streams.diagnostic(tap.relay.announcement + "; Ctrl-C stops")
        guard let summary = tap.run(until: Cancellation.interruptSignal.descriptor, write: { streams.write($0[...]) })
        else {
            streams.diagnostic("the system refused a thread for the tap's accept loop")
            throw ExitCode(ScriptRunner.Status.failure.rawValue)
        }
        let relay = tap.relay
        let plural = relay.connections == 1 ? "connection" : "connections"
        streams.diagnostic("stopped after \(relay.connections) \(plural)")
        for line in summary.lines { streams.diagnostic(line) }
        if let recorder {
            recorder.close()
            if let failure = recorder.writeFailure { streams.diagnostic("the recording is incomplete: \(failure)") }
            streams.diagnostic("recorded \(summary.exchangeCount) exchanges to \(recorder.path)")
        }
        if let learn {
            if case .failure(let failure) = OutputFile.writeNew(learn, contents: Array(summary.allowList.utf8)) {
                streams.diagnostic("cannot write the allow-list: \(failure.message)")
                throw ExitCode(ScriptRunner.Status.failure.rawValue)
            }
            streams.diagnostic("wrote the routes called to \(learn)")
        }
        if Cancellation.terminationSignal == SIGQUIT { throw ExitCode(128 + SIGQUIT) }
    }
}
