import SockshellCore
import SockshellIO

/// The interactive shell: libedit prompt, history across runs, Ctrl-C and Ctrl-D as shells
/// treat them, every command run by the same session the scripts use.
enum Repl {
    /// `bannerWritten`: `--lesson` wrote the banner before the lesson's first step, as it comes first.
    static func run(
        session: ShellSession, streams: StandardStreams, environment: [String: String], color: Bool,
        bannerWritten: Bool = false
    ) -> ScriptRunner.Status {
        Cancellation.installTermination()
        TerminalSignals.install()
        session.interactive = true
        session.waitForNextExchange = PagerKey.waitForNext
        if !bannerWritten { writeBanner(session: session, streams: streams) }
        guard environment["TERM"] != "dumb",
            let editor = LineEditor(historyPath: HistoryLocation.path(environment: environment))
        else {
            if environment["TERM"] != "dumb" {
                streams.diagnostic("the line editor could not start (is TERM set?); reading plain lines instead")
            }
            // TERM=dumb (Emacs' M-x shell): no line editing, but still a prompt to type at.
            return InputLoop.run(session: session, sink: streams, interactive: true) {
                prompt(for: session, color: false)
            }
        }
        // Credentials never reach the history file; this session's memory keeps them.
        editor.maskForDisk = CommandTextMasking.mask
        defer { editor.close() }
        editor.complete = { line, cursor in
            let completion = Completer(
                knowledge: session.knowledge, lessonNames: session.lessonDirectory.map(LessonLibrary.names(in:)) ?? [],
                contextNames: session.contextNames, explainTopics: Explain.topicWords,
                listFiles: DirectoryListing.entries
            )
            .complete(line: line, cursor: cursor)
            let utf8 = Array(line.utf8)
            guard completion.replaceFrom <= cursor, cursor <= utf8.count else { return nil }
            let typed = String(decoding: utf8[completion.replaceFrom..<cursor], as: UTF8.self)
            return LineEditor.Completion(
                replacingCharacters: typed.unicodeScalars.count, candidates: completion.candidates,
                commonPrefix: completion.commonPrefix)
        }
        session.confirm = { question in
            editor.setPrompt(question)
            switch editor.readLine() {
            case .line(let answer):
                return answer.drop { $0 == " " }.lowercased().hasPrefix("y")
            case .interrupted:
                // No: and what follows starts on a line of its own.
                streams.write(Array("^C\n".utf8)[...])
                return false
            case .end, .terminated:
                streams.write(Array("\n".utf8)[...])
                return false
            }
        }
        defer { session.confirm = nil }
        session.liveInput = .terminal(editor)
        defer { session.liveInput = .script }
        editor.backgroundDescriptor = session.jobs.wakeDescriptor
        editor.takeBackgroundOutput = { session.jobs.takeOutput() }

        var assembler = LineAssembler()
        assembler.refusesOnlyTheBadLine = true
        var typed: [String] = []
        var number = 0
        while true {
            // Ctrl-\ or SIGTERM during the last command (whose wait it ended) ends the shell now.
            if let signal = Cancellation.terminationSignal { leave(editor, signal: signal) }
            // One Ctrl-C is handled once: the command it interrupted has dealt with it, so a
            // Ctrl-C still pending (seen by a wait that ended for another reason) is not also
            // taken as Ctrl-C at the prompt.
            Cancellation.interruptSignal.acknowledge()
            session.flushJobOutput()
            streams.ensureLineStart()
            editor.setPrompt(assembler.continuationPrompt ?? prompt(for: session, color: color))
            switch editor.readLine() {
            case .terminated(let signal):
                leave(editor, signal: signal)
            case .end:
                if let unfinished = assembler.unfinishedDescription {
                    // Ctrl-D inside a body: drop it, as Ctrl-C would, rather than leave, and say so.
                    assembler.abandon()
                    typed = []
                    streams.write(Array("\ndropped \(unfinished): nothing was sent (Ctrl-D again leaves)\n".utf8)[...])
                    continue
                }
                streams.write(Array("\n".utf8)[...])
                if leavingIsConfirmed(session) { return .success }
            case .interrupted:
                assembler.abandon()
                typed = []
                streams.write(Array("^C\n".utf8)[...])
            case .line(let line):
                number += 1
                typed.append(line)
                if case .complete(.history)? = try? CommandParser.parse(line), !assembler.isContinuing {
                    editor.remember(line)
                    typed = []
                    let entries = editor.entries()
                    streams.write(
                        Array(entries.enumerated().map { "\($0.offset + 1)  \($0.element)\n" }.joined().utf8)[...])
                    continue
                }
                let result = ScriptRunner.run(
                    line: line, number: number, source: "stdin", locatesSyntaxErrors: false, feeder: &assembler,
                    session: session, sink: streams)
                // A body line refused alone (a closer that cannot match) is not part of the body.
                if result == .stop(.syntax), assembler.isContinuing { typed.removeLast() }
                if !assembler.isContinuing {
                    // A multi-line body is recalled as one line. It is kept as typed, so Up + Enter
                    // sends it again; only the history file gets it masked (`maskForDisk`).
                    let whole = typed.joined(separator: " ")
                    if whole.utf8.count <= LineEditor.longestRememberedLine { editor.remember(whole) }
                    typed = []
                }
                if result == .exit, leavingIsConfirmed(session) { return .success }
                if session.lastOutcome?.interrupted == true, session.options.view == .body, result != .proceed {
                    // The terminal echoed ^C after the body; the body view prints no summary line.
                    streams.write(Array("\n".utf8)[...])
                }
            }
        }
    }

    /// Leaving ends the jobs still running (an event stream, a tap), so it is asked first, as bash
    /// warns of stopped jobs before it exits; no job, nothing to ask.
    private static func leavingIsConfirmed(_ session: ShellSession) -> Bool {
        let running = session.jobs.list().filter { $0.finished == nil }
        guard let first = running.first, let confirm = session.confirm else { return true }
        return confirm(
            ShellPhrases.stopJobsAndExit(running.map(\.number), first: first.requestLine, session.language))
    }

    /// SIGTERM, SIGHUP or Ctrl-\: history saved, the terminal as it was, exit 128 + the signal
    /// (131 for Ctrl-\), as a shell killed by it would report.
    private static func leave(_ editor: LineEditor, signal: Int32) -> Never {
        editor.close()
        TerminalSignals.restoreTerminal()
        // The next prompt (the parent shell's) starts on a line of its own, after the echoed ^\.
        try? Posix.writeAll(to: 1, [0x0A][...])
        exit(128 + signal)
    }

    /// `sockshell 0.1.0 · unix:/var/run/docker.sock · daemon answered _ping (API 1.41)`.
    static func writeBanner(session: ShellSession, streams: StandardStreams) {
        let line = "sockshell \(SockshellVersion.current) · \(session.endpointChoice.display) · \(session.probe())\n"
        streams.write(Array(line.utf8)[...])
        // Nobody there: the places where a daemon does answer, with the connect that switches.
        if session.probeFoundNobody, let elsewhere = session.socketsThatAnswer() {
            streams.write(Array(elsewhere.utf8)[...])
        }
    }

    /// `docker.sock 201> `: where requests go, and how the last one ended. In a lesson the step
    /// takes the socket's place (`[create-then-start 2/7] 201> `): with both, 41 of 80 columns
    /// went to the prompt; `where` names the socket.
    static func prompt(for session: ShellSession, color: Bool) -> String {
        var place: String
        switch session.endpoint {
        case .unix(let path): place = String(path.split(separator: "/").last ?? Substring(path))
        case .tcp(let host, let port): place = "\(host):\(port)"
        case .ssh(let remote): place = "ssh:" + (remote.user.map { $0 + "@" } ?? "") + remote.host
        case .tls(let tls): place = "\(tls.host):\(tls.port)"
        }
        if let lesson = session.lessonPosition { place = "[\(lesson.name) \(lesson.step)/\(lesson.steps)]" }
        guard let status = session.lastOutcome?.head?.status else { return "\(place)> " }
        guard color else { return "\(place) \(status)> " }
        let marker = String(UnicodeScalar(UInt8(LineEditor.promptMarker)))
        let code = status < 300 ? "32" : status < 400 ? "33" : "31"
        return "\(place) \(marker)\u{1B}[\(code)m\(marker)\(status)\(marker)\u{1B}[0m\(marker)> "
    }
}

/// Where history lives: `$XDG_STATE_HOME/sockshell/history`, by default `~/.local/state/sockshell/history`.
enum HistoryLocation {
    /// The history file, its folder made (privately) so it can be written.
    static func path(environment: [String: String]) -> String? {
        guard let folder = StateFolder.path(environment: environment) else { return nil }
        StateFolder.make(folder)
        return folder + "/history"
    }
}

/// Names in a folder for completing `@file`: directories end in `/`.
enum DirectoryListing {
    static func entries(_ typedDirectory: String) -> [String] {
        let path = typedDirectory.isEmpty ? "." : typedDirectory
        return FolderEntries.names(path).map { name in
            var info = stat()
            let isDirectory = stat(path + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            return isDirectory ? name + "/" : name
        }
    }
}
