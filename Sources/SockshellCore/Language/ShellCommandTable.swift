/// The shell's commands, declared once: each one's name, aliases, help and what Tab offers for its
/// arguments. `help` and `help COMMAND` (HelpText), the completion of command names and arguments
/// (Completer) and the parser's list of command words (for "did you mean") all read this table, as
/// swift-argument-parser's one declaration drives parsing, help and completion. The parsing of
/// each command's arguments is CommandParser's, and each command's handler is ShellSession's (an
/// exhaustive switch over `Command`); ShellCommandTableTests checks the three agree.
public enum ShellCommandTable {
    /// Every command, in the order `help` lists them.
    public static let all: [ShellCommandSpec] = [
        ShellCommandSpec(
            name: "METHOD",
            kind: .request,
            summary: "send a request: METHOD /path [-H 'Name: value'] [BODY|@file] [&]",
            usage:
                """
                METHOD TARGET [HTTP/1.1 | HTTP/1.0] [-H 'Name: value']... [BODY | @file] [-H 'Name: value']... [&]
                TARGET is /path?query, * (for OPTIONS) or http://host/path (the path is sent, the host becomes \
                Host). Brackets and braces in it are kept together, spaces inside them too: GET \
                /containers/json?filters={"label": ["a b"]}. Put a target in quotes for a bare space; spaces and \
                JSON characters are percent-encoded when sent.
                HTTP/1.1 (the default) or HTTP/1.0 right after the target is the version sent.
                -H 'Name: value' adds a header: quote it when the value has a space. Options come before the \
                body, or after a JSON or @file body.
                BODY is JSON from { or [ to its closing bracket (it may span lines: the prompt says what is \
                open), @file, or, except on GET, HEAD and DELETE, the rest of the line as text.
                A last & runs it in the background as a job. Any HTTP token is a method; the standard ones work \
                in any case. Host, User-Agent, Content-Length and (for a JSON body) Content-Type are added and \
                shown.
                """,
            example: "POST /containers/create {\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"30\"]}"),
        ShellCommandSpec(
            name: "raw",
            summary: "send these bytes (escapes \\r \\n \\t \\0 \\\\ \\xHH), nothing added",
            usage: "raw BYTES",
            example: "raw GET /_ping HTTP/1.1\\r\\n\\r\\n      (no Host: see the daemon's 400)"),
        ShellCommandSpec(
            name: "header",
            summary: "session headers: header Name: value, header -d Name, header lists",
            usage: "header [Name: value | -d Name]",
            example: "header X-Registry-Auth: e30=",
            arguments: ArgumentShape(positional: [.headerField], afterFirst: ["-d": [.headerName]])),
        ShellCommandSpec(
            name: "connect",
            summary: "switch endpoint: URL | /path | --context NAME (help connect)",
            usage:
                """
                connect unix:///path | /path | tcp://host:port | https://host[:port] | ssh://[user@]host[:port][/path] \
                | --context NAME\nLater \
                requests go there. The endpoint is tried at once with a quiet GET /_ping: one nobody listens on is \
                refused and the session stays where it was. A tcp:// URL takes the TLS flags sockshell started with \
                (--tlsverify, DOCKER_TLS_VERIFY, ...), as -H does; https:// is tcp:// with --tlsverify (port 2376; \
                the docker CLI rejects it). ssh:// runs ssh [-l user] [-p port] host docker system dial-stdio (as the \
                docker CLI does, with your ~/.ssh/config and agent; /path names the remote socket) and keeps that ssh \
                as the connection. --context NAME takes a docker context's endpoint and its TLS files \
                (contexts lists them; default is DOCKER_HOST, else the default socket).
                """,
            example: "connect unix:///run/user/1000/docker.sock    or    connect --context desktop-linux",
            arguments: ArgumentShape(
                positional: [.endpoint], afterFirst: ["--context": [.contextName]], flags: ["--context"])),
        ShellCommandSpec(
            name: "contexts",
            summary: "the docker contexts, as docker context ls lists them (* in use)",
            usage:
                """
                contexts\nThe contexts in $DOCKER_CONFIG/contexts (else ~/.docker/contexts) and the docker CLI's \
                virtual default (DOCKER_HOST, else the default socket). connect --context NAME switches to one.
                """,
            example: "contexts"),
        ShellCommandSpec(
            name: "endpoint",
            summary: "where requests go, and which rule chose it (-H, DOCKER_HOST, ...)",
            usage:
                """
                endpoint\nThe endpoint in use and how it was found, by the docker CLI's rules in order: --context, \
                -H or --unix-socket, DOCKER_HOST, DOCKER_CONTEXT, currentContext in config.json (docker context use), \
                the default socket; or connect in this session.
                """,
            example: "endpoint"),
        ShellCommandSpec(
            name: "sockets",
            summary: "the sockets daemons listen on here, and which answer",
            usage:
                """
                sockets\nLooks where daemons listen: /var/run/docker.sock, rootless Docker ($XDG_RUNTIME_DIR), \
                Docker Desktop, OrbStack, colima, Rancher Desktop, podman, and the docker contexts' sockets; lists \
                the ones there, which answer _ping, and the connect that switches to one.
                """,
            example: "sockets"),
        ShellCommandSpec(
            name: "api-version",
            summary: "send under /vX.Y: api-version X.Y | off | negotiate",
            usage:
                """
                api-version [X.Y | off | negotiate]\nUnversioned paths get /vX.Y in front (a typed /_ping too), as \
                sent on the wire; ones already under /vX.Y go as typed. Alone it shows the version and where it came \
                from (--api-version, DOCKER_API_VERSION, this command). negotiate sends HEAD /_ping unversioned and \
                takes the daemon's Api-Version, at most 1.41 (the routes sockshell knows), 1.24 without the header, \
                as the docker CLI does. off sends paths as typed.
                """,
            example: "api-version 1.41    or    api-version negotiate",
            arguments: ArgumentShape(positional: [.words(["negotiate", "off", APIVersion.newestKnown.description])])),
        ShellCommandSpec(
            name: "view",
            summary: "how exchanges are shown: view wire | pretty | body | hex | json",
            usage: "view [wire | pretty | body | hex | json]",
            example: "view pretty",
            arguments: ArgumentShape(positional: [.viewMode])),
        ShellCommandSpec(
            name: "lang",
            summary: "the language the shell speaks: lang ko | lang en (lessons, help)",
            usage:
                """
                lang [ko | en]\nAlone it says the language in use and the choices. lang ko or lang en switches for \
                the rest of the session: lessons (a running one keeps its progress), help and what the shell says \
                during a lesson follow it. --lang chooses it at start, else the locale (LC_ALL, LC_MESSAGES, LANG \
                starting with ko is Korean). Error sentences stay in English.
                """,
            example: "lang ko",
            arguments: ArgumentShape(positional: [.words(ShellLanguage.allCases.map(\.code))])),
        ShellCommandSpec(
            name: "help",
            summary: "this list, or help COMMAND for one command",
            usage: "help [COMMAND]",
            example: "help raw",
            arguments: ArgumentShape(positional: [.commandName])),
        ShellCommandSpec(
            name: "explain",
            summary: "explain a status, header, route or trap, or the last exchange",
            usage:
                """
                explain [STATUS | HEADER | [METHOD] /route | TRAP]\nA status (explain 304) in general and on each \
                route \
                that gives it a meaning; a header (explain Transfer-Encoding); a route, as a template or a path \
                (explain /containers/{id}/start, explain POST /containers/abc/start): its query parameters, statuses \
                and traps; a trap of the Docker API (api-version, frames, filters, registry-auth, create-pull, \
                pull-stream, wait-before-start). Alone: each line of the last exchange's head with what it means, \
                then the traps it shows. In the session's language (lang).
                """,
            example: "explain 304    or    explain    (after a request)",
            arguments: ArgumentShape(positional: [.explainTopic])),
        ShellCommandSpec(
            name: "warnings",
            summary: "warnings before sending: warnings on | off (--no-warn: off)",
            usage:
                """
                warnings [on | off]\nBefore a request is sent, a line on standard error names a likely mistake: a JSON \
                body with another Content-Type, a body on GET or HEAD, a path or query parameter the route catalogue \
                does not know (with the nearest), an HTTP/1.1 raw request without Host, filters that are not JSON, an \
                X-Registry-Auth that is not base64url JSON. The request is still sent. Alone: says whether they are on.
                """,
            example: "warnings off",
            arguments: ArgumentShape(positional: [.words(["on", "off"])])),
        ShellCommandSpec(
            name: "history",
            summary: "list the lines typed in the interactive shell (kept across runs)",
            usage: "history",
            example: "history"),
        ShellCommandSpec(
            name: "set",
            summary: "set a variable: set NAME = value; use it as $NAME or ${NAME}",
            usage:
                """
                set NAME = value\n$NAME and ${NAME} fill in targets, headers and bodies (escaped inside JSON \
                strings); ${env:HOME} reads the environment; $status, $body and $header(Name) describe the last \
                exchange; $$ is a dollar sign.
                """,
            example: "set image = busybox    then    POST /containers/create {\"Image\":\"$image\"}"),
        ShellCommandSpec(
            name: "vars",
            summary: "list variables",
            usage: "vars",
            example: "vars"),
        ShellCommandSpec(
            name: "echo",
            summary: "print a line, with variables filled in",
            usage: "echo TEXT",
            example: "echo created $id"),
        ShellCommandSpec(
            name: "sleep",
            summary: "wait SECONDS (Ctrl-C ends the wait)",
            usage: "sleep SECONDS",
            example: "sleep 1.5"),
        ShellCommandSpec(
            name: "source",
            summary: "run another script's commands (or a .http file's requests) here",
            usage:
                """
                source FILE   (relative to the current script's folder)
                A FILE.http (VS Code REST Client, JetBrains HTTP Client) sends its requests over this session's \
                endpoint: only each URL's path and query are sent; {{req.response.body.$.Id}} becomes a let capture.
                """,
            example: "source setup.sks"),
        ShellCommandSpec(
            name: "let",
            summary: "from the last exchange: let NAME = .Id | header Name | status",
            usage:
                """
                let NAME = QUERY | header NAME | status\nQueries: .Id  .State.Running  .[0].Id  .[-1]  .[].Names[0]  \
                .Id[:12]  length  keys  type  A | B
                """,
            example: "let id = .Id"),
        ShellCommandSpec(
            name: "expect",
            summary: "check the last exchange; a failed one stops a script with exit 1",
            usage:
                """
                expect status 201 | 2xx | 204|304\nexpect header NAME [= VALUE]\nexpect QUERY == JSON | != JSON | \
                contains VALUE | matches /regex/ | exists\nexpect event TYPE ACTION within 5s   (against a running \
                GET /events &)
                """,
            example: "expect .Warnings == []"),
        ShellCommandSpec(
            name: "curl",
            kind: .pastedCurl,
            summary: "paste a curl command: parsed and sent to this session's endpoint",
            usage:
                """
                curl [-X METHOD] [-H 'Name: value'] [-d DATA | --data-binary @file | --json DATA] [-G \
                --data-urlencode ...] URL\nThe URL's path and query are sent (its host becomes Host); lines may \
                continue with a trailing backslash.
                """,
            example:
                """
                curl -XPOST --unix-socket /var/run/docker.sock -d '{\"Image\":\"busybox\"}' -H 'Content-Type: \
                application/json' http://localhost/containers/create
                """
        ),
        ShellCommandSpec(
            name: "export",
            summary: "a request as curl or .http; the session as HAR or a script file",
            usage:
                """
                export curl [N] | export http [N] | export har FILE | export script FILE\ncurl and http print the \
                last (or Nth) request; har writes the session's kept exchanges as HAR 1.2 (browser dev tools open \
                it); script writes the commands typed so far. Existing files are never replaced.
                """,
            example: "export har session.har",
            arguments: ArgumentShape(
                positional: [.exportFormat],
                afterFirst: Dictionary(
                    uniqueKeysWithValues: ExportFileFormat.allCases.map { ($0.rawValue, [.file]) }))),
        ShellCommandSpec(
            name: "record",
            summary: "record the session to a file as it happens; record stop ends it",
            usage:
                """
                record FILE [--force | --append] [--no-mask] [--no-input] | record stop | record\nThe file is a \
                script: each command as typed, with the exact bytes written and read beneath it as # lines. What is \
                typed into a live session is recorded as typed (a password too) unless --no-input. Credentials are \
                masked unless --no-mask; an existing file needs --force or --append. Replay it with replay FILE.
                """,
            example: "record create-start.sks",
            arguments: ArgumentShape(
                positional: [.fileOr(["stop"])], flags: ["--force", "--append", "--no-mask", "--no-input"], rest: .file)
        ),
        ShellCommandSpec(
            name: "replay",
            summary: "send a recording's requests again and compare the answers",
            usage:
                """
                replay FILE [--show] [--ignore RULE]... [--stream-timeout SECONDS]\nIds the recording received are \
                replaced by the new ones; ids, times, names, sizes and versions are not compared (--ignore Key, *Glob \
                or .Path adds rules). --show re-displays the recording without sending; on a terminal it waits \
                between exchanges for one key: Enter or space for the next, q, Esc or Ctrl-C to stop. FILE may be \
                HAR 1.2 (a browser's, Insomnia's, HTTP Toolkit's, export har's): its bytes are rebuilt from its fields.
                """,
            example: "replay create-start.sks",
            arguments: ArgumentShape(flags: ["--show", "--ignore", "--stream-timeout"], rest: .file)),
        ShellCommandSpec(
            name: "lesson",
            summary: "guided lessons: lesson (list), lesson start NAME, lesson quit",
            usage:
                """
                lesson | lesson start NAME | lesson restart NAME | lesson quit | lesson cleanup [NAME]\nDuring a \
                lesson: next, back, hint, check (the last exchange again), where. Lessons are Markdown files in \
                lessons/; progress is kept and resumed. lesson cleanup with no NAME means the lesson running, or the \
                one just quit or finished.
                """,
            example: "lesson start create-then-start",
            arguments: ArgumentShape(
                positional: [.words(["start", "restart", "quit", "cleanup"])],
                afterFirst: ["start": [.lessonName], "restart": [.lessonName], "cleanup": [.lessonName]])),
        ShellCommandSpec(
            name: "next",
            aliases: ["back", "hint", "check", "where"],
            summary: "lesson: go to the next step (also back, hint, check, where)",
            usage: "next | back | hint | check | where",
            example: "hint"),
        ShellCommandSpec(
            name: "show",
            summary: "show exchange N (else the last) again, in any view",
            usage: "show [N] [wire | pretty | body | hex | json]",
            example: "show 3 hex",
            arguments: ArgumentShape(positional: [.nothing, .viewMode])),
        ShellCommandSpec(
            name: "edit",
            summary: "open the last request in $EDITOR and send what you save",
            usage: "edit",
            example: "edit     (save and quit: it is sent; :cq in vim, or an empty file, cancels)"),
        ShellCommandSpec(
            name: "jobs",
            summary: "list background exchanges (started with a trailing &)",
            usage: "jobs",
            example: "GET /events &    then    jobs"),
        ShellCommandSpec(
            name: "fg",
            summary: "follow job N; Ctrl-C ends it, Ctrl-Z leaves it running",
            usage: "fg N\nCtrl-C stops the job; Ctrl-Z goes back to the prompt and the job goes on in the background.",
            example: "fg 1"),
        ShellCommandSpec(
            name: "stop",
            summary: "end background job N",
            usage: "stop N",
            example: "stop 1"),
        ShellCommandSpec(
            name: "wait",
            summary: "wait until job N (or every job) ends, showing its output",
            usage: "wait [N]",
            example: "POST /containers/demo/wait &    ...    wait 1"),
        ShellCommandSpec(
            name: "on",
            summary: "run lines per event: on event TYPE ACTION..., lines, end",
            usage:
                """
                on event TYPE [ACTION]... [label KEY=VALUE]... [count N]\nCOMMANDS...\nend\nOpens GET /events \
                with those filters as a job and runs the commands once for each event, as a load balancer \
                reconfigures itself: $event is the event's JSON line, and let and expect read the event (let name = \
                .Actor.Attributes.name, a label: .Actor.Attributes["lb.port"]) until the block sends a request of \
                its own. It ends after count N events, when the stream ends, or on Ctrl-C (which stops a script, \
                as during any command; at the prompt the shell goes on); then the stream's job is stopped. A \
                failing command or expect ends it as it ends a script. Blocks do not nest; end stands alone on \
                its line.
                """,
            example: "on event container start die label lb.pool=web count 2"),
        ShellCommandSpec(
            name: "attach",
            summary: "type into a running container: attach call, then a live session",
            usage:
                """
                attach [--detach-keys KEYS] CONTAINER\nAsks whether the container has a TTY (GET …/json), attaches \
                with stdin, stdout and stderr (the hijack: 101 UPGRADED), and gives it your keys: with a TTY every \
                key, without one each line. Ctrl-P Ctrl-Q (or KEYS, or the detachKeys variable) detaches; Ctrl-D \
                without a TTY closes its stdin.
                """,
            example: "attach web"),
        ShellCommandSpec(
            name: "exec",
            summary: "docker exec by hand: create, start as a live session, exit code",
            usage:
                """
                exec [-t | -T] [--detach-keys KEYS] [-e NAME=VALUE]... [-w DIR] [-u USER] CONTAINER COMMAND [ARG...]\n\
                POST /containers/{id}/exec, then POST /exec/{id}/start with the hijack headers (a live session: a \
                TTY when your terminal is one, or -t; none with -T), then GET /exec/{id}/json for the exit code.
                """,
            example: "exec web sh"),
        ShellCommandSpec(
            name: "run",
            summary: "docker run by hand: create, attach, wait, start, each call shown",
            usage:
                """
                run [-i] [-t] [-d] [--rm] [--name NAME] [--detach-keys KEYS] [-e NAME=VALUE]... [-l KEY=VALUE]... \
                IMAGE [COMMAND...]\n\
                In the docker CLI's order: POST /containers/create, the attach (so no output is lost), a wait that \
                answers when the container exits (or is removed, with --rm), POST …/start, the live session, and \
                the exit code from the wait. -d only creates and starts.
                """,
            example: "run -it --rm busybox sh"),
        ShellCommandSpec(
            name: "send",
            summary: "type TEXT into a script's live session (escapes \\n \\xHH, $names)",
            usage:
                """
                send TEXT\nWrites TEXT to the current live session of a script (the attach, exec or run it started), \
                as typed: nothing is added, so end a line with \\n. With expect output /REGEX/ and close, a script \
                checks an interactive program as expect(1) does.
                """,
            example: "send echo hi\\n    then    expect output /hi/ within 5s"),
        ShellCommandSpec(
            name: "close",
            summary: "end a script's live session input (half-close), wait for its end",
            usage:
                """
                close\nShuts down the write side of the live session's connection, as the docker CLI does at the end \
                of stdin, shows what comes until the daemon closes the stream, and says how it ended.
                """,
            example: "send exit\\n    close"),
        ShellCommandSpec(
            name: "tap",
            summary: "watch other clients: tap PATH & shows every byte they exchange",
            usage:
                """
                tap PATH [&]\nListens on PATH (mode 0600: whoever connects has the daemon's power) and relays each \
                client connection to the daemon unchanged, showing both directions numbered by connection, with the \
                client process, each route and status. With & it runs as a job (stop N ends it and sums up the \
                routes each client called); !COMMAND runs a command through it.
                """,
            example: "tap /tmp/tap.sock &    then    !docker run --rm busybox echo hi",
            arguments: ArgumentShape(positional: [.file])),
        ShellCommandSpec(
            name: "!",
            summary: "run a shell command; DOCKER_HOST points at the most recent tap",
            usage:
                """
                !COMMAND\nRuns COMMAND with /bin/sh and waits for it; its output goes straight to the terminal, the \
                tap's lines appear as they come. Without a tap, DOCKER_HOST is the session's endpoint.
                """,
            example: "!docker ps"),
        ShellCommandSpec(
            name: "exit",
            aliases: ["quit"],
            summary: "leave sockshell (also quit)",
            usage: "exit",
            example: "exit"),
    ]

    /// The words that start one of the shell's own commands (names and aliases), for completion,
    /// suggestions and telling a command from a method.
    public static let commandWords: [String] = all.filter { $0.kind == .shellCommand }.flatMap {
        [$0.name] + $0.aliases
    }

    /// The command a word starts (its name or an alias), if it is one of the shell's own.
    public static func spec(for word: String) -> ShellCommandSpec? {
        all.first { $0.kind == .shellCommand && ($0.name == word || $0.aliases.contains(word)) }
    }
}

/// One command of the shell, as `help` shows it and Tab completes it.
public struct ShellCommandSpec: Sendable {
    public enum Kind: Sendable, Equatable {
        /// Starts with its own word (`header`, `let`, ...).
        case shellCommand
        /// A request: the line starts with a method, which the help calls METHOD.
        case request
        /// A pasted curl command line.
        case pastedCurl
    }

    public var name: String
    public var kind: Kind = .shellCommand
    /// Other words for the same command (`quit` for `exit`).
    public var aliases: [String] = []
    /// The line in `help`.
    public var summary: String
    /// `help NAME`: the argument shape in words, and what it means.
    public var usage: String
    public var example: String
    /// What Tab offers for the arguments.
    public var arguments = ArgumentShape()
}

/// What Tab offers at each argument position of a command.
public struct ArgumentShape: Sendable {
    /// By position: the first argument is `positional[0]`.
    public var positional: [ArgumentKind] = []
    /// When the first argument is one of these words, what the arguments after it offer instead.
    public var afterFirst: [String: [ArgumentKind]] = [:]
    /// Offered when the word being typed starts with `-`.
    public var flags: [String] = []
    /// What positions past `positional` offer.
    public var rest: ArgumentKind = .nothing

    /// What argument `index` (from 0) offers, given the words typed before it.
    public func kind(at index: Int, after arguments: [String]) -> ArgumentKind {
        if index > 0, let first = arguments.first, let shape = afterFirst[first] {
            return index - 1 < shape.count ? shape[index - 1] : .nothing
        }
        return index < positional.count ? positional[index] : rest
    }
}

/// One kind of argument, as completion knows how to offer it.
public enum ArgumentKind: Sendable, Equatable {
    case nothing
    case words([String])
    /// A file name, or one of these words.
    case fileOr([String])
    case file
    case viewMode
    case commandName
    case endpoint
    case headerField
    case headerName
    case lessonName
    /// A docker context's name (after `connect --context`).
    case contextName
    /// `curl`, `http`, `har`, `script`.
    case exportFormat
    /// What `explain` knows: statuses, header names, traps and routes (the completer is given them).
    case explainTopic
}
