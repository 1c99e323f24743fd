/// Why an exchange could not be completed, as one sentence that names the problem and the fix.
public enum TransportFailure: Error, Sendable, Equatable {
    case noSuchSocket(path: String)
    case permissionDenied(path: String)
    case pathTooLong(path: String, limit: Int)
    case notASocket(path: String)
    case connectionRefused(Endpoint)
    case hostNotFound(host: String)
    case connectTimedOut(Endpoint, seconds: Double)
    case closedBeforeResponse(receivedBytes: Int)
    case closedMidResponse(MessageParseError)
    case malformedResponse(MessageParseError)
    case responseTimedOut(seconds: Double, receivedBytes: Int)
    case notResentAfterStaleConnection(method: String)
    /// The request carries `***`, the mask history and recordings put where a credential was.
    case maskedCredential(where: String)
    case system(operation: String, errno: Int32, text: String)
    /// ssh ended before the daemon answered (host key, login, no docker there, ...).
    case ssh(SSHFailure)
    /// There is no `ssh` program on PATH to carry an ssh:// endpoint.
    case sshNotFound
    /// The tap relays raw bytes to a socket it opens; it cannot relay to a TLS or ssh endpoint.
    case notRelayable(Endpoint)
    /// TLS to the daemon failed: an unknown CA, a wrong name, an expired certificate, ...
    case tls(TLSFailure)

    /// The sentence shown to the user.
    public var message: String {
        switch self {
        case .noSuchSocket(let path):
            return
                """
                no socket at \(path): start the Docker daemon (sudo systemctl start docker), or point sockshell at \
                the right one (connect PATH or connect --context NAME in the shell, -H, --context or DOCKER_HOST \
                when starting it; rootless Docker listens on $XDG_RUNTIME_DIR/docker.sock, podman on \
                $XDG_RUNTIME_DIR/podman/podman.sock)
                """
        case .permissionDenied(let path):
            return
                """
                permission denied on \(path): run as root or join the socket's group (for Docker: sudo usermod -aG \
                docker $USER, then log in again; that group is equivalent to root on this host)
                """
        case .pathTooLong(let path, let limit):
            return
                """
                the socket path \(path) is \(path.utf8.count) bytes, longer than the \(limit) a unix socket address \
                allows: use a shorter path or a symlink to it
                """
        case .notASocket(let path):
            return
                "\(path) exists but is not a socket: check the path (the Docker socket is usually /var/run/docker.sock)"
        case .connectionRefused(let endpoint):
            switch endpoint {
            case .unix(let path):
                return
                    """
                    connection refused at \(path): the socket file is there but nothing listens on it; start the \
                    daemon (or remove the stale socket file) and try again
                    """
            case .ssh(let remote):
                return "connection refused through ssh to \(remote.url)"
            case .tcp(let host, let port):
                return
                    """
                    connection refused at \(host):\(port): nothing listens there; check the port (Docker's plain TCP \
                    port is 2375) and that the daemon was started with -H tcp://
                    """
            case .tls(let tls):
                return
                    """
                    connection refused at \(tls.host):\(tls.port): nothing listens there; check the port (Docker's TLS \
                    port is 2376) and that the daemon was started with --tlsverify -H tcp://
                    """
            }
        case .hostNotFound(let host):
            return "cannot resolve host '\(host)': check the name in tcp://HOST:PORT (connect or -H)"
        case .connectTimedOut(let endpoint, let seconds):
            return
                """
                connecting to \(endpoint.display) timed out after \(Self.seconds(seconds)): check that the daemon is \
                up, or raise --timeout
                """
        case .closedBeforeResponse(let received):
            return received == 0
                ? """
                the server closed the connection without answering: the request may have been malformed or the \
                server stopped
                """
                : """
                the server closed the connection after \(received) bytes, before the response head was complete \
                (what arrived is shown above)
                """
        case .closedMidResponse(let error):
            return "\(error.message) (what arrived is shown above)"
        case .malformedResponse(let error):
            return "the response is malformed: \(error.message); offending bytes: \(Self.quote(error.offendingBytes))"
        case .responseTimedOut(let seconds, let received):
            return received == 0
                ? """
                no answer within \(Self.seconds(seconds)): the server accepted the connection but sent nothing; \
                raise --timeout if it is just slow
                """
                : """
                the server went quiet for \(Self.seconds(seconds)) in the middle of the response (\(received) \
                bytes arrived); raise --timeout if it is just slow
                """
        case .notResentAfterStaleConnection(let method):
            return
                """
                the kept-alive connection was closed by the server before it answered; \(method) is not idempotent, \
                so sockshell did not send it again: repeat the command if that is safe
                """
        case .maskedCredential(let place):
            return
                """
                not sent: \(place) holds ***, the mask that history and recordings keep in place of a credential; \
                type the real value, or write ${env:NAME} to take it from the environment
                """
        case .system(let operation, let errno, let text):
            return "\(operation) failed: \(text) (errno \(errno))"
        case .ssh(let failure):
            return failure.message
        case .notRelayable(.tls(let tls)):
            return
                """
                the tap relays bytes as they are and does not speak TLS to \(tls.host):\(tls.port): tap a unix \
                socket or plain tcp:// daemon, or tap a TLS terminator in front of it (socat \
                UNIX-LISTEN:/tmp/tls.sock,fork OPENSSL:\(tls.host):\(tls.port),cafile=ca.pem,cert=cert.pem,key=key.pem)
                """
        case .notRelayable(let endpoint):
            return
                """
                the tap relays to a unix socket or a tcp:// daemon, not to \(endpoint.display): forward the remote \
                socket first (ssh -nNT -L /tmp/remote-docker.sock:/var/run/docker.sock HOST) and tap \
                unix:///tmp/remote-docker.sock
                """
        case .sshNotFound:
            return
                """
                there is no ssh on PATH, and ssh:// endpoints run it: install OpenSSH's client (apt-get install \
                openssh-client) or put ssh on PATH
                """
        case .tls(let failure):
            return failure.message
        }
    }

    /// Nothing answers at the endpoint at all (as opposed to something answering badly): `connect`
    /// refuses to switch to it.
    public var meansNobodyListens: Bool {
        switch self {
        case .noSuchSocket, .permissionDenied, .pathTooLong, .notASocket, .connectionRefused, .hostNotFound,
            .connectTimedOut, .ssh, .sshNotFound:
            return true
        default: return false
        }
    }

    /// A short phrase for the summary line.
    public var summaryPhrase: String {
        switch self {
        case .closedBeforeResponse, .closedMidResponse: return "closed early"
        case .malformedResponse: return "malformed response"
        case .responseTimedOut, .connectTimedOut: return "timed out"
        case .maskedCredential: return "not sent"
        default: return "failed"
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    /// Bytes as a quoted string with escapes, for error messages.
    public static func quote(_ bytes: [UInt8]) -> String {
        var text = "\""
        for byte in bytes {
            switch byte {
            case 0x0D: text += "\\r"
            case 0x0A: text += "\\n"
            case 0x09: text += "\\t"
            case UInt8(ascii: "\""): text += "\\\""
            case UInt8(ascii: "\\"): text += "\\\\"
            case 0x20..<0x7F: text.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                text += "\\x"
                Hex.append(byte, to: &text)
            }
        }
        return text + "\""
    }
}
