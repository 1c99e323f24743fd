import Foundation
import TestSupport
import Testing

/// Whether `scripts/install --build-only` has staged what an install copies.
enum InstallStaging {
    static let checkout = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static var isComplete: Bool {
        FileManager.default.fileExists(atPath: checkout + "/.build/install-staging/.complete")
    }
}

/// `scripts/install` as a user runs it: into a prefix, the binary run from there with the
/// checkout out of sight (a mount namespace binds an empty folder over it), a lesson included,
/// the man page through `man -l`, bash completion of `--view`, and `--uninstall` leaving the
/// prefix as it was. The files come from the staging that `scripts/install --build-only` made
/// (scripts/test does that before `swift test`: SwiftPM builds one thing at a time per checkout,
/// so a test cannot build the release itself).
@Suite(
    .serialized,
    .enabled(if: InstallStaging.isComplete, "needs scripts/install --build-only first (scripts/test does it)"),
    .enabled(if: TestDaemon.isAvailable, "needs the test daemon: run scripts/test"))
struct InstallTests {
    static let checkout = InstallStaging.checkout

    /// `'text'` for /bin/sh.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    static func shell(_ commandLine: String) throws -> SockshellProcess.Result {
        try SockshellProcess.runShell(
            commandLine, environment: ["SOCKSHELL_LESSONS": "", "LANG": "C.UTF-8", "LC_ALL": ""], timeout: 120)
    }

    /// Every file and folder under `folder`, as paths relative to it.
    static func contents(of folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
    }

    @Test func installedItRunsWithoutTheCheckoutAndUninstallRemovesExactlyIt() throws {
        let prefix = try TemporaryFolder.make("install-prefix")
        // Something of the user's already there must survive the uninstall.
        try FileManager.default.createDirectory(atPath: prefix + "/share/man/man1", withIntermediateDirectories: true)
        try "mine\n".write(toFile: prefix + "/share/man/man1/other.1", atomically: true, encoding: .utf8)
        let before = Self.contents(of: prefix)
        let install = try Self.shell(
            "\(Self.quoted(Self.checkout))/scripts/install --prefix \(Self.quoted(prefix)) --no-build")
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stderr.contains("sockshell installed in \(prefix)"), "\(install.stderr)")
        let binary = prefix + "/bin/sockshell"

        // Run with the checkout hidden: an empty folder mounted over it in a private mount namespace.
        let empty = try TemporaryFolder.make("install-empty")
        let state = try TemporaryFolder.make("install-state")
        let host = TestDaemon.host ?? ""
        func hidden(_ arguments: String) -> String {
            """
            unshare --mount sh -c 'mount --bind "$1" "$2" && shift 2 && exec "$@"' sh \
            \(Self.quoted(empty)) \(Self.quoted(Self.checkout)) env XDG_STATE_HOME=\(Self.quoted(state)) \
            \(Self.quoted(binary)) -H \(Self.quoted(host)) \(arguments)
            """
        }
        let seen = try Self.shell(
            """
            unshare --mount sh -c 'mount --bind "$1" "$2" && ls -A "$2" | wc -l' sh \(Self.quoted(empty)) \
            \(Self.quoted(Self.checkout))
            """)
        #expect(seen.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "the checkout is hidden: \(seen)")
        let ping = try Self.shell(hidden("--view body -c 'GET /_ping'"))
        #expect(ping.status == 0 && ping.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "OK", "\(ping)")
        let lessons = try Self.shell(hidden("-c lesson"))
        #expect(lessons.stdout.contains("10. a-load-balancer-listens"), "\(lessons.stdout)\(lessons.stderr)")
        let lesson = try Self.shell(
            hidden(
                """
                --lang ko -c 'lesson start hello-socket' -c 'GET /_ping' -c 'lesson quit'
                """))
        #expect(lesson.status == 0, "\(lesson.stderr)")
        #expect(lesson.stdout.contains("── 레슨 hello-socket: 안녕, 소켓 ──"), "\(lesson.stdout)")
        #expect(lesson.stdout.contains("✓ 1단계 통과"), "\(lesson.stdout)")

        // The man page, as man shows it, with no formatter warnings.
        let man = try Self.shell("MANWIDTH=80 man -l \(Self.quoted(prefix + "/share/man/man1/sockshell.1"))")
        #expect(man.status == 0 && man.stderr.isEmpty, "\(man.stderr)")
        for part in ["SOCKSHELL(1)", "--view VIEW", "COMMAND LANGUAGE", "Shell commands", "explain", "EXIT STATUS"] {
            #expect(man.stdout.contains(part), "the man page has \(part)")
        }

        // bash completion: --vi completes to --view, and --view to its values.
        let completion = prefix + "/share/bash-completion/completions/sockshell"
        let completed = try Self.shell(
            """
            bash -c 'source "$1"; COMP_WORDS=(sockshell --vi); COMP_CWORD=1; COMP_LINE="sockshell --vi"; \
            COMP_POINT=${#COMP_LINE}; _sockshell sockshell --vi sockshell; printf "%s\\n" "${COMPREPLY[@]}"; \
            COMPREPLY=(); COMP_WORDS=(sockshell --view ""); COMP_CWORD=2; COMP_LINE="sockshell --view "; \
            COMP_POINT=${#COMP_LINE}; \
            _sockshell sockshell "" --view; printf "%s\\n" "${COMPREPLY[@]}"' sh \(Self.quoted(completion))
            """)
        #expect(
            completed.stdout.split(whereSeparator: \.isWhitespace) == [
                "--view", "wire", "pretty", "body", "hex", "json",
            ],
            "\(completed.stdout.unicodeScalars.map(\.value))\(completed.stderr)")
        for (file, marker) in [
            ("/share/zsh/site-functions/_sockshell", "#compdef sockshell"),
            ("/share/fish/vendor_completions.d/sockshell.fish", "complete -c 'sockshell'"),
        ] {
            let text = (try? String(contentsOfFile: prefix + file, encoding: .utf8)) ?? ""
            #expect(text.contains(marker), "\(file) is the completion script for its shell")
        }

        let uninstall = try Self.shell(
            "\(Self.quoted(Self.checkout))/scripts/install --prefix \(Self.quoted(prefix)) --uninstall")
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        #expect(Self.contents(of: prefix) == before, "only what the install added is gone")
        let again = try Self.shell(
            "\(Self.quoted(Self.checkout))/scripts/install --prefix \(Self.quoted(prefix)) --uninstall")
        #expect(again.status == 1)
        #expect(again.stderr.contains("nothing to uninstall"), "\(again.stderr)")
    }
}
