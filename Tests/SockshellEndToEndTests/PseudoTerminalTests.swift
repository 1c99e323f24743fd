import Foundation
import Testing

@testable import TestSupport

/// The pseudo-terminal harness itself, driving standard programs (sh, cat, sleep, stty) as a person
/// at a terminal would, before it drives sockshell.
struct PseudoTerminalTests {
    /// An interactive dash/sh with a prompt that cannot be confused with typed text, and no rc file.
    private func shell(rows: UInt16 = 24, cols: UInt16 = 80) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(
            executable: "/bin/sh", arguments: ["-i"],
            environment: ["PS1": "pty$ ", "ENV": "", "HISTFILE": "/dev/null"],
            rows: rows, cols: cols)
        try terminal.waitFor("pty$ ")
        return terminal
    }

    @Test func typingACommandShowsItsOutput() throws {
        let terminal = try shell()
        defer { terminal.close() }
        try terminal.sendLine("echo hello")
        // The echo of the typed line is "echo hello"; only the command's output starts a line.
        let seen = try terminal.waitFor("\nhello\n")
        #expect(seen.contains("echo hello\n"))
        try terminal.waitFor("pty$ ")
        try terminal.sendLine("echo $((6 * 7))")
        try terminal.waitFor("\n42\n")
        try terminal.sendLine("exit 3")
        #expect(terminal.waitForExit() == 3)
    }

    @Test func ctrlCEndsTheForegroundCommandAndTheShellPromptsAgain() throws {
        let terminal = try shell()
        defer { terminal.close() }
        try terminal.sendLine("sleep 100")
        // With job control the shell puts `sleep` in its own foreground group: wait until it runs,
        // so Ctrl-C reaches sleep rather than the shell still reading the line.
        #expect(eventually(timeout: 5) { terminal.foregroundProcessGroup().map { $0 != terminal.pid } ?? false })
        let started = Date()
        try terminal.press(.ctrlC)
        try terminal.waitFor("pty$ ", timeout: 10)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(terminal.foregroundProcessGroup() == terminal.pid)
        try terminal.sendLine("echo after $((1 + 1))")
        try terminal.waitFor("after 2\n")
    }

    @Test func ctrlDAtTheStartOfALineEndsCat() throws {
        let terminal = try PseudoTerminal(executable: "cat")
        defer { terminal.close() }
        try terminal.sendLine("abc")
        // Once echoed by the terminal, once written back by cat.
        try terminal.waitFor("abc\nabc\n")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
        #expect(terminal.screenText == "abc\nabc\n")
    }

    @Test func lineEditingKeysOfTheKernelWork() throws {
        let terminal = try PseudoTerminal(executable: "cat")
        defer { terminal.close() }
        try terminal.send("abx")
        try terminal.press(.backspace)
        try terminal.send("c")
        try terminal.press(.enter)
        try terminal.waitFor("\nabc\n")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    @Test func catRunsInCookedMode() throws {
        let terminal = try PseudoTerminal(executable: "cat")
        defer { terminal.close() }
        #expect(terminal.initialModes.isCooked, "\(terminal.initialModes)")
        let modes = try terminal.terminalModes()
        #expect(modes.isCanonical && modes.echoes && modes.generatesSignals, "\(modes)")
        #expect(modes == terminal.initialModes)
    }

    @Test func modesSetByTheProgramAreSeenWhileItRuns() throws {
        let terminal = try PseudoTerminal(
            executable: "/bin/sh", arguments: ["-c", "stty -icanon -echo; echo raw-now; sleep 100"])
        defer { terminal.close() }
        try terminal.waitFor("raw-now")
        let modes = try terminal.terminalModes()
        #expect(!modes.isCanonical, "\(modes)")
        #expect(!modes.echoes, "\(modes)")
        #expect(modes.generatesSignals, "\(modes)")
    }

    @Test func modesStayReadableAfterExitSoAnUnrestoredTerminalIsCaught() throws {
        let careless = try PseudoTerminal(executable: "/bin/sh", arguments: ["-c", "stty -icanon -echo"])
        defer { careless.close() }
        #expect(careless.waitForExit() == 0)
        let left = try careless.terminalModes()
        #expect(!left.isCanonical && !left.echoes, "\(left)")
        #expect(left != careless.initialModes)

        let careful = try PseudoTerminal(
            executable: "/bin/sh", arguments: ["-c", #"saved=$(stty -g); stty raw -echo; printf raw; stty "$saved""#])
        defer { careful.close() }
        #expect(careful.waitForExit() == 0)
        #expect(careful.screenText == "raw")
        let restored = try careful.terminalModes()
        #expect(restored.isCooked, "\(restored)")
        #expect(restored == careful.initialModes)
    }

    @Test func resizingIsSeenByTheProgram() throws {
        let terminal = try shell(rows: 24, cols: 80)
        defer { terminal.close() }
        try terminal.sendLine("stty size")
        try terminal.waitFor("\n24 80\n")
        try terminal.waitFor("pty$ ")
        try terminal.resize(rows: 40, cols: 100)
        try terminal.sendLine("stty size")
        try terminal.waitFor("\n40 100\n")
    }

    @Test func resizingSendsSIGWINCH() throws {
        let script = #"trap 'echo "winch $(stty size)"' WINCH; echo ready; while :; do sleep 0.05; done"#
        let terminal = try PseudoTerminal(executable: "/bin/sh", arguments: ["-c", script])
        defer { terminal.close() }
        try terminal.waitFor("ready\n")
        try terminal.resize(rows: 30, cols: 120)
        try terminal.waitFor("winch 30 120\n")
    }

    @Test func environmentDirectoryAndTERM() throws {
        let folder = FileManager.default.temporaryDirectory.path
        let terminal = try PseudoTerminal(
            executable: "/bin/sh", arguments: ["-c", #"echo "term=$TERM extra=$EXTRA"; pwd"#],
            environment: ["EXTRA": "yes"], currentDirectory: folder)
        defer { terminal.close() }
        try terminal.waitFor("term=xterm-256color extra=yes\n")
        let realFolder = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        try terminal.waitFor(realFolder + "\n")
        #expect(terminal.waitForExit() == 0)

        let dumb = try PseudoTerminal(
            executable: "/bin/sh", arguments: ["-c", #"echo "term=$TERM""#], environment: ["TERM": "dumb"])
        defer { dumb.close() }
        try dumb.waitFor("term=dumb\n")
    }

    @Test func escapeSequencesAreStrippedForMatchingButKeptInTheRawOutput() throws {
        let terminal = try PseudoTerminal(
            executable: "printf", arguments: [#"\033[1;31mred\033[0m \033]0;title\007plain\033(B\n"#])
        defer { terminal.close() }
        try terminal.waitFor("red plain\n")
        #expect(terminal.waitForExit() == 0)
        #expect(terminal.screenText == "red plain\n")
        #expect(terminal.output == "\u{1B}[1;31mred\u{1B}[0m \u{1B}]0;title\u{07}plain\u{1B}(B\r\n")
    }

    @Test func successiveWaitsFindSuccessiveOccurrences() throws {
        let terminal = try PseudoTerminal(
            executable: "/bin/sh", arguments: ["-c", "echo one; echo mark; echo two; echo mark"])
        defer { terminal.close() }
        #expect(try terminal.waitFor("mark") == "one\nmark")
        #expect(try terminal.waitFor("mark") == "\ntwo\nmark")
        #expect(terminal.waitForExit() == 0)
        #expect(terminal.textSinceMark == "\n")
        terminal.mark()
        #expect(terminal.textSinceMark == "")
    }

    /// 60 KB typed at once: writes wait for the program to read (the kernel's input queue holds
    /// 4 KB), and nothing typed is lost. The kernel's echo is off because under such a paste it is
    /// not reliable (n_tty's echo buffer overwrites what the master side has not read yet).
    @Test func aLongPasteIsTakenWithFlowControl() throws {
        let terminal = try PseudoTerminal(executable: "/bin/sh", arguments: ["-c", "stty -echo; echo ready; exec cat"])
        defer { terminal.close() }
        try terminal.waitFor("ready\n")
        let lines = (0..<800).map { "line \($0) " + String(repeating: "x", count: 70) }
        try terminal.send(lines.joined(separator: "\r") + "\r", timeout: 20)
        try terminal.waitFor(lines[799] + "\n", timeout: 20)
        #expect(terminal.textSinceMark.isEmpty)
        #expect(terminal.screenText == "ready\n" + lines.joined(separator: "\n") + "\n")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    // MARK: Nothing hangs

    @Test func waitingForTextThatNeverComesTimesOut() throws {
        let terminal = try PseudoTerminal(executable: "cat")
        defer { terminal.close() }
        let started = Date()
        #expect(throws: PseudoTerminalError.self) { try terminal.waitFor("never", timeout: 0.3) }
        #expect(Date().timeIntervalSince(started) < 3)
    }

    @Test func waitingForTextAfterTheProgramEndedFailsAtOnce() throws {
        let terminal = try PseudoTerminal(executable: "/bin/sh", arguments: ["-c", "echo bye"])
        defer { terminal.close() }
        let started = Date()
        do {
            try terminal.waitFor("never", timeout: 30)
            Issue.record("matched text that was never written")
        } catch let error as PseudoTerminalError {
            guard case .endOfOutput(_, let seen) = error else { throw error }
            #expect(seen == "bye\n")
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func waitForExitTimesOutAndKills() throws {
        let terminal = try PseudoTerminal(executable: "sleep", arguments: ["100"])
        defer { terminal.close() }
        #expect(terminal.waitForExit(timeout: 0.3) == nil)
        #expect(terminal.exitCode == 128 + SIGKILL)
        #expect(kill(terminal.pid, 0) != 0)
    }

    @Test func closeKillsARunningProgram() throws {
        let terminal = try PseudoTerminal(executable: "sleep", arguments: ["100"])
        let pid = terminal.pid
        terminal.close()
        #expect(terminal.exitCode == 128 + SIGKILL)
        #expect(kill(pid, 0) != 0)
        #expect(throws: PseudoTerminalError.self) { try terminal.send("x") }
        terminal.close()
    }

    @Test func releasingTheTerminalKillsTheProgram() throws {
        var pid: pid_t = 0
        do {
            let terminal = try PseudoTerminal(executable: "sleep", arguments: ["100"])
            pid = terminal.pid
        }
        #expect(pid > 0)
        #expect(kill(pid, 0) != 0)
    }

    @Test func aMarkNeverSplitsAnEscapeSequence() {
        let complete = Array("ab\u{1B}[1;31mc".utf8)
        #expect(TerminalText.markOffset(atEndOf: complete) == complete.count)
        let cutOff = Array("ab\u{1B}[1;3".utf8)
        #expect(TerminalText.markOffset(atEndOf: cutOff) == 2)
        let cutTitle = Array("ab\u{1B}]0;tit".utf8)
        #expect(TerminalText.markOffset(atEndOf: cutTitle) == 2)
        let endedTitle = Array("ab\u{1B}]0;title\u{1B}\\".utf8)
        #expect(TerminalText.markOffset(atEndOf: endedTitle) == endedTitle.count)
        #expect(TerminalText.markOffset(atEndOf: Array("ab\u{1B}".utf8)) == 2)
    }

    @Test func aProgramThatCannotStartIsAnError() throws {
        #expect(throws: PseudoTerminalError.self) { try PseudoTerminal(executable: "/nonexistent/program") }
        #expect(throws: PseudoTerminalError.self) { try PseudoTerminal(executable: "no-such-program-anywhere") }
        #expect(throws: PseudoTerminalError.self) {
            try PseudoTerminal(executable: "/bin/true", currentDirectory: "/nonexistent/folder")
        }
    }

    // MARK: Signals from test threads

    /// Swift Testing's worker threads block signals, and a forked child inherits the mask: the
    /// harness must hand the program an empty mask and default dispositions, or Ctrl-C is lost.
    @Test func theProgramStartsWithNoSignalsBlockedOrIgnoredEvenFromABlockingThread() throws {
        let terminal = try spawnOnThreadBlockingAllSignals {
            try PseudoTerminal(executable: "grep", arguments: ["-E", "^Sig(Blk|Ign):", "/proc/self/status"])
        }
        defer { terminal.close() }
        #expect(terminal.waitForExit() == 0)
        #expect(terminal.screenText == "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n")
    }

    @Test func ctrlCKillsAProgramStartedFromABlockingThread() throws {
        let terminal = try spawnOnThreadBlockingAllSignals {
            try PseudoTerminal(executable: "sleep", arguments: ["100"])
        }
        defer { terminal.close() }
        try terminal.press(.ctrlC)
        #expect(terminal.waitForExit(timeout: 10) == 128 + SIGINT)
    }

    /// Several terminals at once from Swift Testing's parallel workers, each interrupted by Ctrl-C.
    @Test(arguments: 0..<6)
    func ctrlCReachesProgramsStartedInParallel(index: Int) throws {
        let terminal = try PseudoTerminal(
            executable: "/bin/sh", arguments: ["-c", "echo started \(index); exec sleep 100"])
        defer { terminal.close() }
        try terminal.waitFor("started \(index)\n")
        try terminal.press(.ctrlC)
        #expect(terminal.waitForExit(timeout: 10) == 128 + SIGINT)
    }

    private func spawnOnThreadBlockingAllSignals(
        _ spawn: @escaping @Sendable () throws -> PseudoTerminal
    ) throws -> PseudoTerminal {
        let box = SpawnResult()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            var everything = sigset_t()
            sigfillset(&everything)
            pthread_sigmask(SIG_SETMASK, &everything, nil)
            box.result = Result { try spawn() }
            done.signal()
        }
        thread.start()
        guard done.wait(timeout: .now() + 30) == .success, let result = box.result else {
            throw PseudoTerminalError.closed
        }
        return try result.get()
    }
}

/// Carries the spawned terminal from the blocking thread.
private final class SpawnResult: @unchecked Sendable {
    // Written by the spawning thread before it signals the semaphore, read after the wait.
    var result: Result<PseudoTerminal, any Error>?
}
