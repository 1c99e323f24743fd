/// One line of a recording: its text, where it starts in the file and what kind of line it is.
public struct TranscriptLine: Sendable, Equatable {
    /// What a line is in the format (`TranscriptFormat`). Markers count only as the format writes
    /// them: `#=`, `#@` and `#.` with a space after them; `#>` and `#<` with anything after them
    /// (the reader says what is wrong with a `#>` that has no space).
    public enum Kind: Sendable, Equatable {
        /// `#= N ...`: the number when the first word is one.
        case exchangeStart(number: Int?)
        /// `#@ N SECONDS`: the number when the first word is one.
        case runStart(number: Int?)
        case sent
        case received
        /// `#. N ...`: the number when the first word is one.
        case exchangeEnd(number: Int?)
        /// Any other line starting with `#`.
        case comment
        /// A line of spaces and tabs, or nothing.
        case blank
        /// Anything else: a command as typed.
        case command
    }

    /// The line without its LF (a CR before it is kept: see `content`).
    public var text: Substring
    /// Where the line starts in the file, in bytes.
    public var offset: Int
    public var kind: Kind

    public init(text: Substring, offset: Int) {
        self.text = text
        self.offset = offset
        self.kind = Self.kind(of: text.hasSuffix("\r") ? text.dropLast() : text)
    }

    /// The text without a CR before its LF: what the format's rules read.
    public var content: Substring { text.hasSuffix("\r") ? text.dropLast() : text }

    /// What follows a marker and its space (`#= `, `#> `, …): the line's fields or bytes.
    public var afterMarker: Substring { Substring(content.utf8.dropFirst(3)) }

    static func kind(of line: Substring) -> Kind {
        // Markers are compared as bytes: a wire line may go on with a combining character, which
        // Character-wise comparison would merge with the space after the marker.
        let utf8 = line.utf8
        guard let first = utf8.first else { return .blank }
        guard first == UInt8(ascii: "#") else {
            return line.allSatisfy { $0 == " " || $0 == "\t" } ? .blank : .command
        }
        guard utf8.count >= 2 else { return .comment }
        let marker = utf8[utf8.index(after: utf8.startIndex)]
        if marker == UInt8(ascii: ">") { return .sent }
        if marker == UInt8(ascii: "<") { return .received }
        // `#=`, `#@` and `#.` mark the format only when a space follows; otherwise it is a comment.
        guard utf8.count >= 3, utf8[utf8.index(utf8.startIndex, offsetBy: 2)] == 0x20 else { return .comment }
        let number = Int(String(decoding: utf8.dropFirst(3).prefix { $0 != 0x20 }, as: UTF8.self))
        switch marker {
        case UInt8(ascii: "="): return .exchangeStart(number: number)
        case UInt8(ascii: "@"): return .runStart(number: number)
        case UInt8(ascii: "."): return .exchangeEnd(number: number)
        default: return .comment
        }
    }
}

/// Splits a recording's bytes into lines with their offsets, as they are read: the one place a
/// recording is cut into lines, for replay, serve, the appender and the reader's tests. Bytes go
/// in as they come (`append`), lines come out whole (`next`); the last line may lack its LF (a
/// killed session), and `finish` hands it on.
public struct TranscriptLines: Sendable {
    private var buffer: [UInt8] = []
    private var start = 0
    /// The file offset of `buffer[0]`.
    private var bufferOffset: Int
    private var ended = false
    /// Where the search for the next LF goes on: bytes before it hold none, so a long line read
    /// over many appends is scanned once.
    private var scanned = 0

    /// `offset`: where in the file the first byte appended is (reading from an exchange's line).
    public init(offset: Int = 0) {
        bufferOffset = offset
    }

    /// Adds bytes read from the file, in order.
    public mutating func append(_ bytes: ArraySlice<UInt8>) {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            bufferOffset += start
            scanned -= start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The file has no more bytes: the text after the last LF is a line too.
    public mutating func finish() {
        ended = true
    }

    /// The next whole line, or nil until more bytes are appended (or, after `finish`, at the end).
    public mutating func next() -> TranscriptLine? {
        scanned = max(scanned, start)
        if let newline = buffer[scanned...].firstIndex(of: 0x0A) {
            let line = TranscriptLine(
                text: String(decoding: buffer[start..<newline], as: UTF8.self)[...], offset: bufferOffset + start)
            start = newline + 1
            scanned = start
            return line
        }
        scanned = buffer.count
        guard ended, start < buffer.count else { return nil }
        let line = TranscriptLine(
            text: String(decoding: buffer[start...], as: UTF8.self)[...], offset: bufferOffset + start)
        start = buffer.count
        return line
    }

    /// Every line of a recording held in memory (tests, small files).
    public static func lines(of bytes: some Sequence<UInt8>) -> [TranscriptLine] {
        var splitter = TranscriptLines()
        splitter.append(Array(bytes)[...])
        splitter.finish()
        var lines: [TranscriptLine] = []
        while let line = splitter.next() { lines.append(line) }
        return lines
    }
}
