/// Whether a byte is inside a JSON string, byte by byte: what ends one is an unescaped `"`.
struct JSONStringState: Sendable, Equatable {
    private(set) var inString = false
    private var escaped = false

    /// Takes the byte when it is part of a string (the opening quote included) and says so.
    mutating func take(_ byte: UInt8) -> Bool {
        guard inString else {
            if byte == UInt8(ascii: "\"") { inString = true }
            return inString
        }
        if escaped {
            escaped = false
        } else if byte == UInt8(ascii: "\\") {
            escaped = true
        } else if byte == UInt8(ascii: "\"") {
            inString = false
        }
        return true
    }
}
