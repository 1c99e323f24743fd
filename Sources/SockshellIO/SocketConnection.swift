import SockshellCore

/// One open stream socket to an endpoint.
final class SocketConnection {
    typealias ReadResult = ConnectionReadResult

    let number: Int
    let endpoint: Endpoint
    private let descriptor: OwnedDescriptor
    /// Kept from read to read, so a read allocates nothing for its wait.
    private var waiter = DescriptorWaiter()
    /// Exchanges this connection has completed; more than zero means the next one reuses it.
    var completedExchanges = 0

    /// A connection over a descriptor already connected (an ssh process's end of a socket pair).
    init(number: Int, endpoint: Endpoint, descriptor: OwnedDescriptor) {
        self.number = number
        self.endpoint = endpoint
        self.descriptor = descriptor
    }

    /// Closes the socket now (it closes itself when the connection goes, too).
    func close() { descriptor.close() }

    /// Stops both directions now, which wakes any reader; used on Ctrl-C.
    func shutdownBoth() {
        if descriptor.isOpen { _ = shutdown(descriptor.raw, Int32(SHUT_RDWR)) }
    }

    func sendAvailable(_ bytes: ArraySlice<UInt8>) throws(TransportFailure) -> Int? {
        guard !bytes.isEmpty else { return 0 }
        do throws(Errno) {
            return try bytes.withUnsafeBufferPointer { (raw) throws(Errno) -> Int in
                try Posix.systemCall {
                    send(descriptor.raw, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
                }
            }
        } catch {
            if error.code == EAGAIN || error.code == EWOULDBLOCK { return 0 }
            if error.code == EPIPE || error.code == ECONNRESET { return nil }
            throw SocketConnection.systemFailure("sending input", code: error.code)
        }
    }

    func shutdownWrite() {
        if descriptor.isOpen { _ = shutdown(descriptor.raw, Int32(SHUT_WR)) }
    }

    static func open(number: Int, endpoint: Endpoint, timeoutSeconds: Double) throws(TransportFailure)
        -> SocketConnection
    {
        SocketConnection(
            number: number, endpoint: endpoint,
            descriptor: try connectedDescriptor(to: endpoint, timeoutSeconds: timeoutSeconds))
    }

    /// A blocking socket connected to `endpoint`, for a caller that moves the bytes itself (the tap,
    /// `TLSConnection`, which speaks TLS over it).
    static func connectedDescriptor(to endpoint: Endpoint, timeoutSeconds: Double) throws(TransportFailure)
        -> OwnedDescriptor
    {
        switch endpoint {
        case .unix(let path):
            return try connectUnix(path: path)
        case .tcp(let host, let port):
            return try connectTCP(host: host, port: port, endpoint: endpoint, timeoutSeconds: timeoutSeconds)
        case .ssh(let remote):
            // ssh has no socket to connect: SSHConnection runs it, and the tap refuses it up front.
            throw .notRelayable(.ssh(remote))
        case .tls(let tls):
            return try connectTCP(host: tls.host, port: tls.port, endpoint: endpoint, timeoutSeconds: timeoutSeconds)
        }
    }

    private static func connectUnix(path: String) throws(TransportFailure) -> OwnedDescriptor {
        guard path.utf8.count <= Posix.unixPathLimit else {
            throw .pathTooLong(path: path, limit: Posix.unixPathLimit)
        }
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFSOCK {
            throw .notASocket(path: path)
        }
        let descriptor: OwnedDescriptor
        do throws(Errno) {
            descriptor = try OwnedDescriptor.opened { socket(AF_UNIX, Posix.streamSocketCloseOnExec, 0) }
        } catch {
            throw systemFailure("socket", code: error.code)
        }
        do throws(Errno) {
            try Posix.connect(descriptor.raw, toUnixSocket: path)
        } catch {
            switch error.code {
            case ENOENT: throw .noSuchSocket(path: path)
            case EACCES, EPERM: throw .permissionDenied(path: path)
            case ECONNREFUSED: throw .connectionRefused(.unix(path: path))
            case ENOTSOCK: throw .notASocket(path: path)
            default: throw .system(operation: "connecting to \(path)", errno: error.code, text: error.description)
            }
        }
        return descriptor
    }

    private static func connectTCP(host: String, port: Int, endpoint: Endpoint, timeoutSeconds: Double)
        throws(TransportFailure) -> OwnedDescriptor
    {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw .hostNotFound(host: host)
        }
        defer { freeaddrinfo(list) }
        var lastFailure: TransportFailure = .connectionRefused(endpoint)
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let flags = info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
            let opened = try? OwnedDescriptor.opened { socket(info.pointee.ai_family, flags, info.pointee.ai_protocol) }
            guard let descriptor = opened else { continue }
            // Each address gets the whole timeout, as it always has.
            let deadline = Posix.monotonicNanoseconds() &+ UInt64(max(timeoutSeconds, 0) * 1_000_000_000)
            do throws(Errno) {
                let connected = try Posix.connect(
                    descriptor.raw, to: info.pointee.ai_addr, length: info.pointee.ai_addrlen, deadline: deadline)
                guard connected == .connected else {
                    lastFailure = .connectTimedOut(endpoint, seconds: timeoutSeconds)
                    continue
                }
            } catch {
                lastFailure =
                    error.code == ECONNREFUSED
                    ? .connectionRefused(endpoint)
                    : .system(
                        operation: "connecting to \(endpoint.display)", errno: error.code, text: error.description)
                continue
            }
            // Back to blocking mode: reads go through poll anyway, writes should block.
            let flagsNow = fcntl(descriptor.raw, F_GETFL)
            _ = fcntl(descriptor.raw, F_SETFL, flagsNow & ~O_NONBLOCK)
            var one: Int32 = 1
            setsockopt(descriptor.raw, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            return descriptor
        }
        throw lastFailure
    }

    /// Writes every byte. Returns false when the peer has gone (EPIPE or ECONNRESET).
    func writeAll(_ bytes: [UInt8]) throws(TransportFailure) -> Bool {
        do throws(Errno) {
            try Posix.writeAll(to: descriptor.raw, bytes[...], using: .send)
            return true
        } catch {
            if error.code == EPIPE || error.code == ECONNRESET { return false }
            throw SocketConnection.systemFailure("writing the request", code: error.code)
        }
    }

    /// Reads what is available into `buffer`, waiting at most until `deadline` (nil: forever)
    /// and waking early when `interruptDescriptor` becomes readable (Ctrl-C), or when
    /// `inputDescriptor` does and nothing has arrived (a live session's input).
    func read(
        into buffer: inout [UInt8], deadline: UInt64?, interruptDescriptor: Int32, inputDescriptor: Int32,
        awaitingWritable: Bool
    ) throws(TransportFailure) -> ReadResult {
        while true {
            if let decided = try waiter.waitForConnection(
                descriptor.raw, deadline: deadline, interruptDescriptor: interruptDescriptor,
                inputDescriptor: inputDescriptor, awaitingWritable: awaitingWritable)
            {
                return decided
            }
            do throws(Errno) {
                let count = try Posix.readSome(from: descriptor.raw, into: &buffer)
                return count > 0 ? .bytes(count) : .endOfStream
            } catch {
                if error.code == EAGAIN { continue }
                if error.code == ECONNRESET { return .endOfStream }
                throw SocketConnection.systemFailure("reading the response", code: error.code)
            }
        }
    }

    /// True when an idle kept-alive connection has been closed (or has unexpected bytes) and
    /// should not be used for another request.
    func isStale() -> Bool {
        var waiter = DescriptorWaiter()
        waiter.watch(descriptor.raw)
        // A deadline already passed: look without waiting; a failed look is stale too.
        return (try? waiter.wait(until: 0)) ?? true
    }

    static func systemFailure(_ operation: String, code: Int32) -> TransportFailure {
        .system(operation: operation, errno: code, text: Errno(code).description)
    }
}
