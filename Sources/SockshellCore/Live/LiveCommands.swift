/// `attach [--detach-keys KEYS] CONTAINER`: a live session on a running container's stdin, stdout and stderr.
public struct AttachCommand: Sendable, Equatable {
    public var container: String
    /// `--detach-keys`; nil leaves the choice to the session setting (docker's default, Ctrl-P Ctrl-Q).
    public var detachKeys: DetachKeys?

    public init(container: String, detachKeys: DetachKeys? = nil) {
        self.container = container
        self.detachKeys = detachKeys
    }

    static let options = [LiveOption(nil, "detach-keys", value: "KEYS")]
    static let usage = "the container, e.g. attach web or attach --detach-keys ctrl-x,q web"

    /// Reads the words after `attach`, split as the shell splits words (`ShellWords.split`).
    public static func parse(_ words: [String]) throws(CommandSyntaxError) -> AttachCommand {
        let read = try LiveOptionWords(words, command: "attach", options: options, usage: usage)
        guard read.operands.count == 1 else {
            throw CommandSyntaxError(
                read.operands.isEmpty
                    ? "attach needs a container: \(usage)"
                    : "attach takes one container and no command (exec runs one): \(usage)")
        }
        return AttachCommand(
            container: read.operands[0], detachKeys: try parseDetachKeys(read.value("detach-keys"), command: "attach"))
    }
}

/// `exec [-t | -T] [--detach-keys KEYS] [-e NAME=VALUE]... [-w DIR] [-u USER] CONTAINER COMMAND [ARG...]`.
public struct ExecCommand: Sendable, Equatable {
    public var container: String
    /// The command and its arguments, as the exec's `Cmd`.
    public var command: [String]
    /// `-t` (true) forces a TTY, `-T` (false) forces none; nil: a TTY when stdin is a terminal.
    public var tty: Bool?
    public var detachKeys: DetachKeys?
    /// `-e NAME=VALUE`, in order.
    public var environment: [String]
    /// `-w DIR`.
    public var workingDirectory: String?
    /// `-u USER` (name, uid, or uid:gid, as docker takes it).
    public var user: String?

    public init(
        container: String, command: [String], tty: Bool? = nil, detachKeys: DetachKeys? = nil,
        environment: [String] = [], workingDirectory: String? = nil, user: String? = nil
    ) {
        self.container = container
        self.command = command
        self.tty = tty
        self.detachKeys = detachKeys
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.user = user
    }

    // `-i` is accepted so docker's `exec -it` works as typed; a live session always attaches stdin.
    static let options = [
        LiveOption("t", "tty"), LiveOption("T", "no-tty"), LiveOption("i", "interactive"),
        LiveOption(nil, "detach-keys", value: "KEYS"), LiveOption("e", "env", value: "NAME=VALUE"),
        LiveOption("w", "workdir", value: "DIR"), LiveOption("u", "user", value: "USER"),
    ]
    static let usage = "the container, e.g. exec -it web sh or exec web ls -l /"

    /// Reads the words after `exec`, split as the shell splits words (`ShellWords.split`).
    public static func parse(_ words: [String]) throws(CommandSyntaxError) -> ExecCommand {
        let read = try LiveOptionWords(words, command: "exec", options: options, usage: usage)
        guard read.operands.count >= 2 else {
            throw CommandSyntaxError(
                read.operands.isEmpty
                    ? "exec needs a container and a command: \(usage)"
                    : "exec needs a command to run in \(read.operands[0]), e.g. exec \(read.operands[0]) sh")
        }
        let forced = read.flag("tty")
        let refused = read.flag("no-tty")
        if forced && refused {
            throw CommandSyntaxError("exec -t forces a TTY and -T forces none: give one of them, e.g. exec -t web sh")
        }
        return ExecCommand(
            container: read.operands[0], command: Array(read.operands.dropFirst()),
            tty: forced ? true : refused ? false : nil,
            detachKeys: try parseDetachKeys(read.value("detach-keys"), command: "exec"),
            environment: try parseEnvironment(read.values("env"), command: "exec"),
            workingDirectory: read.value("workdir"), user: read.value("user"))
    }
}

/// `run [-i] [-t] [-d] [--rm] [--name NAME] [--detach-keys KEYS] [-e NAME=VALUE]... [-l KEY=VALUE]... IMAGE
/// [COMMAND [ARG...]]`: what `docker run` does, one call at a time.
public struct RunCommand: Sendable, Equatable {
    public var image: String
    /// Empty: the image's own command.
    public var command: [String]
    /// `-i`: attach stdin (and keep it open, `OpenStdin` and `StdinOnce`).
    public var interactive: Bool
    /// `-t`: a TTY.
    public var tty: Bool
    /// `-d`: start it and print its id, without attaching.
    public var detach: Bool
    /// `--rm`: the daemon removes the container when it exits (`HostConfig.AutoRemove`).
    public var removeWhenDone: Bool
    /// `--name`.
    public var name: String?
    public var detachKeys: DetachKeys?
    /// `-e NAME=VALUE`, in order.
    public var environment: [String]
    /// `-l KEY[=VALUE]` (`--label`), in order: how tests mark their containers (`sockshell.test`).
    public var labels: [String]

    public init(
        image: String, command: [String] = [], interactive: Bool = false, tty: Bool = false, detach: Bool = false,
        removeWhenDone: Bool = false, name: String? = nil, detachKeys: DetachKeys? = nil, environment: [String] = [],
        labels: [String] = []
    ) {
        self.image = image
        self.command = command
        self.interactive = interactive
        self.tty = tty
        self.detach = detach
        self.removeWhenDone = removeWhenDone
        self.name = name
        self.detachKeys = detachKeys
        self.environment = environment
        self.labels = labels
    }

    static let options = [
        LiveOption("i", "interactive"), LiveOption("t", "tty"), LiveOption("d", "detach"), LiveOption(nil, "rm"),
        LiveOption(nil, "name", value: "NAME"), LiveOption(nil, "detach-keys", value: "KEYS"),
        LiveOption("e", "env", value: "NAME=VALUE"), LiveOption("l", "label", value: "KEY=VALUE"),
    ]
    static let usage = "the image (options end there, as in docker), e.g. run -it --rm busybox sh"

    /// Reads the words after `run`, split as the shell splits words (`ShellWords.split`).
    public static func parse(_ words: [String]) throws(CommandSyntaxError) -> RunCommand {
        let read = try LiveOptionWords(words, command: "run", options: options, usage: usage)
        guard let image = read.operands.first else { throw CommandSyntaxError("run needs an image: \(usage)") }
        let labels = read.values("label")
        if let empty = labels.first(where: { $0.isEmpty || $0.hasPrefix("=") }) {
            throw CommandSyntaxError(
                "run -l '\(empty)' has no key: give -l KEY=VALUE, e.g. run -l sockshell.test busybox")
        }
        return RunCommand(
            image: image, command: Array(read.operands.dropFirst()), interactive: read.flag("interactive"),
            tty: read.flag("tty"), detach: read.flag("detach"), removeWhenDone: read.flag("rm"),
            name: read.value("name"), detachKeys: try parseDetachKeys(read.value("detach-keys"), command: "run"),
            environment: try parseEnvironment(read.values("env"), command: "run"), labels: labels)
    }
}

private func parseDetachKeys(_ text: String?, command: String) throws(CommandSyntaxError) -> DetachKeys? {
    guard let text else { return nil }
    do {
        return try DetachKeys(parsing: text)
    } catch {
        throw CommandSyntaxError("\(command) --detach-keys: \(error.message)")
    }
}

/// `-e` values must be NAME=VALUE: docker's bare `-e NAME` copies NAME from the client's environment, which
/// the shell does not hand to containers unasked (write `-e NAME=${env:NAME}` for that).
private func parseEnvironment(_ values: [String], command: String) throws(CommandSyntaxError) -> [String] {
    for value in values {
        guard let equals = value.firstIndex(of: "="), equals != value.startIndex else {
            throw CommandSyntaxError(
                """
                \(command) -e '\(value)' is not NAME=VALUE: give both, e.g. \(command) -e TERM=xterm (or \
                -e NAME=${env:NAME} for a variable of your environment)
                """
            )
        }
    }
    return values
}
