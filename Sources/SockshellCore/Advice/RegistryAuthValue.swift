/// Checks an `X-Registry-Auth` value the way the daemon reads it: base64url (RFC 4648 §5, Go's
/// `base64.URLEncoding`) of a JSON object. The daemon ignores a value that fails on a pull, so
/// the pull runs without credentials and fails later for another apparent reason.
public enum RegistryAuthValue {
    /// What is wrong with `value`, nil when the daemon can read it.
    public static func problem(_ value: String) -> Phrase? {
        let bytes = Array(value.utf8)
        if bytes.contains(UInt8(ascii: "+")) || bytes.contains(UInt8(ascii: "/")) {
            return Phrase(
                """
                it has + or /, so it is standard base64: the daemon decodes base64url (- and _ in their place), \
                so encode the JSON with base64url (base64 | tr '+/' '-_')
                """,
                ko: """
                    +나 /가 있어서 표준 base64입니다. 데몬은 base64url(그 자리에 -와 _)로 \
                    디코딩하므로 JSON을 base64url로 \
                    인코딩합니다(base64 | tr '+/' '-_')
                    """)
        }
        guard let decoded = Base64.decode(bytes) else {
            return Phrase(
                "it is not base64url: encode the JSON, e.g. {\"username\":\"me\",\"password\":\"...\"}, with base64url",
                ko: """
                    base64url이 아닙니다. {\"username\":\"me\",\"password\":\"...\"} 같은 JSON을 base64url로 \
                    인코딩합니다
                    """)
        }
        guard let json = try? JSONValue.parse(decoded), json.objectMembers != nil else {
            return Phrase(
                """
                it decodes, but not to a JSON object: the daemon wants base64url of JSON such as \
                {"username":"me","password":"..."} or {"identitytoken":"..."}
                """,
                ko: """
                    디코딩은 되지만 JSON 객체가 아닙니다. 데몬은 \
                    {"username":"me","password":"..."}나 {"identitytoken":"..."} \
                    같은 JSON의 base64url을 원합니다
                    """)
        }
        return nil
    }
}
