import CSockshellSupport

/// Who is at the other end of an accepted unix connection: the tap labels each client with it,
/// since one `docker run` opens three connections and docker-py a dozen.
struct PeerCredentials: Sendable, Equatable {
    var pid: Int32
    var uid: UInt32
    /// The process's command name from /proc (`docker`, `python3`); nil when it has gone already.
    var command: String?

    /// The credentials of `descriptor`'s peer, nil for a socket that has none (not unix).
    static func of(_ descriptor: Int32) -> PeerCredentials? {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        guard sockshell_peer_credentials(descriptor, &pid, &uid) == 0, pid > 0 else { return nil }
        return PeerCredentials(pid: pid, uid: uid, command: commandName(of: pid))
    }

    /// `docker (pid 4242, uid 0)`.
    var label: String {
        "\(command ?? "a process that has exited") (pid \(pid), uid \(uid))"
    }

    /// /proc/PID/comm holds at most 16 bytes; a little room for the newline.
    private static let commandBytes = 64

    private static func commandName(of pid: Int32) -> String? {
        let descriptor = Platform.open("/proc/\(pid)/comm", O_RDONLY | O_CLOEXEC, 0)
        guard descriptor >= 0 else { return nil }
        let file = OwnedDescriptor(descriptor)
        guard let bytes = try? Posix.readAll(from: file.raw, limit: commandBytes), !bytes.isEmpty else { return nil }
        let name = String(decoding: bytes.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        return name.isEmpty ? nil : name
    }
}
