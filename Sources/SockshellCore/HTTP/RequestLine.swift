/// `method SP request-target SP HTTP-version` (RFC 9112 §3), judged strictly: one SP between the
/// parts, a token method, a target in one of the four forms of §3.2 with no control or non-ASCII
/// byte, and HTTP/1.0 or HTTP/1.1. Offsets in violations count from the line's first byte.
struct RequestLine: Sendable, Equatable {
    var method: String
    /// Exactly as sent, e.g. `/v1.41/containers/json?all=1`.
    var target: String
    var major: Int
    var minor: Int

    /// Parses a complete request-line given without its line ending (no CR in it).
    static func parse(_ line: ArraySlice<UInt8>) throws(ProtocolViolation) -> RequestLine {
        try checkMethodPrefix(line)
        let bytes = Array(line)
        guard let firstSpace = bytes.firstIndex(of: ParserByte.space) else {
            throw ProtocolViolation(.requestLine("no space after the method"), at: bytes.count)
        }
        if firstSpace == 0 { throw notAMethod(at: 0) }
        let targetStart = firstSpace + 1
        guard let secondSpace = bytes[targetStart...].firstIndex(of: ParserByte.space) else {
            throw ProtocolViolation(.requestLine("no space and HTTP version after the request-target"), at: bytes.count)
        }
        if secondSpace == targetStart {
            throw ProtocolViolation(.requestLine("more than one space after the method"), at: secondSpace)
        }
        let target = bytes[targetStart..<secondSpace]
        if let bad = target.firstIndex(where: { $0 <= 0x20 || $0 >= 0x7F }) {
            throw ProtocolViolation(
                .requestTarget("a control character or a non-ASCII byte; percent-encode it"), at: bad)
        }
        // The version before the target's form: an HTTP/2 preface (PRI * HTTP/2.0) is answered 505.
        let version = bytes[(secondSpace + 1)...]
        let (major, minor) = try parseVersion(version, at: secondSpace + 1)
        let method = ParserByte.text(bytes[..<firstSpace])
        if let problem = formProblem(method: method, target: target) {
            throw ProtocolViolation(.requestTarget(problem), at: targetStart)
        }
        return RequestLine(method: method, target: ParserByte.text(target), major: major, minor: minor)
    }

    /// Rejects a request-line whose method is not a token as soon as its first bytes show it (TLS
    /// or a stray protocol), rather than after a line ending that may never come. A CR at the
    /// very end may start the line ending and is not judged.
    static func checkMethodPrefix(_ partial: ArraySlice<UInt8>) throws(ProtocolViolation) {
        for index in partial.indices {
            let byte = partial[index]
            let at = index - partial.startIndex
            if byte == ParserByte.space { return }
            if byte == ParserByte.cr {
                if index == partial.endIndex - 1 { return }
                throw ProtocolViolation(.bareCR, at: at)
            }
            if !HTTPToken.isTokenByte(byte) { throw notAMethod(at: at) }
        }
    }

    private static func notAMethod(at offset: Int) -> ProtocolViolation {
        ProtocolViolation(
            .requestLine("it does not start with a method, a token such as GET, then one space"), at: offset)
    }

    /// Which of §3.2's forms the target must take for this method, if it does not.
    private static func formProblem(method: String, target: ArraySlice<UInt8>) -> String? {
        if target.first == UInt8(ascii: "/") { return nil }  // origin-form
        if target.elementsEqual("*".utf8) {
            return method == "OPTIONS" ? nil : "* is the target of OPTIONS only"
        }
        if method == "CONNECT" {
            // authority-form: host:port
            return target.contains(ParserByte.colon) ? nil : "CONNECT takes host:port"
        }
        // absolute-form: scheme ":" …, the scheme ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
        if let colon = target.firstIndex(of: ParserByte.colon), colon > target.startIndex,
            target[target.startIndex].isASCIILetter,
            target[target.startIndex..<colon].allSatisfy({
                $0.isASCIILetter || ParserByte.decimalValue($0) != nil || $0 == UInt8(ascii: "+")
                    || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
            })
        {
            return nil
        }
        return "it starts with neither / nor a URI scheme"
    }

    /// `HTTP/1.0` or `HTTP/1.1`; another `HTTP/x.y` is an unsupported version (answered 505).
    private static func parseVersion(_ version: ArraySlice<UInt8>, at start: Int) throws(ProtocolViolation) -> (
        Int, Int
    ) {
        let bytes = Array(version)
        guard bytes.count == 8, bytes.starts(with: "HTTP/".utf8), let major = ParserByte.decimalValue(bytes[5]),
            bytes[6] == UInt8(ascii: "."), let minor = ParserByte.decimalValue(bytes[7])
        else {
            if let space = bytes.firstIndex(of: ParserByte.space) {
                throw ProtocolViolation(.requestLine("more than two spaces"), at: start + space)
            }
            throw ProtocolViolation(.requestLine("it does not end with an HTTP version such as HTTP/1.1"), at: start)
        }
        guard major == 1, minor <= 1 else {
            throw ProtocolViolation(.unsupportedVersion(ParserByte.text(version)), at: start)
        }
        return (major, minor)
    }
}

extension UInt8 {
    fileprivate var isASCIILetter: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
    }
}
