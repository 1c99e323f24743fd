/// One Docker event, as `GET /events` writes them (one JSON object a line): what `expect event`
/// waits for.
public struct DockerEvent: Sendable, Equatable {
    /// `container`, `image`, `network`, ...; older daemons leave it out for containers.
    public var type: String
    /// `start`, `die`, `create`, ...
    public var action: String

    public init(type: String, action: String) {
        self.type = type
        self.action = action
    }

    /// The event a line holds; nil for a line that is not JSON or names no action. Older daemons
    /// put the action in `status` and give no `Type`.
    public init?(line: some Collection<UInt8>) {
        guard let value = try? JSONValue.parse(line) else { return nil }
        self.init(value: value)
    }

    /// The event a parsed line holds; nil when it names no action.
    public init?(value: JSONValue) {
        guard let action = value["Action"]?.stringValue ?? value["status"]?.stringValue else { return nil }
        self.init(type: value["Type"]?.stringValue ?? "container", action: action)
    }
}

/// Cuts a response body, fed as it arrives, into lines and decodes the events among them.
public struct DockerEventLines: Sendable {
    /// A line longer than any event is not one; it is dropped rather than held forever.
    public static let maxLineBytes = 1024 * 1024

    private var partialLine: [UInt8] = []

    public init() {}

    /// The events completed by these body bytes, in order.
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [DockerEvent] {
        feedValues(bytes).map(\.event)
    }

    /// As `feed`, with each event's whole JSON (what an `on event` block reads).
    public mutating func feedValues(_ bytes: some Collection<UInt8>) -> [(event: DockerEvent, value: JSONValue)] {
        var found: [(event: DockerEvent, value: JSONValue)] = []
        partialLine.append(contentsOf: bytes)
        var start = 0
        while let newline = partialLine[start...].firstIndex(of: 0x0A) {
            if let value = try? JSONValue.parse(partialLine[start..<newline]), let event = DockerEvent(value: value) {
                found.append((event, value))
            }
            start = newline + 1
        }
        partialLine.removeSubrange(..<start)
        if partialLine.count > Self.maxLineBytes { partialLine.removeAll() }
        return found
    }
}
