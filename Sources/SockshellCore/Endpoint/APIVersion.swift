/// A Docker Engine API version (`1.41`) that requests are sent under as `/v1.41/...`, as the docker
/// CLI's client does (`getAPIPath`). Set by `--api-version`, `DOCKER_API_VERSION` or `api-version`.
public struct APIVersion: Sendable, Equatable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// The newest version sockshell knows: the routes its completion and route table describe
    /// (`DockerAPIRoutes.apiVersion`), so `api-version negotiate` never asks for paths it cannot offer.
    public static let newestKnown = APIVersion(major: 1, minor: 41)
    /// What a daemon that sends no Api-Version header speaks: moby's client takes 1.24, "the latest
    /// version before versioning headers existed".
    public static let withoutHeader = APIVersion(major: 1, minor: 24)

    /// Digits a part may have: no daemon's version is near it, and it keeps `Int` from overflowing.
    static let maximumPartDigits = 6

    /// Parses `1.41` or `v1.41` (surrounding spaces dropped, as the CLI trims DOCKER_API_VERSION);
    /// anything else is refused with a sentence naming the fix.
    /// - Parameter source: how the value was given, for the sentence (e.g. `DOCKER_API_VERSION`).
    public init(parsing text: String, source: String = "api-version") throws(CommandSyntaxError) {
        var value = Substring(text.trimmingWhitespace())
        if value.first == "v" { value = value.dropFirst() }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Self.part(parts[0]), let minor = Self.part(parts[1]) else {
            throw CommandSyntaxError(
                """
                \(source) needs a version as MAJOR.MINOR, e.g. 1.41 (not '\(text)'); api-version negotiate asks \
                the daemon
                """
            )
        }
        self.init(major: major, minor: minor)
    }

    private static func part(_ digits: Substring) -> Int? {
        guard !digits.isEmpty, digits.count <= maximumPartDigits, digits.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        return Int(digits)
    }

    /// The version at start-up and how it was given: `--api-version` wins over `DOCKER_API_VERSION`, and
    /// an empty (or all-space) variable counts as unset, as in the docker CLI (`WithAPIVersionFromEnv`).
    /// Nil: neither, so paths go as typed.
    public static func chosen(flag: String?, environment: [String: String]) throws(CommandSyntaxError) -> (
        version: APIVersion, source: String
    )? {
        if let flag { return (try APIVersion(parsing: flag, source: "--api-version"), "--api-version") }
        guard let value = environment["DOCKER_API_VERSION"], !value.trimmingWhitespace().isEmpty else { return nil }
        return (try APIVersion(parsing: value, source: "DOCKER_API_VERSION"), "DOCKER_API_VERSION")
    }

    public var description: String { "\(major).\(minor)" }

    public static func < (left: APIVersion, right: APIVersion) -> Bool {
        (left.major, left.minor) < (right.major, right.minor)
    }

    /// `target` under this version: `/v1.41` put in front of a path that has no version yet. One that
    /// already starts with `/v<digits>.<digits>/` (or is exactly that) is left as typed, as is one that
    /// is not a path (`*`, an absolute URL). A typed `/_ping` is prefixed like any path: the user asked
    /// for it under a version, and the daemon checks the versioned `_ping` too.
    public func prefixed(_ target: String) -> String {
        guard target.hasPrefix("/"), !Self.isVersioned(target) else { return target }
        return "/v\(self)\(target)"
    }

    /// Whether `target` starts with `/v<digits>.<digits>` followed by `/`, `?` or its end.
    public static func isVersioned(_ target: String) -> Bool {
        var rest = Substring(target)
        guard rest.hasPrefix("/v") else { return false }
        rest = rest.dropFirst(2)
        let major = rest.prefix { $0.isASCII && $0.isNumber }
        guard !major.isEmpty else { return false }
        rest = rest.dropFirst(major.count)
        guard rest.first == "." else { return false }
        rest = rest.dropFirst()
        let minor = rest.prefix { $0.isASCII && $0.isNumber }
        guard !minor.isEmpty else { return false }
        rest = rest.dropFirst(minor.count)
        return rest.isEmpty || rest.first == "/" || rest.first == "?"
    }

    /// The version to use after `api-version negotiate`: the daemon's `Api-Version` from `_ping`, but
    /// never newer than sockshell knows, and 1.24 without the header (moby's `negotiateAPIVersionPing`).
    /// A header that is not a version counts as absent.
    public static func negotiated(daemonHeader: String?) -> APIVersion {
        guard let daemonHeader, let daemon = try? APIVersion(parsing: daemonHeader) else { return withoutHeader }
        return min(daemon, newestKnown)
    }

    /// One line saying what to do after the daemon refused the request's version: its 400 body says
    /// "client version X is too new. Maximum supported API version is Y" or "... is too old. Minimum
    /// supported API version is Y, ..." (moby's version middleware), as JSON `{"message": ...}` or, for
    /// versions before 1.24, as text/plain. Nil for any other answer.
    public static func refusalAdvice(status: Int, body: [UInt8]) -> String? {
        guard status == 400 else { return nil }
        var message = String(decoding: body, as: UTF8.self).trimmingWhitespace()
        if let json = try? JSONValue.parse(body), let text = json["message"]?.stringValue { message = text }
        if let version = supported(after: "is too new. Maximum supported API version is ", in: message) {
            return "this daemon speaks API \(version) at most: api-version \(version), or api-version negotiate"
        }
        if let version = supported(after: "is too old. Minimum supported API version is ", in: message) {
            return "this daemon needs API \(version) or newer: api-version \(version), or api-version negotiate"
        }
        return nil
    }

    /// The version right after `marker` in a message that starts with "client version ".
    private static func supported(after marker: String, in message: String) -> String? {
        guard message.hasPrefix("client version "), let range = message.firstRange(of: marker) else { return nil }
        let version = message[range.upperBound...].prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard let parsed = try? APIVersion(parsing: String(version)) else { return nil }
        return parsed.description
    }
}
