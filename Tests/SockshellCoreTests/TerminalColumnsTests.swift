import Testing

@testable import SockshellCore

/// The one width rule: scalars as wcwidth counts them, grapheme clusters once, and the layouts
/// that use it (lesson reflow, wire view folding, Ctrl-R's status line, padded columns, the
/// editor's cursor row) never going past the width on Korean and emoji text.
struct TerminalColumnsTests {
    @Test func scalarsTakeNoneOneOrTwoColumns() {
        let cases: [(Unicode.Scalar, Int)] = [
            ("a", 1), ("é", 1), ("한", 2), ("ㄱ", 2), ("漢", 2), ("Ａ", 2), ("ｱ", 1), ("👍", 2),
            ("\u{0301}", 0), ("\u{20DD}", 0), ("\u{200D}", 0), ("\u{200C}", 0), ("\u{200B}", 0), ("\u{FE0F}", 0),
            ("\u{FE00}", 0), ("\u{1161}", 0), ("\u{11A8}", 0), ("\u{D7B0}", 0), ("\u{1100}", 2), ("\u{3099}", 0),
            ("\u{00AD}", 1), ("\u{1B}", 0), ("\u{9B}", 0), ("\u{4DC0}", 2), ("\u{1F1F0}", 1), ("\u{1F6DC}", 2),
        ]
        for (scalar, columns) in cases {
            #expect(TerminalColumns.columns(scalar) == columns, "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func aGraphemeClusterTakesItsWidthOnce() {
        #expect(TerminalColumns.columns(Character("e\u{0301}")) == 1)
        #expect(TerminalColumns.columns(Character("👍🏽")) == 2)
        #expect(TerminalColumns.columns(Character("👨‍👩‍👧")) == 2)
        #expect(TerminalColumns.columns(Character("❤️")) == 2)
        #expect(TerminalColumns.columns(Character("❤")) == 1)
        #expect(TerminalColumns.columns(Character("🇰🇷")) == 2)
        // An old-Hangul syllable spelled in conjoining jamo: initial, medial, final.
        #expect(TerminalColumns.columns(Character("\u{1100}\u{1161}\u{11A8}")) == 2)
        #expect("안녕 e\u{0301} 👨‍👩‍👧".terminalColumns == 4 + 1 + 1 + 1 + 2)
        // wcwidth's count: the family is three wide people and two joiners, ❤️ a heart and a selector.
        #expect("👨‍👩‍👧".columnsByScalar == 6)
        #expect("❤️".columnsByScalar == 1)
        #expect("안녕 e\u{0301}".columnsByScalar == "안녕 e\u{0301}".terminalColumns)
    }

    @Test func theCursorWrapsAsLibeditLaysOutAWideCharacterAtARowsEnd() {
        #expect(TerminalColumns.cursorPosition(after: "", width: 40) == (0, 0))
        #expect(TerminalColumns.cursorPosition(after: String(repeating: "a", count: 40), width: 40) == (1, 0))
        // `> ` and 19 syllables fill 40; the 20th starts row 1.
        let syllables = String(repeating: "한", count: 20)
        #expect(TerminalColumns.cursorPosition(after: "> " + syllables, width: 40) == (1, 2))
        // An odd column left: the syllable does not fit in one, so the row's last column stays blank.
        #expect(TerminalColumns.cursorPosition(after: "a" + String(repeating: "한", count: 20), width: 40) == (1, 2))
        #expect(TerminalColumns.cursorPosition(after: "a\u{0301}한", width: 3) == (1, 0))
    }

    @Test func paddingCountsColumnsNotCharacters() {
        #expect("컨테이너".padded(to: 10) == "컨테이너  ")
        #expect("ok".padded(to: 4) == "ok  ")
        #expect("소켓으로 말하기".padded(to: 4) == "소켓으로 말하기")
    }

    @Test func koreanLessonTextReflowedAt40NeverPassesColumn40() {
        let markdown = """
            도커 데몬(daemon)은 유닉스 소켓(socket) \
            `/var/run/docker.sock`에서 HTTP 요청(request)을 받습니다. \
            **컨테이너를 만드는 요청**과 *시작하는 요청*은 \
            따로 보내야 합니다. 👍 이모지와 e\u{0301} 같은 \
            결합 문자도 폭을 올바르게 셉니다. \
            아주긴한국어단어가한줄보다더길면줄의끝에서\
            잘라야합니다아주긴한국어단어가한줄보다더길면.

            - 목록의 항목도 들여쓰기(hanging indent)를 \
            지키며 40칸 안에서 다시 흐릅니다.
            - 두 번째 항목: `POST /containers/create`를 \
            보내면 응답(response)으로 Id가 옵니다.
            """
        for color in [false, true] {
            let lines = LessonText.render(markdown, width: 40, color: color).split(separator: "\n")
            #expect(lines.count > 6)
            for line in lines {
                let shown = color ? Self.withoutEscapes(String(line)) : String(line)
                #expect(shown.terminalColumns <= 40, "\(shown): \(shown.terminalColumns) columns")
            }
        }
        // A full line really is full: the greedy fill uses the room it has.
        let plain = LessonText.render(markdown, width: 40, color: false).split(separator: "\n")
        #expect(plain.contains { $0.terminalColumns >= 38 })
    }

    @Test func wireViewCutLinesOfKoreanAndEmojiFitTheWidth() throws {
        let body = [
            #"{"메시지":"컨테이너를 시작했습니다 🚀 "#,
            #"데몬의 응답 본문이 한 줄보다 깁니다","#,
            #""이름":"e\#u{0301}\#u{0301}는 결합 문자","#, #""family":"👨‍👩‍👧"}"#, "\n",
        ].joined()
        for columns in [24, 40, 41, 80] {
            var wire = WireRenderer(options: RenderOptions(terminal: true, columns: columns), requestTarget: "/x")
            var parser = HTTPMessageReader(requestMethod: "GET")
            var out: [UInt8] = []
            let response = Array("HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
            wire.response(try parser.feed(response[...]), into: &out)
            let lines = String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init)
            let bodyLines = lines.drop { $0 != "< ␍␊" }.dropFirst()
            #expect(bodyLines.count >= 2, "\(lines)")
            // Nothing lost or added but the marks: the body reads back whole.
            #expect(bodyLines.map { String($0.dropFirst(2)) }.joined() == body.dropLast() + "␊")
            for line in bodyLines {
                // As the terminal (wcwidth) advances, scalar by scalar.
                #expect(line.columnsByScalar <= columns, "\(line) at \(columns)")
            }
            // Folded where the room ends: the first line is full but for a wide character's one column.
            #expect(bodyLines.first.map { $0.columnsByScalar >= columns - 1 } == true)
        }
    }

    @Test func ctrlRStatusLineOfAKoreanEntryFitsOneRowWithTheCursorOnTheMatch() {
        let entry = "echo " + String(repeating: "안녕하세요 ", count: 20) + "소켓 세계"
        var search = HistorySearch(entries: [entry], original: "")
        _ = search.react(to: Array("소켓".utf8)[...])
        #expect(search.result == entry)
        for columns in [40, 41, 80] {
            let (text, cursor) = search.statusLine(columns: columns)
            #expect(text.columnsByScalar < columns, "\(text)")
            #expect(text.hasSuffix("소켓 세계"))
            // What stands at the cursor's column is the match.
            var column = 0
            var atCursor = ""
            for scalar in text.unicodeScalars {
                if column >= cursor { atCursor.unicodeScalars.append(scalar) }
                column += TerminalColumns.columns(scalar)
            }
            #expect(atCursor.hasPrefix("소켓"), "\(text) cursor \(cursor)")
        }
        // Short enough: all of it, the cursor after the label and the text before the match.
        var short = HistorySearch(entries: ["echo 한국어 입력"], original: "")
        _ = short.react(to: Array("입".utf8)[...])
        let (text, cursor) = short.statusLine(columns: 80)
        #expect(text == "(reverse-i-search)'입': echo 한국어 입력")
        #expect(cursor == "(reverse-i-search)'입': echo 한국어 ".columnsByScalar)
    }

    static func withoutEscapes(_ text: String) -> String {
        var shown = ""
        var inEscape = false
        for scalar in text.unicodeScalars {
            if scalar == "\u{1B}" {
                inEscape = true
            } else if inEscape {
                if scalar == "m" { inEscape = false }
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }
}
