/// The key sequence that leaves a live session with the container still running, in docker's
/// `--detach-keys` grammar (moby/term's `ToBytes`): comma-separated keys, each `ctrl-a`...`ctrl-z`,
/// `ctrl-@`, `ctrl-[`, `ctrl-\`, `ctrl-]`, `ctrl-^`, `ctrl-_`, `DEL`, or exactly one character.
///
/// Case matters as it does to moby: `ctrl-` and its letter are lower case (`ctrl-P` is refused) and
/// `DEL` is upper case, while a one-character key is that byte as typed (`Q` is 0x51, not ctrl-q).
/// Nothing is trimmed: `ctrl-p, ctrl-q` is refused for its space, as docker refuses it.
public struct DetachKeys: Sendable, Equatable {
    /// The bytes of the sequence, in order.
    public let bytes: [UInt8]
    /// The sequence as docker writes it (the `detachKeys` query value and `DetachKeys` exec field).
    public let text: String

    /// docker's default, Ctrl-P then Ctrl-Q.
    public static let standard = DetachKeys(bytes: [0x10, 0x11], text: "ctrl-p,ctrl-q")

    /// The control keys by name, in moby's order: index = byte (`ctrl-@` is 0x00, `ctrl-_` is 0x1F).
    private static let controlNames: [String] =
        ["ctrl-@"] + (UInt8(ascii: "a")...UInt8(ascii: "z")).map { "ctrl-\(Character(Unicode.Scalar($0)))" }
        + ["ctrl-[", "ctrl-\\", "ctrl-]", "ctrl-^", "ctrl-_"]
    /// moby accepts `DEL` for 0x7F besides the control names.
    private static let deleteName = "DEL"
    private static let deleteByte: UInt8 = 0x7F

    private init(bytes: [UInt8], text: String) {
        self.bytes = bytes
        self.text = text
    }

    /// Reads `text` as docker's `--detach-keys` value.
    public init(parsing text: String) throws(DetachKeysError) {
        var bytes: [UInt8] = []
        // Go's strings.Split keeps empty fields, so `""`, `ctrl-p,` and `,q` have an empty key, refused.
        for key in text.split(separator: ",", omittingEmptySubsequences: false) {
            // moby tests the key's length in bytes: one byte is that byte, anything longer is a name.
            if key.utf8.count == 1, let byte = key.utf8.first {
                bytes.append(byte)
            } else if let index = Self.controlNames.firstIndex(of: String(key)) {
                bytes.append(UInt8(index))
            } else if key == Self.deleteName {
                bytes.append(Self.deleteByte)
            } else {
                throw DetachKeysError(key: String(key), in: text)
            }
        }
        self.init(bytes: bytes, text: text)
    }
}

/// A `--detach-keys` value docker would refuse, with the sentence that says which key and what is accepted.
public struct DetachKeysError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key that is not in the grammar (possibly empty, as in `ctrl-p,`).
    public let key: String
    public let message: String

    init(key: String, in text: String) {
        self.key = key
        message =
            """
            unknown detach key '\(key)' in '\(text)': use ctrl-a..ctrl-z, ctrl-@, ctrl-[, ctrl-\\, ctrl-], ctrl-^, \
            ctrl-_, DEL or one character, comma-separated (docker's --detach-keys format, e.g. ctrl-x,q)
            """
    }

    public var description: String { message }
}
