/// The line-ending rule of RFC 9112 §2.2, applied to every line of a head, chunk-size line and
/// trailer section: a line ends in CRLF; a bare LF ends it only with `--lenient` (then it is named);
/// a CR anywhere else is refused, lenient or not, since peers disagree on what it means.
enum LineEnding {
    /// The content of a complete line (its LF included) that starts at `offset` in the message.
    /// - Parameter tolerated: where a bare LF accepted under `lenient` is named.
    static func content(
        of line: ArraySlice<UInt8>, at offset: Int, lenient: Bool, tolerated: inout [ProtocolViolation]
    ) throws(ProtocolViolation) -> ArraySlice<UInt8> {
        var content = line
        if content.last == ParserByte.lf { content = content.dropLast() }
        let endsWithCR = content.last == ParserByte.cr
        if endsWithCR { content = content.dropLast() }
        if let cr = content.firstIndex(of: ParserByte.cr) {
            throw ProtocolViolation(.bareCR, at: offset + (cr - line.startIndex))
        }
        if !endsWithCR && line.last == ParserByte.lf {
            let bareLF = ProtocolViolation(.bareLF, at: offset + (line.count - 1))
            guard lenient else { throw bareLF }
            tolerated.append(bareLF)
        }
        return content
    }
}
