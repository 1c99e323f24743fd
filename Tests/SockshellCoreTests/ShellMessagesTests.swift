import Testing

@testable import SockshellCore

/// Help and messages that speak the shell's language (issue 14 item 3).
struct ShellMessagesTests {
    @Test func helpConnectIsTheCommandAndHelpCONNECTTheMethod() throws {
        let connect = try #require(HelpText.topic("connect"))
        #expect(
            connect.hasPrefix(
                """
                usage: connect unix:///path | /path | tcp://host:port | https://host[:port] | \
                ssh://[user@]host[:port][/path] | --context NAME\n
                """))
        #expect(connect.contains("example: connect unix:///run/user/1000/docker.sock"))
        for method in ["CONNECT", "get", "Post", "METHOD", "method", "request"] {
            #expect(
                HelpText.topic(method)?.hasPrefix("usage: METHOD TARGET [HTTP/1.1 | HTTP/1.0]") == true, "\(method)")
        }
        #expect(HelpText.topic("QUIT")?.hasPrefix("usage: exit") == true)
        #expect(HelpText.topic("nope") == nil)
    }

    @Test func helpForRequestsStatesEveryRuleOfTheGrammar() throws {
        let help = try #require(HelpText.topic("GET"))
        for rule in [
            "http://host/path", "kept together", "HTTP/1.0 right after the target", "after a JSON or @file body",
            "quote it when the value has a space", "except on GET, HEAD and DELETE", "A last & runs it",
        ] {
            #expect(help.contains(rule), "\(rule)")
        }
    }

    /// Each overview line fits an 80-column terminal (the curl line was 81).
    @Test func theHelpOverviewFitsEightyColumns() {
        for line in HelpText.overview().split(separator: "\n") {
            #expect(line.count <= 80, "\(line.count) columns: \(line)")
        }
    }

    @Test func anUndefinedReferenceInAShellCommandLineMentionsDollarDollar() throws {
        let hint = " (write $$ for a literal $)"
        func undefined(_ line: String) throws -> String {
            guard case .complete(let command) = try CommandParser.parse(line) else { return "incomplete" }
            return VariableCheck.firstUndefined(in: [(command, 1)], defined: [], environment: [:])?.message ?? "none"
        }
        let shell = try undefined(
            #"POST /containers/create {"Image":"busybox","Cmd":["sh","-c","i=0; echo $((i+1)) $i"]}"#)
        #expect(shell.hasPrefix("undefined variable $i: set it first") && shell.hasSuffix(hint))
        #expect(try undefined(#"POST /x {"Env":["PATH=$PATH"]}"#).hasSuffix(hint))
        // A value of its own is a variable the user meant: no hint.
        #expect(!(try undefined(#"POST /containers/create {"Image":"$image"}"#).hasSuffix(hint)))
        #expect(!(try undefined("GET /containers/$id/json").hasSuffix(hint)))
        #expect(!(try undefined("POST /x echo $i").hasSuffix(hint)))

        // The same sentence when a request fills its body at run time.
        let template = try VariableTemplate(parsing: #"{"Cmd":["sh","-c","echo $i"]}"#)
        #expect(throws: CommandSyntaxError(VariableTemplate.undefinedMessage(.variable("i"), readsAsShell: true))) {
            try template.render(json: true) { _ in nil }
        }
        #expect(template.readsAsShellText(.variable("i")))
        #expect(!template.readsAsShellText(.variable("other")))
    }

    @Test func pastedCurlFSSLIsAcceptedWithANoteNamingWhatIsIgnored() throws {
        let curl = try CurlCommandLine.parse("curl -fsSL --unix-socket /var/run/docker.sock http://localhost/_ping")
        #expect(curl.target == "/_ping")
        #expect(curl.ignoredOptions == ["-f", "-s", "-S", "-L"])
        #expect(
            curl.ignoredNote
                == """
                curl's -f -s -S -L are ignored: sockshell shows every exchange in its view (view wire is -v) and \
                follows no redirect
                """
        )
        #expect(
            try CurlCommandLine.parse("curl --fail --location http://d/x").ignoredOptions == ["--fail", "--location"])
        #expect(try CurlCommandLine.parse("curl -v http://d/x").ignoredNote?.hasPrefix("curl's -v is ignored:") == true)
        #expect(try CurlCommandLine.parse("curl http://d/x").ignoredNote == nil)
        // What sockshell does anyway is not worth a note.
        #expect(try CurlCommandLine.parse("curl --http1.1 -g --path-as-is http://d/x").ignoredNote == nil)
    }

    @Test func rawBytesWithoutABlankLineGetANote() {
        let note = """
            these bytes have no blank line (\\r\\n\\r\\n) to end the head: the daemon waits for the rest of it (Ctrl-C \
            stops waiting)
            """
        #expect(RawEscapes.unterminatedHeadNote(Array("GET /_ping HTTP/1.1".utf8)) == note)
        #expect(RawEscapes.unterminatedHeadNote(Array("GET /_ping HTTP/1.1\r\nHost: d\r\n".utf8)) == note)
        #expect(RawEscapes.unterminatedHeadNote(Array("GET /_ping HTTP/1.1\r\n\r\n".utf8)) == nil)
        #expect(RawEscapes.unterminatedHeadNote(Array("POST /x HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi".utf8)) == nil)
        #expect(RawEscapes.unterminatedHeadNote(Array("GET / HTTP/1.1\n\n".utf8)) == nil)
    }
}
