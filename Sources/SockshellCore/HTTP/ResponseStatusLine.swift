/// The status line of a response: `HTTP/x.y SP 3DIGIT [SP reason]` (RFC 9112 §4).
struct ResponseStatusLine: Sendable, Equatable {
    /// The protocol version as sent, e.g. `HTTP/1.1`.
    var version: String
    var major: Int
    var minor: Int
    var status: Int
    var reason: String

    /// `HTTP/` d `.` d SP ddd: the fixed-width part every status line starts with.
    private static let fixedLength = 12

    /// Parses a complete status line given without its line ending.
    static func parse(_ line: ArraySlice<UInt8>) throws(LineProblem) -> ResponseStatusLine {
        try checkFixedPart(line, isComplete: true)
        let bytes = Array(line)
        // checkFixedPart guarantees the twelve fixed bytes and that the digits are digits.
        let digit = { (byte: UInt8) in ParserByte.decimalValue(byte) ?? 0 }
        let major = digit(bytes[5])
        let minor = digit(bytes[7])
        let status = bytes[9...11].reduce(0) { $0 * 10 + digit($1) }
        // An empty reason after the space ("HTTP/1.1 200 ") and no reason at all are both fine.
        let reason = bytes.count > fixedLength ? bytes[(fixedLength + 1)...] : []
        if reason.contains(where: { !isReasonByte($0) }) {
            throw LineProblem(message: "the server sent a status line whose reason phrase contains a control character")
        }
        return ResponseStatusLine(
            version: ParserByte.text(bytes[0..<8]), major: major, minor: minor, status: status,
            reason: ParserByte.text(reason))
    }

    /// How many leading bytes `checkPrefix` can judge: the fixed part and the byte after it.
    static let checkedPrefixLength = fixedLength + 1

    /// Checks the first bytes of a status line that is still arriving, so a peer that is not an
    /// HTTP server (an SSH banner, a TLS record) is reported at once rather than after a line limit.
    static func checkPrefix(_ partial: ArraySlice<UInt8>) throws(LineProblem) {
        try checkFixedPart(partial, isComplete: false)
    }

    private static func checkFixedPart(_ line: ArraySlice<UInt8>, isComplete: Bool) throws(LineProblem) {
        let pattern = Array("HTTP/0.0 000".utf8)
        for (offset, byte) in zip(0..<fixedLength, line) {
            let expected = pattern[offset]
            let fits = expected == UInt8(ascii: "0") ? ParserByte.decimalValue(byte) != nil : byte == expected
            if !fits { throw problem(at: offset) }
        }
        if line.count < fixedLength {
            if isComplete { throw problem(at: line.count) }
            return
        }
        if line.count > fixedLength {
            let next = line[line.startIndex + fixedLength]
            let endsHere = !isComplete && next == ParserByte.cr && line.count == fixedLength + 1
            if next != ParserByte.space && !endsHere {
                throw LineProblem(message: "the server sent a status line with no space between the three-digit status code and the reason phrase")
            }
        }
        let first = line[line.startIndex + 9]
        if first == UInt8(ascii: "0") {
            throw LineProblem(message: "the server sent a status code below 100, which HTTP does not define")
        }
    }

    private static func problem(at offset: Int) -> LineProblem {
        switch offset {
        case 0..<5:
            return LineProblem(message: "the server sent a malformed status line: the response does not start with \"HTTP/\"")
        case 5..<8:
            return LineProblem(message: "the server sent a malformed status line: the version is not of the form HTTP/x.y")
        case 8:
            return LineProblem(message: "the server sent a malformed status line: the version is not followed by a single space")
        default:
            return LineProblem(message: "the server sent a malformed status line: the status code is not three digits")
        }
    }

    /// reason-phrase = *( HTAB / SP / VCHAR / obs-text )
    private static func isReasonByte(_ byte: UInt8) -> Bool {
        byte == ParserByte.tab || (byte >= 0x20 && byte != 0x7F)
    }
}
