import Testing

@testable import SockshellCore

/// `attach`, `exec` and `run` read as docker reads their options.
struct LiveCommandsTests {
    private func words(_ line: String) throws -> [String] { try ShellWords.split(line) }

    /// The message of the CommandSyntaxError `body` throws; nil when it throws nothing (or something else).
    private func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return (error as? CommandSyntaxError)?.message
        }
    }

    @Test func attachTakesOneContainerAndDetachKeys() throws {
        #expect(try AttachCommand.parse(["web"]) == AttachCommand(container: "web"))
        let keyed = try AttachCommand.parse(words("--detach-keys ctrl-x,q web"))
        #expect(keyed.detachKeys?.bytes == [0x18, 0x71])
        #expect(try AttachCommand.parse(words("--detach-keys=ctrl-x,q web")) == keyed)
    }

    @Test func attachRefusesWhatItCannotUse() {
        #expect(message { _ = try AttachCommand.parse([]) }?.hasPrefix("attach needs a container") == true)
        #expect(message { _ = try AttachCommand.parse(["web", "sh"]) }?.contains("exec runs one") == true)
        #expect(
            message { _ = try AttachCommand.parse(["--detach-keys", "ctrl-1", "web"]) }
                == """
                attach --detach-keys: unknown detach key 'ctrl-1' in 'ctrl-1': use ctrl-a..ctrl-z, ctrl-@, ctrl-[, \
                ctrl-\\, ctrl-], ctrl-^, ctrl-_, DEL or one character, comma-separated (docker's --detach-keys \
                format, e.g. ctrl-x,q)
                """)
        #expect(message { _ = try AttachCommand.parse(["--detach-keys"]) }?.contains("needs a value") == true)
        #expect(
            message { _ = try AttachCommand.parse(["--sig-proxy", "web"]) }
                == """
                unknown attach option '--sig-proxy': attach takes --detach-keys KEYS before the container, e.g. \
                attach web or attach --detach-keys ctrl-x,q web
                """)
    }

    @Test func execReadsItsOptionsUpToTheContainer() throws {
        let exec = try ExecCommand.parse(words("-t -e FOO=bar --env=A=1 -eB=2 -w /tmp -u 0 web sh -c 'echo -e hi'"))
        #expect(
            exec
                == ExecCommand(
                    container: "web", command: ["sh", "-c", "echo -e hi"], tty: true,
                    environment: ["FOO=bar", "A=1", "B=2"], workingDirectory: "/tmp", user: "0"))
        #expect(try ExecCommand.parse(words("web ls -l")).tty == nil)
        #expect(try ExecCommand.parse(words("-T web ls")).tty == false)
        // docker's -it is accepted: stdin is always attached in a live session, -t is what counts.
        #expect(try ExecCommand.parse(words("-it web sh")).tty == true)
        #expect(try ExecCommand.parse(words("--tty --detach-keys ctrl-a web sh")).detachKeys?.bytes == [0x01])
        // After the container every word is the command's, options included.
        #expect(try ExecCommand.parse(words("web -t")).command == ["-t"])
        #expect(try ExecCommand.parse(words("-- web sh")).container == "web")
    }

    @Test func execSaysWhatIsMissingOrWrong() {
        #expect(message { _ = try ExecCommand.parse([]) }?.hasPrefix("exec needs a container and a command") == true)
        #expect(
            message { _ = try ExecCommand.parse(["web"]) }
                == "exec needs a command to run in web, e.g. exec web sh")
        #expect(
            message { _ = try ExecCommand.parse(["-tT", "web", "sh"]) }
                == "exec -t forces a TTY and -T forces none: give one of them, e.g. exec -t web sh")
        #expect(
            message { _ = try ExecCommand.parse(["-e", "FOO", "web", "sh"]) }?.contains("is not NAME=VALUE") == true)
        #expect(
            message { _ = try ExecCommand.parse(["-e", "=x", "web", "sh"]) }?.contains("is not NAME=VALUE") == true)
        #expect(
            message { _ = try ExecCommand.parse(["-w"]) }
                == "exec -w needs a value: -w DIR before the container, e.g. exec -it web sh or exec web ls -l /")
        #expect(
            message { _ = try ExecCommand.parse(["-tx", "web", "sh"]) }
                == """
                unknown exec option '-x' (in '-tx'): exec takes -t, -T, -i, --detach-keys KEYS, -e NAME=VALUE, \
                -w DIR, -u USER before the container, e.g. exec -it web sh or exec web ls -l /
                """)
    }

    @Test func runReadsDockersFlagsUpToTheImage() throws {
        let run = try RunCommand.parse(
            words("-it --rm --name web --detach-keys ctrl-x,q -e A=1 -l sockshell.test busybox sh -c 'echo hi'"))
        #expect(
            run
                == RunCommand(
                    image: "busybox", command: ["sh", "-c", "echo hi"], interactive: true, tty: true,
                    removeWhenDone: true, name: "web", detachKeys: try DetachKeys(parsing: "ctrl-x,q"),
                    environment: ["A=1"], labels: ["sockshell.test"]))
        #expect(
            try RunCommand.parse(words("-ti busybox")) == RunCommand(image: "busybox", interactive: true, tty: true))
        #expect(
            try RunCommand.parse(words("-i -t busybox")) == RunCommand(image: "busybox", interactive: true, tty: true))
        // -d with --rm and -d with -i are allowed, as in docker.
        #expect(
            try RunCommand.parse(words("-d --rm busybox sleep 5"))
                == RunCommand(image: "busybox", command: ["sleep", "5"], detach: true, removeWhenDone: true))
        #expect(try RunCommand.parse(words("-di busybox cat")).interactive)
        // Options end at the image: these are the container's.
        #expect(try RunCommand.parse(words("busybox ls -l --rm")).command == ["ls", "-l", "--rm"])
        #expect(try RunCommand.parse(words("busybox ls -l --rm")).removeWhenDone == false)
        #expect(try RunCommand.parse(words("--rm=false --name=x busybox")) == RunCommand(image: "busybox", name: "x"))
        #expect(try RunCommand.parse(words("--name a --name b busybox")).name == "b")
    }

    @Test func runSaysWhatIsMissingOrUnknown() {
        #expect(
            message { _ = try RunCommand.parse([]) }
                == "run needs an image: the image (options end there, as in docker), e.g. run -it --rm busybox sh")
        #expect(
            message { _ = try RunCommand.parse(["-p", "80:80", "nginx"]) }
                == """
                unknown run option '-p': run takes -i, -t, -d, --rm, --name NAME, --detach-keys KEYS, -e NAME=VALUE, \
                -l KEY=VALUE before the image (options end there, as in docker), e.g. run -it --rm busybox sh
                """)
        #expect(message { _ = try RunCommand.parse(["--name"]) }?.hasPrefix("run --name needs a value") == true)
        #expect(message { _ = try RunCommand.parse(["--rm=maybe", "busybox"]) }?.contains("is a flag") == true)
        #expect(
            message { _ = try RunCommand.parse(["-e", "NOVALUE", "busybox"]) }?.contains("-e NAME=${env:NAME}") == true)
        #expect(message { _ = try RunCommand.parse(["-l", "=x", "busybox"]) }?.contains("has no key") == true)
    }
}
