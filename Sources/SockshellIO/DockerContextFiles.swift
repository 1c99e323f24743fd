import SockshellCore

/// The docker CLI's context store on disk: the core's `ContextStore` reading real files.
public enum DockerContextFiles {
    /// meta.json and config.json are a few hundred bytes; 1 MiB keeps a mistaken /dev/zero harmless.
    static let maxBytes = 1024 * 1024

    /// The store under `$DOCKER_CONFIG` or `~/.docker`; nil when neither can be named.
    public static func store(environment: [String: String]) -> ContextStore? {
        guard let directory = ContextStore.configDirectory(environment: environment) else { return nil }
        return ContextStore(configDirectory: directory, read: read, list: FolderEntries.names)
    }

    /// The default context's TLS inputs: `flags`, and a look at whether each certificate file is there.
    public static func tlsInputs(_ flags: TLSFlags) -> TLSInputs {
        TLSInputs(flags: flags, fileExists: { access($0, F_OK) == 0 })
    }

    static func read(_ path: String) -> [UInt8]? {
        guard let file = try? OwnedDescriptor.opened(by: { open(path, O_RDONLY | O_CLOEXEC) }) else { return nil }
        return try? Posix.readAll(from: file.raw, limit: maxBytes)
    }
}

/// The names in a folder, without `.` and `..`; empty when it cannot be opened.
public enum FolderEntries {
    public static func names(_ path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
