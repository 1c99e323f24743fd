/// Ids a recording received, mapped to the ids the replay's daemon returned in the same places,
/// so a recording of create-then-start replays against a fresh daemon with no edits.
public struct IdRemapping: Sendable, Equatable {
    /// Recorded id to replayed id, full length and as the 12-character short form.
    public private(set) var replacements: [String: String] = [:]

    /// Hex runs this long or longer are ids: Docker's short form is 12, the full one 64.
    static let shortIdLength = 12

    public init() {}

    public var isEmpty: Bool { replacements.isEmpty }

    /// Learns from a recorded answer and the replayed answer to the same request: wherever both
    /// hold an id at the same place (same keys, same array index), the recorded one maps to the new.
    /// A list at the top (containers/json) or a stream's lines are not paired: their order is the
    /// daemon's, and pairing by position could map an id to another container's.
    public mutating func learnFromAnswer(recorded: JSONValue, replayed: JSONValue) {
        if case .array = recorded { return }
        learn(recorded: recorded, replayed: replayed)
    }

    mutating func learn(recorded: JSONValue, replayed: JSONValue) {
        switch (recorded, replayed) {
        case (.object(let old), .object(let new)):
            for member in old {
                if let counterpart = new.first(where: { $0.key == member.key }) {
                    learn(recorded: member.value, replayed: counterpart.value)
                }
            }
        case (.array(let old), .array(let new)):
            guard old.count == new.count else { return }
            for (oldValue, newValue) in zip(old, new) { learn(recorded: oldValue, replayed: newValue) }
        case (.string(let old), .string(let new)):
            guard old != new, let oldId = Self.id(in: old), let newId = Self.id(in: new), oldId.count == newId.count
            else { return }
            add(oldId, newId)
        default:
            break
        }
    }

    /// Records one pair (and its short form). The first evidence wins: a later, different pairing
    /// of the same recorded id is more likely a coincidence of position than a correction.
    public mutating func add(_ recorded: String, _ replayed: String) {
        guard replacements[recorded] == nil else { return }
        replacements[recorded] = replayed
        if recorded.count > Self.shortIdLength {
            let short = String(recorded.prefix(Self.shortIdLength))
            if replacements[short] == nil { replacements[short] = String(replayed.prefix(Self.shortIdLength)) }
        }
    }

    /// The text with every whole recorded id (a hex run on its own) replaced by its new id.
    public func apply(_ text: String) -> String {
        String(decoding: apply(bytes: Array(text.utf8)), as: UTF8.self)
    }

    public func apply(bytes: [UInt8]) -> [UInt8] {
        guard !replacements.isEmpty else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard Self.isHex(bytes[index]) else {
                out.append(bytes[index])
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, Self.isHex(bytes[end]) { end += 1 }
            let run = bytes[index..<end]
            if run.count >= Self.shortIdLength, let replacement = replacements[String(decoding: run, as: UTF8.self)] {
                out += Array(replacement.utf8)
            } else {
                out += run
            }
            index = end
        }
        return out
    }

    /// A request's bytes with ids replaced, its Content-Length corrected if the body changed length.
    public func apply(request: [UInt8]) -> [UInt8] {
        let mapped = apply(bytes: request)
        guard mapped.count != request.count else { return mapped }
        return HeadEditing.fixingContentLength(mapped)
    }

    /// The id a string is or holds: 12 to 64 lower-case hex digits, alone or after `sha256:`.
    static func id(in text: String) -> String? {
        let bare = text.hasPrefix("sha256:") ? String(text.dropFirst(7)) : text
        guard bare.utf8.count >= shortIdLength, bare.utf8.count <= 64, bare.utf8.allSatisfy(isHex) else { return nil }
        return bare
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
    }
}
