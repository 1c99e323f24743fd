/// Where daemons really listen on a Linux or macOS machine, for `sockets` and for the first line
/// when nobody answers: the system socket, rootless Docker, Docker Desktop, OrbStack, colima,
/// Rancher Desktop and podman, then the unix endpoints of the docker contexts.
public enum SocketPlaces {
    /// One place to look: the socket's path and who puts a daemon there.
    public struct Place: Sendable, Equatable {
        public var path: String
        public var owner: String
        /// The docker context whose endpoint it is (then `--context NAME` is the fix).
        public var context: String?

        public init(path: String, owner: String, context: String? = nil) {
            self.path = path
            self.owner = owner
            self.context = context
        }
    }

    /// The places, in the order a person would try them, each once. `list` names a folder's
    /// entries (colima keeps one folder per profile, `~/.colima/<profile>/docker.sock`).
    public static func candidates(
        environment: [String: String], contexts: [DockerContext], list: (String) -> [String]
    ) -> [Place] {
        var places = [Place(path: "/var/run/docker.sock", owner: "Docker (system)")]
        let runtime = environment["XDG_RUNTIME_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        if let runtime { places.append(Place(path: runtime + "/docker.sock", owner: "rootless Docker")) }
        if let home = environment["HOME"], !home.isEmpty {
            places += [
                Place(path: home + "/.docker/run/docker.sock", owner: "Docker Desktop"),
                Place(path: home + "/.docker/desktop/docker.sock", owner: "Docker Desktop"),
                Place(path: home + "/.orbstack/run/docker.sock", owner: "OrbStack"),
            ]
            for profile in list(home + "/.colima").sorted() where !profile.hasPrefix(".") {
                places.append(Place(path: "\(home)/.colima/\(profile)/docker.sock", owner: "colima (\(profile))"))
            }
            places.append(Place(path: home + "/.rd/docker.sock", owner: "Rancher Desktop"))
        }
        if let runtime { places.append(Place(path: runtime + "/podman/podman.sock", owner: "podman (rootless)")) }
        places.append(Place(path: "/run/podman/podman.sock", owner: "podman (system)"))
        for context in contexts {
            guard case .unix(let path)? = try? Endpoint(parsing: context.host) else { continue }
            places.append(Place(path: path, owner: "docker context \(context.name)", context: context.name))
        }
        var seen = Set<String>()
        return places.filter { seen.insert($0.path).inserted }
    }

    /// How a place was found when probed.
    public enum State: Sendable, Equatable {
        case missing
        /// A socket file nobody answers on, or answers not as a daemon: the sentence says which.
        case silent(String)
        /// It answered `_ping`: the daemon's API version, if it said.
        case answers(apiVersion: String?)
    }

    /// The `sockets` table: the places that exist, their state, and the one-line fix for the
    /// first that answers; `current` is the endpoint in use (marked).
    public static func report(_ probed: [(place: Place, state: State)], current: Endpoint) -> String {
        let present = probed.filter { $0.state != .missing }
        guard !present.isEmpty else {
            return
                "no daemon socket in the usual places: looked at \(probed.map(\.place.path).joined(separator: ", "))\n"
        }
        let width = present.map { $0.place.path.terminalColumns }.max() ?? 0
        var text = ""
        for (place, state) in present {
            let mark = current == .unix(path: place.path) ? " *" : ""
            let said: String
            switch state {
            case .missing: continue
            case .silent(let why): said = why
            case .answers(let version): said = "answers _ping" + (version.map { " (API \($0))" } ?? "")
            }
            text += "\((place.path + mark).padded(to: width + 2))   \(place.owner.padded(to: 24))   \(said)\n"
        }
        if let first = present.first(where: { if case .answers = $0.state { true } else { false } }),
            current != .unix(path: first.place.path)
        {
            let fix = first.place.context.map { "connect --context \($0)" } ?? "connect \(first.place.path)"
            text += "to use it: \(fix) (or start sockshell with -H unix://\(first.place.path))\n"
        }
        return text
    }
}
