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

    /// When the write that completed the first occurrence of `needle` happened, if any. Output
    /// reaches the sink in pieces of any size (a job's queue is flushed whenever the shell looks),
    /// so a match may span writes.
    public func firstTime(containing needle: String) -> Date? {
        lock.lock()
        defer { lock.unlock() }
        var seen: [UInt8] = []
        for write in writes {
            seen += write.bytes
            if String(decoding: seen, as: UTF8.self).contains(needle) { return write.time }
        }
        return nil
    }

    /// When the write that completed the first line matching `predicate` happened, if any (a
    /// line may span writes; the text's last, unterminated line counts too).
    public func firstTime(ofLine predicate: (Substring) -> Bool) -> Date? {
        lock.lock()
        defer { lock.unlock() }
        var line: [UInt8] = []
        for write in writes {
            for byte in write.bytes {
                if byte == 0x0A {
                    if predicate(Substring(String(decoding: line, as: UTF8.self))) { return write.time }
                    line.removeAll(keepingCapacity: true)
                } else {
                    line.append(byte)
                }
            }
        }
        if !line.isEmpty, predicate(Substring(String(decoding: line, as: UTF8.self))) { return writes.last?.time }
        return nil
    }

    public func clear() {
        lock.lock()
        writes = []
        diagnosticLines = []
        lock.unlock()
    }
}
