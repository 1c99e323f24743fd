/// The Docker Engine API v1.41 (Docker 20.10) routes, taken from the reference
/// (moby/moby docs/api/v1.41.yaml): every path, its methods, and its query parameters.
/// Placeholders keep the reference's names: `{id}` for containers, networks, exec instances and
/// swarm objects, `{name}` for images, volumes and plugins.
public enum DockerAPIRoutes {
    /// The API version these routes describe; `/v1.41/...` paths complete like bare ones.
    public static let apiVersion = "1.41"

    public static let all: [DockerRoute] = containers + exec + images + networks + volumes + system + swarm + plugins

    /// The routes that answer `method` (any case).
    public static func routes(accepting method: String) -> [DockerRoute] {
        all.filter { $0.accepts(method: method) }
    }

    static let containers: [DockerRoute] = [
        DockerRoute(["GET"], "/containers/json", query: ["all", "limit", "size", "filters"], "List containers"),
        // `platform` is not in the v1.41 reference text, but the daemon reads it from API 1.41 on.
        DockerRoute(["POST"], "/containers/create", query: ["name", "platform"], "Create a container"),
        DockerRoute(["GET"], "/containers/{id}/json", query: ["size"], "Inspect a container"),
        DockerRoute(["GET"], "/containers/{id}/top", query: ["ps_args"], "List processes running inside a container"),
        DockerRoute(
            ["GET"], "/containers/{id}/logs",
            query: ["follow", "stdout", "stderr", "since", "until", "timestamps", "tail"], "Get container logs"),
        DockerRoute(["GET"], "/containers/{id}/changes", "Get changes on a container's filesystem"),
        DockerRoute(["GET"], "/containers/{id}/export", "Export a container"),
        DockerRoute(
            ["GET"], "/containers/{id}/stats", query: ["stream", "one-shot"],
            "Get container stats based on resource usage"),
        DockerRoute(["POST"], "/containers/{id}/resize", query: ["h", "w"], "Resize a container TTY"),
        DockerRoute(["POST"], "/containers/{id}/start", query: ["detachKeys"], "Start a container"),
        DockerRoute(["POST"], "/containers/{id}/stop", query: ["t"], "Stop a container"),
        DockerRoute(["POST"], "/containers/{id}/restart", query: ["t"], "Restart a container"),
        DockerRoute(["POST"], "/containers/{id}/kill", query: ["signal"], "Kill a container"),
        DockerRoute(["POST"], "/containers/{id}/update", "Update a container"),
        DockerRoute(["POST"], "/containers/{id}/rename", query: ["name"], "Rename a container"),
        DockerRoute(["POST"], "/containers/{id}/pause", "Pause a container"),
        DockerRoute(["POST"], "/containers/{id}/unpause", "Unpause a container"),
        DockerRoute(
            ["POST"], "/containers/{id}/attach", query: ["detachKeys", "logs", "stream", "stdin", "stdout", "stderr"],
            "Attach to a container"),
        DockerRoute(
            ["GET"], "/containers/{id}/attach/ws", query: ["detachKeys", "logs", "stream"],
            "Attach to a container via a websocket"),
        DockerRoute(["POST"], "/containers/{id}/wait", query: ["condition"], "Wait for a container"),
        DockerRoute(["DELETE"], "/containers/{id}", query: ["v", "force", "link"], "Remove a container"),
        DockerRoute(
            ["HEAD"], "/containers/{id}/archive", query: ["path"], "Get information about files in a container"),
        DockerRoute(
            ["GET"], "/containers/{id}/archive", query: ["path"],
            "Get an archive of a filesystem resource in a container"),
        DockerRoute(
            ["PUT"], "/containers/{id}/archive", query: ["path", "noOverwriteDirNonDir", "copyUIDGID"],
            "Extract an archive of files or folders to a directory in a container"),
        DockerRoute(["POST"], "/containers/prune", query: ["filters"], "Delete stopped containers"),
    ]

    static let exec: [DockerRoute] = [
        DockerRoute(["POST"], "/containers/{id}/exec", "Create an exec instance"),
        DockerRoute(["POST"], "/exec/{id}/start", "Start an exec instance"),
        DockerRoute(["POST"], "/exec/{id}/resize", query: ["h", "w"], "Resize an exec instance"),
        DockerRoute(["GET"], "/exec/{id}/json", "Inspect an exec instance"),
    ]

    static let images: [DockerRoute] = [
        DockerRoute(["GET"], "/images/json", query: ["all", "filters", "digests"], "List images"),
        DockerRoute(
            ["POST"], "/build",
            query: [
                "dockerfile", "t", "extrahosts", "remote", "q", "nocache", "cachefrom", "pull", "rm", "forcerm",
                "memory", "memswap", "cpushares", "cpusetcpus", "cpuperiod", "cpuquota", "buildargs", "shmsize",
                "squash", "labels", "networkmode", "platform", "target", "outputs",
            ],
            "Build an image"),
        DockerRoute(["POST"], "/build/prune", query: ["keep-storage", "all", "filters"], "Delete builder cache"),
        DockerRoute(
            ["POST"], "/images/create",
            query: ["fromImage", "fromSrc", "repo", "tag", "message", "changes", "platform"], "Create an image"),
        DockerRoute(["GET"], "/images/{name}/json", "Inspect an image"),
        DockerRoute(["GET"], "/images/{name}/history", "Get the history of an image"),
        DockerRoute(["POST"], "/images/{name}/push", query: ["tag"], "Push an image"),
        DockerRoute(["POST"], "/images/{name}/tag", query: ["repo", "tag"], "Tag an image"),
        DockerRoute(["DELETE"], "/images/{name}", query: ["force", "noprune"], "Remove an image"),
        DockerRoute(["GET"], "/images/search", query: ["term", "limit", "filters"], "Search images"),
        DockerRoute(["POST"], "/images/prune", query: ["filters"], "Delete unused images"),
        DockerRoute(
            ["POST"], "/commit", query: ["container", "repo", "tag", "comment", "author", "pause", "changes"],
            "Create a new image from a container"),
        DockerRoute(["GET"], "/images/{name}/get", "Export an image"),
        DockerRoute(["GET"], "/images/get", query: ["names"], "Export several images"),
        DockerRoute(["POST"], "/images/load", query: ["quiet"], "Import images"),
        DockerRoute(["GET"], "/distribution/{name}/json", "Get image information from the registry"),
    ]

    static let networks: [DockerRoute] = [
        DockerRoute(["GET"], "/networks", query: ["filters"], "List networks"),
        DockerRoute(["GET"], "/networks/{id}", query: ["verbose", "scope"], "Inspect a network"),
        DockerRoute(["DELETE"], "/networks/{id}", "Remove a network"),
        DockerRoute(["POST"], "/networks/create", "Create a network"),
        DockerRoute(["POST"], "/networks/{id}/connect", "Connect a container to a network"),
        DockerRoute(["POST"], "/networks/{id}/disconnect", "Disconnect a container from a network"),
        DockerRoute(["POST"], "/networks/prune", query: ["filters"], "Delete unused networks"),
    ]

    static let volumes: [DockerRoute] = [
        DockerRoute(["GET"], "/volumes", query: ["filters"], "List volumes"),
        DockerRoute(["POST"], "/volumes/create", "Create a volume"),
        DockerRoute(["GET"], "/volumes/{name}", "Inspect a volume"),
        DockerRoute(["DELETE"], "/volumes/{name}", query: ["force"], "Remove a volume"),
        DockerRoute(["POST"], "/volumes/prune", query: ["filters"], "Delete unused volumes"),
    ]

    static let system: [DockerRoute] = [
        DockerRoute(["POST"], "/auth", "Check auth configuration"),
        DockerRoute(["GET"], "/info", "Get system information"),
        DockerRoute(["GET"], "/version", "Get version"),
        DockerRoute(["GET", "HEAD"], "/_ping", "Ping"),
        DockerRoute(["GET"], "/events", query: ["since", "until", "filters"], "Monitor events"),
        DockerRoute(["GET"], "/system/df", "Get data usage information"),
        DockerRoute(["POST"], "/session", "Initialize interactive session"),
    ]

    static let swarm: [DockerRoute] = [
        DockerRoute(["GET"], "/swarm", "Inspect swarm"),
        DockerRoute(["POST"], "/swarm/init", "Initialize a new swarm"),
        DockerRoute(["POST"], "/swarm/join", "Join an existing swarm"),
        DockerRoute(["POST"], "/swarm/leave", query: ["force"], "Leave a swarm"),
        DockerRoute(
            ["POST"], "/swarm/update",
            query: ["version", "rotateWorkerToken", "rotateManagerToken", "rotateManagerUnlockKey"], "Update a swarm"),
        DockerRoute(["GET"], "/swarm/unlockkey", "Get the unlock key"),
        DockerRoute(["POST"], "/swarm/unlock", "Unlock a locked manager"),

        DockerRoute(["GET"], "/nodes", query: ["filters"], "List nodes"),
        DockerRoute(["GET"], "/nodes/{id}", "Inspect a node"),
        DockerRoute(["DELETE"], "/nodes/{id}", query: ["force"], "Delete a node"),
        DockerRoute(["POST"], "/nodes/{id}/update", query: ["version"], "Update a node"),

        DockerRoute(["GET"], "/services", query: ["filters", "status"], "List services"),
        DockerRoute(["POST"], "/services/create", "Create a service"),
        DockerRoute(["GET"], "/services/{id}", query: ["insertDefaults"], "Inspect a service"),
        DockerRoute(["DELETE"], "/services/{id}", "Delete a service"),
        DockerRoute(
            ["POST"], "/services/{id}/update", query: ["version", "registryAuthFrom", "rollback"], "Update a service"),
        DockerRoute(
            ["GET"], "/services/{id}/logs",
            query: ["details", "follow", "stdout", "stderr", "since", "timestamps", "tail"], "Get service logs"),

        DockerRoute(["GET"], "/tasks", query: ["filters"], "List tasks"),
        DockerRoute(["GET"], "/tasks/{id}", "Inspect a task"),
        DockerRoute(
            ["GET"], "/tasks/{id}/logs",
            query: ["details", "follow", "stdout", "stderr", "since", "timestamps", "tail"], "Get task logs"),

        DockerRoute(["GET"], "/secrets", query: ["filters"], "List secrets"),
        DockerRoute(["POST"], "/secrets/create", "Create a secret"),
        DockerRoute(["GET"], "/secrets/{id}", "Inspect a secret"),
        DockerRoute(["DELETE"], "/secrets/{id}", "Delete a secret"),
        DockerRoute(["POST"], "/secrets/{id}/update", query: ["version"], "Update a Secret"),

        DockerRoute(["GET"], "/configs", query: ["filters"], "List configs"),
        DockerRoute(["POST"], "/configs/create", "Create a config"),
        DockerRoute(["GET"], "/configs/{id}", "Inspect a config"),
        DockerRoute(["DELETE"], "/configs/{id}", "Delete a config"),
        DockerRoute(["POST"], "/configs/{id}/update", query: ["version"], "Update a Config"),
    ]

    static let plugins: [DockerRoute] = [
        DockerRoute(["GET"], "/plugins", query: ["filters"], "List plugins"),
        DockerRoute(["GET"], "/plugins/privileges", query: ["remote"], "Get plugin privileges"),
        DockerRoute(["POST"], "/plugins/pull", query: ["remote", "name"], "Install a plugin"),
        DockerRoute(["GET"], "/plugins/{name}/json", "Inspect a plugin"),
        DockerRoute(["DELETE"], "/plugins/{name}", query: ["force"], "Remove a plugin"),
        DockerRoute(["POST"], "/plugins/{name}/enable", query: ["timeout"], "Enable a plugin"),
        DockerRoute(["POST"], "/plugins/{name}/disable", "Disable a plugin"),
        DockerRoute(["POST"], "/plugins/{name}/upgrade", query: ["remote"], "Upgrade a plugin"),
        DockerRoute(["POST"], "/plugins/create", query: ["name"], "Create a plugin"),
        DockerRoute(["POST"], "/plugins/{name}/push", "Push a plugin"),
        DockerRoute(["POST"], "/plugins/{name}/set", "Configure a plugin"),
    ]
}
