import SockshellCore

/// A recording opened once and read through `TranscriptLines`, from its start or from an
/// exchange's offset. Every read is a pread, so serve's answering threads share the one descriptor.
public final class TranscriptFile: Sendable {
    /// Read size: few system calls for a long recording, little memory.
    static let readBytes = 64 * 1024

    let descriptor: OwnedDescriptor

    /// Opens `path` for reading; throws the system's reason.
    public init(path: String) throws(Errno) {
        descriptor = try OwnedDescriptor.opened { open(path, O_RDONLY | O_CLOEXEC) }
    }

    /// The lines from `offset` (where a line starts) to the end of the file.
    public func lines(from offset: Int = 0) -> Lines {
        Lines(file: self, offset: offset)
    }

    /// The file's lines one by one, each with its offset, in constant memory apart from the longest line.
    public struct Lines: IteratorProtocol, Sequence {
        private let file: TranscriptFile
        private var splitter: TranscriptLines
        private var position: Int
        private var chunk = [UInt8](repeating: 0, count: TranscriptFile.readBytes)
        private var ended = false
        /// Where these lines began: a pipe can be read only from where it is, so only from the start.
        private let splitterStart: Int

        init(file: TranscriptFile, offset: Int) {
            self.file = file
            self.position = offset
            self.splitterStart = offset
            self.splitter = TranscriptLines(offset: offset)
        }

        /// A pipe (`replay <(...)`, /dev/stdin) has no offsets: read from the start, it is read as
        /// it comes, once, which is all replay and the appender need.
        private var isPipe = false

        private mutating func readChunk() -> Int {
            let descriptor = file.descriptor.raw
            if isPipe { return (try? Posix.readSome(from: descriptor, into: &chunk)) ?? 0 }
            do throws(Errno) {
                return try Posix.readSome(from: descriptor, at: position, into: &chunk)
            } catch {
                guard error.code == ESPIPE, position == splitterStart else { return 0 }
                isPipe = true
                return (try? Posix.readSome(from: descriptor, into: &chunk)) ?? 0
            }
        }

        /// The next line, nil at the end of the file. A read that fails ends the file as its end does.
        public mutating func next() -> TranscriptLine? {
            while true {
                if let line = splitter.next() { return line }
                if ended { return nil }
                let count = readChunk()
                if count == 0 {
                    ended = true
                    splitter.finish()
                } else {
                    position += count
                    splitter.append(chunk[0..<count])
                }
            }
        }
    }
}
