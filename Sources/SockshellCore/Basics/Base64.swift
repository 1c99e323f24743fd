/// Base64 (RFC 4648): standard for binary bodies in HAR and JSON lines, base64url for Docker's
/// registry credentials (X-Registry-Auth).
public enum Base64 {
    /// The 64 digits, in order.
    public struct Alphabet: Sendable, Equatable {
        fileprivate let digits: [UInt8]

        /// RFC 4648 §4: `A-Z a-z 0-9 + /`.
        public static let standard = Alphabet(digits: Array((letters + "+/").utf8))
        /// RFC 4648 §5, safe in URLs and file names: `A-Z a-z 0-9 - _`.
        public static let url = Alphabet(digits: Array((letters + "-_").utf8))

        private static let letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    }

    /// `bytes` in `alphabet`; with `padding` the last group is filled to four digits with `=`.
    public static func encode(
        _ bytes: some Collection<UInt8>, alphabet: Alphabet = .standard, padding: Bool = true
    ) -> String {
        let digits = alphabet.digits
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var group: UInt32 = 0
        var groupCount = 0
        func flush() {
            // 1, 2 or 3 input bytes give 2, 3 or 4 digits.
            let bits = group << (8 * UInt32(3 - groupCount))
            for sextet in 0...groupCount { out.append(digits[Int(bits >> (18 - 6 * UInt32(sextet)) & 0x3F)]) }
            if padding { out.append(contentsOf: repeatElement(UInt8(ascii: "="), count: 3 - groupCount)) }
        }
        for byte in bytes {
            group = group << 8 | UInt32(byte)
            groupCount += 1
            if groupCount == 3 {
                flush()
                group = 0
                groupCount = 0
            }
        }
        if groupCount > 0 { flush() }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base64 in either alphabet (`+/` or `-_`, as a lenient reader of credentials must), with
    /// or without `=` padding; nil if malformed.
    public static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        var digits = Array(text)[...]
        var padding = 0
        while digits.last == UInt8(ascii: "=") {
            digits = digits.dropLast()
            padding += 1
        }
        // Padding, when present, must fill the last group of four exactly.
        guard digits.count % 4 != 1, padding == 0 || (padding <= 2 && (digits.count + padding) % 4 == 0) else {
            return nil
        }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count * 3 / 4)
        var bits: UInt32 = 0
        var bitCount = 0
        for byte in digits {
            guard let sextet = sextet(byte) else { return nil }
            bits = (bits << 6 | sextet) & 0xFFFF
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                out.append(UInt8(bits >> bitCount & 0xFF))
            }
        }
        return out
    }

    private static func sextet(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(byte - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): 63
        default: nil
        }
    }
}
