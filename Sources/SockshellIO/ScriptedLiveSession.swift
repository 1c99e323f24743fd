import SockshellCore

/// A script's live session: opened by an attach, an exec or a run the script made, it stays open
/// while the script goes on. `send` types into it, `expect output /REGEX/` waits for what the
/// process writes (as expect(1) does), `close` half-closes it and waits for its end.
struct ScriptedLiveSession {
    let started: StartedLiveExchange
    /// What the command that opened it does once it has ended (exec's exit code).
    let after: RequestSender.AfterSession?
    /// The stream's text up to here was matched by an earlier `expect output`.
    var matchedThrough = 0
}

extension RequestSender {
    /// `send TEXT`: its `$references` filled and its escapes decoded, typed into the session.
    func sendToLive(_ template: VariableTemplate) -> CommandResult {
        guard let session = scriptedLive else { return .failed(Self.noSession("send")) }
        do throws(CommandSyntaxError) {
            session.started.live.input.send(try RawEscapes.decode(try script.fill(template, json: false)))
        } catch {
            return .failed(error.message)
        }
        showLiveOutput()
        return .proceed
    }

    /// `close`: the input ends (a half-close), the output is shown until the daemon closes the
    /// stream, and the command that opened the session finishes (exec's exit code).
    func closeLive() -> CommandResult {
        guard scriptedLive != nil else { return .failed(Self.noSession("close")) }
        return endScriptedLive(closing: false)
    }

    /// `expect output /REGEX/ within S`: nil once the session's output, after what earlier checks
    /// matched, has text the pattern finds; else the sentence saying what it showed instead.
    func expectLiveOutput(_ regex: ExpectedRegex, within seconds: Double, description: String) -> String? {
        guard let session = scriptedLive else { return "expect \(description): \(Self.noSession("expect output"))" }
        let live = session.started.live
        let deadline = Posix.monotonicNanoseconds() + UInt64(max(seconds, 0) * 1_000_000_000)
        while true {
            showLiveOutput()
            let (bytes, start) = live.streamText(from: session.matchedThrough)
            let text = String(decoding: bytes, as: UTF8.self)
            if let end = regex.endOfFirstMatch(in: text) {
                scriptedLive?.matchedThrough = start + text.utf8.distance(from: text.startIndex, to: end)
                return nil
            }
            let over = live.outcome != nil
            if over || Posix.monotonicNanoseconds() >= deadline {
                let seen = ControlByteEscaper.escaped(
                    text.suffix(200).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n"))
                let why =
                    over ? "the stream ended" : "nothing matched within \(Measure.duration(UInt64(seconds * 1e9)))"
                return "expect \(description) failed: \(why); the output since the last match: \"\(seen)\""
            }
            var waiter = DescriptorWaiter()
            waiter.watch(live.output.descriptor)
            waiter.watch(live.endDescriptor)
            let interrupt = waiter.watch(Cancellation.interruptSignal.descriptor)
            _ = try? waiter.wait(until: deadline)
            if waiter.isReady(interrupt) { return "expect \(description): interrupted (Ctrl-C)" }
        }
    }

    /// Shows what the script's session has written so far (before each command and while waiting).
    func showLiveOutput() {
        guard let session = scriptedLive else { return }
        writeLive(session.started.live.output.take())
    }

    /// Ends the script's session: `closing` (the script ended, or another session opens) closes
    /// the connection now; otherwise the input ends and the session runs until the daemon closes.
    func endScriptedLive(closing: Bool) -> CommandResult {
        guard let session = scriptedLive else { return .proceed }
        scriptedLive = nil
        let live = session.started.live
        let outcome: FinishedExchange
        let ending: LiveSessionEnding
        if closing && live.outcome == nil {
            outcome = live.stop(onOutput: { self.writeLive($0) })
            ending = .interrupted
        } else {
            let closedByTheDaemon = live.outcome != nil && !live.input.hasEnded
            live.input.end()
            let finished = live.finish(onOutput: { self.writeLive($0) })
            outcome = finished.outcome
            ending =
                finished.stoppedBy ?? outcome.failure.map { .failed($0.message) }
                ?? (closedByTheDaemon ? .remoteClosed : .halfClosedThenClosed)
        }
        return ended(session.started, outcome: outcome, ending: ending, after: closing ? nil : session.after).result
    }

    private static func noSession(_ command: String) -> String {
        """
        \(command): no live session is open: a script opens one with exec, attach, run -i or a request that \
        upgrades (POST /exec/ID/start with Upgrade: tcp)
        """
    }
}
