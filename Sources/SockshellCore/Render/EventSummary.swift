/// The pretty view's line for one Docker event of `GET /events`: what happened to what, as
/// `container start web (2c11f1d6c524)`, short enough to watch a stream go by at 80 columns.
/// The event's JSON stays in the record: `show N` (wire) and `show N json` give all of it.
public enum EventSummary {
    /// The line for an event object; nil for a line that is not one (shown as it is instead).
    public static func line(_ event: JSONValue) -> String? {
        // Older daemons put the action in `status` and give no `Type`.
        guard let action = event["Action"]?.stringValue ?? event["status"]?.stringValue else { return nil }
        let type = event["Type"]?.stringValue ?? "container"
        let actor = event["Actor"]
        let id = actor?["ID"]?.stringValue ?? event["id"]?.stringValue ?? ""
        let attributes = actor?["Attributes"]
        var words = [type, action]
        if let name = attributes?["name"]?.stringValue, !name.isEmpty, name != id {
            words.append(name)
            if !id.isEmpty { words.append("(\(ShortIDs.shortened(id)))") }
        } else if !id.isEmpty {
            // An image's actor is its name (busybox:latest); a volume's, its name.
            words.append(ShortIDs.shortened(id))
        }
        // A network event names the container it concerns.
        if type == "network", let container = attributes?["container"]?.stringValue {
            words.append("container \(ShortIDs.shortened(container))")
        }
        return words.joined(separator: " ")
    }

    /// Whether a request target is the event stream (`/events`, `/v1.41/events?…`).
    public static func isEventStream(target: String) -> Bool {
        TargetComponents(target).segments == ["events"]
    }
}
