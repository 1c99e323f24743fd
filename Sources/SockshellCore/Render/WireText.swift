/// Writes bytes as wire-view lines: each line starts with a direction mark, CR and LF show as
/// ␍ ␊ (or `\r` `\n` with --ascii), bytes that are not printable text show as hex.
/// It keeps whether it stands at the start of a line, so a line split across reads continues.
///
/// On a terminal a line longer than its width is folded, the mark repeated on every screen line
/// (as `less` and a terminal would fold it, but with the direction kept), so a long JSON line of
/// an answer never reads as part of the request. A folded line is told from a new one by its end:
/// only a real line end shows ␊.
struct WireText {
    let mark: [UInt8]
    let ansi: ANSI
    let ascii: Bool
    /// Columns of text a screen line holds after the mark; nil: lines are not folded (a pipe, a file).
    let foldWidth: Int?
    private(set) var atLineStart = true
    /// The first bytes of a UTF-8 character whose remaining bytes have not arrived yet.
    private var heldUTF8: [UInt8] = []
    /// Columns used on the current screen line after the mark.
    private var column = 0
    /// Bytes shown as hex notation so far (the wire view's test for a binary body).
    private(set) var hexBytes = 0

    private let carriageReturn: [UInt8]
    private let lineFeed: [UInt8]
    /// Columns of ␍ or ␊ (`\r`, `\n` with --ascii).
    private var symbolWidth: Int { ascii ? 2 : 1 }

    /// The narrowest text a folded line keeps: on a narrower terminal folding would only make a
    /// column of marks, so the terminal's own wrapping is left to do it.
    static let narrowestFold = 16

    /// - Parameter columns: the terminal's width, when lines are to be folded at it.
    init(mark: String, markColor: [UInt8], ansi: ANSI, ascii: Bool, columns: Int? = nil) {
        self.mark = markColor + Array(mark.utf8) + ansi.reset + [UInt8(ascii: " ")]
        self.ansi = ansi
        self.ascii = ascii
        let width = columns.map { $0 - mark.count - 1 }
        foldWidth = width.flatMap { $0 >= Self.narrowestFold ? $0 : nil }
        carriageReturn = ansi.dim + Array((ascii ? "\\r" : "␍").utf8) + ansi.reset
        lineFeed = ansi.dim + Array((ascii ? "\\n" : "␊").utf8) + ansi.reset
    }

    /// Starts a new screen line of the same line when `width` more columns would not fit.
    @inline(__always)
    private mutating func makeRoom(_ width: Int, into out: inout [UInt8]) {
        guard let foldWidth, column > 0, column + width > foldWidth else { return }
        out.append(0x0A)
        out.append(contentsOf: mark)
        column = 0
    }

    /// Appends `bytes`; a LF ends the output line. `annotation` goes at the end of the last line
    /// these bytes end (for a chunk-size line: its decimal size).
    mutating func append(_ bytes: ArraySlice<UInt8>, annotation: String? = nil, into out: inout [UInt8]) {
        if !heldUTF8.isEmpty {
            // Finish the character a read boundary cut: prepend its first bytes.
            let joined = heldUTF8 + bytes
            heldUTF8 = []
            append(joined[...], annotation: annotation, into: &out)
            return
        }
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            while index < count {
                if atLineStart {
                    out.append(contentsOf: mark)
                    atLineStart = false
                    column = 0
                }
                // Copy the longest run of plain printable ASCII in one go: that is nearly all of
                // a typical body, and per-byte appends would cap throughput.
                var runEnd = index
                while runEnd < count {
                    let byte = buffer[runEnd]
                    if (byte >= 0x20 && byte < 0x7F) || byte == 0x09 { runEnd += 1 } else { break }
                }
                if runEnd > index {
                    makeRoom(1, into: &out)
                    // A tab counts as one column: folding is for reading, not for exact layout.
                    let take = foldWidth.map { min(runEnd - index, $0 - column) } ?? runEnd - index
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<index + take]))
                    column += take
                    index += take
                    continue
                }
                let byte = buffer[index]
                if byte == 0x0D {
                    makeRoom(symbolWidth, into: &out)
                    out.append(contentsOf: carriageReturn)
                    column += symbolWidth
                    index += 1
                } else if byte == 0x0A {
                    makeRoom(symbolWidth, into: &out)
                    out.append(contentsOf: lineFeed)
                    index += 1
                    if index == count, let annotation { appendAnnotation(annotation, into: &out) }
                    out.append(0x0A)
                    atLineStart = true
                } else if byte >= 0x80, let length = UTF8Validity.sequenceLength(buffer, at: index) {
                    if TerminalBytes.isC1(lead: byte, next: buffer[index + 1]) {
                        // A C1 control is valid UTF-8 but not text: a terminal may act on it.
                        appendHex(byte, into: &out)
                        appendHex(buffer[index + 1], into: &out)
                    } else {
                        // Scalar by scalar, as the terminal itself (wcwidth) advances: a combining mark takes
                        // no column, a Hangul syllable two.
                        let width = TerminalColumns.columns(UTF8Validity.scalar(buffer, at: index, length: length))
                        makeRoom(width, into: &out)
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<index + length]))
                        column += width
                    }
                    index += length
                } else if byte >= 0x80, UTF8Validity.isCutShort(buffer, at: index) {
                    // The rest of this character is in the next read: hold it, so the view
                    // does not depend on where reads happened to split.
                    heldUTF8 = Array(buffer[index...])
                    index = count
                } else {
                    appendHex(byte, into: &out)
                    index += 1
                }
            }
        }
        if !atLineStart, let annotation, bytes.last != 0x0A {
            appendAnnotation(annotation, into: &out)
        }
    }

    /// A Docker stream-frame header on a line of its own, all eight bytes in hex (its length bytes
    /// are a number, not text: 0x0a shown as ␊ would look like a line end, 0x4e as `N`), then
    /// the stream and the length it says:
    /// `< ⟨01⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨00⟩⟨4e⟩  (stdout frame, 78 B)`.
    mutating func appendFrameHeader(stream: UInt8, size: Int, raw: [UInt8], into out: inout [UInt8]) {
        breakLine(into: &out)
        out.append(contentsOf: mark)
        // Not folded, nor counted as a body's hex: it is framing, as a chunk-size line is.
        out.append(contentsOf: ansi.dim)
        for byte in raw { ControlByteEscaper.appendNotation(byte, ascii: ascii, into: &out) }
        out.append(contentsOf: ansi.reset)
        appendAnnotation("\(DockerStreamFrames.streamName(stream)) frame, \(size) B", into: &out)
        out.append(0x0A)
    }

    /// Ends the current output line (without claiming a LF byte) if one is open.
    mutating func breakLine(into out: inout [UInt8]) {
        if !heldUTF8.isEmpty {
            // The character never completed: its bytes are not text after all.
            for byte in heldUTF8 { appendHex(byte, into: &out) }
            heldUTF8 = []
        }
        if !atLineStart {
            out.append(0x0A)
            atLineStart = true
        }
    }

    private func appendAnnotation(_ text: String, into out: inout [UInt8]) {
        out.append(contentsOf: ansi.dim)
        out.append(contentsOf: Array("  (\(text))".utf8))
        out.append(contentsOf: ansi.reset)
    }

    private mutating func appendHex(_ byte: UInt8, into out: inout [UInt8]) {
        // ⟨1b⟩, or \x1b with --ascii: four columns either way.
        makeRoom(4, into: &out)
        column += 4
        hexBytes += 1
        out.append(contentsOf: ansi.dim)
        ControlByteEscaper.appendNotation(byte, ascii: ascii, into: &out)
        out.append(contentsOf: ansi.reset)
    }
}

/// Recognises well-formed UTF-8 sequences, so text in any language shows as text and only
/// bytes that are not UTF-8 show as hex.
enum UTF8Validity {
    /// True when the bytes from `index` to the end are a valid but incomplete UTF-8 sequence.
    static func isCutShort(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let available = buffer.count - index
        guard available >= 1, available <= 3 else { return false }
        var padded = Array(buffer[index...])
        // Complete it with a neutral continuation byte and see whether it would be valid then.
        let needed: Int
        switch buffer[index] {
        case 0xC2...0xDF: needed = 2
        case 0xE0...0xEF: needed = 3
        case 0xF0...0xF4: needed = 4
        default: return false
        }
        guard available < needed else { return false }
        // Pick a continuation that satisfies the tighter second-byte ranges of E0, ED, F0, F4.
        while padded.count < needed {
            padded.append(padded.count == 1 && (buffer[index] == 0xE0 || buffer[index] == 0xF0) ? 0xA0 : 0x80)
        }
        return padded.withUnsafeBufferPointer { sequenceLength($0, at: 0) == needed }
    }

    /// The scalar of the valid `length`-byte sequence at `index` (sequenceLength said it is valid).
    static func scalar(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> Unicode.Scalar {
        // The lead byte keeps 5, 4 or 3 bits; each continuation byte 6.
        var value = UInt32(buffer[index]) & (0xFF >> (length + 1))
        for offset in 1..<length { value = value << 6 | UInt32(buffer[index + offset] & 0x3F) }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// The length of the valid multi-byte sequence starting at `index`, or nil (a sequence cut
    /// by a read boundary also gives nil: its bytes then show as hex, which is still exact).
    static func sequenceLength(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = buffer[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return nil
        }
        guard index + length <= buffer.count else { return nil }
        let second = buffer[index + 1]
        guard second >= low && second <= high else { return nil }
        for offset in 2..<length where buffer[index + offset] & 0xC0 != 0x80 {
            return nil
        }
        return length
    }
}
