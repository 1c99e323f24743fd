/// Where requests go: a unix domain socket path, a TCP host and port (plain or with TLS), or a host
/// reached over ssh.
public enum Endpoint: Sendable, Equatable {
    case unix(path: String)
    case tcp(host: String, port: Int)
    /// `tcp://` with the docker CLI's --tls/--tlsverify or a context's TLS material, or `https://`.
    case tls(TLSEndpoint)
    case ssh(SSHEndpoint)

    /// The Docker CLI's, docker-py's and Terraform's docker provider's default.
    public static let dockerDefaultSocketPath = "/var/run/docker.sock"
    public static let dockerDefault = Endpoint.unix(path: dockerDefaultSocketPath)
    /// Plain-text Docker over TCP listens on 2375 by convention (docker/cli opts/hosts.go `defaultHTTPPort`).
    public static let defaultTCPPort = 2375

    /// How the endpoint is shown in the wire view, e.g. `unix:/var/run/docker.sock`, `tcp:127.0.0.1:2375`.
    public var display: String {
        switch self {
        case .unix(let path): return "unix:\(path)"
        case .tcp(let host, let port): return "tcp:\(host):\(port)"
        case .tls(let tls): return tls.display
        case .ssh(let remote): return remote.url
        }
    }

    /// The URL form users type, e.g. `unix:///var/run/docker.sock`.
    public var url: String {
        switch self {
        case .unix(let path): return "unix://\(path)"
        case .tcp(let host, let port): return "tcp://\(host):\(port)"
        case .tls(let tls): return tls.url
        case .ssh(let remote): return remote.url
        }
    }
}

/// A user-typed endpoint that could not be understood.
public struct EndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}

extension Endpoint {
    /// Parses `unix:///path`, `unix://` (the default path), a bare `/path`, `tcp://host[:port]`,
    /// `https://host[:port]` (TLS, verified).
    public init(parsing text: String) throws(EndpointError) {
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty {
            throw EndpointError(
                description:
                    """
                    the endpoint is empty: give a socket path like /var/run/docker.sock or a URL like \
                    unix:///var/run/docker.sock or tcp://127.0.0.1:2375
                    """
            )
        }
        if trimmed.hasPrefix("/") {
            self = .unix(path: trimmed)
            return
        }
        guard let schemeEnd = trimmed.firstRange(of: "://") else {
            throw EndpointError(
                description:
                    """
                    '\(trimmed)' is not an endpoint: use a socket path (/var/run/docker.sock), unix:///path or \
                    tcp://host:port
                    """
            )
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        let rest = String(trimmed[schemeEnd.upperBound...])
        switch scheme {
        case "unix":
            if rest.isEmpty {
                self = .dockerDefault
            } else if rest.hasPrefix("/") {
                self = .unix(path: rest)
            } else {
                throw EndpointError(
                    description:
                        """
                        '\(trimmed)' has a relative socket path: unix:// URLs need an absolute path, as in \
                        unix:///var/run/docker.sock (three slashes)
                        """
                )
            }
        case "tcp", "http":
            let address = try Endpoint.parseTCP(rest, original: trimmed)
            self = .tcp(host: address.host, port: address.port)
        case "https":
            // Not the docker CLI's (it rejects https://): TCP with TLS, verified, on Docker's TLS port by default.
            let address = try Endpoint.parseTCP(rest, original: trimmed, defaultPort: TLSEndpoint.defaultPort)
            self = .tls(TLSEndpoint(host: address.host, port: address.port))
        case "ssh":
            self = .ssh(try SSHEndpoint(parsingAfterScheme: rest, original: trimmed))
        case "npipe":
            throw EndpointError(
                description:
                    """
                    npipe:// is a Windows named pipe, which sockshell cannot open here: use a unix socket path or \
                    tcp://host:port
                    """
            )
        default:
            throw EndpointError(
                description: "unknown endpoint scheme '\(scheme)://': use unix:///path/to.sock or tcp://host:port")
        }
    }

    private static func parseTCP(_ rest: String, original: String, defaultPort: Int = defaultTCPPort)
        throws(EndpointError) -> (host: String, port: Int)
    {
        var authority = Substring(rest)
        if let slash = authority.firstIndex(of: "/") {
            authority = authority[..<slash]
        }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            // Bracketed IPv6 literal, as in tcp://[::1]:2375.
            guard let close = authority.firstIndex(of: "]") else {
                throw EndpointError(description: "'\(original)' has an unclosed IPv6 bracket: write tcp://[::1]:2375")
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw EndpointError(description: "'\(original)' is not host:port: write tcp://[::1]:2375")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        if host.isEmpty {
            throw EndpointError(description: "'\(original)' names no host: write tcp://127.0.0.1:2375")
        }
        var port = defaultPort
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw EndpointError(
                    description: "'\(original)' has a bad port '\(portText)': a port is a number from 1 to 65535")
            }
            port = value
        }
        return (String(host), port)
    }
}
