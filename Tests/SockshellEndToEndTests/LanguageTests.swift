import Foundation
import SockshellCore
import TestSupport
import Testing

/// The language the shell speaks, chosen by --lang, the locale or `lang`, seen through the
/// binary: the startup line, help, and a lesson's own texts. The lesson is one of the test's own
/// in a temporary lessons folder (two requests, no containers), so it never meets the
/// containers other lesson runs on the same daemon create and clean up.
@Suite(.enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct LanguageTests {
    /// The locale variables cleared, so the test process's own locale never decides.
    static let noLocale = ["LANG": "", "LC_ALL": "", "LC_MESSAGES": ""]

    static func terminal(home: String, arguments: [String], environment: [String: String] = [:]) throws
        -> PseudoTerminal
    {
        try PseudoTerminal(
            executable: SockshellProcess.binaryPath, arguments: ["-H", TestDaemon.host ?? ""] + arguments,
            environment: ["HOME": home, "NO_COLOR": "1", "XDG_STATE_HOME": "", "EDITRC": "/nonexistent"]
                .merging(noLocale) { $1 }.merging(environment) { $1 },
            rows: 50, cols: 100)
    }

    /// A lessons folder with `ping-twice` in English and Korean, `version-only` in English alone,
    /// and an ORDER that puts version-only first.
    static func lessonsFolder() throws -> String {
        let folder = try TemporaryFolder.make("lang-lessons")
        try FileManager.default.createDirectory(atPath: folder + "/ko", withIntermediateDirectories: true)
        func step(_ title: String, _ text: String, _ target: String, hint: String, notice: String) -> String {
            """
            ## \(title)

            \(text)

            ```sockshell
            GET \(target)
            ```

            ```check
            request GET \(target)
            expect status 200
            ```

            Hint: \(hint)

            Notice: \(notice)

            """
        }
        let english =
            "# Ping twice\n\nGoal: ask the daemon whether it is there, twice.\n\n"
            + step("Ping", "`GET /_ping` answers `OK`.", "/_ping", hint: "type it as shown.", notice: "`OK`.")
            + step("Version", "`GET /version` names the daemon.", "/version", hint: "as shown.", notice: "done.")
        let korean =
            "# 두 번 핑\n\nGoal: 데몬(daemon)이 있는지 두 번 묻습니다.\n\n"
            + step("핑", "`GET /_ping`은 `OK`로 응답합니다.", "/_ping", hint: "보이는 그대로 입력합니다.", notice: "`OK`입니다.")
            + step("버전", "`GET /version`은 데몬을 알려 줍니다.", "/version", hint: "그대로 입력합니다.", notice: "끝입니다.")
        try english.write(toFile: folder + "/ping-twice.md", atomically: true, encoding: .utf8)
        try korean.write(toFile: folder + "/ko/ping-twice.md", atomically: true, encoding: .utf8)
        try english.replacingOccurrences(of: "# Ping twice", with: "# Version only")
            .write(toFile: folder + "/version-only.md", atomically: true, encoding: .utf8)
        try "# suggested order\nversion-only\nping-twice\n".write(
            toFile: folder + "/ORDER", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func langKoGivesTheKoreanStartupLineAndHelp() throws {
        let terminal = try Self.terminal(home: try TemporaryFolder.make("lang-home"), arguments: ["--lang", "ko"])
        try terminal.waitFor(" · 데몬이 _ping에 응답했습니다 (API ")
        try terminal.waitFor("docker.sock> ")
        try terminal.sendLine("help")
        try terminal.waitFor("명령:\n")
        try terminal.waitFor("  lang         셸이 쓰는 언어: lang ko | lang en (레슨, help)\n")
        try terminal.waitFor("#으로 시작하는 줄은 주석입니다.")
        try terminal.sendLine("help raw")
        try terminal.waitFor("사용법: raw BYTES\n")
        try terminal.sendLine("lang en")
        try terminal.waitFor("language: English (help, lessons and the startup line follow it)")
        try terminal.sendLine("help")
        try terminal.waitFor("Commands:\n")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    @Test(arguments: [
        (["LANG": "ko_KR.UTF-8"], [String](), "명령:\n"),
        (["LC_MESSAGES": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"], [], "명령:\n"),
        (["LANG": "ko_KR.UTF-8", "LC_ALL": "C"], [], "Commands:\n"),
        (["LANG": "ko_KR.UTF-8"], ["--lang", "en"], "Commands:\n"),
        (["LC_ALL": "C"], ["--lang", "ko"], "명령:\n"),
    ])
    func theLocaleChoosesUnlessLCALLOrTheFlagSaysOtherwise(
        environment: [String: String], flags: [String], firstLine: String
    ) throws {
        let result = try SockshellProcess.run(
            flags + ["-c", "help"], environment: Self.noLocale.merging(environment) { $1 })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix(firstLine), "\(environment) \(flags): \(result.stdout.prefix(40))")
    }

    @Test func anUnknownLanguageIsRefusedWithTheCodesThereAre() throws {
        let flag = try SockshellProcess.run(["--lang", "fr", "-c", "help"], environment: Self.noLocale)
        #expect(flag.status == 2)
        #expect(flag.stderr.contains(ShellLanguage.unknownCodeMessage("fr")))
        let command = try SockshellProcess.run(["-c", "lang", "-c", "lang xx"], environment: Self.noLocale)
        #expect(command.status == 2)
        #expect(command.stderr.contains(ShellLanguage.unknownCodeMessage("xx")))
        let shown = try SockshellProcess.run(["-c", "lang"], environment: Self.noLocale)
        #expect(shown.stdout.hasPrefix("language: English (en); choices: en English, ko 한국어 (Korean)"))
    }

    @Test func aKoreanLessonSpeaksKoreanAndLangEnSwitchesMidLessonKeepingTheStep() throws {
        let home = try TemporaryFolder.make("lang-home")
        let terminal = try Self.terminal(
            home: home, arguments: ["--lang", "ko", "--lesson", "ping-twice"],
            environment: ["SOCKSHELL_LESSONS": try Self.lessonsFolder()])
        try terminal.waitFor("── 레슨 ping-twice: 두 번 핑 ──\n목표: 데몬(daemon)이 있는지 두 번 묻습니다.")
        try terminal.waitFor("── 2단계 중 1단계: 핑 ──\nGET /_ping은 OK로 응답합니다.\n해 보기: GET /_ping\n")
        try terminal.waitFor("> ")
        try terminal.sendLine("GET /_ping")
        try terminal.waitFor("✓ 1단계 통과\n참고: OK입니다.\n")
        try terminal.waitFor("── 2단계 중 2단계: 버전 ──")
        try terminal.sendLine("GET /nope")
        try terminal.waitFor("✗ 이 단계의 요청(request)이 아닙니다: 2단계는 GET /version 요청을")
        try terminal.sendLine("lang en")
        // The same step, now read from the English file.
        try terminal.waitFor("── step 2 of 2: Version ──\nGET /version names the daemon.\ntry: GET /version\n")
        try terminal.sendLine("GET /version")
        try terminal.waitFor("✓ step 2 passed\nnotice: done.\n")
        try terminal.waitFor("★ lesson ping-twice complete: 2 steps.\n")
        try terminal.waitFor("next: lesson start version-only — Version only\n")
        try terminal.sendLine("lang ko")
        try terminal.sendLine("lesson")
        try terminal.waitFor("레슨 목록, 추천 순서대로 (lesson start NAME으로 시작):\n")
        try terminal.waitFor("  1. version-only         Version only                       시작 전 (2단계)\n")
        try terminal.waitFor("  2. ping-twice           두 번 핑                           완료\n")
        // No Korean file: the English one, said once in Korean.
        try terminal.sendLine("lesson start version-only")
        try terminal.waitFor("(version-only 레슨은 아직 한국어판이 없어 영어판으로 보여 줍니다)\n목표: ask the daemon")
        try terminal.waitFor("── 2단계 중 1단계: Ping ──")
        try terminal.sendLine("lesson quit")
        try terminal.waitFor("version-only 레슨을 2단계 중 1단계에서 멈췄습니다 (이어서 하려면 lesson start version-only)")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
        // Progress is kept per lesson name, whichever language it was followed in.
        let progress = try String(
            contentsOfFile: home + "/.local/state/sockshell/lessons/ping-twice.progress", encoding: .utf8)
        #expect(progress.contains("finished\npassed 1 2\n"))
    }
}

/// lessons/ORDER, the suggested order `lesson` lists and suggests the next lesson by.
@Suite struct LessonOrderFileTests {
    @Test func theOrderNamesEveryLessonExactlyOnce() throws {
        let folder = ReadmeExamplesTests.repositoryRoot.appendingPathComponent("lessons").path
        let order = LessonOrder.names(
            in: try String(contentsOfFile: folder + "/" + LessonOrder.fileName, encoding: .utf8))
        let lessons = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            $0.hasSuffix(".md") && $0 != "README.md"
        }.map { String($0.dropLast(3)) }
        #expect(Set(order).count == order.count, "a lesson named twice in ORDER: \(order)")
        for lesson in lessons { #expect(order.contains(lesson), "lessons/ORDER does not name \(lesson)") }
        for name in order { #expect(lessons.contains(name), "lessons/ORDER names \(name), which has no lesson file") }
    }
}
