/// Which of the docker CLI's rules chose the endpoint (docker/cli `resolveContextName`, in order).
public enum EndpointRule: Sendable, Equatable {
    case contextFlag
    case hostFlag
    /// curl's spelling of `-H unix://PATH`; the same rule as `-H`.
    case unixSocketFlag
    case dockerHost
    case dockerContext
    /// `currentContext` in this config.json (what `docker context use` writes).
    case currentContext(configFile: String)
    case defaultSocket
    /// `connect` in the shell, after start-up.
    case connectCommand

    /// How `endpoint` and errors name the rule, e.g. `DOCKER_CONTEXT`, `currentContext in /x/config.json`.
    public var name: String {
        switch self {
        case .contextFlag: "--context"
        case .hostFlag: "-H"
        case .unixSocketFlag: "--unix-socket"
        case .dockerHost: "DOCKER_HOST"
        case .dockerContext: "DOCKER_CONTEXT"
        case .currentContext(let configFile): "currentContext in \(configFile)"
        case .defaultSocket: "the default"
        case .connectCommand: "connect"
        }
    }
}

/// The endpoint sockshell will use, and how it was found.
public struct ResolvedEndpoint: Sendable, Equatable {
    public var endpoint: Endpoint
    public var rule: EndpointRule
    /// The stored context in use; nil for the docker CLI's virtual `default` context.
    public var context: DockerContext?
    /// A context that DOCKER_HOST overrode, and the rule that named it (the CLI warns about it too).
    public var overriddenContext: (name: String, rule: EndpointRule)?
    /// Said on standard error and go on: a config.json that is not JSON.
    public var warnings: [String]

    public init(
        endpoint: Endpoint, rule: EndpointRule, context: DockerContext? = nil,
        overriddenContext: (name: String, rule: EndpointRule)? = nil, warnings: [String] = []
    ) {
        self.endpoint = endpoint
        self.rule = rule
        self.context = context
        self.overriddenContext = overriddenContext
        self.warnings = warnings
    }

    public static func == (left: ResolvedEndpoint, right: ResolvedEndpoint) -> Bool {
        left.endpoint == right.endpoint && left.rule == right.rule && left.context == right.context
            && left.overriddenContext?.name == right.overriddenContext?.name
            && left.overriddenContext?.rule == right.overriddenContext?.rule && left.warnings == right.warnings
    }

    /// The startup line's endpoint: `unix:/tmp/x.sock (context t1)` when a context chose it.
    public var display: String {
        guard let context else { return endpoint.display }
        return "\(endpoint.display) (context \(context.name))"
    }

    /// What `endpoint` says: where requests go and which rule chose it, in a sentence or two.
    public var explanation: String {
        var lines: [String]
        switch rule {
        case .defaultSocket where endpoint != .dockerDefault:
            lines = [
                """
                \(endpoint.display): the docker CLI's default when TLS is on and no -H, DOCKER_HOST, DOCKER_CONTEXT \
                or currentContext names a host
                """
            ]
        case .defaultSocket:
            lines = [
                """
                \(endpoint.display): the default socket, since no -H, DOCKER_HOST, DOCKER_CONTEXT or \
                currentContext chose another
                """
            ]
        case .connectCommand:
            if let context {
                lines = ["\(endpoint.display): context \(context.name), chosen by connect --context in this session"]
            } else {
                lines = ["\(endpoint.display): chosen by connect in this session"]
            }
        case .hostFlag, .unixSocketFlag, .dockerHost:
            lines = ["\(endpoint.display): chosen by \(rule.name) (the default context)"]
        case .contextFlag, .dockerContext, .currentContext:
            if let context {
                lines = ["\(endpoint.display): context \(context.name), chosen by \(rule.name)"]
            } else {
                lines = ["\(endpoint.display): the default context, chosen by \(rule.name)"]
            }
        }
        if let overriddenContext {
            lines.append(
                """
                DOCKER_HOST overrides the context \(overriddenContext.name) that \(overriddenContext.rule.name) names: \
                to use it, unset DOCKER_HOST or give --context \(overriddenContext.name)
                """
            )
        }
        return lines.joined(separator: "\n")
    }
}

/// Picks the endpoint exactly as the docker CLI does (docker/cli `resolveContextName` and
/// `resolveDefaultDockerEndpoint`): `--context`, then `-H`/`--unix-socket`, then `DOCKER_HOST`,
/// then `DOCKER_CONTEXT`, then `currentContext` in config.json, then the default socket.
/// Empty environment variables count as unset, as in the CLI.
public enum EndpointResolution {
    /// The docker CLI's virtual context: `-H`, else DOCKER_HOST, else the default socket. Never stored.
    public static let defaultContextName = "default"

    /// - Parameters:
    ///   - contextFlag: the `--context` value, if given.
    ///   - hostFlag: the `-H/--host` value, if given.
    ///   - unixSocketFlag: the `--unix-socket` value, if given (curl's spelling of the same thing).
    ///   - environment: the process environment (passed in so tests need no globals).
    ///   - store: the context store under the config folder; nil when there is no config folder.
    ///   - tls: the TLS flags and a look at the certificate files, for the default context (TLSResolution).
    public static func resolve(
        contextFlag: String? = nil, hostFlag: String?, unixSocketFlag: String?, environment: [String: String],
        store: ContextStore? = nil, tls: TLSInputs = .none
    ) throws(EndpointError) -> ResolvedEndpoint {
        if let contextFlag {
            if hostFlag != nil || unixSocketFlag != nil {
                let flag = hostFlag != nil ? "--host" : "--unix-socket"
                throw EndpointError(
                    description:
                        """
                        conflicting options: cannot specify both \(flag) and --context: drop one of them (--context \
                        picks a docker context, \(flag) an endpoint)
                        """
                )
            }
            return try named(contextFlag, rule: .contextFlag, environment: environment, store: store, tls: tls)
        }
        if let unixSocketFlag {
            guard unixSocketFlag.hasPrefix("/") || unixSocketFlag.hasPrefix("unix://") else {
                // Relative paths are legal for --unix-socket, as in curl; make them usable as-is.
                return ResolvedEndpoint(endpoint: .unix(path: unixSocketFlag), rule: .unixSocketFlag)
            }
            return ResolvedEndpoint(endpoint: try Endpoint(parsing: unixSocketFlag), rule: .unixSocketFlag)
        }
        if let hostFlag {
            let endpoint = try TLSResolution.defaultContextEndpoint(
                Endpoint(parsing: hostFlag), tls, environment: environment)
            return ResolvedEndpoint(endpoint: endpoint, rule: .hostFlag)
        }

        var warnings: [String] = []
        var named: (name: String, rule: EndpointRule)?
        if let fromEnvironment = environment["DOCKER_CONTEXT"], !fromEnvironment.isEmpty {
            named = (fromEnvironment, .dockerContext)
        } else if let store {
            let current = store.currentContext()
            if let warning = current.warning { warnings.append(warning) }
            if let name = current.name { named = (name, .currentContext(configFile: store.configFile)) }
        }
        if let dockerHost = try dockerHostEndpoint(environment) {
            let overridden = named.flatMap { $0.name == defaultContextName ? nil : $0 }
            return ResolvedEndpoint(
                endpoint: try TLSResolution.defaultContextEndpoint(dockerHost, tls, environment: environment),
                rule: .dockerHost, overriddenContext: overridden, warnings: warnings)
        }
        guard let named else {
            let endpoint = try TLSResolution.defaultContextEndpoint(nil, tls, environment: environment)
            return ResolvedEndpoint(endpoint: endpoint, rule: .defaultSocket, warnings: warnings)
        }
        var resolved = try self.named(named.name, rule: named.rule, environment: environment, store: store, tls: tls)
        resolved.warnings = warnings
        return resolved
    }

    /// The endpoint of the context `name` (`default` is the virtual one), or one sentence saying why not.
    /// TLS flags and variables count for `default` only, as in the CLI.
    public static func named(
        _ name: String, rule: EndpointRule, environment: [String: String], store: ContextStore?,
        tls: TLSInputs = .none
    ) throws(EndpointError) -> ResolvedEndpoint {
        if name == defaultContextName {
            let endpoint = try TLSResolution.defaultContextEndpoint(
                dockerHostEndpoint(environment), tls, environment: environment)
            return ResolvedEndpoint(endpoint: endpoint, rule: rule)
        }
        guard let store else {
            throw EndpointError(
                description:
                    """
                    context "\(name)" (from \(rule.name)) cannot be looked up: neither DOCKER_CONFIG nor HOME is set, \
                    so there is no context store; set DOCKER_CONFIG to the folder holding contexts/
                    """
            )
        }
        guard let context = store.context(named: name) else {
            throw EndpointError(
                description:
                    """
                    context "\(name)" (from \(rule.name)) is not in \(store.contextsDirectory): \
                    \(fix(forUnknownContextFrom: rule))
                    """
            )
        }
        return ResolvedEndpoint(endpoint: try endpoint(of: context, store: store), rule: rule, context: context)
    }

    /// A stored context's endpoint (with its TLS material), or one sentence on why sockshell cannot use it.
    public static func endpoint(of context: DockerContext, store: ContextStore) throws(EndpointError) -> Endpoint {
        let name = context.name
        if let problem = context.problem {
            let file = store.metaFile(identifier: ContextStore.identifier(of: name))
            throw EndpointError(
                description:
                    """
                    context "\(name)" cannot be used: \(problem) (\(file)); \
                    make it again with docker context create \(name) --docker host=unix:///var/run/docker.sock
                    """
            )
        }
        let host: Endpoint
        do {
            host = try Endpoint(parsing: context.host)
        } catch {
            throw EndpointError(
                description: "context \"\(name)\" has an endpoint sockshell cannot use: \(error.description)")
        }
        guard context.usesTLS else { return host }
        return try TLSResolution.contextEndpoint(
            context, host: host, tlsDirectory: store.tlsDirectory(identifier: ContextStore.identifier(of: name)))
    }

    private static func fix(forUnknownContextFrom rule: EndpointRule) -> String {
        switch rule {
        case .dockerContext:
            "unset DOCKER_CONTEXT or set it to a context docker context ls lists"
        case .currentContext:
            "docker context use default (or another context docker context ls lists) sets it again"
        default:
            "docker context ls lists the contexts there, docker context create NAME --docker host=URL makes one"
        }
    }

    private static func dockerHostEndpoint(_ environment: [String: String]) throws(EndpointError) -> Endpoint? {
        guard let fromEnvironment = environment["DOCKER_HOST"], !fromEnvironment.isEmpty else { return nil }
        do {
            return try Endpoint(parsing: fromEnvironment)
        } catch {
            throw EndpointError(description: "DOCKER_HOST=\(fromEnvironment) is not usable: \(error.description)")
        }
    }
}
