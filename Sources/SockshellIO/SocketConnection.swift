#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SockshellCore

/// One open stream socket to an endpoint.
final class SocketConnection {
    typealias ReadResult = ConnectionReadResult

    /// sun_path is 108 bytes on Linux, including the terminating NUL.
    static let unixPathLimit = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

    let number: Int
    let endpoint: Endpoint
    private(set) var descriptor: Int32
    /// Exchanges this connection has completed; more than zero means the next one reuses it.
    var completedExchanges = 0

    private init(number: Int, endpoint: Endpoint, descriptor: Int32) {
        self.number = number
        self.endpoint = endpoint
        self.descriptor = descriptor
    }

    deinit { close() }

    func close() {
        if descriptor >= 0 {
            _ = Glibc.close(descriptor)
            descriptor = -1
        }
    }

    /// Stops both directions now, which wakes any reader; used on Ctrl-C.
    func shutdownBoth() {
        if descriptor >= 0 { _ = shutdown(descriptor, Int32(SHUT_RDWR)) }
    }

    static func open(number: Int, endpoint: Endpoint, timeoutSeconds: Double) throws(TransportFailure) -> SocketConnection {
        switch endpoint {
        case .unix(let path):
            return SocketConnection(number: number, endpoint: endpoint, descriptor: try connectUnix(path: path))
        case .tcp(let host, let port):
            return SocketConnection(
                number: number, endpoint: endpoint,
                descriptor: try connectTCP(host: host, port: port, endpoint: endpoint, timeoutSeconds: timeoutSeconds))
        }
    }

    private static func connectUnix(path: String) throws(TransportFailure) -> Int32 {
        let pathBytes = Array(path.utf8)
        guard pathBytes.count <= unixPathLimit else {
            throw .pathTooLong(path: path, limit: unixPathLimit)
        }
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFSOCK {
            throw .notASocket(path: path)
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw systemFailure("socket") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in pathBytes.enumerated() { raw[index] = byte }
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if result != 0 {
            let code = errno
            _ = Glibc.close(descriptor)
            switch code {
            case ENOENT: throw .noSuchSocket(path: path)
            case EACCES, EPERM: throw .permissionDenied(path: path)
            case ECONNREFUSED: throw .connectionRefused(.unix(path: path))
            case ENOTSOCK: throw .notASocket(path: path)
            default: throw .system(operation: "connecting to \(path)", errno: code, text: String(cString: strerror(code)))
            }
        }
        return descriptor
    }

    private static func connectTCP(host: String, port: Int, endpoint: Endpoint, timeoutSeconds: Double) throws(TransportFailure) -> Int32 {
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
            let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), info.pointee.ai_protocol)
            if descriptor < 0 { continue }
            var result = connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen)
            if result != 0 && errno == EINPROGRESS {
                var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                let ready = poll(&entry, 1, Int32(timeoutSeconds * 1000))
                if ready == 0 {
                    _ = Glibc.close(descriptor)
                    lastFailure = .connectTimedOut(endpoint, seconds: timeoutSeconds)
                    continue
                }
                var socketError: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &length)
                result = socketError == 0 ? 0 : -1
                errno = socketError
            }
            if result == 0 {
                // Back to blocking mode: reads go through poll anyway, writes should block.
                let flags = fcntl(descriptor, F_GETFL)
                _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK)
                var one: Int32 = 1
                setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                return descriptor
            }
            let code = errno
            _ = Glibc.close(descriptor)
            lastFailure = code == ECONNREFUSED ? .connectionRefused(endpoint) : .system(operation: "connecting to \(endpoint.display)", errno: code, text: String(cString: strerror(code)))
        }
        throw lastFailure
    }

    /// Writes every byte. Returns false when the peer has gone (EPIPE or ECONNRESET).
    func writeAll(_ bytes: [UInt8]) throws(TransportFailure) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EPIPE || code == ECONNRESET { return false }
                throw SocketConnection.systemFailure("writing the request", code: code)
            }
            offset += written
        }
        return true
    }

    /// Reads what is available into `buffer`, waiting at most until `deadline` (nil: forever)
    /// and waking early when `interruptDescriptor` becomes readable (Ctrl-C).
    func read(into buffer: inout [UInt8], deadline: UInt64?, interruptDescriptor: Int32) throws(TransportFailure) -> ReadResult {
        while true {
            var entries = [
                pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: interruptDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&entries, interruptDescriptor >= 0 ? 2 : 1, Posix.pollTimeout(until: deadline))
            if ready < 0 {
                if errno == EINTR { continue }
                throw SocketConnection.systemFailure("waiting for the response")
            }
            if ready == 0 { return .timedOut }
            if entries[1].revents != 0 { return .interrupted }
            let count = buffer.withUnsafeMutableBytes { raw in
                recv(descriptor, raw.baseAddress, raw.count, 0)
            }
            if count > 0 { return .bytes(count) }
            if count == 0 { return .endOfStream }
            let code = errno
            if code == EINTR || code == EAGAIN { continue }
            if code == ECONNRESET { return .endOfStream }
            throw SocketConnection.systemFailure("reading the response", code: code)
        }
    }

    /// True when an idle kept-alive connection has been closed (or has unexpected bytes) and
    /// should not be used for another request.
    func isStale() -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) != 0
    }

    static func systemFailure(_ operation: String, code: Int32 = errno) -> TransportFailure {
        .system(operation: operation, errno: code, text: String(cString: strerror(code)))
    }
}
