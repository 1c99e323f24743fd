import Foundation
import SockshellCore
import TestSupport
import Testing

/// Korean, a combining mark and an emoji typed at the prompt in tmux at 40 and 80 columns: the
/// cursor is where TerminalColumns says (prompt width plus text width, wrapped at the pane's
/// width as libedit wraps), the rows are what was typed, moving and deleting over wide characters
/// lands on character boundaries, and background output printed above a wrapped Korean line
/// leaves it whole. tmux is the judge: its cursor and its rows are what a user's terminal shows.
///
/// LANG=ko_KR.UTF-8 is not installed on the test machines (only C.UTF-8 is): the shell must fall
/// back to C.UTF-8, or libedit edits byte by byte and shows Hangul as escapes.
@Suite(.enabled(if: TestDaemon.isAvailable && TmuxSession.executable != nil, "needs the test daemon and tmux"))
struct WideCharacterTests {
    struct Setting: Sendable, CustomTestStringConvertible {
        var columns: Int
        var lang: String
        var testDescription: String { "\(columns) columns, LANG=\(lang)" }
    }

    static let settings = [40, 80].flatMap { columns in
        ["ko_KR.UTF-8", "C.UTF-8"].map { Setting(columns: columns, lang: $0) }
    }

    /// Long enough to wrap at 80 (and three times at 40), with a combining mark (e + U+0301) and
    /// an emoji among the Hangul.
    static let typed =
        "echo 안녕하세요 소켓 세계 한국어 입력 시험입니다 "
        + "결합 문자 e\u{0301} 와 이모지 👍 도 "
        + "같은 줄에서 바르게 감싸지는지 봅니다 끝"

    /// sockshell in a tmux pane: its prompt as shown, and the row the line being edited starts on.
    struct Shell {
        let tmux: TmuxSession
        let prompt: String
        private(set) var promptRow: Int
        var promptWidth: Int { prompt.terminalColumns }

        init(columns: Int, lang: String) throws {
            let command = [
                "env", "-i", "PATH=/usr/bin:/bin", "TERM=tmux-256color", "LANG=\(lang)", "NO_COLOR=1",
                "EDITRC=/nonexistent", "HOME=/nonexistent", "XDG_STATE_HOME=/nonexistent",
                SockshellProcess.binaryPath, "-H", TestDaemon.host ?? "",
            ].map(TmuxSession.quoted).joined(separator: " ")
            tmux = try TmuxSession(columns: columns, rows: 24, command: command)
            try tmux.waitForScreen("the first prompt") { $0.contains { $0.hasSuffix(">") } }
            // The prompt ends with a space, which capture-pane drops: the cursor says how wide it is.
            let cursor = try tmux.cursor()
            let shown = try tmux.screen()[cursor.row]
            prompt = shown + String(repeating: " ", count: max(0, cursor.column - shown.terminalColumns))
            promptRow = cursor.row
        }

        /// The same shell with its prompt now on `row` (output above pushed it down).
        func prompting(at row: Int) -> Shell {
            var moved = self
            moved.promptRow = row
            return moved
        }

        /// Where the cursor belongs with `text` before it on the line being edited.
        func expectedCursor(before text: some StringProtocol) -> (column: Int, row: Int) {
            let (row, column) = TerminalColumns.cursorPosition(
                after: String(repeating: " ", count: promptWidth) + text, width: tmux.columns)
            return (column, promptRow + row)
        }

        /// The rows the prompt and `line` take, as the screen shows them: libedit leaves combining
        /// marks off the screen when it redraws (the line itself keeps them).
        func expectedRows(_ line: String) -> [String] {
            var shown = String.UnicodeScalarView()
            for scalar in line.unicodeScalars where TerminalColumns.columns(scalar) > 0 { shown.append(scalar) }
            return TerminalColumns.layout(prompt + String(shown), width: tmux.columns).rows.map(Self.trimmed)
        }

        func rowsOfLine(count: Int) throws -> [String] {
            Array(try tmux.screen().dropFirst(promptRow).prefix(count)).map(Self.trimmed)
        }

        static func trimmed(_ row: String) -> String {
            var scalars = Substring(row).unicodeScalars[...]
            while scalars.last == " " { scalars = scalars.dropLast() }
            return String(String.UnicodeScalarView(scalars))
        }
    }

    private func expectCursor(
        _ shell: Shell, before text: some StringProtocol, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let expected = shell.expectedCursor(before: text)
        let seen = shell.tmux.waitForCursor(at: expected)
        #expect(
            seen == expected, "\(what): tmux has the cursor at \(seen), expected \(expected)",
            sourceLocation: sourceLocation)
    }

    @Test(arguments: settings)
    func koreanInputWrapsAndTheCursorFollowsIt(_ setting: Setting) throws {
        let shell = try Shell(columns: setting.columns, lang: setting.lang)
        defer { shell.tmux.close() }
        let text = Self.typed
        try shell.tmux.type(text)
        expectCursor(shell, before: text, "after typing")
        let rows = shell.expectedRows(text)
        #expect(rows.count >= (setting.columns == 40 ? 4 : 2), "the line wraps: \(rows)")
        #expect(try shell.rowsOfLine(count: rows.count) == rows)

        // Left over 끝, the space and 도, back over 도, then Backspace deletes the space before it.
        var scalars = Array(text.unicodeScalars)
        try shell.tmux.press("Left", times: 3)
        expectCursor(shell, before: String(String.UnicodeScalarView(scalars.dropLast(3))), "after three Lefts")
        try shell.tmux.press("Right")
        expectCursor(shell, before: String(String.UnicodeScalarView(scalars.dropLast(2))), "after Right")
        // Further left to just after 👍, then delete it: one keypress takes both its columns.
        let thumb = try #require(scalars.firstIndex(of: "👍"))
        try shell.tmux.press("Left", times: scalars.count - 2 - (thumb + 1))
        expectCursor(shell, before: String(String.UnicodeScalarView(scalars[...thumb])), "after 👍")
        try shell.tmux.press("BSpace")
        scalars.remove(at: thumb)
        let edited = String(String.UnicodeScalarView(scalars))
        expectCursor(shell, before: String(String.UnicodeScalarView(scalars[..<thumb])), "after Backspace over 👍")
        // Over the combining mark: Left steps over e + U+0301 as two characters, one column.
        let mark = try #require(scalars.firstIndex(of: "\u{0301}"))
        try shell.tmux.press("Left", times: thumb - mark)
        expectCursor(shell, before: String(String.UnicodeScalarView(scalars[..<mark])), "on the combining mark")
        try shell.tmux.press("Left")
        expectCursor(shell, before: String(String.UnicodeScalarView(scalars[..<(mark - 1)])), "on its e")
        // Backspace over a Hangul syllable (its three UTF-8 bytes go together).
        let syllable = try #require(scalars.firstIndex(of: "력"))
        try shell.tmux.press("Left", times: mark - 1 - (syllable + 1))
        try shell.tmux.press("BSpace")
        scalars.remove(at: syllable)
        expectCursor(shell, before: String(String.UnicodeScalarView(scalars[..<syllable])), "after Backspace over 력")
        let final = String(String.UnicodeScalarView(scalars))
        #expect(edited.count == final.count + 1)
        try shell.tmux.waitForScreen("the edited line") { screen in
            let expected = shell.expectedRows(final)
            return Array(screen.dropFirst(shell.promptRow).prefix(expected.count)).map(Shell.trimmed) == expected
        }
        let screen = try shell.tmux.screen()
        #expect(!screen.joined().contains("\u{FFFD}") && !screen.joined().contains("\\U+"), "no stray bytes: \(screen)")

        // Enter runs the line with every character as typed, mark included: echo prints it.
        try shell.tmux.press("C-e")
        try shell.tmux.press("Enter")
        let echoed = String(final.dropFirst("echo ".count))
        try shell.tmux.waitForScreen("the echoed line", joined: true) { $0.contains(echoed) }
    }

    @Test func backgroundOutputAboveAWrappedKoreanLineLeavesItWhole() throws {
        let shell = try Shell(columns: 40, lang: "ko_KR.UTF-8")
        defer { shell.tmux.close() }
        let value = "wide-\(UUID().uuidString.prefix(8).lowercased())"
        let name = "sockshell-\(value)"
        defer {
            _ = try? SockshellProcess.run(["-H", TestDaemon.host ?? "", "-c", "DELETE /containers/\(name)?force=1"])
        }
        let filters = #"{"label":["\#(TestDaemon.label)=\#(value)"]}"#
        try shell.tmux.type("GET /events?filters=\(filters) &")
        try shell.tmux.press("Enter")
        try shell.tmux.waitForScreen("the event stream's head") { $0.contains { $0.contains("Transfer-Encoding") } }
        // The job's head printed, the prompt is back: Ctrl-L puts it on the first row, so what the
        // event prints fits below without scrolling; then a line that wraps three times.
        try shell.tmux.waitForScreen("a new prompt") { $0.last { !$0.isEmpty }?.hasSuffix(">") == true }
        try shell.tmux.press("C-l")
        try shell.tmux.waitForScreen("the prompt alone") { $0.first?.hasSuffix(">") == true && $0[1].isEmpty }
        let shellAtPrompt = shell.prompting(at: 0)
        let text =
            "echo 안녕하세요 소켓 세계 한국어 입력 시험입니다 "
            + "배경 작업의 출력이 위에 찍혀도 줄이 그대로인지 봅니다"
        try shell.tmux.type(text)
        expectCursor(shellAtPrompt, before: text, "after typing")
        let rows = shellAtPrompt.expectedRows(text)
        #expect(rows.count >= 3)

        // A container created through a second shell: the job prints its create event above.
        let created = try SockshellProcess.run([
            "-H", TestDaemon.host ?? "", "-c",
            "POST /containers/create?name=\(name) "
                + #"{"Image":"busybox","Cmd":["true"],"Labels":{"\#(TestDaemon.label)":"\#(value)"}}"#,
        ])
        #expect(created.status == 0, "\(created.stderr)")
        let screen = try shell.tmux.waitForScreen("the event above the line, the line below it") { screen in
            let used = Array(screen.reversed().drop { $0.isEmpty }.reversed()).map(Shell.trimmed)
            return screen.contains { $0.contains("(chunk ") } && used.suffix(rows.count).elementsEqual(rows)
        }
        let used = Array(screen.reversed().drop { $0.isEmpty }.reversed())
        // The typed line shows once, at the bottom, whole; nothing of it is left in the output above.
        let lineStart = used.count - rows.count
        #expect(!used[..<lineStart].contains { $0.contains("안녕") || $0.contains("소켓") }, "\(used)")
        let moved = shell.prompting(at: lineStart)
        expectCursor(moved, before: text, "after the background output")
        // And it still edits where it shows: Backspace takes the last syllable.
        try shell.tmux.press("BSpace")
        expectCursor(moved, before: text.dropLast(), "after Backspace")
    }
}
