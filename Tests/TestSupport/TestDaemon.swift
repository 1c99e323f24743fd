import Foundation

/// The throwaway dockerd that scripts/test starts (scripts/test-daemon). Tests reach it only
/// through SOCKSHELL_TEST_DOCKER_HOST and never touch /var/run/docker.sock.
public enum TestDaemon {
    public static let environmentVariable = "SOCKSHELL_TEST_DOCKER_HOST"
    /// Every container a test creates carries this label, so the daemon script can remove them.
    public static let label = "sockshell.test"

    /// `unix:///tmp/.../docker.sock`, or nil when no test daemon was started.
    public static var host: String? {
        guard let value = ProcessInfo.processInfo.environment[environmentVariable], !value.isEmpty else { return nil }
        return value
    }

    /// The socket path of the test daemon.
    public static var socketPath: String? {
        guard let host else { return nil }
        return host.hasPrefix("unix://") ? String(host.dropFirst("unix://".count)) : host
    }

    public static var isAvailable: Bool { host != nil }
}
