/// Limits that keep a hostile or broken server from making the parser buffer without bound.
public struct HTTPLimits: Sendable, Equatable {
    /// One status or header line. Go's net/http allows 1 MiB for the whole head; real Docker
    /// headers are under 200 bytes, so 64 KiB leaves ample room while bounding a runaway line.
    public var maxHeaderLineBytes: Int
    /// The whole head (status line, headers, blank line): Go's DefaultMaxHeaderBytes is 1 MiB.
    public var maxHeadBytes: Int
    /// Header fields in one head; daemons send about ten.
    public var maxHeaderCount: Int
    /// A chunk-size line with extensions; sizes are at most 16 hex digits, extensions are rare.
    public var maxChunkLineBytes: Int

    public init(maxHeaderLineBytes: Int, maxHeadBytes: Int, maxHeaderCount: Int, maxChunkLineBytes: Int) {
        self.maxHeaderLineBytes = maxHeaderLineBytes
        self.maxHeadBytes = maxHeadBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxChunkLineBytes = maxChunkLineBytes
    }

    public static let standard = HTTPLimits(
        maxHeaderLineBytes: 64 * 1024,
        maxHeadBytes: 1024 * 1024,
        maxHeaderCount: 256,
        maxChunkLineBytes: 4 * 1024
    )
}
