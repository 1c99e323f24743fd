/// sockshell's state folder (`$XDG_STATE_HOME/sockshell`, else `~/.local/state/sockshell`), where
/// history and lesson progress are kept. Naming it touches nothing: it is made only when
/// something is about to be written there, so a one-line `sockshell -c` creates no folder.
public enum StateFolder {
    /// The folder's path; nil without a usable `XDG_STATE_HOME` or `HOME`.
    public static func path(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/sockshell" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.local/state/sockshell" }
        return nil
    }

    /// Makes each missing level of `folder`; the last one private, since what is kept there (history,
    /// lesson progress) can reveal what was explored.
    public static func make(_ folder: String) {
        var current = ""
        for part in folder.split(separator: "/") {
            current += "/" + part
            mkdir(current, current == folder ? 0o700 : 0o755)
        }
    }
}
