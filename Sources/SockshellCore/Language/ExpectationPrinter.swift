/// An expectation written back as it could be typed after `expect`, for reports and recordings.
extension Expectation: CustomStringConvertible {
    /// The expectation as it could be written after `expect`, in a canonical form.
    public var description: String {
        switch self {
        case .status(let pattern):
            return "status \(pattern)"
        case .headerPresent(let name):
            return "header \(name)"
        case .headerEquals(let name, let value):
            return "header \(name) = \(value)"
        case .query(let query, let comparison):
            switch comparison {
            case .equals(let value): return "\(query) == \(JSONQuery.render(value))"
            case .notEquals(let value): return "\(query) != \(JSONQuery.render(value))"
            case .contains(let value): return "\(query) contains \(JSONQuery.render(value))"
            case .matches(let regex): return "\(query) matches /\(regex.pattern)/"
            case .exists: return "\(query) exists"
            }
        case .event(let type, let action, let within):
            return "event \(type) \(action) within \(Self.formatSeconds(within))"
        case .tapped(let method, let route, let status):
            return "tapped \(method) \(route)" + (status.map { " \($0)" } ?? "")
        case .output(let regex, let within):
            return "output /\(regex.pattern)/ within \(Self.formatSeconds(within))"
        }
    }

    private static func formatSeconds(_ seconds: Double) -> String {
        if seconds == seconds.rounded(), seconds < 1e15 { return "\(Int(seconds))s" }
        return "\(seconds)s"
    }
}
