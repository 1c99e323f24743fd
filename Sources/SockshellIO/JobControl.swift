import SockshellCore

/// A session's background jobs as the user drives them: `jobs`, `fg N`, `stop N`, `wait [N]`,
/// the wait for a new job's response head, and `expect event` over what the jobs have seen.
final class JobControl {
    /// Background exchanges started with a trailing `&`.
    let jobs = BackgroundJobs()
    /// A person at a terminal drives the session: Ctrl-C while waiting goes back to the prompt
    /// instead of stopping a script.
    var interactive = false
    /// Events before this index were matched by an earlier `expect event`.
    private var eventCursor = 0

    private let output: SessionOutput
    private let timeoutSeconds: Double

    /// A job's head that takes longer than this is said to be slow, once, while the shell waits.
    static let slowHeadNoticeNanoseconds: UInt64 = 1_000_000_000

    init(output: SessionOutput, timeoutSeconds: Double) {
        self.output = output
        self.timeoutSeconds = timeoutSeconds
    }

    /// Writes what background jobs printed since the last call.
    func flushOutput() {
        output.write(jobs.takeOutput())
    }

    /// Jobs end within moments of being asked; a wedged one is not waited for longer.
    static let stopWaitNanoseconds: UInt64 = 2_000_000_000

    /// Ends every job (their ends are shown by the next flush), waiting a moment for them.
    func stopAll() {
        guard jobs.hasRunningJobs else { return }
        jobs.stopAll()
        waitForStop { jobs.hasRunningJobs }
    }

    /// Waits, at most `stopWaitNanoseconds`, while `running()` holds: a stopped job's end is
    /// then in `jobs` and in the output, so what follows (`jobs`, leaving) never sees it running.
    /// `onWake` may take the jobs' output (which empties the wake pipe, so the wait sleeps).
    private func waitForStop(onWake: () -> Void = {}, while running: () -> Bool) {
        let deadline = Posix.monotonicNanoseconds() + Self.stopWaitNanoseconds
        var waiter = DescriptorWaiter()
        waiter.watch(jobs.wakeDescriptor)
        while running() && Posix.monotonicNanoseconds() < deadline {
            _ = try? waiter.wait(until: Posix.monotonicNanoseconds() + 100_000_000)
            onWake()
        }
    }

    /// The socket of the most recent tap job, for `!COMMAND`'s DOCKER_HOST while it runs.
    private var lastTap: (path: String, job: Int)?

    /// `tap PATH [&]`: a tap of `endpoint` as a job; in the foreground, followed until Ctrl-C.
    func tap(_ path: String, background: Bool, endpoint: Endpoint) -> CommandResult {
        let absolute = FilePath.resolved(path, in: Posix.currentDirectory())
        if case .unix(let upstream) = endpoint, upstream == absolute {
            return .failed("a tap cannot listen on its own upstream \(absolute): choose another path")
        }
        // The tap shows its clients in the session's view (wire unless `view` changed it).
        switch jobs.startTap(path: absolute, upstream: endpoint, options: output.options) {
        case .failure(let failure):
            return .failed(failure.description)
        case .success(let number):
            lastTap = (absolute, number)
            let ending = background ? "stop \(number) ends it" : "Ctrl-C ends it"
            let announcement = TapRelay.announcement(upstream: endpoint, path: absolute)
            output.say("[\(number)] \(announcement); !COMMAND goes through it; \(ending)\n")
            return background ? .proceed : follow(job: number)
        }
    }

    /// `!COMMAND`: DOCKER_HOST is the most recent tap that still runs, else `endpoint`.
    func runShellCommand(_ line: String, endpoint: Endpoint) -> CommandResult {
        let running = lastTap.flatMap { tap in jobs.listing(tap.job)?.finished == nil ? tap.path : nil }
        let host = running.map { "unix://\($0)" } ?? endpoint.url
        // A tap is a unix socket; a TLS endpoint needs the CLI's TLS variables beside DOCKER_HOST.
        var tls: [String: String] = [:]
        if running == nil, case .tls(let endpoint) = endpoint { tls = endpoint.dockerEnvironment }
        switch ShellCommandRunner.run(
            line, dockerHost: host, dockerTLS: tls, jobsWake: jobs.wakeDescriptor, onJobOutput: flushOutput)
        {
        case .failure(let failure):
            return .failed(failure.message)
        case .success(let status):
            return status == 0 ? .proceed : .failed("!\(line) exited with status \(status)")
        }
    }

    /// `stop N`: asks the job to end and waits a moment until it has (`stop 1` then Ctrl-D found
    /// it still running and asked whether to leave).
    func stop(_ number: Int) -> CommandResult {
        guard jobs.stop(number) else { return .failed("no running job \(number): jobs lists them") }
        waitForStop(onWake: flushOutput) { jobs.listing(number)?.finished == nil }
        return .proceed
    }

    /// `jobs`: each job's request line, the bytes it has received, how long it ran (or has been
    /// running) and its state; ended jobs are then forgotten.
    func list() {
        let listings = jobs.list()
        if listings.isEmpty {
            output.say("no jobs (end a request line with & to run it in the background)\n")
            return
        }
        let now = Posix.monotonicNanoseconds()
        var text = ""
        for job in listings {
            let age = Measure.duration(job.age(now: now))
            let state = job.finished.map { "done: \($0)" } ?? "running"
            // The bytes read from the socket (heads, chunk lines and all), unlike the summary
            // line's body bytes: said, since the two differ.
            let received = "\(Measure.bytes(job.receivedBytes)) received"
            text += "[\(job.number)] \(job.requestLine) · \(received) · \(age) · \(state)\n"
        }
        output.say(text)
        jobs.forgetFinished()
    }

    /// A job's response head is awaited before the next line runs, so `GET /events &` is
    /// subscribed before a create typed after it. The job's own connect and head timeouts
    /// (--timeout each) end the wait; a slow head is said once, and Ctrl-C goes on without it.
    /// False when Ctrl-C ended the wait.
    func waitUntilListening(job number: Int) -> Bool {
        let timeout = UInt64(timeoutSeconds * 1_000_000_000)
        let start = Posix.monotonicNanoseconds()
        // Half the timeout when that is shorter, so the notice comes before the job gives up.
        let noticeAt = start + min(Self.slowHeadNoticeNanoseconds, timeout / 2)
        // Only a wedged job reaches this: connecting and waiting for the head are each bounded.
        let deadline = start + 2 * timeout + Self.slowHeadNoticeNanoseconds
        var noticed = false
        while true {
            let interrupt = Cancellation.interruptSignal.descriptor
            let result = jobs.waitForHead(number, until: noticed ? deadline : noticeAt, interruptDescriptor: interrupt)
            {
                flushOutput()
            }
            flushOutput()
            switch result {
            case .arrived:
                return true
            case .interrupted:
                Cancellation.interruptSignal.acknowledge()
                output.say(
                    """
                    [\(number)] going on without its response head: it waits in the background (stop \(number) ends \
                    it)\n
                    """
                )
                return false
            case .timedOut where !noticed:
                noticed = true
                output.say(
                    """
                    [\(number)] waiting for its response head (at most --timeout, \(Measure.duration(timeout)); \
                    Ctrl-C goes on without it)\n
                    """
                )
            case .timedOut:
                output.say(
                    """
                    [\(number)] still no response head: going on; it waits in the background (stop \(number) ends it)\n
                    """
                )
                return true
            }
        }
    }

    /// Shows job `number`'s output as it arrives until it ends; Ctrl-C ends the job, Ctrl-Z
    /// leaves it running and goes back to the prompt (there is nothing of ours to suspend).
    /// `detachKeys` is asked for only when the job is a live session.
    func follow(
        job number: Int, lineReader: LiveLineReading? = nil, detachKeys: @autoclosure () -> DetachKeys = .standard
    ) -> CommandResult {
        guard let listing = jobs.listing(number) else {
            return .failed("no job \(number): jobs lists them (an ended job is forgotten once jobs has shown it)")
        }
        if let finished = listing.finished {
            // `GET … &` then `fg 1` must not depend on whether the job has ended yet: either way
            // its output is shown and fg returns once it has.
            flushOutput()
            output.say("[\(number)] has ended: \(finished)\n")
            return .proceed
        }
        if let lineReader, let stream = jobs.liveStream(of: number) {
            return followLive(job: number, stream: stream, lineReader: lineReader, detachKeys: detachKeys())
        }
        // Only the interactive shell watches terminal signals; a script's fg stops as usual.
        let detachable = TerminalSignals.descriptor >= 0
        if detachable { TerminalSignals.catchSuspend(true) }
        defer { if detachable { TerminalSignals.catchSuspend(false) } }
        _ = TerminalSignals.take()
        if interactive {
            output.say(
                "following job \(number): Ctrl-C ends it, Ctrl-Z leaves it running and goes back to the prompt\n")
        }
        while true {
            switch watchOutput(catchingSuspend: detachable, until: { jobs.listing(number)?.finished != nil }) {
            case .done:
                return .proceed
            case .interrupted:
                // Ctrl-C ends the job; its end (the summary line) is still shown.
                jobs.stop(number)
            case .suspended:
                output.say(
                    """
                    \n[\(number)] still running in the background: fg \(number) follows it again, stop \(number) ends \
                    it\n
                    """
                )
                return .proceed
            }
        }
    }

    /// `fg N` on a job whose answer opened a stream (a hijacked attach or exec start sent with &): a
    /// live session in line mode, its output still the job's `[N]` lines shown above the line being
    /// typed. Each line goes to the stream; Ctrl-D ends its input (a half-close) and waits for the
    /// end; the detach keys give the prompt back with the job and its connection still open.
    private func followLive(
        job number: Int, stream: (input: TunnelInput, endDescriptor: Int32), lineReader: LiveLineReading,
        detachKeys: DetachKeys
    ) -> CommandResult {
        output.say(
            """
            job \(number) is a live session: each line you type goes to it; Ctrl-D ends its input, \
            \(detachKeys.text) gives the prompt back and leaves it running\n
            """)
        let read = LiveSessionDriver.sendLines(
            from: lineReader, to: stream.input, outputDescriptor: jobs.wakeDescriptor,
            takeOutput: { [jobs] in jobs.takeOutput() }, endDescriptor: stream.endDescriptor, detachKeys: detachKeys)
        switch read {
        case .end:
            _ = watchOutput(catchingSuspend: false, until: { jobs.listing(number)?.finished != nil })
        case .detached:
            output.say("[\(number)] still running in the background: fg \(number) follows it again, stop N ends it\n")
        case .terminated:
            return .stopped
        default:
            flushOutput()
        }
        return .proceed
    }

    /// `wait [N]`: shows the jobs' output until job N (or every job) has ended. Ctrl-C stops the
    /// waiting, not the jobs; a script stops there, as at any Ctrl-C.
    func wait(for number: Int?) -> CommandResult {
        if let number, jobs.listing(number) == nil {
            return .failed(
                """
                no job \(number) to wait for: jobs lists the running ones (an ended job is forgotten once jobs has \
                shown it)
                """
            )
        }
        func waitedFor() -> [BackgroundJobs.Listing] {
            jobs.list().filter { number == nil || $0.number == number }
        }
        guard
            watchOutput(catchingSuspend: false, until: { !waitedFor().contains { $0.finished == nil } }) == .interrupted
        else {
            return .proceed
        }
        let running = waitedFor().filter { $0.finished == nil }.map { "\($0.number)" }
        let which = running.count == 1 ? "job \(running[0]) goes" : "jobs \(running.joined(separator: ", ")) go"
        output.say("stopped waiting; \(which) on in the background (stop N ends it)\n")
        return interactive ? .proceed : .stopped
    }

    /// `expect event TYPE ACTION within S`: waits until a background job has seen a Docker event
    /// of this type and action after those matched before. Nil when it came, else the sentence.
    func expectEvent(type: String, action: String, within seconds: Double, description: String) -> String? {
        guard !jobs.list().isEmpty else {
            return "expect \(description): no background job is watching events: start one first with GET /events &"
        }
        let deadline = Posix.monotonicNanoseconds() + UInt64(max(seconds, 0) * 1_000_000_000)
        var waitSaid = !interactive
        while true {
            let (events, dropped) = jobs.seenEvents()
            let start = max(eventCursor - dropped, 0)
            if start < events.count,
                let index = Expectation.event(type: type, action: action, within: seconds).firstMatch(
                    in: events[start...])
            {
                eventCursor = dropped + index + 1
                // The event's line was queued before the event was heard of: shown before whatever
                // the waiter says next (a lesson's pass and notice describe it).
                flushOutput()
                return nil
            }
            flushOutput()
            guard Posix.monotonicNanoseconds() < deadline else { break }
            if !waitSaid {
                // A wait of seconds in silence looked hung (a lesson's step waits 10 s).
                waitSaid = true
                output.say(
                    """
                    waiting up to \(Measure.duration(UInt64(seconds * 1_000_000_000))) for a \(type) \(action) \
                    event (Ctrl-C stops waiting)\n
                    """)
            }
            var waiter = DescriptorWaiter()
            waiter.watch(jobs.wakeDescriptor)
            let interrupt = waiter.watch(Cancellation.interruptSignal.descriptor)
            _ = try? waiter.wait(until: deadline)
            if waiter.isReady(interrupt) { return "expect \(description): interrupted (Ctrl-C)" }
        }
        let (events, dropped) = jobs.seenEvents()
        let seen = events[max(eventCursor - dropped, 0)...].suffix(5).map { "\($0.type) \($0.action)" }
        return
            """
            expect \(description) failed: no \(type) \(action) event within \
            \(Measure.duration(UInt64(seconds * 1_000_000_000))); seen: \
            \(seen.isEmpty ? "none" : seen.joined(separator: ", "))
            """
    }

    /// What an `on event` block's wait for its stream's next events ended with.
    enum EventWait {
        case events([JSONValue])
        /// The stream ended (the daemon closed it, or it was stopped).
        case ended
        case interrupted
    }

    /// Waits until job `number` has seen events from the `from`th on (its output shown as it
    /// comes), it ends, or Ctrl-C.
    func nextEvents(job number: Int, from: Int) -> EventWait {
        var waiter = DescriptorWaiter()
        waiter.watch(jobs.wakeDescriptor)
        let interrupt = waiter.watch(Cancellation.interruptSignal.descriptor)
        while true {
            guard let seen = jobs.eventValues(job: number, from: from) else { return .ended }
            if !seen.values.isEmpty {
                // The event's line in the job's view first, then what the block makes of it.
                flushOutput()
                return .events(seen.values)
            }
            flushOutput()
            if seen.ended { return .ended }
            _ = try? waiter.wait(until: nil)
            if waiter.isReady(interrupt) { return .interrupted }
        }
    }

    /// How long `expect tapped` waits for a call to be seen: the tap's view reads what its relays
    /// forwarded a moment after the client has it, and a client may still be finishing.
    static let tappedCallWaitNanoseconds: UInt64 = 5_000_000_000

    /// `expect tapped METHOD ROUTE [STATUS]`: nil once a tap job has seen such a call (waiting a
    /// little for its view to catch up), else the sentence that says what it saw.
    func expectTapped(_ expectation: Expectation) -> String? {
        guard jobs.list().contains(where: { $0.requestLine.hasPrefix("tap ") }) else {
            return "expect \(expectation.description): no tap is running: start one first with tap PATH &"
        }
        let deadline = Posix.monotonicNanoseconds() + Self.tappedCallWaitNanoseconds
        while true {
            let result = expectation.check(tapped: jobs.tappedCalls())
            flushOutput()
            guard case .failed(let expected, let actual) = result else { return nil }
            guard Posix.monotonicNanoseconds() < deadline else {
                return "expect \(expectation.description) failed: expected \(expected), got \(actual)"
            }
            var waiter = DescriptorWaiter()
            waiter.watch(jobs.wakeDescriptor)
            let interrupt = waiter.watch(Cancellation.interruptSignal.descriptor)
            _ = try? waiter.wait(until: deadline)
            if waiter.isReady(interrupt) { return "expect \(expectation.description): interrupted (Ctrl-C)" }
        }
    }

    private enum Watch { case done, interrupted, suspended }

    /// Prints background output as it arrives until `done()` holds or Ctrl-C (or, when the shell
    /// catches it, Ctrl-Z) ends the watching: the one wait behind `fg N` and `wait [N]`.
    private func watchOutput(catchingSuspend: Bool, until done: () -> Bool) -> Watch {
        while true {
            flushOutput()
            if done() { return .done }
            // A negative descriptor is never ready: terminal signals are looked at only when
            // caught, so a resize stays for the line editor.
            var waiter = DescriptorWaiter()
            waiter.watch(jobs.wakeDescriptor)
            let interrupt = waiter.watch(Cancellation.interruptSignal.descriptor)
            let terminal = waiter.watch(catchingSuspend ? TerminalSignals.descriptor : -1)
            _ = try? waiter.wait(until: nil)
            if waiter.isReady(interrupt) {
                Cancellation.interruptSignal.acknowledge()
                return .interrupted
            }
            if waiter.isReady(terminal), TerminalSignals.take().contains(.suspend) { return .suspended }
        }
    }
}
