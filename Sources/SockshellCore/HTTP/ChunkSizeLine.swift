/// The line that starts each chunk: `chunk-size [; chunk-ext]` (RFC 9112 §7.1).
struct ChunkSizeLine: Sendable, Equatable {
    var size: Int
    /// The extensions after the first `;`, trimmed, e.g. `name=value;other`; empty if none.
    var extensions: String

    /// Parses a complete chunk-size line given without its line ending.
    static func parse(_ line: ArraySlice<UInt8>) throws(LineProblem) -> ChunkSizeLine {
        let (size, rest) = try scanSize(line, isComplete: true)
        guard let rest else { return ChunkSizeLine(size: size, extensions: "") }
        if rest.contains(where: { $0 == 0 || $0 == ParserByte.cr }) {
            throw LineProblem(message: "the chunk extensions contain a NUL or CR byte")
        }
        return ChunkSizeLine(size: size, extensions: ParserByte.text(ParserByte.trimmingWhitespace(rest)))
    }

    /// Checks a chunk-size line that is still arriving, so a body that is not chunked after all
    /// is reported at its first byte rather than after the line limit.
    static func checkPrefix(_ partial: ArraySlice<UInt8>) throws(LineProblem) {
        _ = try scanSize(partial, isComplete: false)
    }

    /// The size, and the bytes after `;` if there is one.
    private static func scanSize(
        _ line: ArraySlice<UInt8>, isComplete: Bool
    ) throws(LineProblem) -> (Int, ArraySlice<UInt8>?) {
        var index = line.startIndex
        var size = 0
        while index < line.endIndex, let digit = ParserByte.hexValue(line[index]) {
            let (times16, overflow1) = size.multipliedReportingOverflow(by: 16)
            let (sum, overflow2) = times16.addingReportingOverflow(digit)
            if overflow1 || overflow2 {
                throw LineProblem(message: "the chunk size is too large to be a real chunk (more than \(Int.max) bytes)")
            }
            size = sum
            index += 1
        }
        if index == line.startIndex {
            if !isComplete && line.isEmpty { return (0, nil) }
            throw LineProblem(message: "the chunk-size line does not start with a hexadecimal chunk size")
        }
        while index < line.endIndex, ParserByte.isWhitespace(line[index]) { index += 1 }
        if index == line.endIndex { return (size, nil) }
        if line[index] == ParserByte.semicolon { return (size, line[(index + 1)...]) }
        if !isComplete && line[index] == ParserByte.cr && index == line.endIndex - 1 { return (size, nil) }
        throw LineProblem(message: "the chunk-size line has something other than extensions after the size")
    }
}
