import SockshellCore

/// The unix socket file `sockshell serve` listens on: a leftover from a server that is gone is
/// replaced, a live socket or any other kind of file is refused with a sentence saying which.
enum ServeSocketFile {
    typealias SetupFailure = RecordingServer.SetupFailure

    /// Removes a socket file left behind by a server that is gone; refuses a live socket or any
    /// other kind of file.
    static func clearStale(at path: String) throws(SetupFailure) {
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
                    \(path) already exists and is \(kind(info.st_mode)), not a socket: serve replaces only a leftover \
                    socket; remove it or choose another --unix-socket path
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
                "something is already listening on \(path): stop it first, or choose another --unix-socket path")
    }

    static func listen(at path: String) throws(SetupFailure) -> (OwnedDescriptor, UInt64) {
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
