/// Human-readable sizes and durations for summary lines, without Foundation's formatters.
public enum Measure {
    /// `88 B`, `1.5 KiB`, `256.0 MiB`.
    public static func bytes(_ count: Int) -> String {
        if count < 1024 { return "\(count) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(count) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return "\(oneDecimal(value)) \(units[unit])"
    }

    /// `412 µs`, `2.9 ms`, `1.25 s`.
    public static func duration(_ nanoseconds: UInt64) -> String {
        if nanoseconds < 1_000_000 { return "\(nanoseconds / 1000) µs" }
        if nanoseconds < 1_000_000_000 {
            return "\(oneDecimal(Double(nanoseconds) / 1_000_000)) ms"
        }
        return "\(twoDecimals(Double(nanoseconds) / 1_000_000_000)) s"
    }

    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
