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

    /// The most closers a continuation prompt spells out: past it the count says the rest, so a
    /// deeply nested paste keeps the prompt on one line.
    public static let longestClosersShown = 8

    /// A closing bracket that cannot close what is open: `}` where `]` was needed.
    public struct Mismatch: Sendable, Equatable {
        /// The bracket typed.
        public var found: Character
        /// The bracket that would close the innermost open one (a body starts with its opener, so
        /// one is always open when a closer comes).
        public var expected: Character
        /// The byte offset of `found` from the first byte fed.
        public var offset: Int
    }

    /// The bracket count of a body read so far, resumed with each continuation line, so a long
    /// pasted body costs one pass over its bytes instead of one per line.
    public struct Scan: Sendable, Equatable {
        /// Whether the first byte that is not white space was seen, and whether it opened JSON.
        private var started = false
        private var shaped = false
        /// The closer each open bracket needs, innermost last.
        private var closers: [UInt8] = []
        private var string = JSONStringState()
        /// Balanced, or a closer that does not match: not ours to continue.
        private var closed = false
        private var fed = 0
        /// Where the value ended: the offset just past the closer that balanced it.
        public private(set) var endOffset: Int?
        /// The first closer that did not match the innermost open bracket; the scan stops there.
        public private(set) var mismatch: Mismatch?

        public init() {}

        public mutating func feed(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                if closed { return }
                fed += 1
                if !started {
                    if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
                    started = true
                    shaped = byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[")
                }
                if !shaped { return }
                if string.take(byte) { continue }
                switch byte {
                case UInt8(ascii: "{"): closers.append(UInt8(ascii: "}"))
                case UInt8(ascii: "["): closers.append(UInt8(ascii: "]"))
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard let expected = closers.last, expected == byte else {
                        let wanted = closers.last ?? byte
                        mismatch = Mismatch(
                            found: Character(UnicodeScalar(byte)), expected: Character(UnicodeScalar(wanted)),
                            offset: fed - 1)
                        closed = true
                        return
                    }
                    closers.removeLast()
                    if closers.isEmpty {
                        closed = true
                        endOffset = fed
                    }
                default: break
                }
            }
        }

        /// Brackets still open (0 when balanced, mismatched, or not JSON-shaped).
        public var openDepth: Int {
            guard shaped, !closed else { return 0 }
            return closers.count
        }

        /// What would close the body from here, innermost first: `"` when a string is open, then
        /// each bracket (`"]}`); empty when nothing is open.
        public var stillToClose: String {
            guard openDepth > 0 else { return "" }
            return (string.inString ? "\"" : "") + String(decoding: closers.reversed(), as: UTF8.self)
        }

        /// The continuation prompt's words for what is open: `1 }` or `2 ]}` (or `12 ]]]]]]]]…`).
        public var openDescription: String {
            var closing = stillToClose
            if closing.count > JSONBalance.longestClosersShown {
                closing = String(closing.prefix(JSONBalance.longestClosersShown)) + "…"
            }
            return "\(openDepth) \(closing)"
        }
    }
}
