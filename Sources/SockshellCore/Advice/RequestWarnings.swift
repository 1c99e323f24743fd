/// The warnings said before a request is sent: each names a mistake that makes the daemon refuse
/// the request or, worse, quietly do something else. A warning never stops the request: it is
/// sent as it is, and the answer shows what the daemon made of it.
public enum RequestWarning: Sendable, Equatable {
    /// A body that is JSON, with a Content-Type the user set to something else.
    case jsonBodyWithOtherType(String)
    /// A body on GET or HEAD, which the daemon does not read.
    case bodyWithoutMeaning(method: String)
    /// A path that is no route of the catalogue; the nearest one when there is a near one.
    case unknownPath(String, nearest: String?)
    /// A route that exists, but not for this method.
    case methodNotAccepted(String, methods: [String])
    /// A query parameter the route does not read.
    case unknownQueryParameter(String, route: String, nearest: String?)
    /// An HTTP/1.1 request with no Host.
    case missingHost
    /// A `filters` value that is not a JSON object.
    case filtersNotJSON(String)
    /// An X-Registry-Auth the daemon cannot read.
    case registryAuth(Phrase)

    /// The warning's sentence.
    public var phrase: Phrase {
        switch self {
        case .jsonBodyWithOtherType(let type):
            return Phrase(
                """
                the body is JSON but Content-Type says \(type): the daemon reads a JSON body only as \
                application/json (-H 'Content-Type: application/json')
                """,
                ko: """
                    본문은 JSON인데 Content-Type이 \(type)입니다. 데몬은 application/json일 때만 JSON \
                    본문을 읽습니다
                    """)
        case .bodyWithoutMeaning(let method):
            return Phrase(
                """
                a body on \(method) has no meaning (RFC 9110 §9.3): the daemon ignores it; parameters go in the query
                """,
                ko: """
                    \(method)의 본문은 의미가 없습니다(RFC 9110 §9.3). 데몬은 무시하며, \
                    파라미터는 쿼리에 넣습니다
                    """)
        case .unknownPath(let path, let nearest):
            let base = Phrase(
                "\(path) is not a route of the Engine API \(DockerAPIRoutes.apiVersion) reference",
                ko: "\(path)은(는) Engine API \(DockerAPIRoutes.apiVersion) 레퍼런스의 경로가 아닙니다")
            guard let nearest else { return base }
            return base.then(Phrase("(did you mean \(nearest)?)", ko: "(\(nearest)을(를) 말씀하신 건가요?)"))
        case .methodNotAccepted(let method, let methods):
            let list = methods.joined(separator: ", ")
            return Phrase(
                "this route does not take \(method), only \(list): the daemon answers 404 page not found",
                ko: """
                    이 경로는 \(method)을(를) 받지 않고 \(list)만 받습니다. 데몬은 404 page not \
                    found로 답합니다
                    """)
        case .unknownQueryParameter(let name, let route, let nearest):
            let base = Phrase(
                "\(route) reads no query parameter '\(name)': the daemon ignores it",
                ko: """
                    \(route)은(는) 쿼리 파라미터 '\(name)'을(를) 읽지 않습니다. 데몬은 \
                    무시합니다
                    """)
            guard let nearest else { return base }
            return base.then(Phrase("(did you mean \(nearest)?)", ko: "(\(nearest)을(를) 말씀하신 건가요?)"))
        case .missingHost:
            return Phrase(
                """
                an HTTP/1.1 request needs a Host header (RFC 9112 §3.2): the daemon answers 400 and closes (add Host: \
                docker)
                """,
                ko: """
                    HTTP/1.1 요청에는 Host 헤더가 필요합니다(RFC 9112 §3.2). 데몬은 400으로 \
                    답하고 연결을 닫습니다(Host: docker를 넣습니다)
                    """)
        case .filtersNotJSON(let value):
            return Phrase(
                """
                filters=\(value) is not JSON: write {\"name\":[\"value\"]}, e.g. \
                filters=\(FiltersValue.suggestion(for: value))
                """,
                ko:
                    """
                    filters=\(value)은(는) JSON이 아닙니다. {\"name\":[\"value\"]} 형태로 씁니다. 예: \
                    filters=\(FiltersValue.suggestion(for: value))
                    """
            )
        case .registryAuth(let problem):
            return Phrase("X-Registry-Auth:", ko: "X-Registry-Auth:").then(problem).then(
                Phrase(
                    """
                    (a pull then goes on without credentials)
                    """, ko: "(그러면 pull은 자격 증명 없이 진행됩니다)"))
        }
    }

    /// The line said before sending, e.g. `warning: ...`.
    public func line(in language: ShellLanguage) -> String {
        Phrase("warning: ", ko: "경고: ").text(in: language) + phrase.text(in: language)
    }
}

public enum RequestWarnings {
    /// The warnings for a request about to be sent, as its bytes will go on the wire. HTTP's own
    /// (no Host, a body on GET or HEAD) always; the Docker API's (the route catalogue, filters,
    /// X-Registry-Auth, a JSON body's type) only when `docker`: to another server on a socket they
    /// would be noise on every request.
    public static func check(_ request: [UInt8], docker: Bool = true) -> [RequestWarning] {
        let split = JSONLinesRenderer.splitRequest(request)
        let words = split.line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard words.count >= 2 else { return [] }
        let method = words[0].uppercased()
        let target = words[1]
        let version = words.count > 2 ? words[2] : "HTTP/1.1"
        let headers = split.headers
        let body = Array(split.body)
        var warnings: [RequestWarning] = []

        if version == "HTTP/1.1", !headers.contains(named: "Host") { warnings.append(.missingHost) }
        let declaredLength = headers.value(of: "Content-Length").flatMap { Int($0) } ?? 0
        if method == "GET" || method == "HEAD", !body.isEmpty || declaredLength > 0 {
            warnings.append(.bodyWithoutMeaning(method: method))
        }
        guard docker else { return warnings }
        if let type = headers.value(of: "Content-Type"), !MediaType.isJSON(type), RequestEncoder.looksLikeJSON(body),
            (try? JSONValue.parse(body)) != nil
        {
            warnings.append(.jsonBodyWithOtherType(type))
        }
        if let auth = headers.value(of: "X-Registry-Auth"), let problem = RegistryAuthValue.problem(auth) {
            warnings.append(.registryAuth(problem))
        }
        guard target.hasPrefix("/") else { return warnings }
        let parts = TargetComponents(target)
        for value in parts.queryValues("filters") where !FiltersValue.isJSON(value) {
            warnings.append(.filtersNotJSON(value))
        }
        warnings += routeWarnings(method: method, parts: parts)
        return warnings
    }

    /// The path and its query against the catalogue. Under a version newer than the catalogue's,
    /// an unknown path is said only when it is a near miss of a known one, and query parameters
    /// are not checked: newer APIs add both (API 1.42 gave stop a signal parameter).
    static func routeWarnings(method: String, parts: TargetComponents) -> [RequestWarning] {
        let path = "/" + parts.segments.joined(separator: "/")
        let newer = parts.version.map { isNewerThanCatalogue($0) } ?? false
        let anyMethod = DockerAPIRoutes.routes(matching: parts.segments, among: DockerAPIRoutes.all)
        guard !anyMethod.isEmpty else {
            if servedOutsideTheReference.contains(path) { return [] }
            let nearest = DockerAPIRoutes.nearestPath(to: path, method: method)
            if newer && nearest == nil { return [] }
            return [.unknownPath(path, nearest: nearest)]
        }
        guard let route = DockerAPIRoutes.route(method: method, segments: parts.segments) else {
            guard CommandParser.standardMethods.contains(method) else { return [] }
            // GET /containers/jsn is a DELETE route's shape, but a near miss of GET /containers/json.
            if let nearest = DockerAPIRoutes.nearestPath(to: path, method: method) {
                return [.unknownPath(path, nearest: nearest)]
            }
            let methods = anyMethod.flatMap(\.methods)
            return [.methodNotAccepted(method, methods: methods.filter { $0 != "HEAD" || methods.count == 1 })]
        }
        guard !newer else { return [] }
        let known = route.queryParameters + (laterQueryParameters[route.template] ?? [])
        var seen: Set<String> = []
        return parts.query.compactMap { item in
            guard !known.contains(item.name), seen.insert(item.name).inserted else { return nil }
            return .unknownQueryParameter(
                item.name, route: "\(method) \(route.template)",
                nearest: NearestWord.find(item.name, among: route.queryParameters))
        }
    }

    /// Query parameters APIs after the catalogue's added, which an unversioned path on a newer
    /// daemon may rightly use, each as the Engine API's version history (moby api/docs/CHANGELOG.md)
    /// says: 1.42 stop's and restart's signal, shared-size, system/df's type, attach/ws's streams;
    /// 1.46 push's platform; 1.47 manifests; 1.48 platform on history, load and get, image
    /// inspect's manifests, build prune's three space limits; 1.49 image inspect's platform; 1.50
    /// image delete's platforms; 1.52 system/df's verbose; 1.54 identity; 1.56 stream on the prunes.
    static let laterQueryParameters: [String: [String]] = [
        "/containers/{id}/stop": ["signal"], "/containers/{id}/restart": ["signal"],
        "/containers/{id}/attach/ws": ["stdin", "stdout", "stderr"],
        "/images/json": ["shared-size", "manifests", "identity"], "/images/{name}/json": ["manifests", "platform"],
        "/images/{name}/push": ["platform"], "/images/{name}/get": ["platform"], "/images/get": ["platform"],
        "/images/load": ["platform"], "/images/{name}/history": ["platform"], "/images/{name}": ["platforms"],
        "/system/df": ["type", "verbose"],
        "/build/prune": ["reserved-space", "max-used-space", "min-free-space", "stream"],
        "/containers/prune": ["stream"], "/networks/prune": ["stream"], "/volumes/prune": ["stream"],
        "/images/prune": ["stream"],
    ]

    /// Whether an endpoint that has not answered yet is taken for a Docker daemon: a socket whose
    /// file is named for docker or podman (docker.sock, podman.sock, dockerd.sock), the daemon's
    /// TCP ports 2375 and 2376, TLS (the daemon's --tlsverify), and ssh (which runs `docker system
    /// dial-stdio`). Once it answers, its Api-Version header (or the lack of one) decides instead.
    public static func namesDocker(_ endpoint: Endpoint) -> Bool {
        switch endpoint {
        case .unix(let path):
            let file = (path.split(separator: "/").last ?? "").lowercased()
            return file.contains("docker") || file.contains("podman")
        case .tcp(_, let port): return port == 2375 || port == 2376
        case .tls, .ssh: return true
        }
    }

    /// Paths the daemon serves that the reference leaves out (BuildKit's build cancel and gRPC).
    static let servedOutsideTheReference: Set<String> = ["/build/cancel", "/grpc"]

    /// Whether `v1.47` is newer than the routes sockshell knows.
    static func isNewerThanCatalogue(_ version: String) -> Bool {
        guard let asked = try? APIVersion(parsing: version) else { return false }
        return asked > APIVersion.newestKnown
    }
}
