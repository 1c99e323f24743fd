/// One docker context as the docker CLI stored it in `contexts/meta/<id>/meta.json`.
public struct DockerContext: Sendable, Equatable {
    /// The `Name` inside meta.json (listing uses it, whatever the folder is called).
    public var name: String
    /// `Metadata.Description`, empty when there is none.
    public var description: String
    /// The docker endpoint's `Host`, e.g. `unix:///var/run/docker.sock`; empty when there is none.
    public var host: String
    public var skipTLSVerify: Bool
    /// The TLS files present in `contexts/tls/<id>/docker/`, of `ca.pem`, `cert.pem`, `key.pem`.
    public var tlsFiles: [String]
    /// Why this context cannot be used, in the words `docker context ls` shows in its ERROR column.
    public var problem: String?

    public init(
        name: String, description: String = "", host: String, skipTLSVerify: Bool = false, tlsFiles: [String] = [],
        problem: String? = nil
    ) {
        self.name = name
        self.description = description
        self.host = host
        self.skipTLSVerify = skipTLSVerify
        self.tlsFiles = tlsFiles
        self.problem = problem
    }

    /// The docker CLI speaks TLS to a context iff it has TLS files or SkipTLSVerify, and never
    /// over a socket (cli/context/docker/load.go: `isSocket`, `tlsConfig`).
    public var usesTLS: Bool {
        let socket = ["unix://", "npipe://", "fd://"].contains { host.lowercased().hasPrefix($0) }
        return !socket && (!tlsFiles.isEmpty || skipTLSVerify)
    }
}

/// The docker CLI's context store under a config folder, read through closures so the core does
/// no file I/O: `read` gives a file's bytes (nil when it cannot be read), `list` a folder's entry names.
public struct ContextStore {
    /// The config folder: `$DOCKER_CONFIG`, else `~/.docker`.
    public let configDirectory: String
    let read: (String) -> [UInt8]?
    let list: (String) -> [String]

    /// The TLS files the CLI's `LoadTLSData` knows; any other file in the bundle it only warns about.
    static let tlsFileNames = ["ca.pem", "cert.pem", "key.pem"]

    public init(configDirectory: String, read: @escaping (String) -> [UInt8]?, list: @escaping (String) -> [String]) {
        self.configDirectory = configDirectory
        self.read = read
        self.list = list
    }

    /// `$DOCKER_CONFIG` (non-empty), else `$HOME/.docker`, as the CLI's `config.Dir()`; nil with neither.
    public static func configDirectory(environment: [String: String]) -> String? {
        if let directory = environment["DOCKER_CONFIG"], !directory.isEmpty { return directory }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.docker"
    }

    public var contextsDirectory: String { configDirectory + "/contexts" }
    public var configFile: String { configDirectory + "/config.json" }

    /// The folder id of a context: the lowercase hex SHA-256 of its exact name.
    public static func identifier(of name: String) -> String { SHA256.hexDigest(name) }

    public func metaFile(identifier: String) -> String { "\(contextsDirectory)/meta/\(identifier)/meta.json" }

    /// Where `docker context create --docker ca=...,cert=...,key=...` copies the TLS files.
    public func tlsDirectory(identifier: String) -> String { "\(contextsDirectory)/tls/\(identifier)/docker" }

    /// The context stored for `name`, read only from `meta/<sha256(name)>/meta.json` as the CLI
    /// does; nil when there is no such file.
    public func context(named name: String) -> DockerContext? {
        context(identifier: Self.identifier(of: name))
    }

    /// Every stored context, as `docker context ls` walks them: any folder under `meta/` that holds
    /// a meta.json, named by the `Name` inside; sorted by name.
    public func all() -> [DockerContext] {
        list(contextsDirectory + "/meta").compactMap { context(identifier: $0) }.sorted { $0.name < $1.name }
    }

    /// `currentContext` in config.json (any case, as Go's encoding/json reads it), or a warning when
    /// the file is there but not JSON; the CLI warns and goes on with the default context.
    public func currentContext() -> (name: String?, warning: String?) {
        guard let bytes = read(configFile) else { return (nil, nil) }
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            return (
                nil,
                """
                warning: cannot parse \(configFile) (\(error.description)), so its currentContext is ignored and the \
                default context is used: fix the file or run docker context use NAME
                """
            )
        }
        guard let name = Self.field(value, "currentContext")?.stringValue, !name.isEmpty else { return (nil, nil) }
        return (name, nil)
    }

    private func context(identifier: String) -> DockerContext? {
        guard let bytes = read(metaFile(identifier: identifier)) else { return nil }
        let tlsFiles = list(tlsDirectory(identifier: identifier)).filter(Self.tlsFileNames.contains)
            .sorted()
        guard let meta = try? JSONValue.parse(bytes), case .object = meta else {
            return DockerContext(name: identifier, host: "", problem: "meta.json is not a JSON object")
        }
        let name = Self.field(meta, "Name")?.stringValue ?? ""
        // Metadata.Description has its own decoder in the CLI: only this exact key is the description.
        let description = Self.field(meta, "Metadata")?["Description"]?.stringValue ?? ""
        // Endpoints is a map: its key must be exactly "docker", unlike the struct fields around it.
        guard let endpoint = Self.field(meta, "Endpoints")?["docker"], case .object = endpoint else {
            return DockerContext(
                name: name, description: description, host: "", tlsFiles: tlsFiles,
                problem: "cannot find docker endpoint in context")
        }
        return DockerContext(
            name: name, description: description, host: Self.field(endpoint, "Host")?.stringValue ?? "",
            skipTLSVerify: Self.field(endpoint, "SkipTLSVerify")?.boolValue ?? false, tlsFiles: tlsFiles)
    }

    /// A struct field as Go's encoding/json finds it: the exact name first, else any case of it.
    static func field(_ object: JSONValue, _ name: String) -> JSONValue? {
        if let exact = object[name] { return exact }
        let folded = name.lowercased()
        return object.objectMembers?.last { $0.key.lowercased() == folded }?.value
    }
}
