/// A daemon reached through ssh, as the docker CLI reaches `ssh://[user@]host[:port][/socket]`: sockshell
/// runs `ssh … -- HOST docker system dial-stdio` and speaks HTTP over its stdin and stdout, so
/// `~/.ssh/config`, the agent and known_hosts all apply as they do for `ssh HOST`.
public struct SSHEndpoint: Sendable, Equatable {
    public var user: String?
    public var host: String
    public var port: Int?
    /// The daemon's socket on the remote host, when the URL names one (docker CLI 23 and later).
    public var socketPath: String?

    public init(user: String? = nil, host: String, port: Int? = nil, socketPath: String? = nil) {
        self.user = user
        self.host = host
        self.port = port
        self.socketPath = socketPath
    }

    /// The program run, found on PATH as the docker CLI finds it.
    public static let program = "ssh"
    /// The docker CLI's `addSSHTimeout`: ssh's own default waits for the kernel's (minutes).
    public static let connectTimeoutOption = "ConnectTimeout=30"

    /// `ssh`'s arguments, exactly as docker CLI 28 builds them (docker/cli connhelper): a timeout, no
    /// pseudo-terminal (`-T`, so no login shell's noise joins the stream), then the remote command.
    public var arguments: [String] {
        var arguments = ["-o", Self.connectTimeoutOption, "-T"]
        if let user { arguments += ["-l", user] }
        if let port { arguments += ["-p", String(port)] }
        arguments += ["--", host, "docker"]
        // One word, quoted for the remote shell, which reads the command ssh joins with spaces
        // (docker/cli quotes it so too): a path with a space or a `;` stays a path.
        if let socketPath { arguments.append(ShellWord.quote(Array(("--host=unix://" + socketPath).utf8))) }
        return arguments + ["system", "dial-stdio"]
    }

    /// The command line as a user would type it, for the view's line under a new connection.
    public var commandLine: String {
        ([Self.program] + arguments).map { ShellWord.quote(Array($0.utf8)) }.joined(separator: " ")
    }

    /// The URL form, `ssh://me@host:2222/run/docker.sock`.
    public var url: String {
        "ssh://" + (user.map { $0 + "@" } ?? "") + (host.contains(":") ? "[\(host)]" : host)
            + (port.map { ":\($0)" } ?? "") + (socketPath ?? "")
    }

    /// Parses what follows `ssh://`, with the docker CLI's rules (connhelper/ssh `newSpec`).
    public init(parsingAfterScheme rest: String, original: String) throws(EndpointError) {
        var authority = Substring(rest)
        var path = ""
        if let slash = authority.firstIndex(of: "/") {
            path = String(decoding: PercentEncoding.decode(authority[slash...].utf8), as: UTF8.self)
            authority = authority[..<slash]
        }
        if path.contains("?") || path.contains("#") || authority.contains("?") || authority.contains("#") {
            throw EndpointError(
                description:
                    """
                    '\(original)' has a query or fragment, which ssh:// URLs cannot have: write \
                    ssh://[user@]host[:port][/path/to/docker.sock]
                    """
            )
        }
        var user: String?
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            if userInfo.contains(":") {
                throw EndpointError(
                    description:
                        """
                        '\(original)' carries a password, and plain-text passwords are not supported: drop it and \
                        let ssh authenticate with a key or the agent (ssh-add)
                        """
                )
            }
            // Percent-decoded, as Go's url.Parse gives it to the CLI: `me%40corp` is the user `me@corp`.
            user = userInfo.isEmpty ? nil : String(decoding: PercentEncoding.decode(userInfo.utf8), as: UTF8.self)
            authority = authority[authority.index(after: at)...]
        }
        var host = authority
        var port: Int?
        if let colon = authority.lastIndex(of: ":"), !authority.hasPrefix("[") || authority[..<colon].hasSuffix("]") {
            host = authority[..<colon]
            let portText = authority[authority.index(after: colon)...]
            // `ssh://host:` names no port, as Go's url.Parse reads it.
            if !portText.isEmpty {
                guard let value = Int(portText), (1...65535).contains(value) else {
                    throw EndpointError(
                        description: "'\(original)' has a bad port '\(portText)': a port is a number from 1 to 65535")
                }
                port = value
            }
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty else {
            throw EndpointError(description: "'\(original)' names no host: write ssh://[user@]host[:port]")
        }
        self.init(
            user: user, host: String(host), port: port,
            // A path of only slashes names no socket (docker CLI master; 28.2 sent unix:/// for it).
            socketPath: path.allSatisfy { $0 == "/" } ? nil : path)
    }
}
