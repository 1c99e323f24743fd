import ArgumentParser
import SockshellCore

/// The docker CLI's TLS flags (cli/flags/options.go), one declaration for the shell, replay and tap.
struct TLSOptions: ParsableArguments {
    @Flag(
        name: .customLong("tls"), inversion: .prefixedNo,
        help: "Use TLS without verifying the daemon (as docker --tls; also DOCKER_TLS); implied by --tlsverify.")
    var tls: Bool?

    @Flag(
        name: .customLong("tlsverify"), inversion: .prefixedNo,
        help: """
            Use TLS and verify the daemon's certificate and name (as docker --tlsverify; also DOCKER_TLS_VERIFY, any \
            value, 0 too); --tlsverify=false or --no-tlsverify: TLS without verification.
            """)
    var tlsVerify: Bool?

    @Option(
        name: .customLong("tlscacert"),
        help: ArgumentHelp(
            "Trust certificates signed only by this CA (default: ca.pem in $DOCKER_CERT_PATH, else ~/.docker).",
            valueName: "FILE"))
    var caFile: String?

    @Option(
        name: .customLong("tlscert"),
        help: ArgumentHelp("The client certificate (default: cert.pem there, when present).", valueName: "FILE"))
    var certFile: String?

    @Option(
        name: .customLong("tlskey"),
        help: ArgumentHelp("The client certificate's key (default: key.pem there, when present).", valueName: "FILE"))
    var keyFile: String?

    var flags: TLSFlags {
        TLSFlags(tls: tls, verify: tlsVerify, caFile: caFile, certFile: certFile, keyFile: keyFile)
    }

    /// The boolean flags the docker CLI also takes as `--NAME=true|false`.
    static let booleanFlags: Set<String> = ["tls", "tlsverify"]
    static let optionsWithValue: Set<String> = ["--tlscacert", "--tlscert", "--tlskey"]
}
