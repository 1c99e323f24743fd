import Foundation
import Testing

@testable import SockshellCore

/// Every lesson in lessons/ has a Korean version in lessons/ko/ that teaches the same thing the
/// same way: the same steps, each with the same command to try and the same checks, the same
/// needs and cleanup. Only the prose is translated, so a learner in either language passes the
/// same steps with the same commands, and a change to one version that the other lacks fails here.
struct LessonTranslationTests {
    private static let lessons = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons")

    /// What differs between a lesson and its translation, one sentence each, naming the lesson and
    /// the step.
    static func differences(english: Lesson, translated: Lesson) -> [String] {
        let name = english.name
        var found: [String] = []
        if english.needs != translated.needs {
            found.append(
                "\(name): Needs differ: '\(Self.needs(english.needs))' in English, "
                    + "'\(Self.needs(translated.needs))' translated")
        }
        if english.cleanup != translated.cleanup {
            found.append(
                "\(name): Cleanup differs: '\(english.cleanup ?? "none")' in English, "
                    + "'\(translated.cleanup ?? "none")' translated")
        }
        if english.steps.count != translated.steps.count {
            found.append(
                "\(name): \(english.steps.count) steps in English, \(translated.steps.count) translated")
        }
        for (index, (original, version)) in zip(english.steps, translated.steps).enumerated() {
            let step = "\(name) step \(index + 1) ('\(original.title)' / '\(version.title)')"
            if original.command != version.command {
                found.append(
                    "\(step): the command differs: '\(original.command)' in English, '\(version.command)' translated")
            }
            let checks = original.checks.map { Self.line(of: $0.kind) }
            let translatedChecks = version.checks.map { Self.line(of: $0.kind) }
            if checks.count != translatedChecks.count {
                found.append("\(step): \(checks.count) check lines in English, \(translatedChecks.count) translated")
            }
            for (number, (line, translatedLine)) in zip(checks, translatedChecks).enumerated()
            where line != translatedLine {
                found.append(
                    "\(step): check line \(number + 1) differs: '\(line)' in English, '\(translatedLine)' translated")
            }
            if original.isChecked != version.isChecked {
                found.append("\(step): checked in one version and read-only in the other")
            }
            if (original.hint == nil) != (version.hint == nil) {
                found.append("\(step): a Hint: in one version only")
            }
            if (original.notice == nil) != (version.notice == nil) {
                found.append("\(step): a Notice: in one version only")
            }
        }
        return found
    }

    /// A check as its line in the file, for messages.
    static func line(of check: LessonCheck.Kind) -> String {
        switch check {
        case .request(let pattern): "request \(pattern)"
        case .command(let word): "command \(word)"
        case .expect(let text), .capture(let text): text
        }
    }

    static func needs(_ needs: [Lesson.Prerequisite]) -> String {
        needs.isEmpty
            ? "none"
            : needs.map { need in
                switch need {
                case .image(let name): "image \(name)"
                }
            }.joined(separator: ", ")
    }

    static func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: lessons.path)
            .filter { $0.hasSuffix(".md") && $0 != "README.md" }
            .map { String($0.dropLast(3)) }.sorted()
    }

    static func parse(_ relative: String, name: String) throws -> (text: String, lesson: Lesson) {
        let text = try String(contentsOf: lessons.appendingPathComponent(relative), encoding: .utf8)
        return (text, try LessonParser.parse(text, name: name, file: "lessons/" + relative))
    }

    @Test func everyLessonHasAKoreanVersionWithTheSameStepsCommandsAndChecks() throws {
        let names = try Self.names()
        #expect(names.count >= 10, "the lessons folder was found with its lessons: \(names)")
        for name in names {
            let english = try Self.parse("\(name).md", name: name)
            guard FileManager.default.fileExists(atPath: Self.lessons.appendingPathComponent("ko/\(name).md").path)
            else {
                Issue.record("\(name): no Korean version: write lessons/ko/\(name).md")
                continue
            }
            let korean = try Self.parse("ko/\(name).md", name: name)
            for difference in Self.differences(english: english.lesson, translated: korean.lesson) {
                Issue.record("\(difference)")
            }
            // Each file links to the other at its top, for readers on GitHub.
            #expect(english.text.hasPrefix("[한국어](ko/\(name).md)\n"), "\(name).md starts with its link to Korean")
            #expect(
                korean.text.hasPrefix("[English](../\(name).md)\n"), "ko/\(name).md starts with its link to English")
            #expect(
                korean.lesson.goal.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) },
                "ko/\(name).md's Goal: is written in Korean")
        }
    }

    @Test func aKoreanFileWithoutAnEnglishOneIsAMistake() throws {
        let korean = try FileManager.default.contentsOfDirectory(atPath: Self.lessons.appendingPathComponent("ko").path)
            .filter { $0.hasSuffix(".md") && $0 != "README.md" }.map { String($0.dropLast(3)) }
        #expect(Set(korean).subtracting(try Self.names()).isEmpty, "lessons/ko/ has lessons lessons/ does not")
    }

    /// The comparison finds each kind of difference, so the test above can fail.
    @Test func eachDifferenceIsNamedWithTheLessonAndTheStep() throws {
        let english = try LessonParser.parse(
            """
            # Ping

            Goal: ping.

            Needs: image busybox

            Cleanup: containers labelled `sockshell.lesson=ping`.

            ## Ping it

            ```sockshell
            GET /_ping
            ```

            ```check
            request GET /_ping
            expect status 200
            ```

            Hint: h.

            ## Read

            ```sockshell
            GET /version
            ```
            """, name: "ping", file: "lessons/ping.md")
        #expect(Self.differences(english: english, translated: english).isEmpty)

        var changed = english
        changed.needs = []
        changed.cleanup = nil
        changed.steps[0].title = "핑"
        changed.steps[0].command = "GET /version"
        changed.steps[0].checks[1].kind = .expect("expect status 201")
        changed.steps[0].hint = nil
        changed.steps[1].checks = [LessonCheck(kind: .expect("expect status 200"), line: 1)]
        changed.steps[1].notice = "n."
        #expect(
            Self.differences(english: english, translated: changed) == [
                "ping: Needs differ: 'image busybox' in English, 'none' translated",
                "ping: Cleanup differs: 'containers labelled `sockshell.lesson=ping`.' in English, 'none' translated",
                "ping step 1 ('Ping it' / '핑'): the command differs: 'GET /_ping' in English, "
                    + "'GET /version' translated",
                "ping step 1 ('Ping it' / '핑'): check line 2 differs: 'expect status 200' in English, "
                    + "'expect status 201' translated",
                "ping step 1 ('Ping it' / '핑'): a Hint: in one version only",
                "ping step 2 ('Read' / 'Read'): 0 check lines in English, 1 translated",
                "ping step 2 ('Read' / 'Read'): checked in one version and read-only in the other",
                "ping step 2 ('Read' / 'Read'): a Notice: in one version only",
            ])
        changed = english
        changed.steps.removeLast()
        #expect(Self.differences(english: english, translated: changed) == ["ping: 2 steps in English, 1 translated"])
    }
}
