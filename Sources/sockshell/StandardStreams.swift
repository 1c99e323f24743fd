import SockshellCore

#if canImport(Glibc)
import Glibc
#endif

/// Writes views to stdout and diagnostics to stderr with plain write(2): no buffering to lose
/// on exit, and every byte run reaches the terminal the moment it arrives.
final class StandardStreams: OutputSink {
    /// Whether stdout's last byte ended a line, so a prompt never lands after a body like `OK`.
    private(set) var atLineStart = true

    func write(_ bytes: ArraySlice<UInt8>) {
        guard let last = bytes.last else { return }
        Self.writeAll(1, bytes)
        atLineStart = last == 0x0A
    }

    /// Ends a line left open by the last output.
    func ensureLineStart() {
        if !atLineStart { write([0x0A][...]) }
    }

    /// A diagnostic can quote bytes we did not write (a reason phrase, a malformed head, a
    /// client's request line in serve's log): on a terminal their control bytes are escaped.
    func diagnostic(_ text: String) {
        let shown = Self.diagnosticsReachTerminal ? ControlByteEscaper.escaped(text) : text
        Self.writeAll(2, Array("sockshell: \(shown)\n".utf8)[...])
    }

    /// Decided once: standard error does not change while sockshell runs.
    private static let diagnosticsReachTerminal = Terminal.isTerminal(2)

    private static func writeAll(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) {
        var rest = bytes
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                // The reader went away (a pipe into `head`, say): stop quietly, as cat does.
                if errno == EPIPE { exit(1) }
                return
            }
            rest = rest.dropFirst(written)
        }
    }
}

enum Terminal {
    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }
}

enum ProcessEnvironment {
    static func current() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}

enum TextFile {
    static func read(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
            if count < chunk.count { break }
        }
        if ferror(file) != 0 { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func write(_ text: String, to path: String) -> Bool {
        guard let file = fopen(path, "wb") else { return false }
        defer { fclose(file) }
        return fputs(text, file) >= 0
    }

    /// True when both paths name one existing file (same device and inode).
    static func isSameFile(_ first: String, _ second: String) -> Bool {
        var a = stat()
        var b = stat()
        guard stat(first, &a) == 0, stat(second, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

/// Wall-clock milliseconds from a monotonic clock, for the report's total time.
enum ProcessClock {
    static func milliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
    }
}
