import Testing

@testable import SockshellCore

/// The default context's TLS as the docker CLI derives it (cli/flags/options.go; measured on 28.2.2 in
/// docs/notes/issue-15-research.md §4), and a stored context's (cli/context/docker/load.go).
struct TLSResolutionTests {
    /// Certificate files that exist, in a DOCKER_CERT_PATH and in the config folder.
    static let present: Set<String> = [
        "/certs/ca.pem", "/certs/cert.pem", "/certs/key.pem", "/cfg/ca.pem", "/home/.docker/ca.pem", "/mine/ca.pem",
        "/mine/c.pem", "/mine/k.pem", "/only-ca/ca.pem", "/no-key/ca.pem", "/no-key/cert.pem",
    ]
    static let tcp = Endpoint.tcp(host: "127.0.0.1", port: 2376)

    static func resolve(
        host: String? = "tcp://127.0.0.1:2376", _ flags: TLSFlags = TLSFlags(), _ environment: [String: String] = [:],
        context: String? = nil, store: ContextStore? = StoreFixture().store
    ) throws(EndpointError) -> Endpoint {
        let inputs = TLSInputs(flags: flags, fileExists: { present.contains($0) })
        return try EndpointResolution.resolve(
            contextFlag: context, hostFlag: host, unixSocketFlag: nil,
            environment: ["DOCKER_CONFIG": "/cfg"].merging(environment) { $1 }, store: store, tls: inputs
        ).endpoint
    }

    static func message(
        host: String? = "tcp://127.0.0.1:2376", _ flags: TLSFlags = TLSFlags(), _ environment: [String: String] = [:]
    ) -> String {
        do {
            return "no error: \(try resolve(host: host, flags, environment))"
        } catch { return error.description }
    }

    static func tls(
        host: String = "127.0.0.1", port: Int = 2376, ca: String? = "/certs/ca.pem", cert: String? = "/certs/cert.pem",
        key: String? = "/certs/key.pem", verifies: Bool = true
    ) -> Endpoint {
        .tls(TLSEndpoint(host: host, port: port, caFile: ca, certFile: cert, keyFile: key, verifies: verifies))
    }

    @Test func noFlagAndNoVariableIsPlainTCP() throws {
        #expect(try Self.resolve() == Self.tcp)
        #expect(try Self.resolve(TLSFlags(), ["DOCKER_TLS_VERIFY": "", "DOCKER_TLS": ""]) == Self.tcp)
        // DOCKER_CERT_PATH alone turns nothing on (the Go library's FromEnv would; the CLI does not).
        #expect(try Self.resolve(TLSFlags(), ["DOCKER_CERT_PATH": "/certs"]) == Self.tcp)
    }

    @Test func dockerTLSVerifyWithAnyValueVerifiesEvenZero() throws {
        for value in ["1", "0", "false", "no"] {
            #expect(
                try Self.resolve(TLSFlags(), ["DOCKER_TLS_VERIFY": value, "DOCKER_CERT_PATH": "/certs"]) == Self.tls())
        }
    }

    @Test func dockerTLSAndTheTLSFlagSkipVerification() throws {
        let skipped = Self.tls(verifies: false)
        #expect(try Self.resolve(TLSFlags(), ["DOCKER_TLS": "1", "DOCKER_CERT_PATH": "/certs"]) == skipped)
        // DOCKER_TLS "can only be used to enable TLS, not to disable": 0 enables it too.
        #expect(try Self.resolve(TLSFlags(), ["DOCKER_TLS": "0", "DOCKER_CERT_PATH": "/certs"]) == skipped)
        #expect(try Self.resolve(TLSFlags(tls: true), ["DOCKER_CERT_PATH": "/certs"]) == skipped)
        // --tls=false overrides DOCKER_TLS, but not a verify that turns TLS on.
        #expect(try Self.resolve(TLSFlags(tls: false), ["DOCKER_TLS": "1"]) == Self.tcp)
        #expect(
            try Self.resolve(TLSFlags(tls: false), ["DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": "/certs"])
                == Self.tls())
    }

    @Test func theVerifyFlagGivenAtAllTurnsTLSOnAndItsValueSaysWhetherToVerify() throws {
        #expect(try Self.resolve(TLSFlags(verify: true), ["DOCKER_CERT_PATH": "/certs"]) == Self.tls())
        #expect(try Self.resolve(TLSFlags(verify: false), ["DOCKER_CERT_PATH": "/certs"]) == Self.tls(verifies: false))
        // --tlsverify=false beats DOCKER_TLS_VERIFY: the variable is only the flag's default.
        #expect(
            try Self.resolve(TLSFlags(verify: false), ["DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": "/certs"])
                == Self.tls(verifies: false))
    }

    @Test func theFilesComeFromTheFlagsElseDockerCertPathElseTheConfigFolder() throws {
        #expect(
            try Self.resolve(
                TLSFlags(verify: true, caFile: "/mine/ca.pem", certFile: "/mine/c.pem", keyFile: "/mine/k.pem"))
                == Self.tls(ca: "/mine/ca.pem", cert: "/mine/c.pem", key: "/mine/k.pem"))
        // Only ca.pem in the config folder: no client certificate, silently.
        #expect(try Self.resolve(TLSFlags(verify: true)) == Self.tls(ca: "/cfg/ca.pem", cert: nil, key: nil))
        #expect(
            try Self.resolve(
                host: "tcp://127.0.0.1:2376", TLSFlags(verify: true), ["DOCKER_CONFIG": "", "HOME": "/home"])
                == Self.tls(ca: "/home/.docker/ca.pem", cert: nil, key: nil))
        #expect(
            try Self.resolve(TLSFlags(verify: true), ["DOCKER_CERT_PATH": "/only-ca/"])
                == Self.tls(ca: "/only-ca/ca.pem", cert: nil, key: nil))
        // The CLI trims the quotes a config tool may leave around a path.
        #expect(
            try Self.resolve(
                TLSFlags(verify: true, caFile: "\"/mine/ca.pem\"", certFile: "'/mine/c.pem'", keyFile: "/mine/k.pem"))
                == Self.tls(ca: "/mine/ca.pem", cert: "/mine/c.pem", key: "/mine/k.pem"))
    }

    @Test func aMissingCAIsAnErrorThatNamesThePath() {
        #expect(
            Self.message(TLSFlags(), ["DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": "/empty"])
                == """
                TLS is on (DOCKER_TLS_VERIFY) but there is no CA certificate at /empty/ca.pem: put the CA that signed \
                the daemon's certificate there, give --tlscacert FILE, or set DOCKER_CERT_PATH to the folder holding \
                ca.pem, cert.pem and key.pem
                """)
        // Even without verification: the CLI reads the CA whenever TLS is on.
        #expect(Self.message(TLSFlags(tls: true), ["DOCKER_CERT_PATH": "/empty"]).hasPrefix("TLS is on (--tls) but"))
        #expect(
            Self.message(TLSFlags(verify: true, caFile: "/nope.pem"))
                == "--tlscacert /nope.pem does not exist: check the path (the CA that signed the daemon's certificate)")
    }

    @Test func aGivenClientFileMustExistAndACertificateNeedsItsKey() {
        #expect(
            Self.message(TLSFlags(verify: true, certFile: "/nope.pem", keyFile: "/mine/k.pem"))
                == "--tlscert /nope.pem does not exist: check the path")
        #expect(
            Self.message(TLSFlags(verify: true, certFile: "/mine/c.pem"), ["DOCKER_CERT_PATH": "/only-ca"])
                == "the client certificate /mine/c.pem has no key: give --tlskey FILE, or drop the certificate")
        #expect(
            Self.message(TLSFlags(verify: true), ["DOCKER_CERT_PATH": "/no-key"])
                == "the client certificate /no-key/cert.pem has no key: put key.pem in /no-key, or drop the certificate"
        )
    }

    @Test func aSocketNeverSpeaksTLS() throws {
        let flags = TLSFlags(verify: true, caFile: "/nope.pem")
        #expect(try Self.resolve(host: "unix:///s.sock", flags) == .unix(path: "/s.sock"))
        #expect(try Self.resolve(host: "/s.sock", TLSFlags(), ["DOCKER_TLS_VERIFY": "1"]) == .unix(path: "/s.sock"))
    }

    @Test func withTLSOnAndNoHostTheCLIGoesToLocalhost2376AndATCPHostKeepsPort2375() throws {
        #expect(
            try Self.resolve(host: nil, TLSFlags(verify: true), ["DOCKER_CERT_PATH": "/certs"], store: nil)
                == Self.tls(host: "localhost"))
        #expect(try Self.resolve(host: nil, TLSFlags(), store: nil) == .dockerDefault)
        #expect(
            try Self.resolve(host: nil, TLSFlags(verify: true), ["DOCKER_CERT_PATH": "/certs"])
                == .unix(path: "/tmp/x.sock"), "currentContext t1 is a named context: the flags do not count")
        #expect(
            try Self.resolve(host: "tcp://127.0.0.1", TLSFlags(verify: true), ["DOCKER_CERT_PATH": "/certs"])
                == Self.tls(port: 2375))
        #expect(
            try Self.resolve(
                host: nil, TLSFlags(),
                ["DOCKER_HOST": "tcp://h:1", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": "/certs"])
                == Self.tls(host: "h", port: 1))
    }

    @Test func httpsIsTCPWithTLSVerifyOnPort2376() throws {
        #expect(try Endpoint(parsing: "https://example.com") == .tls(TLSEndpoint(host: "example.com")))
        #expect(try Endpoint(parsing: "https://[::1]:9") == .tls(TLSEndpoint(host: "::1", port: 9)))
        #expect(try Self.resolve(host: "https://127.0.0.1", TLSFlags(), ["DOCKER_CERT_PATH": "/certs"]) == Self.tls())
        #expect(
            try Self.resolve(host: "https://127.0.0.1", TLSFlags(verify: false), ["DOCKER_CERT_PATH": "/certs"])
                == Self.tls(verifies: false))
        #expect(
            Self.message(host: "https://127.0.0.1", TLSFlags(), ["DOCKER_CERT_PATH": "/empty"]).hasPrefix(
                "TLS is on (https://) but there is no CA certificate at /empty/ca.pem"))
    }

    @Test func aContextsTLSIsItsFilesOrSkipTLSVerifyAndTheFlagsDoNotCount() throws {
        let folder = "/cfg/contexts/tls/c44474038d459e40e4714afefa7bf8dae9f9834b22f5e8ec1dd434ecb62b512e/docker"
        let t2 = Self.tls(ca: "\(folder)/ca.pem", cert: "\(folder)/cert.pem", key: "\(folder)/key.pem")
        #expect(try Self.resolve(host: nil, TLSFlags(), context: "t2") == t2)
        #expect(try Self.resolve(host: nil, TLSFlags(verify: false, caFile: "/mine/ca.pem"), context: "t2") == t2)
        // SkipTLSVerify and no files: TLS unverified, against the system's CAs.
        #expect(
            try Self.resolve(host: nil, TLSFlags(), ["DOCKER_TLS_VERIFY": "1"], context: "t3")
                == .tls(TLSEndpoint(host: "127.0.0.1", verifies: false)))
        var fixture = StoreFixture()
        let id = ContextStore.identifier(of: "plain")
        fixture.files["/cfg/contexts/meta/\(id)/meta.json"] =
            #"{"Name":"plain","Endpoints":{"docker":{"Host":"tcp://127.0.0.1:2375","SkipTLSVerify":false}}}"#
        let plain = try EndpointResolution.resolve(
            contextFlag: "plain", hostFlag: nil, unixSocketFlag: nil,
            environment: ["DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": "/certs"], store: fixture.store,
            tls: TLSInputs(flags: TLSFlags(verify: true), fileExists: { Self.present.contains($0) }))
        #expect(plain.endpoint == .tcp(host: "127.0.0.1", port: 2375))
        // `default` is the flags' and variables' context.
        #expect(
            try Self.resolve(
                host: nil, TLSFlags(verify: true), ["DOCKER_HOST": "tcp://h:1", "DOCKER_CERT_PATH": "/certs"],
                context: "default")
                == Self.tls(host: "h", port: 1))
    }

    @Test func aContextWithACertificateAndNoKeySaysSo() {
        var fixture = StoreFixture()
        let id = ContextStore.identifier(of: "t2")
        fixture.files.removeValue(forKey: "/cfg/contexts/tls/\(id)/docker/key.pem")
        #expect(
            fixture.message(context: "t2")
                == """
                context "t2": the client certificate /cfg/contexts/tls/\(id)/docker/cert.pem has no key: put key.pem \
                in /cfg/contexts/tls/\(id)/docker, or drop the certificate (docker context create t2 --docker \
                "host=...,ca=...,cert=...,key=..." stores both)
                """)
    }

    @Test func theEndpointSaysTLSAndWhenVerificationIsSkipped() throws {
        let verified = TLSEndpoint(host: "127.0.0.1", caFile: "/c/ca.pem")
        #expect(Endpoint.tls(verified).display == "tcp:127.0.0.1:2376 (tls)")
        #expect(Endpoint.tls(verified).url == "tcp://127.0.0.1:2376")
        #expect(verified.verification == "verified by /c/ca.pem")
        #expect(TLSEndpoint(host: "h").verification == "verified by the system's CAs")
        let skipped = TLSEndpoint(host: "h", port: 1, verifies: false)
        #expect(Endpoint.tls(skipped).display == "tcp:h:1 (tls, verification skipped)")
        #expect(skipped.verification == "verification skipped")
        let resolved = ResolvedEndpoint(endpoint: .tls(skipped), rule: .hostFlag)
        #expect(resolved.explanation == "tcp:h:1 (tls, verification skipped): chosen by -H (the default context)")
        let fallback = ResolvedEndpoint(endpoint: .tls(TLSEndpoint(host: "localhost")), rule: .defaultSocket)
        #expect(fallback.explanation.hasPrefix("tcp:localhost:2376 (tls): the docker CLI's default when TLS is on"))
    }

    @Test func aShellEscapeGetsTheCLIsVariablesForTheSameTLS() {
        let certs = TLSEndpoint(host: "h", caFile: "/c/ca.pem", certFile: "/c/cert.pem", keyFile: "/c/key.pem")
        #expect(certs.dockerEnvironment == ["DOCKER_TLS_VERIFY": "1", "DOCKER_TLS": "", "DOCKER_CERT_PATH": "/c"])
        #expect(TLSEndpoint(host: "h", caFile: "/c/ca.pem").dockerEnvironment["DOCKER_CERT_PATH"] == "/c")
        // Files the CLI would not find by DOCKER_CERT_PATH: no folder is named.
        let named = TLSEndpoint(host: "h", caFile: "/c/ca.pem", certFile: "/c/client.pem", keyFile: "/c/key.pem")
        #expect(named.dockerEnvironment["DOCKER_CERT_PATH"] == nil)
        let split = TLSEndpoint(host: "h", caFile: "/a/ca.pem", certFile: "/b/cert.pem", keyFile: "/b/key.pem")
        #expect(split.dockerEnvironment["DOCKER_CERT_PATH"] == nil)
        #expect(
            TLSEndpoint(host: "h", verifies: false).dockerEnvironment == ["DOCKER_TLS_VERIFY": "", "DOCKER_TLS": "1"])
    }

    @Test func ipLiteralsAreToldFromNames() {
        for literal in ["127.0.0.1", "::1", "fe80::1", "10.0.0.255"] {
            #expect(TLSEndpoint(host: literal).hostIsIPLiteral, "\(literal)")
        }
        for name in ["localhost", "docker", "1.2.3", "1.2.3.4.example", "256x.1.1.1"] {
            #expect(!TLSEndpoint(host: name).hostIsIPLiteral, "\(name)")
        }
    }
}

struct BooleanFlagSpellingTests {
    static func rewrite(_ words: [String]) throws(BooleanFlagSpelling.Failure) -> [String] {
        try BooleanFlagSpelling.rewrite(words, flags: ["tls", "tlsverify"], optionsWithValue: ["-c", "-H"])
    }

    @Test func goBooleansBecomeTheFlagOrItsNoForm() throws {
        #expect(try Self.rewrite(["--tlsverify=false", "-H", "x"]) == ["--no-tlsverify", "-H", "x"])
        #expect(try Self.rewrite(["--tlsverify=1", "--tls=F"]) == ["--tlsverify", "--no-tls"])
        #expect(try Self.rewrite(["--tlsverify", "false"]) == ["--tlsverify", "false"], "pflag: a flag, then a word")
        #expect(try Self.rewrite(["-c", "--tls=0", "--", "--tls=0"]) == ["-c", "--tls=0", "--", "--tls=0"])
        #expect(try Self.rewrite(["--timeout=5"]) == ["--timeout=5"])
    }

    @Test func anythingElseIsOneSentence() {
        #expect(
            throws: BooleanFlagSpelling.Failure(
                description: "--tls=yes is not true or false: write --tls, --tls=false or --no-tls")
        ) {
            try Self.rewrite(["--tls=yes"])
        }
    }
}

/// OpenSSL's verify results and reasons, to the sentence for each (the numbers measured with OpenSSL 3.0.19).
struct TLSFailureTests {
    static let endpoint = TLSEndpoint(host: "127.0.0.1", port: 2376, caFile: "/c/ca.pem")
    static let withCertificate = TLSEndpoint(
        host: "127.0.0.1", port: 2376, caFile: "/c/ca.pem", certFile: "/c/cert.pem", keyFile: "/c/key.pem")

    static func classify(_ report: TLSFailure.Report, _ endpoint: TLSEndpoint = endpoint) -> TLSFailure {
        TLSFailure.classify(report, endpoint: endpoint)
    }

    @Test func anUnknownCANamesTheCAFile() {
        for code in [18, 19, 20, 21] {
            let failure = Self.classify(
                TLSFailure.Report(verifyResult: code, verifyText: "unable to get local issuer certificate", reason: 134)
            )
            #expect(
                failure
                    == .unknownAuthority(
                        address: "127.0.0.1:2376", caFile: "/c/ca.pem", detail: "unable to get local issuer certificate"
                    ))
        }
        #expect(
            TransportFailure.tls(
                Self.classify(TLSFailure.Report(verifyResult: 20, verifyText: "unable to get local issuer certificate"))
            ).message
                == """
                the daemon at 127.0.0.1:2376 has a certificate that the CA in /c/ca.pem did not sign (unable to get \
                local issuer certificate): give the CA that signed it with --tlscacert FILE (or ca.pem in \
                DOCKER_CERT_PATH, or the context's ca=)
                """)
        #expect(
            TLSFailure.unknownAuthority(address: "h:1", caFile: nil, detail: "x").message.contains(
                "a certificate that the system's CAs did not sign"))
    }

    @Test func aWrongNameSaysWhatTheCertificateIsValidFor() {
        let report = TLSFailure.Report(
            verifyResult: 64, verifyText: "IP address mismatch", altNames: ["docker", "10.0.0.1"])
        #expect(Self.classify(report) == .nameMismatch(host: "127.0.0.1", validFor: ["docker", "10.0.0.1"]))
        #expect(
            Self.classify(report).message
                == """
                the daemon's certificate is valid for docker, 10.0.0.1, not 127.0.0.1: connect by one of those \
                (e.g. -H tcp://docker:PORT), or make the certificate with 127.0.0.1 in its subjectAltName
                """)
        #expect(Self.classify(TLSFailure.Report(verifyResult: 62)) == .nameMismatch(host: "127.0.0.1", validFor: []))
        #expect(
            TLSFailure.nameMismatch(host: "h", validFor: ["::1"]).message.contains("(e.g. -H tcp://[::1]:PORT)"))
        #expect(TLSFailure.nameMismatch(host: "h", validFor: []).message.contains("subjectAltName=DNS:h (or IP:h)"))
    }

    @Test func expiredAndNotYetValidGiveTheDate() {
        let expired = Self.classify(TLSFailure.Report(verifyResult: 10, notAfter: "2020-01-02T00:00:00Z"))
        #expect(
            expired.message
                == """
                the daemon's certificate at 127.0.0.1:2376 expired on 2020-01-02T00:00:00Z: renew it on the daemon's \
                side (or check this machine's clock)
                """)
        let early = Self.classify(TLSFailure.Report(verifyResult: 9, notBefore: "2099-01-01T00:00:00Z"))
        #expect(early == .notYetValid(address: "127.0.0.1:2376", notBefore: "2099-01-01T00:00:00Z"))
        #expect(early.message.contains("is not valid until 2099-01-01T00:00:00Z: check this machine's clock"))
        let other = Self.classify(TLSFailure.Report(verifyResult: 26, verifyText: "unsupported certificate purpose"))
        #expect(other == .verifyFailed(address: "127.0.0.1:2376", code: 26, text: "unsupported certificate purpose"))
    }

    @Test func aMissingClientCertificateIsTheAlertOfEitherVersion() {
        let required = TLSFailure.clientCertificateRequired(address: "127.0.0.1:2376")
        // TLS 1.3: the alert arrives on the first read; TLS 1.2: a handshake failure at connect.
        #expect(
            Self.classify(TLSFailure.Report(reason: 1116, reasonText: "tlsv13 alert certificate required")) == required)
        #expect(Self.classify(TLSFailure.Report(reason: 1040, reasonText: "sslv3 alert handshake failure")) == required)
        #expect(
            required.message
                == """
                the daemon at 127.0.0.1:2376 wants a client certificate and none was sent: give --tlscert FILE \
                --tlskey FILE (or cert.pem and key.pem in DOCKER_CERT_PATH, or the context's cert= and key=)
                """)
        // A certificate was sent and refused: the alert says why.
        #expect(
            Self.classify(TLSFailure.Report(reason: 1048, reasonText: "tlsv1 alert unknown ca"), Self.withCertificate)
                == .clientCertificateRejected(address: "127.0.0.1:2376", certFile: "/c/cert.pem", alert: "unknown ca"))
        #expect(
            Self.classify(TLSFailure.Report(reason: 1050, reasonText: "tlsv1 alert decode error"), Self.withCertificate)
                == .other(address: "127.0.0.1:2376", detail: "tlsv1 alert decode error"))
    }

    @Test func notTLSAndTheRest() {
        let plain = Self.classify(TLSFailure.Report(reason: 267, reasonText: "wrong version number"))
        #expect(plain == .notTLS(address: "127.0.0.1:2376"))
        #expect(
            plain.message.hasPrefix("127.0.0.1:2376 does not speak TLS (wrong version number): it may be a plain-HTTP"))
        #expect(
            Self.classify(TLSFailure.Report(reason: 5, reasonText: "something"))
                == .other(address: "127.0.0.1:2376", detail: "something"))
        #expect(
            TLSFailure.keyMismatch(certFile: "/c/cert.pem", keyFile: "/c/other.pem").message
                == """
                the key /c/other.pem does not belong to the certificate /c/cert.pem: give the key made with that \
                certificate (--tlskey, or key.pem beside cert.pem)
                """)
        #expect(
            TLSFailure.unreadableFile(role: "CA certificate", path: "/c/ca.pem", detail: "Permission denied").message
                == "cannot use the CA certificate /c/ca.pem: Permission denied; check the file (PEM, readable by you)")
        #expect(!TransportFailure.tls(plain).meansNobodyListens, "something answered")
    }
}
