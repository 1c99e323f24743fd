/// Docker Engine API routes whose response is a stream of JSON lines rather than one document,
/// so the pretty view prints each line as it arrives instead of waiting for the end.
public enum StreamRoutes {
    public static func isStream(target: String) -> Bool {
        var path = Substring(target)
        var query = Substring("")
        if let mark = path.firstIndex(of: "?") {
            query = path[path.index(after: mark)...]
            path = path[..<mark]
        }
        // Drop a version prefix such as /v1.41.
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var parts = segments[...]
        if let first = parts.first, first.hasPrefix("v"), first.dropFirst().allSatisfy({ $0.isNumber || $0 == "." }) {
            parts = parts.dropFirst()
        }
        let route = Array(parts)
        let flags = query.split(separator: "&")
        func flag(_ name: String) -> Bool? {
            for item in flags {
                let pair = item.split(separator: "=", maxSplits: 1)
                if pair.first.map(String.init) == name {
                    let value = pair.count > 1 ? String(pair[1]) : ""
                    return value == "1" || value == "true" || value == "True"
                }
            }
            return nil
        }
        switch route.first {
        case "events": return true
        case "build": return true
        case "containers" where route.count == 3:
            switch route[2] {
            case "stats": return flag("stream") ?? true
            case "logs": return flag("follow") ?? false
            default: return false
            }
        case "images" where route.count >= 2:
            return route[1] == "create" || route[1] == "load" || route.last == "push"
        case "plugins" where route.count >= 2:
            return route[1] == "pull" || route.last == "upgrade" || route.last == "push"
        default:
            return false
        }
    }
}
