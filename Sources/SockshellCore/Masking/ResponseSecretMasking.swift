/// Hides the credential in the daemon's answer to `POST /auth`: the `IdentityToken` a registry may
/// hand back is as good as a password. The status text stays, so a recording still says whether
/// the login worked.
public enum ResponseSecretMasking {
    /// The answer with a non-empty `IdentityToken` value replaced by `***` and Content-Length
    /// corrected; unchanged when there is none (or the body is not a JSON object).
    public static func maskAuthAnswer(_ response: [UInt8]) -> [UInt8] {
        guard let split = HeadEditing.headEnd(response) else { return response }
        let body = Array(response[split.bodyStart...])
        guard let masked = maskAuthAnswerBody(body) else { return response }
        return HeadEditing.fixingContentLength(Array(response[..<split.bodyStart]) + masked)
    }

    /// The body of a `POST /auth` answer with its IdentityToken masked; nil when it holds none.
    public static func maskAuthAnswerBody(_ body: [UInt8]) -> [UInt8]? {
        guard case .object(let members)? = try? JSONValue.parse(body),
            members.contains(where: { $0.key == "IdentityToken" && $0.value != .string("") })
        else { return nil }
        let masked = members.map { member in
            member.key == "IdentityToken" ? JSONMember(key: member.key, value: .string(SecretPolicy.mask)) : member
        }
        var text = Array(JSONQuery.render(.object(masked)).utf8)
        if body.last == 0x0A { text.append(0x0A) }
        return text
    }
}
