/// Writes an exported file: a new file only, so nothing the user saved is replaced.
public enum OutputFile {
    public struct Failure: Error {
        public var message: String
    }

    /// `mode` is a `mode_t`, spelled as its width: a public signature naming the C alias failed a
    /// clean build once ("SwiftOverlayShims was not imported").
    public static func writeNew(_ path: String, contents: [UInt8], mode: UInt32 = 0o600) -> Result<Void, Failure> {
        let file: OwnedDescriptor
        do throws(Errno) {
            file = try OwnedDescriptor.opened { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode)) }
        } catch {
            if error.code == EEXIST {
                return .failure(
                    Failure(
                        message:
                            """
                            \(path) already exists: choose another name (sockshell does not replace files it did not \
                            make)
                            """
                    ))
            }
            return .failure(Failure(message: "cannot write \(path): \(error)"))
        }
        do throws(Errno) {
            try Posix.writeAll(to: file.raw, contents[...])
        } catch {
            return .failure(Failure(message: "cannot write \(path): \(error)"))
        }
        return .success(())
    }
}
