import SockshellCore

/// The unix socket file `sockshell serve` and `sockshell tap` listen on: a leftover from a server
/// that is gone is replaced, a live socket or any other kind of file is refused with a sentence
/// saying which, and stopping removes only the file this process made.
enum ListeningSocketFile {
    typealias SetupFailure = RecordingServer.SetupFailure

    /// Removes a socket file left behind by a server that is gone; refuses a live socket or any
    /// other kind of file.
    /// `flag` is the option that names the path, for the sentence that says how to choose another.
    static func clearStale(at path: String, flag: String = "--unix-socket") throws(SetupFailure) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT { return }
            throw SetupFailure(description: "cannot use \(path): \(Errno(code))")
        }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            throw SetupFailure(
                description:
                    """
                    \(path) already exists and is \(kind(info.st_mode)), not a socket: only a leftover socket is \
                    replaced; remove it or choose another \(flag) path
                    """
            )
        }
        let probe = try newSocket()
        do throws(Errno) {
            try Posix.connect(probe.raw, toUnixSocket: path)
        } catch {
            guard error.code == ECONNREFUSED else {
                throw SetupFailure(description: "cannot tell whether anything listens on \(path): \(error)")
            }
            if unlink(path) != 0 {
                throw SetupFailure(description: "cannot remove the leftover socket \(path): \(Errno.current)")
            }
            return
        }
        throw SetupFailure(
            description:
                "something is already listening on \(path): stop it first, or choose another \(flag) path")
    }

    /// Listens on `path`; `privateMode` makes the file 0600 from its creation (the tap's socket grants
    /// whoever can connect the daemon's full power), else the umask decides as for any file.
    /// Returns the listener and the file's inode, for `remove`.
    static func listen(at path: String, privateMode: Bool = false) throws(SetupFailure) -> (OwnedDescriptor, UInt64) {
        guard path.utf8.count <= Posix.unixPathLimit else {
            throw SetupFailure(
                description:
                    """
                    the socket path \(path) is \(path.utf8.count) bytes long; unix socket paths are limited to \
                    \(Posix.unixPathLimit): choose a shorter one
                    """
            )
        }
        let listener = try newSocket()
        do throws(Errno) {
            // The umask is the process's, but nothing else creates files while a listener starts.
            let previous = privateMode ? umask(0o177) : nil
            defer { if let previous { umask(previous) } }
            try Posix.bind(listener.raw, toUnixSocket: path)
            // A queue long enough for a client that opens many connections at once.
            _ = try Posix.systemCall { Platform.listen(listener.raw, 128) }
        } catch {
            let hint = error.code == ENOENT ? " (does its folder exist?)" : ""
            throw SetupFailure(description: "cannot listen on \(path): \(error)\(hint)")
        }
        var info = stat()
        _ = lstat(path, &info)
        return (listener, UInt64(info.st_ino))
    }

    /// Removes the socket file if it is still the one `listen` made (same inode).
    static func remove(at path: String, inode: UInt64) {
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFSOCK, UInt64(info.st_ino) == inode {
            unlink(path)
        }
    }

    private static func newSocket() throws(SetupFailure) -> OwnedDescriptor {
        do throws(Errno) {
            return try OwnedDescriptor.opened { socket(AF_UNIX, Posix.streamSocketCloseOnExec, 0) }
        } catch {
            throw SetupFailure(description: "cannot create a socket: \(error)")
        }
    }

    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a folder"
        case S_IFLNK: return "a symbolic link"
        case S_IFIFO: return "a named pipe"
        default: return "a special file"
        }
    }
}
