/// File paths as text, the way a shell reads them: no file system, no normalising of `..` or `//`.
public enum FilePath {
    /// `path` read from inside `directory`: an absolute path (or no directory) stays as it is, a
    /// relative one is joined to the directory. How a script's `@body.json`, `source`, `replay` and a
    /// pasted curl's `-d @file` find files beside the script that names them.
    public static func resolved(_ path: String, in directory: String?) -> String {
        guard let directory, !path.hasPrefix("/") else { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }

    /// The folder a path is in: `.` for a bare name, `/` for a file at the root.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
