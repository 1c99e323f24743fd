/// What one command led to, for whoever runs it (the script runner, the REPL, `--lesson`). A
/// failure is a value, not a line already printed: its runner says it, so a script's failure
/// always carries the script's `file:line`.
public enum CommandResult: Equatable, Sendable {
    case proceed
    /// The command failed at run time (connection, missing file): exit status 1. The sentence
    /// says what went wrong and how to fix it.
    case failed(String)
    /// The command ended early and has nothing more to say: Ctrl-C, or a failure already
    /// reported as it happened (a replay's own summary). Exit status 1.
    case stopped
    /// The user asked to leave.
    case exit
    /// An `expect` did not hold: what was expected and what was found, in one sentence.
    case expectationFailed(String)
}

/// A command's failure thrown inside the session and returned as `CommandResult.failed`.
struct CommandFailure: Error {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
