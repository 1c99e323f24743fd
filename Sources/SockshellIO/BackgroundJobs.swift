import SockshellCore
import Synchronization

/// Exchanges running in the background (`GET /events &`), each on its own thread and connection.
/// Their output is queued with a `[N] ` prefix on every line and a byte on a wake pipe tells the
/// front end to print it: only the main thread writes to the terminal.
public final class BackgroundJobs: Sendable {
    public struct Listing: Sendable, Equatable {
        public var number: Int
        public var requestLine: String
        /// Bytes read from the socket so far.
        public var receivedBytes: Int
        public var startedNanoseconds: UInt64
        /// How it ended (`200 OK`, `200 OK · interrupted`), once it has.
        public var finished: String?
        /// When it ended: its age stops there.
        public var endedNanoseconds: UInt64?

        /// How long it ran, or has been running.
        public func age(now: UInt64) -> UInt64 { (endedNanoseconds ?? now) - startedNanoseconds }
    }

    private struct Job {
        var listing: Listing
        var atLineStart = true
        /// Its thread, stop pipe and the event fired when its response head arrives or it ends.
        var exchange: BackgroundExchange?
        /// A tap job's stop pipe (its write end): a byte ends the tap.
        var tapStop: OwnedDescriptor?
        /// What `fg N` types into the job once its answer has opened a stream (a hijack).
        var input: TunnelInput?
        var streamOpen = false
        /// The JSON of each event on its body, for an `on event` block reading its own stream.
        var eventValues: [JSONValue] = []
        var eventValuesDropped = 0
    }

    private struct State {
        var jobs: [Int: Job] = [:]
        var nextNumber = 1
        var output: [UInt8] = []
        /// Docker events (type, action) seen on any job's body, oldest first, for `expect event`.
        var events: [DockerEvent] = []
        var eventsDropped = 0
        /// A wake byte has been written since the pipe was last emptied. The front end asks for
        /// output after every command; with no job running, reading the empty pipe each time was
        /// a failed system call per command.
        var wakePending = false
        /// Calls tap jobs have seen other clients make, oldest first, for `expect tapped`.
        var tappedCalls: [TappedCall] = []
        /// Ended exchanges, with their wall-clock start, not yet taken into the session's history.
        var endedRecords: [(record: ExchangeRecord, startTime: String)] = []
    }

    /// Events remembered for `expect event`; older ones are dropped (and counted).
    static let maxEvents = 1000

    /// Output waiting for the front end is capped so a runaway stream nobody prints cannot eat
    /// memory; what is cut is said in a line.
    static let maxQueuedOutput = 4 * 1024 * 1024

    private let state = Mutex(State())
    /// Without a pipe (the system refused one) both ends are closed ones: nothing wakes a wait.
    private let wakePipe =
        (try? OwnedDescriptor.pipe(nonBlocking: true)) ?? (read: OwnedDescriptor(-1), write: OwnedDescriptor(-1))

    public init() {}

    /// Readable when jobs have output to print or have ended.
    public var wakeDescriptor: Int32 { wakePipe.read.raw }

    /// Starts `request` on a new connection; returns the job number.
    /// `exchange`: its number in the session's one sequence (its summary line's `#N`, `show N`),
    /// started at `startTime` (wall clock, for HAR).
    /// `recording`: the recorder the job's bytes go to, if recording.
    func start(
        _ request: EncodedRequest, exchange exchangeNumber: Int, startTime: String, target: String, endpoint: Endpoint,
        options: RenderOptions, timeoutSeconds: Double,
        lenient: Bool = false, recording: (recorder: SessionRecorder, exchange: Int)? = nil,
        transport: any Transport = SocketTransport(), connectionNumbers: ConnectionNumbers = ConnectionNumbers()
    ) -> Int? {
        let requestLine = String(decoding: request.bytes.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        let number = state.withLock { state in
            let number = state.nextNumber
            state.nextNumber += 1
            state.jobs[number] = Job(
                listing: Listing(
                    number: number, requestLine: requestLine, receivedBytes: 0,
                    startedNanoseconds: Posix.monotonicNanoseconds(), finished: nil))
            return number
        }
        let input = TunnelInput()
        let exchange = BackgroundExchange.start(
            endpoint: endpoint, timeoutSeconds: timeoutSeconds, lenient: lenient, transport: transport,
            connectionNumbers: connectionNumbers,
            body: { [self] runner, headArrived in
                // Every line is prefixed `[N] `: the wire view folds in what is left of the width.
                var options = options
                options.columns = options.columns.map { $0 - "[\(number)] ".count }
                var renderer = ExchangeRendering.renderer(for: options, requestTarget: target)
                var eventLines = DockerEventLines()
                var requestPassed = false
                let outcome = runner.run(
                    request, target: target, number: exchangeNumber, renderer: &renderer,
                    onReceive: { count in
                        self.state.withLock { $0.jobs[number]?.listing.receivedBytes += count }
                    },
                    onEvents: { events in
                        for case .head(let head, let framing, _) in events
                        where LiveSessionRenderer.opensStream(head, framing: framing) {
                            self.state.withLock { $0.jobs[number]?.streamOpen = true }
                        }
                        if BackgroundExchange.announcesHead(events) { headArrived() }
                        var found: [(event: DockerEvent, value: JSONValue)] = []
                        for case .body(let bytes) in events { found += eventLines.feedValues(bytes) }
                        guard !found.isEmpty else { return }
                        self.state.withLock { state in
                            state.events.append(contentsOf: found.map(\.event))
                            if var job = state.jobs[number] {
                                job.eventValues.append(contentsOf: found.map(\.value))
                                if job.eventValues.count > Self.maxEvents {
                                    job.eventValuesDropped += job.eventValues.count - Self.maxEvents
                                    job.eventValues.removeFirst(job.eventValues.count - Self.maxEvents)
                                }
                                state.jobs[number] = job
                            }
                            if state.events.count > Self.maxEvents {
                                state.eventsDropped += state.events.count - Self.maxEvents
                                state.events.removeFirst(state.events.count - Self.maxEvents)
                            }
                        }
                        self.wake()
                    },
                    onRun: recording.map { recording in
                        // The request was recorded when the job started: what comes back is added here, and
                        // what `fg N` types into a stream.
                        { direction, offset, bytes in
                            if direction == .sent && !requestPassed {
                                requestPassed = true
                                return
                            }
                            recording.recorder.run(
                                number: recording.exchange, direction: direction, offsetNanoseconds: offset,
                                bytes: bytes)
                        }
                    }, tunnelInput: input
                ) { out in
                    self.append(out, job: number)
                    out.removeAll(keepingCapacity: true)
                }
                recording?.recorder.exchangeEnded(number: recording?.exchange ?? 0, summary: outcome.summary)
                self.state.withLock { state in
                    state.endedRecords.append((outcome.record, startTime))
                    if state.endedRecords.count > ExchangeHistory.recordsKept { state.endedRecords.removeFirst() }
                }
                return outcome
            },
            ending: { [self] outcome in
                if let failure = outcome.failure {
                    self.append(Array(options.shown("sockshell: \(failure.message)\n").utf8), job: number)
                }
                self.finish(number, as: outcome.summary.endingPhrase)
                self.wake()
            })
        guard let exchange else {
            state.withLock { _ = $0.jobs.removeValue(forKey: number) }
            return nil
        }
        state.withLock { state in
            state.jobs[number]?.exchange = exchange
            state.jobs[number]?.input = input
        }
        return number
    }

    /// Starts a tap on `path` as a job (`tap PATH &`): its view is the job's output, and when it is
    /// stopped, the routes each client called. Returns the job number, or why the socket or the
    /// tap's threads cannot be set up.
    func startTap(path: String, upstream: Endpoint, options: RenderOptions) -> Result<Int, TapRelay.SetupFailure> {
        let tap: TapRun
        let stop: (read: OwnedDescriptor, write: OwnedDescriptor)
        do throws(TapRelay.SetupFailure) {
            tap = try TapRun(path: path, upstream: upstream, options: options)
            do throws(Errno) {
                stop = try OwnedDescriptor.pipe(nonBlocking: true)
            } catch {
                throw TapRelay.SetupFailure(description: "cannot create a pipe: \(error)")
            }
        } catch {
            return .failure(error)
        }
        let number = state.withLock { state in
            let number = state.nextNumber
            state.nextNumber += 1
            var job = Job(
                listing: Listing(
                    number: number, requestLine: "tap \(path)", receivedBytes: 0,
                    startedNanoseconds: Posix.monotonicNanoseconds(), finished: nil))
            job.tapStop = stop.write
            state.jobs[number] = job
            return number
        }
        let started = DetachedThread.start { [self] in
            let summary = tap.run(until: stop.read.raw, write: { self.append($0, job: number) }) { exchange in
                let call = TappedCall(
                    method: exchange.request.method, route: exchange.request.route, status: exchange.status)
                self.state.withLock { state in
                    state.tappedCalls.append(call)
                    if state.tappedCalls.count > Self.maxEvents {
                        state.tappedCalls.removeFirst(state.tappedCalls.count - Self.maxEvents)
                    }
                }
                self.wake()
            }
            let connections = tap.relay.connections
            var closing = "stopped after \(connections) connection\(connections == 1 ? "" : "s")\n"
            for line in summary?.lines ?? [] { closing += line + "\n" }
            self.append(Array(options.shown(closing).utf8), job: number)
            self.finish(number, as: "tap stopped after \(connections) connection\(connections == 1 ? "" : "s")")
            self.wake()
        }
        guard started else {
            tap.relay.stop()
            state.withLock { _ = $0.jobs.removeValue(forKey: number) }
            return .failure(TapRelay.SetupFailure(description: "the system refused a thread for the tap"))
        }
        return .success(number)
    }

    /// Waits until job `number`'s response head has arrived or the job has ended (see
    /// `BackgroundExchange.headArrival`), printing its output through `onOutput` meanwhile. `.arrived` for a job
    /// that is not known (it cannot be waited for).
    func waitForHead(_ number: Int, until deadline: UInt64, interruptDescriptor: Int32, onOutput: () -> Void)
        -> OneShotEvent.Wait
    {
        guard let arrival = state.withLock({ $0.jobs[number]?.exchange?.headArrival }) else { return .arrived }
        return arrival.wait(
            until: deadline, interruptDescriptor: interruptDescriptor, wakeDescriptor: wakeDescriptor, onWake: onOutput)
    }

    /// A running job whose answer opened a stream: its input and the descriptor readable once it
    /// has ended, for `fg N` to type into it.
    func liveStream(of number: Int) -> (input: TunnelInput, endDescriptor: Int32)? {
        state.withLock { state in
            guard let job = state.jobs[number], job.streamOpen, job.listing.finished == nil, let input = job.input,
                let exchange = job.exchange
            else { return nil }
            return (input, exchange.endDescriptor)
        }
    }

    /// Calls the tap jobs have seen, oldest first (the last `maxEvents`), for `expect tapped`.
    public func tappedCalls() -> [TappedCall] {
        state.withLock { $0.tappedCalls }
    }

    /// Events seen so far and how many were dropped before them, for `expect event`.
    public func seenEvents() -> (events: [DockerEvent], dropped: Int) {
        state.withLock { ($0.events, $0.eventsDropped) }
    }

    /// The events job `number` has seen (their JSON) from the `from`th on (0 is its first), and
    /// whether it has ended; nil for no such job.
    func eventValues(job number: Int, from: Int) -> (values: [JSONValue], ended: Bool)? {
        state.withLock { state in
            guard let job = state.jobs[number] else { return nil }
            let start = max(from - job.eventValuesDropped, 0)
            return (Array(job.eventValues[min(start, job.eventValues.count)...]), job.listing.finished != nil)
        }
    }

    /// Asks job `number` to end; false if there is no such running job.
    @discardableResult
    public func stop(_ number: Int) -> Bool {
        state.withLock { state in
            guard let job = state.jobs[number], job.listing.finished == nil else { return false }
            if let tapStop = job.tapStop { return (try? Posix.writeAll(to: tapStop.raw, [1][...])) != nil }
            guard let exchange = job.exchange else { return false }
            return exchange.stop()
        }
    }

    public func stopAll() {
        for listing in list() where listing.finished == nil { stop(listing.number) }
    }

    public func list() -> [Listing] {
        state.withLock { $0.jobs.values.map(\.listing).sorted { $0.number < $1.number } }
    }

    public func listing(_ number: Int) -> Listing? {
        state.withLock { $0.jobs[number]?.listing }
    }

    /// Forgets ended jobs (after `jobs` has shown them once, as shells do).
    public func forgetFinished() {
        state.withLock { state in state.jobs = state.jobs.filter { $0.value.listing.finished == nil } }
    }

    public var hasRunningJobs: Bool { list().contains { $0.finished == nil } }

    /// The exchanges that have ended since the last call, for `show N` and `export`.
    func takeEndedRecords() -> [(record: ExchangeRecord, startTime: String)] {
        state.withLock { state in
            defer { state.endedRecords = [] }
            return state.endedRecords
        }
    }

    /// Output queued since the last call; also empties the wake pipe.
    public func takeOutput() -> [UInt8] {
        // Cleared before the pipe is emptied: a wake written after this is kept for the next call.
        let wakePending = state.withLock { state in
            defer { state.wakePending = false }
            return state.wakePending
        }
        if wakePending {
            var drain = [UInt8](repeating: 0, count: 256)
            while let count = try? Posix.readSome(from: wakePipe.read.raw, into: &drain), count > 0 {}
        }
        return state.withLock { state in
            defer { state.output = [] }
            return state.output
        }
    }

    private func finish(_ number: Int, as ending: String) {
        state.withLock { state in
            state.jobs[number]?.listing.finished = ending
            state.jobs[number]?.listing.endedNanoseconds = Posix.monotonicNanoseconds()
        }
    }

    private func append(_ bytes: [UInt8], job number: Int) {
        guard !bytes.isEmpty else { return }
        let prefix = Array("[\(number)] ".utf8)
        state.withLock { state in
            var atLineStart = state.jobs[number]?.atLineStart ?? true
            if state.output.count > Self.maxQueuedOutput {
                state.output.removeAll(keepingCapacity: true)
                state.output += Array("[\(number)] (output nobody printed was dropped to bound memory)\n".utf8)
            }
            for byte in bytes {
                if atLineStart { state.output += prefix }
                state.output.append(byte)
                atLineStart = byte == 0x0A
            }
            state.jobs[number]?.atLineStart = atLineStart
        }
        wake()
    }

    private func wake() {
        // A full pipe (EAGAIN) already holds a wake-up.
        try? Posix.writeAll(to: wakePipe.write.raw, [1][...])
        // Marked after the byte is written: marked first, a takeOutput between the two could empty
        // the pipe and clear the mark, leaving a byte that no later call would read (a wait that
        // wakes forever). This way round the byte is at worst read one call late.
        state.withLock { $0.wakePending = true }
    }
}
