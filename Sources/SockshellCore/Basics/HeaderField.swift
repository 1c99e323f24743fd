/// One header line as it arrived: name as sent (case kept), value with surrounding whitespace trimmed.
public struct HeaderField: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Whether this field is called `name`, compared without regard to ASCII case (RFC 9110 §5.1:
    /// field names are case-insensitive tokens). Allocates nothing, unlike comparing `lowercased()`.
    public func hasName(_ name: String) -> Bool {
        Self.namesMatch(self.name, name)
    }

    /// Whether two field names are the same name, ignoring ASCII case.
    public static func namesMatch(_ first: String, _ second: String) -> Bool {
        equalIgnoringASCIICase(first.utf8, second.utf8)
    }

    /// Whether the `Name: value` line `line` is a field called `name`: the name, then at once the colon.
    /// For heads kept as lines, so they are written back exactly as they were.
    public static func line(_ line: some StringProtocol, isNamed name: String) -> Bool {
        let bytes = line.utf8
        guard bytes.count > name.utf8.count else { return false }
        let nameEnd = bytes.index(bytes.startIndex, offsetBy: name.utf8.count)
        return bytes[nameEnd] == UInt8(ascii: ":") && equalIgnoringASCIICase(bytes[..<nameEnd], name.utf8)
    }

    private static func equalIgnoringASCIICase(
        _ first: some Collection<UInt8>, _ second: some Collection<UInt8>
    ) -> Bool {
        first.count == second.count && first.elementsEqual(second) { asciiLowercase($0) == asciiLowercase($1) }
    }

    private static func asciiLowercase(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
