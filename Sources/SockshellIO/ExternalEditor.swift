/// Runs the user's editor on a file and waits for it, as `git commit` does.
public enum ExternalEditor {
    /// `$VISUAL`, else `$EDITOR`, else vi; run through /bin/sh so `code --wait` style values work.
    public static func command(environment: [String: String]) -> String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name], !value.trimmingCharacters(in: " ").isEmpty { return value }
        }
        return "vi"
    }

    /// What /bin/sh runs, the file as $1. `exec`: the editor is our child itself, not a shell
    /// waiting for it, so that a stop `run` sees is the editor's own (a waiting sh stops on Ctrl-Z
    /// at once, whatever the editor does). Not when the value starts with an assignment
    /// (`LANG=C vi`), which `exec` would take for the command's name.
    public static func shellCommand(_ editor: String) -> String {
        let trimmed = editor.trimmingCharacters(in: " \t")
        let firstWord = trimmed.prefix { $0 != " " && $0 != "\t" }
        let startsWithAssignment = firstWord.contains("=")
        return (startsWithAssignment ? "" : "exec ") + editor + " \"$1\""
    }

    /// Returns the editor's exit status, or nil if it could not be started.
    static func run(_ editor: String, on path: String) -> Int32? {
        var pid = pid_t()
        let arguments = ["/bin/sh", "-c", shellCommand(editor), "sh", path]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // Ctrl-Z stops the editor first and us once it has stopped (a shell stops a job only when
        // all of it has): the shell that runs `fg` gets a terminal no one is still reading.
        TerminalSignals.deferSuspend(true)
        defer { TerminalSignals.deferSuspend(false) }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        while true {
            guard (try? Posix.systemCall({ waitpid(pid, &status, WUNTRACED) })) != nil else { return nil }
            // WIFSTOPPED, which Swift does not import as a function.
            guard status & 0xFF == 0x7F else { break }
            TerminalSignals.stopUntilContinued()
            TerminalSignals.deferSuspend(true)
            // `fg` continues the whole process group; a `kill -CONT` of us alone must go on too.
            kill(pid, SIGCONT)
        }
        // Ctrl-C in the editor (vim uses it to leave insert mode) also reached us: it was the
        // editor's key, and must not interrupt the request sent next.
        Cancellation.interruptSignal.acknowledge()
        // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
