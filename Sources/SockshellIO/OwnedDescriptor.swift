import CSockshellSupport
import Synchronization

/// A descriptor this object owns: closed exactly once, by `close()` where the owner knows the
/// end, else when the last reference goes.
///
/// A final class, not a `~Copyable` struct: serve keeps its connections in arrays, hands them
/// between threads through a `Mutex`-guarded list and into the closures that start threads, and
/// the jobs keep theirs in a dictionary; Swift's `Array`, `Dictionary` and escaping closures hold
/// only copyable values, so a move-only descriptor would have to be unwrapped to a bare `Int32`
/// at exactly those places, where descriptors used to leak. The number sits in an atomic, so
/// closing from one thread while another shuts the socket down never closes twice.
public final class OwnedDescriptor: Sendable, CustomStringConvertible {
    private let number: Atomic<Int32>

    /// Takes ownership of `descriptor`, an open descriptor nobody else will close.
    public init(_ descriptor: Int32) {
        number = Atomic(descriptor)
    }

    deinit { close() }

    /// Takes ownership of what an opening call returned (open, socket, accept), or throws the
    /// call's errno when it returned -1.
    public static func opened(by call: () -> Int32) throws(Errno) -> OwnedDescriptor {
        OwnedDescriptor(try Posix.systemCall(call))
    }

    /// The descriptor, or -1 once closed or taken (poll ignores it; other calls fail with EBADF).
    public var raw: Int32 { number.load(ordering: .acquiring) }

    public var isOpen: Bool { raw >= 0 }

    /// Closes the descriptor now; true when this call closed it, false when it was closed
    /// already (or taken). Not retried on EINTR: Linux has released the descriptor by then,
    /// and a second close could close one another thread has just opened.
    @discardableResult
    public func close() -> Bool {
        let descriptor = number.exchange(-1, ordering: .acquiringAndReleasing)
        guard descriptor >= 0 else { return false }
        _ = Platform.close(descriptor)
        return true
    }

    /// Gives the descriptor up unclosed, for an owner that is not an `OwnedDescriptor`; nil when
    /// it was closed or taken already.
    public func take() -> Int32? {
        let descriptor = number.exchange(-1, ordering: .acquiringAndReleasing)
        return descriptor >= 0 ? descriptor : nil
    }

    public var description: String { "descriptor \(raw)" }

    /// A pipe whose two ends close on exec; `nonBlocking`: reads and writes of both ends never
    /// wait (a wake pipe drained to empty, a wake byte dropped when the pipe is full).
    public static func pipe(
        nonBlocking: Bool = false
    ) throws(Errno) -> (read: OwnedDescriptor, write: OwnedDescriptor) {
        var ends: [Int32] = [-1, -1]
        guard sockshell_pipe(&ends, nonBlocking ? 1 : 0) == 0 else { throw Errno.current }
        return (read: OwnedDescriptor(ends[0]), write: OwnedDescriptor(ends[1]))
    }
}
