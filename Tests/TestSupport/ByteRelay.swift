import Foundation

/// `Tests/fixtures/tap/byte_relay.py` running beside a test: an independent relay that records,
/// per connection, exactly which bytes it read from each side (see the script's doc string).
/// Put one on each side of a relay under test, and what they recorded says whether it passed
/// every byte on unchanged.
public final class ByteRelay: @unchecked Sendable {
    /// The socket it listens on.
    public let listenPath: String
    /// Where it writes `N.c2s`, `N.s2c` and `N.done`.
    public let logFolder: String
    public let process: BackgroundProcess

    public static let scriptPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/tap/byte_relay.py").path

    /// Starts the relay and returns once it prints `ready` (it is listening then).
    public init(listen listenPath: String, upstream: String, log logFolder: String, timeout: Double = 20) throws {
        self.listenPath = listenPath
        self.logFolder = logFolder
        process = try BackgroundProcess(
            "/usr/bin/env",
            ["python3", Self.scriptPath, "--listen", listenPath, "--upstream", upstream, "--log", logFolder])
        guard process.waitForLine(timeout: timeout, where: { $0 == "ready" }) else {
            process.stop(signal: SIGKILL)
            throw TestSupportError("byte_relay.py did not start: \(process.text(.stderr))")
        }
    }

    /// The connections accepted so far (`open N` lines).
    public var opened: Int { process.lines().count { $0.hasPrefix("open ") } }
    /// The connections fully ended so far (`done N` lines).
    public var finished: Int { process.lines().count { $0.hasPrefix("done ") } }

    /// Waits until at least `count` connections were accepted and every accepted one has ended.
    public func waitUntilSettled(atLeast count: Int = 0, timeout: Double) -> Bool {
        process.waitUntil(timeout: timeout) { _ in
            let opened = self.opened
            return opened >= count && self.finished == opened
        }
    }

    /// What each connection carried so far, in accept order.
    public func connections() -> [RelayedConnection] {
        (0..<opened).map { index in
            let base = logFolder + "/\(index + 1)"
            return RelayedConnection(
                c2s: Array(FileManager.default.contents(atPath: base + ".c2s") ?? Data()),
                s2c: Array(FileManager.default.contents(atPath: base + ".s2c") ?? Data()))
        }
    }

    /// Kills the relay at once (SIGKILL): its sockets close as a crashed daemon's would.
    public func crash() {
        process.stop(signal: SIGKILL)
    }

    /// Stops the relay (SIGTERM: it removes its socket and exits).
    public func stop() {
        process.stop(signal: SIGTERM)
    }
}

/// The bytes one relayed connection carried: what the client side sent, what the upstream side sent.
public struct RelayedConnection: Hashable, Sendable, CustomStringConvertible {
    public var c2s: [UInt8]
    public var s2c: [UInt8]

    public init(c2s: [UInt8], s2c: [UInt8]) {
        self.c2s = c2s
        self.s2c = s2c
    }

    /// The first request line, to name the connection in a failure.
    public var firstLine: String {
        let line = c2s.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }.prefix(100)
        return String(decoding: line, as: UTF8.self)
    }

    public var description: String { "[\(firstLine.debugDescription): \(c2s.count) B sent, \(s2c.count) B back]" }

    /// What `inner` (recorded between the client and the relay under test) and `outer` (between
    /// that relay and the upstream) disagree on, as one sentence per difference; empty when the
    /// relay passed every connection on unchanged, one upstream connection per client connection.
    ///
    /// The connections in `cut` (those of a client killed mid stream) must match an upstream
    /// connection that carried the same request bytes and whose answer starts with theirs: what
    /// was in flight when the client died is legitimately dropped.
    public static func differences(
        inner: [RelayedConnection], outer: [RelayedConnection], cut: [RelayedConnection] = []
    ) -> [String] {
        var unmatched = outer
        var problems: [String] = []
        var unmatchedInner: [RelayedConnection] = []
        for connection in inner {
            if let index = unmatched.firstIndex(of: connection) {
                unmatched.remove(at: index)
            } else {
                unmatchedInner.append(connection)
            }
        }
        for connection in cut {
            if let index = unmatched.firstIndex(where: {
                $0.c2s == connection.c2s && $0.s2c.starts(with: connection.s2c)
            }) {
                unmatched.remove(at: index)
            } else {
                unmatchedInner.append(connection)
            }
        }
        if inner.count + cut.count != outer.count {
            problems.append(
                "\(inner.count + cut.count) client connections but \(outer.count) upstream connections")
        }
        for connection in unmatchedInner {
            problems.append(describe(connection, against: unmatched))
        }
        for connection in unmatched {
            problems.append("upstream connection \(connection) matches no client connection")
        }
        return problems
    }

    /// Names the connection and, against the unmatched upstream connection that shares the longest
    /// start with it, where their bytes part.
    static func describe(_ connection: RelayedConnection, against candidates: [RelayedConnection]) -> String {
        guard
            let closest = candidates.max(by: {
                commonPrefix($0.c2s, connection.c2s) + commonPrefix($0.s2c, connection.s2c)
                    < commonPrefix($1.c2s, connection.c2s) + commonPrefix($1.s2c, connection.s2c)
            })
        else { return "client connection \(connection) has no upstream connection" }
        var parts: [String] = []
        if closest.c2s != connection.c2s {
            parts.append("sent upstream: " + divergence(expected: connection.c2s, actual: closest.c2s))
        }
        if closest.s2c != connection.s2c {
            parts.append("back to the client: " + divergence(expected: closest.s2c, actual: connection.s2c))
        }
        return "client connection \(connection) vs upstream \(closest): " + parts.joined(separator: "; ")
    }

    static func commonPrefix(_ a: [UInt8], _ b: [UInt8]) -> Int {
        zip(a, b).prefix { $0 == $1 }.count
    }

    /// Where `actual` (what came out of the relay) stops being `expected` (what went in).
    static func divergence(expected: [UInt8], actual: [UInt8]) -> String {
        let same = commonPrefix(expected, actual)
        func around(_ bytes: [UInt8]) -> String {
            let window = bytes[max(0, same - 40)..<min(bytes.count, same + 60)]
            return String(decoding: window, as: UTF8.self).debugDescription
        }
        return """
            \(expected.count) B went in, \(actual.count) B came out, the same for the first \(same) B; \
            in: …\(around(expected)), out: …\(around(actual))
            """
    }
}

/// A test helper's failure, with what the helper saw.
public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
