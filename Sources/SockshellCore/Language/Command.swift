/// One thing the user asked for, parsed from a line (or a JSON body continued over several lines).
public enum Command: Sendable, Equatable {
    case request(RequestCommand)
    /// `raw TEXT`: exactly these bytes go on the socket, nothing added.
    case raw([UInt8])
    case header(HeaderCommand)
    case connect(Endpoint)
    /// `connect --context NAME`: the endpoint of a docker context (`default` is the CLI's virtual one).
    case connectContext(String)
    /// `contexts`: the docker contexts, as `docker context ls` lists them, the one in use marked.
    case contexts
    /// `endpoint`: where requests go and which of the docker CLI's rules chose it.
    case whichEndpoint
    /// `sockets`: the places daemons listen (system, rootless, Desktop, colima, podman, contexts), probed.
    case sockets
    /// `api-version [X.Y | off | negotiate]`: the version put in front of unversioned paths.
    case apiVersion(APIVersionCommand)
    /// `view` alone shows the current view.
    case view(ViewMode?)
    /// `lang [ko | en]`: alone it says the language in use; with a code it switches to it.
    case language(ShellLanguage?)
    case help(topic: String?)
    /// `explain [TOPIC]`: a status, header, route or trap explained, or with no topic the last
    /// exchange's head annotated line by line.
    case explain(topic: String?)
    /// `warnings on|off`: the warnings said before a request is sent; alone, which it is.
    case warnings(Bool?)
    /// `history`: the interactive shell lists what was typed.
    case history
    /// `jobs`: background exchanges and how far they got.
    case jobs
    /// `fg N`: follow job N in the foreground until it ends or Ctrl-C.
    case foreground(job: Int)
    /// `stop N`: end job N.
    case stopJob(Int)
    /// `wait [N]`: until job N (or every job) has ended, as a shell's `wait`, so a script can
    /// use what a job answers before it goes on.
    case waitForJobs(Int?)
    /// `edit`: open the last request in $EDITOR and send what is saved.
    case edit
    /// `set NAME = value`: the value may itself hold `$references`.
    case set(name: String, value: VariableTemplate)
    /// `vars`: list the variables.
    case vars
    /// `echo TEXT`: print a line (variables filled in).
    case echo(VariableTemplate)
    /// `sleep SECONDS`: wait; Ctrl-C ends the wait.
    case sleep(seconds: Double)
    /// `source FILE`: run the commands of another script here.
    case source(path: String)
    /// A pasted `curl ...` command line.
    case curl(CurlRequest)
    /// `let NAME = QUERY | header Name | status`: capture from the last exchange.
    case capture(name: String, from: CaptureSource)
    /// `expect ...`: an assertion on the last exchange (or a background event stream).
    case expect(Expectation)
    /// `export curl [N]` / `export http [N]`: the last (or Nth) request in another tool's form.
    case export(ExportFormat, exchange: Int?)
    /// `export har FILE` / `export script FILE`: the session written to a file.
    case exportFile(ExportFileFormat, path: String)
    /// `record FILE`, `record stop`: write the session to a recording as it happens.
    case record(RecordCommand)
    /// `replay FILE`: send a recording's requests again and compare the answers.
    case replay(ReplayRequest)
    /// `lesson ...`, `next`, `back`, `hint`, `check`, `where`: guided lessons.
    case lesson(LessonCommand)
    /// `show [N] [VIEW]`: re-render exchange N (else the last) of this session from its bytes.
    case show(exchange: Int?, view: ViewMode?)
    /// `tap PATH [&]`: listen on PATH and relay every client to the daemon, showing what it sends.
    case tap(path: String, background: Bool)
    /// `attach`, `exec` or `run`: the docker CLI's call sequence, step by step, ending in a live
    /// session. The words are kept as a template and parsed again once their `$references` are
    /// filled (`attach $id`); they were checked when the line was read.
    case docker(DockerCommandKind, arguments: VariableTemplate)
    /// `send TEXT`: bytes for the current live session (a script's), `raw`'s escapes and
    /// `$references` in them.
    case send(VariableTemplate)
    /// `close`: ends the current live session's input (a half-close) and waits for its end.
    case closeInput
    /// `!COMMAND`: run a shell command line, with DOCKER_HOST pointing at the most recent tap.
    case shell(String)
    /// `on event TYPE ACTION...` ... `end`: commands run for each event of a stream kept open.
    case onEvent(EventBlock)
    case exit
    /// A blank line or a comment.
    case nothing
}

public struct RequestCommand: Sendable, Equatable {
    public var method: String
    /// The target, header values and body are constants: `templates` is parsed from them.
    public let target: String
    /// The version written in the request line: `HTTP/1.1`, or `HTTP/1.0` when typed after the target.
    public let version: String
    /// `-H 'Name: value'` given on this request only.
    public let headers: HTTPFields
    /// Header names not to send at all, not even the automatic ones (a curl line's `-H 'Name:'`).
    public var removedHeaders: [String]
    public let body: RequestBody
    /// A trailing `&`: run as a background job on its own connection.
    public var background: Bool
    /// The `$references` of the target, header values and inline body, parsed once here, when the
    /// line is parsed; `filled(value:)` fills them when the request is sent.
    public let templates: RequestTemplates

    public init(
        method: String, target: String, version: String = "HTTP/1.1", headers: HTTPFields = [],
        removedHeaders: [String] = [], body: RequestBody = .none, background: Bool = false
    ) {
        self.init(
            method: method, target: target, version: version, headers: headers, removedHeaders: removedHeaders,
            body: body, background: background,
            templates: RequestTemplates(target: target, headers: headers, body: body))
    }

    init(
        method: String, target: String, version: String, headers: HTTPFields, removedHeaders: [String],
        body: RequestBody, background: Bool, templates: RequestTemplates
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.removedHeaders = removedHeaders
        self.body = body
        self.background = background
        self.templates = templates
    }
}

public enum RequestBody: Sendable, Equatable {
    case none
    case inline([UInt8])
    /// `@path`: read when the request is sent.
    case file(String)
}

/// Where `let` takes its value from.
public enum CaptureSource: Sendable, Equatable {
    case query(JSONQuery)
    case header(String)
    case status
}

public enum ExportFormat: String, Sendable, Equatable, CaseIterable {
    /// A curl command that reproduces the request byte for byte against the same socket.
    case curl
    /// A block of a `.http` file (VS Code REST Client, JetBrains HTTP client).
    case http
}

public enum HeaderCommand: Sendable, Equatable {
    case list
    /// `header Name: value`: the value's `$references` parsed with the line, filled when it runs.
    case set(HeaderField, value: TextTemplate)
    case remove(name: String)

    /// `header Name: value`, its value's template parsed here.
    public static func set(_ field: HeaderField) -> HeaderCommand {
        .set(field, value: TextTemplate(field.value))
    }
}

/// The commands that do what the docker CLI does, over the API.
public enum DockerCommandKind: String, Sendable, Equatable, CaseIterable {
    case attach, exec, run
}

/// One of them, parsed from its filled words.
public enum DockerCommand: Sendable, Equatable {
    case attach(AttachCommand)
    case exec(ExecCommand)
    case run(RunCommand)

    public init(_ kind: DockerCommandKind, words: [String]) throws(CommandSyntaxError) {
        switch kind {
        case .attach: self = .attach(try AttachCommand.parse(words))
        case .exec: self = .exec(try ExecCommand.parse(words))
        case .run: self = .run(try RunCommand.parse(words))
        }
    }

    /// Parses the words of `text` (split as a shell splits them, nothing expanded).
    public init(_ kind: DockerCommandKind, text: String) throws(CommandSyntaxError) {
        try self.init(kind, words: try ShellWords.split(text))
    }
}

/// `api-version` alone shows the version in use and where it came from.
public enum APIVersionCommand: Sendable, Equatable {
    case show
    case set(APIVersion)
    case off
    /// `HEAD /_ping` on the unversioned path, then the older of the daemon's Api-Version and sockshell's newest.
    case negotiate
}
