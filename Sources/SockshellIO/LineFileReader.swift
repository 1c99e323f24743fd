/// Reads a file a line at a time with a fixed buffer, so a recording of any length is read in
/// constant memory (apart from the longest line).
final class LineFileReader {
    /// Read size: few system calls for a long recording, little memory.
    static let readBytes = 64 * 1024

    private let file: OwnedDescriptor
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false
    private var chunk = [UInt8](repeating: 0, count: readBytes)
    /// The file offset of `buffer[0]`.
    private var bufferOffset = 0
    /// Where the line last returned starts in the file.
    private(set) var lineOffset = 0

    init?(path: String, offset: Int = 0) {
        guard let file = try? OwnedDescriptor.opened(by: { open(path, O_RDONLY | O_CLOEXEC) }) else { return nil }
        self.file = file
        if offset > 0 {
            guard lseek(file.raw, off_t(offset), SEEK_SET) == off_t(offset) else { return nil }
            bufferOffset = offset
        }
    }

    /// The next line without its LF, nil at the end of the file.
    func nextLine() -> Substring? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                lineOffset = bufferOffset + start
                let line = String(decoding: buffer[start..<newline], as: UTF8.self)
                start = newline + 1
                return line[...]
            }
            if ended {
                guard start < buffer.count else { return nil }
                lineOffset = bufferOffset + start
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                return line[...]
            }
            buffer.removeSubrange(0..<start)
            bufferOffset += start
            start = 0
            // A read that fails ends the file as its end does.
            let count = (try? Posix.readSome(from: file.raw, into: &chunk)) ?? 0
            if count == 0 {
                ended = true
            } else {
                buffer.append(contentsOf: chunk[0..<count])
            }
        }
    }
}
