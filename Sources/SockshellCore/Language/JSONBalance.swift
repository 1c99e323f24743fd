/// Decides whether a body that opens a JSON object or array has been closed yet, so the shell
/// knows to read continuation lines. Brackets inside strings don't count.
public enum JSONBalance {
    /// True when the text starts with `{` or `[` and more brackets are open than closed.
    public static func isUnclosed(_ text: some StringProtocol) -> Bool {
        openDepth(text) > 0
    }

    /// How many brackets are still open at the end (0 when balanced or not JSON-shaped).
    public static func openDepth(_ text: some StringProtocol) -> Int {
        var scan = Scan()
        scan.feed(text.utf8)
        return scan.openDepth
    }

    /// The bracket count of a body read so far, resumed with each continuation line, so a long
    /// pasted body costs one pass over its bytes instead of one per line.
    public struct Scan: Sendable, Equatable {
        /// Whether the first byte that is not white space was seen, and whether it opened JSON.
        private var started = false
        private var shaped = false
        private var depth = 0
        private var inString = false
        private var escaped = false
        /// More closers than openers, or balanced: not ours to continue; send it and let the server say.
        private var closed = false

        public init() {}

        public mutating func feed(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                if closed { return }
                if !started {
                    if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
                    started = true
                    shaped = byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[")
                }
                if !shaped { return }
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth <= 0 { closed = true }
                default: break
                }
            }
        }

        /// Brackets still open (0 when balanced, closed too often, or not JSON-shaped).
        public var openDepth: Int {
            guard shaped, !closed else { return 0 }
            return max(depth, 0)
        }
    }
}
