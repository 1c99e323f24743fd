import COpenSSL
import SockshellCore

/// One TLS connection to a daemon over TCP, through the system's OpenSSL 3: the TCP socket comes
/// from `SocketConnection.connectedDescriptor`, then a handshake that sends SNI (never for an IP
/// literal) and checks the certificate against the CA and the host name unless told to skip.
/// The socket is non-blocking, so every wait is the same poll as a plain socket's (deadline,
/// interrupt, a live session's input) and OpenSSL's "want read/write" means "poll again".
final class TLSConnection {
    let number: Int
    let endpoint: Endpoint
    /// The view's `* tls TLSv1.3 TLS_AES_256_GCM_SHA384 subject=CN=localhost (verified by ca.pem)`.
    let opening: String?
    var completedExchanges = 0
    private let tls: TLSEndpoint
    private let descriptor: OwnedDescriptor
    private let context: OpaquePointer
    private let session: OpaquePointer
    /// Kept from read to read, so a read allocates nothing for its wait.
    private var waiter = DescriptorWaiter()
    private var freed = false
    /// Set once `shutdownWrite` has sent the close_notify: `close` does not send a second.
    private var sentCloseNotify = false

    /// Docker's Go client (tlsconfig.ClientDefault) accepts TLS 1.2 and later; so do we.
    static let minimumVersion = Int32(TLS1_2_VERSION)
    /// Room for a certificate's subject or its subjectAltNames in an error message or the `* tls` line.
    static let certificateTextBytes = 2048
    /// How long a close_notify may wait for room in the socket: a daemon that reads nothing more
    /// must not hold the end of a live session.
    static let closeNotifyNanoseconds: UInt64 = 2_000_000_000

    private init(
        number: Int, tls: TLSEndpoint, descriptor: OwnedDescriptor, context: OpaquePointer, session: OpaquePointer,
        opening: String
    ) {
        self.number = number
        self.endpoint = .tls(tls)
        self.tls = tls
        self.descriptor = descriptor
        self.context = context
        self.session = session
        self.opening = opening
    }

    deinit { close() }

    static func open(number: Int, tls: TLSEndpoint, timeoutSeconds: Double) throws(TransportFailure)
        -> TLSConnection
    {
        let context = try makeContext(tls)
        var handedOver = false
        defer { if !handedOver { SSL_CTX_free(context) } }
        // Each phase gets the whole timeout, as each address of a TCP connect does.
        let descriptor = try SocketConnection.connectedDescriptor(to: .tls(tls), timeoutSeconds: timeoutSeconds)
        let flags = fcntl(descriptor.raw, F_GETFL)
        _ = fcntl(descriptor.raw, F_SETFL, flags | O_NONBLOCK)
        guard let session = SSL_new(context) else { throw .tls(.other(address: address(tls), detail: errorText())) }
        defer { if !handedOver { SSL_free(session) } }
        SSL_set_fd(session, descriptor.raw)
        sockshell_ssl_set_partial_writes(session)
        if !tls.hostIsIPLiteral { _ = sockshell_ssl_set_server_name(session, tls.host) }
        // Matches a DNS name against the certificate's DNS names and an IP literal against its IP addresses.
        if tls.verifies { _ = SSL_set1_host(session, tls.host) }
        try handshake(session, descriptor: descriptor, tls: tls, timeoutSeconds: timeoutSeconds)
        handedOver = true
        return TLSConnection(
            number: number, tls: tls, descriptor: descriptor, context: context, session: session,
            opening: openingLine(session, tls: tls))
    }

    /// A client context with the CA (or the system's CAs), the client certificate and its key.
    private static func makeContext(_ tls: TLSEndpoint) throws(TransportFailure) -> OpaquePointer {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw .tls(.other(address: address(tls), detail: errorText()))
        }
        var ready = false
        defer { if !ready { SSL_CTX_free(context) } }
        _ = sockshell_ssl_ctx_set_min_version(context, minimumVersion)
        sockshell_ssl_ctx_ignore_unexpected_eof(context)
        SSL_CTX_set_verify(context, tls.verifies ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, nil)
        if let caFile = tls.caFile {
            try readable(caFile, role: "CA certificate")
            guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
                throw .tls(.unreadableFile(role: "CA certificate", path: caFile, detail: errorText()))
            }
        } else {
            _ = SSL_CTX_set_default_verify_paths(context)
        }
        if let certFile = tls.certFile, let keyFile = tls.keyFile {
            try readable(certFile, role: "client certificate")
            try readable(keyFile, role: "client key")
            guard SSL_CTX_use_certificate_chain_file(context, certFile) == 1 else {
                throw .tls(.unreadableFile(role: "client certificate", path: certFile, detail: errorText()))
            }
            ERR_clear_error()
            guard SSL_CTX_use_PrivateKey_file(context, keyFile, SSL_FILETYPE_PEM) == 1 else {
                // A key that parses but is another certificate's fails here, as "key values mismatch".
                if sockshell_err_reason(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH {
                    throw .tls(.keyMismatch(certFile: certFile, keyFile: keyFile))
                }
                throw .tls(.unreadableFile(role: "client key", path: keyFile, detail: errorText()))
            }
            guard SSL_CTX_check_private_key(context) == 1 else {
                throw .tls(.keyMismatch(certFile: certFile, keyFile: keyFile))
            }
        }
        ready = true
        return context
    }

    /// Says which file cannot be opened, and why, before OpenSSL's less direct words for it.
    private static func readable(_ path: String, role: String) throws(TransportFailure) {
        let descriptor = Platform.open(path, O_RDONLY | O_CLOEXEC, 0)
        guard descriptor >= 0 else {
            throw .tls(.unreadableFile(role: role, path: path, detail: Errno.current.description))
        }
        _ = Platform.close(descriptor)
    }

    private static func handshake(
        _ session: OpaquePointer, descriptor: OwnedDescriptor, tls: TLSEndpoint, timeoutSeconds: Double
    ) throws(TransportFailure) {
        let deadline = Posix.monotonicNanoseconds() &+ UInt64(max(timeoutSeconds, 0) * 1_000_000_000)
        var waiter = DescriptorWaiter()
        while true {
            ERR_clear_error()
            let result = SSL_connect(session)
            if result == 1 { return }
            let code = SSL_get_error(session, result)
            let interest: DescriptorWaiter.Interest
            switch code {
            case SSL_ERROR_WANT_READ: interest = .readable
            case SSL_ERROR_WANT_WRITE: interest = .writable
            case SSL_ERROR_SYSCALL where ERR_peek_error() == 0:
                let detail =
                    errno == 0 || errno == ECONNRESET
                    ? "the other side closed the connection during the handshake (is it a TLS port?)"
                    : Errno.current.description
                throw .tls(.other(address: address(tls), detail: detail))
            default:
                throw .tls(failure(session, tls: tls))
            }
            waiter.removeAll()
            waiter.watch(descriptor.raw, for: interest)
            let ready: Bool
            do throws(Errno) {
                ready = try waiter.wait(until: deadline)
            } catch {
                throw SocketConnection.systemFailure("waiting for the TLS handshake", code: error.code)
            }
            guard ready else {
                throw .tls(
                    .other(
                        address: address(tls),
                        detail: "no TLS handshake within \(timeoutSeconds) s: check that the port speaks TLS"))
            }
        }
    }

    /// What OpenSSL's state says went wrong, in one of `TLSFailure`'s sentences.
    private static func failure(_ session: OpaquePointer, tls: TLSEndpoint) -> TLSFailure {
        let verifyResult = SSL_get_verify_result(session)
        let errorCode = ERR_peek_error()
        var report = TLSFailure.Report(
            verifyResult: Int(verifyResult),
            verifyText: verifyResult == 0 ? "" : String(cString: X509_verify_cert_error_string(verifyResult)),
            reason: Int(sockshell_err_reason(errorCode)), reasonText: errorText())
        if let leaf = sockshell_ssl_peer_leaf(session) {
            report.altNames = certificateText(leaf, sockshell_x509_alt_names).split(separator: ", ").map(String.init)
            report.notBefore = validity(leaf, 0)
            report.notAfter = validity(leaf, 1)
        }
        return TLSFailure.classify(report, endpoint: tls)
    }

    private static func validity(_ certificate: OpaquePointer, _ which: Int32) -> String? {
        let seconds = sockshell_x509_validity(certificate, which)
        return seconds == 0 ? nil : WallClock.iso8601(secondsSince1970: Int(seconds))
    }

    /// `tls TLSv1.3 TLS_AES_256_GCM_SHA384 subject=CN=localhost (verified by /x/ca.pem)`.
    private static func openingLine(_ session: OpaquePointer, tls: TLSEndpoint) -> String {
        let version = String(cString: SSL_get_version(session))
        let cipher = sockshell_ssl_cipher_name(session).map { String(cString: $0) } ?? "(no cipher)"
        var subject = "(no certificate)"
        if let peer = SSL_get1_peer_certificate(session) {
            subject = certificateText(peer, sockshell_x509_subject)
            X509_free(peer)
        }
        return "tls \(version) \(cipher) subject=\(subject) (\(tls.verification))"
    }

    private static func certificateText(
        _ certificate: OpaquePointer, _ write: (OpaquePointer, UnsafeMutablePointer<CChar>, Int) -> Void
    ) -> String {
        var text = [CChar](repeating: 0, count: certificateTextBytes)
        text.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { write(certificate, base, buffer.count) }
        }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// OpenSSL's queued errors, oldest first, as their reason texts; the queue is emptied.
    private static func errorText() -> String {
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            if let text = ERR_reason_error_string(code) { reasons.append(String(cString: text)) }
        }
        return reasons.joined(separator: "; ")
    }

    private static func address(_ tls: TLSEndpoint) -> String { "\(tls.host):\(tls.port)" }

    // MARK: The connection

    func close() {
        guard !freed else { return }
        freed = true
        // close_notify, once, without waiting for the daemon's: the socket closes right after.
        if descriptor.isOpen, !sentCloseNotify { _ = SSL_shutdown(session) }
        SSL_free(session)
        SSL_CTX_free(context)
        descriptor.close()
    }

    func shutdownBoth() {
        if descriptor.isOpen { _ = shutdown(descriptor.raw, Int32(SHUT_RDWR)) }
    }

    /// Ends our direction and keeps reading (a live session's end of input): a close_notify, which
    /// Go's TLS server (dockerd --tlsverify) reads as EOF and OpenSSL's (a socat terminator) as the
    /// end of the stream, then a TCP half-close as the docker CLI's own (moby's tlsClientCon.CloseWrite
    /// shuts the raw connection's write side). The half-close alone is not enough: OpenSSL's server
    /// takes an EOF without close_notify as an error and drops the whole connection, output and all.
    func shutdownWrite() {
        guard descriptor.isOpen, !sentCloseNotify else { return }
        sentCloseNotify = true
        let deadline = Posix.monotonicNanoseconds() &+ Self.closeNotifyNanoseconds
        var waiter = DescriptorWaiter()
        while true {
            ERR_clear_error()
            let result = SSL_shutdown(session)
            guard result < 0, SSL_get_error(session, result) == SSL_ERROR_WANT_WRITE else { break }
            waiter.removeAll()
            waiter.watch(descriptor.raw, for: .writable)
            guard (try? waiter.wait(until: deadline)) == true else { break }
        }
        ERR_clear_error()
        _ = shutdown(descriptor.raw, Int32(SHUT_WR))
    }

    /// What one SSL_write or SSL_read came to.
    private enum Step {
        case done(Int)
        case wait(DescriptorWaiter.Interest)
        case ended
    }

    private func step(_ result: Int32, during operation: String) throws(TransportFailure) -> Step {
        if result > 0 { return .done(Int(result)) }
        switch SSL_get_error(session, result) {
        case SSL_ERROR_WANT_READ: return .wait(.readable)
        case SSL_ERROR_WANT_WRITE: return .wait(.writable)
        case SSL_ERROR_ZERO_RETURN: return .ended
        case SSL_ERROR_SYSCALL where ERR_peek_error() == 0:
            let code = errno
            if code == EAGAIN { return .wait(.readable) }
            if code == 0 || code == EPIPE || code == ECONNRESET { return .ended }
            throw SocketConnection.systemFailure(operation, code: code)
        default:
            throw .tls(Self.failure(session, tls: tls))
        }
    }

    private func write(_ bytes: ArraySlice<UInt8>) throws(TransportFailure) -> Step {
        guard !bytes.isEmpty else { return .done(0) }
        ERR_clear_error()
        let result = bytes.withUnsafeBufferPointer { raw in
            SSL_write(session, raw.baseAddress, Int32(clamping: raw.count))
        }
        return try step(result, during: "writing the request")
    }

    func writeAll(_ bytes: [UInt8]) throws(TransportFailure) -> Bool {
        var sent = 0
        var waiter = DescriptorWaiter()
        while sent < bytes.count {
            switch try write(bytes[sent...]) {
            case .done(let count): sent += count
            case .ended: return false
            case .wait(let interest):
                waiter.removeAll()
                waiter.watch(descriptor.raw, for: interest)
                do throws(Errno) {
                    _ = try waiter.wait(until: nil)
                } catch {
                    throw SocketConnection.systemFailure("writing the request", code: error.code)
                }
            }
        }
        return true
    }

    func sendAvailable(_ bytes: ArraySlice<UInt8>) throws(TransportFailure) -> Int? {
        switch try write(bytes) {
        case .done(let count): return count
        case .wait: return 0
        case .ended: return nil
        }
    }

    func read(
        into buffer: inout [UInt8], deadline: UInt64?, interruptDescriptor: Int32, inputDescriptor: Int32,
        awaitingWritable: Bool
    ) throws(TransportFailure) -> ConnectionReadResult {
        var interest = DescriptorWaiter.Interest.readable
        while true {
            // Bytes OpenSSL has already taken from the socket are not readable for poll.
            if SSL_has_pending(session) == 0,
                let decided = try waiter.waitForConnection(
                    descriptor.raw, for: interest, deadline: deadline, interruptDescriptor: interruptDescriptor,
                    inputDescriptor: inputDescriptor, awaitingWritable: awaitingWritable)
            {
                return decided
            }
            ERR_clear_error()
            let result = buffer.withUnsafeMutableBytes { raw in
                SSL_read(session, raw.baseAddress, Int32(clamping: raw.count))
            }
            switch try step(result, during: "reading the response") {
            case .done(let count): return .bytes(count)
            case .ended: return .endOfStream
            case .wait(let wanted): interest = wanted
            }
        }
    }

    /// Stale when the daemon closed the idle connection or sent bytes nobody asked for; a
    /// session ticket or a key update arriving meanwhile is TLS's own and leaves it usable.
    func isStale() -> Bool {
        if SSL_has_pending(session) != 0 { return true }
        var waiter = DescriptorWaiter()
        waiter.watch(descriptor.raw)
        guard (try? waiter.wait(until: 0)) ?? true else { return false }
        ERR_clear_error()
        var byte: UInt8 = 0
        let result = SSL_peek(session, &byte, 1)
        if result > 0 { return true }
        let code = SSL_get_error(session, result)
        ERR_clear_error()
        return code != SSL_ERROR_WANT_READ
    }
}

extension TLSConnection: TransportConnection {}
