import SockshellCore
import Testing

struct HexTests {
    @Test func encodesEveryByteAndDecodesItBack() {
        let all = (0...255).map { UInt8($0) }
        let lower = Hex.encode(all)
        #expect(lower.hasPrefix("000102") && lower.hasSuffix("fdfeff") && lower.utf8.count == 512)
        #expect(Hex.encode(all, uppercase: true).hasSuffix("FDFEFF"))
        #expect(Hex.decode(Array(lower.utf8)) == all)
        #expect(Hex.decode(Array(Hex.encode(all, uppercase: true).utf8)) == all)
        #expect(Hex.encode([]) == "" && Hex.decode([]) == [])
    }

    @Test func refusesOddCountsAndNonDigits() {
        #expect(Hex.decode(Array("abc".utf8)) == nil)
        #expect(Hex.decode(Array("0g".utf8)) == nil)
        #expect(Hex.value(of: UInt8(ascii: "F")) == 15 && Hex.value(of: UInt8(ascii: "a")) == 10)
        #expect(Hex.value(of: UInt8(ascii: "G")) == nil && Hex.value(of: UInt8(ascii: "/")) == nil)
    }

    @Test func appendsToBytesAndToText() {
        var bytes: [UInt8] = []
        Hex.append(0xA5, to: &bytes)
        #expect(bytes == Array("a5".utf8))
        var text = "x"
        Hex.append(0x0F, uppercase: true, to: &text)
        #expect(text == "x0F")
    }
}

struct PercentEncodingTests {
    @Test func keepsOnlyTheGivenSet() {
        let text = Array("a b/c~é%".utf8)
        #expect(PercentEncoding.encode(text, keeping: .unreserved) == Array("a%20b%2Fc~%C3%A9%25".utf8))
        #expect(
            PercentEncoding.encode(text, keeping: .unreserved, spaceAsPlus: true) == Array("a+b%2Fc~%C3%A9%25".utf8))
        #expect(PercentEncoding.encode("/a b?x={1}%20", keeping: .requestTarget) == "/a%20b?x=%7B1%7D%20")
        #expect(PercentEncoding.encode("/\u{7F}\t\u{0}", keeping: .visibleASCII) == "/%7F%09%00")
        #expect(PercentEncoding.encode("", keeping: .unreserved) == "")
    }

    @Test func roundTripsEveryByte() {
        let all = (0...255).map { UInt8($0) }
        for set in [ByteSet.unreserved, .requestTarget, .visibleASCII, ByteSet()] {
            #expect(PercentEncoding.decode(PercentEncoding.encode(all, keeping: set)) == all)
        }
        let plus = PercentEncoding.encode(all, keeping: .unreserved, spaceAsPlus: true)
        #expect(PercentEncoding.decode(plus, plusIsSpace: true) == all)
    }

    @Test func decodingLeavesAMalformedEscapeAsItIs() {
        #expect(PercentEncoding.decode(Array("100%".utf8)) == Array("100%".utf8))
        #expect(PercentEncoding.decode(Array("%4".utf8)) == Array("%4".utf8))
        #expect(PercentEncoding.decode(Array("%zz%41%6a".utf8)) == Array("%zzAj".utf8))
        #expect(PercentEncoding.decode(Array("a+b".utf8)) == Array("a+b".utf8))
        #expect(PercentEncoding.decode(Array("a+b".utf8), plusIsSpace: true) == Array("a b".utf8))
    }

    @Test func theSetsAreWhatTheirNamesSay() {
        #expect(ByteSet.unreserved.contains(UInt8(ascii: "~")) && !ByteSet.unreserved.contains(UInt8(ascii: "/")))
        #expect(ByteSet.requestTarget.contains(UInt8(ascii: "%")) && !ByteSet.requestTarget.contains(UInt8(ascii: "{")))
        #expect(!ByteSet.requestTarget.contains(0x20) && !ByteSet.requestTarget.contains(0x80))
        #expect(ByteSet.visibleASCII.contains(UInt8(ascii: "~")) && !ByteSet.visibleASCII.contains(0x7F))
        #expect(ByteSet(0...255).contains(255) && !ByteSet().contains(0))
    }
}

struct Base64Tests {
    private let vectors = [
        ("", "", ""), ("f", "Zg==", "Zg"), ("fo", "Zm8=", "Zm8"), ("foo", "Zm9v", "Zm9v"),
        ("foob", "Zm9vYg==", "Zm9vYg"), ("fooba", "Zm9vYmE=", "Zm9vYmE"), ("foobar", "Zm9vYmFy", "Zm9vYmFy"),
    ]

    @Test func matchesTheRFC4648Vectors() {
        for (plain, padded, unpadded) in vectors {
            #expect(Base64.encode(Array(plain.utf8)) == padded)
            #expect(Base64.encode(Array(plain.utf8), alphabet: .url, padding: false) == unpadded)
            #expect(Base64.decode(Array(padded.utf8)) == Array(plain.utf8))
            #expect(Base64.decode(Array(unpadded.utf8)) == Array(plain.utf8))
        }
    }

    @Test func theAlphabetsDifferOnlyInTheirLastTwoDigits() {
        let all = (0...255).map { UInt8($0) }
        let standard = Base64.encode(all)
        let url = Base64.encode(all, alphabet: .url)
        #expect(standard.contains("+") && standard.contains("/") && !url.contains("+") && !url.contains("/"))
        #expect(String(standard.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 }) == url)
        #expect(Base64.decode(Array(standard.utf8)) == all && Base64.decode(Array(url.utf8)) == all)
        #expect(Base64.encode(all[3...5]) == Base64.encode(Array(all[3...5])))
        // A credential may come in either alphabet; both read the same.
        #expect(Base64.decode(Array("-_-_".utf8)) == [0xFB, 0xFF, 0xBF])
        #expect(Base64.decode(Array("+/+/".utf8)) == [0xFB, 0xFF, 0xBF])
    }

    @Test func refusesMalformedText() {
        #expect(Base64.decode(Array("Z".utf8)) == nil)
        #expect(Base64.decode(Array("Zg=".utf8)) == nil)
        #expect(Base64.decode(Array("Zg===".utf8)) == nil)
        #expect(Base64.decode(Array("Zm9v!".utf8)) == nil)
        #expect(Base64.decode(Array("Zm 9v".utf8)) == nil)
    }
}

struct JSONStringEscapingTests {
    @Test func escapesWhatJSONRequires() {
        #expect(JSONStringEscaping.escaped(#"a"b\c"#) == #"a\"b\\c"#)
        #expect(JSONStringEscaping.escaped("\n\r\t\u{08}\u{0C}") == #"\n\r\t\b\f"#)
        #expect(JSONStringEscaping.escaped("\u{00}\u{1F}\u{7F}") == #"\u0000\u001f\u007f"#)
        #expect(JSONStringEscaping.escaped("/é🐳 ") == "/é🐳 ")
        #expect(JSONStringEscaping.quoted("") == #""""#)
    }

    @Test func whatItWritesParsesBackToTheSameText() throws {
        let text = String((0...0x7F).map { Character(Unicode.Scalar(UInt8($0))) }) + "é🐳\u{85}"
        let parsed = try JSONValue.parse(Array(JSONStringEscaping.quoted(text).utf8)[...])
        #expect(parsed == .string(text))
    }
}
