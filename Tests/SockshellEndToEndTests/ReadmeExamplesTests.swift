import Foundation
import TestSupport
import Testing

/// Every ```console block in README.md is run against the test daemon and must print what the
/// README shows, apart from what changes run to run (dates, timings, ids).
@Suite(.enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct ReadmeExamplesTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var command: String
        var expected: String
        var testDescription: String { command }
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func examples() -> [Example] {
        guard let readme = try? String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        else { return [] }
        var examples: [Example] = []
        var inBlock = false
        var block: [String] = []
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if !inBlock && line == "```console" {
                inBlock = true
                block = []
            } else if inBlock && line == "```" {
                inBlock = false
                if let first = block.first, first.hasPrefix("$ ") {
                    examples.append(
                        Example(
                            command: String(first.dropFirst(2)), expected: block.dropFirst().joined(separator: "\n")))
                }
            } else if inBlock {
                block.append(line)
            }
        }
        return examples
    }

    @Test func readmeHasExamples() {
        #expect(Self.examples().count >= 4)
    }

    @Test(arguments: examples().filter { !$0.command.contains("lesson") })
    func exampleOutputIsTrue(_ example: Example) throws {
        try check(example)
    }

    /// The lesson examples count lesson containers: they do not run beside LessonTests' learners.
    @Test(.lessonContainers, arguments: examples().filter { $0.command.contains("lesson") })
    func lessonExampleOutputIsTrue(_ example: Example) throws {
        try check(example)
    }

    func check(_ example: Example) throws {
        let result = try SockshellProcess.runShell(
            "exec 2>&1; " + example.command, environment: ["DOCKER_HOST": TestDaemon.host ?? "", "NO_COLOR": "1"],
            currentDirectory: Self.repositoryRoot.path)
        var actual = result.stdout
        if actual.hasSuffix("\n") { actual.removeLast() }
        actual = actual.replacingOccurrences(of: TestDaemon.socketPath ?? "\u{0}", with: "/var/run/docker.sock")
        #expect(Self.normalized(actual) == Self.normalized(example.expected))
    }

    /// Replaces what differs between runs with placeholders.
    static func normalized(_ text: String) -> String {
        var result = text
        let rules: [(String, String)] = [
            (#"Date: [A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT"#, "Date: <date>"),
            (#"\d+(\.\d+)? (µs|ms|s)\b"#, "<time>"),
            (#"[0-9a-f]{64}"#, "<id>"),
            // A tapped client's process id.
            (#"\(pid \d+, uid \d+\)"#, "(pid <pid>, uid <uid>)"),
            // Short ids, as replay's step lines show them.
            (#"/[0-9a-f]{12}/"#, "/<id>/"),
            (#"/[0-9a-f]{12}\?"#, "/<id>?"),
        ]
        for (pattern, replacement) in rules {
            result = result.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return result
    }
}
