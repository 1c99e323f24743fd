/// `record FILE [--force|--append] [--no-mask]`, `record stop`, `record`.
public enum RecordCommand: Sendable, Equatable {
    /// `keepsInput` false (`--no-input`): what is typed into a live session is left out.
    case start(path: String, mode: RecordMode, masksSecrets: Bool, keepsInput: Bool = true)
    case stop
    /// `record` alone: say whether a recording is on, and where.
    case status
}

/// What to do when the recording file exists.
public enum RecordMode: Sendable, Equatable {
    /// A new file; an existing one is refused, so nothing saved is lost.
    case create
    /// `--force`: replace it.
    case overwrite
    /// `--append`: add to it.
    case append
}

/// `replay FILE [--show] [--ignore RULE]... [--stream-timeout SECONDS]`.
public struct ReplayRequest: Sendable, Equatable {
    public var path: String
    /// Re-display the recording without touching any socket.
    public var showOnly = false
    /// Extra comparison rules (see ReplayComparison.Rule) on top of the defaults.
    public var ignore: [String] = []
    /// The longest a recorded stream is replayed for, whatever it ran for when recorded.
    public var streamTimeoutSeconds: Double?

    public init(path: String, showOnly: Bool = false, ignore: [String] = [], streamTimeoutSeconds: Double? = nil) {
        self.path = path
        self.showOnly = showOnly
        self.ignore = ignore
        self.streamTimeoutSeconds = streamTimeoutSeconds
    }
}

/// `export har FILE` / `export script FILE`: the session to a file.
public enum ExportFileFormat: String, Sendable, Equatable, CaseIterable {
    /// HAR 1.2, for browser dev tools and HAR viewers.
    case har
    /// The commands as typed, as a script.
    case script
}

enum RecordingCommands {
    static func parseRecord(_ argument: String) throws(CommandSyntaxError) -> RecordCommand {
        let words = try ShellWords.split(argument)
        if words.isEmpty { return .status }
        if words == ["stop"] { return .stop }
        var path: String?
        var mode = RecordMode.create
        var masks = true
        var keepsInput = true
        for word in words {
            switch word {
            case "--force": mode = .overwrite
            case "--append": mode = .append
            case "--no-mask": masks = false
            case "--no-input": keepsInput = false
            default:
                if word.hasPrefix("-") {
                    throw CommandSyntaxError(
                        "unknown record option '\(word)': record FILE takes --force, --append, --no-mask and --no-input"
                    )
                }
                guard path == nil else {
                    throw CommandSyntaxError(
                        "record takes one file, e.g. record session.sks (quote a name with spaces)")
                }
                path = word
            }
        }
        guard let path else {
            throw CommandSyntaxError("record needs a file, e.g. record session.sks (record stop ends it)")
        }
        if words.contains("--force") && words.contains("--append") {
            throw CommandSyntaxError("record --force replaces the file and --append adds to it: choose one")
        }
        return .start(path: path, mode: mode, masksSecrets: masks, keepsInput: keepsInput)
    }

    static func parseReplay(_ argument: String) throws(CommandSyntaxError) -> ReplayRequest {
        let words = try ShellWords.split(argument)
        var request = ReplayRequest(path: "")
        var index = 0
        var path: String?
        while index < words.count {
            let word = words[index]
            index += 1
            switch word {
            case "--show": request.showOnly = true
            case "--ignore", "--stream-timeout":
                guard index < words.count else {
                    throw CommandSyntaxError(
                        word == "--ignore"
                            ? "--ignore needs a rule, e.g. --ignore .State.Pid or --ignore Created"
                            : "--stream-timeout needs seconds, e.g. --stream-timeout 5")
                }
                let value = words[index]
                index += 1
                if word == "--ignore" {
                    request.ignore.append(value)
                } else {
                    guard let seconds = Double(value.hasSuffix("s") ? String(value.dropLast()) : value), seconds >= 0,
                        seconds <= 366 * 24 * 3600
                    else {
                        throw CommandSyntaxError("--stream-timeout needs seconds, e.g. --stream-timeout 5")
                    }
                    request.streamTimeoutSeconds = seconds
                }
            default:
                if word.hasPrefix("-") {
                    throw CommandSyntaxError(
                        """
                        unknown replay option '\(word)': replay FILE takes --show, --ignore RULE and --stream-timeout \
                        SECONDS
                        """
                    )
                }
                guard path == nil else { throw CommandSyntaxError("replay takes one file, e.g. replay session.sks") }
                path = word
            }
        }
        guard let path else {
            throw CommandSyntaxError("replay needs a recording, e.g. replay session.sks (record FILE makes one)")
        }
        request.path = path
        return request
    }

    /// `show [N] [VIEW]`: N defaults to the last exchange, as `export curl` does.
    static func parseShow(_ argument: String) throws(CommandSyntaxError) -> Command {
        var words = argument.split(separator: " ").map(String.init)
        var number: Int?
        if let first = words.first, first.first?.isNumber == true {
            guard let value = Int(first), value > 0 else {
                throw CommandSyntaxError(
                    "show takes an exchange number from 1 up, e.g. show 3, or none for the last"
                )
            }
            number = value
            words.removeFirst()
        }
        guard words.count <= 1 else {
            throw CommandSyntaxError(
                "show takes an exchange number and a view, e.g. show 3 hex, or show alone for the last")
        }
        var view: ViewMode?
        if let word = words.first {
            guard let mode = ViewMode(rawValue: word.lowercased()) else {
                throw CommandSyntaxError(
                    """
                    unknown view '\(word)': choose one of \
                    \(ViewMode.allCases.map(\.rawValue).joined(separator: ", "))
                    """
                )
            }
            view = mode
        }
        return .show(exchange: number, view: view)
    }
}
