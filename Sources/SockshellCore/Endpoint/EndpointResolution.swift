/// Picks the endpoint the way the Docker CLI does: flag, then `DOCKER_HOST`, then the default socket.
public enum EndpointResolution {
    /// - Parameters:
    ///   - hostFlag: the `-H/--host` value, if given.
    ///   - unixSocketFlag: the `--unix-socket` value, if given (curl's spelling of the same thing).
    ///   - environment: the process environment (passed in so tests need no globals).
    public static func resolve(
        hostFlag: String?, unixSocketFlag: String?, environment: [String: String]
    ) throws(EndpointError) -> Endpoint {
        if let unixSocketFlag {
            guard unixSocketFlag.hasPrefix("/") || unixSocketFlag.hasPrefix("unix://") else {
                // Relative paths are legal for --unix-socket, as in curl; make them usable as-is.
                return .unix(path: unixSocketFlag)
            }
            return try Endpoint(parsing: unixSocketFlag)
        }
        if let hostFlag { return try Endpoint(parsing: hostFlag) }
        if let fromEnvironment = environment["DOCKER_HOST"], !fromEnvironment.isEmpty {
            do {
                return try Endpoint(parsing: fromEnvironment)
            } catch {
                throw EndpointError(description: "DOCKER_HOST=\(fromEnvironment) is not usable: \(error.description)")
            }
        }
        return .dockerDefault
    }
}
