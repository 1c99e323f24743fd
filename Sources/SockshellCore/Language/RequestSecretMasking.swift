/// Hides credentials in a request's bytes before they are written to disk: the values of the
/// secret headers (`SecretMasking.secretHeaders`) and the JSON body of `POST /auth`. Field names
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
            let masked = maskHeaderValue(name: field.name, value: value)
            if masked != value { edits.append(Edit(range: field.value, bytes: Array(masked.utf8))) }
        }
        if let bodyStart, bodyStart < request.count, let requestLine = lines.first, isAuthRequest(request[requestLine]) {
            let body = request[bodyStart...]
            let masked = (try? JSONValue.parse(body)).map { Array(JSONQuery.render(maskValues($0)).utf8) } ?? maskBytes
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
            guard let field = headerField(request, line), isSecret(field.name), !field.value.isEmpty else { continue }
            let value = String(decoding: request[field.value], as: UTF8.self)
            if value == SecretMasking.mask || value.hasSuffix(" " + SecretMasking.mask) || value.hasSuffix("\t" + SecretMasking.mask) {
                return "the \(field.name) header"
            }
            let bytes = Array(value.utf8)
            if let decoded = Base64.decode(bytes), let json = try? JSONValue.parse(decoded), holdsMask(json) {
                return "the \(field.name) header's JSON"
            }
        }
        if let bodyStart, bodyStart < request.count, let requestLine = lines.first, isAuthRequest(request[requestLine]),
            let json = try? JSONValue.parse(request[bodyStart...]), holdsMask(json)
        {
            return "the POST /auth body"
        }
        return nil
    }

    private static func holdsMask(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let members): members.contains { holdsMask($0.value) }
        case .array(let elements): elements.contains(where: holdsMask)
        case .string(let text): text == SecretMasking.mask
        case .number, .bool, .null: false
        }
    }

    /// One header value masked; the name is matched case-insensitively, other headers are unchanged.
    ///
    /// X-Registry-Auth and X-Registry-Config: the base64url JSON (standard base64 and missing
    /// padding accepted) keeps its field names, every string, number and boolean becomes `"***"`
    /// (`null` carries nothing and stays), re-encoded as base64url without padding; a value that
    /// does not decode to JSON becomes `***`. Authorization and Proxy-Authorization keep their
    /// scheme word (`Basic ***`, `Bearer ***`), else `***`. An empty value stays empty.
    public static func maskHeaderValue(name: String, value: String) -> String {
        let folded = name.lowercased()
        guard isSecret(folded), !value.isEmpty else { return value }
        switch folded {
        case "x-registry-auth", "x-registry-config":
            guard let json = maskedRegistryJSON(value) else { return SecretMasking.mask }
            return Base64.encode(Array(JSONQuery.render(json).utf8), alphabet: .url, padding: false)
        case "authorization", "proxy-authorization":
            // `scheme credentials` (RFC 9110 §11.4): keep the scheme, hide the rest. A lone word could
            // be either, so it is hidden.
            let scalars = Array(value.unicodeScalars)
            guard let gap = scalars.firstIndex(where: { $0 == " " || $0 == "\t" }), gap > 0,
                scalars[..<gap].allSatisfy(isTokenCharacter),
                let credentials = scalars[gap...].firstIndex(where: { $0 != " " && $0 != "\t" })
            else { return SecretMasking.mask }
            var kept = String.UnicodeScalarView()
            kept.append(contentsOf: scalars[..<credentials])
            return String(kept) + SecretMasking.mask
        default:
            return SecretMasking.mask
        }
    }

    /// A readable form of a registry header for a comment: the decoded JSON with its values masked,
    /// e.g. `{"username":"***","password":"***"}`; nil if the value is not base64 of JSON.
    public static func decodedRegistryJSON(_ value: String) -> String? {
        maskedRegistryJSON(value).map(JSONQuery.render)
    }

    // MARK: - JSON

    private static func maskedRegistryJSON(_ value: String) -> JSONValue? {
        let bytes = Array(value.utf8)
        guard let decoded = Base64.decode(Array(bytes[trimmed(bytes, 0..<bytes.count)])), let json = try? JSONValue.parse(decoded) else { return nil }
        return maskValues(json)
    }

    /// Every string, number and boolean replaced by `"***"`; names, nesting and `null` kept.
    static func maskValues(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): .object(members.map { JSONMember(key: $0.key, value: maskValues($0.value)) })
        case .array(let elements): .array(elements.map(maskValues))
        case .string, .number, .bool: .string(SecretMasking.mask)
        case .null: .null
        }
    }

    // MARK: - Request head

    private static let maskBytes = Array(SecretMasking.mask.utf8)
    private static let secretNames = Set(SecretMasking.secretHeaders.map { $0.lowercased() })

    private static func isSecret(_ name: String) -> Bool {
        secretNames.contains(name.lowercased())
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

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "!", "#", "$", "%", "&", "'", "*", "+", "-", ".", "^", "_", "`", "|", "~": true
        default: false
        }
    }

    /// `POST /auth`, `POST /v1.41/auth` (any query), also in absolute form. The method and a trailing
    /// slash are taken loosely: what matters is that the body may hold a password, not whether
    /// the daemon would route it.
    public static func isAuthRequest(_ line: ArraySlice<UInt8>) -> Bool {
        let words = line.split(separator: UInt8(ascii: " "))
        guard words.count >= 2, String(decoding: words[0], as: UTF8.self).uppercased() == "POST" else { return false }
        var path = words[1]
        for scheme in ["http://", "https://"] where path.starts(with: scheme.utf8) {
            path = path.dropFirst(scheme.utf8.count)
            path = path[(path.firstIndex(of: UInt8(ascii: "/")) ?? path.endIndex)...]
        }
        if let query = path.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) { path = path[..<query] }
        if path.last == UInt8(ascii: "/") { path = path.dropLast() }
        if path.elementsEqual("/auth".utf8) { return true }
        // /v{version}/auth, the version being digits and dots as Docker's router accepts.
        guard path.starts(with: "/v".utf8), path.count > "/v/auth".utf8.count, path.reversed().starts(with: "/auth".utf8.reversed()) else { return false }
        return path.dropFirst(2).dropLast(5).allSatisfy { $0 == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
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
