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
    /// colour codes is still text; a file of mostly control bytes is not).
    public static func isText(_ bytes: some Collection<UInt8>) -> Bool {
        let array = Array(bytes)
        guard !array.contains(0), String(validating: array, as: UTF8.self) != nil else { return false }
        return controlCount(array) * textBytesPerControl <= array.count
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
