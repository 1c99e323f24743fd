import Foundation
import SockshellCore

/// A small unix-socket HTTP server that misbehaves on purpose, for end-to-end tests of how the
/// client copes with broken, slow, hostile and vanishing servers.
///
/// Each accepted connection is served on its own thread by the scenario closure, which talks to
/// the client through a `FaultConnection`. Nothing here can hang a test: every read and write
/// waits through `poll` in short slices, gives up after a bound, and stops at once when `stop()`
/// is called; `stop()` itself waits (boundedly) for the connection threads to end.
///
/// ```swift
/// let server = try FaultServer { connection in
///     _ = connection.readRequestHead()
///     connection.write("HTTP/1.1 204 No Content\r\n\r\n")
/// }
/// defer { server.stop() }
/// ```
public final class FaultServer: @unchecked Sendable {
    // @unchecked Sendable: the socket path and listener descriptor are immutable after init; all
    // mutable state (`connections`, the counters, the logs, `stopping`) is read and written only
    // while holding `lock`. The listener descriptor is closed only by the accept thread, after it
    // has seen `stopping`, so no thread polls a closed (and possibly reused) descriptor.

    /// What the server does with one accepted connection. It may serve several requests in a loop;
    /// when it returns, the connection is closed.
    public typealias Scenario = @Sendable (FaultConnection) -> Void

    /// The socket path, under /tmp and short enough for `sun_path`.
    public let path: String
    /// `unix:///tmp/...`, for `-H`.
    public var host: String { "unix://" + path }

    private let scenario: Scenario
    private let listener: Int32
    private let lock = NSLock()
    private var connections: [FaultConnection] = []
    private var runningThreads = 0
    private var acceptThreadRunning = true
    private var stopping = false

    /// Starts listening on a fresh socket path and accepting connections in the background.
    public init(scenario: @escaping Scenario) throws {
        self.scenario = scenario
        path = Self.freshPath()
        let descriptor = socket(AF_UNIX, Self.streamType | Self.closeOnExec, 0)
        guard descriptor >= 0 else { throw FaultServerError.system("socket", errno) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in pathBytes.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            let code = errno
            _ = close(descriptor)
            unlink(path)
            throw FaultServerError.system("bind/listen \(path)", code)
        }
        Self.setNonBlocking(descriptor)
        listener = descriptor
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "FaultServer accept"
        thread.start()
    }

    deinit {
        // A test that forgot `stop()` must not leave a socket file behind.
        if !stopping { unlink(path) }
    }

    // MARK: What the tests look at

    /// Connections accepted so far.
    public var acceptedCount: Int { locked { connections.count } }

    /// Connections on which the client went away first (EOF, reset or EPIPE seen by the server
    /// before `stop()`), as opposed to the server closing them.
    public var peerClosedCount: Int { locked { connections.filter(\.peerClosed).count } }

    /// Every byte the server read on connection `index` (in accept order, from 0), in order.
    public func received(onConnection index: Int) -> [UInt8] {
        guard let connection = locked({ index < connections.count ? connections[index] : nil }) else { return [] }
        return connection.receivedBytes
    }

    /// The request heads the scenario read, on all connections, in the order they were read.
    public var requestHeads: [[UInt8]] { locked { heads } }
    private var heads: [[UInt8]] = []

    /// Waits (polling, at most `timeout` seconds) until `condition` holds; returns whether it did.
    @discardableResult
    public func waitUntil(timeout: Double = 5, _ condition: (FaultServer) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if condition(self) { return true }
            if Date() >= deadline { return false }
            usleep(10_000)
        }
    }

    /// Waits (at most `timeout` seconds) until every scenario that was started has returned.
    @discardableResult
    public func waitForScenarios(timeout: Double = 5) -> Bool {
        waitUntil(timeout: timeout) { server in server.locked { server.runningThreads == 0 } }
    }

    /// Stops accepting, shuts every connection down (which ends any read, write or sleep in a
    /// scenario), waits up to two seconds for the threads to end, and removes the socket file.
    public func stop() {
        let open: [FaultConnection] = locked {
            stopping = true
            return connections
        }
        for connection in open { connection.shutdown() }
        waitUntil(timeout: 2) { server in server.locked { server.runningThreads == 0 && !server.acceptThreadRunning } }
        unlink(path)
    }

    // MARK: Internals

    var isStopping: Bool { locked { stopping } }

    func recordHead(_ head: [UInt8]) {
        locked { heads.append(head) }
    }

    private func acceptLoop() {
        defer {
            _ = close(listener)
            locked { acceptThreadRunning = false }
        }
        while !isStopping {
            var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, 20)
            if ready <= 0 { continue }
            let client = accept(listener, nil, nil)
            if client < 0 { continue }
            // accept4 is not visible from Swift's Glibc module: set the flags afterwards.
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            Self.setNonBlocking(client)
            let connection: FaultConnection? = locked {
                if stopping { return nil }
                let connection = FaultConnection(descriptor: client, index: connections.count, server: self)
                connections.append(connection)
                runningThreads += 1
                return connection
            }
            guard let connection else {
                _ = close(client)
                return
            }
            let scenario = self.scenario
            let thread = Thread { [self] in
                scenario(connection)
                connection.finish()
                locked { runningThreads -= 1 }
            }
            thread.name = "FaultServer connection \(connection.index)"
            thread.start()
        }
    }

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private static func freshPath() -> String {
        // /tmp/fs-<pid>-<counter>-<random>.sock: well under the 107-byte limit.
        let number = PathCounter.next()
        let random = UInt32.random(in: 0...UInt32.max)
        return "/tmp/fs-\(getpid())-\(number)-\(String(random, radix: 36)).sock"
    }

    static let streamType = Int32(SOCK_STREAM.rawValue)
    static let closeOnExec = Int32(SOCK_CLOEXEC.rawValue)

    static func setNonBlocking(_ descriptor: Int32) {
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
    }
}

public enum FaultServerError: Error, CustomStringConvertible {
    case system(String, Int32)

    public var description: String {
        switch self {
        case .system(let operation, let code): return "\(operation) failed: \(String(cString: strerror(code)))"
        }
    }
}

/// A counter for unique socket names within this test process.
private enum PathCounter {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var value = 0  // guarded by `lock`

    static func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// One accepted connection, as a scenario sees it. Every call is bounded in time and returns
/// promptly once the server stops, the client goes away or the scenario closed the connection.
public final class FaultConnection: @unchecked Sendable {
    // @unchecked Sendable: the scenario uses a connection from its own thread only; the one
    // cross-thread call is `shutdown()` from `FaultServer.stop()`, which only calls
    // shutdown(2) on a descriptor that stays open until `finish()` (run on the scenario thread
    // after the scenario returns, so never concurrently with a read or write). The flags and
    // the received-bytes log are guarded by `lock`.

    /// Accept order on this server, from 0: lets a scenario treat its first connection differently.
    public let index: Int

    private let descriptor: Int32
    private unowned let server: FaultServer
    private let lock = NSLock()
    private var closedByScenario = false
    private var finished = false
    private var sawPeerClose = false
    private var log: [UInt8] = []
    /// Bytes read past the end of the last request head (the next request, or a body).
    private var pending: [UInt8] = []

    /// The longest request head `readRequestHead` accepts.
    public static let maxHeadBytes = 1 << 20

    init(descriptor: Int32, index: Int, server: FaultServer) {
        self.descriptor = descriptor
        self.index = index
        self.server = server
    }

    /// True until the client went away, the scenario closed the connection or the server stopped.
    public var isOpen: Bool {
        let closed = lock.withLock { closedByScenario || finished || sawPeerClose }
        return !closed && !server.isStopping
    }

    /// The client closed (or reset) its end, as seen by a read or a write.
    public var peerClosed: Bool { lock.withLock { sawPeerClose } }

    /// Everything read on this connection so far.
    public var receivedBytes: [UInt8] { lock.withLock { log } }

    // MARK: Reading

    /// Reads one request head, up to and including the blank line (CRLFCRLF); bytes after it are
    /// kept for the next read. Nil on EOF, on timeout, when the head grows beyond 1 MiB, or when
    /// the server stops.
    public func readRequestHead(timeout: Double = 5) -> [UInt8]? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let end = Self.endOfHead(in: pending) {
                let head = Array(pending[..<end])
                pending.removeFirst(end)
                server.recordHead(head)
                return head
            }
            if pending.count > Self.maxHeadBytes { return nil }
            guard let more = readSome(until: deadline) else { return nil }
            pending.append(contentsOf: more)
        }
    }

    /// Reads a request head and, if it has a Content-Length, that many body bytes.
    public func readRequest(timeout: Double = 5) -> (head: [UInt8], body: [UInt8])? {
        let deadline = Date().addingTimeInterval(timeout)
        guard let head = readRequestHead(timeout: timeout) else { return nil }
        let length = Self.contentLength(of: head) ?? 0
        while pending.count < length {
            guard let more = readSome(until: deadline) else { return nil }
            pending.append(contentsOf: more)
        }
        let body = Array(pending[..<length])
        pending.removeFirst(length)
        return (head, body)
    }

    /// Whatever arrives within `timeout` seconds (bytes already buffered come first); empty when
    /// nothing did, nil when the connection ended.
    public func readAvailable(timeout: Double) -> [UInt8]? {
        if !pending.isEmpty {
            defer { pending.removeAll() }
            return pending
        }
        switch readOnce(until: Date().addingTimeInterval(timeout)) {
        case .bytes(let bytes): return bytes
        case .timedOut: return []
        case .ended: return nil
        }
    }

    /// Reads until the client closes its end (or `timeout`), logging what arrives; true on EOF.
    @discardableResult
    public func drainUntilClosed(timeout: Double = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            switch readOnce(until: deadline) {
            case .bytes: continue
            case .timedOut: return false
            case .ended: return peerClosed
            }
        }
    }

    // MARK: Writing

    /// Writes every byte, waiting for room at most `timeout` seconds in all. False when the
    /// client has gone, the time ran out, or the server is stopping.
    @discardableResult
    public func write(_ bytes: [UInt8], timeout: Double = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var offset = 0
        while offset < bytes.count {
            guard isOpen else { return false }
            let written = bytes.withUnsafeBytes { raw in
                send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written > 0 {
                offset += written
                continue
            }
            let code = errno
            if written < 0 && (code == EAGAIN || code == EWOULDBLOCK || code == EINTR) {
                if Date() >= deadline { return false }
                var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&entry, 1, 20)
                continue
            }
            if code == EPIPE || code == ECONNRESET { notePeerClosed() }
            return false
        }
        return true
    }

    /// Writes the UTF-8 bytes of `string`.
    @discardableResult
    public func write(_ string: String, timeout: Double = 5) -> Bool {
        write(Array(string.utf8), timeout: timeout)
    }

    /// Sleeps `milliseconds`, waking early (and returning false) once the connection is no longer open.
    @discardableResult
    public func sleep(_ milliseconds: Int) -> Bool {
        let deadline = Date().addingTimeInterval(Double(milliseconds) / 1000)
        while Date() < deadline {
            guard isOpen else { return false }
            let left = deadline.timeIntervalSinceNow
            usleep(useconds_t(max(0, min(left, 0.01)) * 1_000_000))
        }
        return isOpen
    }

    /// Closes the connection now (the descriptor itself is released when the scenario returns).
    public func close() {
        lock.withLock { closedByScenario = true }
        systemShutdown(descriptor)
    }

    // MARK: Internals

    func shutdown() {
        lock.withLock {
            if !finished { systemShutdown(descriptor) }
        }
    }

    func finish() {
        lock.withLock {
            if !finished {
                finished = true
                systemClose(descriptor)
            }
        }
    }

    private func notePeerClosed() {
        // After our own shutdown (close() or stop()), EOF and EPIPE are our doing, not the client's.
        let ours = lock.withLock { closedByScenario } || server.isStopping
        if !ours { lock.withLock { sawPeerClose = true } }
    }

    private enum ReadOnce {
        case bytes([UInt8])
        case timedOut
        case ended
    }

    private func readSome(until deadline: Date) -> [UInt8]? {
        switch readOnce(until: deadline) {
        case .bytes(let bytes): return bytes
        case .timedOut, .ended: return nil
        }
    }

    private func readOnce(until deadline: Date) -> ReadOnce {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            guard isOpen else { return .ended }
            let count = buffer.withUnsafeMutableBytes { raw in recv(descriptor, raw.baseAddress, raw.count, 0) }
            if count > 0 {
                let bytes = Array(buffer[..<count])
                lock.withLock { log.append(contentsOf: bytes) }
                return .bytes(bytes)
            }
            if count == 0 {
                notePeerClosed()
                return .ended
            }
            let code = errno
            if code == EAGAIN || code == EWOULDBLOCK || code == EINTR {
                if Date() >= deadline { return .timedOut }
                var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&entry, 1, 20)
                continue
            }
            if code == ECONNRESET { notePeerClosed() }
            return .ended
        }
    }

    static func endOfHead(in bytes: [UInt8]) -> Int? {
        MessageHead.split(bytes).bodyStart
    }

    static func contentLength(of head: [UInt8]) -> Int? {
        let text = String(decoding: head, as: UTF8.self)
        for line in text.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                return Int(parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }
}

// FaultConnection's own `close()` and `shutdown()` hide the system calls of the same names.
private func systemShutdown(_ descriptor: Int32) {
    _ = shutdown(descriptor, Int32(SHUT_RDWR))
}

private func systemClose(_ descriptor: Int32) {
    _ = close(descriptor)
}
