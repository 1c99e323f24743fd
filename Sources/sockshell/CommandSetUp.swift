import ArgumentParser
import SockshellCore
import SockshellIO

/// What `sockshell` and `sockshell replay` both do first: the endpoint as the docker CLI finds it
/// (a bad one, or an unknown context, is a usage error, exit 2) and the view options for this terminal.
enum CommandSetUp {
    static func endpoint(
        context: String? = nil, host: String?, unixSocket: String?, tls: TLSFlags = TLSFlags(),
        environment: [String: String], streams: StandardStreams
    ) throws -> ResolvedEndpoint {
        do {
            let resolved = try EndpointResolution.resolve(
                contextFlag: context, hostFlag: host, unixSocketFlag: unixSocket, environment: environment,
                store: DockerContextFiles.store(environment: environment), tls: DockerContextFiles.tlsInputs(tls))
            for warning in resolved.warnings { streams.diagnostic(warning) }
            return resolved
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
