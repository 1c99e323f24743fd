import SockshellCore
import Testing

struct HTTPFieldsTests {
    private let fields: HTTPFields = [
        HeaderField(name: "Content-Type", value: "application/json"),
        HeaderField(name: "set-cookie", value: "a=1"),
        HeaderField(name: "X-Empty", value: ""),
        HeaderField(name: "SET-COOKIE", value: "b=2"),
    ]

    @Test func lookupIgnoresCaseAndKeepsTheNamesAsSent() {
        #expect(fields.value(of: "content-type") == "application/json")
        #expect(fields.value(of: "CONTENT-TYPE") == "application/json")
        #expect(fields.first(named: "Set-Cookie")?.name == "set-cookie")
        #expect(fields.values(of: "Set-Cookie") == ["a=1", "b=2"])
        #expect(fields.indices(named: "set-cookie") == [1, 3])
        #expect(fields.contains(named: "x-empty"))
        #expect(fields.value(of: "X-Empty") == "")
        #expect(!fields.contains(named: "Content-Length"))
        #expect(fields.value(of: "Content-Length") == nil)
        #expect(fields.map(\.name) == ["Content-Type", "set-cookie", "X-Empty", "SET-COOKIE"])
    }

    @Test func aNameIsMatchedWholeNotAsAPrefix() {
        #expect(!fields.contains(named: "Content"))
        #expect(!fields.contains(named: "Content-Type2"))
        #expect(!HeaderField.namesMatch("Host", "Hos"))
        // Only ASCII letters fold: field names are tokens, and `K` (Kelvin) is not `k`.
        #expect(!HeaderField.namesMatch("\u{212A}eep-Alive", "keep-alive"))
        #expect(HeaderField.namesMatch("kEEP-aLIVE", "Keep-Alive"))
    }

    @Test func setReplacesTheFirstInPlaceOrAppends() {
        var edited = fields
        edited.set(HeaderField(name: "CONTENT-TYPE", value: "text/plain"))
        #expect(edited.first?.name == "CONTENT-TYPE" && edited.first?.value == "text/plain")
        #expect(edited.count == 4)
        edited.set(HeaderField(name: "Accept", value: "*/*"))
        #expect(edited.last == HeaderField(name: "Accept", value: "*/*"))
        edited.removeAll(named: "set-cookie")
        #expect(edited.map(\.name) == ["CONTENT-TYPE", "X-Empty", "Accept"])
    }

    @Test func aLineIsNamedByWhatComesBeforeItsColon() {
        #expect(HeaderField.line("host: docker", isNamed: "Host"))
        #expect(HeaderField.line("Host:", isNamed: "Host"))
        #expect(!HeaderField.line("Host", isNamed: "Host"))
        #expect(!HeaderField.line("Hostname: x", isNamed: "Host"))
        #expect(!HeaderField.line("Host : x", isNamed: "Host"))
        #expect(HeaderField.line("Content-Length: 5"[...], isNamed: "content-length"))
    }
}
