import Testing

@testable import SockshellCore

struct DockerAPIRoutesTests {
    private func route(_ method: String, _ template: String) -> DockerRoute? {
        DockerAPIRoutes.all.first { $0.template == template && $0.accepts(method: method) }
    }

    @Test func everyTemplateIsAWellFormedPath() {
        for route in DockerAPIRoutes.all {
            #expect(route.template.hasPrefix("/"), "\(route.template)")
            #expect(!route.template.hasSuffix("/"), "\(route.template)")
            #expect(!route.template.contains("//"), "\(route.template)")
            #expect(!route.template.contains("?"), "\(route.template)")
            #expect(!route.summary.isEmpty, "\(route.template)")
        }
    }

    @Test func noMethodAndTemplateAppearsTwice() {
        var seen = Set<String>()
        for route in DockerAPIRoutes.all {
            #expect(!route.methods.isEmpty, "\(route.template)")
            for method in route.methods {
                #expect(seen.insert(method + " " + route.template).inserted, "duplicate \(method) \(route.template)")
            }
        }
    }

    @Test func methodsAreUpperCaseStandardMethods() {
        for route in DockerAPIRoutes.all {
            for method in route.methods {
                #expect(CommandParser.standardMethods.contains(method), "\(method) \(route.template)")
            }
        }
    }

    @Test func queryParameterNamesAreUniqueTokensPerRoute() {
        for route in DockerAPIRoutes.all {
            #expect(Set(route.queryParameters).count == route.queryParameters.count, "\(route.template)")
            for name in route.queryParameters {
                #expect(HTTPToken.isToken(name), "\(name) in \(route.template)")
            }
        }
    }

    @Test func everyPlaceholderNamesAKind() {
        for route in DockerAPIRoutes.all {
            let placeholders = route.template.split(separator: "/").filter { $0.hasPrefix("{") }
            #expect(placeholders.count <= 1, "\(route.template)")
            #expect((route.placeholderKind != nil) == !placeholders.isEmpty, "\(route.template)")
            for segment in route.segments {
                if case .placeholder(let kind) = segment { #expect(kind != nil, "\(route.template)") }
            }
            for placeholder in placeholders {
                #expect(placeholder == "{id}" || placeholder == "{name}", "\(route.template)")
            }
        }
    }

    @Test func placeholderKindsFollowTheCollection() {
        #expect(route("POST", "/containers/{id}/start")?.placeholderKind == .container)
        #expect(route("POST", "/containers/{id}/exec")?.placeholderKind == .container)
        #expect(route("POST", "/exec/{id}/start")?.placeholderKind == .exec)
        #expect(route("GET", "/images/{name}/json")?.placeholderKind == .image)
        #expect(route("GET", "/distribution/{name}/json")?.placeholderKind == .image)
        #expect(route("DELETE", "/volumes/{name}")?.placeholderKind == .volume)
        #expect(route("POST", "/networks/{id}/connect")?.placeholderKind == .network)
        #expect(route("POST", "/plugins/{name}/enable")?.placeholderKind == .plugin)
        #expect(route("POST", "/nodes/{id}/update")?.placeholderKind == .node)
        #expect(route("GET", "/services/{id}/logs")?.placeholderKind == .service)
        #expect(route("GET", "/tasks/{id}/logs")?.placeholderKind == .task)
        #expect(route("POST", "/secrets/{id}/update")?.placeholderKind == .secret)
        #expect(route("DELETE", "/configs/{id}")?.placeholderKind == .config)
        #expect(route("GET", "/containers/json")?.placeholderKind == nil)
    }

    @Test func theWholeV141APIIsThere() {
        let expected: [(String, String)] = [
            ("GET", "/containers/json"), ("POST", "/containers/create"), ("GET", "/containers/{id}/json"),
            ("GET", "/containers/{id}/top"), ("GET", "/containers/{id}/logs"), ("GET", "/containers/{id}/changes"),
            ("GET", "/containers/{id}/export"), ("GET", "/containers/{id}/stats"), ("POST", "/containers/{id}/resize"),
            ("POST", "/containers/{id}/start"), ("POST", "/containers/{id}/stop"), ("POST", "/containers/{id}/restart"),
            ("POST", "/containers/{id}/kill"), ("POST", "/containers/{id}/update"), ("POST", "/containers/{id}/rename"),
            ("POST", "/containers/{id}/pause"), ("POST", "/containers/{id}/unpause"),
            ("POST", "/containers/{id}/attach"),
            ("GET", "/containers/{id}/attach/ws"), ("POST", "/containers/{id}/wait"), ("DELETE", "/containers/{id}"),
            ("HEAD", "/containers/{id}/archive"), ("GET", "/containers/{id}/archive"),
            ("PUT", "/containers/{id}/archive"),
            ("POST", "/containers/prune"),
            ("POST", "/containers/{id}/exec"), ("POST", "/exec/{id}/start"), ("POST", "/exec/{id}/resize"),
            ("GET", "/exec/{id}/json"),
            ("GET", "/images/json"), ("POST", "/build"), ("POST", "/build/prune"), ("POST", "/images/create"),
            ("GET", "/images/{name}/json"), ("GET", "/images/{name}/history"), ("POST", "/images/{name}/push"),
            ("POST", "/images/{name}/tag"), ("DELETE", "/images/{name}"), ("GET", "/images/search"),
            ("POST", "/images/prune"),
            ("POST", "/commit"), ("GET", "/images/{name}/get"), ("GET", "/images/get"), ("POST", "/images/load"),
            ("GET", "/distribution/{name}/json"),
            ("GET", "/networks"), ("GET", "/networks/{id}"), ("DELETE", "/networks/{id}"), ("POST", "/networks/create"),
            ("POST", "/networks/{id}/connect"), ("POST", "/networks/{id}/disconnect"), ("POST", "/networks/prune"),
            ("GET", "/volumes"), ("POST", "/volumes/create"), ("GET", "/volumes/{name}"), ("DELETE", "/volumes/{name}"),
            ("POST", "/volumes/prune"),
            ("POST", "/auth"), ("GET", "/info"), ("GET", "/version"), ("GET", "/_ping"), ("HEAD", "/_ping"),
            ("GET", "/events"), ("GET", "/system/df"), ("POST", "/session"),
            ("GET", "/swarm"), ("POST", "/swarm/init"), ("POST", "/swarm/join"), ("POST", "/swarm/leave"),
            ("POST", "/swarm/update"), ("GET", "/swarm/unlockkey"), ("POST", "/swarm/unlock"),
            ("GET", "/nodes"), ("GET", "/nodes/{id}"), ("DELETE", "/nodes/{id}"), ("POST", "/nodes/{id}/update"),
            ("GET", "/services"), ("POST", "/services/create"), ("GET", "/services/{id}"), ("DELETE", "/services/{id}"),
            ("POST", "/services/{id}/update"), ("GET", "/services/{id}/logs"),
            ("GET", "/tasks"), ("GET", "/tasks/{id}"), ("GET", "/tasks/{id}/logs"),
            ("GET", "/secrets"), ("POST", "/secrets/create"), ("GET", "/secrets/{id}"), ("DELETE", "/secrets/{id}"),
            ("POST", "/secrets/{id}/update"),
            ("GET", "/configs"), ("POST", "/configs/create"), ("GET", "/configs/{id}"), ("DELETE", "/configs/{id}"),
            ("POST", "/configs/{id}/update"),
            ("GET", "/plugins"), ("GET", "/plugins/privileges"), ("POST", "/plugins/pull"),
            ("GET", "/plugins/{name}/json"),
            ("DELETE", "/plugins/{name}"), ("POST", "/plugins/{name}/enable"), ("POST", "/plugins/{name}/disable"),
            ("POST", "/plugins/{name}/upgrade"), ("POST", "/plugins/create"), ("POST", "/plugins/{name}/push"),
            ("POST", "/plugins/{name}/set"),
        ]
        for (method, template) in expected {
            #expect(route(method, template) != nil, "missing \(method) \(template)")
        }
        // Nothing beyond the reference: every method+template pair is one of the expected.
        let total = DockerAPIRoutes.all.reduce(0) { $0 + $1.methods.count }
        #expect(total == expected.count)
    }

    @Test func queryParametersAsTheReferenceNamesThem() {
        #expect(route("GET", "/containers/json")?.queryParameters == ["all", "limit", "size", "filters"])
        #expect(route("POST", "/containers/create")?.queryParameters == ["name", "platform"])
        #expect(
            route("GET", "/containers/{id}/logs")?.queryParameters == [
                "follow", "stdout", "stderr", "since", "until", "timestamps", "tail",
            ])
        #expect(route("GET", "/events")?.queryParameters == ["since", "until", "filters"])
        #expect(route("POST", "/containers/{id}/stop")?.queryParameters == ["t"])
        #expect(route("DELETE", "/containers/{id}")?.queryParameters == ["v", "force", "link"])
        #expect(
            route("POST", "/images/create")?.queryParameters == [
                "fromImage", "fromSrc", "repo", "tag", "message", "changes", "platform",
            ])
        #expect(route("GET", "/containers/{id}/stats")?.queryParameters == ["stream", "one-shot"])
        #expect(
            route("PUT", "/containers/{id}/archive")?.queryParameters == ["path", "noOverwriteDirNonDir", "copyUIDGID"])
        #expect(route("HEAD", "/containers/{id}/archive")?.queryParameters == ["path"])
        #expect(route("POST", "/build/prune")?.queryParameters == ["keep-storage", "all", "filters"])
        #expect(route("POST", "/build")?.queryParameters.contains("buildargs") == true)
        #expect(route("POST", "/build")?.queryParameters.count == 24)
        #expect(
            route("POST", "/swarm/update")?.queryParameters == [
                "version", "rotateWorkerToken", "rotateManagerToken", "rotateManagerUnlockKey",
            ])
        #expect(route("GET", "/_ping")?.queryParameters == [])
    }

    @Test func pingAnswersGETAndHEADInOneRoute() {
        #expect(route("GET", "/_ping")?.methods == ["GET", "HEAD"])
        #expect(route("head", "/_ping") != nil)
    }

    @Test func routesAcceptingAMethodInAnyCase() {
        let gets = DockerAPIRoutes.routes(accepting: "get")
        #expect(gets.contains { $0.template == "/containers/json" })
        #expect(!gets.contains { $0.template == "/containers/create" })
        #expect(DockerAPIRoutes.routes(accepting: "PROPFIND").isEmpty)
    }

    @Test func aWholePathMatchesItsMostLiteralRoute() {
        func templates(_ method: String, _ target: String) -> [String] {
            DockerAPIRoutes.routes(
                matching: TargetComponents(target).segments, among: DockerAPIRoutes.routes(accepting: method)
            ).map(\.template)
        }
        #expect(templates("GET", "/containers/json") == ["/containers/json"])
        #expect(templates("GET", "/containers/web/json") == ["/containers/{id}/json"])
        #expect(templates("GET", "/v1.41/containers/web/logs?follow=1") == ["/containers/{id}/logs"])
        #expect(templates("GET", "/images/json") == ["/images/json"])
        #expect(templates("GET", "/images/registry.example.com:5000/team/app:1.2/json") == ["/images/{name}/json"])
        #expect(templates("DELETE", "/images/library/busybox:latest") == ["/images/{name}"])
        #expect(templates("GET", "/containers/web/nothing") == [])
        #expect(templates("GET", "/containers//json") == [])
    }

    @Test func targetComponentsDecodeLikeTheDaemon() {
        let parts = TargetComponents("/v1.41/containers/my%2Dweb/rename?name=new+name&x=%41%zz&flag")
        #expect(parts.version == "v1.41")
        #expect(parts.segments == ["containers", "my-web", "rename"])
        #expect(parts.queryValues("name") == ["new name"])
        #expect(parts.queryValues("x") == ["A%zz"])
        #expect(parts.queryValues("flag") == [""])
        #expect(TargetComponents("/containers/json/").segments == ["containers", "json"])
        #expect(TargetComponents("/version").segments == ["version"])
        #expect(TargetComponents("/version").version == nil)
        #expect(TargetComponents.isVersionSegment("v1.41"))
        #expect(TargetComponents.isVersionSegment("v2"))
        #expect(!TargetComponents.isVersionSegment("volumes"))
        #expect(!TargetComponents.isVersionSegment("v"))
    }

    @Test func headerNamesAreTokensWithoutDuplicates() {
        let names = HTTPHeaderNames.all
        for name in names { #expect(HTTPToken.isToken(name), "\(name)") }
        #expect(Set(names.map { $0.lowercased() }).count == names.count)
        for needed in [
            "Content-Type", "Accept", "Host", "User-Agent", "Authorization", "X-Registry-Auth", "X-Registry-Config",
            "Connection", "Upgrade", "Content-Length", "Transfer-Encoding",
        ] {
            #expect(names.contains(needed), "\(needed)")
        }
    }
}
