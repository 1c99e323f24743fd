/// Hides credentials in a request's bytes before they are written to disk: the values of the
/// secret headers (`SecretPolicy.secretHeaders`) and the JSON body of `POST /auth`. Field names
/// stay, so a recording still shows what kind of credential was sent; every other byte is kept.
public enum RequestSecretMasking {
    /// The request bytes with every credential masked, and Content-Length corrected if the body changed length.
    ///
    /// The input is one request as sent: request line, header lines (CRLF or bare LF), a blank line,
    /// then the body. Without a blank line only the secret header lines found are masked. Empty
    /// header values and an empty body stay empty: they hold nothing to hide.
    public static func mask(_ request: [UInt8]) -> [UInt8] {
        let head = MessageHead.split(request)
        let (lines, bodyStart) = (head.lines, head.bodyStart)
        var edits: [Edit] = []
        var continuesSecret = false  // an obs-fold line (leading space) continues the field above it
        for line in lines {
            if isBlank(request[line.lowerBound]) {
                let value = trimmed(request, line.lowerBound..<line.upperBound)
                if continuesSecret, !value.isEmpty { edits.append(Edit(range: value, bytes: maskBytes)) }
                continue
            }
            guard let field = headerField(request, line) else {
                continuesSecret = false
                continue
            }
            continuesSecret = isSecret(field.name)
            guard continuesSecret, !field.value.isEmpty else { continue }
            let value = String(decoding: request[field.value], as: UTF8.self)
            let masked = SecretPolicy.maskHeaderValue(name: field.name, value: value)
            if masked != value { edits.append(Edit(range: field.value, bytes: Array(masked.utf8))) }
        }
        if let bodyStart, bodyStart < request.count, let requestLine = lines.first,
            SecretPolicy.isAuthRequest(request[requestLine])
        {
            let body = request[bodyStart...]
            let masked = Array(SecretPolicy.maskJSONText(body).utf8)
            if masked.count != body.count {
                for line in lines {
                    if let field = headerField(request, line), HeaderField.namesMatch(field.name, "content-length") {
                        edits.append(Edit(range: field.value, bytes: Array(String(masked.count).utf8)))
                    }
                }
            }
            edits.append(Edit(range: bodyStart..<request.count, bytes: masked))
        }
        return apply(edits, to: request)
    }

    /// Where a request about to be sent carries the mask in place of a credential (a line recalled
    /// from history after a restart, a masked recording or `export script`): `Authorization`
    /// and friends valued `***` or `Scheme ***`, a registry header whose JSON holds `"***"`, or
    /// a `POST /auth` body that does; nil when it carries none. Sending it would hand the daemon
    /// `***` as the password.
    public static func maskedCredential(in request: [UInt8]) -> String? {
        let head = MessageHead.split(request)
        let (lines, bodyStart) = (head.lines, head.bodyStart)
        for line in lines.dropFirst() {
            guard let field = headerField(request, line) else { continue }
            let value = String(decoding: request[field.value], as: UTF8.self)
            if let place = SecretPolicy.maskedPlace(headerName: field.name, value: value) { return place }
        }
        if let bodyStart, bodyStart < request.count, let requestLine = lines.first,
            SecretPolicy.isAuthRequest(request[requestLine]),
            let json = try? JSONValue.parse(request[bodyStart...]), SecretPolicy.holdsMask(json)
        {
            return "the POST /auth body"
        }
        return nil
    }

    // MARK: - Request head

    private static let maskBytes = SecretPolicy.maskBytes

    private static func isSecret(_ name: String) -> Bool {
        SecretPolicy.isSecret(headerName: name)
    }

    private struct Edit {
        var range: Range<Int>
        var bytes: [UInt8]
    }

    /// `name: value` with the value's surrounding spaces and tabs left out of its range. Spaces
    /// before the colon are not allowed by HTTP but are tolerated so such a secret still gets masked.
    private static func headerField(_ bytes: [UInt8], _ line: Range<Int>) -> (name: String, value: Range<Int>)? {
        guard let colon = bytes[line].firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let name = trimmed(bytes, line.lowerBound..<colon)
        guard !name.isEmpty else { return nil }
        return (String(decoding: bytes[name], as: UTF8.self), trimmed(bytes, colon + 1..<line.upperBound))
    }

    private static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isBlank(bytes[lower]) { lower += 1 }
        while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func apply(_ edits: [Edit], to bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var cursor = 0
        for edit in edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            out += bytes[cursor..<edit.range.lowerBound]
            out += edit.bytes
            cursor = edit.range.upperBound
        }
        out += bytes[cursor...]
        return out
    }
}
