import Foundation
import SockshellCore
import TestSupport
import Testing

/// The shipped lessons, run as a learner would: through the interactive shell under a
/// pseudo-terminal, typing each step's command. Serialized: two runs of one lesson would clean up
/// each other's containers.
@Suite(
    .serialized, .lessonContainers, .enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct LessonTests {
    static let lessonsFolder = ReadmeExamplesTests.repositoryRoot.appendingPathComponent("lessons").path
    static let shipped = only([
        "hello-socket", "create-then-start", "event-stream", "errors", "the-socket", "what-docker-run-sends",
        "logs-and-frames", "images-without-a-registry", "a-load-balancer-listens",
    ])

    /// `SOCKSHELL_TEST_LESSONS=a,b` runs the per-lesson tests for those lessons only: Swift Testing's
    /// --filter names a test, not one of its arguments, and lessons share one daemon's containers.
    static func only(_ names: [String]) -> [String] {
        guard let chosen = ProcessInfo.processInfo.environment["SOCKSHELL_TEST_LESSONS"], !chosen.isEmpty else {
            return names
        }
        let wanted = chosen.split(separator: ",").map(String.init)
        return names.filter(wanted.contains)
    }

    /// Lessons whose background streams end within the lesson (their container removed).
    static let endTheirJobs = ["logs-and-frames"]

    /// Lessons whose steps open live sessions: the generic learner below cannot type into a
    /// container, so each has a learner of its own (`theAttachAndExecLearner...`).
    static let live = ["attach-and-exec"]

    static func load(_ name: String) throws -> Lesson {
        let path = lessonsFolder + "/" + name + ".md"
        return try LessonParser.parse(try String(contentsOfFile: path, encoding: .utf8), name: name, file: path)
    }

    static func freshHome() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-lesson-\(UUID().uuidString.prefix(8))"
        ).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A learner's terminal: 80 columns unless a test needs more (the field notes' width).
    static func start(home: String, arguments: [String], lessons: String = lessonsFolder, cols: UInt16 = 80) throws
        -> PseudoTerminal
    {
        try PseudoTerminal(
            executable: SockshellProcess.binaryPath, arguments: ["-H", TestDaemon.host ?? ""] + arguments,
            environment: [
                "HOME": home, "NO_COLOR": "1", "XDG_STATE_HOME": "", "EDITRC": "/nonexistent",
                "SOCKSHELL_LESSONS": lessons,
            ],
            rows: 50, cols: cols)
    }

    /// What the terminal showed, with the pty's CR LF line ends as LF.
    static func shown(_ terminal: PseudoTerminal) -> String {
        terminal.screenText.replacingOccurrences(of: "\r\n", with: "\n")
    }

    @Test func everyShippedLessonIsThereAndReads() throws {
        let found = LessonLibraryNames.in(Self.lessonsFolder)
        for name in Self.shipped {
            #expect(found.contains(name), "lessons/\(name).md is missing")
            let lesson = try Self.load(name)
            #expect(lesson.steps.count >= 4, "\(name) has \(lesson.steps.count) steps")
            #expect(
                lesson.steps.allSatisfy { $0.hint != nil && $0.notice != nil },
                "every step of \(name) has a hint and a notice")
        }
    }

    @Test(arguments: shipped)
    func aLearnerTypingEachStepsCommandPassesEveryStep(_ name: String) throws {
        try Self.learn(name, in: .english)
    }

    /// The same learner in Korean: the lesson's Korean file, laid out at 80 columns, and the shell's
    /// Korean step headers, passes and questions, with the same commands passing the same checks.
    @Test(arguments: shipped)
    func aKoreanLearnerTypingEachStepsCommandPassesEveryStep(_ name: String) throws {
        try Self.learn(name, in: .korean)
    }

    /// A learner types each step's command (`next` on a step with nothing to check) and sees each
    /// step pass, then the lesson end with nothing left on the daemon.
    static func learn(_ name: String, in language: ShellLanguage) throws {
        let lesson = try Self.load(name)
        let terminal = try Self.start(
            home: try Self.freshHome(), arguments: ["--lang", language.code, "--lesson", name])
        let firstHeader = LessonPhrases.stepHeader(1, of: lesson.steps.count, title: "", language)
        try terminal.waitFor(String(firstHeader.dropLast(" ──".count)), timeout: 20)
        try terminal.waitFor("> ")
        for (index, step) in lesson.steps.enumerated() {
            if step.isChecked {
                for line in step.command.split(separator: "\n") { try terminal.sendLine(String(line)) }
                try terminal.waitFor(LessonPhrases.passed(index + 1, captured: [], language), timeout: 30)
            } else {
                try terminal.sendLine("next")
            }
        }
        // The shipped lessons remove what they create in their last step, so there is nothing to ask.
        try terminal.waitFor(
            LessonPhrases.complete(name, steps: lesson.steps.count, skipped: [], language), timeout: 20)
        // Their commands label what they create (a ?name= create too), and the label is seen.
        let unlabelled = LessonPhrases.unlabelledContainer(lessonName: name, label: lesson.label, language)
        #expect(!terminal.output.contains(String(unlabelled.prefix(20))), "no label warning")
        try terminal.waitFor("docker.sock")
        try terminal.press(.ctrlD)
        // A lesson that started a background job (an event stream) leaves it running: leaving asks.
        // logs-and-frames' follow stream ends when its last steps remove the container it follows.
        let startedJobs =
            !Self.endTheirJobs.contains(name)
            && lesson.steps.contains { step in
                step.command.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasSuffix("&") }
            }
        if startedJobs {
            // The line editor folds the question at 80 columns, wherever the 80th column falls
            // (a CR inside "[y/N]"); what is typed waits in the terminal until it is read.
            try terminal.waitFor(language == .english ? "still running: stop and" : "아직 실행 중인 작업: ")
            try terminal.sendLine("y")
        }
        #expect(terminal.waitForExit(timeout: 10) == 0)
        let left = try SockshellProcess.run([
            "-H", TestDaemon.host ?? "", "--view", "body", "-c",
            #"GET /containers/json?all=1&filters={"label":["sockshell.lesson=\#(name)"]}"#,
        ])
        #expect(
            left.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "the lesson's containers were removed")
        #expect(try Self.removeImages(of: name).isEmpty, "the lesson deleted the images it made")
    }

    /// Deletes the images labelled `sockshell.lesson=NAME` (images-without-a-registry puts the
    /// label on the image it imports); returns the ids it found, so a test can say none were left.
    static func removeImages(of name: String) throws -> [String] {
        let listed = try SockshellProcess.run([
            "-H", TestDaemon.host ?? "", "--view", "body", "-c",
            #"GET /images/json?filters={"label":["sockshell.lesson=\#(name)"]}"#,
        ])
        let images = (try? JSONValue.parse(Array(listed.stdout.utf8)))?.arrayValue ?? []
        let ids = images.compactMap { $0["Id"]?.stringValue }
        for id in ids {
            _ = try SockshellProcess.run(["-H", TestDaemon.host ?? "", "-c", "DELETE /images/\(id)?force=1"])
        }
        return ids
    }

    @Test func everyLiveLessonIsThereAndReads() throws {
        let found = LessonLibraryNames.in(Self.lessonsFolder)
        for name in Self.live {
            #expect(found.contains(name), "lessons/\(name).md is missing")
            let lesson = try Self.load(name)
            #expect(lesson.steps.count >= 4, "\(name) has \(lesson.steps.count) steps")
            #expect(
                lesson.steps.allSatisfy { $0.hint != nil && $0.notice != nil },
                "every step of \(name) has a hint and a notice")
        }
    }

    /// attach-and-exec, as a learner does it: `run -it`, typing into the container's shell, Ctrl-P
    /// Ctrl-Q, `attach`, `exec` and `exit 3`. Steps 2, 6, 8 and 9 pass on the later calls of the
    /// command typed for the step before (run's start, the attach, exec's start and inspect).
    @Test func theAttachAndExecLearnerTypesIntoTheContainerAndPassesEveryStep() throws {
        let name = "attach-and-exec"
        let lesson = try Self.load(name)
        // Whatever happens, the lesson's containers go.
        defer {
            _ = try? SockshellProcess.run(
                ["-H", TestDaemon.host ?? "", "-c", "lesson cleanup \(name)"],
                environment: ["SOCKSHELL_LESSONS": Self.lessonsFolder])
        }
        // 250 columns: the container's stty size is checked against the pty's.
        let terminal = try Self.start(home: try Self.freshHome(), arguments: ["--lesson", name], cols: 250)
        defer { terminal.close() }
        try terminal.waitFor("── step 1 of \(lesson.steps.count): ", timeout: 20)
        try terminal.waitFor("> ")
        func passes(_ step: Int, timeout: Double = 30) throws {
            try terminal.waitFor("✓ step \(step) passed", timeout: timeout)
        }
        func detach() throws {
            try terminal.press(.control("p"))
            try terminal.press(.control("q"))
        }
        // 1-3: run -it, create, attach before start, start; in the shell, then detach.
        try terminal.sendLine(lesson.steps[0].command)
        try passes(1)
        try passes(2)
        try terminal.waitFor("-> 200 OK")  // the resize: the session is raw now
        try terminal.sendLine("echo hi-$((6*7))")
        try terminal.waitFor("hi-42")
        try detach()
        try terminal.waitFor("live session detached (ctrl-p,ctrl-q); the container keeps running")
        try passes(3)
        // 4: the resize by hand.
        try terminal.sendLine(lesson.steps[3].command)
        try passes(4)
        // 5-6: attach's inspect, then the session: stty size shows the pty's size, attach's own resize.
        try terminal.sendLine(lesson.steps[4].command)
        try passes(5)
        try terminal.waitFor("-> 200 OK")
        try terminal.sendLine("stty size")
        try terminal.waitFor("50 250")
        try detach()
        try passes(6)
        // 7-9: exec sh, exit 3 inside, then exec's inspect.
        try terminal.sendLine(lesson.steps[6].command)
        try passes(7)
        try terminal.waitFor("101 UPGRADED")
        try terminal.sendLine("ps")
        try terminal.waitFor("PID")
        try terminal.sendLine("exit 3")
        try passes(8)
        try passes(9)
        try terminal.waitFor("* exit code 3 (ExitCode of GET /exec/")
        // 10-14: by hand: the exec without a TTY and its frames, kill, wait, delete.
        for index in 9..<lesson.steps.count {
            try terminal.sendLine(lesson.steps[index].command)
            try passes(index + 1)
            if index == 10 {
                // Stream 1 or 2, three zeros, the length 4; the two may come in either order.
                let header = "⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨04⟩"
                let frames = Self.shown(terminal)
                #expect(frames.contains("< ⟨01⟩\(header)  (stdout frame, 4 B)\n< out␊"), "a stdout frame")
                #expect(frames.contains("< ⟨02⟩\(header)  (stderr frame, 4 B)\n< err␊"), "a stderr frame")
            }
        }
        // The lesson removed its container in its last step, so there is nothing to ask.
        try terminal.waitFor("★ lesson \(name) complete: \(lesson.steps.count) steps", timeout: 20)
        try terminal.waitFor("docker.sock")
        #expect(!terminal.output.contains("✗"), "no check failed on the way")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit(timeout: 10) == 0)
        let left = try SockshellProcess.run([
            "-H", TestDaemon.host ?? "", "--view", "body", "-c",
            #"GET /containers/json?all=1&filters={"label":["sockshell.lesson=\#(name)"]}"#,
        ])
        #expect(
            left.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "the lesson's containers were removed")
    }

    @Test func aWrongCommandGetsTheFailedCheckAndTheLessonDoesNotAdvance() throws {
        let lesson = try Self.load("create-then-start")
        let terminal = try Self.start(home: try Self.freshHome(), arguments: ["--lesson", "create-then-start"])
        try terminal.waitFor("── step 1 of \(lesson.steps.count): ", timeout: 20)
        try terminal.sendLine("GET /_ping")
        try terminal.waitFor("(hint for a hint, next to skip)")
        let verdict = LessonText.folded(
            """
            ✗ not this step's request: step 1 wants \(lesson.steps[0].requestPattern?.description ?? "?"), and \
            that was GET /_ping
            """, width: 80)
        #expect(Self.shown(terminal).contains(verdict))
        try terminal.sendLine("where")
        try terminal.waitFor("create-then-start, step 1 of \(lesson.steps.count)")
        try terminal.sendLine("hint")
        try terminal.waitFor("hint: ")
        try terminal.waitFor("> ")
        let hint = LessonText.paragraph(lesson.steps[0].hint ?? "", label: "hint: ", width: 80, color: false)
        #expect(Self.shown(terminal).contains(hint), "the hint reflowed to 80 columns")
        try terminal.sendLine("lesson quit")
        try terminal.waitFor("left create-then-start at step 1")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit(timeout: 10) == 0)
    }

    /// Field notes 4, 11 and 14 at 80 columns: the banner first, the goal with its label, prose
    /// reflowed without Markdown marks, the-socket's `docker run -v` block shown, and text said
    /// after a resize laid out for the new width.
    @Test func at80ColumnsTheLessonIsReflowedAfterTheBannerAndShowsItsCodeBlocks() throws {
        let lesson = try Self.load("the-socket")
        let terminal = try Self.start(home: try Self.freshHome(), arguments: ["--lesson", "the-socket"])
        defer { terminal.close() }
        try terminal.waitFor("── step 1 of \(lesson.steps.count): ", timeout: 20)
        try terminal.waitFor("> ")
        let start = Self.shown(terminal)
        let banner = try #require(start.range(of: "daemon answered _ping"), "the banner: \(start)")
        let heading = try #require(start.range(of: "── lesson the-socket: "))
        #expect(banner.lowerBound < heading.lowerBound, "the banner comes before the lesson")
        #expect(start.contains(LessonText.paragraph(lesson.goal, label: "Goal: ", width: 80, color: false)))
        #expect(start.contains(LessonText.render(lesson.steps[0].explanation, width: 80, color: false)))
        let prose = start[heading.lowerBound...].split(separator: "\n").filter { !$0.hasPrefix("try: ") }
        for line in prose { #expect(line.terminalColumns <= 80, "\(line) fits in 80 columns") }
        #expect(!prose.contains { $0.contains("`") }, "no backticks: \(prose)")
        // Steps 1 and 2 left with next, to the step whose prose refers to the sh block.
        try terminal.sendLine("next")
        try terminal.waitFor("── step 2 of ")
        try terminal.sendLine("next")
        try terminal.waitFor("── step 3 of ")
        try terminal.waitFor("try: ")
        #expect(
            Self.shown(terminal).contains(
                "\n    docker run -v /var/run/docker.sock:/var/run/docker.sock -ti alpine sh\n    apk add curl\n"))
        // Resized to 60 columns: the next text said fits the new width.
        try terminal.resize(rows: 50, cols: 60)
        terminal.mark()
        try terminal.sendLine("hint")
        let hint = LessonText.paragraph(lesson.steps[2].hint ?? "", label: "hint: ", width: 60, color: false)
        let hintLines = hint.split(separator: "\n").map(String.init)
        #expect(hintLines.count > 1, "the hint needs two lines at 60 columns")
        try terminal.waitFor(hintLines.last ?? "")
        // The line editor's redraw after the resize moves the cursor about: the bytes as written.
        #expect(terminal.output.replacingOccurrences(of: "\r\n", with: "\n").contains(hint), "\(terminal.output)")
        try terminal.sendLine("lesson quit")
        try terminal.waitFor("left the-socket at step 3")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit(timeout: 10) == 0)
    }

    /// Field notes 6, 13, 15 and 31 at 80 columns: a create without the label passes with a
    /// warning, a short id, the name and a versioned path pass, a 304 says the step is done
    /// already, a skipped step is counted, cleanup needs no name after the end, and the exported
    /// script runs against the daemon.
    @Test func checksTakeEveryCorrectVariationAndTheExportedScriptRuns() throws {
        let name = "sockshell-lesson-nolabel"
        let host = TestDaemon.host ?? ""
        defer { _ = try? SockshellProcess.run(["-H", host, "-c", "DELETE /containers/\(name)?force=1"]) }
        let lesson = try Self.load("create-then-start")
        let folder = try Self.freshHome()
        let terminal = try Self.start(home: folder, arguments: ["--lesson", "create-then-start"])
        defer { terminal.close() }
        try terminal.waitFor("── step 1 of \(lesson.steps.count): ", timeout: 20)
        try terminal.waitFor("> ")
        try terminal.sendLine(
            #"POST /containers/create?name=\#(name) {"Image":"busybox","Cmd":["sleep","300"],"#
                + #""HostConfig":{"NetworkMode":"none"}}"#)
        try terminal.waitFor("✓ step 1 passed (id = ", timeout: 20)
        let idLine = try terminal.waitFor(")")
        let id = String(idLine.split(separator: "(id = ").last?.prefix(64) ?? "")
        #expect(id.count == 64)
        try terminal.waitFor("── step 2 of ")
        #expect(
            Self.shown(terminal).contains(
                "warning: this container has no sockshell.lesson=create-then-start label, so the"))
        // 2: the labelled list cannot find it (the failed check says so), so it is skipped.
        try terminal.sendLine(lesson.steps[1].command)
        try terminal.waitFor("✗ not yet: expect .[0].State", timeout: 20)
        try terminal.waitFor("(hint for a hint, check to check the last exchange again, next to skip)")
        // 3: four digits of the id.
        try terminal.sendLine("next")
        try terminal.waitFor("── step 3 of ")
        try terminal.sendLine("GET /containers/\(id.prefix(4))/json")
        try terminal.waitFor("✓ step 3 passed", timeout: 20)
        // 4: by its name; 5: a versioned path.
        try terminal.sendLine("POST /containers/\(name)/start")
        try terminal.waitFor("✓ step 4 passed", timeout: 20)
        try terminal.sendLine("GET /v1.41/containers/$id/json")
        try terminal.waitFor("✓ step 5 passed", timeout: 20)
        // Back at 4, the start answers 304: done already, and next is offered.
        try terminal.sendLine("back")
        try terminal.waitFor("── step 5 of ")
        try terminal.sendLine("back")
        try terminal.waitFor("── step 4 of ")
        try terminal.sendLine("POST /containers/$id/start")
        try terminal.waitFor("✗ 304 Not Modified: the daemon had nothing to do", timeout: 20)
        try terminal.waitFor("next goes on")
        try terminal.sendLine("next")
        try terminal.waitFor("── step 5 of ")
        for index in 4..<lesson.steps.count {
            try terminal.sendLine(lesson.steps[index].command)
            try terminal.waitFor("✓ step \(index + 1) passed", timeout: 30)
        }
        try terminal.waitFor(
            "★ lesson create-then-start complete: \(lesson.steps.count) steps, 1 skipped (step 2).", timeout: 20)
        try terminal.sendLine("lesson cleanup")
        try terminal.waitFor("nothing to remove: no container or image is labelled sockshell.lesson=create-then-start")
        try terminal.sendLine("export script \(folder)/lesson.sks")
        try terminal.waitFor("wrote \(folder)/lesson.sks")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit(timeout: 10) == 0)

        let script = try String(contentsOfFile: folder + "/lesson.sks", encoding: .utf8)
        let lines = script.split(separator: "\n").map(String.init)
        let create = try #require(lines.firstIndex { $0.hasPrefix("POST /containers/create?name=\(name)") })
        #expect(lines.dropFirst(create + 1).first == "let id = .Id", "the capture follows its exchange: \(lines)")
        #expect(lines.contains { $0.hasPrefix("set socket = ") })
        // The script runs outside the lesson: the same container again, started, removed.
        let run = try SockshellProcess.run(["-H", host, "--view", "body", folder + "/lesson.sks"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("undefined variable"), "\(run.stderr)")
        let gone = try SockshellProcess.run([
            "-H", host, "-c", "GET /containers/\(name)/json", "-c", "expect status 404",
        ])
        #expect(gone.status == 0, "the script's own DELETE removed the container: \(gone.stderr)")
    }

    /// Field note 16: a step passed on a background request, or on an event it waited for, is
    /// said after the lines it describes.
    @Test func aPassOnABackgroundStreamComesAfterTheLinesItDescribes() throws {
        let lesson = try Self.load("event-stream")
        let terminal = try Self.start(home: try Self.freshHome(), arguments: ["--lesson", "event-stream"])
        defer { terminal.close() }
        try terminal.waitFor("── step 1 of \(lesson.steps.count): ", timeout: 20)
        try terminal.waitFor("> ")
        terminal.mark()
        try terminal.sendLine(lesson.steps[0].command)
        try terminal.waitFor("── step 2 of ", timeout: 20)
        let first = Self.shown(terminal)
        let chunked = try #require(first.range(of: "< Transfer-Encoding: chunked"))
        let passed = try #require(first.range(of: "✓ step 1 passed"))
        #expect(chunked.lowerBound < passed.lowerBound, "the head, then the pass: \(first)")
        try terminal.sendLine(lesson.steps[1].command)
        try terminal.waitFor("── step 3 of ", timeout: 20)
        let second = Self.shown(terminal)
        let event = try #require(second.range(of: #""Action":"create""#))
        let passedToo = try #require(second.range(of: "✓ step 2 passed"))
        #expect(event.lowerBound < passedToo.lowerBound, "the event's line, then the pass: \(second)")
        #expect(!second.contains("`[1]`") && !second.contains("job 1"), "no job number the lesson cannot know")
        try terminal.sendLine("lesson quit")
        try terminal.waitFor("[y/N] ")
        try terminal.sendLine("y")
        try terminal.waitFor("removed 1 of the 1 container labelled sockshell.lesson=event-stream")
        // The two streams end with the shell (closed by the defer), however it asks about them.
    }

    @Test func quittingAsksBeforeRemovingTheLessonsContainersAndOnlyThose() throws {
        let host = TestDaemon.host ?? ""
        let other = try SockshellProcess.run([
            "-H", host, "--view", "body", "-c",
            #"POST /containers/create {"Image":"busybox","Labels":"#
                + #"{"sockshell.lesson":"not-this-one","sockshell.test":"1"},"HostConfig":{"NetworkMode":"none"}}"#,
            "-c", "let id = .Id", "-c", "echo $id",
        ])
        let otherId = try #require(other.stdout.split(separator: "\n").last.map(String.init))
        let lesson = try Self.load("create-then-start")
        let terminal = try Self.start(home: try Self.freshHome(), arguments: ["--lesson", "create-then-start"])
        try terminal.waitFor("── step 1 of ", timeout: 20)
        try terminal.sendLine(lesson.steps[0].command)
        try terminal.waitFor("✓ step 1 passed", timeout: 20)
        try terminal.sendLine("lesson quit")
        // The line editor folds the question at 80 columns, wherever the 80th column falls.
        try terminal.waitFor("remove the 1 container labelled sockshell.lesson=create-then-start this")
        try terminal.waitFor("[y/N] ")
        try terminal.sendLine("y")
        try terminal.waitFor("removed 1 of the 1 container labelled sockshell.lesson=create-then-start")
        // No name after a quit: the lesson just left.
        try terminal.sendLine("lesson cleanup")
        try terminal.waitFor("nothing to remove: no container or image is labelled sockshell.lesson=create-then-start")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit(timeout: 10) == 0)
        let still = try SockshellProcess.run([
            "-H", host, "--view", "body", "-c", "GET /containers/\(otherId)/json", "-c", "expect status 200", "-c",
            "DELETE /containers/\(otherId)?force=1",
        ])
        #expect(still.status == 0, "a container of another label was left alone: \(still.stderr)")
    }

    /// An image the lesson imported carries its label (`changes=LABEL ...`), so quitting offers to
    /// remove it with the lesson's containers, and removes it with all its tags.
    @Test func quittingRemovesTheImagesTheLessonImportedToo() throws {
        let host = TestDaemon.host ?? ""
        let name = "images-without-a-registry"
        let lesson = try Self.load(name)
        defer {
            _ = try? SockshellProcess.run(
                [
                    "-H", host, "-c", "lesson cleanup \(name)", "-c",
                    "!rm -rf /tmp/sockshell-rootfs /tmp/sockshell-rootfs.tar",
                ],
                environment: ["SOCKSHELL_LESSONS": Self.lessonsFolder])
        }
        let terminal = try Self.start(home: try Self.freshHome(), arguments: ["--lesson", name], cols: 200)
        defer { terminal.close() }
        try terminal.waitFor("── step 1 of ", timeout: 20)
        for index in 0..<3 {
            try terminal.sendLine(lesson.steps[index].command)
            try terminal.waitFor("✓ step \(index + 1) passed", timeout: 30)
        }
        let container = try SockshellProcess.run([
            "-H", host, "-c",
            #"POST /containers/create {"Image":"busybox","Labels":{"sockshell.lesson":"images-without-a-registry"},"#
                + #""HostConfig":{"NetworkMode":"none"}}"#, "-c", "expect status 201",
        ])
        #expect(container.status == 0, "\(container.stderr)")
        try terminal.sendLine("lesson quit")
        try terminal.waitFor(
            "remove the 1 container and 1 image labelled sockshell.lesson=images-without-a-registry this lesson "
                + "created? [y/N] ")
        try terminal.sendLine("y")
        try terminal.waitFor(
            "removed 2 of the 1 container and 1 image labelled sockshell.lesson=images-without-a-registry", timeout: 20)
        try terminal.sendLine("lesson cleanup")
        try terminal.waitFor(
            "nothing to remove: no container or image is labelled sockshell.lesson=images-without-a-registry")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit(timeout: 10) == 0)
        // Both tags went with the image.
        let gone = try SockshellProcess.run([
            "-H", host, "-c", "GET /images/sockshell-lesson/rootfs:v1/json", "-c", "expect status 404", "-c",
            "GET /images/sockshell-lesson/rootfs:v2/json", "-c", "expect status 404",
        ])
        #expect(gone.status == 0, "\(gone.stderr)")
    }

    /// A lesson started twice in a session sets its values once in the exported script.
    @Test func anExportedScriptSetsTheSocketOnce() throws {
        let folder = try Self.freshHome()
        let result = try SockshellProcess.run(
            [
                "-H", TestDaemon.host ?? "", "-c", "lesson start hello-socket", "-c", "lesson quit", "-c",
                "lesson start hello-socket", "-c", "lesson quit", "-c", "export script \(folder)/twice.sks",
            ], environment: ["XDG_STATE_HOME": folder, "SOCKSHELL_LESSONS": Self.lessonsFolder])
        #expect(result.status == 0, "\(result.stderr)")
        let script = try String(contentsOfFile: folder + "/twice.sks", encoding: .utf8)
        #expect(script.split(separator: "\n").filter { $0.hasPrefix("set socket = ") }.count == 1, "\(script)")
    }

    @Test func aLessonResumesWhereItWasLeft() throws {
        let home = try Self.freshHome()
        let lesson = try Self.load("hello-socket")
        let first = try Self.start(home: home, arguments: ["--lesson", "hello-socket"])
        try first.waitFor("── step 1 of ", timeout: 20)
        try first.sendLine(lesson.steps[0].command)
        try first.waitFor("✓ step 1 passed", timeout: 20)
        try first.waitFor("── step 2 of ")
        try first.sendLine("lesson quit")
        try first.waitFor(
            "left hello-socket at step 2 of \(lesson.steps.count) (lesson start hello-socket resumes there)")
        try first.press(.ctrlD)
        #expect(first.waitForExit(timeout: 10) == 0)
        let saved = try String(
            contentsOfFile: home + "/.local/state/sockshell/lessons/hello-socket.progress", encoding: .utf8)
        #expect(saved.hasPrefix("# sockshell lesson progress\nstep 2\n"))

        let second = try Self.start(home: home, arguments: [])
        try second.waitFor("docker.sock> ", timeout: 20)
        try second.sendLine("lesson")
        try second.waitFor("at step 2 of \(lesson.steps.count)")
        try second.sendLine("lesson start hello-socket")
        try second.waitFor("(resuming at step 2 of \(lesson.steps.count); lesson restart hello-socket starts over)")
        try second.waitFor("── step 2 of \(lesson.steps.count): \(lesson.steps[1].title) ──")
        try second.press(.ctrlD)
        #expect(second.waitForExit(timeout: 10) == 0)
    }

    @Test func aBrokenLessonFileIsNamedWithItsLineAndAMissingImageIsExplained() throws {
        let folder = try Self.freshHome()
        try "# Broken\n\nGoal: g\n\n## Step\n\n```sockshell\nGET /_ping\n```\n\n```check\nexpekt status 200\n```\n"
            .write(toFile: folder + "/broken.md", atomically: true, encoding: .utf8)
        try "# Needs\n\nGoal: g\n\nNeeds: image sockshell-no-such-image\n\n## Step\n\n```sockshell\nGET /_ping\n```\n"
            .write(toFile: folder + "/needs.md", atomically: true, encoding: .utf8)
        let broken = try SockshellProcess.run(
            ["-H", TestDaemon.host ?? "", "--lesson", "broken"], environment: ["SOCKSHELL_LESSONS": folder], stdin: "")
        #expect(broken.status == 2)
        #expect(
            broken.stderr
                == """
                sockshell: \(folder)/broken.md:12: 'expekt status 200' is not a check: a check line is request \
                METHOD PATH, command tap, command !, expect ... or let NAME = ... (the lesson cannot start until the \
                file is fixed)\n
                """
        )
        let needs = try SockshellProcess.run(
            ["-H", TestDaemon.host ?? "", "--lesson", "needs"], environment: ["SOCKSHELL_LESSONS": folder], stdin: "")
        #expect(needs.status == 2)
        #expect(
            needs.stderr.contains(
                "lesson needs needs the image sockshell-no-such-image, which this daemon does not have"))
        #expect(needs.stderr.contains("POST /images/create?fromImage=sockshell-no-such-image&tag=latest"))
        let noDaemon = try SockshellProcess.run(
            ["-H", "unix:///nonexistent/docker.sock", "--lesson", "needs"], environment: ["SOCKSHELL_LESSONS": folder],
            stdin: "")
        #expect(noDaemon.status == 2)
        #expect(
            noDaemon.stderr
                == """
                sockshell: lesson needs needs a daemon, and unix:/nonexistent/docker.sock does not answer GET \
                /_ping: start dockerd, or connect to the right socket (connect unix:///path, or -H)\n
                """
        )
        let unknown = try SockshellProcess.run(
            ["-H", TestDaemon.host ?? "", "-c", "lesson start broke"], environment: ["SOCKSHELL_LESSONS": folder])
        #expect(
            unknown.stderr
                == "sockshell: no lesson named 'broke': did you mean broken? lesson lists them (broken, needs)\n")
    }

    /// A lesson is also a script: its command and check blocks, in order, run against the daemon.
    @Test(arguments: shipped)
    func everyLessonRunsAsAScript(_ name: String) throws {
        let lesson = try Self.load(name)
        var lines: [String] = []
        for step in lesson.steps {
            lines.append(step.command)
            for check in step.checks {
                switch check.kind {
                case .expect(let text), .capture(let text): lines.append(text)
                case .request, .command: continue
                }
            }
        }
        lines.append(#"GET /containers/json?all=1&filters={"label":["sockshell.lesson=\#(name)"]}"#)
        let folder = try Self.freshHome()
        try (lines.joined(separator: "\n") + "\n").write(
            toFile: folder + "/lesson.sks", atomically: true, encoding: .utf8)
        let socket = TestDaemon.socketPath ?? ""
        // Whatever happens, an image the lesson imported goes.
        defer { _ = try? Self.removeImages(of: name) }
        let result = try SockshellProcess.run([
            "-H", TestDaemon.host ?? "", "--view", "body", "-e", "socket=\(socket)", folder + "/lesson.sks",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains(" 0 failed"), "\(result.stderr)")
        if let listed = try? JSONValue.parse(
            Array((result.stdout.split(separator: "\n").last.map(String.init) ?? "").utf8)),
            let left = listed.arrayValue
        {
            for container in left {
                if let id = container["Id"]?.stringValue {
                    _ = try SockshellProcess.run([
                        "-H", TestDaemon.host ?? "", "-c", "DELETE /containers/\(id)?force=1",
                    ])
                }
            }
        }
    }
}

/// The lesson names in a folder, as the shell lists them (every `*.md` but README).
enum LessonLibraryNames {
    static func `in`(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".md") && $0 != "README.md" }.map { String($0.dropLast(3)) }.sorted()
    }
}
