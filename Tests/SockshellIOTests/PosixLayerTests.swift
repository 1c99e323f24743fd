import Synchronization
import Testing

@testable import SockshellIO

/// The POSIX layer on its own, over pipes: the self-closing descriptor, EINTR retried once for
/// all, the read and write loops and the wait over several descriptors.
@Suite struct PosixLayerTests {
    /// True when `descriptor` is an open descriptor of this process.
    static func isOpen(_ descriptor: Int32) -> Bool { fcntl(descriptor, F_GETFD) != -1 }

    /// The file a descriptor refers to (device and inode), nil when the number is not open. Tests
    /// running beside this one may open a file that takes a freed number at once, so "closed" is
    /// checked as "no longer refers to our file", not as "the number is free".
    static func file(of descriptor: Int32) -> [UInt64]? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    @Test func aDescriptorIsClosedWhenItsOwnerGoesAway() throws {
        var raw: (Int32, Int32) = (-1, -1)
        var pipeFile: [UInt64]?
        do {
            let pipe = try OwnedDescriptor.pipe()
            raw = (pipe.read.raw, pipe.write.raw)
            pipeFile = Self.file(of: raw.0)
            #expect(pipeFile != nil && Self.file(of: raw.1) == pipeFile)
        }
        #expect(Self.file(of: raw.0) != pipeFile)
        #expect(Self.file(of: raw.1) != pipeFile)
    }

    @Test func anExplicitCloseIsTheOnlyClose() throws {
        var number: Int32 = -1
        var next: (read: OwnedDescriptor, write: OwnedDescriptor)?
        do {
            let pipe = try OwnedDescriptor.pipe()
            number = pipe.read.raw
            let pipeFile = Self.file(of: number)
            #expect(pipe.read.close())
            #expect(!pipe.read.close())
            #expect(pipe.read.raw == -1)
            #expect(Self.file(of: number) != pipeFile)
            // The lowest free number is reused by the next open: the owner going away below must
            // not close that one (tests running beside this one may take the number first).
            next = try OwnedDescriptor.pipe()
        }
        let reopened = try #require(next)
        if reopened.read.raw == number || reopened.write.raw == number { #expect(Self.isOpen(number)) }
    }

    @Test func aTakenDescriptorIsLeftOpen() throws {
        var taken: Int32?
        do {
            let pipe = try OwnedDescriptor.pipe()
            taken = pipe.write.take()
            #expect(pipe.write.take() == nil)
        }
        let descriptor = try #require(taken)
        #expect(Self.isOpen(descriptor))
        close(descriptor)
    }

    @Test func aSystemCallInterruptedBySignalsIsRunAgain() throws {
        var calls = 0
        let result = try Posix.systemCall { () -> Int in
            calls += 1
            if calls < 3 {
                errno = EINTR
                return -1
            }
            return 42
        }
        #expect(result == 42)
        #expect(calls == 3)
        #expect(throws: Errno(EBADF)) {
            try Posix.systemCall { () -> Int in
                errno = EBADF
                return -1
            }
        }
    }

    /// A 1 MiB buffer into a pipe (64 KiB of room) read 777 bytes at a time: the writer is held
    /// up many times and each byte still arrives once, in order.
    @Test func writeAllDeliversALargeBufferToASlowReader() throws {
        let pipe = try OwnedDescriptor.pipe()
        let sent = (0..<(1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 13) }
        let failure = Mutex<Errno?>(nil)
        let writer = pipe.write
        #expect(
            DetachedThread.start {
                do throws(Errno) {
                    try Posix.writeAll(to: writer.raw, sent[...])
                } catch {
                    failure.withLock { $0 = error }
                }
                writer.close()
            })
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 777)
        while true {
            let count = try Posix.readSome(from: pipe.read.raw, into: &chunk)
            if count == 0 { break }
            received += chunk[0..<count]
        }
        #expect(failure.withLock { $0 } == nil)
        #expect(received.count == sent.count)
        #expect(received == sent)
    }

    @Test func readAllReadsToTheEndOfTheStream() throws {
        let pipe = try OwnedDescriptor.pipe()
        let sent = (0..<(300 * 1024)).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let writer = pipe.write
        #expect(
            DetachedThread.start {
                try? Posix.writeAll(to: writer.raw, sent[...])
                writer.close()
            })
        #expect(try Posix.readAll(from: pipe.read.raw) == sent)
        #expect(try Posix.readAll(from: pipe.read.raw).isEmpty)
    }

    @Test func readAllStopsAtItsLimit() throws {
        let pipe = try OwnedDescriptor.pipe()
        try Posix.writeAll(to: pipe.write.raw, Array("0123456789".utf8)[...])
        pipe.write.close()
        #expect(try Posix.readAll(from: pipe.read.raw, limit: 4) == Array("0123".utf8))
        #expect(try Posix.readAll(from: pipe.read.raw, limit: 100) == Array("456789".utf8))
    }

    @Test func aWriteToAPipeNobodyReadsSaysEPIPE() throws {
        let pipe = try OwnedDescriptor.pipe()
        pipe.read.close()
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        #expect(throws: Errno(EPIPE)) { try Posix.writeAll(to: pipe.write.raw, [1, 2, 3][...]) }
    }

    @Test func theWaiterTimesOutWhenNothingIsReady() throws {
        let pipe = try OwnedDescriptor.pipe()
        var waiter = DescriptorWaiter()
        let position = waiter.watch(pipe.read.raw)
        let start = Posix.monotonicNanoseconds()
        #expect(try waiter.wait(until: start + 50_000_000) == false)
        #expect(Posix.monotonicNanoseconds() - start >= 50_000_000)
        #expect(waiter.readiness(at: position).isEmpty)
        // A deadline already passed only looks.
        #expect(try waiter.wait(until: 0) == false)
    }

    @Test func theWaiterSaysWhichDescriptorIsReadyAndForWhat() throws {
        let quiet = try OwnedDescriptor.pipe()
        let talking = try OwnedDescriptor.pipe()
        try Posix.writeAll(to: talking.write.raw, [7][...])
        var waiter = DescriptorWaiter()
        let silent = waiter.watch(quiet.read.raw)
        let absent = waiter.watch(-1)
        let readable = waiter.watch(talking.read.raw)
        let writable = waiter.watch(quiet.write.raw, for: .writable)
        #expect(try waiter.wait(until: nil))
        #expect(!waiter.isReady(silent))
        #expect(!waiter.isReady(absent))
        #expect(waiter.readiness(at: readable) == .readable)
        #expect(waiter.readiness(at: writable) == .writable)

        quiet.write.close()
        waiter.removeAll()
        let closed = waiter.watch(quiet.read.raw)
        #expect(try waiter.wait(until: nil))
        #expect(waiter.readiness(at: closed).contains(.hangup))
    }

    @Test func theWaiterWakesWhenAnotherThreadWrites() throws {
        let pipe = try OwnedDescriptor.pipe()
        var waiter = DescriptorWaiter()
        let position = waiter.watch(pipe.read.raw)
        let writer = pipe.write
        #expect(DetachedThread.start { try? Posix.writeAll(to: writer.raw, [1][...]) })
        #expect(try waiter.wait(until: nil))
        #expect(waiter.readiness(at: position).contains(.readable))
    }

    @Test func sleepWaitsUntilTheDeadline() {
        let due = Posix.monotonicNanoseconds() + 20_000_000
        Posix.sleep(until: due)
        #expect(Posix.monotonicNanoseconds() >= due)
    }

    /// A unix socket bound at a fresh path, listening when `listening`.
    static func unixSocket(listening: Bool) throws -> (socket: OwnedDescriptor, path: String) {
        let path = "/tmp/sockshell-posix-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"
        let socket = try OwnedDescriptor.opened { Platform.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0) }
        try Posix.bind(socket.raw, toUnixSocket: path)
        if listening { #expect(listen(socket.raw, 4) == 0) }
        return (socket, path)
    }

    @Test func connectReachesAListeningUnixSocket() throws {
        let (listener, path) = try Self.unixSocket(listening: true)
        defer { unlink(path) }
        let client = try OwnedDescriptor.opened { socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0) }
        try Posix.connect(client.raw, toUnixSocket: path)
        let served = try OwnedDescriptor.opened { accept(listener.raw, nil, nil) }
        try Posix.writeAll(to: client.raw, Array("ping".utf8)[...], using: .send)
        client.close()
        #expect(try Posix.readAll(from: served.raw) == Array("ping".utf8))
    }

    @Test func connectSaysWhyItFailed() throws {
        let (bound, path) = try Self.unixSocket(listening: false)
        defer { unlink(path) }
        let client = try OwnedDescriptor.opened { socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0) }
        #expect(throws: Errno(ECONNREFUSED)) { try Posix.connect(client.raw, toUnixSocket: path) }
        bound.close()
        unlink(path)
        let another = try OwnedDescriptor.opened { socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0) }
        #expect(throws: Errno(ENOENT)) { try Posix.connect(another.raw, toUnixSocket: path) }
    }
}
