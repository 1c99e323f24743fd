// What the docker CLI 28.2.2 sends for the commands `attach`, `exec` and `run` copy, captured through
// `sockshell tap` in front of the test daemon (dockerd 20.10.24, so every path is `/v1.41/...` after a
// `HEAD /_ping`), the CLI driven in a 30x100 pty. Connections are numbered in the order the CLI opens them.
//
// `docker run -it --rm busybox sh`, then `exit`:
//   #1 HEAD /_ping; POST /containers/create?name=... (Tty, OpenStdin, StdinOnce, AttachStdin/Stdout/Stderr
//      all true, HostConfig.AutoRemove true, HostConfig.ConsoleSize [30,100]) -> 201 {"Id":...}
//   #2 POST /containers/{id}/attach?stderr=1&stdin=1&stdout=1&stream=1 with Connection: Upgrade,
//      Content-Type: text/plain, Upgrade: tcp, Content-Length: 0 -> 101 UPGRADED; raw bytes, no frames
//   #1 POST /containers/{id}/wait?condition=removed -> 200, chunked headers at once, body at the end
//   #3 POST /containers/{id}/start -> 204 (a new connection: #1 is busy with the wait)
//   #3 POST /containers/{id}/resize?h=30&w=100 -> 200, once, right after start (ConsoleSize is ignored
//      below API 1.42, so at 1.41 this call is what sizes the TTY)
//   exit: the daemon ends #2 first (S>C EOF), then the wait's body {"Error":null,"StatusCode":0} arrives,
//   then the CLI closes #2, #3 and #1. No half-close before the daemon's: stdin is a terminal, no EOF.
// `docker run --rm busybox echo hi`: the same order; create has AttachStdin/OpenStdin/StdinOnce/Tty false,
//   ConsoleSize [0,0]; attach without stdin=1, and the CLI half-closes #2 at once after the 101 (its stdin is
//   not attached); stdout arrives as an 8-byte frame; wait?condition=removed gives the exit code.
// `echo hi | docker run -i --rm busybox cat`: create with AttachStdin, OpenStdin and StdinOnce true, Tty
//   false; attach with stdin=1; `hi\n` is written right after the 101 and #2 is half-closed at stdin's EOF,
//   before start is even sent; cat's output comes back framed; the daemon closes #2.
// `docker run -d busybox sleep 5`: create (every Attach* false, AutoRemove false), then #1
//   POST /containers/{id}/wait?condition=next-exit, #2 start -> 204, the id printed, and the CLI leaves;
//   the daemon then writes {"Error":{"Message":"context canceled"},"StatusCode":-1} to a closed socket.
//   No attach call. (The wait is abandoned; a shell can leave it out.)
// --rm is the daemon's: HostConfig.AutoRemove plus wait?condition=removed. The CLI sends no DELETE.
// Without --rm the wait condition is next-exit.
//
// `docker exec -it -e FOO=bar -w /tmp -u 0 C sh`, then `exit`:
//   #1 HEAD /_ping; GET /containers/C/json; POST /containers/C/exec
//      {"User":"0","Privileged":false,"Tty":true,"AttachStdin":true,"AttachStderr":true,"AttachStdout":true,
//       "Detach":false,"DetachKeys":"","Env":["FOO=bar"],"WorkingDir":"/tmp","Cmd":["sh"]} -> 201 {"Id":...}
//   #2 POST /exec/{id}/start {"Detach":false,"Tty":true} with Connection: Upgrade, Content-Type:
//      application/json, Upgrade: tcp -> 101 UPGRADED (this one also carries Api-Version and Server)
//   #1 POST /exec/{id}/resize?h=30&w=100 right after the 101; on SIGWINCH another one on #1 with the new
//      size (h=40&w=120)
//   exit: the daemon ends #2, then #1 GET /exec/{id}/json ("ExitCode"), then the CLI closes both.
// `docker exec C echo hi`: the same calls; exec body Tty and AttachStdin false, "Env":null, "User":"",
//   "WorkingDir":""; start {"Detach":false,"Tty":false}; the CLI half-closes #2 at once after the 101; no
//   resize; the output is framed; then GET /exec/{id}/json.
//
// `docker attach C` (C started with -it), then Ctrl-P Ctrl-Q:
//   #1 HEAD /_ping; POST /containers/C/wait (no condition: the default, not-running), left waiting
//   #2 GET /containers/C/json (running? Tty?)
//   #3 POST /containers/C/attach?stderr=1&stdin=1&stdout=1&stream=1 (hijack headers as above) -> 101
//   #2 GET /containers/C/json again, then POST /containers/C/resize?h=31&w=101 and at once ?h=30&w=100
//      (one row and column too many, then the real size: the change makes the program redraw)
//   Ctrl-P Ctrl-Q: caught by the CLI (moby/term's escape proxy on a TTY session); neither byte is sent.
//   The CLI prints "read escape sequence" (on the terminal, after the container's output), closes #3 and #2,
//   abandons the wait on #1 and exits with status 1 (also `docker exec -it`: same message, status 1, no
//   exec inspect). The container keeps running.
// --detach-keys ctrl-x,q: run and attach put `detachKeys=ctrl-x%2Cq` first in the attach query (Go sorts
//   the query keys); exec puts "DetachKeys":"ctrl-x,q" in the exec body (exec inspect then shows the bytes
//   base64-encoded, "DetachKeys":"GHE=").
//
// The daemon itself, tested over the socket without the CLI (a container running `sh` created with
// OpenStdin and StdinOnce, started, then attached with stdin=1&stdout=1&stderr=1&stream=1):
// - TTY, no detachKeys in the query: sending 0x10 0x11 makes the daemon end the attach stream (it closes
//   the connection) and the container keeps running. With detachKeys=ctrl-x%2Cq, 0x10 0x11 reach the shell
//   instead and only the new keys detach.
// - No TTY: 0x10 0x11 reach the process as input (sh answered "\x10\x11echo: not found" on stderr), with or
//   without detachKeys in the query: the daemon never detaches a non-TTY attach. So a line-mode session
//   must detach on its own side, by closing... which ends the container (next point).
// - Closing a TTY attach, fully or by half-close, leaves the container running.
// - Closing a non-TTY StdinOnce attach, fully or by half-close, closes the container's stdin: sh exits 0.
//   A detach that leaves such a container running is therefore impossible on the wire.
//
// What the builders below leave out of the CLI's bodies, and why: in create, every zero or empty field
// (Hostname, Domainname, User, Volumes, WorkingDir, Entrypoint, OnBuild) and the whole default HostConfig
// (NetworkMode "default", RestartPolicy "no", the resource limits at 0, MemorySwappiness -1, ...) and
// NetworkingConfig: the daemon fills in the same defaults when they are absent, and the learner sees only
// the fields these flags change. Env, Cmd and Labels are left out when empty (the CLI sends null, which
// means the same). In the exec body: Privileged false, Detach false (only the CLI reads it) and empty
// User, WorkingDir and DetachKeys, which are the daemon's defaults.

/// The requests `attach`, `exec` and `run` send, built as the docker CLI 28 builds them (see the capture
/// above). Each returns a `DockerCall` with an unprefixed target: the caller adds `/v1.41` if it wants.
public enum DockerCalls {
    /// The protocol named in `Upgrade:` on a hijacked request.
    public static let hijackProtocol = "tcp"
    /// The pair that asks the daemon to turn the connection into a raw stream after its `101 UPGRADED`.
    public static let hijackHeaders: HTTPFields = [
        HeaderField(name: "Connection", value: "Upgrade"), HeaderField(name: "Upgrade", value: hijackProtocol),
    ]
    private static let jsonType = HeaderField(name: "Content-Type", value: "application/json")

    /// What `POST /containers/{id}/wait` waits for.
    public enum WaitCondition: String, Sendable, Equatable {
        /// No query: the daemon's default, until the container is not running (what `docker attach` sends).
        case notRunning = "not-running"
        /// The next exit after the call (`docker run` without `--rm`).
        case nextExit = "next-exit"
        /// Until the daemon has removed it (`docker run --rm`).
        case removed
    }

    /// `POST /containers/create[?name=NAME]` for `run`'s flags. `consoleSize` is the terminal's size when
    /// `-t` runs on a terminal (the CLI sets `HostConfig.ConsoleSize`; daemons below API 1.42 ignore it).
    public static func createContainer(_ run: RunCommand, consoleSize: WindowSize? = nil) -> DockerCall {
        let attaches = !run.detach
        var body = JSONBodyWriter()
        body.add("AttachStdin", attaches && run.interactive)
        body.add("AttachStdout", attaches)
        body.add("AttachStderr", attaches)
        body.add("Tty", run.tty)
        body.add("OpenStdin", run.interactive)
        // The CLI sets StdinOnce whenever stdin is attached: the container's stdin closes with the attach.
        body.add("StdinOnce", attaches && run.interactive)
        if !run.environment.isEmpty { body.add("Env", strings: run.environment) }
        if !run.command.isEmpty { body.add("Cmd", strings: run.command) }
        body.add("Image", run.image)
        if !run.labels.isEmpty {
            body.add("Labels", map: run.labels.map { label in Self.keyAndValue(label) })
        }
        var host = JSONBodyWriter()
        host.add("AutoRemove", run.removeWhenDone)
        if run.tty, let consoleSize { host.add("ConsoleSize", integers: [consoleSize.rows, consoleSize.columns]) }
        body.add("HostConfig", object: host)
        let query = run.name.map { "?name=" + queryValue($0) } ?? ""
        return DockerCall(
            method: "POST", target: "/containers/create" + query, headers: [jsonType], body: body.bytes)
    }

    /// `POST /containers/{id}/attach?...&stream=1` with the hijack headers and `Content-Type: text/plain`
    /// (the CLI's, on a body-less request). The query is in Go's order (sorted keys); `stdin=1` only when
    /// stdin is attached, `detachKeys` only when given (the daemon's default is ctrl-p,ctrl-q).
    public static func attachContainer(_ container: String, stdin: Bool, detachKeys: DetachKeys? = nil) -> DockerCall {
        var query: [String] = []
        if let detachKeys { query.append("detachKeys=" + queryValue(detachKeys.text)) }
        query.append("stderr=1")
        if stdin { query.append("stdin=1") }
        query += ["stdout=1", "stream=1"]
        var headers = hijackHeaders
        headers.insert(HeaderField(name: "Content-Type", value: "text/plain"), at: 1)
        return DockerCall(
            method: "POST", target: containerPath(container, "attach") + "?" + query.joined(separator: "&"),
            headers: headers)
    }

    /// The attach `run` makes before it starts the container (nil for `-d`, which does not attach).
    public static func attachContainer(_ container: String, for run: RunCommand) -> DockerCall? {
        run.detach ? nil : attachContainer(container, stdin: run.interactive, detachKeys: run.detachKeys)
    }

    /// `POST /containers/{id}/start`.
    public static func startContainer(_ container: String) -> DockerCall {
        DockerCall(method: "POST", target: containerPath(container, "start"))
    }

    /// `POST /containers/{id}/wait[?condition=...]`, a long poll: headers at once, the exit code at the end.
    public static func waitContainer(_ container: String, until condition: WaitCondition) -> DockerCall {
        let query = condition == .notRunning ? "" : "?condition=" + condition.rawValue
        return DockerCall(method: "POST", target: containerPath(container, "wait") + query)
    }

    /// The wait `run` sends: until removed with `--rm`, else the next exit.
    public static func waitCondition(for run: RunCommand) -> WaitCondition {
        run.removeWhenDone ? .removed : .nextExit
    }

    /// `GET /containers/{id}/json`: whether it runs and whether it has a TTY (`attach` and `exec` ask first).
    public static func inspectContainer(_ container: String) -> DockerCall {
        DockerCall(method: "GET", target: containerPath(container, "json"))
    }

    /// `POST /containers/{id}/exec` for `exec`'s flags, with the TTY decision made (`exec.tty` or the terminal).
    /// `attachStdin` false gives what `docker exec` without `-i` sends.
    public static func createExec(_ exec: ExecCommand, tty: Bool, attachStdin: Bool = true) -> DockerCall {
        var body = JSONBodyWriter()
        if let user = exec.user { body.add("User", user) }
        body.add("Tty", tty)
        body.add("AttachStdin", attachStdin)
        body.add("AttachStderr", true)
        body.add("AttachStdout", true)
        if let detachKeys = exec.detachKeys { body.add("DetachKeys", detachKeys.text) }
        if !exec.environment.isEmpty { body.add("Env", strings: exec.environment) }
        if let directory = exec.workingDirectory { body.add("WorkingDir", directory) }
        body.add("Cmd", strings: exec.command)
        return DockerCall(
            method: "POST", target: containerPath(exec.container, "exec"), headers: [jsonType], body: body.bytes)
    }

    /// `POST /exec/{id}/start` with `{"Detach":false,"Tty":...}` and the hijack headers.
    public static func startExec(_ exec: String, tty: Bool) -> DockerCall {
        var body = JSONBodyWriter()
        body.add("Detach", false)
        body.add("Tty", tty)
        var headers = hijackHeaders
        headers.insert(jsonType, at: 1)
        return DockerCall(method: "POST", target: execPath(exec, "start"), headers: headers, body: body.bytes)
    }

    /// `GET /exec/{id}/json`: the exit code once the stream has ended.
    public static func inspectExec(_ exec: String) -> DockerCall {
        DockerCall(method: "GET", target: execPath(exec, "json"))
    }

    /// `POST /containers/{id}/resize?h=ROWS&w=COLUMNS`.
    public static func resizeContainer(_ container: String, to size: WindowSize) -> DockerCall {
        DockerCall(method: "POST", target: containerPath(container, "resize") + sizeQuery(size))
    }

    /// `POST /exec/{id}/resize?h=ROWS&w=COLUMNS`.
    public static func resizeExec(_ exec: String, to size: WindowSize) -> DockerCall {
        DockerCall(method: "POST", target: execPath(exec, "resize") + sizeQuery(size))
    }

    private static func sizeQuery(_ size: WindowSize) -> String {
        "?h=\(size.rows)&w=\(size.columns)"
    }

    private static func containerPath(_ container: String, _ action: String) -> String {
        "/containers/\(PercentEncoding.encode(container, keeping: .unreserved))/\(action)"
    }

    private static func execPath(_ exec: String, _ action: String) -> String {
        "/exec/\(PercentEncoding.encode(exec, keeping: .unreserved))/\(action)"
    }

    /// A query value as Go's url.QueryEscape writes it: unreserved bytes kept, a space as `+`.
    private static func queryValue(_ text: String) -> String {
        String(decoding: PercentEncoding.encode(text.utf8, keeping: .unreserved, spaceAsPlus: true), as: UTF8.self)
    }

    /// `KEY=VALUE` as a label; a bare `KEY` has the empty value, as in docker.
    private static func keyAndValue(_ label: String) -> (key: String, value: String) {
        guard let equals = label.firstIndex(of: "=") else { return (label, "") }
        return (String(label[..<equals]), String(label[label.index(after: equals)...]))
    }
}
