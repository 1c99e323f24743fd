/// TCP with TLS to a daemon, as the docker CLI speaks it: `tcp://` with `--tlsverify` (or
/// DOCKER_TLS_VERIFY, a context's TLS material), and sockshell's `https://`.
public struct TLSEndpoint: Sendable, Equatable {
    /// Docker's TLS port by convention (docker/cli opts/hosts.go `defaultTLSHTTPPort`).
    public static let defaultPort = 2376

    public var host: String
    public var port: Int
    /// The CA the daemon's certificate must chain to; nil: the system's CAs (a context without
    /// ca.pem, whose Go config leaves RootCAs to the system).
    public var caFile: String?
    /// The client certificate and its key, sent when the daemon asks; both or neither.
    public var certFile: String?
    public var keyFile: String?
    /// False only when the user said so: `--tls` without `--tlsverify`, `--tlsverify=false`, SkipTLSVerify.
    public var verifies: Bool

    public init(
        host: String, port: Int = defaultPort, caFile: String? = nil, certFile: String? = nil,
        keyFile: String? = nil, verifies: Bool = true
    ) {
        self.host = host
        self.port = port
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
        self.verifies = verifies
    }

    /// `tcp:127.0.0.1:2376 (tls)`, or `(tls, verification skipped)`: the wire view's and the startup line's.
    public var display: String {
        "tcp:\(host):\(port) (\(verifies ? "tls" : "tls, verification skipped"))"
    }

    /// The URL the docker CLI takes for it (with --tlsverify): `tcp://127.0.0.1:2376`.
    public var url: String { "tcp://\(host):\(port)" }

    /// How the daemon's certificate was checked, for the `* tls` line.
    public var verification: String {
        guard verifies else { return "verification skipped" }
        return "verified by \(caFile ?? "the system's CAs")"
    }

    /// The variables that make the docker CLI (a `!docker …` line) speak the same TLS: DOCKER_TLS_VERIFY
    /// or DOCKER_TLS, and DOCKER_CERT_PATH when the files are the CLI's ca.pem, cert.pem and key.pem in
    /// one folder; nil for that folder when they are not (the CLI then reads ~/.docker's, as it would).
    public var dockerEnvironment: [String: String] {
        var environment =
            verifies ? ["DOCKER_TLS_VERIFY": "1", "DOCKER_TLS": ""] : ["DOCKER_TLS_VERIFY": "", "DOCKER_TLS": "1"]
        func split(_ path: String) -> (folder: String, name: String)? {
            guard let slash = path.lastIndex(of: "/") else { return nil }
            return (String(path[..<slash]), String(path[path.index(after: slash)...]))
        }
        let files = [(caFile, "ca.pem"), (certFile, "cert.pem"), (keyFile, "key.pem")].compactMap { file, name in
            file.map { (split($0), name) }
        }
        let folders = Set(files.compactMap { $0.0?.folder })
        if let folder = folders.first, folders.count == 1, caFile != nil,
            files.allSatisfy({ $0.0?.name == $0.1 })
        {
            environment["DOCKER_CERT_PATH"] = folder
        }
        return environment
    }

    /// True for an IPv4 or IPv6 literal, which is never sent as SNI (RFC 6066 §3) and is matched
    /// against the certificate's IP addresses instead of its DNS names.
    public var hostIsIPLiteral: Bool {
        if host.contains(":") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in !part.isEmpty && part.count <= 3 && UInt8(part) != nil }
    }
}
