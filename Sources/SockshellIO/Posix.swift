#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The libc calls the I/O layer makes, in one place, with errno captured at the call.
enum Posix {
    struct Failure: Error {
        var operation: String
        var code: Int32

        var text: String { String(cString: strerror(code)) }
    }

    static var errnoValue: Int32 { errno }

    /// Monotonic nanoseconds, for exchange timings.
    static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// Milliseconds left until `deadline` (nanoseconds), for poll; -1 means wait forever.
    static func pollTimeout(until deadline: UInt64?) -> Int32 {
        guard let deadline else { return -1 }
        let now = monotonicNanoseconds()
        if now >= deadline { return 0 }
        return Int32(min((deadline - now + 999_999) / 1_000_000, UInt64(Int32.max)))
    }
}
