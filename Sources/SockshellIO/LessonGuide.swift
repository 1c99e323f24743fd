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
    /// The language every text of the guide is said in (`lang` changes it between two lines).
    private var language: ShellLanguage { output.language }

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
                return .failed(LessonPhrases.noLessonRunning(askedWhere: false, language))
            }
            saveProgress()
            activeLesson = nil
            lastLesson = active.lesson.name
            output.say(
                LessonPhrases.left(
                    active.lesson.name, step: active.progress.step + 1, of: active.lesson.steps.count, language)
                    + "\n")
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
            return removeLessonResources(name, ask: false)
        case .next, .back, .hint, .check, .whereAmI:
            guard let active = activeLesson else {
                return .failed(LessonPhrases.noLessonRunning(askedWhere: command == .whereAmI, language))
            }
            let step = active.lesson.steps[active.progress.step]
            switch command {
            case .next:
                if step.isChecked { activeLesson?.progress.skip() }
                moveLesson(by: 1)
            case .back:
                guard active.progress.step > 0 else {
                    return .failed(LessonPhrases.firstStep(language))
                }
                moveLesson(by: -1)
            case .hint:
                if let hint = step.hint {
                    sayMarkdown(hint, label: LessonPhrases.hintLabel(language))
                } else {
                    output.say(LessonPhrases.noHint(command: step.command, language) + "\n")
                }
            case .check:
                guard let record = history.records.last else {
                    return .failed(LessonPhrases.nothingToCheckYet(language))
                }
                afterExchange(method: record.method, target: record.target, background: false)
            default:
                let position = LessonPhrases.position(
                    active.lesson.name, step: active.progress.step + 1, of: active.lesson.steps.count,
                    title: title(step.title), endpoint: endpoint.display, language)
                output.say(position + "\n" + LessonPhrases.tryCommand(step.command, language) + "\n")
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
        let loaded = LessonLibrary.load(name, from: directory, language: language)
        switch loaded.lesson {
        case .success(let read): lesson = read
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
        output.say(LessonPhrases.lessonHeader(lesson.name, title: title(lesson.title), language) + "\n")
        if loaded.untranslated { sayFolded(LessonPhrases.untranslated(lesson.name, language), hanging: "") }
        sayMarkdown(lesson.goal, label: LessonPhrases.goalLabel(language))
        if let cleanup = lesson.cleanup { sayMarkdown(cleanup, label: LessonPhrases.cleanupLabel(language)) }
        if resumed {
            output.say(
                LessonPhrases.resuming(step: progress.step + 1, of: lesson.steps.count, name: lesson.name, language)
                    + "\n")
        }
        sayFolded(LessonPhrases.introduction(language), hanging: "")
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
                LessonPhrases.notThisRequest(
                    step: active.progress.step + 1, wants: pattern.description, got: "\(method) \(target)", language))
            output.say(LessonPhrases.tryAgain(step.command, language) + "\n")
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
                    sayFolded(LessonPhrases.alreadyDone(language))
                    return
                }
                sayFolded(LessonPhrases.notYet(failure, language))
                output.say(LessonPhrases.notYetHelp(language) + "\n")
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
        output.say(LessonPhrases.passed(active.progress.step + 1, captured: captured, language) + "\n")
        if !background, let pattern = step.requestPattern, pattern.method == "POST",
            pattern.path.prefix(while: { $0 != "?" }).hasSuffix("/containers/create"),
            let record = history.records.last,
            !active.lesson.labels(createRequest: record.sentBytes)
        {
            sayFolded(
                LessonPhrases.unlabelledContainer(
                    lessonName: active.lesson.name, label: active.lesson.label, language))
        }
        if let notice = step.notice { sayMarkdown(notice, label: LessonPhrases.noticeLabel(language)) }
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
            let skipped = activeLesson?.progress.skipped ?? []
            activeLesson = nil
            lastLesson = active.lesson.name
            sayFolded(
                LessonPhrases.complete(
                    active.lesson.name, steps: active.lesson.steps.count, skipped: skipped, language),
                hanging: "")
            suggestNextLesson(after: active.lesson.name)
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
        let header = LessonPhrases.stepHeader(
            active.progress.step + 1, of: active.lesson.steps.count, title: title(step.title), language)
        output.say("\n" + header + "\n")
        if !step.explanation.isEmpty { sayMarkdown(step.explanation) }
        // The command stays on one line, however wide: it is typed (or copied) as it is.
        var text = LessonPhrases.tryCommand(step.command, language) + "\n"
        if !step.isChecked { text += LessonPhrases.nothingToCheck(language) + "\n" }
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
        var text = LessonPhrases.listHeader(language) + "\n"
        let names = LessonLibrary.names(in: directory)
        // The name column fits the longest name, so a title never runs into it; the number says the order.
        let nameWidth = max(20, (names.map(\.count).max() ?? 0) + 1)
        let numberWidth = String(names.count).count
        for (index, name) in names.enumerated() {
            let number = String(repeating: " ", count: numberWidth - String(index + 1).count) + "\(index + 1). "
            let named = "  " + number + name.padded(to: nameWidth)
            switch LessonLibrary.load(name, from: directory, language: language).lesson {
            case .success(let lesson):
                let state =
                    savedProgress(lesson).map {
                        $0.finished
                            ? LessonPhrases.done(skipped: $0.skipped, language)
                            : LessonPhrases.atStep($0.step + 1, of: lesson.steps.count, skipped: $0.skipped, language)
                    } ?? LessonPhrases.notStarted(steps: lesson.steps.count, language)
                // Padded by terminal columns: a Korean title's syllables take two each.
                let title = LessonText.inline(lesson.title, color: false).padded(to: 34)
                text += "\(named) \(title) \(state)\n"
            case .failure(let error):
                text += "\(named) \(LessonPhrases.unreadable(error.description, language))\n"
            }
        }
        output.say(text)
        return .proceed
    }

    /// After a finished lesson: the next one in the suggested order that is not done yet, or that all are.
    private func suggestNextLesson(after name: String) {
        guard let directory = lessonDirectory else { return }
        let names = LessonLibrary.names(in: directory)
        let next = LessonOrder.next(after: name, in: names) { other in
            guard case .success(let lesson) = LessonLibrary.load(other, from: directory) else { return false }
            return savedProgress(lesson)?.finished == true
        }
        guard let next else {
            output.say(LessonPhrases.everyLessonDone(language) + "\n")
            return
        }
        let title: String
        if case .success(let lesson) = LessonLibrary.load(next, from: directory, language: language).lesson {
            title = self.title(lesson.title)
        } else {
            title = next
        }
        output.say(LessonPhrases.suggestNext(next, title: title, language) + "\n")
    }

    /// `lang` switched: the lesson running is read again in the new language, its progress kept
    /// (the same steps, by number), and the current step shown in it.
    func languageChanged() {
        guard let active = activeLesson, let directory = lessonDirectory else { return }
        let loaded = LessonLibrary.load(active.lesson.name, from: directory, language: language)
        // A translation with other steps would move the learner to another step: keep the one being read.
        guard case .success(let lesson) = loaded.lesson, lesson.steps.count == active.lesson.steps.count else { return }
        activeLesson = (lesson, active.progress)
        if loaded.untranslated { sayFolded(LessonPhrases.untranslated(lesson.name, language), hanging: "") }
        showStep()
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

    /// Offers to remove what the lesson created: containers and images labelled with the lesson's
    /// label, only those.
    private func offerCleanup(_ name: String) {
        if case .failed(let failure) = removeLessonResources(name, ask: true) { output.sink.diagnostic(failure) }
    }

    /// Removes the containers, then the images, labelled for lesson `name` (an image a lesson
    /// imported carries the label through `changes=LABEL ...`), asking first when `ask` (and someone
    /// can be asked); a partial removal is said on its own line, and fails.
    private func removeLessonResources(_ name: String, ask: Bool) -> CommandResult {
        let label = Lesson.label(for: name)
        let filter = JSONQuery.render(.object([JSONMember(key: "label", value: .array([.string(label)]))]))
        // The request encoder percent-encodes what a target may not hold, as for a typed request.
        func listed(_ kind: String) -> [String]? {
            guard let listed = quietExchange(method: "GET", target: "/\(kind)/json?all=1&filters=" + filter),
                listed.status == 200, let found = (try? JSONValue.parse(listed.body))?.arrayValue
            else { return nil }
            return found.compactMap { $0["Id"]?.stringValue }
        }
        guard let containers = listed("containers"), let images = listed("images") else {
            return .failed("could not list the containers and images labelled \(label): is the daemon still there?")
        }
        if containers.isEmpty && images.isEmpty {
            if !ask { output.say(LessonPhrases.nothingToRemove(label: label, language) + "\n") }
            return .proceed
        }
        let what = LessonPhrases.leftovers(containers: containers.count, images: images.count, label: label, language)
        if ask {
            guard let confirm else {
                output.say(LessonPhrases.remain(what, name: name, language) + "\n")
                return .proceed
            }
            guard confirm(LessonPhrases.removeQuestion(what, language)) else {
                output.say(LessonPhrases.kept(name: name, language) + "\n")
                return .proceed
            }
        }
        // Containers first: an image a container still uses is not removed without force.
        let removedContainers = containers.filter {
            quietExchange(method: "DELETE", target: "/containers/\($0)?force=1")?.status == 204
        }
        // force=1 removes an image with all its tags (the lesson's second tag too).
        let removedImages = images.filter {
            quietExchange(method: "DELETE", target: "/images/\($0)?force=1")?.status == 200
        }
        let removed = removedContainers.count + removedImages.count
        output.say(LessonPhrases.removed(removed, of: what, language) + "\n")
        return removed == containers.count + images.count ? .proceed : .stopped
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
