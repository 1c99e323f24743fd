/// Reads an `@file` request body.
enum BodyFile {
    /// Bodies are held in memory to compute Content-Length; 64 MiB covers image tars for tests
    /// and keeps a mistaken @/dev/zero from eating the machine.
    static let maxBytes = 64 * 1024 * 1024

    struct Failure: Error {
        var code: Int32
        var tooLarge = false

        func message(for path: String) -> String {
            if tooLarge {
                return
                    """
                    @\(path) is larger than \(maxBytes / 1024 / 1024) MiB, the most sockshell reads into a request body
                    """
            }
            switch code {
            case ENOENT:
                return
                    """
                    no such file: @\(path) (relative paths are read from the current directory, or from a script's \
                    own folder)
                    """
            case EACCES: return "cannot read @\(path): permission denied"
            case EISDIR: return "@\(path) is a directory: name a file"
            default: return "cannot read @\(path): \(Errno(code))"
            }
        }
    }

    static func read(_ path: String) -> Result<[UInt8], Failure> {
        do throws(Errno) {
            let file = try OwnedDescriptor.opened { open(path, O_RDONLY | O_CLOEXEC) }
            // One byte over the limit tells a file of exactly the limit from a larger one.
            let contents = try Posix.readAll(from: file.raw, limit: maxBytes + 1)
            if contents.count > maxBytes { return .failure(Failure(code: 0, tooLarge: true)) }
            return .success(contents)
        } catch {
            return .failure(Failure(code: error.code))
        }
    }
}
