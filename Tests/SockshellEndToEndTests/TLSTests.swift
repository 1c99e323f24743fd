import Foundation
import TestSupport
import Testing

/// TCP with TLS end to end: the test daemon behind `socat OPENSSL-LISTEN` terminators this test
/// starts (a port the system picks, announced on socat's stderr), with throwaway certificates made
/// by the `openssl` command, reached by the real binary through flags, DOCKER_CERT_PATH and
/// DOCKER_TLS_VERIFY, and a context the real `docker context create` made.
@Suite(.enabled(if: TestDaemon.isAvailable && TLSTerminator.toolsPresent, "needs the test daemon, socat and openssl"))
struct TLSTests {
    /// Made once for the suite: they take a second or two of key generation.
    static let certificates = Result { try Certificates() }

    static func isolated(_ folder: String, _ more: [String: String] = [:]) -> [String: String] {
        [
            "DOCKER_CONFIG": folder, "HOME": folder, "DOCKER_HOST": "", "DOCKER_CONTEXT": "", "DOCKER_TLS_VERIFY": "",
            "DOCKER_TLS": "", "DOCKER_CERT_PATH": "",
        ].merging(more) { $1 }
    }

    static func flags(_ files: Certificates, port: Int, host: String = "127.0.0.1") -> [String] {
        [
            "-H", "tcp://\(host):\(port)", "--tlsverify", "--tlscacert", files.path("ca.pem"), "--tlscert",
            files.path("client.pem"), "--tlskey", files.path("client-key.pem"),
        ]
    }

    @Test func theFlagsVerifyTheDaemonAndTheWireShowsOneTLSLineThenPlainHTTP() throws {
        let files = try Self.certificates.get()
        let terminator = try TLSTerminator(files, requireClientCertificate: true)
        defer { terminator.stop() }
        let result = try SockshellProcess.run(
            Self.flags(files, port: terminator.port) + ["-c", "GET /_ping", "-c", "GET /_ping"],
            environment: Self.isolated(files.folder))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.hasPrefix(
                """
                * conn 1 tcp:127.0.0.1:\(terminator.port) (tls) (new)
                * tls TLSv1.3 TLS_AES_256_GCM_SHA384 subject=CN=localhost (verified by \(files.path("ca.pem")))
                > GET /_ping HTTP/1.1␍␊
                """), "\(result.stdout)")
        #expect(result.stdout.contains("< OK\n"))
        // Kept alive: the second request reuses the connection, with no second handshake.
        #expect(result.stdout.contains("* conn 1 tcp:127.0.0.1:\(terminator.port) (tls) (reused)\n"))
        #expect(result.stdout.components(separatedBy: "* tls ").count == 2)

        // connect in the shell takes the TLS flags as -H would, and a socket stays plain.
        let socket = try #require(TestDaemon.host)
        var arguments = Self.flags(files, port: terminator.port)
        arguments[1] = socket
        let connected = try SockshellProcess.run(
            arguments + ["-c", "GET /_ping", "-c", "connect tcp://127.0.0.1:\(terminator.port)", "-c", "GET /_ping"],
            environment: Self.isolated(files.folder))
        #expect(connected.status == 0, "\(connected.stderr)")
        #expect(connected.stdout.hasPrefix("* conn 1 unix:"))
        #expect(connected.stdout.contains("* endpoint tcp:127.0.0.1:\(terminator.port) (tls) · daemon answered _ping"))
        #expect(connected.stdout.contains("(verified by \(files.path("ca.pem")))\n"))
    }

    @Test func aStreamedResponseComesThroughTLS() throws {
        let files = try Self.certificates.get()
        let terminator = try TLSTerminator(files, requireClientCertificate: true)
        defer { terminator.stop() }
        let now = Int(Date().timeIntervalSince1970)
        let result = try SockshellProcess.run(
            Self.flags(files, port: terminator.port) + ["-c", "GET /events?since=1&until=\(now)"],
            environment: Self.isolated(files.folder))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("< Transfer-Encoding: chunked␍␊\n"))
        #expect(result.stdout.contains("* #1 200 OK"), "\(result.stdout)")
    }

    /// A background job opens a TLS connection of its own, and a recording made over TLS names it
    /// and replays against the local socket (issue 15 items 3 and 6).
    @Test func jobsAndRecordingsWorkOverTLSAndReplayElsewhere() throws {
        let files = try Self.certificates.get()
        let terminator = try TLSTerminator(files, requireClientCertificate: true)
        defer { terminator.stop() }
        let file = files.folder + "/over-tls-\(UUID().uuidString.prefix(8)).txt"
        // Answers that stay the same between the recording and the replay, which compares them.
        let script = "record \(file)\nGET /_ping\nGET /version &\nwait\nGET /_ping"
        let result = try SockshellProcess.run(
            Self.flags(files, port: terminator.port) + ["-c", script], environment: Self.isolated(files.folder))
        #expect(result.status == 0, "\(result.stderr)")
        let endpoint = "tcp:127.0.0.1:\(terminator.port) (tls)"
        #expect(result.stdout.contains("[1] * conn 2 \(endpoint) (new)\n[1] * tls TLSv1.3"), "\(result.stdout)")
        #expect(result.stdout.contains("[1] * #2 200 OK"), "\(result.stdout)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("against \(endpoint), "))
        let host = try #require(TestDaemon.host)
        let socket = try #require(TestDaemon.socketPath)
        let replayed = try SockshellProcess.run(["-H", host, "replay", file])
        #expect(replayed.status == 0, "\(replayed.stdout)\(replayed.stderr)")
        #expect(replayed.stdout.hasPrefix("replay \(file) (recorded on \(endpoint)) against unix:\(socket)\n"))
        #expect(replayed.stdout.contains("3 steps: 3 same, 0 differ, 0 failed"), "\(replayed.stdout)")
    }

    /// A live session over TLS: the piped input goes in, its end is a close_notify plus a TCP
    /// half-close (socat's OpenSSL drops a connection that gets the half-close alone), and the
    /// output keeps coming until the daemon closes.
    @Test func execFromAPipeHalfClosesThroughTLS() throws {
        let files = try Self.certificates.get()
        let terminator = try TLSTerminator(files, requireClientCertificate: true)
        defer { terminator.stop() }
        let container = try LiveSessionTests.container(tty: false)
        defer { LiveSessionTests.remove(container) }
        let input = (1...300).map { "piped line \($0)\n" }.joined()
        let result = try SockshellProcess.run(
            Self.flags(files, port: terminator.port) + ["--view", "body", "-c", "exec \(container) cat"],
            environment: Self.isolated(files.folder), stdin: input, timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(input), "\(result.stdout.suffix(300))")
        #expect(result.stdout.contains("* exit code 0"), "\(result.stdout.suffix(300))")
    }

    @Test func dockerCertPathAndDockerTLSVerifyAsTheCLIReadsThem() throws {
        let files = try Self.certificates.get()
        let terminator = try TLSTerminator(files, requireClientCertificate: true)
        defer { terminator.stop() }
        let certs = try files.certificatePath()
        // "0" verifies too: the CLI tests for a non-empty value.
        for value in ["1", "0"] {
            let result = try SockshellProcess.run(
                ["-H", "tcp://localhost:\(terminator.port)", "-c", "GET /_ping"],
                environment: Self.isolated(files.folder, ["DOCKER_CERT_PATH": certs, "DOCKER_TLS_VERIFY": value]))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("subject=CN=localhost (verified by \(certs)/ca.pem)\n"))
        }
        // !docker goes to the same daemon with the same TLS: DOCKER_TLS_VERIFY and DOCKER_CERT_PATH beside DOCKER_HOST.
        let escaped = try SockshellProcess.run(
            [
                "-H", "tcp://localhost:\(terminator.port)", "--tlsverify", "--tlscacert", certs + "/ca.pem",
                "--tlscert",
                certs + "/cert.pem", "--tlskey", certs + "/key.pem", "-c",
                "!docker version --format {{.Server.APIVersion}}",
            ], environment: Self.isolated(files.folder))
        #expect(escaped.status == 0, "\(escaped.stderr)")
        #expect(escaped.stdout.hasPrefix("1."), "\(escaped.stdout)")
        // The config folder is the default DOCKER_CERT_PATH.
        let defaulted = try SockshellProcess.run(
            ["-H", "tcp://localhost:\(terminator.port)", "--tlsverify", "-c", "GET /_ping"],
            environment: Self.isolated(certs))
        #expect(defaulted.status == 0, "\(defaulted.stderr)")
        // https:// is sockshell's: tcp:// with --tlsverify.
        let https = try SockshellProcess.run(
            ["-H", "https://localhost:\(terminator.port)", "-c", "GET /_ping"],
            environment: Self.isolated(files.folder, ["DOCKER_CERT_PATH": certs]))
        #expect(https.status == 0, "\(https.stderr)")
        #expect(https.stdout.hasPrefix("* conn 1 tcp:localhost:\(terminator.port) (tls) (new)\n"))
        let empty = try files.freshFolder("empty")
        let missing = try SockshellProcess.run(
            ["-H", "tcp://localhost:\(terminator.port)", "-c", "GET /_ping"],
            environment: Self.isolated(empty, ["DOCKER_TLS_VERIFY": "1"]))
        #expect(missing.status == 2)
        #expect(
            missing.stderr.hasPrefix(
                "sockshell: TLS is on (DOCKER_TLS_VERIFY) but there is no CA certificate at \(empty)/ca.pem:"))
    }

    @Test func aContextTheDockerCLIMadeCarriesItsTLSFiles() throws {
        let files = try Self.certificates.get()
        let terminator = try TLSTerminator(files, requireClientCertificate: true)
        defer { terminator.stop() }
        let config = try files.freshFolder("config")
        let host = "tcp://127.0.0.1:\(terminator.port)"
        let client = "cert=\(files.path("client.pem")),key=\(files.path("client-key.pem"))"
        let made = try SockshellProcess.runShell(
            """
            docker context create tlsctx --docker "host=\(host),ca=\(files.path("ca.pem")),\(client)" && \
            docker context create skipctx --docker "host=\(host),skip-tls-verify=true,\(client)"
            """, environment: Self.isolated(config))
        #expect(made.status == 0, "\(made.stderr)")
        let result = try SockshellProcess.run(
            ["--context", "tlsctx", "-c", "GET /_ping"], environment: Self.isolated(config))
        #expect(result.status == 0, "\(result.stderr)")
        let id = try #require(
            try SockshellProcess.runShell("printf %s tlsctx | sha256sum").stdout.split(separator: " ").first)
        #expect(
            result.stdout.contains("(verified by \(config)/contexts/tls/\(id)/docker/ca.pem)\n"), "\(result.stdout)")
        // --tlsverify and DOCKER_TLS_VERIFY do not count for a named context, as in the CLI.
        let skipped = try SockshellProcess.run(
            ["--context", "skipctx", "--tlsverify", "-c", "GET /_ping"],
            environment: Self.isolated(config, ["DOCKER_TLS_VERIFY": "1"]))
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(
            skipped.stdout.hasPrefix("* conn 1 tcp:127.0.0.1:\(terminator.port) (tls, verification skipped) (new)\n"))
        #expect(skipped.stdout.contains("subject=CN=localhost (verification skipped)\n"))
    }

    @Test func theStartupLineSaysWhenVerificationIsSkipped() throws {
        let files = try Self.certificates.get()
        let terminator = try TLSTerminator(files, requireClientCertificate: false)
        defer { terminator.stop() }
        let terminal = try PseudoTerminal(
            executable: SockshellProcess.binaryPath,
            arguments: ["-H", "tcp://127.0.0.1:\(terminator.port)", "--tls", "--tlscacert", files.path("ca.pem")],
            environment: Self.isolated(
                files.folder, ["NO_COLOR": "1", "XDG_STATE_HOME": "", "EDITRC": "/nonexistent"]),
            rows: 40, cols: 200)
        defer { terminal.close() }
        try terminal.waitFor(
            "sockshell 0.1.0 · tcp:127.0.0.1:\(terminator.port) (tls, verification skipped) · daemon answered _ping")
        try terminal.waitFor("127.0.0.1:\(terminator.port)> ")
        try terminal.press(.ctrlD)
        #expect(terminal.waitForExit() == 0)
    }

    /// One sentence for each way TLS fails, keyed on OpenSSL's verify result or alert.
    @Test func eachFailureIsOneSentence() throws {
        let files = try Self.certificates.get()
        let good = try TLSTerminator(files, requireClientCertificate: true)
        defer { good.stop() }
        let otherName = try TLSTerminator(files, certificate: "other", requireClientCertificate: false)
        defer { otherName.stop() }
        let expired = try TLSTerminator(files, certificate: "expired", requireClientCertificate: false)
        defer { expired.stop() }
        let tls12 = try TLSTerminator(files, requireClientCertificate: true, maximumVersion: "TLS1.2")
        defer { tls12.stop() }
        let plain = try TLSTerminator(files, plain: true)
        defer { plain.stop() }

        func failure(_ arguments: [String]) throws -> String {
            let result = try SockshellProcess.run(
                arguments + ["-c", "GET /_ping"], environment: Self.isolated(files.folder))
            #expect(result.status == 1, "\(arguments): \(result.stdout) \(result.stderr)")
            return result.stderr
        }
        let ca = files.path("ca.pem")
        let unknown = try failure([
            "-H", "tcp://127.0.0.1:\(good.port)", "--tlsverify", "--tlscacert", files.path("ca2.pem"),
        ])
        #expect(
            unknown
                == """
                sockshell: the daemon at 127.0.0.1:\(good.port) has a certificate that the CA in \
                \(files.path("ca2.pem")) did not sign (self-signed certificate in certificate chain): give the CA that \
                signed it with --tlscacert FILE (or ca.pem in DOCKER_CERT_PATH, or the context's ca=)

                """)
        let name = try failure(Self.flags(files, port: otherName.port))
        #expect(
            name
                == """
                sockshell: the daemon's certificate is valid for docker, not 127.0.0.1: connect by one of those (e.g. \
                -H tcp://docker:PORT), or make the certificate with 127.0.0.1 in its subjectAltName

                """)
        #expect(
            try failure(Self.flags(files, port: otherName.port, host: "localhost")).contains(
                "valid for docker, not localhost"))
        #expect(
            try failure(Self.flags(files, port: expired.port))
                == """
                sockshell: the daemon's certificate at 127.0.0.1:\(expired.port) expired on 2020-01-02T00:00:00Z: \
                renew it on the daemon's side (or check this machine's clock)

                """)
        // TLS 1.3 says so on the first read after the handshake; TLS 1.2 in the handshake.
        for port in [good.port, tls12.port] {
            #expect(
                try failure(["-H", "tcp://127.0.0.1:\(port)", "--tlsverify", "--tlscacert", ca])
                    == """
                    sockshell: the daemon at 127.0.0.1:\(port) wants a client certificate and none was sent: give \
                    --tlscert FILE --tlskey FILE (or cert.pem and key.pem in DOCKER_CERT_PATH, or the context's cert= \
                    and key=)

                    """)
        }
        let mismatch = try failure(
            [
                "-H", "tcp://127.0.0.1:\(good.port)", "--tlsverify", "--tlscacert", ca, "--tlscert",
                files.path("client.pem"),
                "--tlskey", files.path("stray-key.pem"),
            ])
        #expect(
            mismatch
                == """
                sockshell: the key \(files.path("stray-key.pem")) does not belong to the certificate \
                \(files.path("client.pem")): give the key made with that certificate (--tlskey, or key.pem beside \
                cert.pem)

                """)
        #expect(
            try failure(Self.flags(files, port: plain.port)).hasPrefix(
                "sockshell: 127.0.0.1:\(plain.port) does not speak TLS (wrong version number): it may be a plain-HTTP"
            ))
        #expect(
            try failure(["-H", "tcp://127.0.0.1:\(good.port)", "--tlsverify", "--tlscacert", files.path("client.ext")])
                == """
                sockshell: cannot use the CA certificate \(files.path("client.ext")): no certificate or crl found; \
                check the file (PEM, readable by you)

                """)
    }

    @Test func theTapRefusesATLSUpstreamInOneSentence() throws {
        let files = try Self.certificates.get()
        let listen = try files.freshFolder("tap") + "/tap.sock"
        let result = try SockshellProcess.run(
            Self.flags(files, port: 1) + ["tap", "--listen", listen], environment: Self.isolated(files.folder))
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix("sockshell: the tap relays bytes as they are and does not speak TLS to 127.0.0.1:1")
        )
    }
}

/// Throwaway certificates in a fresh folder, made with the `openssl` command: a CA; a server
/// certificate for DNS:localhost and IP:127.0.0.1; a client certificate; an expired server
/// certificate (`openssl ca` with past dates, as OpenSSL 3.0's `x509` cannot set them); one for
/// another name; another CA; a key that belongs to no certificate.
struct Certificates: Sendable {
    let folder: String

    init() throws {
        folder =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "sockshell-tls-\(UUID().uuidString.prefix(8))"
            ).path
        try FileManager.default.createDirectory(atPath: folder + "/ca-db", withIntermediateDirectories: true)
        let script = #"""
            set -e
            key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }
            ca() { key "$1-key.pem"; openssl req -x509 -key "$1-key.pem" -out "$1.pem" -days 2 -subj "/CN=$2"; }
            leaf() {
                key "$1-key.pem"
                openssl req -new -key "$1-key.pem" -out "$1.csr" -subj "/CN=$2"
                printf 'subjectAltName=%s\nextendedKeyUsage=%s\n' "$3" "$4" > "$1.ext"
                openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out "$1.pem" -days 2 \
                    -extfile "$1.ext" 2>/dev/null
            }
            ca ca "test CA"
            ca ca2 "other CA"
            leaf server localhost DNS:localhost,IP:127.0.0.1 serverAuth
            leaf client client DNS:client clientAuth
            leaf other docker DNS:docker serverAuth
            key stray-key.pem
            : > ca-db/index.txt
            echo 01 > ca-db/serial
            cat > ca.cnf <<'EOF'
            [ca]
            default_ca = test
            [test]
            database = ca-db/index.txt
            serial = ca-db/serial
            new_certs_dir = ca-db
            certificate = ca.pem
            private_key = ca-key.pem
            default_md = sha256
            policy = any
            [any]
            commonName = supplied
            [server]
            subjectAltName = DNS:localhost,IP:127.0.0.1
            extendedKeyUsage = serverAuth
            EOF
            key expired-key.pem
            openssl req -new -key expired-key.pem -out expired.csr -subj /CN=localhost
            openssl ca -batch -config ca.cnf -extensions server -startdate 20200101000000Z \
                -enddate 20200102000000Z -in expired.csr -out expired.pem 2>/dev/null
            """#
        let made = try SockshellProcess.runShell(script, currentDirectory: folder)
        guard made.status == 0 else { throw CertificateFailure(description: "openssl: \(made.stderr)") }
    }

    func path(_ name: String) -> String { folder + "/" + name }

    /// A folder holding the client's files under the CLI's names (ca.pem, cert.pem, key.pem).
    func certificatePath() throws -> String {
        let certs = try freshFolder("certs")
        for (from, to) in [("ca.pem", "ca.pem"), ("client.pem", "cert.pem"), ("client-key.pem", "key.pem")]
        where !FileManager.default.fileExists(atPath: certs + "/" + to) {
            try FileManager.default.copyItem(atPath: path(from), toPath: certs + "/" + to)
        }
        return certs
    }

    func freshFolder(_ name: String) throws -> String {
        let made = folder + "/\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: made, withIntermediateDirectories: true)
        return made
    }

    struct CertificateFailure: Error, CustomStringConvertible {
        var description: String
    }
}

/// `socat OPENSSL-LISTEN` on a port the system picks (socat says which on stderr, `-d -d`), in front
/// of the test daemon's socket; `plain`: a TCP listener without TLS. Stopped and reaped by `stop()`.
final class TLSTerminator {
    static let toolsPresent = ["socat", "openssl"].allSatisfy { tool in
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
        }
    }

    let process: BackgroundProcess
    let port: Int

    init(
        _ files: Certificates, certificate: String = "server", requireClientCertificate: Bool = false,
        maximumVersion: String? = nil, plain: Bool = false
    ) throws {
        let socket = try #require(TestDaemon.socketPath)
        var listen = "OPENSSL-LISTEN:0,bind=127.0.0.1,fork,cert=\(files.path(certificate + ".pem"))"
        listen += ",key=\(files.path(certificate + "-key.pem")),cafile=\(files.path("ca.pem"))"
        listen += ",verify=\(requireClientCertificate ? 1 : 0)"
        if let maximumVersion { listen += ",openssl-max-proto-version=\(maximumVersion)" }
        if plain { listen = "TCP-LISTEN:0,bind=127.0.0.1,fork" }
        process = try BackgroundProcess("/usr/bin/env", ["socat", "-d", "-d", listen, "UNIX-CONNECT:\(socket)"])
        let marker = "listening on AF=2 127.0.0.1:"
        let announced = process.waitForLine(on: .stderr, timeout: 10) { $0.contains(marker) }
        let line = process.lines(.stderr).first { $0.contains(marker) }
        guard announced, let line, let range = line.range(of: marker), let port = Int(line[range.upperBound...]) else {
            process.stop()
            throw Certificates.CertificateFailure(description: "socat did not listen: \(process.text(.stderr))")
        }
        self.port = port
    }

    func stop() { process.stop() }
}
