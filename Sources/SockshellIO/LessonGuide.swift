import SockshellCore

/// Guided lessons in a session: the lesson commands, and checking each exchange the learner makes
/// against the current step.
final class LessonGuide {
    /// Where lesson files are read from: given, or looked for the first time a lesson needs it.
    var lessonDirectory: String? {
        get {
            if case .toLocate(let locate) = lessonFolder { lessonFolder = .located(locate()) }
            guard case .located(let folder) = lessonFolder else { return nil }
            return folder
        }
        set { lessonFolder = .located(newValue) }
    }
    private enum LessonFolder {
        case located(String?)
        case toLocate(() -> String?)
    }
    private var lessonFolder = LessonFolder.located(nil)
    /// Where progress is kept (set by the front end); made when progress is first saved.
    var lessonProgressDirectory: String?
    /// Looks for the lesson folder with `locate` when a lesson first needs it, not before.
    func locateLessonDirectory(with locate: @escaping () -> String?) {
        lessonFolder = .toLocate(locate)
    }
    /// Asks the person a yes/no question (the interactive shell sets it); nil: nobody to ask.
    var confirm: ((String) -> Bool)?
    /// Adds a line to the command log behind `export script` (a capture the lesson made, the
    /// lesson's `$socket`), so an exported script defines what its later lines use.
    var logCommand: (String) -> Void = { _ in }
    /// The lesson last quit or finished: `lesson cleanup` with no name means it.
    private var lastLesson: String?
    /// The lesson being followed and how far it got.
    private var activeLesson: (lesson: Lesson, progress: LessonProgress)?

    private let output: SessionOutput
    private let history: ExchangeHistory
    private let script: ScriptState
    private let requests: RequestSender

    init(output: SessionOutput, history: ExchangeHistory, script: ScriptState, requests: RequestSender) {
        self.output = output
        self.history = history
        self.script = script
        self.requests = requests
    }

    private var endpoint: Endpoint { requests.endpoint }

    /// The lesson being followed and the current step (from 1), for the prompt.
    var lessonPosition: (name: String, step: Int, steps: Int)? {
        activeLesson.map { ($0.lesson.name, $0.progress.step + 1, $0.lesson.steps.count) }
    }

    func run(_ command: LessonCommand) -> CommandResult {
        switch command {
        case .list:
            return listLessons()
        case .start(let name):
            return startLesson(name, fresh: false)
        case .restart(let name):
            return startLesson(name, fresh: true)
        case .quit:
            guard let active = activeLesson else {
                return .failed("no lesson is running: lesson lists them, lesson start NAME starts one")
            }
            saveProgress()
            activeLesson = nil
            lastLesson = active.lesson.name
            output.say(
                """
                left \(active.lesson.name) at step \(active.progress.step + 1) of \(active.lesson.steps.count) \
                (lesson start \(active.lesson.name) resumes there)\n
                """
            )
            offerCleanup(active.lesson.name)
            return .proceed
        case .cleanup(let name):
            guard let name = name ?? activeLesson?.lesson.name ?? lastLesson else {
                return .failed(
                    "lesson cleanup needs a lesson name when none is running, e.g. lesson cleanup create-then-start")
            }
            // Only a lesson's own label: never a name that could widen the filter.
            let known = lessonDirectory.map(LessonLibrary.names(in:)) ?? []
            guard known.contains(name) else {
                return .failed(
                    "no lesson named '\(name)': lesson cleanup takes one of \(known.joined(separator: ", "))")
            }
            return removeLessonContainers(name, ask: false)
        case .next, .back, .hint, .check, .whereAmI:
            guard let active = activeLesson else {
                // `where` outside a lesson most likely asks which daemon this is: name the command that says.
                let also = command == .whereAmI ? " (endpoint says which daemon requests go to)" : ""
                return .failed("no lesson is running: lesson lists them, lesson start NAME starts one\(also)")
            }
            let step = active.lesson.steps[active.progress.step]
            switch command {
            case .next:
                if step.isChecked { activeLesson?.progress.skip() }
                moveLesson(by: 1)
            case .back:
                guard active.progress.step > 0 else {
                    return .failed("this is the first step: there is nothing before it")
                }
                moveLesson(by: -1)
            case .hint:
                if let hint = step.hint {
                    sayMarkdown(hint, label: "hint: ")
                } else {
                    output.say("hint: this step has no hint; its command is: \(step.command)\n")
                }
            case .check:
                guard let record = history.records.last else {
                    return .failed("there is no exchange to check yet: try the step's command")
                }
                afterExchange(method: record.method, target: record.target, background: false)
            default:
                output.say(
                    """
                    \(active.lesson.name), step \(active.progress.step + 1) of \(active.lesson.steps.count): \
                    \(title(step.title)) (on \(endpoint.display))\ntry: \(step.command)\n
                    """
                )
            }
            return .proceed
        }
    }

    // MARK: starting

    private func startLesson(_ name: String, fresh: Bool) -> CommandResult {
        guard let directory = lessonDirectory else {
            return .failed(
                "no lessons folder found: set SOCKSHELL_LESSONS to the lessons/ folder of a sockshell checkout")
        }
        let available = LessonLibrary.names(in: directory)
        guard available.contains(name) else {
            let suggestion = NearestWord.find(name, among: available).map { "did you mean \($0)? " } ?? ""
            return .failed(
                "no lesson named '\(name)': \(suggestion)lesson lists them (\(available.joined(separator: ", ")))")
        }
        let lesson: Lesson
        switch LessonLibrary.load(name, from: directory) {
        case .success(let loaded): lesson = loaded
        case .failure(let error):
            return .failed("\(error.description) (the lesson cannot start until the file is fixed)")
        }
        if let active = activeLesson, active.lesson.name != name { saveProgress() }
        if let missing = missingPrerequisite(lesson) { return .failed(missing) }
        var progress = fresh ? LessonProgress() : savedProgress(lesson) ?? LessonProgress()
        var resumed = progress.step > 0 && !progress.finished
        if progress.finished {
            progress = LessonProgress()
            resumed = false
        }
        activeLesson = (lesson, progress)
        // An exported script sets what this session's later lines use and it did not make here.
        var values = progress.captures
        if case .unix(let path) = endpoint { values["socket"] = path }
        // Each value once: a second lesson start in the session set the same socket again.
        for (name, value) in values.sorted(by: { $0.key < $1.key }) where script.variables[name] != value {
            script.define(name, value)
            logCommand("set \(name) = \(value.escapingDollars)")
        }
        saveProgress()
        output.say("── lesson \(lesson.name): \(title(lesson.title)) ──\n")
        sayMarkdown(lesson.goal, label: "Goal: ")
        if let cleanup = lesson.cleanup { sayMarkdown(cleanup, label: "Cleanup: ") }
        var text = ""
        if resumed {
            text +=
                """
                (resuming at step \(progress.step + 1) of \(lesson.steps.count); lesson restart \(lesson.name) starts \
                over)\n
                """
        }
        output.say(text)
        sayFolded(
            "Type each step's command (or a variation); hint, next, back, where and lesson quit help along the way.",
            hanging: "")
        showStep()
        return .proceed
    }

    /// A reachable daemon and the images the lesson needs: nil, or what is missing and what to do.
    private func missingPrerequisite(_ lesson: Lesson) -> String? {
        guard let ping = quietExchange(method: "GET", target: "/_ping"), ping.status == 200 else {
            return
                """
                lesson \(lesson.name) needs a daemon, and \(endpoint.display) does not answer GET /_ping: start \
                dockerd, or connect to the right socket (connect unix:///path, or -H)
                """
        }
        for need in lesson.needs {
            guard case .image(let image) = need else { continue }
            let found = quietExchange(method: "GET", target: "/images/\(image)/json")
            if found?.status == 200 { continue }
            return """
                lesson \(lesson.name) needs the image \(image), which this daemon does not have. \
                Get it, then start the lesson again:
                  POST /images/create?fromImage=\(image)&tag=latest      (pulls it from a registry: needs the internet)
                  or import one without a registry: \
                POST /images/create?fromSrc=-&repo=\(image)&tag=latest @rootfs.tar \
                with -H 'Content-Type: application/x-tar' (scripts/test-daemon shows how to make the tar)
                """
        }
        return nil
    }

    // MARK: checking

    /// Checks the exchange just made against the current step; on a pass, captures, saves and moves on.
    func afterExchange(method: String, target: String, background: Bool) {
        guard let active = activeLesson else { return }
        output.sink.ensureLineStart()
        let step = active.lesson.steps[active.progress.step]
        // A step checked after a shell command (what a tap saw) is not about the learner's own requests.
        guard step.isChecked, step.commandWord == nil else { return }
        if let pattern = step.requestPattern,
            !pattern.matches(method: method, target: target, values: script.variables, resolve: containerId(named:))
        {
            // The pattern as the lesson writes it ($id), not with 64 digits filled in.
            sayFolded(
                """
                ✗ not this step's request: step \(active.progress.step + 1) wants \(pattern), and that was \
                \(method) \(target)
                """
            )
            output.say("  try: \(step.command)   (hint for a hint, next to skip)\n")
            return
        }
        checkStep(step, background: background)
    }

    /// Checks the shell command just run (`tap`, `!`) against the current step, when the step is
    /// about that command: its expectations look at what the tap saw.
    func afterCommand(_ word: String) {
        guard let active = activeLesson else { return }
        let step = active.lesson.steps[active.progress.step]
        guard step.commandWord == word else { return }
        output.sink.ensureLineStart()
        checkStep(step, background: false)
    }

    /// Runs the current step's expectations; on a pass, captures, saves and moves on.
    private func checkStep(_ step: LessonStep, background: Bool) {
        guard let active = activeLesson else { return }
        for line in step.checks {
            guard case .expect(let text) = line.kind else { continue }
            let expectation: Expectation
            do throws(CommandSyntaxError) {
                guard case .complete(.expect(let parsed)) = try CommandParser.parse(fillLessonValues(text)) else {
                    continue
                }
                expectation = parsed
            } catch {
                output.say("✗ \(text): \(error.message)\n")
                return
            }
            // A background request has no answer yet: only its events can be checked.
            if background, case .event = expectation {} else if background { continue }
            if let failure = script.check(expectation) {
                // Nothing to do: what the step does was done already, another way (a start by name).
                if !background, history.lastOutcome?.head?.status == 304 {
                    sayFolded(
                        """
                        ✗ 304 Not Modified: the daemon had nothing to do, so what this step does is done already \
                        (you did it another way, or before): next goes on
                        """
                    )
                    return
                }
                sayFolded("✗ not yet: \(failure)")
                output.say("  (hint for a hint, check to check the last exchange again, next to skip)\n")
                return
            }
        }
        var captured: [String] = []
        // A background request has no answer to capture from yet.
        for line in step.checks where !background {
            guard case .capture(let text) = line.kind,
                case .complete(.capture(let name, let source))? = try? CommandParser.parse(text)
            else { continue }
            if case .failed(let failure) = script.capture(name, from: source) {
                output.sink.diagnostic(failure)
                return
            }
            activeLesson?.progress.captures[name] = script.variables[name]
            captured.append("\(name) = \(script.variables[name] ?? "")")
            // After the exchange that made it, as a script would capture it.
            logCommand(text)
        }
        activeLesson?.progress.pass()
        var text = "✓ step \(active.progress.step + 1) passed"
        if !captured.isEmpty { text += " (\(captured.joined(separator: ", ")))" }
        text += "\n"
        output.say(text)
        if !background, let pattern = step.requestPattern, pattern.method == "POST",
            pattern.path.prefix(while: { $0 != "?" }).hasSuffix("/containers/create"),
            let record = history.records.last,
            !active.lesson.labels(createRequest: record.sentBytes)
        {
            sayFolded(
                """
                warning: this container has no \(active.lesson.label) label, so the lesson's own lists will not \
                find it and lesson cleanup will not remove it: add \
                "Labels":{"sockshell.lesson":"\(active.lesson.name)"} to the body, or remove \
                it yourself later (DELETE /containers/$id?force=1)
                """
            )
        }
        if let notice = step.notice { sayMarkdown(notice, label: "notice: ") }
        moveLesson(by: 1)
    }

    /// `$name` filled from the session's variables, so a check can compare with a captured value.
    private func fillLessonValues(_ text: String) -> String {
        (try? script.fill(text, json: false)) ?? text
    }

    private func moveLesson(by offset: Int) {
        guard let active = activeLesson else { return }
        let next = active.progress.step + offset
        if next >= active.lesson.steps.count {
            activeLesson?.progress.finished = true
            saveProgress()
            let skipped = activeLesson?.progress.skippedNote ?? ""
            activeLesson = nil
            lastLesson = active.lesson.name
            sayFolded(
                """
                ★ lesson \(active.lesson.name) complete: \(active.lesson.steps.count) steps\(skipped). \
                lesson lists the others.
                """,
                hanging: "")
            offerCleanup(active.lesson.name)
            return
        }
        activeLesson?.progress.step = max(next, 0)
        saveProgress()
        showStep()
    }

    private func showStep() {
        guard let active = activeLesson else { return }
        let step = active.lesson.steps[active.progress.step]
        output.say(
            "\n── step \(active.progress.step + 1) of \(active.lesson.steps.count): \(title(step.title)) ──\n")
        if !step.explanation.isEmpty { sayMarkdown(step.explanation) }
        // The command stays on one line, however wide: it is typed (or copied) as it is.
        var text = "try: \(step.command)\n"
        if !step.isChecked { text += "(nothing to check here: next goes on)\n" }
        output.say(text)
    }

    /// Lesson Markdown reflowed to the width, its code and emphasis shown lightly. The file's own
    /// control bytes are escaped first; the styling that follows is ours.
    private func sayMarkdown(_ markdown: String, label: String = "") {
        let options = output.options
        output.write(
            Array(
                LessonText.paragraph(
                    options.shown(markdown), label: label, width: output.textWidth, color: options.color
                ).utf8
            ))
    }

    /// A heading's text without its Markdown marks (plain: headings are styled as a whole).
    private func title(_ markdown: String) -> String {
        LessonText.inline(markdown, color: false)
    }

    /// A verdict of the shell's own, folded at spaces to the width.
    private func sayFolded(_ sentence: String, hanging: String = "  ") {
        output.say(LessonText.folded(sentence, width: output.textWidth, hanging: hanging))
    }

    // MARK: listing, progress, cleanup

    private func listLessons() -> CommandResult {
        guard let directory = lessonDirectory else {
            return .failed(
                "no lessons folder found: set SOCKSHELL_LESSONS to the lessons/ folder of a sockshell checkout")
        }
        var text = "lessons (lesson start NAME):\n"
        let names = LessonLibrary.names(in: directory)
        // The name column fits the longest name, so a title never runs into it.
        let nameWidth = max(20, (names.map(\.count).max() ?? 0) + 1)
        for name in names {
            switch LessonLibrary.load(name, from: directory) {
            case .success(let lesson):
                let progress = savedProgress(lesson)
                let state =
                    progress.map {
                        $0.finished
                            ? "done\($0.skippedNote)"
                            : "at step \($0.step + 1) of \(lesson.steps.count)\($0.skippedNote)"
                    }
                    ?? "\(lesson.steps.count) steps"
                let title = LessonText.inline(lesson.title, color: false)
                text += "  \(name.padded(to: nameWidth)) \(title.padded(to: 34)) \(state)\n"
            case .failure(let error):
                text += "  \(name.padded(to: nameWidth)) (cannot be read: \(error.description))\n"
            }
        }
        output.say(text)
        return .proceed
    }

    private func progressPath(_ name: String) -> String? {
        lessonProgressDirectory.map { "\($0)/\(name).progress" }
    }

    private func savedProgress(_ lesson: Lesson) -> LessonProgress? {
        guard let path = progressPath(lesson.name), case .success(let bytes) = BodyFile.read(path) else { return nil }
        return LessonProgress(text: String(decoding: bytes, as: UTF8.self), stepCount: lesson.steps.count)
    }

    private func saveProgress() {
        guard let active = activeLesson, let directory = lessonProgressDirectory,
            let path = progressPath(active.lesson.name)
        else { return }
        // The state folder above it as history makes it (private), then the lessons folder.
        if let slash = directory.lastIndex(of: "/") { StateFolder.make(String(directory[..<slash])) }
        mkdir(directory, 0o700)
        let temporary = path + ".new"
        unlink(temporary)
        guard case .success = OutputFile.writeNew(temporary, contents: Array(active.progress.text.utf8)) else { return }
        rename(temporary, path)
    }

    /// Offers to remove what the lesson created: containers labelled with the lesson's label, only those.
    private func offerCleanup(_ name: String) {
        if case .failed(let failure) = removeLessonContainers(name, ask: true) { output.sink.diagnostic(failure) }
    }

    /// Removes the containers labelled for lesson `name`, asking first when `ask` (and someone can
    /// be asked); a partial removal is said on its own line, and fails.
    private func removeLessonContainers(_ name: String, ask: Bool) -> CommandResult {
        let label = Lesson.label(for: name)
        let filter = JSONQuery.render(.object([JSONMember(key: "label", value: .array([.string(label)]))]))
        // The request encoder percent-encodes what a target may not hold, as for a typed request.
        guard let listed = quietExchange(method: "GET", target: "/containers/json?all=1&filters=" + filter),
            listed.status == 200, let containers = (try? JSONValue.parse(listed.body))?.arrayValue
        else {
            return .failed("could not list the containers labelled \(label): is the daemon still there?")
        }
        let ids = containers.compactMap { $0["Id"]?.stringValue }
        if ids.isEmpty {
            if !ask { output.say("nothing to remove: no container is labelled \(label)\n") }
            return .proceed
        }
        let what = "\(ids.count) container\(ids.count == 1 ? "" : "s") labelled \(label)"
        if ask {
            guard let confirm else {
                output.say("\(what) remain from this lesson: lesson cleanup \(name) removes them\n")
                return .proceed
            }
            guard confirm("remove the \(what) this lesson created? [y/N] ") else {
                output.say("kept them: lesson cleanup \(name) removes them later\n")
                return .proceed
            }
        }
        var removed = 0
        for id in ids where quietExchange(method: "DELETE", target: "/containers/\(id)?force=1")?.status == 204 {
            removed += 1
        }
        output.say("removed \(removed) of the \(what)\n")
        return removed == ids.count ? .proceed : .stopped
    }

    /// The container a path segment names (its full id), asked of the daemon each time (a name
    /// can be given to a new container): a learner may type a name where the step says `$id`.
    private func containerId(named name: String) -> String? {
        // Only what could be a container name is asked about (Docker's rule: [a-zA-Z0-9][a-zA-Z0-9_.-]*).
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first),
            name.unicodeScalars.allSatisfy({
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0))
            }),
            let found = quietExchange(method: "GET", target: "/containers/\(name)/json"), found.status == 200,
            let id = (try? JSONValue.parse(found.body))?["Id"]?.stringValue
        else { return nil }
        return id
    }

    /// The status and body of a request the lesson makes for itself, nil when none came.
    private func quietExchange(method: String, target: String) -> (status: Int, body: [UInt8])? {
        let outcome = requests.quietOutcome(method: method, target: target)
        return outcome.head.map { ($0.status, outcome.record.responseBody) }
    }
}

extension String {
    /// The text as a `set` value that means exactly it: `$$` is a literal `$`.
    fileprivate var escapingDollars: String {
        split(separator: "$", omittingEmptySubsequences: false).joined(separator: "$$")
    }
}
