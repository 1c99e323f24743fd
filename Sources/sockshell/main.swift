// sockshell, the executable: flags (ArgumentParser), the libedit line editor, the REPL and the
// script loop, stdout and stderr. It imports SockshellIO and SockshellCore and decides nothing
// about bytes; SockshellIO.swift draws the modules and follows a request from line to view.
import ArgumentParser
import SockshellCore
import SockshellIO

// First of all: a crash or Ctrl-\ must never leave the terminal to Swift's interactive backtracer.
TerminalSignals.keepTerminalFromCrashReporter(environment: ProcessEnvironment.current())

// Usage errors exit 2 (ArgumentParser's default is 64), as the README documents.
// `sockshell replay FILE`, `serve FILE` and `tap` are commands of their own, also after global
// options (`sockshell -H URL replay FILE`, as `docker -H URL ps`); anything else is the shell (a
// script named `replay` runs as ./replay).
let subcommands: [String: any ParsableCommand.Type] = [
    "replay": ReplayCommand.self, "serve": ServeCommand.self, "tap": TapCommand.self,
]
// The docker CLI's `--tlsverify=false` (Go's spelling of a boolean flag) becomes `--no-tlsverify`.
let arguments: [String]
do {
    arguments = try BooleanFlagSpelling.rewrite(
        Array(CommandLine.arguments.dropFirst()), flags: TLSOptions.booleanFlags,
        optionsWithValue: SockshellCommand.optionsWithValue)
} catch {
    StandardStreams().diagnostic(error.description)
    exit(ScriptRunner.Status.syntax.rawValue)
}
let routed = SubcommandArguments.split(
    arguments, subcommands: Set(subcommands.keys), optionsWithValue: SockshellCommand.optionsWithValue)
let subcommand: any ParsableCommand.Type = routed.flatMap { subcommands[$0.name] } ?? SockshellCommand.self
do {
    var command = try subcommand.parseAsRoot(routed?.arguments ?? arguments)
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
