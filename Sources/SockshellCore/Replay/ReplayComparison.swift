/// A response reduced to what a replay compares: status, header names and the decoded body.
public struct ResponseSnapshot: Sendable, Equatable {
    public var status: Int?
    public var reason: String
    public var headers: HTTPFields
    public var body: [UInt8]

    public init(status: Int?, reason: String = "", headers: HTTPFields = [], body: [UInt8] = []) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// Parses the bytes read for one request, as far as they go (`lenient`: bare LF accepted).
    public init(method: String, received: some Sequence<ArraySlice<UInt8>>, lenient: Bool = false) {
        var parser = HTTPMessageReader(requestMethod: method, lenient: lenient)
        self.init(status: nil)
        for bytes in received {
            guard let events = try? parser.feed(bytes) else { break }
            for event in events {
                switch event {
                case .head(let head, _, _):
                    status = head.status
                    reason = head.reason
                    headers = head.headers
                case .body(let bytes):
                    body += bytes
                case .tunnel(let bytes):
                    // A live session's stream is its body: what the process wrote is compared.
                    body += bytes
                default:
                    break
                }
            }
        }
    }

    public func value(of name: String) -> String? {
        headers.value(of: name)
    }
}

/// Compares a replayed response with the recorded one.
public enum ReplayComparison {
    /// Header names that come and go with timing and size, not meaning.
    public static let volatileHeaders: Set<String> = [
        "date", "content-length", "transfer-encoding", "connection", "keep-alive",
    ]
    /// Differences listed per step; more are counted, not shown.
    public static let shownDifferences = 5

    /// Both bodies as whole JSON values, or nil for a stream or when either is not one: parsed once
    /// per step, for the ids learned from them and for the comparison.
    public static func wholeJSONBodies(
        recorded: ResponseSnapshot, replayed: ResponseSnapshot, isStream: Bool
    ) -> (recorded: JSONValue, replayed: JSONValue)? {
        guard !isStream, let old = try? JSONValue.parse(recorded.body), let new = try? JSONValue.parse(replayed.body)
        else { return nil }
        return (old, new)
    }

    /// What differs, one short line each; empty when the replay matches.
    public static func differences(
        recorded: ResponseSnapshot, replayed: ResponseSnapshot, rules: ReplayRules, ids: IdRemapping, isStream: Bool
    ) -> [String] {
        let bodies = wholeJSONBodies(recorded: recorded, replayed: replayed, isStream: isStream)
        return differences(
            recorded: recorded, replayed: replayed, wholeJSONBodies: bodies, rules: rules, ids: ids, isStream: isStream)
    }

    /// `differences` with the bodies already parsed (`wholeJSONBodies`).
    public static func differences(
        recorded: ResponseSnapshot, replayed: ResponseSnapshot,
        wholeJSONBodies bodies: (recorded: JSONValue, replayed: JSONValue)?,
        rules: ReplayRules, ids: IdRemapping, isStream: Bool
    ) -> [String] {
        var found: [String] = []
        if recorded.status != replayed.status {
            found.append("status: recorded \(describe(recorded)), now \(describe(replayed))")
        }
        let recordedNames = names(recorded)
        let replayedNames = names(replayed)
        for name in recordedNames.subtracting(replayedNames).sorted() {
            found.append("header \(name): recorded, now missing")
        }
        for name in replayedNames.subtracting(recordedNames).sorted() {
            found.append("header \(name): new in the replay")
        }
        found += bodyDifferences(
            recorded.body, replayed.body, wholeJSONBodies: bodies, rules: rules, ids: ids, isStream: isStream)
        return found
    }

    static func bodyDifferences(
        _ recorded: [UInt8], _ replayed: [UInt8], wholeJSONBodies bodies: (recorded: JSONValue, replayed: JSONValue)?,
        rules: ReplayRules,
        ids: IdRemapping, isStream: Bool
    ) -> [String] {
        if let bodies {
            var found: [String] = []
            compare(bodies.recorded, bodies.replayed, path: [], rules: rules, ids: ids, into: &found)
            return found
        }
        let oldLines = lines(recorded)
        let newLines = lines(replayed)
        let oldValues = oldLines.compactMap { try? JSONValue.parse($0) }
        let newValues = newLines.compactMap { try? JSONValue.parse($0) }
        if !oldLines.isEmpty, oldValues.count == oldLines.count, newValues.count == newLines.count {
            // One JSON value per line (events, stats, progress): line by line, as far as the
            // recording goes; a stream may run on longer in the replay.
            var found: [String] = []
            if newValues.count < oldValues.count {
                found.append(
                    """
                    stream: recorded \(oldValues.count) line\(oldValues.count == 1 ? "" : "s"), the replay got \
                    \(newValues.count)
                    """
                )
            }
            for (index, (old, new)) in zip(oldValues, newValues).enumerated() {
                compare(old, new, path: ["line \(index + 1)"], rules: rules, ids: ids, into: &found)
            }
            return found
        }
        let mapped = ids.apply(bytes: recorded)
        if isStream ? replayed.starts(with: mapped) || mapped.starts(with: replayed) : mapped == replayed { return [] }
        let offset = zip(mapped, replayed).prefix { $0 == $1 }.count
        return [
            """
            body differs from byte \(offset): recorded \(excerpt(mapped, from: offset)), now \
            \(excerpt(replayed, from: offset))
            """
        ]
    }

    private static func compare(
        _ old: JSONValue, _ new: JSONValue, path: [String], rules: ReplayRules, ids: IdRemapping,
        into found: inout [String]
    ) {
        if !path.isEmpty, rules.ignores(path.filter { !$0.hasPrefix("line ") }) { return }
        switch (old, new) {
        case (.object(let oldMembers), .object(let newMembers)):
            for member in oldMembers {
                let childPath = path + [member.key]
                if let counterpart = newMembers.first(where: { $0.key == member.key }) {
                    compare(member.value, counterpart.value, path: childPath, rules: rules, ids: ids, into: &found)
                } else if !rules.ignores(childPath.filter { !$0.hasPrefix("line ") }) {
                    found.append("\(render(childPath)): recorded \(brief(member.value)), now missing")
                }
            }
            for member in newMembers where !oldMembers.contains(where: { $0.key == member.key }) {
                let childPath = path + [member.key]
                if !rules.ignores(childPath.filter { !$0.hasPrefix("line ") }) {
                    found.append("\(render(childPath)): new in the replay (\(brief(member.value)))")
                }
            }
        case (.array(let oldElements), .array(let newElements)):
            if oldElements.count != newElements.count {
                found.append(
                    """
                    \(render(path)): recorded \(oldElements.count) element\(oldElements.count == 1 ? "" : "s"), now \
                    \(newElements.count)
                    """
                )
            }
            for (oldElement, newElement) in zip(oldElements, newElements) {
                compare(oldElement, newElement, path: path + ["[]"], rules: rules, ids: ids, into: &found)
            }
        case (.string(let oldText), .string(let newText)):
            if ids.apply(oldText) == newText
                || (ReplayRules.isVolatileValue(oldText) && ReplayRules.isVolatileValue(newText))
            {
                return
            }
            found.append("\(render(path)): recorded \(brief(old)), now \(brief(new))")
        default:
            if old != new { found.append("\(render(path)): recorded \(brief(old)), now \(brief(new))") }
        }
    }

    private static func names(_ snapshot: ResponseSnapshot) -> Set<String> {
        // One name per field name whatever its case, spelled as its first field spells it.
        Set(
            snapshot.headers.filter { !volatileHeaders.contains($0.name.lowercased()) }.map { field in
                snapshot.headers.first(named: field.name)?.name ?? field.name
            })
    }

    private static func describe(_ snapshot: ResponseSnapshot) -> String {
        guard let status = snapshot.status else { return "no response" }
        return snapshot.reason.isEmpty ? "\(status)" : "\(status) \(snapshot.reason)"
    }

    /// `.State.Running`, `.[].Names`, `line 2 .Action`.
    static func render(_ path: [String]) -> String {
        if path.isEmpty { return "body" }
        var text = ""
        for part in path {
            if part.hasPrefix("line ") {
                text += part + " "
            } else if part == "[]" {
                text += ".[]"
            } else {
                text += "." + part
            }
        }
        return text.hasSuffix(" ") ? text + "body" : text
    }

    private static func brief(_ value: JSONValue) -> String {
        let text = JSONQuery.render(value)
        return text.count > 60 ? String(text.prefix(57)) + "…" : text
    }

    private static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: 0x0A).filter { !$0.allSatisfy { $0 == 0x0D || $0 == 0x20 } }
    }

    private static func excerpt(_ bytes: [UInt8], from offset: Int) -> String {
        let start = max(offset - 8, 0)
        let piece = bytes[start..<min(start + 24, bytes.count)]
        if piece.isEmpty { return "(end)" }
        let escaped = TranscriptEscaping.lines(for: piece).joined()
        return "'" + escaped + (start + 24 < bytes.count ? "…" : "") + "'"
    }
}
