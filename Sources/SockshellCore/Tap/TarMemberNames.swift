/// The member names of a tar stream read in pieces (a build context as a client uploads it), so
/// the tap can say what a 30 MiB upload holds instead of showing it. Reads only the 512-byte
/// headers (name at 0, size in octal at 124, ustar prefix at 345) and skips the data between them.
struct TarMemberNames: Sendable {
    static let blockSize = 512
    /// Names kept for the summary; a context with thousands of files is summed up by count.
    static let namesKept = 8

    private(set) var names: [String] = []
    private(set) var memberCount = 0
    /// Not a tar after all (a header that does not parse): stop looking.
    private(set) var failed = false
    private var header: [UInt8] = []
    /// Data bytes (padded to whole blocks) of the current member still to skip.
    private var skipping = 0
    private var ended = false

    mutating func feed(_ bytes: ArraySlice<UInt8>) {
        var rest = bytes
        while !rest.isEmpty, !failed, !ended {
            if skipping > 0 {
                let skipped = min(skipping, rest.count)
                skipping -= skipped
                rest = rest.dropFirst(skipped)
                continue
            }
            let take = min(Self.blockSize - header.count, rest.count)
            header += rest.prefix(take)
            rest = rest.dropFirst(take)
            if header.count == Self.blockSize { readHeader() }
        }
    }

    private mutating func readHeader() {
        defer { header = [] }
        // Two zero blocks end the archive; one is enough to stop reading.
        if header.allSatisfy({ $0 == 0 }) {
            ended = true
            return
        }
        let sizeField = header[124..<136].prefix { $0 != 0 && $0 != 0x20 }
        guard let size = Int(String(decoding: sizeField, as: UTF8.self), radix: 8), size >= 0 else {
            failed = true
            return
        }
        let name = Self.text(header[0..<100])
        let prefix = header[257..<263].elementsEqual("ustar".utf8 + [0]) ? Self.text(header[345..<500]) : ""
        memberCount += 1
        if names.count < Self.namesKept { names.append(prefix.isEmpty ? name : prefix + "/" + name) }
        skipping = (size + Self.blockSize - 1) / Self.blockSize * Self.blockSize
    }

    private static func text(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// `a tar of 3 files: Dockerfile, hello.txt, src/` (the first few names).
    var summary: String? {
        guard !failed, memberCount > 0 else { return nil }
        let more = memberCount > names.count ? ", …" : ""
        let noun = memberCount == 1 ? "entry" : "entries"
        return "a tar of \(memberCount) \(noun): \(names.joined(separator: ", "))\(more)"
    }
}
