/// The method and target of request bytes typed by hand (`raw`, an edited request), read loosely:
/// they are sent as they are, right or wrong, and these only label the exchange and tell the
/// response parser whether a body follows (`HEAD`). `RequestLine` is the strict reading, for
/// requests that `serve` receives.
public struct TypedRequestLine: Sendable, Equatable {
    /// The first word, up to a space or the line's end; empty when the bytes start with one.
    public var method: String
    /// The second word of the first line; `/` when there is none.
    public var target: String

    public init(_ bytes: some Collection<UInt8>) {
        let line = bytes.prefix { $0 != ParserByte.cr && $0 != ParserByte.lf }
        method = String(decoding: line.prefix { $0 != ParserByte.space }, as: UTF8.self)
        let words = line.split(separator: ParserByte.space)
        target = words.count > 1 ? String(decoding: words[1], as: UTF8.self) : "/"
    }
}
