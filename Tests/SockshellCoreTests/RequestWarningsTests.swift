import Testing

@testable import SockshellCore

/// The warnings before sending: each appears for the wrong form and not for the right one.
@Suite struct RequestWarningsTests {
    static func warnings(_ request: String) -> [RequestWarning] {
        RequestWarnings.check(Array(request.utf8))
    }

    static let ok = "Host: docker\r\n"

    @Test func aJSONBodyWithAnotherContentTypeTheUserSet() {
        let body = #"{"Image":"busybox"}"#
        #expect(
            Self.warnings("POST /containers/create HTTP/1.1\r\n\(Self.ok)Content-Type: text/plain\r\n\r\n\(body)")
                == [.jsonBodyWithOtherType("text/plain")])
        #expect(
            Self.warnings("POST /containers/create HTTP/1.1\r\n\(Self.ok)Content-Type: application/json\r\n\r\n\(body)")
                == [])
        #expect(
            Self.warnings("POST /containers/create HTTP/1.1\r\n\(Self.ok)Content-Type: text/plain\r\n\r\n{not json")
                == [], "a body that only starts like JSON is the user's text")
    }

    @Test func aBodyOnGetOrHead() {
        #expect(
            Self.warnings("GET /containers/json HTTP/1.1\r\n\(Self.ok)Content-Length: 2\r\n\r\n{}") == [
                .bodyWithoutMeaning(method: "GET")
            ])
        #expect(Self.warnings("HEAD /_ping HTTP/1.1\r\n\(Self.ok)\r\nxx") == [.bodyWithoutMeaning(method: "HEAD")])
        #expect(Self.warnings("GET /containers/json HTTP/1.1\r\n\(Self.ok)\r\n") == [])
        #expect(Self.warnings("POST /containers/prune HTTP/1.1\r\n\(Self.ok)Content-Length: 2\r\n\r\n{}") == [])
    }

    @Test func aPathNotInTheCatalogueWithTheNearestRoute() {
        #expect(
            Self.warnings("GET /containers/jsn HTTP/1.1\r\n\(Self.ok)\r\n") == [
                .unknownPath("/containers/jsn", nearest: "/containers/json")
            ])
        #expect(
            Self.warnings("POST /v1.41/containers/abc/strat HTTP/1.1\r\n\(Self.ok)\r\n") == [
                .unknownPath("/containers/abc/strat", nearest: "/containers/abc/start")
            ])
        #expect(
            Self.warnings("GET /nothing/like/it HTTP/1.1\r\n\(Self.ok)\r\n") == [
                .unknownPath("/nothing/like/it", nearest: nil)
            ])
        #expect(Self.warnings("POST /containers/abc/start HTTP/1.1\r\n\(Self.ok)\r\n") == [])
        #expect(Self.warnings("GET /v1.41/containers/abc/json HTTP/1.1\r\n\(Self.ok)\r\n") == [])
        #expect(Self.warnings("POST /plugins/pull?remote=x HTTP/1.1\r\n\(Self.ok)\r\n") == [])
        #expect(Self.warnings("GET /swarm/unlockkey HTTP/1.1\r\n\(Self.ok)\r\n") == [])
        #expect(Self.warnings("POST /build/cancel?id=1 HTTP/1.1\r\n\(Self.ok)\r\n") == [])
        #expect(Self.warnings("GET /images/registry.example:5000/team/app/json HTTP/1.1\r\n\(Self.ok)\r\n") == [])
    }

    @Test func pathsUnderANewerVersionWarnOnlyForANearMiss() {
        #expect(Self.warnings("GET /v1.47/containers/json?all=1 HTTP/1.1\r\n\(Self.ok)\r\n") == [])
        #expect(Self.warnings("GET /v1.47/some/new/route HTTP/1.1\r\n\(Self.ok)\r\n") == [])
        #expect(Self.warnings("GET /v1.47/images/json?shared-size=1&newer=1 HTTP/1.1\r\n\(Self.ok)\r\n") == [])
        #expect(
            Self.warnings("GET /v1.47/containers/jsn HTTP/1.1\r\n\(Self.ok)\r\n") == [
                .unknownPath("/containers/jsn", nearest: "/containers/json")
            ])
    }

    @Test func aRouteThatDoesNotTakeTheMethod() {
        #expect(
            Self.warnings("GET /containers/create HTTP/1.1\r\n\(Self.ok)\r\n") == [
                .methodNotAccepted("GET", methods: ["POST"])
            ])
        #expect(
            Self.warnings("PROPFIND /containers/create HTTP/1.1\r\n\(Self.ok)\r\n") == [],
            "an extension method explores")
    }

    @Test func anUnknownQueryParameterForAKnownRoute() {
        #expect(
            Self.warnings("GET /containers/json?al=1 HTTP/1.1\r\n\(Self.ok)\r\n") == [
                .unknownQueryParameter("al", route: "GET /containers/json", nearest: "all")
            ])
        #expect(
            Self.warnings("GET /containers/json?zzz=1&zzz=2 HTTP/1.1\r\n\(Self.ok)\r\n") == [
                .unknownQueryParameter("zzz", route: "GET /containers/json", nearest: nil)
            ])
        #expect(Self.warnings("GET /containers/json?all=1&size=1 HTTP/1.1\r\n\(Self.ok)\r\n") == [])
        #expect(Self.warnings("POST /containers/web/stop?signal=SIGINT HTTP/1.1\r\n\(Self.ok)\r\n") == [])
    }

    @Test func anHTTP11RequestWithoutHost() {
        #expect(Self.warnings("GET /_ping HTTP/1.1\r\n\r\n") == [.missingHost])
        #expect(Self.warnings("GET /_ping HTTP/1.1\r\nhost: x\r\n\r\n") == [])
        #expect(Self.warnings("GET /_ping HTTP/1.0\r\n\r\n") == [])
    }

    @Test func filtersThatAreNotJSON() {
        #expect(
            Self.warnings("GET /containers/json?filters=status=running HTTP/1.1\r\n\(Self.ok)\r\n") == [
                .filtersNotJSON("status=running")
            ])
        #expect(
            Self.warnings("GET /events?filters=%7B%22type%22%3A%5B%22container%22%5D%7D HTTP/1.1\r\n\(Self.ok)\r\n")
                == [])
        #expect(Self.warnings("GET /events?filters=[1] HTTP/1.1\r\n\(Self.ok)\r\n") == [.filtersNotJSON("[1]")])
    }

    @Test func anXRegistryAuthThatIsNotBase64URLJSON() {
        let json = Array(#"{"username":"me","password":">>>???"}"#.utf8)
        let standard = Base64.encode(json)
        let request = "POST /images/create?fromImage=busybox HTTP/1.1\r\n\(Self.ok)X-Registry-Auth: "
        guard case .registryAuth? = Self.warnings(request + standard + "\r\n\r\n").first else {
            Issue.record("standard base64 is not what the daemon decodes")
            return
        }
        #expect(Self.warnings(request + Base64.encode(json, alphabet: .url) + "\r\n\r\n") == [])
        #expect(Self.warnings(request + "me:secret\r\n\r\n").count == 1)
    }

    @Test func anotherServerGetsOnlyHTTPsOwnWarnings() {
        let request = "GET /x?filters=a HTTP/1.1\r\nContent-Type: text/plain\r\n\r\n{}"
        #expect(
            RequestWarnings.check(Array(request.utf8), docker: false) == [
                .missingHost, .bodyWithoutMeaning(method: "GET"),
            ])
        #expect(RequestWarnings.check(Array(request.utf8), docker: true).count == 5)
        #expect(RequestWarnings.namesDocker(.unix(path: "/var/run/docker.sock")))
        #expect(RequestWarnings.namesDocker(.unix(path: "/run/user/1000/podman/podman.sock")))
        #expect(!RequestWarnings.namesDocker(.unix(path: "/tmp/fs-1-2.sock")))
        #expect(!RequestWarnings.namesDocker(.unix(path: "/tmp/docker/app.sock")), "the file's name, not its folder's")
        #expect(RequestWarnings.namesDocker(.tcp(host: "10.0.0.2", port: 2375)))
        #expect(!RequestWarnings.namesDocker(.tcp(host: "127.0.0.1", port: 8080)))
    }

    @Test func eachWarningIsALineInEnglishOrKorean() {
        let warning = RequestWarning.unknownQueryParameter("al", route: "GET /containers/json", nearest: "all")
        #expect(
            warning.line(in: .english)
                == """
                warning: GET /containers/json reads no query parameter 'al': the daemon ignores it (did you mean \
                all?)
                """
        )
        #expect(
            warning.line(in: .korean).hasPrefix(
                """
                경고: GET /containers/json은(는) 쿼리 파라미터 'al'을(를) 읽지 않습니다
                """))
        #expect(!RequestWarning.missingHost.line(in: .english).contains("\n"))
        let auth = RequestWarnings.check(Array("GET /_ping HTTP/1.1\r\nHost: d\r\nX-Registry-Auth: a+b/\r\n\r\n".utf8))
        #expect(auth.first?.line(in: .english).hasPrefix("warning: X-Registry-Auth: it has + or /, so it is") == true)
    }
}

/// The later APIs' query parameters name routes of the catalogue, and are not already in it: a
/// typo in the table would let a wrong parameter through without a warning.
@Suite struct LaterQueryParameterTests {
    @Test func eachEntryIsACatalogueRouteAndAddsParametersItLacks() {
        for (template, names) in RequestWarnings.laterQueryParameters {
            let route = DockerAPIRoutes.all.first { $0.template == template }
            #expect(route != nil, "\(template) is a route of the catalogue")
            for name in names {
                #expect(route?.queryParameters.contains(name) == false, "\(template) already reads \(name)")
            }
        }
        // Sent unversioned, a newer daemon's parameter is not called unknown; a made-up one still is.
        let ok = "Host: docker\r\n\r\n"
        #expect(RequestWarnings.check(Array("POST /build/prune?reserved-space=1 HTTP/1.1\r\n\(ok)".utf8)) == [])
        #expect(RequestWarnings.check(Array("POST /build/prune?reserved=1 HTTP/1.1\r\n\(ok)".utf8)).count == 1)
    }
}
