/// The docker CLI's TLS options as given on the command line; nil: not given.
public struct TLSFlags: Sendable, Equatable {
    /// `--tls` (`--tls=false` is false): TLS without verification.
    public var tls: Bool?
    /// `--tlsverify`, `--tlsverify=false`: given at all, it turns TLS on; its value says whether to verify.
    public var verify: Bool?
    /// `--tlscacert`, `--tlscert`, `--tlskey`.
    public var caFile: String?
    public var certFile: String?
    public var keyFile: String?

    public init(
        tls: Bool? = nil, verify: Bool? = nil, caFile: String? = nil, certFile: String? = nil, keyFile: String? = nil
    ) {
        self.tls = tls
        self.verify = verify
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
    }
}

/// What the docker CLI's default context makes its TLS from: the flags, the environment, and a
/// look at which of the files are there (passed in: the core does no file I/O).
public struct TLSInputs: Sendable {
    public var flags: TLSFlags
    public var fileExists: @Sendable (String) -> Bool

    public init(flags: TLSFlags = TLSFlags(), fileExists: @escaping @Sendable (String) -> Bool) {
        self.flags = flags
        self.fileExists = fileExists
    }

    /// No flags and no files: TLS only from the environment, and then a missing ca.pem is said.
    public static let none = TLSInputs(fileExists: { _ in false })
}

/// The default context's TLS, once the CLI's rules have run.
public struct TLSSettings: Sendable, Equatable {
    public var caFile: String
    public var certFile: String?
    public var keyFile: String?
    public var verifies: Bool
    /// What turned TLS on, for messages: `--tlsverify`, `--tls`, `DOCKER_TLS_VERIFY`, `DOCKER_TLS`, `https://`.
    public var source: String
}

/// TLS exactly as the docker CLI derives it (docker/cli cli/flags/options.go, cli/context/docker/load.go).
public enum TLSResolution {
    static let caFileName = "ca.pem"
    static let certFileName = "cert.pem"
    static let keyFileName = "key.pem"
    /// Where the CLI's `--tlsverify` alone goes when nothing names a host (opts/hosts.go `defaultTLSHost`).
    public static let defaultTLSEndpoint = Endpoint.tls(TLSEndpoint(host: "localhost"))

    /// The default context's TLS, nil when it is off. On iff `--tls`, `--tlsverify[=x]`, a non-empty
    /// DOCKER_TLS_VERIFY (even "0") or DOCKER_TLS, or an `https://` host; verified iff `--tlsverify`
    /// is true or DOCKER_TLS_VERIFY is non-empty (or `https://`, unless `--tlsverify=false`). The files
    /// come from the flags, else `$DOCKER_CERT_PATH`, else the config folder: ca.pem must be there
    /// (the CLI reads it whenever TLS is on), cert.pem and key.pem are dropped when absent.
    public static func settings(
        _ inputs: TLSInputs, environment: [String: String], https: Bool = false
    ) throws(EndpointError) -> TLSSettings? {
        let flags = inputs.flags
        let environmentVerifies = !(environment["DOCKER_TLS_VERIFY"] ?? "").isEmpty
        let environmentTLS = !(environment["DOCKER_TLS"] ?? "").isEmpty
        let verifies = flags.verify ?? (environmentVerifies || https)
        let source: String
        if flags.verify != nil {
            source = "--tlsverify"
        } else if flags.tls == true {
            source = "--tls"
        } else if environmentVerifies {
            source = "DOCKER_TLS_VERIFY"
        } else if https {
            source = "https://"
        } else if environmentTLS && flags.tls == nil {
            source = "DOCKER_TLS"
        } else {
            return nil
        }
        let folder = certificateFolder(environment)
        let caFile = try file(flags.caFile, named: caFileName, in: folder, role: "--tlscacert", source: source)
        guard let caFile, inputs.fileExists(caFile) else {
            throw EndpointError(description: missingCA(caFile ?? caFileName, given: flags.caFile != nil, source))
        }
        var certFile = try file(flags.certFile, named: certFileName, in: folder, role: "--tlscert", source: source)
        var keyFile = try file(flags.keyFile, named: keyFileName, in: folder, role: "--tlskey", source: source)
        // A default file that is not there is no client certificate, as in the CLI; a given one must be.
        if flags.certFile == nil, let path = certFile, !inputs.fileExists(path) { certFile = nil }
        if flags.keyFile == nil, let path = keyFile, !inputs.fileExists(path) { keyFile = nil }
        for (given, path, flag) in [(flags.certFile, certFile, "--tlscert"), (flags.keyFile, keyFile, "--tlskey")] {
            if given != nil, let path, !inputs.fileExists(path) {
                throw EndpointError(description: "\(flag) \(path) does not exist: check the path")
            }
        }
        try checkPair(certFile: certFile, keyFile: keyFile, folder: flags.certFile == nil ? folder : nil)
        return TLSSettings(caFile: caFile, certFile: certFile, keyFile: keyFile, verifies: verifies, source: source)
    }

    /// `endpoint` with the default context's TLS on it: TCP becomes TLS; a socket never speaks TLS
    /// (the CLI's `isSocket`), so a unix endpoint stays as it is.
    public static func applying(_ settings: TLSSettings?, to endpoint: Endpoint) -> Endpoint {
        guard let settings else { return endpoint }
        var tls: TLSEndpoint
        switch endpoint {
        case .unix, .ssh: return endpoint
        case .tcp(let host, let port): tls = TLSEndpoint(host: host, port: port)
        case .tls(let given): tls = given
        }
        tls.caFile = settings.caFile
        tls.certFile = settings.certFile
        tls.keyFile = settings.keyFile
        tls.verifies = settings.verifies
        return .tls(tls)
    }

    /// The default context's endpoint for `host` (nil: no -H and no DOCKER_HOST) with its TLS:
    /// with TLS on and no host, the CLI goes to tcp://localhost:2376, not the default socket.
    public static func defaultContextEndpoint(
        _ host: Endpoint?, _ inputs: TLSInputs, environment: [String: String]
    ) throws(EndpointError) -> Endpoint {
        if let host, case .unix = host { return host }
        var https = false
        if let host, case .tls = host { https = true }
        let settings = try settings(inputs, environment: environment, https: https)
        guard let host else { return settings == nil ? .dockerDefault : applying(settings, to: defaultTLSEndpoint) }
        return applying(settings, to: host)
    }

    /// A stored context's TLS endpoint: on iff it has TLS files or SkipTLSVerify (the caller has
    /// checked `usesTLS`); no ca.pem means the system's CAs; TLS flags and variables do not count.
    public static func contextEndpoint(
        _ context: DockerContext, host: Endpoint, tlsDirectory: String
    ) throws(EndpointError) -> Endpoint {
        var tls: TLSEndpoint
        switch host {
        // The CLI gives TLS to tcp:// only: sockets and ssh (which carries its own) never take it.
        case .unix, .ssh: return host
        case .tcp(let name, let port): tls = TLSEndpoint(host: name, port: port)
        case .tls(let given): tls = given
        }
        func path(_ name: String) -> String? { context.tlsFiles.contains(name) ? "\(tlsDirectory)/\(name)" : nil }
        tls.caFile = path(caFileName)
        tls.certFile = path(certFileName)
        tls.keyFile = path(keyFileName)
        tls.verifies = !context.skipTLSVerify
        do {
            try checkPair(certFile: tls.certFile, keyFile: tls.keyFile, folder: tlsDirectory)
        } catch {
            throw EndpointError(
                description:
                    """
                    context "\(context.name)": \(error.description) (docker context create \(context.name) --docker \
                    "host=...,ca=...,cert=...,key=..." stores both)
                    """)
        }
        return .tls(tls)
    }

    /// `$DOCKER_CERT_PATH`, else the config folder (`$DOCKER_CONFIG`, else ~/.docker); nil with none.
    static func certificateFolder(_ environment: [String: String]) -> String? {
        if let path = environment["DOCKER_CERT_PATH"], !path.isEmpty { return path }
        return ContextStore.configDirectory(environment: environment)
    }

    /// A given file (the surrounding quotes trimmed, as the CLI's QuotedString does), else `name` in `folder`.
    private static func file(
        _ given: String?, named name: String, in folder: String?, role: String, source: String
    ) throws(EndpointError) -> String? {
        if let given {
            let path = unquoted(given)
            if path.isEmpty { throw EndpointError(description: "\(role) is empty: give a file, e.g. \(role) \(name)") }
            return path
        }
        guard let folder else { return nil }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    static func unquoted(_ text: String) -> String {
        for quote in ["\"", "'"] where text.count >= 2 && text.hasPrefix(quote) && text.hasSuffix(quote) {
            return String(text.dropFirst().dropLast())
        }
        return text
    }

    private static func checkPair(certFile: String?, keyFile: String?, folder: String?) throws(EndpointError) {
        switch (certFile, keyFile) {
        case (let cert?, nil):
            let fix = folder.map { "put key.pem in \($0)" } ?? "give --tlskey FILE"
            throw EndpointError(
                description: "the client certificate \(cert) has no key: \(fix), or drop the certificate")
        case (nil, let key?):
            let fix = folder.map { "put cert.pem in \($0)" } ?? "give --tlscert FILE"
            throw EndpointError(description: "the client key \(key) has no certificate: \(fix), or drop the key")
        default:
            return
        }
    }

    private static func missingCA(_ path: String, given: Bool, _ source: String) -> String {
        if given {
            return "--tlscacert \(path) does not exist: check the path (the CA that signed the daemon's certificate)"
        }
        return
            """
            TLS is on (\(source)) but there is no CA certificate at \(path): put the CA that signed the daemon's \
            certificate there, give --tlscacert FILE, or set DOCKER_CERT_PATH to the folder holding ca.pem, cert.pem \
            and key.pem
            """
    }
}
