/// A TCP port on 127.0.0.1 that nothing listens on right now, for a server a test starts (sshd, a
/// TLS terminator): the kernel picks it for a socket that is closed at once. The server takes it a
/// moment later, so a caller whose server finds it taken after all asks for another.
public enum LoopbackPort {
    public static func free() throws -> Int {
        try RefusingPort().port
    }
}

/// A loopback port held bound but not listening for as long as this lives: a connect to it is
/// refused, and no other server can take it meanwhile (a test of "nobody listens there").
public final class RefusingPort: @unchecked Sendable {
    public let port: Int
    private let descriptor: Int32

    public init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw LoopbackPortError(text: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw LoopbackPortError(text: "bind: errno \(errno)")
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

public struct LoopbackPortError: Error, CustomStringConvertible {
    public var text: String
    public var description: String { text }
}
