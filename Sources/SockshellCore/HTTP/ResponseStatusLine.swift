/// The status line of a response: `HTTP-version SP status-code SP [reason-phrase]` (RFC 9112 §4),
/// judged strictly: HTTP/1.0 or HTTP/1.1, one SP each side of a code from 100 to 599, the space
/// after the code always there (the reason may be empty). Offsets in violations count from the
/// line's first byte.
struct ResponseStatusLine: Sendable, Equatable {
    /// The protocol version as sent, e.g. `HTTP/1.1`.
    var version: String
    var major: Int
    var minor: Int
    var status: Int
    var reason: String

    /// `HTTP/` d `.` d SP ddd SP: the fixed-width part every status line starts with.
    private static let fixedLength = 13

    /// Parses a complete status line given without its line ending (no CR in it).
    static func parse(_ line: ArraySlice<UInt8>) throws(ProtocolViolation) -> ResponseStatusLine {
        try checkFixedPart(line, isComplete: true)
        let bytes = Array(line)
        // checkFixedPart guarantees the fixed bytes and that the digits are digits.
        let digit = { (byte: UInt8) in ParserByte.decimalValue(byte) ?? 0 }
        let status = bytes[9...11].reduce(0) { $0 * 10 + digit($1) }
        let reason = bytes[fixedLength...]
        if let bad = reason.firstIndex(where: { !isReasonByte($0) }) {
            throw ProtocolViolation(.statusLine("a control character in the reason phrase"), at: bad)
        }
        return ResponseStatusLine(
            version: ParserByte.text(bytes[0..<8]), major: digit(bytes[5]), minor: digit(bytes[7]), status: status,
            reason: ParserByte.text(reason))
    }

    /// How many leading bytes `checkPrefix` can judge.
    static let checkedPrefixLength = fixedLength

    /// Checks the first bytes of a status line that is still arriving, so a peer that is not an
    /// HTTP server (an SSH banner, a TLS record) is reported at once rather than after a line limit.
    /// A CR that may start the line ending is not judged here.
    static func checkPrefix(_ partial: ArraySlice<UInt8>) throws(ProtocolViolation) {
        try checkFixedPart(partial, isComplete: false)
    }

    private static func checkFixedPart(_ line: ArraySlice<UInt8>, isComplete: Bool) throws(ProtocolViolation) {
        let pattern = Array("HTTP/0.0 000 ".utf8)
        for (offset, byte) in zip(0..<fixedLength, line) {
            let expected = pattern[offset]
            let fits = expected == UInt8(ascii: "0") ? ParserByte.decimalValue(byte) != nil : byte == expected
            if !fits {
                // A CR at the end of a line still arriving may be its line ending: judged once complete.
                if !isComplete && byte == ParserByte.cr && offset == line.count - 1 { return }
                throw problem(at: offset, line: line)
            }
            if offset == 7 { try checkVersion(line) }
            if offset == 11 { try checkCode(line) }
        }
        if isComplete && line.count < fixedLength { throw problem(at: line.count, line: line) }
    }

    private static func checkVersion(_ line: ArraySlice<UInt8>) throws(ProtocolViolation) {
        let major = line[line.startIndex + 5]
        let minor = line[line.startIndex + 7]
        if major != UInt8(ascii: "1") || (minor != UInt8(ascii: "0") && minor != UInt8(ascii: "1")) {
            throw ProtocolViolation(.unsupportedVersion(ParserByte.text(line.prefix(8))), at: 0)
        }
    }

    private static func checkCode(_ line: ArraySlice<UInt8>) throws(ProtocolViolation) {
        let digits = line[(line.startIndex + 9)...(line.startIndex + 11)]
        let code = digits.reduce(0) { $0 * 10 + (ParserByte.decimalValue($1) ?? 0) }
        if !(100...599).contains(code) { throw ProtocolViolation(.statusCode(code), at: 9) }
    }

    private static func problem(at offset: Int, line: ArraySlice<UInt8>) -> ProtocolViolation {
        let what: String
        switch offset {
        case 0..<5: what = "it does not start with \"HTTP/\""
        case 5..<8: what = "the version is not of the form HTTP/x.y"
        case 8: what = "the version is not followed by a single space"
        case 9..<12: what = "the status code is not three digits"
        default: what = "no space after the three-digit status code"
        }
        // More spaces than one after the version show as a non-digit at the code.
        if offset == 9, offset < line.count, ParserByte.isWhitespace(line[line.startIndex + offset]) {
            return ProtocolViolation(.statusLine("more than one space after the version"), at: offset)
        }
        return ProtocolViolation(.statusLine(what), at: offset)
    }

    /// reason-phrase = 1*( HTAB / SP / VCHAR / obs-text )
    private static func isReasonByte(_ byte: UInt8) -> Bool {
        byte == ParserByte.tab || (byte >= 0x20 && byte != 0x7F)
    }
}
