/// The kinds of daemon object whose ids and names fill a `{id}` or `{name}` in a route template.
public enum ResourceKind: String, Sendable, Equatable, Hashable, CaseIterable {
    case container
    case image
    case network
    case volume
    case exec
    case plugin
    case node
    case service
    case task
    case secret
    case config

    /// The kind named by the path segment in front of a placeholder: `containers` in
    /// `/containers/{id}/start`. `/distribution/{name}` names an image.
    public init?(collection segment: some StringProtocol) {
        switch segment {
        case "containers": self = .container
        case "images", "distribution": self = .image
        case "networks": self = .network
        case "volumes": self = .volume
        case "exec": self = .exec
        case "plugins": self = .plugin
        case "nodes": self = .node
        case "services": self = .service
        case "tasks": self = .task
        case "secrets": self = .secret
        case "configs": self = .config
        default: return nil
        }
    }

    /// Image and plugin references such as `library/busybox:latest` contain slashes, and the
    /// daemon's router matches them with `{name:.*}`, so one placeholder may span several segments.
    public var namesMayContainSlash: Bool {
        self == .image || self == .plugin
    }
}
