// sockshell, the executable: flags (ArgumentParser), the libedit line editor, the REPL and the
// script loop, stdout and stderr. It imports SockshellIO and SockshellCore and decides nothing
// about bytes; SockshellIO.swift draws the modules and follows a request from line to view.
import ArgumentParser
import SockshellIO

// First of all: a crash or Ctrl-\ must never leave the terminal to Swift's interactive backtracer.
TerminalSignals.keepTerminalFromCrashReporter(environment: ProcessEnvironment.current())

// Usage errors exit 2 (ArgumentParser's default is 64), as the README documents.
// `sockshell replay FILE` and `sockshell serve FILE` are commands of their own; anything else is
// the shell (a script named `replay` runs as ./replay).
let arguments = Array(CommandLine.arguments.dropFirst())
let subcommand: any ParsableCommand.Type =
    switch arguments.first {
    case "replay": ReplayCommand.self
    case "serve": ServeCommand.self
    case "tap": TapCommand.self
    default: SockshellCommand.self
    }
do {
    var command =
        try subcommand == SockshellCommand.self
        ? subcommand.parseAsRoot(arguments) : subcommand.parseAsRoot(Array(arguments.dropFirst()))
    try command.run()
} catch {
    let code = subcommand.exitCode(for: error)
    let message = subcommand.fullMessage(for: error)
    if code == .success {
        if !message.isEmpty { print(message) }
        exit(0)
    }
    if error is ExitCode {
        exit(code.rawValue)
    }
    if !message.isEmpty {
        StandardStreams().diagnostic(message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message)
    }
    exit(ScriptRunner.Status.syntax.rawValue)
}
