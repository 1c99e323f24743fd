import Foundation

/// A program running in a tmux session of a fixed size, for tests that check the screen as a
/// terminal emulator draws it: tmux's own idea of the cursor (`display -p`) and of each row
/// (`capture-pane -p`). The server has its own socket in a fresh temporary directory and no
/// configuration file, and is killed when the session is closed.
public final class TmuxSession: @unchecked Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case noTmux
        case command([String], String)
        case timedOut(String, screen: [String])

        public var description: String {
            switch self {
            case .noTmux: "tmux is not installed: scripts/install-deps installs it"
            case .command(let arguments, let errors): "tmux \(arguments.joined(separator: " ")) failed: \(errors)"
            case .timedOut(let what, let screen):
                "timed out waiting for \(what); the screen:\n" + screen.joined(separator: "\n")
            }
        }
    }

    public let columns: Int
    public let rows: Int
    private let directory: String
    private let socket: String
    private let tmux: String
    /// The tmux session's name (one window, one pane).
    private static let target = "wide"

    /// tmux on PATH, or nil.
    public static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/tmux" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Starts `command` (run by tmux through sh) in a session `columns` by `rows`.
    public init(columns: Int, rows: Int, command: String) throws {
        guard let tmux = Self.executable else { throw Failure.noTmux }
        self.tmux = tmux
        self.columns = columns
        self.rows = rows
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "sockshell-tmux-\(UUID().uuidString.prefix(8))"
            ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        socket = directory + "/tmux.sock"
        // The server this forks outlives the command and keeps every descriptor it was given:
        // the pipes of this BackgroundProcess (whose end would never come) and any another test's
        // Process had open as it spawned (Foundation's pipes are not close-on-exec). bash closes
        // them all and gives the server /dev/null and a file instead.
        let errors = directory + "/new-session.err"
        let start = ["new-session", "-d", "-s", Self.target, "-x", "\(columns)", "-y", "\(rows)", command]
        let line = ([tmux] + Self.options(socket) + start).map(Self.quoted).joined(separator: " ")
        let closeInherited = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done"#
        let script = "\(closeInherited); exec \(line) </dev/null >/dev/null 2>\(Self.quoted(errors))"
        let shell = try BackgroundProcess("/bin/bash", ["-c", script], environment: ["LANG": "C.UTF-8"])
        guard shell.waitForExit(timeout: 10) == .exited(0) else {
            shell.stop()
            throw Failure.command(start, (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
        }
    }

    /// -u: tmux takes the terminal as UTF-8 whatever the locale; -f /dev/null: no user config.
    private static func options(_ socket: String) -> [String] { ["-u", "-S", socket, "-f", "/dev/null"] }

    /// `word` quoted for sh.
    public static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    deinit { close() }

    /// Kills the server (and the program in it) and removes the directory.
    public func close() {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A directory of the session's own for the test's files.
    public var scratch: String { directory }

    /// Runs a tmux command against this server and returns what it printed.
    @discardableResult
    public func run(_ arguments: [String]) throws -> String {
        let process = try BackgroundProcess(tmux, Self.options(socket) + arguments, environment: ["LANG": "C.UTF-8"])
        guard let ended = process.waitForExit(timeout: 10), ended.status == 0, !ended.signaled else {
            process.stop()
            throw Failure.command(arguments, process.text(.stderr))
        }
        return process.text()
    }

    /// Types `text` as it is (no key names).
    public func type(_ text: String) throws { try run(["send-keys", "-t", Self.target, "-l", text]) }

    /// Presses keys by tmux's names: `Left`, `BSpace`, `Enter`, `C-e`.
    public func press(_ key: String, times: Int = 1) throws {
        try run(["send-keys", "-t", Self.target] + Array(repeating: key, count: times))
    }

    /// The rows of the pane as tmux holds them, trailing spaces dropped. `joined`: rows the
    /// terminal wrapped are joined into the line that was written.
    public func screen(joined: Bool = false) throws -> [String] {
        let text = try run(["capture-pane", "-p", "-t", Self.target] + (joined ? ["-J"] : []))
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Where tmux has the cursor: column and row from 0.
    public func cursor() throws -> (column: Int, row: Int) {
        let fields = try run(["display-message", "-p", "-t", Self.target, "#{cursor_x} #{cursor_y}"])
            .split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard fields.count == 2 else { throw Failure.command(["display-message"], "no cursor in \(fields)") }
        return (fields[0], fields[1])
    }

    /// Looks at the screen until `condition` holds (tmux announces no screen change, so this
    /// polls), for at most `timeout` seconds; throws with the last screen when it never does.
    @discardableResult
    public func waitForScreen(
        _ what: String, timeout: Double = 15, joined: Bool = false, until condition: ([String]) -> Bool
    ) throws -> [String] {
        var last: [String] = []
        let held = eventually(timeout: timeout) {
            last = (try? screen(joined: joined)) ?? []
            return condition(last)
        }
        guard held else { throw Failure.timedOut(what, screen: last) }
        return last
    }

    /// Waits until tmux has the cursor at `position` (libedit draws after the keys arrive);
    /// returns where it is when the time is up, for the test to report.
    public func waitForCursor(at position: (column: Int, row: Int), timeout: Double = 10) -> (column: Int, row: Int) {
        var last = (column: -1, row: -1)
        _ = eventually(timeout: timeout) {
            last = (try? cursor()) ?? last
            return last == position
        }
        return last
    }
}
