/// What the shell has learned from the daemon's answers in this session: the ids and names of
/// containers, images, networks, volumes, exec instances and swarm objects, so Tab can fill a
/// `{id}` in a path with something that exists.
public struct SessionKnowledge: Sendable, Equatable {
    /// Objects kept per kind. A long session against a busy daemon must not grow without bound,
    /// and a Tab should stay instant; 500 is more than any screen of candidates.
    public static let maximumObjectsPerKind = 500
    /// An `/events` body teaches from its newest events only. A kept body holds up to a MiB of
    /// them (about 3,000 lines), and learning each one was a fifth of the body view's time on a long
    /// stream; a thousand recent events still name more objects than a completion list shows.
    static let eventsLearned = 1000

    private var known: [ResourceKind: KnownObjects] = [:]

    public init() {}

    /// Ids first, then names, of the objects of `kind`, most recently seen first.
    public func candidates(for kind: ResourceKind) -> [String] {
        known[kind]?.words ?? []
    }

    /// Learns from one exchange. Only successful (2xx) answers teach anything. The body may be one
    /// JSON document or several JSON lines (a stream such as `/events`); for a stream, call this with
    /// each batch of lines as it arrives. Lines that are not JSON, or cut short, are skipped.
    /// `target` may carry a `/v1.41` prefix and a query.
    public mutating func learn(method: String, target: String, status: Int, contentType: String?, body: [UInt8]) {
        guard (200..<300).contains(status) else { return }
        let method = method.uppercased()
        let parts = TargetComponents(target)
        let path = parts.segments
        guard let collection = path.first else { return }
        let documents = Self.jsonDocuments(
            in: body, contentType: contentType, newest: collection == "events" ? Self.eventsLearned : nil)

        switch collection {
        case "containers":
            learnContainerRoute(method: method, path: path, parts: parts, documents: documents)
        case "images":
            learnImageRoute(method: method, path: path, parts: parts, documents: documents)
        case "build" where method == "POST" && path.count == 1:
            // The new image's id arrives as {"aux":{"ID":...}}; the names are the `t` parameters.
            guard !Self.reportsError(documents) else { return }
            let id = documents.compactMap { $0["aux"]?["ID"]?.stringValue }.last
            remember(.image, id: id, names: parts.queryValues("t").map(Self.withDefaultTag))
        case "commit" where method == "POST":
            let repo = parts.queryValues("repo").first ?? ""
            let names = repo.isEmpty ? [] : [Self.taggedReference(repo, tag: parts.queryValues("tag").first ?? "")]
            remember(.image, id: documents.first?["Id"]?.stringValue, names: names)
        case "exec":
            if method == "GET", path.count == 3, path[2] == "json", let inspect = documents.first {
                remember(.exec, id: inspect["ID"]?.stringValue, names: [])
                remember(.container, id: inspect["ContainerID"]?.stringValue, names: [])
            }
        case "events":
            for event in documents { learnEvent(event) }
        case "system":
            if path == ["system", "df"], let usage = documents.first {
                rememberList(.image, usage["Images"])
                rememberList(.container, usage["Containers"])
                rememberList(.volume, usage["Volumes"])
            }
        default:
            guard let kind = ResourceKind(collection: collection) else { return }
            learnObjectRoute(kind, method: method, path: path, parts: parts, documents: documents)
        }
    }

    // MARK: - Routes

    private mutating func learnContainerRoute(
        method: String, path: [String], parts: TargetComponents, documents: [JSONValue]
    ) {
        switch (method, path.count > 1 ? path[1] : "", path.count) {
        case ("GET", "json", 2):
            rememberList(.container, documents.first)
        case ("POST", "create", 2):
            // The name is only in the query; the answer is {"Id": ..., "Warnings": [...]}.
            let name = parts.queryValues("name").first.map(Self.containerName) ?? ""
            remember(.container, id: documents.first?["Id"]?.stringValue, names: [name])
        case ("POST", "prune", 2):
            for id in documents.first?["ContainersDeleted"]?.arrayValue ?? [] {
                forget(.container, id.stringValue ?? "")
            }
        case ("GET", _, 3) where path[2] == "json":
            if let inspect = documents.first {
                rememberOne(.container, inspect)
                for exec in inspect["ExecIDs"]?.arrayValue ?? [] {
                    remember(.exec, id: exec.stringValue, names: [])
                }
            }
        case ("POST", _, 3) where path[2] == "exec":
            remember(.exec, id: documents.first?["Id"]?.stringValue, names: [])
        case ("POST", _, 3) where path[2] == "rename":
            if let newName = parts.queryValues("name").first.map(Self.containerName) {
                rename(.container, from: path[1], to: newName)
            }
        case ("DELETE", _, 2):
            forget(.container, path[1])
        default:
            break
        }
    }

    private mutating func learnImageRoute(
        method: String, path: [String], parts: TargetComponents, documents: [JSONValue]
    ) {
        let failed = Self.reportsError(documents)
        // Image references contain slashes: /images/registry.example/team/app:1/json.
        let last = path.last ?? ""
        let reference = path.count >= 3 ? path[1..<(path.count - 1)].joined(separator: "/") : ""
        switch (method, path.count) {
        case ("GET", 2) where last == "json":
            rememberList(.image, documents.first)
        case ("POST", 2) where last == "create":
            guard !failed else { return }
            if let source = parts.queryValues("fromImage").first, !source.isEmpty {
                let tag = parts.queryValues("tag").first ?? ""
                // Without a tag the daemon pulls every tag of the repository; the names are unknown.
                if !tag.isEmpty || Self.hasTagOrDigest(source) {
                    remember(.image, id: nil, names: [Self.taggedReference(source, tag: tag)])
                }
            } else if let repo = parts.queryValues("repo").first, !repo.isEmpty {
                // An import ends with {"status":"sha256:<id>"}.
                let id = documents.compactMap { $0["status"]?.stringValue }.last(where: { $0.hasPrefix("sha256:") })
                remember(.image, id: id, names: [Self.taggedReference(repo, tag: parts.queryValues("tag").first ?? "")])
            }
        case ("POST", 2) where last == "load":
            guard !failed else { return }
            for line in documents.compactMap({ $0["stream"]?.stringValue }) {
                let text = line.trimmingWhitespace()
                if let id = text.removingPrefix("Loaded image ID: ") {
                    remember(.image, id: id, names: [])
                } else if let name = text.removingPrefix("Loaded image: ") {
                    remember(.image, id: nil, names: [name])
                }
            }
        case ("POST", 2) where last == "prune":
            applyImageDeletions(documents.first?["ImagesDeleted"])
        case ("GET", 3...) where last == "json":
            if let inspect = documents.first { rememberOne(.image, inspect) }
        case ("POST", 3...) where last == "tag":
            let repo = parts.queryValues("repo").first ?? ""
            guard !repo.isEmpty else { return }
            let newName = Self.taggedReference(repo, tag: parts.queryValues("tag").first ?? "")
            let source = known[.image]?.object(named: Self.imageID(reference))
            remember(.image, id: source?.id, names: [newName] + (source?.names ?? []))
        case ("DELETE", 2...):
            let deleted = path[1...].joined(separator: "/")
            if documents.first?.arrayValue != nil {
                applyImageDeletions(documents.first)
            } else {
                forget(.image, deleted)
            }
        default:
            break
        }
    }

    /// Volumes, networks, plugins and the swarm objects share one shape: list, inspect, create, delete.
    private mutating func learnObjectRoute(
        _ kind: ResourceKind, method: String, path: [String], parts: TargetComponents, documents: [JSONValue]
    ) {
        let document = documents.first
        switch (method, path.count) {
        case ("GET", 1):
            // GET /volumes answers {"Volumes": [...], "Warnings": [...]}; the others answer arrays.
            rememberList(kind, kind == .volume ? document?["Volumes"] : document)
        case ("GET", 2) where kind != .plugin:
            // GET /plugins/privileges is not an inspect; plugins are inspected at /plugins/{name}/json.
            if let document { rememberOne(kind, document) }
        case ("GET", 3...) where kind == .plugin && path.last == "json":
            if let document { rememberOne(kind, document) }
        case ("POST", 2) where path[1] == "create":
            // Networks, services, secrets and configs answer {"Id"|"ID": ...}; volumes the whole volume.
            if let document { rememberOne(kind, document) }
            if kind == .plugin, let name = parts.queryValues("name").first {
                remember(.plugin, id: nil, names: [name])
            }
        case ("POST", 2) where path[1] == "pull" && kind == .plugin:
            if let name = (parts.queryValues("name").first ?? parts.queryValues("remote").first), !name.isEmpty {
                remember(.plugin, id: nil, names: [name])
            }
        case ("POST", 2) where path[1] == "prune":
            let key = kind == .volume ? "VolumesDeleted" : "NetworksDeleted"
            for name in document?[key]?.arrayValue ?? [] {
                forget(kind, name.stringValue ?? "")
            }
        case ("DELETE", 2...):
            forget(kind, path[1...].joined(separator: "/"))
        default:
            break
        }
    }

    // MARK: - Events

    /// One `/events` object: `{"Type":"container","Action":"start","Actor":{"ID":...,"Attributes":{"name":...}}}`.
    private mutating func learnEvent(_ event: JSONValue) {
        guard let type = event["Type"]?.stringValue, let kind = ResourceKind(eventType: type),
            let action = event["Action"]?.stringValue, let actorID = event["Actor"]?["ID"]?.stringValue
        else { return }
        let attributes = event["Actor"]?["Attributes"]
        let name = attributes?["name"]?.stringValue ?? ""

        switch (kind, action) {
        case (.container, "destroy"), (.network, "destroy"), (.volume, "destroy"), (.image, "delete"),
            (.plugin, "remove"), (.node, "remove"), (.service, "remove"), (.secret, "remove"), (.config, "remove"):
            forget(kind, actorID)
        case (.image, "untag"):
            break  // the event does not say which tag went
        case (.image, _):
            // Image actors are ids (sha256:...) for tag and delete, references for pull and push.
            if actorID.hasPrefix("sha256:") {
                remember(.image, id: actorID, names: name.hasPrefix("sha256:") ? [] : [name])
            } else {
                remember(.image, id: nil, names: [actorID])
            }
        case (.volume, _):
            remember(.volume, id: nil, names: [actorID])  // a volume's name is its id
        case (.container, "rename"):
            if let old = attributes?["oldName"]?.stringValue {
                rename(.container, from: Self.containerName(old), to: name)
            }
            remember(.container, id: actorID, names: [name])
        case (.container, _):
            remember(.container, id: actorID, names: [name])
            if action.hasPrefix("exec_create"), let exec = attributes?["execID"]?.stringValue {
                remember(.exec, id: exec, names: [])
            }
        default:
            remember(kind, id: actorID, names: [name])
        }
    }

    // MARK: - Reading objects

    /// Every object of a list answer, remembered so the first in the list ends up most recent.
    private mutating func rememberList(_ kind: ResourceKind, _ list: JSONValue?) {
        for object in (list?.arrayValue ?? []).reversed() {
            rememberOne(kind, object)
        }
    }

    /// The id and names of one object in the shape its inspect and list answers use.
    private mutating func rememberOne(_ kind: ResourceKind, _ object: JSONValue) {
        let id = (object["Id"] ?? object["ID"])?.stringValue
        var names: [String] = []
        switch kind {
        case .container:
            // List answers have "Names": ["/web"], inspect answers "Name": "/web".
            let raw =
                (object["Names"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                + [object["Name"]?.stringValue].compactMap { $0 }
            // "/web/db" is a legacy link alias, not a name the container answers to.
            names = raw.map(Self.containerName).filter { !$0.contains("/") }
        case .image:
            names = (object["RepoTags"]?.arrayValue?.compactMap(\.stringValue) ?? []).filter { $0 != "<none>:<none>" }
        case .node:
            names = [object["Description"]?["Hostname"]?.stringValue, object["Spec"]?["Name"]?.stringValue].compactMap {
                $0
            }
        case .service, .secret, .config:
            names = [object["Spec"]?["Name"]?.stringValue].compactMap { $0 }
        case .network, .volume, .plugin, .task:
            names = [object["Name"]?.stringValue].compactMap { $0 }
        case .exec:
            break
        }
        remember(kind, id: kind == .volume ? nil : id, names: names)
    }

    /// `[{"Untagged": "busybox:latest"}, {"Deleted": "sha256:..."}]` from a delete or prune.
    private mutating func applyImageDeletions(_ items: JSONValue?) {
        for item in items?.arrayValue ?? [] {
            if let tag = item["Untagged"]?.stringValue { known[.image]?.forgetName(tag) }
            if let id = item["Deleted"]?.stringValue { forget(.image, id) }
        }
    }

    // MARK: - Storage

    private mutating func remember(_ kind: ResourceKind, id: String?, names: [String]) {
        // A name that would control the terminal is never offered: completion lists candidates
        // and types them into the line as they are.
        let shown = { (text: String) in ControlByteEscaper.escaped(text) == text }
        let normalized = id.map { kind == .image ? Self.imageID($0) : $0 }.flatMap { shown($0) ? $0 : nil }
        known[kind, default: KnownObjects(limit: Self.maximumObjectsPerKind)].remember(
            id: normalized, names: names.filter(shown))
    }

    private mutating func forget(_ kind: ResourceKind, _ reference: String) {
        known[kind]?.forget(kind == .image ? Self.imageID(reference) : reference)
    }

    private mutating func rename(_ kind: ResourceKind, from old: String, to new: String) {
        guard !new.isEmpty else { return }
        let object = known[kind]?.object(named: old)
        known[kind]?.forgetName(old)
        remember(kind, id: object?.id, names: [new] + (object?.names.filter { $0 != old } ?? []))
    }

    // MARK: - Text helpers

    /// A progress stream (pull, import, build, load) reports failure in-band after its 200.
    private static func reportsError(_ documents: [JSONValue]) -> Bool {
        documents.contains { $0["error"] != nil || $0["errorDetail"] != nil }
    }

    /// The JSON documents of a body: one document, or JSON lines, of which only the `newest` when
    /// a limit is given.
    private static func jsonDocuments(in body: [UInt8], contentType: String?, newest: Int? = nil) -> [JSONValue] {
        if contentType != nil, !MediaType.isJSON(contentType) { return [] }
        guard body.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return [] }
        if let document = try? JSONValue.parse(body) { return [document] }
        let lines = body.split(separator: UInt8(ascii: "\n"))
        return lines.suffix(newest ?? lines.count).compactMap { try? JSONValue.parse($0) }
    }

    /// Container names come with a leading slash from the daemon and may be typed with one.
    private static func containerName(_ name: String) -> String {
        name.hasPrefix("/") ? String(name.dropFirst()) : name
    }

    /// Image ids without `sha256:`, the form `/images/<id>/json` takes and prefixes match.
    private static func imageID(_ reference: String) -> String {
        reference.removingPrefix("sha256:") ?? reference
    }

    /// True when the last path component of a reference has a `:tag`, or it has an `@digest`.
    private static func hasTagOrDigest(_ reference: String) -> Bool {
        let lastComponent = reference.split(separator: "/").last ?? ""
        return reference.contains("@") || lastComponent.contains(":")
    }

    /// `repo:tag`, with the daemon's default tag `latest` when neither the repo nor `tag` has one.
    private static func taggedReference(_ repo: String, tag: String) -> String {
        if !tag.isEmpty { return repo + (tag.hasPrefix("sha256:") ? "@" : ":") + tag }
        return hasTagOrDigest(repo) ? repo : repo + ":latest"
    }

    private static func withDefaultTag(_ reference: String) -> String {
        taggedReference(reference, tag: "")
    }
}

extension ResourceKind {
    /// The kind an `/events` object's `Type` names; builder and daemon events name no object.
    init?(eventType: String) {
        switch eventType {
        case "container": self = .container
        case "image": self = .image
        case "network": self = .network
        case "volume": self = .volume
        case "plugin": self = .plugin
        case "node": self = .node
        case "service": self = .service
        case "secret": self = .secret
        case "config": self = .config
        default: return nil
        }
    }
}

extension String {
    /// The rest after `prefix`, or nil when the string does not start with it.
    fileprivate func removingPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
