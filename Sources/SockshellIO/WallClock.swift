/// The time of day, for recordings and HAR files (exchange timings use the monotonic clock).
enum WallClock {
    /// `2026-11-30T04:40:00.123Z`.
    static func iso8601() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        let millis = Int(spec.tv_nsec / 1_000_000)
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return utc(spec.tv_sec, fraction: "." + fraction)
    }

    /// Seconds since 1970, for a `.http` file's `{{$timestamp}}`.
    static func secondsSince1970() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int(spec.tv_sec)
    }

    /// `2020-01-02T00:00:00Z`: a moment given in seconds since 1970 (a certificate's dates).
    static func iso8601(secondsSince1970 seconds: Int) -> String { utc(time_t(seconds), fraction: "") }

    private static func utc(_ time: time_t, fraction: String) -> String {
        var seconds = time
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let date = "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
        let time = "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))\(fraction)"
        return date + "T" + time + "Z"
    }
}
