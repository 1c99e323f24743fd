import Testing

@testable import SockshellCore

/// What a terminal would act on is written as ⟨xx⟩; everything else passes byte for byte.
struct ControlByteEscaperTests {
    private func escaped(_ bytes: [UInt8], ascii: Bool = false) -> String {
        String(decoding: ControlByteEscaper.escaped(bytes, ascii: ascii), as: UTF8.self)
    }

    private func escaped(_ text: String) -> String {
        escaped(Array(text.utf8))
    }

    @Test func escapeSequencesLoseTheirIntroducerAndShowTheRestAsText() {
        // Set the window title, clear the screen, then a colour: none may reach a terminal.
        #expect(
            escaped(
                """
                \u{1B}]0;pwned\u{07}\u{1B}[2Jhi\u{1B}[31m
                """) == "⟨1b⟩]0;pwned⟨07⟩⟨1b⟩[2Jhi⟨1b⟩[31m")
    }

    @Test func lineFeedTabAndCRLFPassButALoneCarriageReturnIsEscaped() {
        #expect(escaped("a\tb\nc\r\nd") == "a\tb\nc\r\nd")
        // A lone CR would let a server write over a line it printed.
        #expect(escaped("safe\rrm -rf") == "safe⟨0d⟩rm -rf")
        #expect(escaped("ends with\r") == "ends with⟨0d⟩")
    }

    @Test func everyC0ControlButLineFeedAndTabAndDELAreEscaped() {
        for byte in UInt8(0)..<0x20 where byte != 0x0A && byte != 0x09 && byte != 0x0D {
            let digits = String(byte, radix: 16)
            #expect(escaped([byte]) == "⟨\(digits.count == 1 ? "0" : "")\(digits)⟩", "byte \(byte)")
        }
        #expect(escaped([0x7F]) == "⟨7f⟩")
    }

    @Test func c1ControlsInUTF8AreEscapedAsTheirTwoBytes() {
        // U+009B is CSI: a UTF-8 terminal may act on C2 9B as on ESC [.
        #expect(escaped("x\u{9B}2J") == "x⟨c2⟩⟨9b⟩2J")
        #expect(escaped("\u{80}\u{9F}") == "⟨c2⟩⟨80⟩⟨c2⟩⟨9f⟩")
        // U+00A0 and up are text.
        #expect(escaped("\u{A0}é") == "\u{A0}é")
    }

    @Test func textInAnyLanguagePassesUnchanged() {
        let text = "héllo 한국어 ✓ 🐳 ␍␊ ⟨1b⟩"
        #expect(escaped(text) == text)
    }

    @Test func bytesThatAreNotUTF8AreEscaped() {
        // A lone 9b is CSI to a Latin-1 terminal; ff and a stray continuation byte are not text.
        #expect(escaped([0x9B, 0x32, 0x4A]) == "⟨9b⟩2J")
        #expect(escaped([0x61, 0xFF, 0x80, 0x62]) == "a⟨ff⟩⟨80⟩b")
        #expect(escaped([0xE2, 0x82]) == "⟨e2⟩⟨82⟩")
    }

    @Test func asciiModeWritesBackslashX() {
        #expect(escaped(Array("\u{1B}[2J\u{9B}".utf8), ascii: true) == "\\x1b[2J\\xc2\\x9b")
    }

    @Test func theOutputIsTheSameWhereverTheInputIsSplit() {
        let input = Array("a\r\nb\rc\u{1B}[0m\u{9B}x한\u{07}\r".utf8) + [0xFF, 0xE2, 0x82]
        let whole = ControlByteEscaper.escaped(input)
        for cut in 0...input.count {
            var escaper = ControlByteEscaper()
            var out: [UInt8] = []
            escaper.append(input[..<cut], into: &out)
            escaper.append(input[cut...], into: &out)
            escaper.finish(into: &out)
            #expect(out == whole, "split at \(cut)")
        }
        var escaper = ControlByteEscaper()
        var out: [UInt8] = []
        for byte in input { escaper.append([byte], into: &out) }
        escaper.finish(into: &out)
        #expect(out == whole, "one byte at a time")
    }

    @Test func noPairOfBytesLeavesAControlByteOrInvalidUTF8Behind() {
        var leaks: [[UInt8]] = []
        for first in 0...255 {
            for second in 0...255 {
                let out = ControlByteEscaper.escaped([UInt8(first), UInt8(second)])
                if String(validating: out, as: UTF8.self) == nil || TerminalBytes.controlCount(out) != 0 {
                    leaks.append([UInt8(first), UInt8(second)])
                }
            }
        }
        #expect(leaks.isEmpty, "first leaks: \(leaks.prefix(5))")
    }

    @Test func textWithNothingToEscapeIsReturnedAsItIs() {
        let text = "201 Created · 37 B · 2.9 ms"
        #expect(ControlByteEscaper.escaped(text) == text)
        #expect(ControlByteEscaper.escaped("reason \u{1B}[2J") == "reason ⟨1b⟩[2J")
    }

    @Test func aBodyIsTextWhenItIsUTF8WithoutNULAndFewControls() {
        #expect(TerminalBytes.isText(Array("plain text\r\nwith CRLF\r\n".utf8)))
        // A coloured log line is text; its escapes are shown escaped.
        #expect(TerminalBytes.isText(Array("\u{1B}[32mok\u{1B}[0m all good\n".utf8)))
        #expect(!TerminalBytes.isText(Array("nul\u{0}inside".utf8)))
        #expect(!TerminalBytes.isText([0x61, 0xFF, 0x62]))
        // More than one control byte in four: binary.
        #expect(!TerminalBytes.isText([0x01, 0x02, 0x61, 0x62, 0x63]))
        #expect(TerminalBytes.isText([0x01, 0x61, 0x62, 0x63]))
    }
}
