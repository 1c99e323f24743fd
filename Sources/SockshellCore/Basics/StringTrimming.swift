extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        // Most words have nothing to trim: an ASCII byte that is not space at each end settles it
        // without walking scalars (a byte of 0x80 or more may start or end Unicode whitespace).
        let bytes = Substring(self).utf8
        if let first = bytes.first, let last = bytes.last, Self.isASCIIVisible(first), Self.isASCIIVisible(last) {
            return String(self)
        }
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    private static func isASCIIVisible(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
}

extension String {
    /// The text with spaces after it up to `width` terminal columns (a Korean title's syllables take
    /// two each), for tables; longer text is kept whole.
    public func padded(to width: Int) -> String {
        let used = terminalColumns
        return used >= width ? self : self + String(repeating: " ", count: width - used)
    }
}
