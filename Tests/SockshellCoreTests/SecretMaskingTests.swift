import Testing

@testable import SockshellCore

struct SecretMaskingTests {
    @Test func masksSecretHeaderValuesInEveryForm() {
        #expect(SecretMasking.maskLine("header Authorization: Bearer abc def") == "header Authorization: ***")
        #expect(SecretMasking.maskLine("GET /x -H 'x-registry-auth: eyJ1c2VyIjoi' -H 'Accept: */*'") == "GET /x -H 'x-registry-auth: ***' -H 'Accept: */*'")
        #expect(SecretMasking.maskLine(#"POST /build -H "X-Registry-Config: e30=" @ctx.tar"#) == #"POST /build -H "X-Registry-Config: ***" @ctx.tar"#)
        #expect(SecretMasking.maskLine("GET /x -HProxy-Authorization:Basic%20x -H 'Authorization: y'") == "GET /x -HProxy-Authorization:*** -H 'Authorization: ***'")
    }

    @Test func leavesEverythingElseAlone() {
        #expect(SecretMasking.maskLine("GET /containers/json?all=1") == "GET /containers/json?all=1")
        #expect(SecretMasking.maskLine(#"POST /x {"authorization":"in a body"}"#) == #"POST /x {"authorization":"in a body"}"#)
        let long = "POST /x " + String(repeating: "a", count: 1_000_000)
        #expect(SecretMasking.maskLine(long) == long)
    }
}
