import SockshellCore
import Testing

@Suite struct MediaTypeTests {
    @Test(arguments: [
        ("application/json", true), ("Application/JSON; charset=utf-8", true), ("application/x-json-stream", true),
        ("application/vnd.docker.plugins.v1+json", true), ("text/plain", false), ("application/jso", false),
        ("jsoN", true), ("", false),
    ])
    func namesJSONAnywhereIgnoringCase(_ contentType: String, _ expected: Bool) {
        #expect(MediaType.isJSON(contentType) == expected)
    }

    @Test func noContentTypeIsNotJSON() {
        #expect(!MediaType.isJSON(nil))
        #expect(!MediaType.isNamed(nil, startingWith: "text/plain"))
    }

    @Test(arguments: [
        ("application/vnd.docker.raw-stream", true), ("Application/Vnd.Docker.Raw-Stream; x=1", true),
        ("application/vnd.docker.raw", false), ("application/vnd.docker.multiplexed-stream", false),
        ("xapplication/vnd.docker.raw-stream", false),
    ])
    func startsWithAPrefixIgnoringCase(_ contentType: String, _ expected: Bool) {
        #expect(MediaType.isNamed(contentType, startingWith: "application/vnd.docker.raw-stream") == expected)
    }
}
