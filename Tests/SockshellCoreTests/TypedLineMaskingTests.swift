import Testing

@testable import SockshellCore

struct TypedLineMaskingTests {
    @Test func masksSecretHeaderValuesInEveryForm() {
        #expect(TypedLineMasking.mask("header Authorization: Bearer abc def") == "header Authorization: Bearer ***")
        #expect(
            TypedLineMasking.mask("GET /x -H 'x-registry-auth: eyJ1c2VyIjoi' -H 'Accept: */*'")
                == "GET /x -H 'x-registry-auth: ***' -H 'Accept: */*'")
        #expect(
            TypedLineMasking.mask(#"POST /build -H "X-Registry-Config: e30=" @ctx.tar"#)
                == #"POST /build -H "X-Registry-Config: e30" @ctx.tar"#)
        #expect(
            TypedLineMasking.mask("GET /x -HProxy-Authorization:Basic%20x -H 'Authorization: y'")
                == "GET /x -HProxy-Authorization:*** -H 'Authorization: ***'")
    }

    @Test func leavesEverythingElseAlone() {
        #expect(TypedLineMasking.mask("GET /containers/json?all=1") == "GET /containers/json?all=1")
        #expect(
            TypedLineMasking.mask(#"POST /x {"authorization":"in a body"}"#)
                == #"POST /x {"authorization":"in a body"}"#)
        let long = "POST /x " + String(repeating: "a", count: 1_000_000)
        #expect(TypedLineMasking.mask(long) == long)
    }
}
