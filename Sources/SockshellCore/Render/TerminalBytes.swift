/// Which bytes would control a terminal rather than show as text, decided once for every view.
///
/// A terminal acts on C0 controls (ESC starts every escape sequence: CSI `ESC [`, OSC `ESC ]`
/// that sets the window title or writes the clipboard, DCS ...), on DEL, and on the C1 controls
/// U+0080–U+009F, which a UTF-8 terminal may take as CSI, OSC and the rest when they arrive
/// as C2 80–C2 9F, and a Latin-1 terminal takes as single bytes 80–9F. Escaping the introducing
/// byte is enough: what follows it is printable and shows as text.
///
/// Passed as text: LF and TAB, and CR directly before LF (a CRLF line end). A lone CR is escaped:
/// it moves the cursor back, so a server could write over a line it printed and hide it.
public enum TerminalBytes {
    /// A byte below 0x80 that is escaped wherever it stands (CR is decided with the byte after it).
    @inline(__always)
    static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D) || byte == 0x7F
    }

    /// The UTF-8 form of a C1 control: C2 followed by 80–9F.
    @inline(__always)
    static func isC1(lead: UInt8, next: UInt8) -> Bool {
        lead == 0xC2 && next >= 0x80 && next <= 0x9F
    }

    /// The pretty view's rule for showing a body as text rather than as "binary data": valid
    /// UTF-8, no NUL, and at most one control byte per `textBytesPerControl` bytes (a log line with
    /// colour codes is still text; a file of mostly control bytes is not). The escape sequences a
    /// terminal program writes (a TTY container's colours, its window title) format text: they are
    /// not counted, though they are still shown escaped.
    public static func isText(_ bytes: some Collection<UInt8>) -> Bool {
        let array = Array(bytes)
        guard !array.contains(0), String(validating: array, as: UTF8.self) != nil else { return false }
        return controlCount(withoutEscapeSequences(array)) * textBytesPerControl <= array.count
    }

    /// `bytes` without their complete CSI (`ESC [` parameters, a final byte 40–7E) and OSC
    /// (`ESC ]` text, then BEL or `ESC \`) sequences.
    static func withoutEscapeSequences(_ bytes: [UInt8]) -> [UInt8] {
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x1B, index + 1 < bytes.count, let end = sequenceEnd(bytes, introducer: index) {
                index = end
                continue
            }
            kept.append(bytes[index])
            index += 1
        }
        return kept
    }

    /// Where the escape sequence starting at `introducer` ends, or nil when it is not a complete one.
    private static func sequenceEnd(_ bytes: [UInt8], introducer: Int) -> Int? {
        var index = introducer + 2
        switch bytes[introducer + 1] {
        case UInt8(ascii: "["):
            while index < bytes.count, (0x20...0x3F).contains(bytes[index]) { index += 1 }
            return index < bytes.count && (0x40...0x7E).contains(bytes[index]) ? index + 1 : nil
        case UInt8(ascii: "]"):
            while index < bytes.count {
                if bytes[index] == 0x07 { return index + 1 }
                if bytes[index] == 0x1B, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\") {
                    return index + 2
                }
                if bytes[index] < 0x20 { return nil }
                index += 1
            }
            return nil
        default:
            return nil
        }
    }

    /// A body with more control bytes than one in this many is binary, not text with a few escapes.
    public static let textBytesPerControl = 4

    /// How many control bytes (as the escaper counts them: a C1 character is one) `bytes` holds.
    static func controlCount(_ bytes: [UInt8]) -> Int {
        var count = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if isControl(byte) {
                count += 1
            } else if byte == 0x0D, index + 1 >= bytes.count || bytes[index + 1] != 0x0A {
                count += 1
            } else if index + 1 < bytes.count, isC1(lead: byte, next: bytes[index + 1]) {
                count += 1
                index += 1
            }
            index += 1
        }
        return count
    }
}
