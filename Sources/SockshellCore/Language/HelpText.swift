/// The text of `help` and `help TOPIC`, as pure functions so tests compare strings.
public enum HelpText {
    struct Entry {
        var name: String
        var summary: String
        var usage: String
        var example: String
    }

    static let entries: [Entry] = [
        Entry(name: "METHOD", summary: "send a request: METHOD /path [-H 'Name: value'] [BODY | @file] [&]",
              usage: "METHOD /path [-H 'Name: value']... [BODY | @file] [&]\nA trailing & runs it in the background as a job. Any HTTP token is a method; the standard ones work in any case. A JSON body may span lines until its brackets balance. Host, User-Agent, Content-Length and (for a JSON body) Content-Type are added and shown.",
              example: "POST /containers/create {\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"30\"]}"),
        Entry(name: "raw", summary: "send exactly these bytes (escapes \\r \\n \\t \\0 \\\\ \\xHH), nothing added",
              usage: "raw BYTES",
              example: "raw GET /_ping HTTP/1.1\\r\\n\\r\\n      (no Host: see the daemon's 400)"),
        Entry(name: "header", summary: "session headers: header Name: value, header -d Name, header (list)",
              usage: "header [Name: value | -d Name]",
              example: "header X-Registry-Auth: e30="),
        Entry(name: "connect", summary: "switch endpoint: connect unix:///path | /path | tcp://host:port",
              usage: "connect ENDPOINT",
              example: "connect unix:///run/user/1000/docker.sock"),
        Entry(name: "view", summary: "how exchanges are shown: view wire | pretty | body | hex | json",
              usage: "view [wire | pretty | body | hex | json]",
              example: "view pretty"),
        Entry(name: "help", summary: "this list, or help COMMAND for one command",
              usage: "help [COMMAND]",
              example: "help raw"),
        Entry(name: "history", summary: "list the lines typed in the interactive shell (kept across runs)",
              usage: "history",
              example: "history"),
        Entry(name: "set", summary: "set a variable: set NAME = value; use it as $NAME or ${NAME}",
              usage: "set NAME = value\n$NAME and ${NAME} fill in targets, headers and bodies (escaped inside JSON strings); ${env:HOME} reads the environment; $status, $body and $header(Name) describe the last exchange; $$ is a dollar sign.",
              example: "set image = busybox    then    POST /containers/create {\"Image\":\"$image\"}"),
        Entry(name: "vars", summary: "list variables",
              usage: "vars",
              example: "vars"),
        Entry(name: "echo", summary: "print a line, with variables filled in",
              usage: "echo TEXT",
              example: "echo created $id"),
        Entry(name: "sleep", summary: "wait SECONDS (Ctrl-C ends the wait)",
              usage: "sleep SECONDS",
              example: "sleep 1.5"),
        Entry(name: "source", summary: "run another script's commands here",
              usage: "source FILE   (relative to the current script's folder)",
              example: "source setup.sks"),
        Entry(name: "let", summary: "capture from the last exchange: let NAME = .Id | header Name | status",
              usage: "let NAME = QUERY | header NAME | status\nQueries: .Id  .State.Running  .[0].Id  .[-1]  .[].Names[0]  .Id[:12]  length  keys  type  A | B",
              example: "let id = .Id"),
        Entry(name: "expect", summary: "assert on the last exchange; a failed one stops a script with exit 1",
              usage: "expect status 201 | 2xx | 204|304\nexpect header NAME [= VALUE]\nexpect QUERY == JSON | != JSON | contains VALUE | matches /regex/ | exists\nexpect event TYPE ACTION within 5s   (against a running GET /events &)",
              example: "expect .Warnings == []"),
        Entry(name: "curl", summary: "paste a curl command: it is parsed and sent to this session's endpoint",
              usage: "curl [-X METHOD] [-H 'Name: value'] [-d DATA | --data-binary @file | --json DATA] [-G --data-urlencode ...] URL\nThe URL's path and query are sent (its host becomes Host); lines may continue with a trailing backslash.",
              example: "curl -XPOST --unix-socket /var/run/docker.sock -d '{\"Image\":\"busybox\"}' -H 'Content-Type: application/json' http://localhost/containers/create"),
        Entry(name: "export", summary: "a request as curl or .http; the session as HAR or a script file",
              usage: "export curl [N] | export http [N] | export har FILE | export script FILE\ncurl and http print the last (or Nth) request; har writes the session's kept exchanges as HAR 1.2 (browser dev tools open it); script writes the commands typed so far. Existing files are never replaced.",
              example: "export har session.har"),
        Entry(name: "record", summary: "record the session to a file as it happens; record stop ends it",
              usage: "record FILE [--force | --append] [--no-mask] | record stop | record\nThe file is a script: each command as typed, with the exact bytes written and read beneath it as # lines. Credentials are masked unless --no-mask; an existing file needs --force or --append. Replay it with replay FILE.",
              example: "record create-start.sks"),
        Entry(name: "replay", summary: "send a recording's requests again and compare the answers",
              usage: "replay FILE [--show] [--ignore RULE]... [--stream-timeout SECONDS]\nIds the recording received are replaced by the new ones; ids, times, names, sizes and versions are not compared (--ignore Key, *Glob or .Path adds rules). --show re-displays the recording without sending.",
              example: "replay create-start.sks"),
        Entry(name: "lesson", summary: "guided lessons: lesson (list), lesson start NAME, lesson quit",
              usage: "lesson | lesson start NAME | lesson restart NAME | lesson quit | lesson cleanup [NAME]\nDuring a lesson: next, back, hint, check (the last exchange again), where. Lessons are Markdown files in lessons/; progress is kept and resumed.",
              example: "lesson start create-then-start"),
        Entry(name: "next", summary: "lesson: go to the next step (also back, hint, check, where)",
              usage: "next | back | hint | check | where",
              example: "hint"),
        Entry(name: "show", summary: "show exchange N of this session again, in any view",
              usage: "show N [wire | pretty | body | hex | json]",
              example: "show 3 hex"),
        Entry(name: "edit", summary: "open the last request in $EDITOR and send what you save",
              usage: "edit",
              example: "edit     (change the body, save, quit: the request goes out)"),
        Entry(name: "jobs", summary: "list background exchanges (started with a trailing &)",
              usage: "jobs",
              example: "GET /events &    then    jobs"),
        Entry(name: "fg", summary: "follow job N in the foreground; Ctrl-C ends it",
              usage: "fg N",
              example: "fg 1"),
        Entry(name: "stop", summary: "end background job N",
              usage: "stop N",
              example: "stop 1"),
        Entry(name: "wait", summary: "wait until job N (or every job) has ended, showing its output; Ctrl-C stops waiting",
              usage: "wait [N]",
              example: "POST /containers/demo/wait &    ...    wait 1"),
        Entry(name: "exit", summary: "leave sockshell (also quit)",
              usage: "exit",
              example: "exit"),
    ]

    public static func overview() -> String {
        var lines = ["Commands:"]
        let width = entries.map(\.name.count).max() ?? 0
        for entry in entries {
            lines.append("  " + entry.name + String(repeating: " ", count: width - entry.name.count + 2) + entry.summary)
        }
        lines.append("Lines starting with # are comments. help COMMAND shows usage and an example.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Help for one command (or for requests when the topic is a method); nil if unknown.
    public static func topic(_ name: String) -> String? {
        let key = CommandParser.standardMethods.contains(name.uppercased()) || name.lowercased() == "request" ? "METHOD" : name.lowercased()
        let resolved = key == "quit" ? "exit" : key
        guard let entry = entries.first(where: { $0.name == resolved }) else { return nil }
        return "usage: \(entry.usage)\nexample: \(entry.example)\n"
    }

    public static func unknownTopic(_ name: String) -> String {
        if let nearest = NearestWord.find(name, among: entries.map(\.name) + ["quit"]) {
            return "no help for '\(name)': did you mean help \(nearest)?"
        }
        return "no help for '\(name)': help lists the commands"
    }
}
