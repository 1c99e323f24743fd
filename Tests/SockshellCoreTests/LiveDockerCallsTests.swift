import Testing

@testable import SockshellCore

/// The calls `attach`, `exec` and `run` send, against what the docker CLI 28.2.2 sent for the same flags
/// (captured through `sockshell tap`; see the top of DockerCallPlans.swift). Bodies are compared as JSON,
/// field by field: every field we send has the CLI's value, and every field we leave out is one the CLI
/// sends as its zero value or the daemon's default.
struct LiveDockerCallsTests {
    private func json(_ text: String) throws -> JSONValue { try JSONValue.parse(text) }
    private func json(_ call: DockerCall) throws -> JSONValue { try JSONValue.parse(call.body ?? []) }
    private func run(_ line: String) throws -> RunCommand { try RunCommand.parse(try ShellWords.split(line)) }
    private func exec(_ line: String) throws -> ExecCommand { try ExecCommand.parse(try ShellWords.split(line)) }

    /// The CLI's HostConfig fields that are not zero but are what the daemon assumes when they are absent.
    private static let hostConfigDefaults: Set<String> = [
        "NetworkMode", "RestartPolicy", "MemorySwappiness", "LogConfig",
    ]

    /// Every member of `ours` is in `cli` with the same value (objects compared member by member).
    private func expectSubset(
        _ ours: JSONValue, of cli: JSONValue, at path: String = "", sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let members = ours.objectMembers else {
            #expect(ours == cli, "\(path)", sourceLocation: sourceLocation)
            return
        }
        for member in members {
            guard let theirs = cli[member.key] else {
                Issue.record("\(path).\(member.key) is not in the CLI's body", sourceLocation: sourceLocation)
                continue
            }
            expectSubset(member.value, of: theirs, at: "\(path).\(member.key)", sourceLocation: sourceLocation)
        }
    }

    /// Every member of `cli` that `ours` leaves out is a zero value (null, "", false, 0, {}, [], [0,0]), or one of
    /// `defaults`, or an object whose own members are all zero.
    private func expectLeftOutAreZero(
        _ ours: JSONValue, _ cli: JSONValue, defaults: Set<String> = [], at path: String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for member in cli.objectMembers ?? [] where ours[member.key] == nil && !defaults.contains(member.key) {
            #expect(
                isZero(member.value), "\(path).\(member.key) = \(member.value) is left out but not zero",
                sourceLocation: sourceLocation)
        }
    }

    private func isZero(_ value: JSONValue) -> Bool {
        if value.isNull || value.stringValue == "" || value.boolValue == false || value.intValue == 0 { return true }
        // ConsoleSize [0,0] is "no size", as the CLI sends it without a TTY.
        if let array = value.arrayValue { return array.allSatisfy(isZero) }
        if let members = value.objectMembers { return members.allSatisfy { isZero($0.value) } }
        return false
    }

    private func expectCreateMatches(
        _ line: String, consoleSize: WindowSize? = nil, cli: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let call = DockerCalls.createContainer(try run(line), consoleSize: consoleSize)
        let ours = try json(call)
        let theirs = try json(cli)
        expectSubset(ours, of: theirs, sourceLocation: sourceLocation)
        expectLeftOutAreZero(ours, theirs, defaults: ["NetworkingConfig"], sourceLocation: sourceLocation)
        if let host = ours["HostConfig"], let cliHost = theirs["HostConfig"] {
            expectLeftOutAreZero(
                host, cliHost, defaults: Self.hostConfigDefaults, at: ".HostConfig", sourceLocation: sourceLocation)
        }
        #expect(call.method == "POST", sourceLocation: sourceLocation)
        #expect(call.headers.value(of: "Content-Type") == "application/json", sourceLocation: sourceLocation)
        #expect(!call.hijacks, sourceLocation: sourceLocation)
    }

    @Test func createMatchesTheCLIForRunInteractiveWithATTY() throws {
        try expectCreateMatches(
            "-it --rm --label sockshell.test --name livecore-runit busybox sh",
            consoleSize: WindowSize(rows: 30, columns: 100), cli: CLIBodies.runInteractiveTTY)
        let call = DockerCalls.createContainer(
            try run("-it --rm --name livecore-runit busybox sh"), consoleSize: WindowSize(rows: 30, columns: 100))
        #expect(call.target == "/containers/create?name=livecore-runit")
        #expect(try json(call)["HostConfig"]?["ConsoleSize"] == json("[30,100]"))
        #expect(try json(call)["HostConfig"]?["AutoRemove"] == .bool(true))
    }

    @Test func createMatchesTheCLIForRunWithoutStdin() throws {
        try expectCreateMatches(
            "--rm --label sockshell.test --name livecore-echo busybox echo hi", cli: CLIBodies.runEcho)
    }

    @Test func createMatchesTheCLIForRunWithPipedStdin() throws {
        try expectCreateMatches(
            "-i --rm --label sockshell.test --name livecore-cat busybox cat", cli: CLIBodies.runPipedStdin)
    }

    @Test func createMatchesTheCLIForRunDetached() throws {
        try expectCreateMatches(
            "-d --label sockshell.test --name livecore-sleep busybox sleep 5", cli: CLIBodies.runDetached)
    }

    @Test func createMatchesTheCLIWithEnvironmentAndDetachKeys() throws {
        // The detach keys go in the attach query, not in the create body.
        try expectCreateMatches(
            "-it --rm --detach-keys ctrl-x,q -e A=1 --label sockshell.test --name livecore-runkeys busybox sh",
            consoleSize: WindowSize(rows: 30, columns: 100), cli: CLIBodies.runDetachKeys)
    }

    @Test func aNameIsQueryEscapedAsGoEscapesIt() throws {
        #expect(
            DockerCalls.createContainer(try run("--name 'a b&c' busybox")).target == "/containers/create?name=a+b%26c")
        #expect(DockerCalls.createContainer(try run("busybox")).target == "/containers/create")
    }

    @Test func attachIsTheCLIsHijackWithItsQueryInGoOrder() throws {
        let id = "b1cfa3e043c8"
        let interactive = try #require(DockerCalls.attachContainer(id, for: try run("-it busybox sh")))
        #expect(interactive.method == "POST")
        #expect(interactive.target == "/containers/\(id)/attach?stderr=1&stdin=1&stdout=1&stream=1")
        #expect(
            interactive.headers.array == [
                HeaderField(name: "Connection", value: "Upgrade"),
                HeaderField(name: "Content-Type", value: "text/plain"),
                HeaderField(name: "Upgrade", value: "tcp"),
            ])
        #expect(interactive.body == nil)
        #expect(interactive.hijacks)
        #expect(
            DockerCalls.attachContainer(id, for: try run("busybox echo hi"))?.target
                == "/containers/\(id)/attach?stderr=1&stdout=1&stream=1")
        #expect(
            DockerCalls.attachContainer(id, for: try run("-it --detach-keys ctrl-x,q busybox sh"))?.target
                == "/containers/\(id)/attach?detachKeys=ctrl-x%2Cq&stderr=1&stdin=1&stdout=1&stream=1")
        #expect(DockerCalls.attachContainer(id, for: try run("-d busybox sleep 5")) == nil)
        let attach = try AttachCommand.parse(["--detach-keys", "ctrl-x,q", "livecore-target"])
        #expect(
            DockerCalls.attachContainer(attach.container, stdin: true, detachKeys: attach.detachKeys).target
                == "/containers/livecore-target/attach?detachKeys=ctrl-x%2Cq&stderr=1&stdin=1&stdout=1&stream=1")
    }

    @Test func startWaitInspectAndResizeAreTheCLIsTargets() throws {
        let id = "d5d7dff96379"
        #expect(DockerCalls.startContainer(id) == DockerCall(method: "POST", target: "/containers/\(id)/start"))
        #expect(
            DockerCalls.waitContainer(id, until: DockerCalls.waitCondition(for: try run("--rm busybox"))).target
                == "/containers/\(id)/wait?condition=removed")
        #expect(
            DockerCalls.waitContainer(id, until: DockerCalls.waitCondition(for: try run("-d busybox"))).target
                == "/containers/\(id)/wait?condition=next-exit")
        #expect(
            DockerCalls.waitContainer("livecore-target", until: .notRunning).target
                == "/containers/livecore-target/wait")
        #expect(
            DockerCalls.inspectContainer("livecore-target")
                == DockerCall(method: "GET", target: "/containers/livecore-target/json"))
        #expect(
            DockerCalls.resizeContainer(id, to: WindowSize(rows: 30, columns: 100))
                == DockerCall(method: "POST", target: "/containers/\(id)/resize?h=30&w=100"))
        #expect(
            DockerCalls.resizeExec("361ea85fd8ac", to: WindowSize(rows: 40, columns: 120))
                == DockerCall(method: "POST", target: "/exec/361ea85fd8ac/resize?h=40&w=120"))
    }

    private func expectExecMatches(
        _ line: String, tty: Bool, attachStdin: Bool = true, cli: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let command = try exec(line)
        let call = DockerCalls.createExec(command, tty: tty, attachStdin: attachStdin)
        #expect(call.method == "POST", sourceLocation: sourceLocation)
        #expect(call.target == "/containers/\(command.container)/exec", sourceLocation: sourceLocation)
        let ours = try json(call)
        let theirs = try json(cli)
        expectSubset(ours, of: theirs, sourceLocation: sourceLocation)
        expectLeftOutAreZero(ours, theirs, sourceLocation: sourceLocation)
    }

    @Test func execCreateMatchesTheCLI() throws {
        try expectExecMatches(
            "-it -e FOO=bar -w /tmp -u 0 livecore-target sh", tty: true, cli: CLIBodies.execInteractiveTTY)
        try expectExecMatches("livecore-target echo hi", tty: false, attachStdin: false, cli: CLIBodies.execEcho)
        try expectExecMatches(
            "-it --detach-keys ctrl-x,q livecore-target sh", tty: true, cli: CLIBodies.execDetachKeys)
    }

    @Test func execStartAndInspectAreTheCLIs() throws {
        let id = "361ea85fd8ac40b018993121f36fad8c55d4dd7b9912f9af0d5f91926ff76a6a"
        let start = DockerCalls.startExec(id, tty: true)
        #expect(start.method == "POST")
        #expect(start.target == "/exec/\(id)/start")
        #expect(start.body == Array(#"{"Detach":false,"Tty":true}"#.utf8))
        #expect(
            start.headers.array == [
                HeaderField(name: "Connection", value: "Upgrade"),
                HeaderField(name: "Content-Type", value: "application/json"),
                HeaderField(name: "Upgrade", value: "tcp"),
            ])
        #expect(start.hijacks)
        #expect(DockerCalls.startExec(id, tty: false).body == Array(#"{"Detach":false,"Tty":false}"#.utf8))
        #expect(DockerCalls.inspectExec(id) == DockerCall(method: "GET", target: "/exec/\(id)/json"))
    }

    @Test func bodiesEscapeWhatTheyCarry() throws {
        let call = DockerCalls.createContainer(try run(#"-e 'Q="x\y"' busybox echo 'a"b'"#))
        #expect(try json(call)["Env"] == json(#"["Q=\"x\\y\""]"#))
        #expect(try json(call)["Cmd"] == json(#"["echo","a\"b"]"#))
    }
}

/// Create and exec bodies the docker CLI 28.2.2 sent (captured through `sockshell tap`, 30x100 pty).
private enum CLIBodies {
    /// `docker run -it --rm --label sockshell.test --name livecore-runit busybox sh`
    static let runInteractiveTTY = #"""
        {"Hostname":"","Domainname":"","User":"","AttachStdin":true,"AttachStdout":true,"AttachStderr":true,\#
        "Tty":true,"OpenStdin":true,"StdinOnce":true,"Env":null,"Cmd":["sh"],"Image":"busybox","Volumes":{},\#
        "WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{"sockshell.test":""},\#
        "HostConfig":{"Binds":null,"ContainerIDFile":"","LogConfig":{"Type":"","Config":{}},\#
        "NetworkMode":"default","PortBindings":{},"RestartPolicy":{"Name":"no","MaximumRetryCount":0},\#
        "AutoRemove":true,"VolumeDriver":"","VolumesFrom":null,"ConsoleSize":[30,100],"CapAdd":null,\#
        "CapDrop":null,"CgroupnsMode":"","Dns":[],"DnsOptions":[],"DnsSearch":[],"ExtraHosts":null,\#
        "GroupAdd":null,"IpcMode":"","Cgroup":"","Links":null,"OomScoreAdj":0,"PidMode":"",\#
        "Privileged":false,"PublishAllPorts":false,"ReadonlyRootfs":false,"SecurityOpt":null,"UTSMode":"",\#
        "UsernsMode":"","ShmSize":0,"Isolation":"","CpuShares":0,"Memory":0,"NanoCpus":0,"CgroupParent":"",\#
        "BlkioWeight":0,"BlkioWeightDevice":[],"BlkioDeviceReadBps":[],"BlkioDeviceWriteBps":[],\#
        "BlkioDeviceReadIOps":[],"BlkioDeviceWriteIOps":[],"CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,\#
        "CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"","Devices":[],"DeviceCgroupRules":null,\#
        "DeviceRequests":null,"MemoryReservation":0,"MemorySwap":0,"MemorySwappiness":-1,\#
        "OomKillDisable":false,"PidsLimit":0,"Ulimits":[],"CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,\#
        "IOMaximumBandwidth":0,"MaskedPaths":null,"ReadonlyPaths":null},\#
        "NetworkingConfig":{"EndpointsConfig":{"default":{"IPAMConfig":null,"Links":null,"Aliases":null,\#
        "MacAddress":"","DriverOpts":null,"GwPriority":0,"NetworkID":"","EndpointID":"","Gateway":"",\#
        "IPAddress":"","IPPrefixLen":0,"IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,\#
        "DNSNames":null}}}}
        """#
    /// `docker run --rm --label sockshell.test --name livecore-echo busybox echo hi`
    static let runEcho = #"""
        {"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":true,\#
        "AttachStderr":true,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":["echo","hi"],\#
        "Image":"busybox","Volumes":{},"WorkingDir":"","Entrypoint":null,"OnBuild":null,\#
        "Labels":{"sockshell.test":""},"HostConfig":{"Binds":null,"ContainerIDFile":"",\#
        "LogConfig":{"Type":"","Config":{}},"NetworkMode":"default","PortBindings":{},\#
        "RestartPolicy":{"Name":"no","MaximumRetryCount":0},"AutoRemove":true,"VolumeDriver":"",\#
        "VolumesFrom":null,"ConsoleSize":[0,0],"CapAdd":null,"CapDrop":null,"CgroupnsMode":"","Dns":[],\#
        "DnsOptions":[],"DnsSearch":[],"ExtraHosts":null,"GroupAdd":null,"IpcMode":"","Cgroup":"",\#
        "Links":null,"OomScoreAdj":0,"PidMode":"","Privileged":false,"PublishAllPorts":false,\#
        "ReadonlyRootfs":false,"SecurityOpt":null,"UTSMode":"","UsernsMode":"","ShmSize":0,"Isolation":"",\#
        "CpuShares":0,"Memory":0,"NanoCpus":0,"CgroupParent":"","BlkioWeight":0,"BlkioWeightDevice":[],\#
        "BlkioDeviceReadBps":[],"BlkioDeviceWriteBps":[],"BlkioDeviceReadIOps":[],"BlkioDeviceWriteIOps":[],\#
        "CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"",\#
        "CpusetMems":"","Devices":[],"DeviceCgroupRules":null,"DeviceRequests":null,"MemoryReservation":0,\#
        "MemorySwap":0,"MemorySwappiness":-1,"OomKillDisable":false,"PidsLimit":0,"Ulimits":[],"CpuCount":0,\#
        "CpuPercent":0,"IOMaximumIOps":0,"IOMaximumBandwidth":0,"MaskedPaths":null,"ReadonlyPaths":null},\#
        "NetworkingConfig":{"EndpointsConfig":{"default":{"IPAMConfig":null,"Links":null,"Aliases":null,\#
        "MacAddress":"","DriverOpts":null,"GwPriority":0,"NetworkID":"","EndpointID":"","Gateway":"",\#
        "IPAddress":"","IPPrefixLen":0,"IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,\#
        "DNSNames":null}}}}
        """#
    /// `echo hi | docker run -i --rm --label sockshell.test --name livecore-cat busybox cat`
    static let runPipedStdin = #"""
        {"Hostname":"","Domainname":"","User":"","AttachStdin":true,"AttachStdout":true,"AttachStderr":true,\#
        "Tty":false,"OpenStdin":true,"StdinOnce":true,"Env":null,"Cmd":["cat"],"Image":"busybox",\#
        "Volumes":{},"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{"sockshell.test":""},\#
        "HostConfig":{"Binds":null,"ContainerIDFile":"","LogConfig":{"Type":"","Config":{}},\#
        "NetworkMode":"default","PortBindings":{},"RestartPolicy":{"Name":"no","MaximumRetryCount":0},\#
        "AutoRemove":true,"VolumeDriver":"","VolumesFrom":null,"ConsoleSize":[0,0],"CapAdd":null,\#
        "CapDrop":null,"CgroupnsMode":"","Dns":[],"DnsOptions":[],"DnsSearch":[],"ExtraHosts":null,\#
        "GroupAdd":null,"IpcMode":"","Cgroup":"","Links":null,"OomScoreAdj":0,"PidMode":"",\#
        "Privileged":false,"PublishAllPorts":false,"ReadonlyRootfs":false,"SecurityOpt":null,"UTSMode":"",\#
        "UsernsMode":"","ShmSize":0,"Isolation":"","CpuShares":0,"Memory":0,"NanoCpus":0,"CgroupParent":"",\#
        "BlkioWeight":0,"BlkioWeightDevice":[],"BlkioDeviceReadBps":[],"BlkioDeviceWriteBps":[],\#
        "BlkioDeviceReadIOps":[],"BlkioDeviceWriteIOps":[],"CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,\#
        "CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"","Devices":[],"DeviceCgroupRules":null,\#
        "DeviceRequests":null,"MemoryReservation":0,"MemorySwap":0,"MemorySwappiness":-1,\#
        "OomKillDisable":false,"PidsLimit":0,"Ulimits":[],"CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,\#
        "IOMaximumBandwidth":0,"MaskedPaths":null,"ReadonlyPaths":null},\#
        "NetworkingConfig":{"EndpointsConfig":{"default":{"IPAMConfig":null,"Links":null,"Aliases":null,\#
        "MacAddress":"","DriverOpts":null,"GwPriority":0,"NetworkID":"","EndpointID":"","Gateway":"",\#
        "IPAddress":"","IPPrefixLen":0,"IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,\#
        "DNSNames":null}}}}
        """#
    /// `docker run -d --label sockshell.test --name livecore-sleep busybox sleep 5`
    static let runDetached = #"""
        {"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,\#
        "AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":["sleep","5"],\#
        "Image":"busybox","Volumes":{},"WorkingDir":"","Entrypoint":null,"OnBuild":null,\#
        "Labels":{"sockshell.test":""},"HostConfig":{"Binds":null,"ContainerIDFile":"",\#
        "LogConfig":{"Type":"","Config":{}},"NetworkMode":"default","PortBindings":{},\#
        "RestartPolicy":{"Name":"no","MaximumRetryCount":0},"AutoRemove":false,"VolumeDriver":"",\#
        "VolumesFrom":null,"ConsoleSize":[0,0],"CapAdd":null,"CapDrop":null,"CgroupnsMode":"","Dns":[],\#
        "DnsOptions":[],"DnsSearch":[],"ExtraHosts":null,"GroupAdd":null,"IpcMode":"","Cgroup":"",\#
        "Links":null,"OomScoreAdj":0,"PidMode":"","Privileged":false,"PublishAllPorts":false,\#
        "ReadonlyRootfs":false,"SecurityOpt":null,"UTSMode":"","UsernsMode":"","ShmSize":0,"Isolation":"",\#
        "CpuShares":0,"Memory":0,"NanoCpus":0,"CgroupParent":"","BlkioWeight":0,"BlkioWeightDevice":[],\#
        "BlkioDeviceReadBps":[],"BlkioDeviceWriteBps":[],"BlkioDeviceReadIOps":[],"BlkioDeviceWriteIOps":[],\#
        "CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"",\#
        "CpusetMems":"","Devices":[],"DeviceCgroupRules":null,"DeviceRequests":null,"MemoryReservation":0,\#
        "MemorySwap":0,"MemorySwappiness":-1,"OomKillDisable":false,"PidsLimit":0,"Ulimits":[],"CpuCount":0,\#
        "CpuPercent":0,"IOMaximumIOps":0,"IOMaximumBandwidth":0,"MaskedPaths":null,"ReadonlyPaths":null},\#
        "NetworkingConfig":{"EndpointsConfig":{"default":{"IPAMConfig":null,"Links":null,"Aliases":null,\#
        "MacAddress":"","DriverOpts":null,"GwPriority":0,"NetworkID":"","EndpointID":"","Gateway":"",\#
        "IPAddress":"","IPPrefixLen":0,"IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,\#
        "DNSNames":null}}}}
        """#
    /// `docker run -it --rm --detach-keys ctrl-x,q -e A=1 --label sockshell.test --name livecore-runkeys busybox sh`
    static let runDetachKeys = #"""
        {"Hostname":"","Domainname":"","User":"","AttachStdin":true,"AttachStdout":true,"AttachStderr":true,\#
        "Tty":true,"OpenStdin":true,"StdinOnce":true,"Env":["A=1"],"Cmd":["sh"],"Image":"busybox",\#
        "Volumes":{},"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{"sockshell.test":""},\#
        "HostConfig":{"Binds":null,"ContainerIDFile":"","LogConfig":{"Type":"","Config":{}},\#
        "NetworkMode":"default","PortBindings":{},"RestartPolicy":{"Name":"no","MaximumRetryCount":0},\#
        "AutoRemove":true,"VolumeDriver":"","VolumesFrom":null,"ConsoleSize":[30,100],"CapAdd":null,\#
        "CapDrop":null,"CgroupnsMode":"","Dns":[],"DnsOptions":[],"DnsSearch":[],"ExtraHosts":null,\#
        "GroupAdd":null,"IpcMode":"","Cgroup":"","Links":null,"OomScoreAdj":0,"PidMode":"",\#
        "Privileged":false,"PublishAllPorts":false,"ReadonlyRootfs":false,"SecurityOpt":null,"UTSMode":"",\#
        "UsernsMode":"","ShmSize":0,"Isolation":"","CpuShares":0,"Memory":0,"NanoCpus":0,"CgroupParent":"",\#
        "BlkioWeight":0,"BlkioWeightDevice":[],"BlkioDeviceReadBps":[],"BlkioDeviceWriteBps":[],\#
        "BlkioDeviceReadIOps":[],"BlkioDeviceWriteIOps":[],"CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,\#
        "CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"","Devices":[],"DeviceCgroupRules":null,\#
        "DeviceRequests":null,"MemoryReservation":0,"MemorySwap":0,"MemorySwappiness":-1,\#
        "OomKillDisable":false,"PidsLimit":0,"Ulimits":[],"CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,\#
        "IOMaximumBandwidth":0,"MaskedPaths":null,"ReadonlyPaths":null},\#
        "NetworkingConfig":{"EndpointsConfig":{"default":{"IPAMConfig":null,"Links":null,"Aliases":null,\#
        "MacAddress":"","DriverOpts":null,"GwPriority":0,"NetworkID":"","EndpointID":"","Gateway":"",\#
        "IPAddress":"","IPPrefixLen":0,"IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,\#
        "DNSNames":null}}}}
        """#
    /// `docker exec -it -e FOO=bar -w /tmp -u 0 livecore-target sh`
    static let execInteractiveTTY = #"""
        {"User":"0","Privileged":false,"Tty":true,"AttachStdin":true,"AttachStderr":true,\#
        "AttachStdout":true,"Detach":false,"DetachKeys":"","Env":["FOO=bar"],"WorkingDir":"/tmp",\#
        "Cmd":["sh"]}
        """#
    /// `docker exec livecore-target echo hi`
    static let execEcho = #"""
        {"User":"","Privileged":false,"Tty":false,"AttachStdin":false,"AttachStderr":true,\#
        "AttachStdout":true,"Detach":false,"DetachKeys":"","Env":null,"WorkingDir":"","Cmd":["echo","hi"]}
        """#
    /// `docker exec -it --detach-keys ctrl-x,q livecore-target sh`
    static let execDetachKeys = #"""
        {"User":"","Privileged":false,"Tty":true,"AttachStdin":true,"AttachStderr":true,"AttachStdout":true,\#
        "Detach":false,"DetachKeys":"ctrl-x,q","Env":null,"WorkingDir":"","Cmd":["sh"]}
        """#
}
