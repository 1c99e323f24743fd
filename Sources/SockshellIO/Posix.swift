/// The one door to the system calls the I/O layer makes: the clock, `EINTR`, and (in the files
/// beside this one) the self-closing descriptor, the read and write loops and the wait over
/// several descriptors. As swift-nio's `System.swift` does, a call a signal interrupts is
/// retried here, once for all, so no loop elsewhere looks at `EINTR`.
public enum Posix {
    /// Monotonic nanoseconds, for exchange timings.
    public static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// Milliseconds left until `deadline` (nanoseconds), for poll; -1 means wait forever.
    public static func pollTimeout(until deadline: UInt64?) -> Int32 {
        guard let deadline else { return -1 }
        let now = monotonicNanoseconds()
        if now >= deadline { return 0 }
        return Int32(min((deadline - now + 999_999) / 1_000_000, UInt64(Int32.max)))
    }

    /// Runs `call`, a system call that returns -1 and sets errno when it fails, again while a
    /// signal interrupts it (`EINTR`); any other failure is thrown with its errno. A call that
    /// waits (poll) must work out its timeout inside `call`, so a retry waits only what is left.
    @inline(__always)
    public static func systemCall<Result: BinaryInteger>(_ call: () -> Result) throws(Errno) -> Result {
        while true {
            let result = call()
            if result != -1 { return result }
            let code = errno
            if code != EINTR { throw Errno(code) }
        }
    }

    /// A child's exit status from waitpid's word, 128 + N for a signal as a shell says it
    /// (WIFEXITED / WEXITSTATUS, which Swift does not import as functions).
    public static func exitStatus(fromWaitStatus raw: Int32) -> Int32 {
        (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
    }

    /// Waits until the monotonic clock reaches `deadline` (a recorded pace, a pause).
    /// The working folder, to make a relative path absolute (a tap's socket for DOCKER_HOST); nil if
    /// it cannot be read.
    public static func currentDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public static func sleep(until deadline: UInt64) {
        // A wait over nothing ends only at the deadline (an interrupting signal is waited past); it
        // cannot fail but by the system refusing poll itself, and then there is nothing to wait with.
        var nothing = DescriptorWaiter()
        _ = try? nothing.wait(until: deadline)
    }
}

/// A failed system call's errno, kept as the error (swift-subprocess and swift-system do so too),
/// with the system's sentence for it.
public struct Errno: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: Int32

    public init(_ code: Int32) { self.code = code }

    /// The errno the last failed call left.
    public static var current: Errno { Errno(errno) }

    /// strerror's sentence, e.g. "Connection reset by peer".
    public var description: String { String(cString: strerror(code)) }
}
