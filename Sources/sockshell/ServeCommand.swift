import ArgumentParser
import SockshellCore
import SockshellIO

/// `sockshell serve FILE --unix-socket PATH`: answer on a unix socket from a recording.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sockshell serve",
        abstract: "Answer on a new unix socket from a recording, as the daemon answered when it was recorded.",
        discussion: """
            A request gets the recorded exchange with the same method and target, else the same path with \
            any query; a /v1.NN prefix is optional on both sides. Repeated requests take the recorded \
            answers in order, then the last one again. Answers are sent byte for byte at their recorded \
            pace (an /events stream trickles out as it did). A request not in the recording gets a 404 \
            whose message names it.

            The socket file gets its mode from the umask. A leftover socket at PATH (nobody listening) is \
            replaced; anything else there is refused. Ctrl-C or SIGTERM stops and removes the socket.

            Limits, so a slow, idle or flooding client never stops others being answered: a request head \
            not complete --head-timeout seconds after its first byte gets 408; a head over 1 MiB gets 431 \
            as soon as the limit is passed; a connection with no request for --idle-timeout seconds, or \
            whose answer it has not read for that long, is closed; past --max-connections a new connection \
            closes an idle one (one that never sent a request first), or, when all are busy, waits to be \
            accepted until one ends. Each of these, and a client that goes away before reading its answer, \
            is a line in the log.

            Exit status: 0 stopped by Ctrl-C or SIGTERM, 1 the socket cannot be set up, 2 usage error or \
            an unreadable recording.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "A recording made with record FILE or --record FILE, or a HAR 1.2 file (its bytes are rebuilt).",
            valueName: "FILE"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("The unix socket to create and answer on.", valueName: "PATH"))
    var unixSocket: String?

    @Option(name: [.customShort("H"), .long], help: ArgumentHelp("The same as a URL: unix:///path.", valueName: "URL"))
    var host: String?

    @Flag(
        help:
            """
            Accept a bare LF as a line ending in requests (RFC 9112 §2.2 allows it); every other HTTP/1.1 rule still \
            holds.
            """
    )
    var lenient = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Seconds from a request's first byte to the end of its head (default 10).", valueName: "SECONDS"))
    var headTimeout: Double?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Seconds a connection may wait with no request before it is closed (default 120).", valueName: "SECONDS"))
    var idleTimeout: Double?

    @Option(name: .long, help: ArgumentHelp("Connections open at once (default 256).", valueName: "N"))
    var maxConnections: Int?

    /// The limits the flags ask for, the standard ones for flags not given.
    var limits: ServeLimits {
        var limits = ServeLimits.standard
        if let headTimeout { limits.headTimeoutNanoseconds = Self.nanoseconds(headTimeout) }
        if let idleTimeout { limits.idleTimeoutNanoseconds = Self.nanoseconds(idleTimeout) }
        if let maxConnections { limits.maxConnections = maxConnections }
        return limits
    }

    /// Longer than a day is surely a typo; it also keeps the nanoseconds far from overflowing.
    static let longestTimeoutSeconds = 86_400.0

    static func nanoseconds(_ seconds: Double) -> UInt64 { UInt64((seconds * 1e9).rounded()) }

    func validate() throws {
        for (flag, value) in [("--head-timeout", headTimeout), ("--idle-timeout", idleTimeout)] {
            guard let value else { continue }
            guard value.isFinite, value > 0, value <= Self.longestTimeoutSeconds else {
                let shown =
                    value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
                throw ValidationError(
                    "\(flag) wants seconds above 0 and at most 86400 (a day), e.g. \(flag) 10; got \(shown)")
            }
        }
        if let maxConnections, maxConnections < 1 {
            throw ValidationError(
                "--max-connections wants at least 1 connection, e.g. --max-connections 256; got \(maxConnections)")
        }
        if unixSocket == nil && host == nil {
            throw ValidationError(
                "say where to listen: --unix-socket PATH (or -H unix:///PATH), e.g. --unix-socket /tmp/fake-docker.sock"
            )
        }
        if unixSocket != nil && host != nil {
            throw ValidationError("give --unix-socket or -H, not both")
        }
    }

    mutating func run() throws {
        let streams = StandardStreams()
        let path: String
        do {
            switch try EndpointResolution.resolve(hostFlag: host, unixSocketFlag: unixSocket, environment: [:]).endpoint
            {
            case .unix(let socketPath): path = socketPath
            case .tcp, .tls, .ssh:
                streams.diagnostic("serve listens on a unix socket only: give --unix-socket PATH or -H unix:///PATH")
                throw ExitCode(ScriptRunner.Status.syntax.rawValue)
            }
        } catch let error as EndpointError {
            streams.diagnostic(error.description)
            throw ExitCode(ScriptRunner.Status.syntax.rawValue)
        }

        let index: RecordingIndex
        var recording: TranscriptFile?
        var harNote: String?
        do {
            switch try RecordingSource.open(file, name: file) {
            case .har(let har):
                // A HAR file's answers are rebuilt in memory; nothing is left on disk to read back.
                index = RecordingIndex(har.exchanges)
                harNote = RecordingSource.harNote(har, name: file)
            case .recording(let opened):
                index = try RecordingIndex.load(opened)
                recording = opened
            }
        } catch let failure as RecordingSource.Failure {
            streams.diagnostic(failure.message)
            throw ExitCode(ScriptRunner.Status.syntax.rawValue)
        } catch let problem as TranscriptError {
            streams.diagnostic("\(file):\(problem.line): \(problem.message)")
            throw ExitCode(ScriptRunner.Status.syntax.rawValue)
        }
        if index.isEmpty {
            streams.diagnostic("\(file) holds no recorded answers to serve (record a session with record FILE first)")
            throw ExitCode(ScriptRunner.Status.syntax.rawValue)
        }

        Cancellation.installInterrupt()
        Cancellation.installTermination()
        let server: RecordingServer
        do {
            server = try RecordingServer(
                index: index, recording: recording, recordingName: file, path: path, limits: limits, lenient: lenient
            ) { StandardStreams().diagnostic($0) }
        } catch {
            streams.diagnostic(error.description)
            throw ExitCode(ScriptRunner.Status.failure.rawValue)
        }
        if let harNote { streams.diagnostic(harNote) }
        let plural = index.count == 1 ? "exchange" : "exchanges"
        streams.diagnostic("serving \(index.count) \(plural) from \(file) on unix://\(path) (Ctrl-C stops)")
        if !index.unanswered.isEmpty {
            let numbers = index.unanswered.map(String.init).joined(separator: ", ")
            streams.diagnostic("left out: exchange \(numbers), which recorded no answer")
        }
        server.run(interruptDescriptor: Cancellation.interruptSignal.descriptor)
        let tally = server.tally
        streams.diagnostic(
            """
            stopped: \(tally.answered) answered from the recording, \(tally.notInRecording) not in it, \
            \(tally.unreadable) unreadable, on \(tally.connections) connections
            """
        )
        // Ctrl-\ quits with 131, as in any program; Ctrl-C, SIGTERM and SIGHUP are how serve is
        // meant to be stopped, and exit 0.
        if Cancellation.terminationSignal == SIGQUIT { throw ExitCode(128 + SIGQUIT) }
    }
}
