/// Why TLS to a daemon failed, as one sentence that names the fix (`TransportFailure.tls`).
public enum TLSFailure: Error, Sendable, Equatable {
    /// The daemon's certificate does not chain to the CA given (nil: the system's CAs).
    case unknownAuthority(address: String, caFile: String?, detail: String)
    /// The certificate is not for the name or address connected to; `validFor` its subjectAltNames.
    case nameMismatch(host: String, validFor: [String])
    case expired(address: String, notAfter: String?)
    case notYetValid(address: String, notBefore: String?)
    /// Verification failed for another reason (OpenSSL's verify code and text).
    case verifyFailed(address: String, code: Int, text: String)
    /// The daemon wants a client certificate and got none.
    case clientCertificateRequired(address: String)
    /// The daemon refused the client certificate sent (its alert, e.g. `unknown ca`).
    case clientCertificateRejected(address: String, certFile: String, alert: String)
    case keyMismatch(certFile: String, keyFile: String)
    /// Something answered that does not speak TLS (a plain-HTTP port).
    case notTLS(address: String)
    case unreadableFile(role: String, path: String, detail: String)
    /// Anything else OpenSSL said during the handshake or a read.
    case other(address: String, detail: String)

    /// OpenSSL's numbers that pick a sentence (openssl/x509_vfy.h, openssl/sslerr.h, 3.0).
    public enum Code {
        public static let certificateNotYetValid = 9
        public static let certificateExpired = 10
        public static let selfSignedLeaf = 18
        public static let selfSignedInChain = 19
        public static let unknownIssuer = 20
        public static let firstCertificateUnverifiable = 21
        public static let hostnameMismatch = 62
        public static let ipAddressMismatch = 64
        /// SSL_R_WRONG_VERSION_NUMBER: the first bytes back were not a TLS record.
        public static let wrongVersionNumber = 267
        /// SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE: TLS 1.2's answer to a missing client certificate.
        public static let handshakeFailureAlert = 1040
        /// SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED: TLS 1.3's, on the first read after the handshake.
        public static let certificateRequiredAlert = 1116
        /// The alerts about the client's certificate (SSL_R_*_ALERT_* = 1000 + the alert number): bad,
        /// unsupported, revoked, expired, unknown certificate, unknown CA.
        public static let clientCertificateAlerts: Set<Int> = [1042, 1043, 1044, 1045, 1046, 1048]
    }

    /// What OpenSSL reported when a handshake or a read failed, and what was offered.
    public struct Report: Sendable, Equatable {
        /// `SSL_get_verify_result`: 0 when the certificate checked out (or was not checked).
        public var verifyResult: Int
        public var verifyText: String
        /// `ERR_GET_REASON` of the first queued error (0: none) and its text.
        public var reason: Int
        public var reasonText: String
        /// The subjectAltNames of the certificate the daemon sent (empty when it sent none).
        public var altNames: [String]
        public var notBefore: String?
        public var notAfter: String?

        public init(
            verifyResult: Int = 0, verifyText: String = "", reason: Int = 0, reasonText: String = "",
            altNames: [String] = [], notBefore: String? = nil, notAfter: String? = nil
        ) {
            self.verifyResult = verifyResult
            self.verifyText = verifyText
            self.reason = reason
            self.reasonText = reasonText
            self.altNames = altNames
            self.notBefore = notBefore
            self.notAfter = notAfter
        }
    }

    /// The sentence for what OpenSSL reported on a connection to `endpoint`.
    public static func classify(_ report: Report, endpoint: TLSEndpoint) -> TLSFailure {
        let address = "\(endpoint.host):\(endpoint.port)"
        switch report.verifyResult {
        case 0: break
        case Code.unknownIssuer, Code.selfSignedInChain, Code.selfSignedLeaf, Code.firstCertificateUnverifiable:
            return .unknownAuthority(address: address, caFile: endpoint.caFile, detail: report.verifyText)
        case Code.hostnameMismatch, Code.ipAddressMismatch:
            return .nameMismatch(host: endpoint.host, validFor: report.altNames)
        case Code.certificateExpired: return .expired(address: address, notAfter: report.notAfter)
        case Code.certificateNotYetValid: return .notYetValid(address: address, notBefore: report.notBefore)
        default: return .verifyFailed(address: address, code: report.verifyResult, text: report.verifyText)
        }
        switch report.reason {
        case Code.wrongVersionNumber:
            return .notTLS(address: address)
        case Code.certificateRequiredAlert:
            return .clientCertificateRequired(address: address)
        case Code.handshakeFailureAlert where endpoint.certFile == nil:
            return .clientCertificateRequired(address: address)
        case let reason where endpoint.certFile != nil && Code.clientCertificateAlerts.contains(reason):
            return .clientCertificateRejected(
                address: address, certFile: endpoint.certFile ?? "", alert: alertName(report.reasonText))
        default:
            return .other(address: address, detail: report.reasonText.isEmpty ? "no detail" : report.reasonText)
        }
    }

    /// `sslv3 alert bad certificate` → `bad certificate`.
    static func alertName(_ text: String) -> String {
        guard let range = text.firstRange(of: "alert ") else { return text }
        return String(text[range.upperBound...])
    }

    /// The sentence shown to the user.
    public var message: String {
        switch self {
        case .unknownAuthority(let address, let caFile, let detail):
            let trusted = caFile.map { "the CA in \($0)" } ?? "the system's CAs"
            return
                """
                the daemon at \(address) has a certificate that \(trusted) did not sign (\(detail)): give the CA that \
                signed it with --tlscacert FILE (or ca.pem in DOCKER_CERT_PATH, or the context's ca=)
                """
        case .nameMismatch(let host, let validFor):
            guard let first = validFor.first else {
                return
                    """
                    the daemon's certificate names no DNS name or IP address (no subjectAltName), so it is not valid \
                    for \(host): make its certificate with subjectAltName=DNS:\(host) (or IP:\(host))
                    """
            }
            return
                """
                the daemon's certificate is valid for \(validFor.joined(separator: ", ")), not \(host): connect by \
                one of those (e.g. -H tcp://\(first.contains(":") ? "[\(first)]" : first):PORT), or make the \
                certificate with \(host) in its subjectAltName
                """
        case .expired(let address, let notAfter):
            let when = notAfter.map { " on \($0)" } ?? ""
            return
                """
                the daemon's certificate at \(address) expired\(when): renew it on the daemon's side (or check this \
                machine's clock)
                """
        case .notYetValid(let address, let notBefore):
            let when = notBefore.map { " until \($0)" } ?? " yet"
            return
                """
                the daemon's certificate at \(address) is not valid\(when): check this machine's clock (or the \
                certificate's start date)
                """
        case .verifyFailed(let address, let code, let text):
            return
                """
                the daemon's certificate at \(address) did not verify: \(text) (OpenSSL verify code \(code)); fix the \
                certificate, or --tlsverify=false to skip verification if you trust the network
                """
        case .clientCertificateRequired(let address):
            return
                """
                the daemon at \(address) wants a client certificate and none was sent: give --tlscert FILE --tlskey \
                FILE (or cert.pem and key.pem in DOCKER_CERT_PATH, or the context's cert= and key=)
                """
        case .clientCertificateRejected(let address, let certFile, let alert):
            return
                """
                the daemon at \(address) refused the client certificate \(certFile) (\(alert)): use one signed by the \
                CA the daemon trusts (its --tlscacert)
                """
        case .keyMismatch(let certFile, let keyFile):
            return
                """
                the key \(keyFile) does not belong to the certificate \(certFile): give the key made with that \
                certificate (--tlskey, or key.pem beside cert.pem)
                """
        case .notTLS(let address):
            return
                """
                \(address) does not speak TLS (wrong version number): it may be a plain-HTTP port; drop --tls and \
                --tlsverify (and DOCKER_TLS_VERIFY) for it, or use the daemon's TLS port (2376 by convention)
                """
        case .unreadableFile(let role, let path, let detail):
            return "cannot use the \(role) \(path): \(detail); check the file (PEM, readable by you)"
        case .other(let address, let detail):
            return "TLS with \(address) failed: \(detail)"
        }
    }
}
