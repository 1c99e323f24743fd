import SockshellCore
import Testing

/// ssh:// URLs and the ssh command they make, as docker CLI 28 builds it (docker/cli connhelper).
struct SSHEndpointTests {
    @Test(arguments: [
        ("ssh://host.example", "-o ConnectTimeout=30 -T -- host.example docker system dial-stdio"),
        (
            "ssh://me@host.example:2222",
            "-o ConnectTimeout=30 -T -l me -p 2222 -- host.example docker system dial-stdio"
        ),
        (
            "ssh://me@host.example:2222/run/user/1000/docker.sock",
            "-o ConnectTimeout=30 -T -l me -p 2222 -- host.example docker --host=unix:///run/user/1000/docker.sock "
                + "system dial-stdio"
        ),
        ("ssh://host.example/", "-o ConnectTimeout=30 -T -- host.example docker system dial-stdio"),
        ("ssh://[::1]:22", "-o ConnectTimeout=30 -T -p 22 -- ::1 docker system dial-stdio"),
        ("ssh://host:", "-o ConnectTimeout=30 -T -- host docker system dial-stdio"),
        ("ssh://me%40corp@h", "-o ConnectTimeout=30 -T -l me@corp -- h docker system dial-stdio"),
        (
            "ssh://h/run/my%20dir/d.sock",
            "-o ConnectTimeout=30 -T -- h docker '--host=unix:///run/my dir/d.sock' system dial-stdio"
        ),
        // The remote shell reads the command: a path with a space or a `;` stays one quoted word.
        (
            "ssh://h/my dir/d.sock",
            "-o ConnectTimeout=30 -T -- h docker '--host=unix:///my dir/d.sock' system dial-stdio"
        ),
        ("ssh://h/x;rm", "-o ConnectTimeout=30 -T -- h docker '--host=unix:///x;rm' system dial-stdio"),
    ])
    func theArgumentsAreTheDockerCLIs(url: String, arguments: String) throws {
        guard case .ssh(let remote) = try Endpoint(parsing: url) else {
            Issue.record("\(url) is not an ssh endpoint")
            return
        }
        #expect(remote.arguments.joined(separator: " ") == arguments)
        #expect(remote.commandLine.hasPrefix("ssh -o ConnectTimeout=30 -T"))
    }

    @Test func theURLAndDisplayRoundTrip() throws {
        let endpoint = try Endpoint(parsing: "ssh://me@host:2222/run/docker.sock")
        #expect(endpoint.display == "ssh://me@host:2222/run/docker.sock")
        #expect(try Endpoint(parsing: endpoint.url) == endpoint)
        let bracketed = try Endpoint(parsing: "ssh://[::1]:2222")
        #expect(bracketed.url == "ssh://[::1]:2222")
        #expect(try Endpoint(parsing: bracketed.url) == bracketed)
    }

    @Test(arguments: [
        ("ssh://me:secret@host", "carries a password, and plain-text passwords are not supported"),
        ("ssh://host/x?y=1", "has a query or fragment"),
        ("ssh://", "names no host"),
        ("ssh://host:99999", "has a bad port '99999'"),
    ])
    func badURLsAreOneSentence(url: String, phrase: String) {
        #expect(throws: EndpointError.self) { try Endpoint(parsing: url) }
        do {
            _ = try Endpoint(parsing: url)
        } catch {
            #expect(error.description.contains(phrase), "\(error.description)")
        }
    }

    static let remote = SSHEndpoint(user: "me", host: "h", port: 2222)

    @Test(
        arguments: [
            (255, "ssh: connect to host h port 2222: Connection refused\n", "ssh could not reach h ("),
            (255, "me@h: Permission denied (publickey).\n", "ssh was not let in to h (me@h: Permission denied"),
            (255, "Host key verification failed.\n", "h's host key is not in known_hosts"),
            (
                255, "@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@\nHost key verification failed.\n",
                "ssh-keygen -R '[h]:2222' removes the old key and ssh -p 2222 me@h accepts"
            ),
            (
                255,
                "@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@\n  remove with:\n"
                    + "  ssh-keygen -f '/root/.ssh/known_hosts' -R '[10.0.0.5]:2222'\nHost key verification failed.\n",
                "ssh-keygen -f '/root/.ssh/known_hosts' -R '[10.0.0.5]:2222' removes the old key"
            ),
            (127, "sh: 1: docker: not found\n", "there is no docker command on its PATH (sh: 1: docker: not found)"),
            (1, "Cannot connect to the Docker daemon at unix:///x.sock.\n", "could not reach the daemon"),
            (1, "dial unix /var/run/docker.sock: connect: permission denied\n", "add that user to the docker group"),
            (
                125, "Error: unrecognized command `podman system dial-stdio`\n",
                "its docker has no system dial-stdio (Error: unrecognized command"
            ),
            (3, "", "ssh ended with status 3 before the daemon answered (nothing on stderr)"),
        ] as [(Int32, String, String)])
    func eachFailureNamesItsFix(status: Int32, stderr: String, phrase: String) {
        let message = SSHFailure(remote: Self.remote, status: status, stderr: stderr).message
        #expect(message.contains(phrase), "\(message)")
        #expect(message.hasSuffix("(ran: ssh -o ConnectTimeout=30 -T -l me -p 2222 -- h docker system dial-stdio)"))
    }
}
