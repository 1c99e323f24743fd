/// A request target split the way the daemon's router reads it: a `/v1.41` prefix set aside,
/// path segments percent-decoded, query items decoded as Go's `url.ParseQuery` does (`+` is a space).
struct TargetComponents: Equatable {
    /// `v1.41` when the path started with a version, else nil.
    var version: String?
    var segments: [String]
    var query: [QueryItem]

    struct QueryItem: Equatable {
        var name: String
        var value: String
    }

    init(_ target: String) {
        var path = Substring(target)
        var queryText: Substring = ""
        if let mark = path.firstIndex(of: "?") {
            queryText = path[path.index(after: mark)...]
            path = path[..<mark]
        }
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if let first = parts.first, Self.isVersionSegment(first) {
            version = String(first)
            parts = parts.dropFirst()
        }
        // A trailing slash leaves an empty last part; the router ignores it.
        if parts.last == "" { parts = parts.dropLast() }
        segments = parts.map { Self.percentDecoded($0, plusIsSpace: false) }
        query = queryText.split(separator: "&").map { item in
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return QueryItem(
                name: Self.percentDecoded(pair[0], plusIsSpace: true),
                value: pair.count > 1 ? Self.percentDecoded(pair[1], plusIsSpace: true) : "")
        }
    }

    /// Every value given for `name`, in order (`/build?t=a&t=b` names two tags).
    func queryValues(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }

    /// `v1.41`, `v1.24`, `v2`: a `v` and then digits and dots, starting with a digit.
    /// A path or route without its `/v1.NN` prefix (`/v1.41/containers/{id}/start` is
    /// `/containers/{id}/start`); anything else as it is.
    static func withoutVersion(_ path: String) -> String {
        let rest = path.dropFirst()
        let first = rest.prefix { $0 != "/" }
        guard path.hasPrefix("/"), isVersionSegment(first) else { return path }
        let remainder = rest.dropFirst(first.count)
        return remainder.isEmpty ? "/" : String(remainder)
    }

    static func isVersionSegment(_ segment: some StringProtocol) -> Bool {
        let scalars = Array(segment.unicodeScalars)
        guard scalars.count >= 2, scalars[0] == "v", ("0"..."9").contains(scalars[1]) else { return false }
        return scalars.dropFirst().allSatisfy { ("0"..."9").contains($0) || $0 == "." }
    }

    /// `%XX` escapes decoded; a `%` not followed by two hex digits stays as it is.
    static func percentDecoded(_ text: some StringProtocol, plusIsSpace: Bool) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "%")) || (plusIsSpace && bytes.contains(UInt8(ascii: "+"))) else {
            return String(text)
        }
        return String(decoding: PercentEncoding.decode(bytes, plusIsSpace: plusIsSpace), as: UTF8.self)
    }
}
