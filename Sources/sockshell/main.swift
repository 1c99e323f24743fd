import ArgumentParser
import SockshellIO

#if canImport(Glibc)
import Glibc
#endif

// Usage errors exit 2 (ArgumentParser's default is 64), as the README documents.
do {
    var command = try SockshellCommand.parseAsRoot()
    try command.run()
} catch {
    let code = SockshellCommand.exitCode(for: error)
    let message = SockshellCommand.fullMessage(for: error)
    if code == .success {
        if !message.isEmpty { print(message) }
        exit(0)
    }
    if error is ExitCode {
        exit(code.rawValue)
    }
    if !message.isEmpty { StandardStreams().diagnostic(message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message) }
    exit(ScriptRunner.Status.syntax.rawValue)
}
