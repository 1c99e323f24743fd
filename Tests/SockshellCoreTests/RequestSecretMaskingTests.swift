import Testing

@testable import SockshellCore

/// The request masked, as text so a failure shows readable bytes (every input here is ASCII).
private func masked(_ request: String) -> String {
    String(decoding: RequestSecretMasking.mask(Array(request.utf8)), as: UTF8.self)
}

struct RequestSecretMaskingTests {
    // {"username":"bob","password":"hunter2","serveraddress":"https://index.docker.io/v1/"}, as
    // the Docker CLI sends it (base64url with padding).
    static let passwordAuth =
        """
        eyJ1c2VybmFtZSI6ImJvYiIsInBhc3N3b3JkIjoiaHVudGVyMiIsInNlcnZlcmFkZHJlc3MiOiJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8\
        ifQ==
        """
    // {"username":"***","password":"***","serveraddress":"***"}
    static let maskedPasswordAuth = "eyJ1c2VybmFtZSI6IioqKiIsInBhc3N3b3JkIjoiKioqIiwic2VydmVyYWRkcmVzcyI6IioqKiJ9"

    // MARK: - Registry headers

    @Test func registryAuthWithPasswordKeepsFieldNames() {
        let result = SecretPolicy.maskHeaderValue(name: "X-Registry-Auth", value: Self.passwordAuth)
        #expect(result == Self.maskedPasswordAuth)
        #expect(
            SecretPolicy.decodedRegistryJSON(result) == #"{"username":"***","password":"***","serveraddress":"***"}"#)
        #expect(
            SecretPolicy.decodedRegistryJSON(Self.passwordAuth)
                == #"{"username":"***","password":"***","serveraddress":"***"}"#)
    }

    @Test func registryAuthWithIdentityToken() {
        // {"identitytoken":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl","serveraddress":"ghcr.io"}
        let value =
            """
            eyJpZGVudGl0eXRva2VuIjoiZXlKaGJHY2lPaUpTVXpJMU5pSjkuZXlKemRXSWlPaUppYjJJaWZRLmMybG5ibUYwZFhKbCIsInNlcnZlcmF\
            kZHJlc3MiOiJnaGNyLmlvIn0=
            """
        let result = SecretPolicy.maskHeaderValue(name: "X-Registry-Auth", value: value)
        #expect(result == "eyJpZGVudGl0eXRva2VuIjoiKioqIiwic2VydmVyYWRkcmVzcyI6IioqKiJ9")
        #expect(SecretPolicy.decodedRegistryJSON(result) == #"{"identitytoken":"***","serveraddress":"***"}"#)
    }

    @Test func registryConfigKeepsServerNamesAndNesting() {
        // {"https://index.docker.io/v1/":{"username":"bob","password":"hunter2"},"ghcr.io":{"auth":"Ym9iOnNlY3JldA=="}}
        let value =
            """
            eyJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iOnsidXNlcm5hbWUiOiJib2IiLCJwYXNzd29yZCI6Imh1bnRlcjIifSwiZ2hjci5pbyI\
            6eyJhdXRoIjoiWW05aU9uTmxZM0psZEE9PSJ9fQ==
            """
        let result = SecretPolicy.maskHeaderValue(name: "X-Registry-Config", value: value)
        #expect(
            result
                == """
                eyJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iOnsidXNlcm5hbWUiOiIqKioiLCJwYXNzd29yZCI6IioqKiJ9LCJnaGNyLmlvIjp\
                7ImF1dGgiOiIqKioifX0
                """
        )
        #expect(
            SecretPolicy.decodedRegistryJSON(result)
                == #"{"https://index.docker.io/v1/":{"username":"***","password":"***"},"ghcr.io":{"auth":"***"}}"#)
    }

    @Test func registryValuesInArraysNumbersBooleansAreMaskedAndNullStays() {
        // {"a":[1,true,null,{"b":"c"}],"n":-0.5e3,"f":false,"z":null}
        let value = "eyJhIjpbMSx0cnVlLG51bGwseyJiIjoiYyJ9XSwibiI6LTAuNWUzLCJmIjpmYWxzZSwieiI6bnVsbH0="
        #expect(
            SecretPolicy.decodedRegistryJSON(value)
                == #"{"a":["***","***",null,{"b":"***"}],"n":"***","f":"***","z":null}"#)
        #expect(
            SecretPolicy.maskHeaderValue(name: "X-Registry-Auth", value: value)
                == "eyJhIjpbIioqKiIsIioqKiIsbnVsbCx7ImIiOiIqKioifV0sIm4iOiIqKioiLCJmIjoiKioqIiwieiI6bnVsbH0")
    }

    @Test(arguments: [
        // {"username":"bob","password":"?>?>~~~x"}: its standard form holds both '+' and '/'.
        "eyJ1c2VybmFtZSI6ImJvYiIsInBhc3N3b3JkIjoiPz4_Pn5-fngifQ==",  // base64url, padded (Docker CLI, docker-py)
        "eyJ1c2VybmFtZSI6ImJvYiIsInBhc3N3b3JkIjoiPz4_Pn5-fngifQ",  // base64url, unpadded
        "eyJ1c2VybmFtZSI6ImJvYiIsInBhc3N3b3JkIjoiPz4/Pn5+fngifQ==",  // standard, padded
        "eyJ1c2VybmFtZSI6ImJvYiIsInBhc3N3b3JkIjoiPz4/Pn5+fngifQ",  // standard, unpadded
        " eyJ1c2VybmFtZSI6ImJvYiIsInBhc3N3b3JkIjoiPz4_Pn5-fngifQ== ",  // spaces around
    ])
    func registryAuthAcceptsBothAlphabetsWithOrWithoutPadding(value: String) {
        #expect(
            SecretPolicy.maskHeaderValue(name: "X-Registry-Auth", value: value)
                == "eyJ1c2VybmFtZSI6IioqKiIsInBhc3N3b3JkIjoiKioqIn0")
        #expect(SecretPolicy.decodedRegistryJSON(value) == #"{"username":"***","password":"***"}"#)
    }

    @Test(arguments: [
        "aGVsbG8=",  // base64 of "hello": decodes, but not JSON
        "not base64!",
        "e30===",  // {} with one '=' too many
        "e3=0",  // padding in the middle
        "eyJ1c2VybmFtZSI6ImJvYiJ9x",  // a lone sixth bit group cannot be a byte
        "eyJ1c2VybmFtZSI6ImJvYiJ",  // base64 of a truncated object
    ])
    func registryValueThatIsNotBase64JSONBecomesStars(value: String) {
        #expect(SecretPolicy.maskHeaderValue(name: "X-Registry-Auth", value: value) == "***")
        #expect(SecretPolicy.maskHeaderValue(name: "X-Registry-Config", value: value) == "***")
        #expect(SecretPolicy.decodedRegistryJSON(value) == nil)
    }

    @Test func emptyRegistryObjectStaysEmpty() {
        #expect(SecretPolicy.maskHeaderValue(name: "X-Registry-Auth", value: "e30=") == "e30")
        #expect(SecretPolicy.decodedRegistryJSON("e30") == "{}")
    }

    // MARK: - Authorization headers

    @Test func authorizationKeepsTheSchemeWord() {
        #expect(SecretPolicy.maskHeaderValue(name: "Authorization", value: "Basic Ym9iOmh1bnRlcjI=") == "Basic ***")
        #expect(
            SecretPolicy.maskHeaderValue(name: "Authorization", value: "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig")
                == "Bearer ***")
        #expect(
            SecretPolicy.maskHeaderValue(name: "Authorization", value: #"Digest username="bob", response="6629fae4""#)
                == "Digest ***")
        #expect(
            SecretPolicy.maskHeaderValue(name: "Proxy-Authorization", value: "Basic  Ym9iOmh1bnRlcjI=") == "Basic  ***")
    }

    @Test func authorizationWithoutSchemeBecomesStars() {
        #expect(SecretPolicy.maskHeaderValue(name: "Authorization", value: "Ym9iOmh1bnRlcjI=") == "***")
        #expect(SecretPolicy.maskHeaderValue(name: "Authorization", value: "Bearer") == "***")
        #expect(SecretPolicy.maskHeaderValue(name: "Authorization", value: "Bearer ") == "***")
        #expect(SecretPolicy.maskHeaderValue(name: "Proxy-Authorization", value: "bob:hunter2 now") == "***")
    }

    @Test func headerNamesMatchCaseInsensitively() {
        #expect(SecretPolicy.maskHeaderValue(name: "authorization", value: "Basic x") == "Basic ***")
        #expect(SecretPolicy.maskHeaderValue(name: "PROXY-AUTHORIZATION", value: "Basic x") == "Basic ***")
        #expect(
            SecretPolicy.maskHeaderValue(name: "x-registry-auth", value: Self.passwordAuth) == Self.maskedPasswordAuth)
        #expect(SecretPolicy.maskHeaderValue(name: "X-REGISTRY-CONFIG", value: "junk") == "***")
    }

    @Test func otherHeadersAndEmptyValuesAreUnchanged() {
        #expect(SecretPolicy.maskHeaderValue(name: "Content-Type", value: "application/json") == "application/json")
        #expect(
            SecretPolicy.maskHeaderValue(name: "X-Registry-Auth-Hint", value: Self.passwordAuth) == Self.passwordAuth)
        #expect(SecretPolicy.maskHeaderValue(name: "Authorization", value: "") == "")
        #expect(SecretPolicy.maskHeaderValue(name: "X-Registry-Auth", value: "") == "")
    }

    // MARK: - Whole requests

    @Test func pullRequestMasksOnlyTheRegistryHeaderValue() {
        let request =
            """
            POST /v1.47/images/create?fromImage=alpine&tag=latest HTTP/1.1\r\nHost: docker\r\nX-Registry-Auth: \
            \(Self.passwordAuth)\r\nUser-Agent: sockshell/1.0\r\nContent-Length: 0\r\n\r\n
            """
        #expect(
            masked(request)
                == """
                POST /v1.47/images/create?fromImage=alpine&tag=latest HTTP/1.1\r\nHost: docker\r\n\
                X-Registry-Auth: \(Self.maskedPasswordAuth)\r\nUser-Agent: sockshell/1.0\r\nContent-Length: 0\r\n\
                \r\n
                """
        )
    }

    @Test func everySecretHeaderIsMaskedAndEveryOtherByteKept() {
        let request =
            """
            POST /build?t=app HTTP/1.1\r\nhost:docker\r\nauthorization:Bearer abc.def \r\nX-Custom :  keep  me\t\r\n\
            PROXY-AUTHORIZATION:\tBasic Ym9iOng=\r\nx-registry-config:   e30=\r\nX-Registry-Auth: \
            \(Self.passwordAuth)\r\nContent-Length: 11\r\n\r\nhello world
            """
        #expect(
            masked(request)
                == """
                POST /build?t=app HTTP/1.1\r\nhost:docker\r\nauthorization:Bearer *** \r\nX-Custom :  keep  \
                me\t\r\nPROXY-AUTHORIZATION:\tBasic ***\r\nx-registry-config:   e30\r\nX-Registry-Auth: \
                \(Self.maskedPasswordAuth)\r\nContent-Length: 11\r\n\r\nhello world
                """
        )
    }

    @Test func aRequestWithoutSecretsIsByteIdentical() {
        let request: [UInt8] =
            Array(
                """
                POST /containers/create?name=web HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n\
                Content-Length: 33\r\n\r\n
                """
                .utf8)
            + Array(#"{"Image":"alpine","Env":["PW=x"]}"#.utf8) + [0x00, 0xFF, 0x0D, 0x0A]
        #expect(RequestSecretMasking.mask(request) == request)
    }

    @Test func bareLineFeedsAreTolerated() {
        let request =
            """
            GET /v1.41/images/json HTTP/1.1\nHost: docker\nAuthorization: Basic Ym9iOng=\n\nbody: Authorization: \
            Basic keep
            """
        #expect(
            masked(request)
                == """
                GET /v1.41/images/json HTTP/1.1\nHost: docker\nAuthorization: Basic ***\n\nbody: Authorization: \
                Basic keep
                """
        )
    }

    @Test func aFoldedSecretContinuationIsMaskedToo() {
        let request = "GET / HTTP/1.1\r\nAuthorization: Basic\r\n  Ym9iOng=\r\nX-Other: a\r\n b\r\n\r\n"
        #expect(masked(request) == "GET / HTTP/1.1\r\nAuthorization: ***\r\n  ***\r\nX-Other: a\r\n b\r\n\r\n")
    }

    @Test func authBodyIsMaskedAndContentLengthFixed() {
        let body = #"{"username":"bob","password":"hunter2","serveraddress":"https://index.docker.io/v1/"}"#
        let request =
            "POST /auth HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\nContent-Length: 85\r\n\r\n" + body
        #expect(
            masked(request)
                == "POST /auth HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\nContent-Length: 57\r\n\r\n"
                + #"{"username":"***","password":"***","serveraddress":"***"}"#)
    }

    @Test func versionedAuthWithQueryAndSpacedBody() {
        let body = "{ \"username\": \"bob\",\n  \"password\": \"s3cr3t\", \"email\": null }"
        let request = "POST /v1.41/auth?x=1 HTTP/1.1\r\nhost: docker\r\ncontent-length:\t60 \r\n\r\n" + body
        #expect(
            masked(request) == "POST /v1.41/auth?x=1 HTTP/1.1\r\nhost: docker\r\ncontent-length:\t48 \r\n\r\n"
                + #"{"username":"***","password":"***","email":null}"#)
        #expect(
            masked("POST http://docker/v1.24/auth HTTP/1.1\r\nContent-Length: 2\r\n\r\n[1]")
                == "POST http://docker/v1.24/auth HTTP/1.1\r\nContent-Length: 7\r\n\r\n[\"***\"]")
    }

    @Test func authBodyThatIsNotJSONBecomesStars() {
        let request = "POST /auth HTTP/1.1\r\nContent-Length: 12\r\n\r\nbob:hunter2!"
        #expect(masked(request) == "POST /auth HTTP/1.1\r\nContent-Length: 3\r\n\r\n***")
        // No Content-Length header: none is added.
        #expect(masked("POST /auth HTTP/1.1\n\n{\"password\":") == "POST /auth HTTP/1.1\n\n***")
        // Same length: the header is left exactly as written.
        #expect(
            masked("POST /auth HTTP/1.1\r\nContent-Length: 003\r\n\r\nabc")
                == "POST /auth HTTP/1.1\r\nContent-Length: 003\r\n\r\n***")
    }

    @Test func emptyAuthBodyStaysEmpty() {
        let request = "POST /auth HTTP/1.1\r\nContent-Length: 0\r\n\r\n"
        #expect(masked(request) == request)
    }

    @Test(arguments: [
        "POST /containers/create HTTP/1.1\r\nContent-Length: 20\r\n\r\n{\"password\":\"hunt2\"}",
        "POST /authx HTTP/1.1\r\nContent-Length: 20\r\n\r\n{\"password\":\"hunt2\"}",
        "POST /v1.41/auth/more HTTP/1.1\r\nContent-Length: 20\r\n\r\n{\"password\":\"hunt2\"}",
        "POST /vx/auth HTTP/1.1\r\nContent-Length: 20\r\n\r\n{\"password\":\"hunt2\"}",
        "GET /auth HTTP/1.1\r\nContent-Length: 20\r\n\r\n{\"password\":\"hunt2\"}",
    ])
    func bodiesOfOtherRequestsAreUntouched(request: String) {
        #expect(masked(request) == request)
    }

    @Test func withoutABlankLineOnlyHeaderLinesAreMasked() {
        #expect(
            masked("GET /x HTTP/1.1\r\nAuthorization: Bearer abc\r\nHost: d")
                == "GET /x HTTP/1.1\r\nAuthorization: Bearer ***\r\nHost: d")
        #expect(
            masked("POST /auth HTTP/1.1\r\nContent-Length: 5\r\nX-Registry-Auth: abc")
                == "POST /auth HTTP/1.1\r\nContent-Length: 5\r\nX-Registry-Auth: ***")
        #expect(masked("Authorization: Basic abc") == "Authorization: Basic ***")
        for odd: [UInt8] in [
            [], [0x0A], [0x0D, 0x0A, 0x0D, 0x0A], [0x3A], [0xFF, 0x3A, 0x0A, 0x20], Array(":\n \nAuthorization:".utf8),
        ] {
            #expect(RequestSecretMasking.mask(odd) == odd)
        }
    }
}

struct CommandTextMaskingTests {
    @Test func aTypedAuthBodyKeepsItsFieldNamesOnly() {
        #expect(
            CommandTextMasking.mask(#"POST /auth {"username":"bob","password":"hunter2"}"#)
                == #"POST /auth {"username":"***","password":"***"}"#)
        #expect(
            CommandTextMasking.mask(#"POST /v1.41/auth -H 'Authorization: Bearer t0k' {"password":"x"}"#)
                == #"POST /v1.41/auth -H 'Authorization: Bearer ***' {"password":"***"}"#)
        #expect(
            CommandTextMasking.mask(#"POST /containers/create {"password":"not a secret here"}"#)
                == #"POST /containers/create {"password":"not a secret here"}"#)
        #expect(
            CommandTextMasking.mask("header X-Registry-Auth: eyJ1c2VybmFtZSI6ImJvYiJ9")
                == "header X-Registry-Auth: eyJ1c2VybmFtZSI6IioqKiJ9", "{\"username\":\"***\"}, as in the bytes sent")
        #expect(CommandTextMasking.mask(#"POST /auth {"password":"PW1"} &"#) == #"POST /auth {"password":"***"} &"#)
        #expect(
            CommandTextMasking.mask(
                #"""
                raw POST /auth HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer TOK3\r\n\#
                Content-Length: 16\r\n\r\n{"password":"x"}
                """#
            )
                == #"""
                raw POST /auth HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ***\r\n\#
                Content-Length: 18\r\n\r\n{"password":"***"}
                """#
        )
        #expect(
            CommandTextMasking.mask(#"curl -X POST -d '{"username":"u","password":"PW2"}' http://localhost/auth"#)
                == #"curl -X POST -d '{"username":"***","password":"***"}' http://localhost/auth"#)
        #expect(
            CommandTextMasking.mask(#"curl -d '{"Image":"busybox"}' http://localhost/containers/create"#)
                == #"curl -d '{"Image":"busybox"}' http://localhost/containers/create"#)
    }
}

struct ResponseSecretMaskingTests {
    @Test func anIdentityTokenIsMaskedAndTheStatusKept() {
        let body = #"{"IdentityToken":"eyJhbGciOi.secret","Status":"Login Succeeded"}"# + "\n"
        let answer = Array(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                .utf8)
        let maskedBody = #"{"IdentityToken":"***","Status":"Login Succeeded"}"# + "\n"
        #expect(
            String(decoding: ResponseSecretMasking.maskAuthAnswer(answer), as: UTF8.self)
                == """
                HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(maskedBody.utf8.count)\r\n\
                \r\n\(maskedBody)
                """
        )
        let plain = Array(
            "HTTP/1.1 200 OK\r\nContent-Length: 45\r\n\r\n{\"IdentityToken\":\"\",\"Status\":\"Login Succeeded\"}".utf8)
        #expect(ResponseSecretMasking.maskAuthAnswer(plain) == plain, "an empty token holds nothing to hide")
    }
}

/// A request about to be sent is refused when a credential in it is the mask itself.
struct MaskedCredentialTests {
    private func request(_ head: String, body: String = "") -> [UInt8] {
        Array((head + "\r\n\r\n" + body).utf8)
    }

    @Test(arguments: [
        ("Authorization: ***", "the Authorization header"),
        ("authorization: Bearer ***", "the authorization header"),
        ("Proxy-Authorization: Basic ***", "the Proxy-Authorization header"),
        ("X-Registry-Auth: ***", "the X-Registry-Auth header"),
        // base64url of {"username":"***","password":"***"}, as a masked recording holds it.
        ("X-Registry-Auth: eyJ1c2VybmFtZSI6IioqKiIsInBhc3N3b3JkIjoiKioqIn0", "the X-Registry-Auth header's JSON"),
    ])
    func aMaskedHeaderIsFound(header: String, place: String) {
        #expect(
            RequestSecretMasking.maskedCredential(in: request("GET /_ping HTTP/1.1\r\nHost: docker\r\n" + header))
                == place)
    }

    @Test func aMaskedAuthBodyIsFound() {
        let body = #"{"username":"me","password":"***"}"#
        #expect(
            RequestSecretMasking.maskedCredential(
                in: request("POST /v1.41/auth HTTP/1.1\r\nContent-Length: \(body.utf8.count)", body: body))
                == "the POST /auth body")
    }

    @Test(arguments: [
        "Authorization: Bearer abc***",
        "Authorization: Bearer s3cret",
        "X-Registry-Auth: eyJ1c2VybmFtZSI6Im1lIn0",
        "X-Other: ***",
        "Authorization:",
    ])
    func realOrUnrelatedValuesPass(header: String) {
        #expect(RequestSecretMasking.maskedCredential(in: request("GET /x HTTP/1.1\r\n" + header)) == nil)
    }

    @Test func theMaskInAnotherRequestsBodyOrTargetPasses() {
        #expect(
            RequestSecretMasking.maskedCredential(
                in: request("POST /containers/create?x=*** HTTP/1.1", body: #"{"Env":["A=***"]}"#)) == nil)
        // The request line is not a header, whatever it says.
        #expect(RequestSecretMasking.maskedCredential(in: request("Authorization: ***")) == nil)
    }
}

/// A registry header's base64 JSON decoded with its values masked, e.g. `{"username":"***"}`;
/// nil if the value is not base64 of JSON. Only the tests need to read a masked header back.
extension SecretPolicy {
    static func decodedRegistryJSON(_ value: String) -> String? {
        // Spaces and tabs around the value are the field's, not the base64's.
        let bytes = Array(value.utf8).drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }
        guard let decoded = Base64.decode(Array(bytes.reversed())), let json = try? JSONValue.parse(decoded) else {
            return nil
        }
        return JSONQuery.render(maskValues(json))
    }
}
