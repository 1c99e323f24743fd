extension DockerAPIRoutes {
    /// The catalogue's template for a request as another client sent it, with the version prefix
    /// it used kept (`POST /v1.41/containers/{id}/start`); nil when the catalogue has no such route
    /// (BuildKit's `/session`, a typo). The tap labels each exchange with it.
    public static func template(method: String, target: String) -> String? {
        let parts = TargetComponents(target)
        let candidates = routes(accepting: method.uppercased())
        guard let route = routes(matching: parts.segments, among: candidates).first else { return nil }
        return (parts.version.map { "/" + $0 } ?? "") + route.template
    }
}
