import Foundation

/// A real OpenSSH sshd (Debian's openssh-server, which scripts/install-deps installs) on a loopback
/// port, with throwaway keys in a fresh folder and `SetEnv DOCKER_HOST=…` pointing at the test
/// daemon, so `ssh … docker system dial-stdio` there reaches the test daemon as a remote host's
/// docker would. The ssh client is the real one too, given its throwaway configuration by a wrapper
/// `ssh` first on PATH (ssh reads ~/.ssh/config from the passwd home, not $HOME): one wrapper
/// folder per `Client`, each a way a user's ssh can be set up (or set up wrong).
public final class SSHServer: @unchecked Sendable {
    public static let sshdPath = "/usr/sbin/sshd"
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: sshdPath) }

    /// How the client side is set up.
    public enum Client: String, CaseIterable, Sendable {
        /// Its key is authorized and the host key known: everything works.
        case trusted
        /// Its key is authorized with `environment="PATH=/nonexistent"`: no docker on the remote PATH.
        case noDocker
        /// Its key is not authorized.
        case stranger
        /// It has never seen the host key.
        case unknownHost
        /// Its known_hosts holds another key for the host.
        case changedHostKey
    }

    public let folder: String
    public let port: Int
    private let process: BackgroundProcess

    /// The `ssh://` URL of this server, with `path` (the remote socket) when given.
    public func url(path: String = "") -> String { "ssh://127.0.0.1:\(port)\(path)" }

    /// PATH for a sockshell (or docker CLI) whose `ssh` is set up as `client`.
    public func path(for client: Client) -> String {
        "\(folder)/\(client.rawValue):" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }

    /// How many logins sshd accepted so far (one per ssh process that got in).
    public var acceptedLogins: Int {
        process.text(.stderr).components(separatedBy: "Accepted publickey").count - 1
    }

    /// Starts sshd; `dockerHost` is what the remote docker CLI is told (the test daemon's URL).
    public init(dockerHost: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-sshd-\(UUID().uuidString.prefix(8))"
        ).path
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for key in ["host", "trusted", "nodocker", "stranger", "otherhost"] {
            try Self.shell("ssh-keygen -q -t ed25519 -N '' -C \(key) -f \(folder)/\(key)_key")
        }
        func publicKey(_ name: String) throws -> String {
            try String(contentsOfFile: "\(folder)/\(name)_key.pub", encoding: .utf8)
                .split(separator: " ").prefix(2).joined(separator: " ")
        }
        try """
        \(publicKey("trusted"))
        environment="PATH=/nonexistent" \(publicKey("nodocker"))

        """.write(toFile: "\(folder)/authorized_keys", atomically: true, encoding: .utf8)

        // A free port: the kernel picks one for a socket we close at once; sshd takes it a moment
        // later. Should another program take it in between, sshd says so and the next one is tried.
        var started: (BackgroundProcess, Int)?
        for _ in 0..<Self.portAttempts where started == nil {
            let candidate = try LoopbackPort.free()
            try """
            ListenAddress 127.0.0.1:\(candidate)
            HostKey \(folder)/host_key
            AuthorizedKeysFile \(folder)/authorized_keys
            PidFile \(folder)/sshd.pid
            StrictModes no
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            PermitUserEnvironment PATH
            SetEnv DOCKER_HOST=\(dockerHost)

            """.write(toFile: "\(folder)/sshd_config", atomically: true, encoding: .utf8)
            // Through a shell that stays as its parent: sshd closes every inherited descriptor, and
            // Foundation's Process takes the close of its own for the exit and blocks in waitpid.
            let sshd = try BackgroundProcess(
                "/bin/sh",
                [
                    "-c",
                    """
                    trap 'kill $pid' TERM; \(Self.sshdPath) -D -e -f \(folder)/sshd_config & pid=$!; wait $pid; \
                    wait $pid
                    """,
                ])
            // sshd -e ends its lines with CRLF, which Swift reads as one Character: look at the text.
            let ready = sshd.waitUntil(timeout: 30) {
                $0.text(.stderr).contains("Server listening on 127.0.0.1 port \(candidate).")
            }
            if ready {
                started = (sshd, candidate)
            } else if !sshd.text(.stderr).contains("Address already in use") {
                _ = sshd.stop()
                throw SSHServerError(text: "sshd did not start: \(sshd.text(.stderr))")
            }
        }
        guard let started else { throw SSHServerError(text: "sshd found no free loopback port") }
        (process, port) = started

        let hostKey = try publicKey("host")
        let otherKey = try publicKey("otherhost")
        for client in Client.allCases {
            let identity = ["noDocker": "nodocker", "stranger": "stranger"][client.rawValue] ?? "trusted"
            let known =
                switch client {
                case .unknownHost: ""
                case .changedHostKey: "[127.0.0.1]:\(port) \(otherKey)\n"
                default: "[127.0.0.1]:\(port) \(hostKey)\n"
                }
            let clientFolder = "\(folder)/\(client.rawValue)"
            try FileManager.default.createDirectory(atPath: clientFolder, withIntermediateDirectories: true)
            try known.write(toFile: "\(clientFolder)/known_hosts", atomically: true, encoding: .utf8)
            try """
            Host *
              IdentityFile \(folder)/\(identity)_key
              IdentitiesOnly yes
              UserKnownHostsFile \(clientFolder)/known_hosts
              GlobalKnownHostsFile /dev/null
              StrictHostKeyChecking \(client == .unknownHost ? "ask" : "yes")

            """.write(toFile: "\(clientFolder)/config", atomically: true, encoding: .utf8)
            try "#!/bin/sh\nexec /usr/bin/ssh -F \(clientFolder)/config \"$@\"\n".write(
                toFile: "\(clientFolder)/ssh", atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(clientFolder)/ssh")
        }
    }

    /// Ports tried before giving up, each one the kernel said was free.
    static let portAttempts = 5

    deinit {
        _ = process.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    private static func shell(_ line: String) throws {
        let result = try SockshellProcess.runShell(line)
        guard result.status == 0 else { throw SSHServerError(text: "\(line): \(result.stderr)") }
    }
}

public struct SSHServerError: Error, CustomStringConvertible {
    public var text: String
    public var description: String { text }
}
