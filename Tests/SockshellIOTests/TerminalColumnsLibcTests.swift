import SockshellCore
import TestSupport
import Testing

/// TerminalColumns against the C library's `wcwidth` in the C.UTF-8 locale, which libedit and tmux
/// place characters by: every Unicode scalar the C library knows must agree.
///
/// Known differences, each checked below:
/// - Controls (C0 but NUL, DEL, C1) and the line and paragraph separators U+2028–2029: wcwidth says
///   -1 (not printable), TerminalColumns 0 (they are not text; the views show controls as notation).
/// - Characters newer than the C library's Unicode (glibc 2.36 has Unicode 14; the wide table is
///   Unicode 15's, e.g. U+1F6DC WIRELESS, and Swift's categories newer still), and noncharacters:
///   wcwidth says -1, TerminalColumns their width. U+1171E changed category in Unicode 15.
/// - Grapheme clusters: wcwidth (and wcswidth) add scalar by scalar, so an emoji ZWJ sequence
///   (👨‍👩‍👧) is 6 columns to it, 👍🏽 (a skin tone) 4 and ❤️ (U+2764 U+FE0F) 1; TerminalColumns
///   counts a cluster once (2).
///   `columnsByScalar` is wcwidth's count, which the line editor uses because libedit does.
@Suite struct TerminalColumnsLibcTests {
    /// glibc's wcwidth, looked up at run time: Swift's Glibc module leaves it out (its header
    /// declares it only under _XOPEN_SOURCE).
    private static let wcwidth: @convention(c) (wchar_t) -> Int32 = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth") else {
            return { _ in -2 }
        }
        return unsafeBitCast(symbol, to: (@convention(c) (wchar_t) -> Int32).self)
    }()

    private func wcwidth(_ character: wchar_t) -> Int32 { Self.wcwidth(character) }

    /// Runs `body` with LC_CTYPE C.UTF-8 on this thread only (uselocale), so other tests in the
    /// process are not affected.
    private func inUTF8Locale<T>(_ body: () -> T) throws -> T {
        let locale = try #require(newlocale(LC_CTYPE_MASK, "C.UTF-8", nil), "C.UTF-8 must be installed")
        defer { freelocale(locale) }
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        return body()
    }

    /// Unicode 15 made U+1171E AHOM CONSONANT SIGN MEDIAL RA a spacing mark (Mc, 1 column); glibc's
    /// Unicode 14 has it nonspacing (Mn, 0).
    static let changedSinceTheCLibrary: Set<UInt32> = [0x1171E]

    @Test func everyScalarTheCLibraryKnowsHasItsWidth() throws {
        let (mismatches, controls, unexplained) = try inUTF8Locale {
            var mismatches: [String] = []
            var controls: [UInt32] = []
            var unexplained: [UInt32] = []
            for value in UInt32(0)...0x10FFFF {
                guard let scalar = Unicode.Scalar(value) else { continue }  // surrogates
                let theirs = Int(wcwidth(wchar_t(value)))
                let ours = TerminalColumns.columns(scalar)
                if theirs == ours || Self.changedSinceTheCLibrary.contains(value) { continue }
                let properties = scalar.properties
                if theirs >= 0 {
                    mismatches.append("U+\(String(value, radix: 16, uppercase: true)): wcwidth \(theirs), ours \(ours)")
                } else if [.control, .lineSeparator, .paragraphSeparator].contains(properties.generalCategory) {
                    controls.append(value)
                } else if !(properties.isNoncharacterCodePoint || properties.age.map { $0.major >= 15 } ?? true) {
                    // Not printable to the C library, yet neither new, nor unassigned, nor a noncharacter.
                    unexplained.append(value)
                }
            }
            return (mismatches, controls, unexplained)
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) differ: \(mismatches.prefix(40))")
        // -1 from wcwidth and 0 from us: the controls and the two separators.
        let expectedControls = Array(UInt32(1)...0x1F) + Array(UInt32(0x7F)...0x9F) + [0x2028, 0x2029]
        #expect(controls == expectedControls)
        #expect(unexplained.isEmpty, "unknown to wcwidth though older than Unicode 15: \(unexplained.prefix(20))")
        // The comparison saw the C library in C.UTF-8: Hangul is wide there, a combining mark takes
        // nothing (in the C locale both are -1, not printable).
        #expect(try inUTF8Locale { wcwidth(0xD55C) == 2 && wcwidth(0x0301) == 0 })
    }

    @Test func koreanHasTheWidthsTheTerminalUses() throws {
        try inUTF8Locale {
            let texts = [
                "안녕하세요 소켓 세계", "한국어 입력 시험", "ㄱㄴㄷ ㅏㅑ",
                "\u{1100}\u{1161}\u{11A8}",
            ]
            for text in texts {
                let theirs = text.unicodeScalars.map { wcwidth(wchar_t($0.value)) }.reduce(0, +)
                #expect(Int(theirs) == text.columnsByScalar, "\(text)")
                #expect(text.terminalColumns == text.columnsByScalar, "\(text)")
            }
        }
    }

    @Test func emojiSequencesAreWhereWcwidthAndClustersDiffer() throws {
        try inUTF8Locale {
            func wcswidth(_ text: String) -> Int {
                text.unicodeScalars.reduce(0) { $0 + max(0, Int(wcwidth(wchar_t($1.value)))) }
            }
            #expect(wcswidth("👨‍👩‍👧") == 6)
            #expect("👨‍👩‍👧".columnsByScalar == 6)
            #expect("👨‍👩‍👧".terminalColumns == 2)
            #expect(wcswidth("❤️") == 1)
            #expect("❤️".terminalColumns == 2)
            // A skin tone is a wide scalar of its own to wcwidth: 👍🏽 is 4.
            #expect(wcswidth("👍🏽") == 4)
            #expect("👍🏽".terminalColumns == 2)
            // Where a cluster has one wide scalar and marks, both counts agree.
            for same in ["👍", "e\u{0301}", "🇰🇷", "한"] {
                #expect(wcswidth(same) == same.terminalColumns, "\(same)")
            }
        }
    }
}
