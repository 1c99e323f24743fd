/// What sockshell counts as a credential and how it hides one: the one policy behind history,
/// recordings, HAR export and `export script`, so a secret is masked the same way wherever it is
/// written. The appliers beside it (`TypedLineMasking` for typed lines, `RequestSecretMasking` for
/// request bytes, `ResponseSecretMasking` for the answer to `POST /auth`, `ExchangeMasking` for a
/// whole exchange) only find where the secrets are; what replaces them is decided here.
public enum SecretPolicy {
    /// Headers whose values are credentials (docker-api-notes.md, Security).
    public static let secretHeaders = ["Authorization", "Proxy-Authorization", "X-Registry-Auth", "X-Registry-Config"]
    /// What a credential becomes.
    public static let mask = "***"
    static let maskBytes = Array(mask.utf8)
    private static let secretNames = Set(secretHeaders.map { $0.lowercased() })

    /// Whether a header (any case) carries a credential.
    public static func isSecret(headerName name: String) -> Bool {
        secretNames.contains(name.lowercased())
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
        guard secretNames.contains(folded), !value.isEmpty else { return value }
        switch folded {
        case "x-registry-auth", "x-registry-config":
            guard let json = maskedRegistryJSON(value) else { return mask }
            return Base64.encode(Array(JSONQuery.render(json).utf8), alphabet: .url, padding: false)
        case "authorization", "proxy-authorization":
            // `scheme credentials` (RFC 9110 §11.4): keep the scheme, hide the rest. A lone word could
            // be either, so it is hidden.
            let scalars = Array(value.unicodeScalars)
            guard let gap = scalars.firstIndex(where: { $0 == " " || $0 == "\t" }), gap > 0,
                scalars[..<gap].allSatisfy(isTokenCharacter),
                let credentials = scalars[gap...].firstIndex(where: { $0 != " " && $0 != "\t" })
            else { return mask }
            var kept = String.UnicodeScalarView()
            kept.append(contentsOf: scalars[..<credentials])
            return String(kept) + mask
        default:
            return mask
        }
    }

    /// Where a secret header's value carries the mask in place of a credential (`***`,
    /// `Scheme ***`), or its base64 JSON does: a name for the error, nil when it carries none.
    static func maskedPlace(headerName name: String, value: String) -> String? {
        guard isSecret(headerName: name), !value.isEmpty else { return nil }
        if value == mask || value.hasSuffix(" " + mask) || value.hasSuffix("\t" + mask) {
            return "the \(name) header"
        }
        if let decoded = Base64.decode(Array(value.utf8)), let json = try? JSONValue.parse(decoded), holdsMask(json) {
            return "the \(name) header's JSON"
        }
        return nil
    }

    private static func maskedRegistryJSON(_ value: String) -> JSONValue? {
        // Spaces and tabs around the value are the field's, not the base64's.
        let bytes = Array(value.utf8).drop { $0 == 0x20 || $0 == 0x09 }
        let trimmed = bytes[..<(bytes.lastIndex { $0 != 0x20 && $0 != 0x09 }.map { $0 + 1 } ?? bytes.startIndex)]
        guard let decoded = Base64.decode(Array(trimmed)), let json = try? JSONValue.parse(decoded) else { return nil }
        return maskValues(json)
    }

    // MARK: - JSON

    /// Every string, number and boolean replaced by `"***"`; names, nesting and `null` kept.
    public static func maskValues(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): .object(members.map { JSONMember(key: $0.key, value: maskValues($0.value)) })
        case .array(let elements): .array(elements.map(maskValues))
        case .string, .number, .bool: .string(mask)
        case .null: .null
        }
    }

    /// A JSON text (a `POST /auth` body) with its values masked; `***` whole when it is not JSON.
    public static func maskJSONText<Bytes: Collection<UInt8>>(_ text: Bytes) -> String {
        (try? JSONValue.parse(text)).map { JSONQuery.render(maskValues($0)) } ?? mask
    }

    /// Whether any string in the JSON is the mask.
    static func holdsMask(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let members): members.contains { holdsMask($0.value) }
        case .array(let elements): elements.contains(where: holdsMask)
        case .string(let text): text == mask
        case .number, .bool, .null: false
        }
    }

    // MARK: - POST /auth

    /// The one request whose body (a password) and answer (an `IdentityToken`) are credentials.
    public static func isAuthRequest(method: String, target: String) -> Bool {
        method == "POST" && isAuthRequest(Array("POST \(target) HTTP/1.1".utf8)[...])
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
        if let query = path.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            path = path[..<query]
        }
        if path.last == UInt8(ascii: "/") { path = path.dropLast() }
        if path.elementsEqual("/auth".utf8) { return true }
        // /v{version}/auth, the version being digits and dots as Docker's router accepts.
        guard path.starts(with: "/v".utf8), path.count > "/v/auth".utf8.count,
            path.reversed().starts(with: "/auth".utf8.reversed())
        else { return false }
        return path.dropFirst(2).dropLast(5).allSatisfy {
            $0 == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
        }
    }

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "!", "#", "$", "%", "&", "'", "*", "+", "-", ".", "^", "_", "`", "|", "~":
            true
        default: false
        }
    }
}
