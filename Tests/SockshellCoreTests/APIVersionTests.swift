import Testing

@testable import SockshellCore

@Suite struct APIVersionTests {
    @Test(arguments: [("1.41", "1.41"), ("v1.30", "1.30"), (" 1.24 ", "1.24"), ("2.0", "2.0")])
    func parsesMajorDotMinorWithOrWithoutV(text: String, expected: String) throws {
        #expect(try APIVersion(parsing: text).description == expected)
    }

    @Test(arguments: ["", "v", "1", "1.", ".41", "1.41.0", "abc", "1.4a", "V1.41", "vv1.41", "1.-4", "1234567.1"])
    func refusesAnythingElseNamingTheFix(text: String) {
        #expect(throws: CommandSyntaxError.self) { try APIVersion(parsing: text) }
        do {
            _ = try APIVersion(parsing: text, source: "DOCKER_API_VERSION")
        } catch {
            #expect(
                error.message
                    == "DOCKER_API_VERSION needs a version as MAJOR.MINOR, e.g. 1.41 (not '\(text)'); "
                    + "api-version negotiate asks the daemon")
        }
    }

    @Test func theFlagWinsOverTheEnvironmentAndAnEmptyVariableIsUnset() throws {
        let environment = ["DOCKER_API_VERSION": "1.30"]
        #expect(try APIVersion.chosen(flag: "v1.35", environment: environment)?.version.description == "1.35")
        #expect(try APIVersion.chosen(flag: "1.35", environment: environment)?.source == "--api-version")
        #expect(try APIVersion.chosen(flag: nil, environment: environment)?.source == "DOCKER_API_VERSION")
        #expect(try APIVersion.chosen(flag: nil, environment: environment)?.version.description == "1.30")
        #expect(try APIVersion.chosen(flag: nil, environment: ["DOCKER_API_VERSION": " "]) == nil)
        #expect(try APIVersion.chosen(flag: nil, environment: [:]) == nil)
        // A bad variable is refused even though the docker CLI 28 sends it (/vabc/version, a 404).
        #expect(throws: CommandSyntaxError.self) {
            try APIVersion.chosen(flag: nil, environment: ["DOCKER_API_VERSION": "abc"])
        }
        #expect(throws: CommandSyntaxError.self) { try APIVersion.chosen(flag: "latest", environment: environment) }
    }

    @Test func comparesNumerically() throws {
        #expect(try APIVersion(parsing: "1.9") < APIVersion(parsing: "1.41"))
        #expect(try APIVersion(parsing: "1.41") < APIVersion(parsing: "2.0"))
        #expect(try APIVersion(parsing: "1.41") == APIVersion(major: 1, minor: 41))
    }

    @Test(arguments: [
        ("/version", "/v1.30/version"),
        ("/containers/json?all=1", "/v1.30/containers/json?all=1"),
        ("/_ping", "/v1.30/_ping"),
        ("/", "/v1.30/"),
        ("/v1.41/version", "/v1.41/version"),
        ("/v1.41", "/v1.41"),
        ("/v1.41?x=1", "/v1.41?x=1"),
        ("/v1/version", "/v1.30/v1/version"),
        ("/v1.41x/version", "/v1.30/v1.41x/version"),
        ("/vfoo/version", "/v1.30/vfoo/version"),
        ("/volumes", "/v1.30/volumes"),
        ("*", "*"),
        ("http://h/version", "http://h/version"),
    ])
    func prefixesOnlyUnversionedPaths(target: String, expected: String) {
        #expect(APIVersion(major: 1, minor: 30).prefixed(target) == expected)
    }

    @Test func negotiationTakesTheOlderOfDaemonAndSockshell() {
        #expect(APIVersion.negotiated(daemonHeader: "1.30").description == "1.30")
        #expect(APIVersion.negotiated(daemonHeader: "1.41").description == "1.41")
        #expect(APIVersion.negotiated(daemonHeader: "1.50") == APIVersion.newestKnown)
        #expect(APIVersion.negotiated(daemonHeader: nil).description == "1.24")
        #expect(APIVersion.negotiated(daemonHeader: "garbage").description == "1.24")
    }

    @Test func newestKnownIsTheRouteTablesVersion() {
        #expect(APIVersion.newestKnown.description == DockerAPIRoutes.apiVersion)
    }

    @Test func adviceForTooNewInAJSONBody() {
        let body = #"{"message":"client version 1.99 is too new. Maximum supported API version is 1.41"}"#
        #expect(
            APIVersion.refusalAdvice(status: 400, body: Array(body.utf8))
                == "this daemon speaks API 1.41 at most: api-version 1.41, or api-version negotiate")
    }

    @Test func adviceForTooOldInATextBody() {
        let body =
            "client version 1.11 is too old. Minimum supported API version is 1.12, please upgrade your client "
            + "to a newer version\n"
        #expect(
            APIVersion.refusalAdvice(status: 400, body: Array(body.utf8))
                == "this daemon needs API 1.12 or newer: api-version 1.12, or api-version negotiate")
    }

    @Test func noAdviceForOtherAnswers() {
        let tooNew = Array(#"{"message":"client version 1.99 is too new. Maximum supported API version is 1.41"}"#.utf8)
        #expect(APIVersion.refusalAdvice(status: 404, body: tooNew) == nil)
        #expect(APIVersion.refusalAdvice(status: 400, body: Array(#"{"message":"page not found"}"#.utf8)) == nil)
        #expect(APIVersion.refusalAdvice(status: 400, body: Array("bad parameter".utf8)) == nil)
        #expect(APIVersion.refusalAdvice(status: 400, body: []) == nil)
        // The sentence must be the daemon's, not one quoted inside another message.
        let quoted = Array(#"{"message":"name: is too new. Maximum supported API version is 1.41"}"#.utf8)
        #expect(APIVersion.refusalAdvice(status: 400, body: quoted) == nil)
    }
}
