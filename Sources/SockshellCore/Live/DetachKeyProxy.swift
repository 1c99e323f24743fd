/// Watches what the user types for the detach keys, as the docker CLI does for a TTY session (moby/term's
/// `NewEscapeProxy` wraps its stdin): bytes that could be the start of the sequence are held back, a byte
/// that breaks the match releases them, and the whole sequence ends the session without being sent.
///
/// The rules are moby's, byte for byte, so a session detaches exactly when `docker attach` would:
/// - A byte that breaks a partial match is forwarded after the held bytes and is not itself tried as
///   the start of a new match (moby resets and moves on). So with the default keys Ctrl-P Ctrl-P Ctrl-Q
///   does not detach, and keys `a,a,b` do not match inside `aaab`. The daemon's own detach check on a
///   TTY attach uses the same proxy, so both ends agree.
/// - Where moby's proxy repeats bytes (a match begun in one read, continued and then broken in the
///   next, which needs a sequence of three keys or more), the held bytes are released once here.
public struct DetachKeyProxy: Sendable {
    public let keys: DetachKeys
    /// How many bytes of `keys` the input ends with so far (held back, not yet forwarded).
    private var matched = 0
    /// True once the whole sequence was seen: nothing is forwarded after it.
    public private(set) var isDetached = false

    public init(keys: DetachKeys) {
        self.keys = keys
    }

    /// The bytes held back because they match the start of the sequence.
    public var heldBytes: [UInt8] { Array(keys.bytes[..<matched]) }

    /// Takes the next bytes typed: what to send on now, and whether the sequence is complete. Once it is,
    /// the rest of `bytes` and of every later feed is dropped.
    public mutating func feed(_ bytes: ArraySlice<UInt8>) -> (forward: [UInt8], detached: Bool) {
        let sequence = keys.bytes
        if isDetached { return ([], true) }
        if sequence.isEmpty { return (Array(bytes), false) }
        var forward: [UInt8] = []
        forward.reserveCapacity(bytes.count + matched)
        for byte in bytes {
            if byte == sequence[matched] {
                matched += 1
                if matched == sequence.count {
                    matched = 0
                    isDetached = true
                    return (forward, true)
                }
                continue
            }
            forward.append(contentsOf: sequence[..<matched])
            matched = 0
            forward.append(byte)
        }
        return (forward, false)
    }
}
