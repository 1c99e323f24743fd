import Testing

@testable import SockshellCore

/// The store the docker CLI 28.2.2 wrote for t1, t2, t3 and MyCtx (docs/notes/issue-15-research.md §2),
/// as files in memory: path → contents.
struct StoreFixture {
    static let config = "/cfg"
    static let t1 =
        #"{"Name":"t1","Metadata":{},"Endpoints":{"docker":{"Host":"unix:///tmp/x.sock","SkipTLSVerify":false}}}"#
    static let t2 =
        #"{"Name":"t2","Metadata":{},"Endpoints":{"docker":{"Host":"tcp://127.0.0.1:2376","SkipTLSVerify":false}}}"#
    static let t3 =
        #"{"Name":"t3","Metadata":{"Description":"skip verify"},"#
        + #""Endpoints":{"docker":{"Host":"tcp://127.0.0.1:2376","SkipTLSVerify":true}}}"#
    static let myCtx =
        #"{"Name":"MyCtx","Metadata":{},"Endpoints":{"docker":{"Host":"ssh://me@example.com:2222/run/user/1000/"#
        + #"docker.sock","SkipTLSVerify":false}}}"#
    static let configJSON = "{\n\t\"auths\": {},\n\t\"currentContext\": \"t1\"\n}"

    var files: [String: String] = [
        "/cfg/contexts/meta/628b49d96dcde97a430dd4f597705899e09a968f793491e4b704cae33a40dc02/meta.json": t1,
        "/cfg/contexts/meta/c44474038d459e40e4714afefa7bf8dae9f9834b22f5e8ec1dd434ecb62b512e/meta.json": t2,
        "/cfg/contexts/meta/cece8a9cecfb6c7e7ee4f3346d5e2544138bfb6e33bec6042a17333a4d3180b0/meta.json": t3,
        "/cfg/contexts/meta/b17611d86aab0055decbafffedc79b15f24c2d7e6b7c182e8a8f3448a9f1e040/meta.json": myCtx,
        "/cfg/contexts/tls/c44474038d459e40e4714afefa7bf8dae9f9834b22f5e8ec1dd434ecb62b512e/docker/ca.pem": "CA",
        "/cfg/contexts/tls/c44474038d459e40e4714afefa7bf8dae9f9834b22f5e8ec1dd434ecb62b512e/docker/cert.pem": "C",
        "/cfg/contexts/tls/c44474038d459e40e4714afefa7bf8dae9f9834b22f5e8ec1dd434ecb62b512e/docker/key.pem": "K",
        "/cfg/config.json": configJSON,
    ]

    var store: ContextStore {
        let files = files
        return ContextStore(
            configDirectory: Self.config, read: { files[$0].map { Array($0.utf8) } },
            list: { folder in
                let prefix = folder + "/"
                return Array(
                    Set(
                        files.keys.filter { $0.hasPrefix(prefix) }.map {
                            String($0.dropFirst(prefix.count).split(separator: "/")[0])
                        }))
            })
    }

    func resolve(
        context: String? = nil, host: String? = nil, unixSocket: String? = nil, _ environment: [String: String] = [:]
    ) throws(EndpointError) -> ResolvedEndpoint {
        try EndpointResolution.resolve(
            contextFlag: context, hostFlag: host, unixSocketFlag: unixSocket, environment: environment, store: store)
    }

    func message(context: String? = nil, host: String? = nil, _ environment: [String: String] = [:]) -> String {
        do {
            _ = try resolve(context: context, host: host, environment)
            return "no error"
        } catch { return error.description }
    }
}

struct SHA256Tests {
    @Test func fipsVectorsAndAContextName() {
        #expect(SHA256.hexDigest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest("t1") == "628b49d96dcde97a430dd4f597705899e09a968f793491e4b704cae33a40dc02")
        #expect(SHA256.hexDigest("MyCtx") == "b17611d86aab0055decbafffedc79b15f24c2d7e6b7c182e8a8f3448a9f1e040")
    }

    @Test func messagesAcrossBlockBoundaries() {
        // FIPS 180-2's two-block vector: 56 bytes need a second block for the length.
        #expect(
            SHA256.hexDigest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hexDigest(String(repeating: "a", count: 64))
                == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }
}

struct ContextStoreTests {
    @Test func readsWhatTheDockerCLIWrote() {
        let store = StoreFixture().store
        #expect(store.context(named: "t1") == DockerContext(name: "t1", host: "unix:///tmp/x.sock"))
        #expect(
            store.context(named: "t2")
                == DockerContext(name: "t2", host: "tcp://127.0.0.1:2376", tlsFiles: ["ca.pem", "cert.pem", "key.pem"]))
        #expect(
            store.context(named: "t3")
                == DockerContext(
                    name: "t3", description: "skip verify", host: "tcp://127.0.0.1:2376", skipTLSVerify: true))
        #expect(store.context(named: "T1") == nil, "names are case-sensitive: T1 hashes to another folder")
        #expect(store.all().map(\.name) == ["MyCtx", "t1", "t2", "t3"])
        #expect(store.currentContext().name == "t1")
    }

    @Test func fieldNamesAnyCaseButTheDockerKeyExactly() {
        var fixture = StoreFixture()
        let id = ContextStore.identifier(of: "low")
        fixture.files["/cfg/contexts/meta/\(id)/meta.json"] =
            #"{"name":"low","metadata":{"description":"kept aside"},"#
            + #""endpoints":{"docker":{"host":"unix:///l.sock","skiptlsverify":false}}}"#
        let wrongKey = ContextStore.identifier(of: "upper")
        fixture.files["/cfg/contexts/meta/\(wrongKey)/meta.json"] =
            #"{"Name":"upper","Endpoints":{"Docker":{"Host":"unix:///u.sock"}}}"#
        fixture.files["/cfg/config.json"] = #"{"CURRENTCONTEXT":"low"}"#
        let store = fixture.store
        // Go's encoding/json matches struct fields in any case; Description has its own exact decoder.
        #expect(store.context(named: "low") == DockerContext(name: "low", host: "unix:///l.sock"))
        #expect(store.context(named: "upper")?.problem == "cannot find docker endpoint in context")
        #expect(store.currentContext().name == "low")
        #expect((try? fixture.resolve())?.endpoint == .unix(path: "/l.sock"))
    }

    @Test func listingUsesTheNameInsideNotTheFolder() {
        var fixture = StoreFixture()
        fixture.files["/cfg/contexts/meta/notahash/meta.json"] =
            #"{"Name":"nohash","Endpoints":{"docker":{"Host":"unix:///n.sock"}}}"#
        #expect(fixture.store.all().map(\.name).contains("nohash"))
        #expect(fixture.store.context(named: "nohash") == nil, "lookup reads only meta/<sha256(name)>")
    }

    @Test func configFolderIsDockerConfigElseHome() {
        #expect(ContextStore.configDirectory(environment: ["DOCKER_CONFIG": "/c", "HOME": "/h"]) == "/c")
        #expect(ContextStore.configDirectory(environment: ["DOCKER_CONFIG": "", "HOME": "/h"]) == "/h/.docker")
        #expect(ContextStore.configDirectory(environment: [:]) == nil)
    }
}

struct ContextResolutionTests {
    let fixture = StoreFixture()

    @Test func theSixRulesInOrder() throws {
        let everything = ["DOCKER_HOST": "unix:///env.sock", "DOCKER_CONTEXT": "t3"]
        // 1. --context beats DOCKER_HOST and DOCKER_CONTEXT.
        var resolved = try fixture.resolve(context: "t1", everything)
        #expect(resolved.endpoint == .unix(path: "/tmp/x.sock"))
        #expect(resolved.rule == .contextFlag)
        #expect(resolved.context?.name == "t1")
        // 2. -H (and --unix-socket) is the default context.
        resolved = try fixture.resolve(host: "unix:///h.sock", everything)
        #expect(resolved == ResolvedEndpoint(endpoint: .unix(path: "/h.sock"), rule: .hostFlag))
        resolved = try fixture.resolve(unixSocket: "/u.sock", everything)
        #expect(resolved == ResolvedEndpoint(endpoint: .unix(path: "/u.sock"), rule: .unixSocketFlag))
        // 3. DOCKER_HOST beats DOCKER_CONTEXT, and says whom it overrode.
        resolved = try fixture.resolve(everything)
        #expect(resolved.endpoint == .unix(path: "/env.sock"))
        #expect(resolved.rule == .dockerHost)
        #expect(resolved.context == nil)
        #expect(resolved.overriddenContext?.name == "t3")
        // 4. DOCKER_CONTEXT beats currentContext; an empty DOCKER_HOST is unset.
        resolved = try fixture.resolve(["DOCKER_HOST": "", "DOCKER_CONTEXT": "t1"])
        #expect(resolved.rule == .dockerContext)
        #expect(resolved.context?.name == "t1")
        // 5. currentContext in config.json.
        resolved = try fixture.resolve(["DOCKER_CONTEXT": ""])
        #expect(resolved.rule == .currentContext(configFile: "/cfg/config.json"))
        #expect(resolved.display == "unix:/tmp/x.sock (context t1)")
        // 6. The default socket.
        var empty = fixture
        empty.files = [:]
        resolved = try empty.resolve()
        #expect(resolved == ResolvedEndpoint(endpoint: .dockerDefault, rule: .defaultSocket))
        #expect(resolved.display == "unix:/var/run/docker.sock")
        #expect(
            try EndpointResolution.resolve(hostFlag: nil, unixSocketFlag: nil, environment: [:], store: nil)
                == ResolvedEndpoint(endpoint: .dockerDefault, rule: .defaultSocket))
    }

    @Test func theDefaultContextIsDockerHostElseTheSocket() throws {
        var resolved = try fixture.resolve(context: "default", ["DOCKER_HOST": "tcp://127.0.0.1:2375"])
        #expect(resolved == ResolvedEndpoint(endpoint: .tcp(host: "127.0.0.1", port: 2375), rule: .contextFlag))
        resolved = try fixture.resolve(["DOCKER_CONTEXT": "default"])
        #expect(resolved == ResolvedEndpoint(endpoint: .dockerDefault, rule: .dockerContext))
        // `docker context use default` removes currentContext; DOCKER_HOST over "default" overrides nothing.
        #expect(
            try fixture.resolve(["DOCKER_HOST": "unix:///e.sock", "DOCKER_CONTEXT": "default"]).overriddenContext == nil
        )
    }

    @Test func hostWithContextIsTheCLIsConflict() {
        #expect(
            fixture.message(context: "t1", host: "unix:///h.sock")
                == """
                conflicting options: cannot specify both --host and --context: drop one of them (--context picks a \
                docker context, --host an endpoint)
                """
        )
    }

    @Test func unknownContextsNameTheStoreAndTheFix() {
        #expect(
            fixture.message(context: "nope")
                == """
                context "nope" (from --context) is not in /cfg/contexts: docker context ls lists the contexts there, \
                docker context create NAME --docker host=URL makes one
                """
        )
        #expect(
            fixture.message(["DOCKER_CONTEXT": "nope"])
                == """
                context "nope" (from DOCKER_CONTEXT) is not in /cfg/contexts: unset DOCKER_CONTEXT or set it to a \
                context docker context ls lists
                """
        )
        var stale = fixture
        stale.files["/cfg/config.json"] = #"{"currentContext":"gone"}"#
        #expect(
            stale.message()
                == """
                context "gone" (from currentContext in /cfg/config.json) is not in /cfg/contexts: docker context use \
                default (or another context docker context ls lists) sets it again
                """
        )
        #expect(
            (try? EndpointResolution.resolve(
                contextFlag: "t1", hostFlag: nil, unixSocketFlag: nil, environment: [:], store: nil)) == nil)
    }

    @Test func aMalformedConfigIsAWarningAndTheDefault() throws {
        var broken = fixture
        broken.files["/cfg/config.json"] = "{\"currentContext\": \"t1\""
        let resolved = try broken.resolve()
        #expect(resolved.endpoint == .dockerDefault)
        #expect(resolved.rule == .defaultSocket)
        #expect(
            resolved.warnings == [
                """
                warning: cannot parse /cfg/config.json (invalid JSON at byte 23: \
                \(Self.endOfInputProblem(broken))), so its currentContext is ignored and the default context is \
                used: fix the file or run docker context use NAME
                """
            ])
    }

    /// The parser's own words for the truncated file, so this test checks the sentence around them.
    static func endOfInputProblem(_ fixture: StoreFixture) -> String {
        do {
            _ = try JSONValue.parse(fixture.files["/cfg/config.json"] ?? "")
            return ""
        } catch { return error.problem }
    }

    @Test func endpointsSockshellCannotUseSaySo() throws {
        #expect(
            try fixture.resolve(context: "MyCtx", host: nil).endpoint
                == .ssh(
                    SSHEndpoint(user: "me", host: "example.com", port: 2222, socketPath: "/run/user/1000/docker.sock")))
        var broken = fixture
        let id = ContextStore.identifier(of: "nodocker")
        broken.files["/cfg/contexts/meta/\(id)/meta.json"] = #"{"Name":"nodocker","Endpoints":{}}"#
        #expect(
            broken.message(context: "nodocker")
                == """
                context "nodocker" cannot be used: cannot find docker endpoint in context \
                (/cfg/contexts/meta/\(id)/meta.json); make it again with docker context create nodocker --docker \
                host=unix:///var/run/docker.sock
                """
        )
    }

    @Test func socketsNeverUseTLSAndPlainTCPWorks() throws {
        var fixture = fixture
        let id = ContextStore.identifier(of: "plain")
        fixture.files["/cfg/contexts/meta/\(id)/meta.json"] =
            #"{"Name":"plain","Endpoints":{"docker":{"Host":"tcp://127.0.0.1:2375","SkipTLSVerify":false}}}"#
        let socket = ContextStore.identifier(of: "sock")
        fixture.files["/cfg/contexts/meta/\(socket)/meta.json"] =
            #"{"Name":"sock","Endpoints":{"docker":{"Host":"unix:///s.sock","SkipTLSVerify":true}}}"#
        #expect(try fixture.resolve(context: "plain").endpoint == .tcp(host: "127.0.0.1", port: 2375))
        #expect(try fixture.resolve(context: "sock").endpoint == .unix(path: "/s.sock"))
    }

    @Test func explanationsNameTheRule() throws {
        #expect(
            try fixture.resolve().explanation
                == "unix:/tmp/x.sock: context t1, chosen by currentContext in /cfg/config.json")
        #expect(
            try fixture.resolve(["DOCKER_HOST": "unix:///e.sock"]).explanation
                == """
                unix:/e.sock: chosen by DOCKER_HOST (the default context)
                DOCKER_HOST overrides the context t1 that currentContext in /cfg/config.json names: to use it, unset \
                DOCKER_HOST or give --context t1
                """
        )
        #expect(
            try fixture.resolve(host: "unix:///h.sock").explanation
                == "unix:/h.sock: chosen by -H (the default context)")
        var empty = fixture
        empty.files = [:]
        #expect(
            try empty.resolve().explanation
                == """
                unix:/var/run/docker.sock: the default socket, since no -H, DOCKER_HOST, DOCKER_CONTEXT or \
                currentContext chose another
                """
        )
    }
}

struct ContextListingTests {
    /// `docker context ls` (28.2.2) over the fixture store, as pasted in the research notes, without
    /// its ERROR column (empty for all of them) and the spaces it leaves at the ends of lines.
    @Test func listsLikeDockerContextLs() {
        let table = ContextListing.table(
            contexts: StoreFixture().store.all(), current: "t1", defaultEndpoint: "unix:///var/run/docker.sock")
        #expect(
            table == """
                NAME      DESCRIPTION                               DOCKER ENDPOINT
                MyCtx                                               ssh://me@example.com:2222/run/user/1000/docker.sock
                default   Current DOCKER_HOST based configuration   unix:///var/run/docker.sock
                t1 *                                                unix:///tmp/x.sock
                t2                                                  tcp://127.0.0.1:2376
                t3        skip verify                               tcp://127.0.0.1:2376

                """
        )
    }

    @Test func aBrokenContextGetsTheErrorColumn() {
        let table = ContextListing.table(
            contexts: [DockerContext(name: "up", host: "", problem: "cannot find docker endpoint in context")],
            current: "default", defaultEndpoint: "unix:///e.sock")
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "NAME        DESCRIPTION                               DOCKER ENDPOINT   ERROR")
        #expect(lines[1] == "default *   Current DOCKER_HOST based configuration   unix:///e.sock")
        #expect(lines[2] == "up" + String(repeating: " ", count: 70) + "cannot find docker endpoint in context")
        #expect(lines.count == 4 && lines[3].isEmpty)
    }

    @Test func theShellsWordsParse() throws {
        #expect(try CommandParser.parse("contexts") == .complete(.contexts))
        #expect(try CommandParser.parse("endpoint") == .complete(.whichEndpoint))
        #expect(try CommandParser.parse("connect --context t1") == .complete(.connectContext("t1")))
        #expect(try CommandParser.parse("connect --context=t1") == .complete(.connectContext("t1")))
        let chosen = ResolvedEndpoint(
            endpoint: .unix(path: "/x.sock"), rule: .connectCommand, context: DockerContext(name: "t1", host: ""))
        #expect(chosen.explanation == "unix:/x.sock: context t1, chosen by connect --context in this session")
        #expect(
            ResolvedEndpoint(endpoint: .unix(path: "/x.sock"), rule: .connectCommand).explanation
                == "unix:/x.sock: chosen by connect in this session")
    }
}
