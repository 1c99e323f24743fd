/// A set of byte values, 256 bits wide: the character sets percent-encoding keeps as themselves.
public struct ByteSet: Sendable, Equatable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    public init() {}

    public init(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { insert(byte) }
    }

    public init(_ ranges: ClosedRange<UInt8>...) {
        for range in ranges {
            for byte in range { insert(byte) }
        }
    }

    public func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << (byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    public mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << (byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    public func union(_ other: ByteSet) -> ByteSet {
        var result = self
        for byte in UInt8.min...UInt8.max where other.contains(byte) { result.insert(byte) }
        return result
    }

    public func subtracting(_ other: ByteSet) -> ByteSet {
        var result = ByteSet()
        for byte in UInt8.min...UInt8.max where contains(byte) && !other.contains(byte) { result.insert(byte) }
        return result
    }

    public static func == (lhs: ByteSet, rhs: ByteSet) -> Bool {
        lhs.words == rhs.words
    }
}

extension ByteSet {
    /// RFC 3986 §2.3 unreserved: ALPHA DIGIT `-._~` (curl's `--data-urlencode` keeps only these).
    public static let unreserved = ByteSet(
        UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9")
    ).union(ByteSet(Array("-._~".utf8)))

    /// Visible ASCII, `!` through `~`: no space, no control, no byte above 0x7E.
    public static let visibleASCII = ByteSet(0x21...0x7E)

    /// What a typed request-target may hold as is: visible ASCII except the bytes RFC 3986 never
    /// allows in a URI (`"<>\^`{|}`). `%` stays, so existing `%XX` escapes are sent as typed.
    public static let requestTarget = visibleASCII.subtracting(ByteSet(Array(#""<>\^`{|}"#.utf8)))
}
