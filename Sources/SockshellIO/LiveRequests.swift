import SockshellCore

/// A live-capable exchange that has been started and waited for until its head: the attach of
/// `run` is started this way before the container is, so no output is lost, and driven after.
struct StartedLiveExchange {
    let live: LiveExchange
    let request: EncodedRequest
    let target: String
    let stream: LiveStreamTarget?
    let number: Int
    let startTime: String
    let recorder: SessionRecorder?
    let source: LiveInputSource
    let display: LiveDisplay
    /// Ctrl-C came before the head: the exchange has been stopped.
    let interrupted: FinishedExchange?
}

/// The live request path of a session: requests that may open a live session (an attach, an exec
/// start, an `Upgrade`) run on their own thread and connection; once the daemon switches protocols,
/// what the user types goes to the container (`LiveSessionDriver`) until the stream ends or the user
/// detaches. Anything else they are answered with is shown as any foreground exchange.
extension RequestSender {
    /// Sends it and drives the session it opens; the exchange is kept like any other.
    func sendLive(_ request: EncodedRequest, target: String, stream: LiveStreamTarget)
        -> (result: CommandResult, outcome: FinishedExchange?)
    {
        let tty = stream.requestSaysTTY ?? containerHasTTY(stream)
        switch startLive(request, target: target, stream: stream, tty: tty) {
        case .failure(let failure): return (.failed(failure.message), nil)
        case .success(let started): return driveLive(started)
        }
    }

    /// Starts it on its own thread and waits for its head (showing what comes meanwhile).
    /// `stream` nil: an exchange that only has to run beside others (run's long-polled wait).
    /// `input`: where the session's input comes from when not from the session's policy (`run`
    /// without -i gives none, as the CLI half-closes at once).
    func startLive(
        _ request: EncodedRequest, target: String, stream: LiveStreamTarget?, tty: Bool, input: LiveInputSource? = nil
    ) -> Result<StartedLiveExchange, CommandFailure> {
        let (number, startTime, recorder) = beginForeground(request)
        let source: LiveInputSource = stream == nil ? .noInput : input ?? liveInput.source(tty: tty)
        var options = output.options
        let display: LiveDisplay
        if tty, case .keys = source {
            display = .terminal
            options.passesControlBytes = true
        } else if stream == nil {
            display = .view
        } else {
            display = .lines(in: options.view, frames: !tty)
        }
        var onRun: (@Sendable (ExchangeRecord.Direction, UInt64, ArraySlice<UInt8>) -> Void)?
        if let recorder {
            onRun = { direction, offset, bytes in
                recorder.run(number: number, direction: direction, offsetNanoseconds: offset, bytes: bytes)
            }
        }
        guard
            let live = LiveExchange.start(
                request, target: target, number: number, endpoint: endpoint, options: options, display: display,
                frames: !tty, timeoutSeconds: timeoutSeconds, lenient: lenient, transport: transport,
                connectionNumbers: pool.numbers, onRun: onRun)
        else {
            recorder?.exchangeEnded(
                number: number,
                summary: ExchangeSummary(
                    status: nil, reason: "", bodyBytes: 0, totalNanoseconds: 0, firstByteNanoseconds: nil,
                    outcome: .failed("not started")))
            return .failure(CommandFailure("could not start the exchange: the system refused a new thread or pipe"))
        }
        let headWait = live.waitForHead(
            until: nil, interruptDescriptor: Cancellation.interruptSignal.descriptor,
            onOutput: { self.writeLive(live.output.take()) })
        var interrupted: FinishedExchange?
        if headWait == .interrupted {
            Cancellation.interruptSignal.acknowledge()
            interrupted = live.stop()
        }
        writeLive(live.output.take())
        return .success(
            StartedLiveExchange(
                live: live, request: request, target: target, stream: stream, number: number, startTime: startTime,
                recorder: recorder, source: source, display: display, interrupted: interrupted))
    }

    /// What a command does once its session has ended (exec's inspect, run's wait), given how it
    /// ended; not called when the session failed or was interrupted.
    typealias AfterSession = (LiveSessionEnding) -> CommandResult

    /// Drives a started exchange to its end (the session, when its head opened one), keeps it, and
    /// says how the session ended. A script's session is not driven here: it becomes the script's
    /// current one (`send`, `expect output`, `close`) and `after` runs when it ends.
    /// `detachKeys`: the command's own (`--detach-keys`), else the session's.
    func driveLive(_ started: StartedLiveExchange, detachKeys keys: DetachKeys? = nil, after: AfterSession? = nil)
        -> (result: CommandResult, outcome: FinishedExchange?)
    {
        let live = started.live
        if started.interrupted == nil, started.stream != nil, live.opensStream, case .scripted = started.source {
            if scriptedLive != nil { _ = endScriptedLive(closing: true) }
            scriptedLive = ScriptedLiveSession(started: started, after: after)
            return (.proceed, nil)
        }
        var ending: LiveSessionEnding?
        let outcome: FinishedExchange
        if let interrupted = started.interrupted {
            outcome = interrupted
            ending = .interrupted
        } else if let stream = started.stream, live.opensStream {
            let display = started.display
            let driver = LiveSessionDriver(
                live: live, detachKeys: keys ?? detachKeys, write: { self.writeLive($0) },
                resize: { size in
                    guard let resize = stream.resizeCall(size) else { return }
                    self.resize(resize, inRawTerminal: display == .terminal)
                })
            let (how, finished) = driver.run(from: started.source)
            ending = how
            outcome = finished
        } else {
            let finished = live.finish(onOutput: { self.writeLive($0) })
            outcome = finished.outcome
            ending = finished.stoppedBy
        }
        return ended(started, outcome: outcome, ending: ending, after: after)
    }

    /// Keeps the exchange, says how its session ended, and runs what follows it.
    func ended(
        _ started: StartedLiveExchange, outcome: FinishedExchange, ending: LiveSessionEnding?, after: AfterSession?
    ) -> (result: CommandResult, outcome: FinishedExchange?) {
        started.recorder?.exchangeEnded(number: started.number, summary: outcome.summary)
        recording.stopIfWriteFailed()
        history.keep(outcome, startTime: started.startTime)
        learn(from: outcome)
        guard let ending else {
            return (foregroundResult(outcome, request: started.request, target: started.target), outcome)
        }
        var reattach: String?
        if case .containerAttach(let id)? = started.stream?.kind { reattach = "attach \(ShortIDs.shortened(id))" }
        // The container's last line may have no end (a prompt): ours starts a line of its own.
        output.sink.ensureLineStart()
        output.say(output.options.shown(ending.line(reattach: reattach, tty: started.display == .terminal) + "\n"))
        switch ending {
        case .terminated, .interrupted: return (.stopped, outcome)
        case .failed(let reason): return (.failed(reason), outcome)
        default:
            if outcome.head != nil { afterExchange(started.request.method, started.target, false) }
            return (after?(ending) ?? .proceed, outcome)
        }
    }

    func writeLive(_ bytes: [UInt8]) {
        if !bytes.isEmpty { output.sink.write(bytes[...]) }
    }

    /// The detach keys: the `detachKeys` variable when set (docker's config setting of that name),
    /// else Ctrl-P Ctrl-Q. A value that is not keys is said, and the standard ones are used.
    var detachKeys: DetachKeys {
        guard let text = script.variables["detachKeys"] else { return .standard }
        do throws(DetachKeysError) {
            return try DetachKeys(parsing: text)
        } catch {
            output.diagnostic("detachKeys: \(error.message); ctrl-p,ctrl-q detach instead")
            return .standard
        }
    }

    /// Whether the container an attach streams from was created with a TTY (a quiet inspect).
    func containerHasTTY(_ stream: LiveStreamTarget) -> Bool {
        guard let inspect = stream.inspectCall else { return false }
        let outcome = quietOutcome(method: inspect.method, target: inspect.target, headers: sessionHeaders)
        return (try? JSONValue.parse(outcome.record.responseBody)).flatMap(LiveStreamTarget.tty(inInspect:)) ?? false
    }

    /// `POST …/resize?h=&w=` on the session's own connection, beside the stream: shown whole
    /// before the terminal goes raw, as one line while a TTY session has it.
    private func resize(_ call: DockerCall, inRawTerminal: Bool) {
        let request = encoded(call)
        let target = versioned(call.target)
        let number = history.nextNumber()
        let startTime = WallClock.iso8601()
        var renderer: any ExchangeRenderer =
            inRawTerminal ? BodyRenderer() : ExchangeRendering.renderer(for: output.options, requestTarget: target)
        let outcome = runner.run(request, target: target, number: number, renderer: &renderer) { out in
            if !inRawTerminal, !out.isEmpty { output.sink.write(out[...]) }
            out.removeAll(keepingCapacity: true)
        }
        history.keep(outcome, startTime: startTime)
        if inRawTerminal {
            let status = outcome.head.map { "\($0.status) \($0.reason)" } ?? (outcome.failure?.message ?? "no answer")
            let line = "* #\(number) POST \(ShortIDs.shortened(target)) -> \(status) (show \(number) for the exchange)"
            output.sink.write(Array((output.options.shown(line) + "\r\n").utf8)[...])
        }
    }
}
