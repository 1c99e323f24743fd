/// How a final response's body is delimited and whether the connection survives it
/// (RFC 9112 §6.3 message body length, §9.3 persistence).
enum MessageFraming {
    /// A framing header the parser cannot accept, and which field showed it.
    struct Problem: Error, Sendable {
        var kind: MessageParseError.Kind
        var message: String
        var fieldIndex: Int
        /// The RFC 9112 rule it breaks; the sentence is then the violation's, at the field's line.
        var rule: ProtocolViolation.Rule?
    }

    /// The body framing of a final (non-1xx, or 101) response to `requestMethod`.
    static func framing(status: Int, requestMethod: String, fields: HTTPFields) throws(Problem) -> BodyFraming {
        if status == 101 { return .tunnel }
        if requestMethod == "CONNECT" && (200...299).contains(status) { return .tunnel }
        // Rule 1: these never have content, whatever Content-Length says.
        if requestMethod == "HEAD" || (100...199).contains(status) || status == 204 || status == 304 {
            return .none
        }
        let transferEncoding = fields.indices.filter { isNamed(fields[$0], "transfer-encoding") }
        let contentLength = fields.indices.filter { isNamed(fields[$0], "content-length") }
        if let te = transferEncoding.first, !contentLength.isEmpty {
            throw Problem(
                kind: .conflictingFraming,
                message: "the response has both Transfer-Encoding and Content-Length, which HTTP/1.1 forbids",
                fieldIndex: te, rule: .transferEncodingWithContentLength)
        }
        if !transferEncoding.isEmpty {
            let codings = transferEncoding.flatMap { listElements(fields[$0].value) }
            // Only a final chunked coding delimits the body; otherwise it runs until close.
            let last = codings.last.map { codingName($0) } ?? ""
            return last == "chunked" ? .chunked : .untilClose
        }
        if !contentLength.isEmpty {
            return .contentLength(try length(from: fields, at: contentLength))
        }
        return .untilClose
    }

    /// Whether the connection may carry another request after this response.
    static func keepAlive(major: Int, minor: Int, fields: HTTPFields, framing: BodyFraming) -> Bool {
        switch framing {
        case .untilClose, .tunnel:
            return false
        case .none, .contentLength, .chunked:
            break
        }
        let options = fields.filter { isNamed($0, "connection") }.flatMap { listElements($0.value) }.map {
            $0.lowercased()
        }
        if options.contains("close") { return false }
        if major > 1 || (major == 1 && minor >= 1) { return true }
        // RFC 9112 §6.1: an HTTP/1.0 message with Transfer-Encoding has faulty framing; close after it.
        if fields.contains(where: { isNamed($0, "transfer-encoding") }) { return false }
        return options.contains("keep-alive")
    }

    /// The body framing of a request (RFC 9112 §6.3): a final chunked coding, a Content-Length,
    /// or none; a request is never read until close. `offsets` says where each field's line
    /// starts in the request, for the violation's byte.
    static func requestFraming(fields: HTTPFields, at offsets: [Int]) throws(ProtocolViolation) -> RequestBodyFraming {
        let codingFields = fields.indices.filter { isNamed(fields[$0], "transfer-encoding") }
        let codings = codingFields.flatMap { codingNames(fields[$0].value) }
        let lengths = fields.indices.filter { isNamed(fields[$0], "content-length") }
        if let firstCoding = codingFields.first {
            if let firstLength = lengths.first {
                throw ProtocolViolation(.transferEncodingWithContentLength, at: offsets[max(firstCoding, firstLength)])
            }
            // Only a final chunked coding delimits a request body.
            guard codings.last?.lowercased() == "chunked" else {
                throw ProtocolViolation(.requestCodingNotChunked, at: offsets[codingFields.last ?? firstCoding])
            }
            return .chunked
        }
        guard !lengths.isEmpty else { return .none }
        // One over the limit is refused with 413 by the reader.
        var agreed: Int?
        for index in lengths {
            for element in fields[index].value.split(separator: ",", omittingEmptySubsequences: false) {
                guard let value = decimal(String(element).trimmingHTTPWhitespace()) else {
                    throw ProtocolViolation(.contentLength("not a non-negative decimal number"), at: offsets[index])
                }
                if let agreed, agreed != value {
                    throw ProtocolViolation(
                        .contentLength("differing values \(agreed) and \(value)"), at: offsets[index])
                }
                agreed = value
            }
        }
        let length = agreed ?? 0
        return length == 0 ? .none : .contentLength(length)
    }

    /// Content-Length: digits only; a list (or repeated fields) of one value is that value.
    private static func length(from fields: HTTPFields, at indices: [Int]) throws(Problem) -> Int {
        var agreed: (value: Int, text: String)?
        for index in indices {
            let elements = fields[index].value.split(separator: ",", omittingEmptySubsequences: false)
            for element in elements {
                let text = String(element).trimmingHTTPWhitespace()
                guard let value = decimal(text) else {
                    throw Problem(
                        kind: .badContentLength,
                        message:
                            """
                            the Content-Length \(quoted(fields[index].value)) is not a non-negative decimal number \
                            that fits in 64 bits
                            """,
                        fieldIndex: index,
                        rule: .contentLength(
                            "\(quoted(fields[index].value)) is not a decimal number that fits in 64 bits"))
                }
                if let agreed, agreed.value != value {
                    throw Problem(
                        kind: .badContentLength,
                        message: "the response has differing Content-Length values \(agreed.text) and \(text)",
                        fieldIndex: index, rule: .contentLength("differing values \(agreed.text) and \(text)"))
                }
                agreed = (value, text)
            }
        }
        return agreed?.value ?? 0
    }

    private static func decimal(_ text: String) -> Int? {
        guard !text.isEmpty else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard let digit = ParserByte.decimalValue(byte) else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    private static func isNamed(_ field: HeaderField, _ lowercaseName: String) -> Bool {
        field.hasName(lowercaseName)
    }

    /// RFC 9110 §5.6.1 lists: comma-separated, whitespace around elements, empty elements ignored.
    static func listElements(_ value: String) -> [String] {
        value.split(separator: ",").map { String($0).trimmingHTTPWhitespace() }.filter { !$0.isEmpty }
    }

    /// A request's Transfer-Encoding codings: each element's name before any `;`, trimmed, empty ones dropped.
    private static func codingNames(_ value: String) -> [String] {
        value.split(separator: ",").compactMap { element in
            let name = element.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = String(name).trimmingHTTPWhitespace()
            return trimmed.isEmpty ? nil : trimmed
        }
    }

    /// `chunked` from `chunked`, `gzip` from `gzip;q=1`: the coding name, lowercased.
    private static func codingName(_ element: String) -> String {
        let name = element.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return String(name).trimmingHTTPWhitespace().lowercased()
    }

    /// Quoted for a message, cut short so a hostile value cannot flood the terminal.
    private static func quoted(_ value: String) -> String {
        let cut = value.count > 32 ? String(value.prefix(32)) + "…" : value
        // Control characters from the wire must not reach a terminal through a message.
        let shown = String(cut.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        return "\"\(shown)\""
    }
}

extension String {
    /// Without leading and trailing SP and HTAB (HTTP's OWS).
    fileprivate func trimmingHTTPWhitespace() -> String {
        let bytes = Array(utf8)
        return ParserByte.text(ParserByte.trimmingWhitespace(bytes[...]))
    }
}
