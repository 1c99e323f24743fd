#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SockshellCore
import Synchronization

/// `sockshell serve`: answers on a new unix socket from a recording, one thread per connection.
/// Each request gets the recorded answer its method and target match (`RecordingIndex`), its bytes
/// sent exactly as recorded, run by run at the recorded pace.
public final class RecordingServer: Sendable {
    /// Why the socket could not be set up; `description` is the sentence to show.
    public struct SetupFailure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// What was served, for the closing line.
    public struct Tally: Sendable, Equatable {
        public var connections = 0
        public var answered = 0
        public var notInRecording = 0
        public var unreadable = 0
    }

    /// Bytes asked of each recv: a request head is usually one read.
    static let readBytes = 64 * 1024
    /// How long a closing connection keeps reading what the client still sends, so the answer
    /// already written is not lost to a reset (Go's server waits 500 ms too).
    static let lingerNanoseconds: UInt64 = 500_000_000

    public let path: String
    private let recordingName: String
    private let index: Mutex<RecordingIndex>
    private let counts = Mutex(Tally())
    private let log: @Sendable (String) -> Void
    /// `--lenient`: requests may end lines in a bare LF (RFC 9112 §2.2); every other rule holds.
    private let lenient: Bool
    private let listener: Int32
    /// The socket file's inode, so stopping removes only the file it created.
    private let socketInode: UInt64

    /// Listens on `path`. A socket file nobody listens on is replaced; anything else there is refused.
    /// - Parameters:
    ///   - recordingName: the recording as the user named it, for the 404 message.
    ///   - lenient: accept a bare LF as a request's line ending.
    ///   - log: one line per request and problem, from any thread.
    public init(
        index: RecordingIndex, recordingName: String, path: String, lenient: Bool = false, log: @escaping @Sendable (String) -> Void
    ) throws(SetupFailure) {
        self.lenient = lenient
        self.index = Mutex(index)
        self.recordingName = recordingName
        self.path = path
        self.log = log
        try Self.clearStaleSocket(at: path)
        let (descriptor, inode) = try Self.listen(at: path)
        listener = descriptor
        socketInode = inode
    }

    deinit { _ = close(listener) }

    public var tally: Tally { counts.withLock { $0 } }

    /// Accepts connections until Ctrl-C or SIGTERM (the interrupt self-pipe), then removes the
    /// socket file. Connections still open end with the process.
    public func run(interruptDescriptor: Int32) {
        defer { removeSocketFile() }
        while true {
            var entries = [
                pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                pollfd(fd: interruptDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&entries, interruptDescriptor >= 0 ? 2 : 1, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                log("stopping: waiting for connections failed: \(String(cString: strerror(errno)))")
                return
            }
            if interruptDescriptor >= 0, entries[1].revents != 0 { return }
            guard entries[0].revents != 0 else { continue }
            let client = accept(listener, nil, nil)
            if client < 0 {
                // Out of descriptors: wait a little instead of spinning on a listener that stays ready.
                if errno == EMFILE || errno == ENFILE { _ = poll(nil, 0, 100) }
                continue
            }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            counts.withLock { $0.connections += 1 }
            let started = DetachedThread.start { [self] in
                serve(client)
            }
            if !started {
                log("the system refused a thread for a new connection; it is closed unanswered")
                _ = close(client)
            }
        }
    }

    // MARK: one connection

    /// Answers requests on one connection until either side closes it.
    private func serve(_ descriptor: Int32) {
        var buffer = [UInt8](repeating: 0, count: Self.readBytes)
        // Bytes read but not yet used: the start of the next request (pipelining) lives here.
        var pending: ArraySlice<UInt8> = []
        func receive() -> Bool {
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                if count > 0 {
                    pending = buffer[0..<count]
                    return true
                }
                if count < 0 && errno == EINTR { continue }
                return false
            }
        }
        func closeAfterAnswer() {
            lingeringClose(descriptor)
        }

        while true {
            // The head.
            var reader = RequestHeadReader(lenient: lenient)
            var head: RequestHead?
            do throws(RequestReadError) {
                while head == nil {
                    if pending.isEmpty {
                        guard receive() else {
                            // Closed between requests (or mid-head: nothing to answer).
                            _ = close(descriptor)
                            return
                        }
                    }
                    let (consumed, complete) = try reader.read(pending)
                    pending = pending.dropFirst(consumed)
                    head = complete
                }
            } catch {
                refuse(error, on: descriptor)
                return
            }
            guard let head else {
                _ = close(descriptor)
                return
            }

            // The body, skipped.
            var skipper = RequestBodySkipper(for: head, lenient: lenient)
            if head.expectsContinue, !skipper.isDone, pending.isEmpty {
                guard Self.writeAll(descriptor, ServeResponse.continueInterim[...]) else {
                    _ = close(descriptor)
                    return
                }
            }
            do throws(RequestReadError) {
                while !skipper.isDone {
                    if pending.isEmpty {
                        guard receive() else {
                            _ = close(descriptor)
                            return
                        }
                    }
                    pending = pending.dropFirst(try skipper.skip(pending))
                }
            } catch {
                refuse(error, on: descriptor)
                return
            }

            // The answer.
            guard let entry = index.withLock({ $0.match(method: head.method, target: head.target) }) else {
                counts.withLock { $0.notInRecording += 1 }
                log("\(head.method) \(head.target): not in the recording, answered 404")
                let answer = ServeResponse.notInRecording(method: head.method, target: head.target, recording: recordingName)
                guard Self.writeAll(descriptor, answer[...]) else {
                    _ = close(descriptor)
                    return
                }
                if !head.keepAlive {
                    closeAfterAnswer()
                    return
                }
                continue
            }
            counts.withLock { $0.answered += 1 }
            log("\(head.method) \(head.target): exchange \(entry.number) (line \(entry.line))")
            guard play(entry, on: descriptor) else {
                _ = close(descriptor)
                return
            }
            if entry.closesConnection || !head.keepAlive {
                closeAfterAnswer()
                return
            }
        }
    }

    /// Writes each recorded run at its recorded offset from the first; false when the client went away.
    private func play(_ entry: RecordingIndex.Entry, on descriptor: Int32) -> Bool {
        let start = Posix.monotonicNanoseconds()
        for run in RecordingIndex.answer(for: entry, in: recordingName) {
            let due = start &+ run.offsetNanoseconds
            while Posix.monotonicNanoseconds() < due {
                _ = poll(nil, 0, Posix.pollTimeout(until: due))
            }
            guard Self.writeAll(descriptor, run.bytes[...]) else { return false }
        }
        return true
    }

    private func refuse(_ problem: RequestReadError, on descriptor: Int32) {
        counts.withLock { $0.unreadable += 1 }
        log("a request could not be read, answered \(problem.status): \(problem.message)")
        if Self.writeAll(descriptor, ServeResponse.unreadable(problem)[...]) {
            lingeringClose(descriptor)
        } else {
            _ = close(descriptor)
        }
    }

    /// Ends the writing side, reads (and drops) what the client still sends until it closes or
    /// the linger time is up, then closes: the client reads the whole answer before it sees EOF.
    private func lingeringClose(_ descriptor: Int32) {
        _ = shutdown(descriptor, Int32(SHUT_WR))
        let deadline = Posix.monotonicNanoseconds() + Self.lingerNanoseconds
        var scratch = [UInt8](repeating: 0, count: 4096)
        while true {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Posix.pollTimeout(until: deadline))
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { break }
            let count = scratch.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
        }
        _ = close(descriptor)
    }

    static func writeAll(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
        var rest = bytes
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            rest = rest.dropFirst(written)
        }
        return true
    }

    // MARK: the socket file

    private func removeSocketFile() {
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFSOCK, UInt64(info.st_ino) == socketInode {
            unlink(path)
        }
    }

    /// Removes a socket file left behind by a server that is gone; refuses a live socket or any
    /// other kind of file.
    private static func clearStaleSocket(at path: String) throws(SetupFailure) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT { return }
            throw SetupFailure(description: "cannot use \(path): \(String(cString: strerror(code)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            throw SetupFailure(
                description: "\(path) already exists and is \(kind(info.st_mode)), not a socket: serve replaces only a leftover socket; remove it or choose another --unix-socket path")
        }
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard probe >= 0 else { throw SetupFailure(description: "cannot create a socket: \(String(cString: strerror(errno)))") }
        defer { _ = close(probe) }
        var address = address(for: path)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if connected == 0 {
            throw SetupFailure(description: "something is already listening on \(path): stop it first, or choose another --unix-socket path")
        }
        let code = errno
        guard code == ECONNREFUSED else {
            throw SetupFailure(description: "cannot tell whether anything listens on \(path): \(String(cString: strerror(code)))")
        }
        if unlink(path) != 0 {
            throw SetupFailure(description: "cannot remove the leftover socket \(path): \(String(cString: strerror(errno)))")
        }
    }

    private static func listen(at path: String) throws(SetupFailure) -> (Int32, UInt64) {
        guard path.utf8.count <= SocketConnection.unixPathLimit else {
            throw SetupFailure(description: "the socket path \(path) is \(path.utf8.count) bytes long; unix socket paths are limited to \(SocketConnection.unixPathLimit): choose a shorter one")
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SetupFailure(description: "cannot create a socket: \(String(cString: strerror(errno)))") }
        var address = address(for: path)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        // A queue long enough for a client that opens many connections at once.
        guard bound == 0, Glibc.listen(descriptor, 128) == 0 else {
            let code = errno
            _ = close(descriptor)
            let hint = code == ENOENT ? " (does its folder exist?)" : ""
            throw SetupFailure(description: "cannot listen on \(path): \(String(cString: strerror(code)))\(hint)")
        }
        var info = stat()
        _ = lstat(path, &info)
        return (descriptor, UInt64(info.st_ino))
    }

    private static func address(for path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8.prefix(SocketConnection.unixPathLimit))
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (offset, byte) in bytes.enumerated() { raw[offset] = byte }
        }
        return address
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

extension RecordingIndex {
    /// Why a recording could not be served from.
    public enum LoadFailure: Error, Sendable {
        /// The file cannot be opened: the system's reason.
        case unreadable(String)
        /// The file is not a well-formed recording: where and why.
        case malformed(TranscriptError)
    }

    /// The index of a recording file, read line by line. Answers stay on disk: each entry keeps
    /// where its exchange starts, and `answer(for:in:)` reads it back when a request needs it.
    public static func load(path: String) throws(LoadFailure) -> RecordingIndex {
        guard let file = LineFileReader(path: path) else { throw .unreadable(openFailure(path)) }
        var reader = TranscriptReader()
        var index = RecordingIndex()
        var starts: [Int: Int] = [:]
        do throws(TranscriptError) {
            while let line = file.nextLine() {
                if line.utf8.starts(with: TranscriptFormat.exchangeStart.utf8), let number = Int(String(decoding: line.utf8.dropFirst(3).prefix { $0 != 0x20 }, as: UTF8.self)) {
                    starts[number] = file.lineOffset
                }
                for case .exchange(let exchange) in try reader.add(line: line) { index.add(exchange, fileOffset: starts.removeValue(forKey: exchange.number)) }
            }
            for case .exchange(let exchange) in try reader.finish() { index.add(exchange, fileOffset: starts.removeValue(forKey: exchange.number)) }
        } catch {
            throw .malformed(error)
        }
        return index
    }

    /// The answer's runs, offsets counted from the first: kept in the entry, or read back from the
    /// recording (only this exchange's lines; others interleaved with it are skipped).
    static func answer(for entry: Entry, in path: String) -> [ExchangeRecord.Run] {
        guard entry.runs.isEmpty, let offset = entry.fileOffset, let file = LineFileReader(path: path, offset: offset) else { return entry.runs }
        var runs: [ExchangeRecord.Run] = []
        var inRun = false
        let runPrefix = Array("\(TranscriptFormat.runStart)\(entry.number) ".utf8)
        let endPrefix = Array("\(TranscriptFormat.exchangeEnd)\(entry.number) ".utf8)
        while let line = file.nextLine() {
            let bytes = line.utf8
            if bytes.starts(with: TranscriptFormat.receivedLine.utf8) || bytes.starts(with: TranscriptFormat.sentLine.utf8) {
                guard inRun, bytes.starts(with: TranscriptFormat.receivedLine.utf8), let decoded = try? TranscriptEscaping.decode(Substring(bytes.dropFirst(3))) else { continue }
                runs[runs.count - 1].bytes += decoded
                continue
            }
            inRun = false
            if bytes.starts(with: runPrefix), let offset = TranscriptReader.nanoseconds(Substring(bytes.dropFirst(runPrefix.count))) {
                runs.append(ExchangeRecord.Run(direction: .received, offsetNanoseconds: offset, bytes: []))
                inRun = true
            } else if bytes.starts(with: endPrefix) {
                break
            }
        }
        runs.removeAll { $0.bytes.isEmpty }
        guard let first = runs.first?.offsetNanoseconds else { return [] }
        return runs.map { ExchangeRecord.Run(direction: .received, offsetNanoseconds: $0.offsetNanoseconds &- first, bytes: $0.bytes) }
    }
}

/// Why a file cannot be opened for reading. Asked again because LineFileReader's failed init
/// closes descriptor -1 on the way out, which leaves EBADF in errno.
private func openFailure(_ path: String) -> String {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    let code = errno
    if descriptor >= 0 {
        _ = close(descriptor)
        return "it could not be opened"
    }
    return String(cString: strerror(code))
}
