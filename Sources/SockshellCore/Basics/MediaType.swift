/// Questions asked of a `Content-Type` value.
public enum MediaType {
    /// Whether the media type names JSON anywhere (`application/json`, `application/x-json-stream`,
    /// `application/vnd.docker.plugins.v1+json`), ignoring ASCII case. Asked of every response, so it
    /// looks at the bytes in place: `lowercased().contains("json")` built a string and ran a generic
    /// substring search, 6% of a keep-alive ping's time.
    public static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let json: (UInt8, UInt8, UInt8, UInt8) = (0x6A, 0x73, 0x6F, 0x6E)  // "json"
        var recent: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        for byte in contentType.utf8 {
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            recent = (recent.1, recent.2, recent.3, lower)
            if recent == json { return true }
        }
        return false
    }

    /// Whether the media type starts with `prefix` (given in lower case), ignoring ASCII case, without
    /// building a lower-cased copy: the wire and pretty views ask it of every response.
    public static func isNamed(_ contentType: String?, startingWith prefix: StaticString) -> Bool {
        guard let contentType else { return false }
        let wanted = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        var bytes = contentType.utf8.makeIterator()
        for expected in wanted {
            guard let byte = bytes.next() else { return false }
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            if lower != expected { return false }
        }
        return true
    }
}
