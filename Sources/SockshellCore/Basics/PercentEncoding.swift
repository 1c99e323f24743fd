/// Percent-encoding (RFC 3986 §2.1): a byte outside the kept set is written `%XX`, uppercase.
/// One encoder for request-targets, `--data-urlencode` and the transcript's target word; one decoder.
public enum PercentEncoding {
    /// `bytes` with every byte not in `keeping` as `%XX`; with `spaceAsPlus` a space is `+`
    /// (HTML form encoding, as curl writes a `-G` query).
    public static func encode(_ bytes: some Sequence<UInt8>, keeping: ByteSet, spaceAsPlus: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount)
        for byte in bytes {
            if keeping.contains(byte) {
                out.append(byte)
            } else if spaceAsPlus && byte == UInt8(ascii: " ") {
                out.append(UInt8(ascii: "+"))
            } else {
                out.append(UInt8(ascii: "%"))
                Hex.append(byte, uppercase: true, to: &out)
            }
        }
        return out
    }

    /// `text` with every byte not in `keeping` as `%XX`; `text` itself when nothing needs it.
    public static func encode(_ text: String, keeping: ByteSet) -> String {
        guard !text.utf8.allSatisfy(keeping.contains) else { return text }
        return String(decoding: encode(text.utf8, keeping: keeping), as: UTF8.self)
    }

    /// `%XX` escapes decoded (either case); a `%` not followed by two hex digits stays as it is.
    /// With `plusIsSpace` a `+` is a space, as Go's `url.ParseQuery` reads a query.
    public static func decode(_ text: some Collection<UInt8>, plusIsSpace: Bool = false) -> [UInt8] {
        let bytes = Array(text)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, let high = Hex.value(of: bytes[index + 1]),
                let low = Hex.value(of: bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return out
    }
}
