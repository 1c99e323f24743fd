/// Every sentence the shell itself says during a lesson, in each language it speaks: the step
/// headers, verdicts, labels, prompts, cleanup questions, the lesson list and its progress. Kept
/// here, together, so a translation is reviewed in one place and a test can see that each phrase
/// has both languages; LessonGuide only chooses which one to say.
///
/// What stays English: the reason after `✗ not yet:` (an expectation's own sentence) and the
/// errors a command fails with (a missing lesson, a missing image, a lesson file's mistake).
public enum LessonPhrases {
    /// The English or the Korean text: every phrase below names both, so neither can be forgotten.
    static func pick(_ language: ShellLanguage, _ english: String, _ korean: String) -> String {
        Phrase(english, korean)(language)
    }

    // MARK: starting and showing steps

    /// `── lesson NAME: TITLE ──`
    public static func lessonHeader(_ name: String, title: String, _ language: ShellLanguage) -> String {
        pick(language, "── lesson \(name): \(title) ──", "── 레슨 \(name): \(title) ──")
    }

    public static let goalLabel = Phrase("Goal: ", "목표: ")
    public static let cleanupLabel = Phrase("Cleanup: ", "정리: ")
    public static let hintLabel = Phrase("hint: ", "힌트: ")
    public static let noticeLabel = Phrase("notice: ", "참고: ")

    public static func resuming(step: Int, of steps: Int, name: String, _ language: ShellLanguage) -> String {
        pick(
            language,
            "(resuming at step \(step) of \(steps); lesson restart \(name) starts over)",
            "(\(steps)단계 중 \(step)단계부터 이어서 합니다. 처음부터 하려면 lesson restart \(name))")
    }

    public static func introduction(_ language: ShellLanguage) -> String {
        pick(
            language,
            "Type each step's command (or a variation); hint, next, back, where and lesson quit help along the way.",
            "단계마다 나오는 명령(또는 조금 바꾼 명령)을 입력하세요. 도중에 hint, next, back, where, lesson quit을 쓸 수 있습니다."
        )
    }

    /// `── step 2 of 7: TITLE ──`
    public static func stepHeader(_ step: Int, of steps: Int, title: String, _ language: ShellLanguage) -> String {
        pick(language, "── step \(step) of \(steps): \(title) ──", "── \(steps)단계 중 \(step)단계: \(title) ──")
    }

    /// `try: COMMAND`: the command stays as it is typed.
    public static func tryCommand(_ command: String, _ language: ShellLanguage) -> String {
        pick(language, "try: \(command)", "해 보기: \(command)")
    }

    public static func nothingToCheck(_ language: ShellLanguage) -> String {
        pick(language, "(nothing to check here: next goes on)", "(이 단계는 확인할 것이 없습니다: next로 넘어갑니다)")
    }

    /// Shown once when a lesson has no file in the chosen language and the English one is read.
    public static func untranslated(_ name: String, _ language: ShellLanguage) -> String {
        pick(
            language,
            "(lesson \(name) has no translation yet: it is shown in English)",
            "(\(name) 레슨은 아직 한국어판이 없어 영어판으로 보여 줍니다)")
    }

    // MARK: checking

    public static func passed(_ step: Int, captured: [String], _ language: ShellLanguage) -> String {
        let values = captured.isEmpty ? "" : " (\(captured.joined(separator: ", ")))"
        return pick(language, "✓ step \(step) passed\(values)", "✓ \(step)단계 통과\(values)")
    }

    /// `✗ not yet: REASON`: the reason is the expectation's own sentence, in English.
    public static func notYet(_ reason: String, _ language: ShellLanguage) -> String {
        pick(language, "✗ not yet: \(reason)", "✗ 아직 아닙니다: \(reason)")
    }

    public static func notYetHelp(_ language: ShellLanguage) -> String {
        pick(
            language,
            "  (hint for a hint, check to check the last exchange again, next to skip)",
            "  (hint: 힌트 보기, check: 마지막 교환을 다시 확인, next: 건너뛰기)")
    }

    public static func notThisRequest(
        step: Int, wants pattern: String, got request: String, _ language: ShellLanguage
    ) -> String {
        pick(
            language,
            "✗ not this step's request: step \(step) wants \(pattern), and that was \(request)",
            "✗ 이 단계의 요청(request)이 아닙니다: \(step)단계는 \(pattern) 요청을 기다리는데, 방금 것은 \(request) 입니다")
    }

    public static func tryAgain(_ command: String, _ language: ShellLanguage) -> String {
        pick(
            language, "  try: \(command)   (hint for a hint, next to skip)",
            "  해 보기: \(command)   (hint: 힌트 보기, next: 건너뛰기)")
    }

    public static func alreadyDone(_ language: ShellLanguage) -> String {
        pick(
            language,
            """
            ✗ 304 Not Modified: the daemon had nothing to do, so what this step does is done already (you did it \
            another way, or before): next goes on
            """,
            """
            ✗ 304 Not Modified: 데몬이 할 일이 없었습니다. 이 단계가 하는 일은 이미 되어 있습니다(다른 방법으로, \
            또는 먼저 했습니다): next로 넘어갑니다
            """)
    }

    public static func unlabelledContainer(lessonName: String, label: String, _ language: ShellLanguage) -> String {
        let labels = "\"Labels\":{\"sockshell.lesson\":\"\(lessonName)\"}"
        return pick(
            language,
            """
            warning: this container has no \(label) label, so the lesson's own lists will not find it and lesson \
            cleanup will not remove it: add \(labels) to the body, or remove it yourself later \
            (DELETE /containers/$id?force=1)
            """,
            """
            경고: 이 컨테이너에는 \(label) 레이블이 없어서 레슨의 목록에 나오지 않고 lesson cleanup도 지우지 \
            않습니다: 본문에 \(labels)를 넣거나, 나중에 직접 지우세요 (DELETE /containers/$id?force=1)
            """)
    }

    // MARK: moving around

    public static func complete(_ name: String, steps: Int, skipped: Set<Int>, _ language: ShellLanguage) -> String {
        let note = skippedNote(skipped, language)
        return pick(
            language, "★ lesson \(name) complete: \(steps) steps\(note).", "★ \(name) 레슨 완료: \(steps)단계\(note).")
    }

    /// After a finished lesson: the next one in the suggested order that is not done.
    public static func suggestNext(_ name: String, title: String, _ language: ShellLanguage) -> String {
        pick(language, "next: lesson start \(name) — \(title)", "다음 레슨: lesson start \(name) — \(title)")
    }

    public static func everyLessonDone(_ language: ShellLanguage) -> String {
        pick(language, "every lesson is done: lesson lists them", "모든 레슨을 마쳤습니다: lesson으로 목록을 봅니다")
    }

    public static func left(_ name: String, step: Int, of steps: Int, _ language: ShellLanguage) -> String {
        pick(
            language,
            "left \(name) at step \(step) of \(steps) (lesson start \(name) resumes there)",
            "\(name) 레슨을 \(steps)단계 중 \(step)단계에서 멈췄습니다 (이어서 하려면 lesson start \(name))")
    }

    /// `where`: the lesson, the step and the endpoint, then the step's command.
    public static func position(
        _ name: String, step: Int, of steps: Int, title: String, endpoint: String, _ language: ShellLanguage
    ) -> String {
        pick(
            language,
            "\(name), step \(step) of \(steps): \(title) (on \(endpoint))",
            "\(name), \(steps)단계 중 \(step)단계: \(title) (엔드포인트 \(endpoint))")
    }

    public static func noHint(command: String, _ language: ShellLanguage) -> String {
        pick(
            language, "hint: this step has no hint; its command is: \(command)",
            "힌트: 이 단계에는 힌트가 없습니다. 명령은 \(command) 입니다")
    }

    /// `next`, `back`, `hint`, `check` or `where` with no lesson running.
    public static func noLessonRunning(askedWhere: Bool, _ language: ShellLanguage) -> String {
        let english = "no lesson is running: lesson lists them, lesson start NAME starts one"
        let korean = "진행 중인 레슨이 없습니다: lesson으로 목록을 보고, lesson start NAME으로 시작합니다"
        // `where` outside a lesson most likely asks which daemon this is: name the command that says.
        guard askedWhere else { return pick(language, english, korean) }
        return pick(
            language, english + " (endpoint says which daemon requests go to)",
            korean + " (요청이 어느 데몬으로 가는지는 endpoint가 알려 줍니다)")
    }

    public static func firstStep(_ language: ShellLanguage) -> String {
        pick(language, "this is the first step: there is nothing before it", "첫 단계입니다: 이전 단계가 없습니다")
    }

    public static func nothingToCheckYet(_ language: ShellLanguage) -> String {
        pick(
            language, "there is no exchange to check yet: try the step's command",
            "아직 확인할 교환(exchange)이 없습니다: 단계의 명령을 실행해 보세요")
    }

    // MARK: the list and progress

    public static func listHeader(_ language: ShellLanguage) -> String {
        pick(
            language, "lessons, in the suggested order (lesson start NAME):", "레슨 목록, 추천 순서대로 (lesson start NAME으로 시작):"
        )
    }

    public static func done(skipped: Set<Int>, _ language: ShellLanguage) -> String {
        pick(language, "done", "완료") + skippedNote(skipped, language)
    }

    public static func atStep(_ step: Int, of steps: Int, skipped: Set<Int>, _ language: ShellLanguage) -> String {
        pick(language, "at step \(step) of \(steps)", "\(steps)단계 중 \(step)단계") + skippedNote(skipped, language)
    }

    public static func notStarted(steps: Int, _ language: ShellLanguage) -> String {
        pick(language, "not started (\(steps) steps)", "시작 전 (\(steps)단계)")
    }

    public static func unreadable(_ reason: String, _ language: ShellLanguage) -> String {
        pick(language, "(cannot be read: \(reason))", "(읽을 수 없음: \(reason))")
    }

    /// `, 1 skipped (step 2)`, or nothing when none was skipped; `skipped` counts from 0.
    public static func skippedNote(_ skipped: Set<Int>, _ language: ShellLanguage) -> String {
        guard !skipped.isEmpty else { return "" }
        let numbers = skipped.sorted().map { String($0 + 1) }.joined(separator: ", ")
        return pick(
            language, ", \(skipped.count) skipped (step\(skipped.count == 1 ? "" : "s") \(numbers))",
            ", \(skipped.count)단계 건너뜀 (\(numbers)단계)")
    }

    // MARK: cleanup

    /// `2 containers and 1 image labelled sockshell.lesson=NAME`: what a lesson left, by kind.
    public static func leftovers(containers: Int, images: Int, label: String, _ language: ShellLanguage) -> String {
        func count(_ number: Int, _ english: String) -> String { "\(number) \(english)\(number == 1 ? "" : "s")" }
        let english = [(containers, "container"), (images, "image")].filter { $0.0 > 0 }.map { count($0.0, $0.1) }
        let korean = [(containers, "컨테이너(container)"), (images, "이미지(image)")].filter { $0.0 > 0 }
            .map { "\($0.1) \($0.0)개" }
        return pick(
            language, english.joined(separator: " and ") + " labelled \(label)",
            "\(label) 레이블이 붙은 " + korean.joined(separator: "와 "))
    }

    public static func nothingToRemove(label: String, _ language: ShellLanguage) -> String {
        pick(
            language, "nothing to remove: no container or image is labelled \(label)",
            "지울 것이 없습니다: \(label) 레이블이 붙은 컨테이너나 이미지가 없습니다")
    }

    public static func remain(_ what: String, name: String, _ language: ShellLanguage) -> String {
        pick(
            language, "\(what) remain from this lesson: lesson cleanup \(name) removes them",
            "이 레슨이 만든 \(what)가 남아 있습니다: 지우려면 lesson cleanup \(name)")
    }

    /// The question asked before removing; the answers stay y and n in both languages.
    public static func removeQuestion(_ what: String, _ language: ShellLanguage) -> String {
        pick(language, "remove the \(what) this lesson created? [y/N] ", "이 레슨이 만든 \(what)를 지울까요? [y/N] ")
    }

    public static func kept(name: String, _ language: ShellLanguage) -> String {
        pick(
            language, "kept them: lesson cleanup \(name) removes them later",
            "그대로 두었습니다: 나중에 지우려면 lesson cleanup \(name)")
    }

    public static func removed(_ count: Int, of what: String, _ language: ShellLanguage) -> String {
        pick(language, "removed \(count) of the \(what)", "\(what) 중 \(count)개를 지웠습니다")
    }

    /// Every phrase with sample values, for the test that each one exists in each language.
    public static func everyPhrase(_ language: ShellLanguage) -> [String] {
        let l = language
        return [
            lessonHeader("n", title: "t", l), goalLabel(l), cleanupLabel(l), hintLabel(l), noticeLabel(l),
            resuming(step: 2, of: 7, name: "n", l), introduction(l), stepHeader(2, of: 7, title: "t", l),
            tryCommand("GET /_ping", l), nothingToCheck(l), untranslated("n", l), passed(1, captured: [], l),
            notYet("r", l), notYetHelp(l), notThisRequest(step: 1, wants: "GET /a", got: "GET /b", l),
            tryAgain("GET /_ping", l), alreadyDone(l), unlabelledContainer(lessonName: "n", label: "x=n", l),
            complete("n", steps: 7, skipped: [1], l), suggestNext("n", title: "t", l), everyLessonDone(l),
            left("n", step: 1, of: 7, l), position("n", step: 1, of: 7, title: "t", endpoint: "e", l),
            noHint(command: "c", l), noLessonRunning(askedWhere: false, l), noLessonRunning(askedWhere: true, l),
            firstStep(l), nothingToCheckYet(l), listHeader(l), done(skipped: [], l),
            atStep(2, of: 7, skipped: [1], l), notStarted(steps: 7, l), unreadable("r", l), skippedNote([1, 3], l),
            leftovers(containers: 2, images: 1, label: "x", l), nothingToRemove(label: "x", l),
            remain("w", name: "n", l),
            removeQuestion("w", l), kept(name: "n", l), removed(1, of: "w", l),
        ]
    }
}
