import Foundation
import SockshellCore

/// An output sink that keeps each write with the time it happened, usable from another thread,
/// so a test can tell that bytes were shown as they arrived rather than at the end.
public final class TimedSink: OutputSink, @unchecked Sendable {
    // Every field is read and written under `lock`.
    private let lock = NSLock()
    private var writes: [(time: Date, bytes: [UInt8])] = []
    private var diagnosticLines: [String] = []

    public init() {}

    public func write(_ bytes: ArraySlice<UInt8>) {
        lock.lock()
        writes.append((Date(), Array(bytes)))
        lock.unlock()
    }

    public func diagnostic(_ text: String) {
        lock.lock()
        diagnosticLines.append(text)
        lock.unlock()
    }

    public var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: writes.flatMap(\.bytes), as: UTF8.self)
    }

    public var diagnostics: [String] {
        lock.lock()
        defer { lock.unlock() }
        return diagnosticLines
    }

    /// When the first write containing `needle` happened, if any.
    public func firstTime(containing needle: String) -> Date? {
        lock.lock()
        defer { lock.unlock() }
        return writes.first { String(decoding: $0.bytes, as: UTF8.self).contains(needle) }?.time
    }

    /// When the first write with a line matching `predicate` happened, if any.
    public func firstTime(ofLine predicate: (Substring) -> Bool) -> Date? {
        lock.lock()
        defer { lock.unlock() }
        return writes.first { String(decoding: $0.bytes, as: UTF8.self).split(separator: "\n").contains(where: predicate) }?.time
    }

    public func clear() {
        lock.lock()
        writes = []
        diagnosticLines = []
        lock.unlock()
    }
}
