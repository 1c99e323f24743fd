import SockshellCore

/// What a session keeps of the commands typed: the masked command log behind `export script`,
/// and the recording (`record FILE`, `--record FILE`) that exchanges are written to.
final class SessionRecording {
    /// Where the session is being recorded, if anywhere.
    private(set) var recorder: SessionRecorder?
    /// The commands run so far as typed (credentials masked), for `export script`.
    private(set) var commandLog: [String] = []
    /// Commands kept for `export script`: a long session's worth, without growing forever.
    static let commandsKept = 100_000

    private let output: SessionOutput

    init(output: SessionOutput) {
        self.output = output
    }

    /// Keeps a command for `export script` (masked) and writes it to the recording (masked unless
    /// --no-mask); the masking is done once for both.
    func logCommand(_ text: String, as command: Command? = nil) {
        let masked = command.map { CommandTextMasking.mask(text, as: $0) } ?? CommandTextMasking.mask(text)
        keep(masked)
        recorder?.command(typed: text, masked: masked)
    }

    /// A line a lesson adds for `export script` (`let id = .Id` after the exchange it captured
    /// from, `set socket = ...`): only the command log, since a recording's exchanges carry the
    /// values themselves.
    func logLessonLine(_ text: String) {
        keep(text)
    }

    private func keep(_ line: String) {
        commandLog.append(line)
        if commandLog.count > Self.commandsKept { commandLog.removeFirst(commandLog.count - Self.commandsKept) }
    }

    /// Commands that change what the session sends; the rest (help, jobs, record, show, ...) only
    /// look at it, and a replayed or re-run script needs none of them.
    static func isRecorded(_ command: Command) -> Bool {
        switch command {
        case .request, .raw, .curl, .header, .connect, .view, .set, .capture, .expect, .echo, .sleep: return true
        // Its lines keep a recording run as a script on the paths it was made with (show alone changes nothing).
        case .apiVersion(let versionCommand): return versionCommand != .show
        // A script exported from the session stays as quiet (or not) as the session was.
        case .warnings(let setting): return setting != nil
        default: return false
        }
    }

    /// Starts writing the session to `path`; the reason when the file cannot be used.
    func begin(_ path: String, mode: RecordMode, masksSecrets: Bool, endpoint: Endpoint) -> String? {
        if let recorder { return "already recording to \(recorder.path): record stop ends it first" }
        switch SessionRecorder.open(path, mode: mode, masksSecrets: masksSecrets, endpoint: endpoint) {
        case .success(let opened):
            recorder = opened
            return nil
        case .failure(let failure):
            return failure.message
        }
    }

    func stop() {
        recorder?.close()
        recorder = nil
    }

    /// After an exchange: a recording that could not be written stops, keeping what it holds.
    func stopIfWriteFailed() {
        guard let failure = recorder?.writeFailure else { return }
        output.diagnostic("the recording stopped: \(failure) (what was written before is kept)")
        stop()
    }

    /// `record`, `record FILE`, `record stop`.
    func run(_ command: RecordCommand, endpoint: Endpoint) -> CommandResult {
        switch command {
        case .status:
            output.say(
                recorder.map { "recording to \($0.path) (record stop ends it)\n" }
                    ?? "not recording (record FILE starts)\n")
            return .proceed
        case .stop:
            guard let recorder else {
                return .failed("not recording: record FILE starts a recording")
            }
            output.say("recording to \(recorder.path) stopped\n")
            stop()
            return .proceed
        case .start(let path, let mode, let masks, let keepsInput):
            if let failure = begin(path, mode: mode, masksSecrets: masks, endpoint: endpoint) {
                return .failed(failure)
            }
            recorder?.keepsLiveInput = keepsInput
            let input = keepsInput ? "" : " (what is typed into live sessions left out)"
            output.say(
                "recording to \(path)\(masks ? "" : " (credentials NOT masked)")\(input) (record stop ends it)\n")
            return .proceed
        }
    }

    /// The command log as a script, for `export script FILE`; nil when nothing was typed yet.
    func scriptText() -> String? {
        guard !commandLog.isEmpty else { return nil }
        return "# commands of a sockshell session, \(WallClock.iso8601())\n" + commandLog.map { $0 + "\n" }.joined()
    }
}
