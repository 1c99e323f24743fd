import ArgumentParser
import SockshellCore
import SockshellIO

/// What `sockshell` and `sockshell replay` both do first: the endpoint from the flags (a bad one
/// is a usage error, exit 2) and the view options for this terminal.
enum CommandSetUp {
    static func endpoint(host: String?, unixSocket: String?, environment: [String: String], streams: StandardStreams)
        throws -> Endpoint
    {
        do {
            return try EndpointResolution.resolve(hostFlag: host, unixSocketFlag: unixSocket, environment: environment)
                .endpoint
        } catch {
            streams.diagnostic(error.description)
            throw ExitCode(ScriptRunner.Status.syntax.rawValue)
        }
    }

    static func renderOptions(view: ViewMode, color: ColorChoice, ascii: Bool, environment: [String: String])
        -> RenderOptions
    {
        let terminal = Terminal.isTerminal(1)
        return RenderOptions(
            view: view, color: color.enabled(environment: environment, isTerminal: terminal), ascii: ascii,
            terminal: terminal)
    }
}
