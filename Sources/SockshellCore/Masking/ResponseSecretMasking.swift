/// Hides the credential in the daemon's answer to `POST /auth`: the `IdentityToken` a registry may
/// hand back is as good as a password. The status text stays, so a recording still says whether
/// the login worked.
public enum ResponseSecretMasking {
    /// The answer with a non-empty `IdentityToken` value replaced by `***` and Content-Length
    /// corrected; unchanged when there is none (or the body is not a JSON object).
    public static func maskAuthAnswer(_ response: [UInt8]) -> [UInt8] {
        guard let split = HeadEditing.headEnd(response) else { return response }
        let body = Array(response[split.bodyStart...])
        guard case .object(let members)? = try? JSONValue.parse(body),
            members.contains(where: { $0.key == "IdentityToken" && $0.value != .string("") })
        else { return response }
        let masked = members.map { member in
            member.key == "IdentityToken" ? JSONMember(key: member.key, value: .string(SecretPolicy.mask)) : member
        }
        var text = Array(JSONQuery.render(.object(masked)).utf8)
        if body.last == 0x0A { text.append(0x0A) }
        return HeadEditing.fixingContentLength(Array(response[..<split.bodyStart]) + text)
    }
}
