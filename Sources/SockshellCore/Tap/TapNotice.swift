/// What a tap's relays report to its view, in the order it happened on each connection: copies of
/// the bytes forwarded and the moments a connection opened, finished a direction or closed.
public enum TapNotice: Sendable, Equatable {
    case opened(connection: Int, client: String)
    /// Bytes forwarded in `direction`, at monotonic nanoseconds `at`.
    case bytes(connection: Int, direction: TapDirection, [UInt8], at: UInt64)
    /// Bytes forwarded but not shown: the view was too far behind.
    case skipped(connection: Int, direction: TapDirection, count: Int)
    /// The sender in `direction` finished (EOF), passed on as a half-close.
    case ended(connection: Int, direction: TapDirection, at: UInt64)
    case closed(connection: Int, reason: String, at: UInt64)
    /// A line about one connection outside its bytes (its upstream cannot be reached).
    case remark(connection: Int, String)
}
