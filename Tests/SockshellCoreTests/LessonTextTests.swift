import Testing

@testable import SockshellCore

/// How a lesson's Markdown is laid out in a terminal (field notes 4 and 14).
struct LessonTextTests {
    static let prose = """
        The Docker daemon (`dockerd`) is a program that runs in the background and does the real work;
        the `docker` command is only a client that sends it requests. They talk HTTP, the language of the
        web, but usually not over the network: over a *unix socket*.
        """

    @Test func aParagraphIsReflowedToTheWidthWithoutTheMarkdownMarks() {
        let shown = LessonText.render(Self.prose, width: 40, color: false)
        #expect(
            shown == """
                The Docker daemon (dockerd) is a program
                that runs in the background and does the
                real work; the docker command is only a
                client that sends it requests. They talk
                HTTP, the language of the web, but
                usually not over the network: over a
                unix socket.

                """)
        for line in shown.split(separator: "\n") { #expect(line.count <= 40) }
    }

    @Test func withColourCodeIsBoldAndEmphasisItalicAndWidthsIgnoreTheEscapes() {
        let shown = LessonText.render("use `GET /_ping` on a *unix socket*, **now**", width: 80, color: true)
        #expect(
            shown
                == "use \u{1B}[1mGET /_ping\u{1B}[22m on a \u{1B}[3munix\u{1B}[23m \u{1B}[3msocket\u{1B}[23m, "
                + "\u{1B}[1mnow\u{1B}[22m\n")
        // The escapes take no columns: 20 visible characters fit in 20.
        #expect(LessonText.render("`abcdefghij` klmnopqrs", width: 20, color: true).split(separator: "\n").count == 1)
    }

    @Test func aCodeSpanWithSpacesIsNotBrokenWhenItFitsOnALine() {
        let shown = LessonText.render("type `GET /containers/json?all=1` now", width: 30, color: false)
        #expect(shown == "type\nGET /containers/json?all=1 now\n")
    }

    @Test func aCodeSpanWiderThanTheLineBreaksAtItsSpaces() {
        let shown = LessonText.render(
            "with curl: `curl --unix-socket /var/run/docker.sock http://localhost/_ping`", width: 40, color: true)
        #expect(
            shown == "with curl: \u{1B}[1mcurl\u{1B}[22m \u{1B}[1m--unix-socket\u{1B}[22m\n"
                + "\u{1B}[1m/var/run/docker.sock\u{1B}[22m\n\u{1B}[1mhttp://localhost/_ping\u{1B}[22m\n")
    }

    @Test func aTitleLosesItsMarksAndStaysOnOneLine() {
        #expect(LessonText.inline("What `docker run` sends", color: false) == "What docker run sends")
        #expect(LessonText.inline("What `docker run` sends", color: true) == "What \u{1B}[1mdocker run\u{1B}[22m sends")
    }

    @Test func aWordLongerThanTheLineIsCutAtTheEdge() {
        let id = String(repeating: "a", count: 30)
        #expect(
            LessonText.render("id \(id) end", width: 20, color: false)
                == "id\n\(id.prefix(20))\n\(id.dropFirst(20)) end\n")
    }

    @Test func aCodeBlockIsKeptLineForLineIndentedAndDimWithColour() {
        let text = """
            The well-known way is to bind-mount it.

            ```sh
            docker run -v /var/run/docker.sock:/var/run/docker.sock -ti alpine sh
            apk add curl
            ```

            Inside, curl talks to the host's daemon.
            """
        #expect(
            LessonText.render(text, width: 30, color: false) == """
                The well-known way is to
                bind-mount it.

                    docker run -v /var/run/docker.sock:/var/run/docker.sock -ti alpine sh
                    apk add curl

                Inside, curl talks to the
                host's daemon.

                """)
        #expect(LessonText.render("```\nls\n```", width: 30, color: true) == "    \u{1B}[2mls\u{1B}[22m\n")
    }

    @Test func listItemsAreReflowedWithAHangingIndent() {
        let text = """
            The address is a URL:

            - `unix:///path`: a unix socket on this machine.
            - `tcp://host:2375`: the same HTTP over the network, unencrypted
              and with no login.
            """
        #expect(
            LessonText.render(text, width: 32, color: false) == """
                The address is a URL:

                - unix:///path: a unix socket on
                  this machine.
                - tcp://host:2375: the same HTTP
                  over the network, unencrypted
                  and with no login.

                """)
    }

    @Test func asterisksThatAreNotEmphasisStayAndUnclosedBackticksStay() {
        #expect(
            LessonText.render("request GET * matches, 2 * 3", width: 80, color: false)
                == "request GET * matches, 2 * 3\n")
        #expect(LessonText.render("a ` alone and *open", width: 80, color: false) == "a ` alone and *open\n")
        #expect(LessonText.render("``a ` b``", width: 80, color: false) == "a ` b\n")
    }

    @Test func aLabelStartsTheParagraphAndWideCharactersCountTwice() {
        #expect(
            LessonText.paragraph("talk to the Docker daemon", label: "Goal: ", width: 20, color: false)
                == "Goal: talk to the\nDocker daemon\n")
        #expect("한국어 ok".terminalColumns == 9)
        let word = "한국어"
        #expect(
            LessonText.render([word, word, word, word].joined(separator: " "), width: 20, color: false)
                == "\(word) \(word) \(word)\n\(word)\n")
        // Narrower than 20 columns is laid out at 20.
        #expect(LessonText.folded("aaaa bbbb cccc dddd eeee", width: 5) == "aaaa bbbb cccc dddd\n  eeee\n")
    }
}
