/// Hexadecimal digits: the one table behind the hex view, `\xHH` and `⟨HH⟩` escapes, `\u00HH` and `%HH`.
public enum Hex {
    /// `0123456789abcdef` as bytes: the hex view, escapes and error messages write lowercase.
    public static let lowercaseDigits: [UInt8] = Array("0123456789abcdef".utf8)
    /// `0123456789ABCDEF` as bytes: percent-encoding writes uppercase (RFC 3986 §2.1).
    public static let uppercaseDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Appends the two digits of `byte`.
    public static func append(_ byte: UInt8, uppercase: Bool = false, to out: inout [UInt8]) {
        let digits = uppercase ? uppercaseDigits : lowercaseDigits
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0F)])
    }

    /// Appends the two digits of `byte`.
    public static func append(_ byte: UInt8, uppercase: Bool = false, to out: inout String) {
        let digits = uppercase ? uppercaseDigits : lowercaseDigits
        out.unicodeScalars.append(Unicode.Scalar(digits[Int(byte >> 4)]))
        out.unicodeScalars.append(Unicode.Scalar(digits[Int(byte & 0x0F)]))
    }

    /// Two digits per byte, no separators.
    public static func encode(_ bytes: some Sequence<UInt8>, uppercase: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes { append(byte, uppercase: uppercase, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes that pairs of digits (either case) spell; nil for an odd count or a non-digit.
    public static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 2)
        var high: UInt8?
        for byte in text {
            guard let digit = value(of: byte) else { return nil }
            if let first = high {
                out.append(first << 4 | digit)
                high = nil
            } else {
                high = digit
            }
        }
        return out
    }

    /// The value of one hex digit (`0-9`, `a-f`, `A-F`), or nil.
    public static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
