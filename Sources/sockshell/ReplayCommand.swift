import ArgumentParser
import SockshellCore
import SockshellIO

/// `sockshell replay FILE`: send a recording's requests again and compare, or `--show` it.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sockshell replay",
        abstract: "Send a recording's requests again and compare each answer with the recorded one.",
        discussion: """
            Ids the recording received (a container id from a create, say) and used later are replaced by the \
            ids the daemon returns now. Ids, timestamps, generated names, sizes and versions are not compared; \
            --ignore adds rules.

            Exit status: 0 every step the same, 1 a step differs or failed, 2 usage error or an unreadable \
            recording.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "A recording made with record FILE or --record FILE, or a HAR 1.2 file (its bytes are rebuilt).",
            valueName: "FILE"))
    var file: String

    @Option(
        name: [.customShort("H"), .long],
        help: ArgumentHelp("Endpoint: unix:///path, a bare /path, or tcp://host:port.", valueName: "URL"))
    var host: String?

    @Option(name: .long, help: ArgumentHelp("Unix socket path (as in curl).", valueName: "PATH"))
    var unixSocket: String?

    @Option(help: ArgumentHelp("The docker context to use, as docker --context.", valueName: "NAME"))
    var context: String?

    @OptionGroup(title: "TLS (tcp:// only, as the docker CLI)")
    var tlsOptions: TLSOptions

    @Flag(help: "Re-display the recording without touching any socket (a keypress between exchanges on a terminal).")
    var show = false

    @Option(
        help: ArgumentHelp("With --show: how exchanges are shown: wire, pretty, body, hex or json.", valueName: "VIEW"))
    var view: ViewMode = .wire

    @Option(
        help: ArgumentHelp(
            "Another value not to compare: a key (Pid), a glob (*Path) or a path (.State.Pid). Repeatable.",
            valueName: "RULE"))
    var ignore: [String] = []

    @Option(
        help: ArgumentHelp(
            "The longest a recorded stream is replayed, whatever it ran for when recorded.", valueName: "SECONDS"))
    var streamTimeout: Double?

    @Option(
        help: ArgumentHelp(
            "Write the recording's exchanges as HAR 1.2 to a new FILE (credentials masked), sending nothing.",
            valueName: "FILE"))
    var har: String?

    @Option(help: ArgumentHelp("Colour: auto, always or never.", valueName: "WHEN"))
    var color: ColorChoice = .auto

    @Flag(help: "Write \\r and \\n instead of the ␍ ␊ symbols.")
    var ascii = false

    @Flag(
        help:
            """
            Accept a bare LF as a line ending in responses, live and recorded (RFC 9112 §2.2 allows it), named in \
            the wire view.
            """
    )
    var lenient = false

    @Option(help: ArgumentHelp("Seconds to wait for a connection and for each answer to start.", valueName: "SECONDS"))
    var timeout: Double = 30

    func validate() throws {
        if har != nil && show {
            throw ValidationError("give --show or --har, not both: --har writes a file and shows nothing")
        }
        guard timeout > 0, timeout.isFinite else {
            throw ValidationError("--timeout must be a positive number of seconds, e.g. --timeout 5")
        }
        if let streamTimeout, !(streamTimeout >= 0 && streamTimeout <= 366 * 24 * 3600) {
            throw ValidationError("--stream-timeout must be a number of seconds up to a year, e.g. --stream-timeout 5")
        }
    }

    mutating func run() throws {
        let streams = StandardStreams()
        let environment = ProcessEnvironment.current()
        let endpoint = try CommandSetUp.endpoint(
            context: context, host: host, unixSocket: unixSocket, tls: tlsOptions.flags, environment: environment,
            streams: streams
        ).endpoint
        let options = CommandSetUp.renderOptions(view: view, color: color, ascii: ascii, environment: environment)
        Cancellation.installInterrupt()
        let replayer = SessionReplayer(
            endpoint: endpoint, options: options, timeoutSeconds: timeout, sink: streams, baseDirectory: nil,
            lenient: lenient)
        if show && Terminal.isTerminal(0) && Terminal.isTerminal(1) {
            replayer.waitForNextExchange = PagerKey.waitForNext
            // The pager owns the terminal: Ctrl-\ quits it cleanly (131) and a crash puts the
            // terminal back, rather than Swift's backtracer holding it with a prompt.
            Cancellation.installTermination()
            TerminalSignals.install()
        }
        let request = ReplayRequest(path: file, showOnly: show, ignore: ignore, streamTimeoutSeconds: streamTimeout)
        let result = har.map { replayer.writeHAR(from: file, to: $0) } ?? replayer.run(request)
        if let signal = Cancellation.terminationSignal { throw ExitCode(128 + signal) }
        switch result {
        case .passed: break
        case .failed: throw ExitCode(ScriptRunner.Status.failure.rawValue)
        case .unreadable: throw ExitCode(ScriptRunner.Status.syntax.rawValue)
        }
    }
}
