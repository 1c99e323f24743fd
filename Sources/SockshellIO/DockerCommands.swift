import SockshellCore

/// `attach`, `exec` and `run`: what the docker CLI does for them, call by call, each exchange shown
/// as it goes and kept in history, ending in a live session and the process's exit code. The order
/// and the bodies are the CLI 28's, captured through a relay (the comment atop `DockerCallPlans`);
/// the paths go without the `/v1.41` prefix, as a request typed here would.
extension RequestSender {
    func runDockerCommand(_ kind: DockerCommandKind, arguments: VariableTemplate) -> CommandResult {
        let command: DockerCommand
        do throws(CommandSyntaxError) {
            command = try DockerCommand(kind, text: try script.fill(arguments, json: false))
        } catch {
            return .failed(error.message)
        }
        switch command {
        case .attach(let attach): return self.attach(attach)
        case .exec(let exec): return self.exec(exec)
        case .run(let run): return self.run(run)
        }
    }

    /// `docker attach`: is it running, has it a TTY (`GET …/json`), then the attach and its session.
    private func attach(_ command: AttachCommand) -> CommandResult {
        let (inspected, inspect) = send(DockerCalls.inspectContainer(command.container))
        guard case .proceed = inspected, let inspect, let state = Self.json(inspect)?["State"] else {
            return inspected == .proceed ? .failed("attach: \(command.container) could not be inspected") : inspected
        }
        guard state["Running"]?.boolValue == true else {
            return .failed(
                """
                \(command.container) is not running: attach needs a running container (POST \
                /containers/\(command.container)/start, or run -it IMAGE)
                """)
        }
        let tty = Self.json(inspect).flatMap(LiveStreamTarget.tty(inInspect:)) ?? false
        let attach = DockerCalls.attachContainer(command.container, stdin: true, detachKeys: command.detachKeys)
        return live(attach, tty: tty, detachKeys: command.detachKeys) { ending in
            if case .detached = ending { return .proceed }
            return self.sayExitCode(of: command.container)
        }
    }

    /// `docker exec`: the exec is created, started as a live session, and inspected for its exit code.
    private func exec(_ command: ExecCommand) -> CommandResult {
        let tty = command.tty ?? liveInput.hasTerminal
        let (created, exec) = send(DockerCalls.createExec(command, tty: tty))
        guard case .proceed = created else { return created }
        guard let exec, let id = Self.json(exec)?["Id"]?.stringValue else {
            return .failed("exec: the daemon did not answer with the exec's Id (see the answer above)")
        }
        return live(DockerCalls.startExec(id, tty: tty), tty: tty, detachKeys: command.detachKeys) { ending in
            if case .detached = ending { return .proceed }
            let (inspected, inspect) = self.send(DockerCalls.inspectExec(id))
            guard case .proceed = inspected else { return inspected }
            if let code = inspect.flatMap({ Self.json($0)?["ExitCode"]?.numberText }) {
                self.output.say("* exit code \(code) (ExitCode of GET /exec/\(ShortIDs.shortened(id))/json)\n")
            }
            return .proceed
        }
    }

    /// `docker run`: create; unless -d, the attach (before start, so no output is lost) and the wait
    /// (before start, so a container removed by --rm is still there to wait for); start; the session;
    /// the exit code from the wait's answer.
    private func run(_ command: RunCommand) -> CommandResult {
        let size = command.tty ? RawTerminal.size() : nil
        let (created, create) = send(DockerCalls.createContainer(command, consoleSize: size))
        guard case .proceed = created else { return created }
        guard let create, let id = Self.json(create)?["Id"]?.stringValue else {
            return .failed("run: the daemon did not answer with the container's Id (see the answer above)")
        }
        guard let attachCall = DockerCalls.attachContainer(id, for: command) else {
            // -d: started and left running, as the CLI leaves it (its wait is abandoned at once).
            let (started, _) = send(DockerCalls.startContainer(id))
            if case .proceed = started { output.say("\(id)\n") }
            return started
        }
        let attach: StartedLiveExchange
        switch startLive(attachCall, tty: command.tty, interactive: command.interactive) {
        case .failure(let failure): return .failed(failure.message)
        case .success(let started): attach = started
        }
        let wait: StartedLiveExchange
        switch startLive(DockerCalls.waitContainer(id, until: DockerCalls.waitCondition(for: command)), tty: false) {
        case .failure(let failure):
            _ = attach.live.stop()
            return .failed(failure.message)
        case .success(let started): wait = started
        }
        // Ctrl-C while the attach or the wait waited for its head: nothing is started.
        if attach.interrupted != nil || wait.interrupted != nil {
            _ = attach.live.stop()
            _ = wait.live.stop()
            output.say("* interrupted before the container was started: it is created, not started (\(id))\n")
            return .stopped
        }
        let (started, _) = send(DockerCalls.startContainer(id))
        guard case .proceed = started else {
            _ = attach.live.stop()
            _ = wait.live.stop()
            return started
        }
        var waited = false
        let (result, _) = driveLive(attach, detachKeys: command.detachKeys) { ending in
            // Detached, the container goes on: the wait is left, as the CLI leaves it.
            if case .detached = ending { return .proceed }
            waited = true
            let (result, outcome) = self.driveLive(wait)
            guard case .proceed = result else { return result }
            if let code = outcome.flatMap({ Self.json($0)?["StatusCode"]?.numberText }) {
                self.output.say("* exit code \(code) (StatusCode of the wait)\n")
            }
            return .proceed
        }
        // Not waited for (a detach, a failure, Ctrl-C): the long poll is ended. A script's session
        // is still open: the wait goes on until it ends.
        if !waited, scriptedLive?.started.live !== attach.live { _ = wait.live.stop() }
        return result
    }

    /// A call sent in the foreground, shown and kept; its exchange. An answer other than 2xx ends
    /// the command (the daemon's message was shown with it).
    private func send(_ call: DockerCall) -> (CommandResult, FinishedExchange?) {
        let (result, outcome) = sendForeground(encoded(call), target: versioned(call.target))
        if case .proceed = result, let head = outcome?.head, !(200..<300).contains(head.status) {
            return (.failed("\(call.method) \(call.target) answered \(head.status) \(head.reason)"), outcome)
        }
        return (result, outcome)
    }

    /// A hijacking call sent and driven as a live session; `after` once it has ended.
    private func live(_ call: DockerCall, tty: Bool, detachKeys: DetachKeys?, after: @escaping AfterSession)
        -> CommandResult
    {
        switch startLive(call, tty: tty) {
        case .failure(let failure): return .failed(failure.message)
        case .success(let started): return driveLive(started, detachKeys: detachKeys, after: after).result
        }
    }

    /// Starts a call on its own thread: a hijack as a live session to drive, anything else (run's
    /// wait) as an exchange that answers later. `interactive` false: the session gets no input.
    private func startLive(_ call: DockerCall, tty: Bool, interactive: Bool = true)
        -> Result<StartedLiveExchange, CommandFailure>
    {
        let request = encoded(call)
        let stream = call.hijacks ? LiveStreamTarget(requestBytes: request.bytes) : nil
        return startLive(
            request, target: versioned(call.target), stream: stream, tty: tty, input: interactive ? nil : .noInput)
    }

    /// A call as this session sends it: under the session's API version, its headers after the session's.
    func encoded(_ call: DockerCall) -> EncodedRequest {
        encoder.encode(
            method: call.method, target: versioned(call.target), sessionHeaders: sessionHeaders,
            requestHeaders: call.headers,
            body: call.body)
    }

    /// After a live session that ended on its own, the container's exit code if it has exited.
    private func sayExitCode(of container: String) -> CommandResult {
        let outcome = quietOutcome(method: "GET", target: "/containers/\(container)/json", headers: sessionHeaders)
        guard let state = Self.json(outcome)?["State"], state["Running"]?.boolValue == false,
            let code = state["ExitCode"]?.numberText
        else { return .proceed }
        output.say("* exit code \(code) (State.ExitCode of GET /containers/\(ShortIDs.shortened(container))/json)\n")
        return .proceed
    }

    private static func json(_ outcome: FinishedExchange) -> JSONValue? {
        try? JSONValue.parse(outcome.record.responseBody)
    }
}
