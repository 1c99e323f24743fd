/// The only read and write loops: read some, read to the end, write every byte.
extension Posix {
    /// How one piece of a write goes out.
    public enum WriteCall: Sendable {
        /// write(2): files, pipes, the terminal.
        case write
        /// send(2) with MSG_NOSIGNAL: a socket whose peer has gone answers EPIPE instead of
        /// killing a process that has not ignored SIGPIPE (a library user, a test).
        case send
    }

    /// Reads what is there into `buffer`, at most its size: the count, 0 at the end of the
    /// stream. A non-blocking descriptor with nothing to read throws EAGAIN.
    public static func readSome(
        from descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer
    ) throws(Errno) -> Int {
        try systemCall { read(descriptor, buffer.baseAddress, buffer.count) }
    }

    /// `readSome` into the start of `buffer`.
    public static func readSome(from descriptor: Int32, into buffer: inout [UInt8]) throws(Errno) -> Int {
        try buffer.withUnsafeMutableBufferPointer { (raw) throws(Errno) -> Int in
            try readSome(from: descriptor, into: UnsafeMutableRawBufferPointer(raw))
        }
    }

    /// Reads what is there at `offset` in a file into the start of `buffer` (pread(2): the file's
    /// position is neither used nor moved, so threads may share the descriptor); 0 at the end.
    public static func readSome(from descriptor: Int32, at offset: Int, into buffer: inout [UInt8]) throws(Errno) -> Int
    {
        try buffer.withUnsafeMutableBufferPointer { (typed) throws(Errno) -> Int in
            let raw = UnsafeMutableRawBufferPointer(typed)
            return try systemCall { pread(descriptor, raw.baseAddress, raw.count, off_t(offset)) }
        }
    }

    /// Read size for `readAll`: few calls for a large file, little memory for a small one.
    static let readAllChunkBytes = 64 * 1024

    /// Reads until the end of the stream, or until `limit` bytes are in (a caller that must tell
    /// "exactly the limit" from "more" asks for one byte more than it allows).
    public static func readAll(from descriptor: Int32, limit: Int = .max) throws(Errno) -> [UInt8] {
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(readAllChunkBytes, max(limit, 1)))
        while contents.count < limit {
            let wanted = min(chunk.count, limit - contents.count)
            let count = try chunk.withUnsafeMutableBufferPointer { (raw) throws(Errno) -> Int in
                let room = UnsafeMutableBufferPointer(rebasing: raw[0..<wanted])
                return try readSome(from: descriptor, into: UnsafeMutableRawBufferPointer(room))
            }
            if count == 0 { break }
            contents.append(contentsOf: chunk[0..<count])
        }
        return contents
    }

    /// Writes every byte, as many calls as the descriptor takes; throws the errno of the call that
    /// failed (EPIPE: the reader has gone; EAGAIN: a socket's send timeout ran out).
    public static func writeAll(
        to descriptor: Int32, _ bytes: ArraySlice<UInt8>, using call: WriteCall = .write
    ) throws(Errno) {
        try bytes.withUnsafeBufferPointer { (typed) throws(Errno) in
            let raw = UnsafeRawBufferPointer(typed)
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                offset += try systemCall {
                    switch call {
                    case .write: write(descriptor, base + offset, raw.count - offset)
                    case .send: send(descriptor, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                    }
                }
            }
        }
    }
}
