/// The socket calls the client and serve share: a unix socket's address, a connect that
/// finishes whatever interrupts it.
extension Posix {
    /// socket(2)'s type for a stream socket that closes on exec.
    static let streamSocketCloseOnExec = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)

    /// sun_path is 108 bytes on Linux, including the terminating NUL.
    static let unixPathLimit = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

    /// A unix socket's address; `path` must fit `unixPathLimit` (longer is cut).
    static func unixAddress(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8.prefix(unixPathLimit))
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (offset, byte) in bytes.enumerated() { raw[offset] = byte }
        }
        return address
    }

    /// How a connect ended when it did not fail.
    enum Connected: Equatable { case connected, timedOut }

    /// Connects `descriptor` to `address` (`length` bytes of it). A connect that goes on in the
    /// background (EINPROGRESS on a non-blocking socket) is waited for until `deadline`; so is
    /// one a signal interrupted (EINTR), which POSIX says must not be called again (it would say
    /// EALREADY) but finishes on its own. Throws the errno the connect failed with.
    static func connect(
        _ descriptor: Int32, to address: UnsafePointer<sockaddr>, length: socklen_t, deadline: UInt64? = nil
    ) throws(Errno) -> Connected {
        let result = Platform.connect(descriptor, address, length)
        if result == 0 { return .connected }
        let code = errno
        guard code == EINPROGRESS || code == EINTR else { throw Errno(code) }
        var waiter = DescriptorWaiter()
        waiter.watch(descriptor, for: .writable)
        guard try waiter.wait(until: deadline) else { return .timedOut }
        var socketError: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &size) == 0 else { throw Errno.current }
        if socketError != 0 { throw Errno(socketError) }
        return .connected
    }

    /// `connect` to a unix socket's `path`.
    static func connect(_ descriptor: Int32, toUnixSocket path: String) throws(Errno) {
        _ = try withUnixAddress(path) { (address, length) throws(Errno) in
            try connect(descriptor, to: address, length: length)
        }
    }

    /// Binds `descriptor` to a unix socket's `path` (a socket file appears there).
    static func bind(_ descriptor: Int32, toUnixSocket path: String) throws(Errno) {
        _ = try withUnixAddress(path) { (address, length) throws(Errno) in
            try systemCall { Platform.bind(descriptor, address, length) }
        }
    }

    /// Runs `body` with `path`'s address as the generic socket address the calls take.
    private static func withUnixAddress<T>(
        _ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) throws(Errno) -> T
    ) throws(Errno) -> T {
        var address = unixAddress(path)
        let outcome = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                Result { () throws(Errno) -> T in try body(socketAddress, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
        }
        return try outcome.get()
    }
}
