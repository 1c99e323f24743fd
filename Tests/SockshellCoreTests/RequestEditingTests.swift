import Testing

@testable import SockshellCore

struct RequestEditingTests {
    let sent = Array(
        """
        POST /containers/create HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\
        \r\n{\"Image\":\"nope\"}
        """
        .utf8)

    @Test func theEditableTextUsesPlainLineEnds() {
        #expect(
            RequestEditing.editableText(from: sent)
                == """
                POST /containers/create HTTP/1.1\nHost: docker\nContent-Type: application/json\nContent-Length: \
                16\n\n{\"Image\":\"nope\"}\n
                """
        )
    }

    @Test func savedTextBecomesCRLFWithAContentLengthThatMatches() throws {
        let edited = RequestEditing.editableText(from: sent).replacing("nope", with: "busybox")
        let request = try RequestEditing.request(fromEdited: edited)
        #expect(request.method == "POST")
        #expect(
            String(decoding: request.bytes, as: UTF8.self)
                == """
                POST /containers/create HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n\
                Content-Length: 19\r\n\r\n{\"Image\":\"busybox\"}
                """
        )
    }

    @Test func aBodyAddedToABodilessRequestGetsALength() throws {
        let request = try RequestEditing.request(fromEdited: "PUT /x HTTP/1.1\nHost: docker\n\nabc\n")
        #expect(
            String(decoding: request.bytes, as: UTF8.self)
                == "PUT /x HTTP/1.1\r\nHost: docker\r\nContent-Length: 3\r\n\r\nabc")
    }

    @Test func badEditsSendNothingAndSayWhy() {
        #expect(throws: CommandSyntaxError("the edited request is empty: nothing was sent")) {
            try RequestEditing.request(fromEdited: "\n\n")
        }
        #expect(
            throws: CommandSyntaxError(
                "the edited request's first line 'hello' is not METHOD /target HTTP/1.1: nothing was sent")
        ) { try RequestEditing.request(fromEdited: "hello\n") }
        #expect(throws: CommandSyntaxError.self) {
            try RequestEditing.request(fromEdited: "GET / HTTP/1.1\nbad header\n\n")
        }
    }
}
