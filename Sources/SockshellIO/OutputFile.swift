#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an exported file: a new file only, so nothing the user saved is replaced.
enum OutputFile {
    struct Failure: Error {
        var message: String
    }

    static func writeNew(_ path: String, contents: [UInt8], mode: mode_t = 0o600) -> Result<Void, Failure> {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { return .failure(Failure(message: "\(path) already exists: choose another name (sockshell does not replace files it did not make)")) }
            return .failure(Failure(message: "cannot write \(path): \(String(cString: strerror(code)))"))
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < contents.count {
            let written = contents[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return .failure(Failure(message: "cannot write \(path): \(String(cString: strerror(errno)))"))
            }
            offset += written
        }
        return .success(())
    }
}
