import SockshellCore
import Testing

struct SocketPlacesTests {
    @Test func theUsualPlacesInOrderThenTheContextsEachOnce() {
        let places = SocketPlaces.candidates(
            environment: ["HOME": "/h", "XDG_RUNTIME_DIR": "/run/user/1000"],
            contexts: [
                DockerContext(name: "t1", host: "unix:///tmp/x.sock"),
                DockerContext(name: "same", host: "unix:///var/run/docker.sock"),
                DockerContext(name: "remote", host: "tcp://10.0.0.1:2376"),
            ],
            list: { $0 == "/h/.colima" ? ["work", "default", ".hidden"] : [] })
        #expect(
            places.map(\.path) == [
                "/var/run/docker.sock", "/run/user/1000/docker.sock", "/h/.docker/run/docker.sock",
                "/h/.docker/desktop/docker.sock", "/h/.orbstack/run/docker.sock", "/h/.colima/default/docker.sock",
                "/h/.colima/work/docker.sock", "/h/.rd/docker.sock", "/run/user/1000/podman/podman.sock",
                "/run/podman/podman.sock", "/tmp/x.sock",
            ])
        #expect(places.last == SocketPlaces.Place(path: "/tmp/x.sock", owner: "docker context t1", context: "t1"))
    }

    @Test func withoutHomeOrRuntimeFolderOnlyTheSystemPlaces() {
        let places = SocketPlaces.candidates(environment: [:], contexts: [], list: { _ in [] })
        #expect(places.map(\.path) == ["/var/run/docker.sock", "/run/podman/podman.sock"])
    }

    @Test func theReportListsWhatIsThereAndTheConnectForTheFirstThatAnswers() {
        let report = SocketPlaces.report(
            [
                (SocketPlaces.Place(path: "/var/run/docker.sock", owner: "Docker (system)"), .missing),
                (SocketPlaces.Place(path: "/r/docker.sock", owner: "rootless Docker"), .silent("nobody listens")),
                (
                    SocketPlaces.Place(path: "/c.sock", owner: "docker context c", context: "c"),
                    .answers(apiVersion: "1.41")
                ),
            ], current: .unix(path: "/var/run/docker.sock"))
        #expect(
            report == """
                /r/docker.sock     rootless Docker            nobody listens
                /c.sock            docker context c           answers _ping (API 1.41)
                to use it: connect --context c (or start sockshell with -H unix:///c.sock)

                """)
    }

    @Test func nothingThereNamesEveryPlaceLookedAt() {
        let report = SocketPlaces.report(
            [(SocketPlaces.Place(path: "/var/run/docker.sock", owner: "Docker (system)"), .missing)],
            current: .unix(path: "/var/run/docker.sock"))
        #expect(report == "no daemon socket in the usual places: looked at /var/run/docker.sock\n")
    }

    @Test func theSocketInUseIsMarkedAndNeedsNoConnect() {
        let report = SocketPlaces.report(
            [(SocketPlaces.Place(path: "/s.sock", owner: "in use"), .answers(apiVersion: nil))],
            current: .unix(path: "/s.sock"))
        #expect(report == "/s.sock *   in use                     answers _ping\n")
    }
}
