/// How often output that streams in fast is shown: at most once per interval, like a display's
/// refresh. The first bytes after a quiet moment show at once (a key's echo is not delayed); a fast
/// stream (dockerd sends an exec's output 8 KiB at a time, thousands of times a second) wakes the
/// thread that shows it once per interval instead of once per read. Per read, the tap's view took
/// more CPU than its relaying on two busy cores, and a live session twice `docker exec`'s system
/// time (bench/tap, bench/live). 5 ms is far under what a person watching can tell apart.
struct DisplayRefresh {
    static let intervalNanoseconds: UInt64 = 5_000_000

    private var shownAt: UInt64 = 0

    /// When output may next be shown.
    var nextShow: UInt64 { shownAt &+ Self.intervalNanoseconds }
    /// Whether output may be shown now.
    var isDue: Bool { Posix.monotonicNanoseconds() >= nextShow }

    /// Output was shown just now.
    mutating func shown() { shownAt = Posix.monotonicNanoseconds() }
}
