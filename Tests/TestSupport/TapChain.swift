import Foundation

/// `sockshell tap` between two recording relays, in a temp folder of its own:
///
///     client -> relay A (ByteRelay) -> sockshell tap -> relay B (ByteRelay) -> upstream
///
/// A records what the client side sent to the tap and what the tap sent back; B what the tap sent
/// upstream and what the upstream answered. The tap relays verbatim, one upstream connection per
/// client connection, exactly when A's connections and B's carry the same bytes.
public final class TapChain: @unchecked Sendable {
    public let folder: String
    /// The client-side relays (one unless asked for more), each a socket a client can use.
    public let clientRelays: [ByteRelay]
    public let tap: BackgroundProcess
    public let tapPath: String
    public let upstreamRelay: ByteRelay

    /// How much of the tap's view (its stdout) is kept: the start of it, for a failure's message;
    /// the rest is read and dropped, as a terminal would scroll it away.
    public static let viewKept = 4 << 20

    /// Starts relay B in front of `upstream` (a socket path), the tap in front of B, and
    /// `clientRelays` relays in front of the tap; returns once all are listening.
    public init(upstream: String, clientRelays count: Int = 1) throws {
        // Short: a unix socket path has at most 107 bytes.
        let folder = "/tmp/sstap-\(getpid())-\(UUID().uuidString.prefix(8))"
        let tapPath = folder + "/tap.sock"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // What started before a failure stops as its BackgroundProcess goes (SIGKILL); the folder goes here.
        do {
            let upstreamRelay = try ByteRelay(listen: folder + "/b.sock", upstream: upstream, log: folder + "/b")
            let tap = try BackgroundProcess(
                SockshellProcess.binaryPath, ["tap", "--listen", tapPath, "-H", "unix://" + upstreamRelay.listenPath],
                stdoutLimit: Self.viewKept)
            // The startup line, printed once the tap accepts ("sockshell: " first, as every diagnostic).
            let started = tap.waitForLine(on: .stderr, timeout: 20) {
                $0.hasPrefix("tapping ") || $0.hasPrefix("sockshell: tapping ")
            }
            guard started else {
                tap.stop(signal: SIGKILL)
                throw TestSupportError("the tap did not start: \(tap.text(.stderr))")
            }
            let relays = try (0..<count).map { index in
                try ByteRelay(listen: folder + "/a\(index).sock", upstream: tapPath, log: folder + "/a\(index)")
            }
            self.folder = folder
            self.tapPath = tapPath
            self.upstreamRelay = upstreamRelay
            self.tap = tap
            self.clientRelays = relays
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    /// `unix://` and the socket of client relay `index`, for DOCKER_HOST.
    public func dockerHost(_ index: Int = 0) -> String { "unix://" + clientRelays[index].listenPath }

    /// The environment a client needs to go through the chain.
    public func environment(_ index: Int = 0) -> [String: String] { ["DOCKER_HOST": dockerHost(index)] }

    /// Waits until every connection through the chain has ended on both sides: each client relay's
    /// (the clients are done), then the upstream relay's, with as many connections as the client
    /// side had (fewer means the tap lost one: the wait times out and the byte check says so).
    public func waitUntilSettled(timeout: Double = 30) -> Bool {
        for relay in clientRelays where !relay.waitUntilSettled(timeout: timeout) { return false }
        let clientConnections = clientRelays.reduce(0) { $0 + $1.opened }
        return upstreamRelay.waitUntilSettled(atLeast: clientConnections, timeout: timeout)
    }

    /// Every difference between what the tap was given and what it passed on (empty: verbatim).
    /// Connections through the client relays in `cut` belong to clients killed mid stream.
    public func byteDifferences(cut: Set<Int> = []) -> [String] {
        var inner: [RelayedConnection] = []
        var cutConnections: [RelayedConnection] = []
        for (index, relay) in clientRelays.enumerated() {
            if cut.contains(index) {
                cutConnections += relay.connections()
            } else {
                inner += relay.connections()
            }
        }
        return RelayedConnection.differences(
            inner: inner, outer: upstreamRelay.connections(), cut: cutConnections)
    }

    /// Stops the tap with SIGTERM; nil when it did not exit within 10 s (it was killed then).
    public func stopTap() -> BackgroundProcess.Termination? {
        tap.stop(signal: SIGTERM)
    }

    /// Stops whatever still runs and removes the folder.
    public func close() {
        if tap.isRunning { tap.stop(signal: SIGKILL) }
        for relay in clientRelays { relay.stop() }
        upstreamRelay.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }
}
