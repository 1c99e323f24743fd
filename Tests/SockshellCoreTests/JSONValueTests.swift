import Testing

@testable import SockshellCore

struct JSONValueTests {
    private func error(_ text: String) -> JSONParseError? {
        error(Array(text.utf8))
    }

    private func error(_ bytes: [UInt8]) -> JSONParseError? {
        do {
            _ = try JSONValue.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func scalarsAndNumbersKeepTheirExactText() throws {
        #expect(try JSONValue.parse("true") == .bool(true))
        #expect(try JSONValue.parse(" false ") == .bool(false))
        #expect(try JSONValue.parse("\tnull\r\n") == .null)
        #expect(try JSONValue.parse("-0.50") == .number("-0.50"))
        #expect(try JSONValue.parse("1e3") == .number("1e3"))
        #expect(try JSONValue.parse("6.02E+23") == .number("6.02E+23"))
        #expect(try JSONValue.parse("0") == .number("0"))
        #expect(try JSONValue.parse("1629574695515050031") == .number("1629574695515050031"))
        #expect(try JSONValue.parse(#""busybox""#) == .string("busybox"))
    }

    @Test func numberAccessors() throws {
        #expect(try JSONValue.parse("201").intValue == 201)
        #expect(try JSONValue.parse("2.5").intValue == nil)
        #expect(try JSONValue.parse("2.5").doubleValue == 2.5)
        #expect(try JSONValue.parse("\"2\"").intValue == nil)
        #expect(
            try JSONValue.parse("[1,\"a\",{},true,null,2]").arrayValue?.map(\.typeName) == [
                "number", "string", "object", "boolean", "null", "number",
            ])
    }

    @Test func objectsKeepMemberOrderAndDuplicatesAndTheLastNameWins() throws {
        let value = try JSONValue.parse(#"{"b":1,"a":2,"b":3}"#)
        #expect(value.objectMembers?.map(\.key) == ["b", "a", "b"])
        #expect(value["b"] == .number("3"))
        #expect(value["a"] == .number("2"))
        #expect(value["missing"] == nil)
        #expect(value[0] == nil)
    }

    @Test func subscriptsWalkARealCreateResponse() throws {
        let body = Array(
            "{\"Id\":\"f5dd99791a38c6e1d1a0e6b2b3a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6\",\"Warnings\":[]}\n".utf8)
        let value = try JSONValue.parse(body)
        #expect(value["Id"]?.stringValue == "f5dd99791a38c6e1d1a0e6b2b3a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6")
        #expect(value["Warnings"] == .array([]))
        let nested = try JSONValue.parse(#"[{"Names":["/web","/db"]}]"#)
        #expect(nested[0]?["Names"]?[1]?.stringValue == "/db")
        #expect(nested[1] == nil)
        #expect(nested[-1] == nil)
        #expect(nested["Names"] == nil)
    }

    @Test func escapesIncludingSurrogatePairs() throws {
        #expect(try JSONValue.parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        #expect(try JSONValue.parse(#""caf\u00e9 \u00E9""#) == .string("café é"))
        #expect(try JSONValue.parse(#""\ud83d\ude00 \uD83D\uDC33""#) == .string("😀 🐳"))
        #expect(try JSONValue.parse(#""\u0000""#) == .string("\u{0}"))
    }

    @Test func rawUTF8InStringsIsKept() throws {
        #expect(try JSONValue.parse("\"ünïcödé 🐳 中文\"") == .string("ünïcödé 🐳 中文"))
    }

    @Test func errorsSayWhatAndWhere() throws {
        let trailingComma = try #require(error(#"{"a":1,}"#))
        #expect(trailingComma.kind == .unexpectedByte)
        #expect(trailingComma.offset == 7)
        #expect(
            trailingComma.description == "invalid JSON at byte 7: expected a member name in double quotes, found '}'")

        let missingComma = try #require(error("[1 2]"))
        #expect(missingComma.kind == .unexpectedByte)
        #expect(missingComma.offset == 3)
        #expect(missingComma.problem == "expected ',' or ']' after an array element, found '2'")

        let missingColon = try #require(error(#"{"Image" "busybox"}"#))
        #expect(missingColon.offset == 9)
        #expect(missingColon.problem.contains("':' after the member name \"Image\""))

        let unquotedKey = try #require(error("{Image:1}"))
        #expect(unquotedKey.offset == 1)
        #expect(unquotedKey.kind == .unexpectedByte)
    }

    @Test func badNumbers() throws {
        for (text, offset) in [("01", 1), ("1.", 2), ("-", 1), ("1e", 2), ("1e+", 3), ("-a", 1), (".5", 0), ("+1", 0)] {
            let problem = try #require(error(text), "\(text)")
            #expect(problem.offset == offset, "\(text)")
            #expect(
                problem.kind == (text.hasPrefix(".") || text.hasPrefix("+") ? .unexpectedByte : .invalidNumber),
                "\(text)")
        }
        #expect(error("01")?.problem == "bad number starting at byte 0: a number may not have a leading zero")
    }

    @Test func badLiterals() throws {
        #expect(error("tru")?.kind == .invalidLiteral)
        #expect(error("tru")?.problem == "expected true, found 'tru'")
        #expect(error("[nul]")?.offset == 1)
        #expect(error("True")?.kind == .unexpectedByte)
        #expect(error("nullx")?.kind == .trailingContent)
    }

    @Test func badStrings() throws {
        #expect(error(#""abc"#)?.kind == .unexpectedEnd)
        #expect(error(#""a\x""#)?.kind == .invalidEscape)
        #expect(error(#""a\x""#)?.offset == 2)
        #expect(error(#""\u12G4""#)?.kind == .invalidEscape)
        #expect(error(#""\u12"#)?.kind == .unexpectedEnd)
        let raw = try #require(error("\"a\nb\""))
        #expect(raw.kind == .controlCharacterInString)
        #expect(raw.offset == 2)
        #expect(raw.problem.contains("byte 0x0A"))
    }

    @Test func unpairedSurrogatesAreRefused() throws {
        #expect(error(#""\ud83d""#)?.kind == .unpairedSurrogate)
        #expect(error(#""\ud83dx""#)?.kind == .unpairedSurrogate)
        #expect(error(#""\ud83d\u0041""#)?.kind == .unpairedSurrogate)
        #expect(error(#""\ud83d\u0041""#)?.offset == 7)
        #expect(error(#""\ude00""#)?.kind == .unpairedSurrogate)
        #expect(
            error(#""\ude00""#)?.problem
                == "\\uDE00 is a low surrogate without the high surrogate that must come before it")
    }

    @Test func invalidUTF8IsRefusedWithItsOffset() throws {
        let quote = UInt8(ascii: "\"")
        let stray = try #require(error([quote, UInt8(ascii: "a"), 0xFF, quote]))
        #expect(stray.kind == .invalidUTF8)
        #expect(stray.offset == 2)
        #expect(stray.problem == "byte 0xFF cannot start a UTF-8 character")
        #expect(error([quote, 0xC0, 0x80, quote])?.kind == .invalidUTF8)  // overlong NUL
        // overlong 3-byte form: its second byte is refused
        #expect(error([quote, 0xE0, 0x80, 0x80, quote])?.offset == 2)
        #expect(error([quote, 0xED, 0xA0, 0x80, quote])?.kind == .invalidUTF8)  // an encoded surrogate
        #expect(error([quote, 0xF4, 0x90, 0x80, 0x80, quote])?.kind == .invalidUTF8)  // above U+10FFFF
        #expect(error([quote, 0xE2, 0x82])?.kind == .invalidUTF8)  // cut short
        // é outside a string
        #expect(error([UInt8(ascii: "["), 0xC3, 0xA9, UInt8(ascii: "]")])?.kind == .unexpectedByte)
    }

    @Test func emptyAndTrailingInput() throws {
        #expect(error("")?.kind == .unexpectedEnd)
        #expect(error("")?.offset == 0)
        #expect(error(" \n ")?.kind == .unexpectedEnd)
        #expect(error("{} x")?.kind == .trailingContent)
        #expect(error("{} x")?.offset == 3)
        #expect(error("{}{}")?.kind == .trailingContent)
        #expect(error("[1,")?.kind == .unexpectedEnd)
        #expect(error(#"{"a":"#)?.kind == .unexpectedEnd)
    }

    @Test func nestingIsLimited() throws {
        let limit = JSONParser.maximumDepth
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(throws: Never.self) { try JSONValue.parse(deepest) }
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(error(tooDeep)?.kind == .tooDeep)
        #expect(error(tooDeep)?.offset == limit)
        // A hostile body of a million brackets is refused, not a stack overflow.
        #expect(error(String(repeating: "[", count: 1_000_000))?.kind == .tooDeep)
        #expect(error(String(repeating: #"{"a":"#, count: 600))?.kind == .tooDeep)
    }

    @Test func jsonLinesAsEventsArrive() throws {
        let events = """
            {"Type":"container","Action":"create","Actor":{"ID":"abc"}}\r
            \r
            {"Type":"container","Action":"start","Actor":{"ID":"abc"}}

            """
        let values = try JSONValue.parseLines(Array(events.utf8))
        #expect(values.map { $0["Action"]?.stringValue } == ["create", "start"])
        #expect(try JSONValue.parseLines([UInt8]()) == [])

        let broken = Array("{\"a\":1}\n{\"a\":}\n".utf8)
        do {
            _ = try JSONValue.parseLines(broken)
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 13)  // counted from the start of the whole input
            #expect(error.kind == .unexpectedByte)
        }
    }

    @Test func parsesAnyByteCollection() throws {
        let bytes: ArraySlice<UInt8> = Array("xx[1]".utf8)[2...]
        #expect(try JSONValue.parse(bytes) == .array([.number("1")]))
    }
}

/// Only the tests read several JSON values at once (the shell reads events a line at a time).
extension JSONValue {
    /// Parses newline-separated JSON values, as `/events` and the progress streams send them:
    /// one value per line, blank lines skipped. Offsets in errors count from the start of the input.
    static func parseLines(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> [JSONValue] {
        let all = Array(bytes)
        var values: [JSONValue] = []
        var lineStart = 0
        while lineStart < all.count {
            let lineEnd = all[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? all.count
            var parser = JSONParser(all, range: lineStart..<lineEnd)
            if !parser.isBlank() {
                values.append(try parser.parseDocument())
            }
            lineStart = lineEnd + 1
        }
        return values
    }
}
