import Testing

@testable import SockshellCore

/// `.http` files as VS Code REST Client and JetBrains HTTP Client document them, read into requests.
struct HTTPFileParserTests {
    private func parse(_ text: String) throws -> HTTPFile { try HTTPFileParser.parse(text) }

    /// The syntax error a file gets, with its line.
    private func failure(_ text: String) -> CommandSyntaxError? {
        do {
            _ = try HTTPFileParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func requestLineHeadersAndBodyBetweenSeparators() throws {
        let file = try parse(
            """
            ### list them
            GET http://localhost/containers/json HTTP/1.1
            Accept: application/json

            ###
            POST /containers/create
            Content-Type: application/json

            {"Image": "busybox"}
            """)
        #expect(file.requests.count == 2)
        #expect(file.requests[0].method == "GET")
        #expect(file.requests[0].url == "http://localhost/containers/json")
        #expect(file.requests[0].version == "HTTP/1.1")
        #expect(file.requests[0].headers == [HTTPFile.Header(name: "Accept", value: "application/json", line: 3)])
        #expect(file.requests[0].body.isEmpty)
        #expect(file.requests[1].line == 6)
        #expect(file.requests[1].version == nil)
        #expect(file.requests[1].body == [.text("{\"Image\": \"busybox\"}", line: 9)])
    }

    @Test func aURLAloneIsGETAndMethodsAnyCase() throws {
        let file = try parse("/_ping\n###\nhead /_ping\n###\nPURGE /cache HTTP/1.0\n")
        #expect(file.requests.map(\.method) == ["GET", "HEAD", "PURGE"])
        #expect(file.requests.map(\.url) == ["/_ping", "/_ping", "/cache"])
        #expect(file.requests[2].version == "HTTP/1.0")
    }

    @Test func queryContinuationLines() throws {
        let file = try parse(
            """
            GET /containers/json
                ?all=true
                &limit=2
            Accept: application/json
            """)
        #expect(file.requests[0].url == "/containers/json?all=true&limit=2")
        #expect(file.requests[0].headers.map(\.name) == ["Accept"])
    }

    @Test func commentsBothWaysAndInsideHeadersButNotInsideBodies() throws {
        let file = try parse(
            """
            # a comment
            // another
            POST /x
            # between headers
            X-One: 1
            // also between headers

            # this is body
            // and so is this
            """)
        #expect(file.requests[0].headers.map(\.name) == ["X-One"])
        #expect(file.requests[0].body == [.text("# this is body", line: 8), .text("// and so is this", line: 9)])
    }

    /// One line break before `###` is the file's: a blank line there is a body ending in a line break.
    @Test func theLineBreakBeforeTheSeparatorIsTheFiles() throws {
        let file = try parse("POST /a\n\nline one\nline two\n\n###\nPOST /b\n\nno break\n###\n")
        #expect(file.requests[0].body == [.text("line one", line: 3), .text("line two", line: 4), .text("", line: 5)])
        #expect(file.requests[1].body == [.text("no break", line: 9)])
    }

    @Test func bodyFilesWithAndWithoutReferences() throws {
        let file = try parse(
            """
            POST /a

            < ./create.json
            ###
            POST /b

            <@ ./template.json
            ###
            POST /c

            <@latin1 ./old.txt
            ###
            POST /d

            <html> is text
            """)
        #expect(file.requests[0].body == [.file(path: "./create.json", fillsReferences: false, line: 3)])
        #expect(file.requests[1].body == [.file(path: "./template.json", fillsReferences: true, line: 7)])
        #expect(file.requests[2].body == [.file(path: "./old.txt", fillsReferences: true, line: 11)])
        #expect(file.requests[3].body == [.text("<html> is text", line: 15)])
    }

    @Test func fileVariablesAnywhereOutsideRequests() throws {
        let file = try parse(
            """
            @host = localhost:2375
            @api-version=v1.41
            ###
            @image = busybox
            GET http://{{host}}/{{api-version}}/images/{{image}}/json
            """)
        #expect(
            file.variables == [
                HTTPFile.Variable(name: "host", value: "localhost:2375", line: 1),
                HTTPFile.Variable(name: "api-version", value: "v1.41", line: 2),
                HTTPFile.Variable(name: "image", value: "busybox", line: 4),
            ])
        #expect(file.requests.count == 1)
    }

    @Test func namesAndDirectivesBelongToTheNextRequest() throws {
        let file = try parse(
            """
            # @name create
            # @no-redirect
            POST /containers/create
            ###
            // @name start
            // @no-cookie-jar
            POST /containers/x/start
            ###
            # @name=inspect
            # @prompt id The container
            GET /containers/x/json
            ###
            GET /_ping
            """)
        #expect(file.requests.map(\.name) == ["create", "start", "inspect", nil])
        #expect(file.requests[0].directives == [HTTPFile.Directive(name: "no-redirect", argument: "", line: 2)])
        #expect(file.requests[1].directives == [HTTPFile.Directive(name: "no-cookie-jar", argument: "", line: 6)])
        #expect(
            file.requests[2].directives == [HTTPFile.Directive(name: "prompt", argument: "id The container", line: 10)])
        #expect(file.requests[3].directives.isEmpty)
    }

    @Test func jetBrainsResponseHandlersAndRedirectsAreSkippedAndNoted() throws {
        let file = try parse(
            """
            POST /a

            {"a": 1}

            > {%
                client.global.set("id", response.body.Id);
            %}
            >> ./out.json
            <> ./previous.json
            ###
            GET /b

            > ./check.js
            ###
            GET /c
            Accept: application/json
            > {% client.test("ok", function() {}); %}
            ###
            GET /d
            >> ./d.json
            """)
        #expect(file.requests[0].body == [.text("{\"a\": 1}", line: 3), .text("", line: 4)])
        #expect(file.requests[1].body.isEmpty)
        #expect(file.requests[2].headers.map(\.name) == ["Accept"])
        #expect(file.requests[2].body.isEmpty)
        #expect(file.requests[3].body.isEmpty)
        #expect(file.notes.map(\.line) == [5, 8, 9, 13, 17, 20])
        #expect(file.notes[0].message == "the response handler script is ignored: sockshell runs no JavaScript")
    }

    @Test func crlfFilesReadAsLF() throws {
        let file = try parse("POST /a\r\nX-A: 1\r\n\r\nbody\r\n")
        #expect(file.requests[0].headers == [HTTPFile.Header(name: "X-A", value: "1", line: 2)])
        #expect(file.requests[0].body == [.text("body", line: 4)])
    }

    @Test func errorsNameTheLineAndTheFix() {
        #expect(
            failure("GET /a\nnot a header\n")
                == CommandSyntaxError(
                    """
                    'not a header' is not a header (Name: value): put a blank line between the headers and the body, \
                    and ### between requests
                    """,
                    line: 2))
        #expect(
            failure("\n@image busybox\n")
                == CommandSyntaxError(
                    "'@image busybox' defines no value: write @name = value (a file variable)", line: 2))
        #expect(failure("@9 = x")?.message.hasPrefix("'@9 = x' has no variable name before '='") == true)
        #expect(
            failure("GET /a HTTP/2")
                == CommandSyntaxError(
                    "sockshell speaks HTTP/1.1 and HTTP/1.0, not HTTP/2: write HTTP/1.1 or leave it out", line: 1))
        #expect(
            failure("###\nGRAPHQL /graphql")
                == CommandSyntaxError(
                    "GRAPHQL requests are not HTTP/1.1 requests sockshell can send: remove this one", line: 2))
        #expect(
            failure("GET /a b")
                == CommandSyntaxError(
                    "'GET /a b' has a space in its URL: write it as %20, then METHOD URL [HTTP/1.1]", line: 1))
        #expect(
            failure("Fetch /x")
                == CommandSyntaxError(
                    "'Fetch /x' is not a request line: write METHOD URL [HTTP/1.1], e.g. GET /_ping", line: 1))
    }
}
