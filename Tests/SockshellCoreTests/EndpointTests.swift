import Testing

@testable import SockshellCore

struct EndpointTests {
    @Test func everyFormUsersType() throws {
        #expect(try Endpoint(parsing: "unix:///var/run/docker.sock") == .unix(path: "/var/run/docker.sock"))
        #expect(try Endpoint(parsing: "unix://") == .unix(path: "/var/run/docker.sock"))
        #expect(
            try Endpoint(parsing: "/run/user/1000/podman/podman.sock")
                == .unix(path: "/run/user/1000/podman/podman.sock"))
        #expect(try Endpoint(parsing: "tcp://127.0.0.1:2375") == .tcp(host: "127.0.0.1", port: 2375))
        #expect(try Endpoint(parsing: "tcp://localhost") == .tcp(host: "localhost", port: 2375))
        #expect(try Endpoint(parsing: "tcp://[::1]:2376") == .tcp(host: "::1", port: 2376))
        #expect(try Endpoint(parsing: "  unix:///x.sock ") == .unix(path: "/x.sock"))
    }

    @Test func badEndpointsSayWhatToWrite() {
        func message(_ text: String) -> String {
            do {
                _ = try Endpoint(parsing: text)
                return "no error"
            } catch { return error.description }
        }
        #expect(
            message("")
                == """
                the endpoint is empty: give a socket path like /var/run/docker.sock or a URL like \
                unix:///var/run/docker.sock or tcp://127.0.0.1:2375
                """
        )
        #expect(
            message("docker.sock")
                == """
                'docker.sock' is not an endpoint: use a socket path (/var/run/docker.sock), unix:///path or \
                tcp://host:port
                """
        )
        #expect(
            message("unix://var/run/docker.sock")
                == """
                'unix://var/run/docker.sock' has a relative socket path: unix:// URLs need an absolute path, as \
                in unix:///var/run/docker.sock (three slashes)
                """
        )
        #expect(
            message("tcp://host:99999")
                == "'tcp://host:99999' has a bad port '99999': a port is a number from 1 to 65535")
        #expect(message("tcp://:2375") == "'tcp://:2375' names no host: write tcp://127.0.0.1:2375")
        #expect(message("ssh://me:pw@box").hasPrefix("'ssh://me:pw@box' carries a password"))
        #expect(message("npipe:////./pipe/docker_engine").hasPrefix("npipe:// is a Windows named pipe"))
    }

    @Test func resolutionOrderIsFlagThenDockerHostThenDefault() throws {
        let environment = ["DOCKER_HOST": "unix:///from/env.sock"]
        #expect(
            try EndpointResolution.resolve(hostFlag: "tcp://h:1", unixSocketFlag: nil, environment: environment)
                .endpoint
                == .tcp(host: "h", port: 1))
        #expect(
            try EndpointResolution.resolve(hostFlag: nil, unixSocketFlag: "/curl/style.sock", environment: environment)
                .endpoint
                == .unix(path: "/curl/style.sock"))
        #expect(
            try EndpointResolution.resolve(hostFlag: nil, unixSocketFlag: nil, environment: environment).endpoint
                == .unix(path: "/from/env.sock"))
        #expect(
            try EndpointResolution.resolve(hostFlag: nil, unixSocketFlag: nil, environment: [:]).endpoint
                == .unix(path: "/var/run/docker.sock"))
        #expect(throws: EndpointError.self) {
            try EndpointResolution.resolve(hostFlag: nil, unixSocketFlag: nil, environment: ["DOCKER_HOST": "bogus"])
        }
    }

    @Test func displayForms() {
        #expect(Endpoint.unix(path: "/var/run/docker.sock").display == "unix:/var/run/docker.sock")
        #expect(Endpoint.tcp(host: "127.0.0.1", port: 2375).url == "tcp://127.0.0.1:2375")
    }
}
