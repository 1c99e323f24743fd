import SockshellCore
import Synchronization

/// `sockshell serve`: answers on a new unix socket from a recording. Each request gets the recorded
/// answer its method and target match (`RecordingIndex`), its bytes sent exactly as recorded, run by
/// run at the recorded pace.
///
/// One thread (`run`) accepts connections and polls every connection waiting for a request head,
/// so idle and slow clients cost a descriptor each, not a thread; a complete head is answered on a
/// thread of its own (at most `maxAnsweringThreads` at work), which keeps the connection while its
/// client goes on asking and hands it back when it falls quiet. `ServeLimits` bounds how long a
/// head may take, how long a connection may idle and how many are open.
///
/// About 660 lines, over our 400: the accept loop and the answering threads share the connection
/// counts, the hand-back list and the wake pipe, and each of the ways a connection ends (answered,
/// refused, timed out, gone, handed back) is decided where both sides can see them. The socket file
/// (`ListeningSocketFile`) and loading the recording (`RecordingIndex.load`) live in their own files.
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
    /// How long a thread that answered keeps the connection waiting for the next request before
    /// handing it back to the accept loop. A keep-alive client asks again as soon as it has read the
    /// answer, well within 10 ms, so a busy client stays on its thread (no hand-over per request);
    /// a quiet one costs a thread for 10 ms at most.
    static let keepNanoseconds: UInt64 = 10_000_000
    /// A connection that was answered and fell quiet less than this long ago is a client between
    /// two requests, not an idle one: closing it to make room would make a real client pay for a
    /// flood, so the newcomer waits instead. Connections that never sent a request go first.
    static let busyClientQuietNanoseconds: UInt64 = 1_000_000_000
    /// The "all connections are busy" line is written at most this often: a flood would otherwise
    /// fill the log at the rate connections end.
    static let fullLineNanoseconds: UInt64 = 1_000_000_000
    /// Threads at work answering at once; more complete heads wait in the accept loop for one to
    /// finish or to wait. An answer is mostly system calls, so two per core keep the cores busy;
    /// more only lengthen the run queue every answer waits in: a flood of connections (a thread
    /// each) slowed a client already being answered to 3% of its rate, 27% at 8 threads on two
    /// cores, 70% at 4 (bench/serve_hostile). Threads waiting on their client (a body, the next
    /// request) or on a recorded pace do not count, so slow clients and long streams cannot use
    /// them up.
    static let maxAnsweringThreads = max(4, 2 * sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    /// Out of descriptors (EMFILE), the accept loop pauses this long before it tries again: the
    /// listener stays readable, and trying at once would spin a core until a connection ends.
    static let outOfDescriptorsPauseNanoseconds: UInt64 = 100_000_000

    public let path: String
    private let recordingName: String
    private let index: Mutex<RecordingIndex>
    /// The recording, open for the server's life: answers left on disk are read from it with
    /// pread, so a request costs no open and threads share the descriptor.
    private let recording: TranscriptFile?
    private let counts = Mutex(Tally())
    private let log: @Sendable (String) -> Void
    /// `--lenient`: requests may end lines in a bare LF (RFC 9112 §2.2); every other rule holds.
    private let lenient: Bool
    private let limits: ServeLimits
    private let listener: OwnedDescriptor
    /// The socket file's inode, so stopping removes only the file it created.
    private let socketInode: UInt64
    /// Connections open now, waiting or being answered: checked against `limits.maxConnections`.
    private let openConnections = Atomic<Int>(0)
    /// Threads answering and not waiting on a client or a recorded pace: `maxAnsweringThreads`.
    private let answeringThreads = Atomic<Int>(0)
    /// Connections answering threads gave back to the accept loop, and the pipe that wakes it.
    private let handedBack = Mutex<[WaitingConnection]>([])
    private let wake: (read: OwnedDescriptor, write: OwnedDescriptor)

    /// Listens on `path`. A socket file nobody listens on is replaced; anything else there is refused.
    /// - Parameters:
    ///   - recording: the file answers left on disk (`RecordingIndex.Entry.fileOffset`) are read from.
    ///   - recordingName: the recording as the user named it, for the 404 message.
    ///   - limits: timeouts and the connection cap.
    ///   - lenient: accept a bare LF as a request's line ending.
    ///   - log: one line per request and problem, from any thread.
    public init(
        index: RecordingIndex, recording: TranscriptFile? = nil, recordingName: String, path: String,
        limits: ServeLimits = .standard, lenient: Bool = false,
        log: @escaping @Sendable (String) -> Void
    ) throws(SetupFailure) {
        self.lenient = lenient
        self.index = Mutex(index)
        self.recording = recording
        self.recordingName = recordingName
        self.path = path
        self.limits = limits
        self.log = log
        do throws(Errno) {
            wake = try OwnedDescriptor.pipe(nonBlocking: true)
        } catch {
            throw SetupFailure(description: "cannot create a pipe: \(error)")
        }
        try ListeningSocketFile.clearStale(at: path)
        (listener, socketInode) = try ListeningSocketFile.listen(at: path)
    }

    public var tally: Tally { counts.withLock { $0 } }

    // MARK: the accept loop

    /// Accepts connections and reads request heads until Ctrl-C or SIGTERM (the interrupt
    /// self-pipe), then removes the socket file. Connections still open end with the process.
    public func run(interruptDescriptor: Int32) {
        defer { removeSocketFile() }
        var waiting: [WaitingConnection] = []
        var waiter = DescriptorWaiter()
        // One buffer for every waiting connection: their bytes go straight into their readers.
        var buffer = [UInt8](repeating: 0, count: Self.readBytes)
        var lastFullLine: UInt64?
        // Complete heads waiting for a thread (`maxAnsweringThreads`), oldest first.
        var readyRequests: [ReadyRequest] = []
        while true {
            waiting += handedBack.withLock { returned in
                defer { returned = [] }
                return returned
            }
            // At the cap with no connection to close, new ones wait in the listen queue (then in
            // connect) as nginx's do: answering each with 503 at once took a core and let a flood
            // come round again faster, and the clients already being answered slowed to a crawl.
            let before = Posix.monotonicNanoseconds()
            let full =
                openConnections.load(ordering: .relaxed) >= limits.maxConnections
                && roomToMake(in: waiting, now: before) == nil
            if full, lastFullLine.map({ before &- $0 >= Self.fullLineNanoseconds }) ?? true {
                lastFullLine = before
                log(
                    """
                    all \(limits.maxConnections) connections are busy (--max-connections): new connections wait to be \
                    accepted until one ends
                    """
                )
            }
            waiter.removeAll()
            // At the cap the listener is not watched: its newcomers wait in the queue.
            let accepting = waiter.watch(full ? -1 : listener.raw)
            let woken = waiter.watch(wake.read.raw)
            let interrupted = waiter.watch(interruptDescriptor)
            let fixed = interrupted + 1
            for connection in waiting { waiter.watch(connection.descriptor.raw) }
            var nextDue = waiting.lazy.map { $0.deadline(self.limits) }.min()
            if full,
                let closable = waiting.lazy.filter({ $0.isIdle }).map({
                    $0.idleSince &+ Self.busyClientQuietNanoseconds
                }).min()
            {
                nextDue = min(nextDue ?? closable, closable)
            }
            do throws(Errno) {
                _ = try waiter.wait(until: nextDue)
            } catch {
                log("stopping: waiting for connections failed: \(error)")
                return
            }
            if waiter.isReady(interrupted) { return }
            if waiter.isReady(woken) { drainWakePipe() }

            let now = Posix.monotonicNanoseconds()
            // Changed in place: a copy would share the reader's bytes, and the next read would then
            // copy up to 1 MiB of a half-read head each time.
            var open = [Bool](repeating: true, count: waiting.count)
            for offset in waiting.indices {
                if waiter.isReady(fixed + offset),
                    !take(from: &waiting[offset], buffer: &buffer, ready: &readyRequests, now: now)
                {
                    open[offset] = false
                } else if !checkDeadline(of: &waiting[offset], now: now) {
                    open[offset] = false
                }
            }
            if open.contains(false) { waiting = waiting.indices.filter { open[$0] }.map { waiting[$0] } }
            dispatch(&readyRequests)
            if waiter.isReady(accepting) { acceptOne(into: &waiting, now: now) }
        }
    }

    private func acceptOne(into waiting: inout [WaitingConnection], now: UInt64) {
        // At the cap, a connection must go to make room; if none may (a closable one has just sent
        // a request), the newcomer stays in the listen queue until the next turn.
        var room: Int?
        if openConnections.load(ordering: .relaxed) >= limits.maxConnections {
            guard let closable = roomToMake(in: waiting, now: now) else { return }
            room = closable
        }
        let client: OwnedDescriptor
        do throws(Errno) {
            client = try OwnedDescriptor.opened { accept(listener.raw, nil, nil) }
        } catch {
            // Out of descriptors: wait a little instead of spinning on a listener that stays ready.
            if error.code == EMFILE || error.code == ENFILE {
                Posix.sleep(until: now &+ Self.outOfDescriptorsPauseNanoseconds)
            }
            return
        }
        _ = fcntl(client.raw, F_SETFD, FD_CLOEXEC)
        let number = counts.withLock { tally in
            tally.connections += 1
            return tally.connections
        }
        if let room {
            let oldest = waiting.remove(at: room)
            log(
                """
                connection \(oldest.number): closed after \(Self.seconds(now &- oldest.idleSince)) s idle to make \
                room for connection \(number) (--max-connections \(limits.maxConnections))
                """
            )
            closeConnection(oldest.descriptor)
        }
        // A client that stops reading while its answer is written would hold a thread for ever:
        // a send blocked as long as a connection may idle gives up (EAGAIN).
        var stall = timeval(
            tv_sec: Int(limits.idleTimeoutNanoseconds / 1_000_000_000),
            tv_usec: Int(limits.idleTimeoutNanoseconds % 1_000_000_000 / 1000))
        _ = setsockopt(client.raw, SOL_SOCKET, SO_SNDTIMEO, &stall, socklen_t(MemoryLayout<timeval>.size))
        openConnections.add(1, ordering: .relaxed)
        waiting.append(WaitingConnection(descriptor: client, number: number, idleSince: now, lenient: lenient))
    }

    /// A complete request head read by the accept loop, waiting for a thread to answer it.
    private struct ReadyRequest {
        let descriptor: OwnedDescriptor
        let number: Int
        let head: RequestHead
        /// The reader that read the head, to read its body.
        let reader: HTTPMessageReader
        /// Bytes read after the head: its body, or the next requests.
        let rest: [UInt8]
    }

    /// Starts a thread for each ready request while fewer than `maxAnsweringThreads` are at work.
    private func dispatch(_ ready: inout [ReadyRequest]) {
        var started = 0
        while started < ready.count, answeringThreads.load(ordering: .relaxed) < Self.maxAnsweringThreads {
            let request = ready[started]
            started += 1
            answeringThreads.add(1, ordering: .relaxed)
            let running = DetachedThread.start { [self] in
                defer { stopsAnswering() }
                let served = serve(
                    request.descriptor, number: request.number, head: request.head, reader: request.reader,
                    pending: request.rest[...])
                end(request.descriptor, served)
            }
            if !running {
                stopsAnswering()
                log("connection \(request.number): the system refused a thread to answer it; closed unanswered")
                closeConnection(request.descriptor)
            }
        }
        if started > 0 { ready.removeFirst(started) }
    }

    /// A thread stops working (it ends, or waits on its client or a recorded pace): from the limit,
    /// the accept loop may start another.
    private func stopsAnswering() {
        if answeringThreads.subtract(1, ordering: .relaxed).oldValue >= Self.maxAnsweringThreads {
            wakeAcceptLoop()
        }
    }

    /// Runs `wait` (a poll on the client or the clock) without counting as a working thread.
    private func waitingNotWorking<T, Failure: Error>(_ wait: () throws(Failure) -> T) throws(Failure) -> T {
        stopsAnswering()
        defer { answeringThreads.add(1, ordering: .relaxed) }
        return try wait()
    }

    /// The connection to close for a newcomer at the cap: one that never sent a request, oldest
    /// first, else one answered and quiet for `busyClientQuietNanoseconds`; nil when none may go.
    private func roomToMake(in waiting: [WaitingConnection], now: UInt64) -> Int? {
        waiting.indices.filter {
            waiting[$0].isIdle
                && (!waiting[$0].wasAnswered || now &- waiting[$0].idleSince >= Self.busyClientQuietNanoseconds)
        }.min {
            (waiting[$0].wasAnswered ? 1 : 0, waiting[$0].idleSince) < (
                waiting[$1].wasAnswered ? 1 : 0, waiting[$1].idleSince
            )
        }
    }

    /// Reads what a waiting connection has sent. False when it is closed or handed to a thread.
    private func take(
        from connection: inout WaitingConnection, buffer: inout [UInt8], ready: inout [ReadyRequest], now: UInt64
    ) -> Bool {
        let descriptor = connection.descriptor.raw
        let count: Int
        let failure: Errno?
        do throws(Errno) {
            count = try Posix.systemCall {
                buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            }
            failure = nil
        } catch {
            if error.code == EAGAIN || error.code == EWOULDBLOCK { return true }
            (count, failure) = (0, error)
        }
        if connection.lingerUntil != nil {
            guard count > 0 else {
                closeConnection(connection.descriptor)
                return false
            }
            return true
        }
        guard count > 0 else {
            logEnd(of: connection.number, headBytes: connection.reader.headBytesSoFar, error: failure)
            closeConnection(connection.descriptor)
            return false
        }
        if connection.headStarted == nil { connection.headStarted = now }
        do throws(MessageParseError) {
            let (consumed, events) = try connection.reader.read(buffer[0..<count])
            guard let head = events.requestHead else { return true }
            ready.append(
                ReadyRequest(
                    descriptor: connection.descriptor, number: connection.number, head: head, reader: connection.reader,
                    rest: Array(buffer[consumed..<count])))
            return false
        } catch {
            refuseWithoutWaiting(RequestReadError(error), on: &connection, now: now)
            return true
        }
    }

    /// Ends what is overdue: a linger (close), a head (408), an idle connection (close). False when closed.
    private func checkDeadline(of connection: inout WaitingConnection, now: UInt64) -> Bool {
        guard now >= connection.deadline(limits) else { return true }
        if connection.lingerUntil != nil {
            closeConnection(connection.descriptor)
            return false
        }
        if connection.headStarted != nil {
            refuseWithoutWaiting(
                headTimedOut(connection.number, headBytes: connection.reader.bytesConsumed), on: &connection, now: now)
            return true
        }
        log(
            """
            connection \(connection.number): no request within \(Self.seconds(limits.idleTimeoutNanoseconds)) s \
            (--idle-timeout); closed
            """
        )
        closeConnection(connection.descriptor)
        return false
    }

    /// The accept loop's refusal: the answer is small and the socket's buffer empty, so one
    /// non-blocking send; then the connection lingers in the loop instead of blocking it.
    private func refuseWithoutWaiting(_ problem: RequestReadError, on connection: inout WaitingConnection, now: UInt64)
    {
        noteRefusal(problem, number: connection.number)
        let answer = ServeResponse.unreadable(problem)
        let descriptor = connection.descriptor.raw
        _ = try? Posix.systemCall {
            answer.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        }
        _ = shutdown(descriptor, Int32(SHUT_WR))
        connection.lingerUntil = now &+ Self.lingerNanoseconds
    }

    private func drainWakePipe() {
        var scratch = [UInt8](repeating: 0, count: 256)
        while let count = try? Posix.readSome(from: wake.read.raw, into: &scratch), count > 0 {}
    }

    /// Gives a quiet connection back to the accept loop.
    private func handBack(_ connection: WaitingConnection) {
        handedBack.withLock { $0.append(connection) }
        wakeAcceptLoop()
    }

    /// A byte on the wake pipe: the accept loop looks again (a connection handed back, room freed).
    private func wakeAcceptLoop() {
        // A full pipe (EAGAIN) already holds a wake-up.
        try? Posix.writeAll(to: wake.write.raw, Self.wakeByte[...])
    }

    private static let wakeByte: [UInt8] = [1]

    // MARK: answering one connection

    /// How an answering thread is done with a connection; `end(_:_:)` does it, the one place.
    private enum ConnectionEnd {
        /// The client went away or broke off (logged already): close now.
        case close
        /// The answer said the connection ends: linger, then close.
        case linger
        /// A request could not be read: answer it with `problem`'s status, then end.
        case refuse(RequestReadError, number: Int)
        /// The client fell quiet between requests: back to the accept loop.
        case handBack(WaitingConnection)
    }

    private func end(_ descriptor: OwnedDescriptor, _ end: ConnectionEnd) {
        switch end {
        case .close: closeConnection(descriptor)
        case .linger: lingeringClose(descriptor)
        case .refuse(let problem, let number): refuse(problem, number: number, on: descriptor)
        case .handBack(let waiting): handBack(waiting)
        }
    }

    /// Answers `head` and the requests after it on the same connection, until the client closes,
    /// a request ends the connection, or the client falls quiet (then the accept loop takes it back).
    private func serve(
        _ connection: OwnedDescriptor, number: Int, head first: RequestHead, reader firstReader: HTTPMessageReader,
        pending leftover: ArraySlice<UInt8>
    ) -> ConnectionEnd {
        let descriptor = connection.raw
        // Made at the first read: requests that came whole with the head (pipelined) need none.
        var buffer: [UInt8] = []
        // Bytes read but not yet used: the start of the next request (pipelining) lives here.
        var pending = leftover
        var head = first
        // Has read `head`; reads its body next.
        var reader = firstReader
        var waiter = DescriptorWaiter()
        waiter.watch(descriptor)

        /// Waits at most until `deadline` for bytes (then in `pending`), the end of the stream or an error.
        func receive(until deadline: UInt64) -> Received {
            do throws(Errno) {
                let ready = try waitingNotWorking { () throws(Errno) -> Bool in try waiter.wait(until: deadline) }
                guard ready else { return .timedOut }
                if buffer.isEmpty { buffer = [UInt8](repeating: 0, count: Self.readBytes) }
                let count = try Posix.readSome(from: descriptor, into: &buffer)
                guard count > 0 else { return .closed }
                pending = buffer[0..<count]
                return .bytes
            } catch {
                return .failed(error)
            }
        }

        while true {
            // The body, skipped; each piece must come within the head timeout.
            if head.expectsContinue, !reader.isComplete, pending.isEmpty {
                do throws(Errno) {
                    try Posix.writeAll(to: descriptor, ServeResponse.continueInterim[...], using: .send)
                } catch {
                    logGoneAway(number, during: head, error: error)
                    return .close
                }
            }
            do throws(RequestReadError) {
                while !reader.isComplete {
                    if pending.isEmpty {
                        switch receive(until: Posix.monotonicNanoseconds() &+ limits.headTimeoutNanoseconds) {
                        case .bytes: break
                        case .timedOut:
                            throw RequestReadError(
                                status: 408,
                                """
                                the request body stopped arriving for \(Self.seconds(limits.headTimeoutNanoseconds)) \
                                s (--head-timeout)
                                """
                            )
                        case .closed, .failed:
                            log(
                                """
                                connection \(number): the client closed the connection in the middle of the body of \
                                \(head.method) \(head.target); closed
                                """
                            )
                            return .close
                        }
                    }
                    do throws(MessageParseError) {
                        pending = pending.dropFirst(try reader.read(pending).consumed)
                    } catch {
                        throw RequestReadError(error)
                    }
                }
            } catch {
                return .refuse(error, number: number)
            }

            // The answer.
            let keepAlive: Bool
            do throws(Errno) {
                if let entry = index.withLock({ $0.match(method: head.method, target: head.target) }) {
                    counts.withLock { $0.answered += 1 }
                    // A HAR entry has no line (0): its number is its place in log.entries.
                    let place = entry.line > 0 ? "line \(entry.line)" : "HAR entry \(entry.number)"
                    log("\(head.method) \(head.target): exchange \(entry.number) (\(place))")
                    try play(entry, on: descriptor)
                    keepAlive = head.keepAlive && !entry.closesConnection
                } else {
                    counts.withLock { $0.notInRecording += 1 }
                    log("\(head.method) \(head.target): not in the recording, answered 404")
                    let answer = ServeResponse.notInRecording(
                        method: head.method, target: head.target, recording: recordingName)
                    try Posix.writeAll(to: descriptor, answer[...], using: .send)
                    keepAlive = head.keepAlive
                }
            } catch {
                logGoneAway(number, during: head, error: error)
                return .close
            }
            if !keepAlive { return .linger }

            // The next head: read here while the client keeps asking, else handed back.
            let answered = Posix.monotonicNanoseconds()
            var waiting = WaitingConnection(
                descriptor: connection, number: number, idleSince: answered, lenient: lenient)
            waiting.wasAnswered = true
            var next: RequestHead?
            do throws(RequestReadError) {
                while next == nil {
                    if pending.isEmpty {
                        switch receive(until: Posix.monotonicNanoseconds() &+ Self.keepNanoseconds) {
                        case .bytes: break
                        case .timedOut:
                            return .handBack(waiting)
                        case .closed:
                            logEnd(of: number, headBytes: waiting.reader.headBytesSoFar, error: nil)
                            return .close
                        case .failed(let error):
                            logEnd(of: number, headBytes: waiting.reader.headBytesSoFar, error: error)
                            return .close
                        }
                    }
                    let now = Posix.monotonicNanoseconds()
                    if waiting.headStarted == nil { waiting.headStarted = now }
                    do throws(MessageParseError) {
                        let (consumed, events) = try waiting.reader.read(pending)
                        pending = pending.dropFirst(consumed)
                        next = events.requestHead
                    } catch {
                        throw RequestReadError(error)
                    }
                    if next == nil, let started = waiting.headStarted, now &- started >= limits.headTimeoutNanoseconds {
                        throw headTimedOut(number, headBytes: waiting.reader.bytesConsumed)
                    }
                }
            } catch {
                return .refuse(error, number: number)
            }
            if let next {
                head = next
                reader = waiting.reader
            }
        }
    }

    private enum Received {
        case bytes, timedOut, closed
        case failed(Errno)
    }

    /// Writes each recorded run at its recorded offset from the first; throws when the client went away.
    private func play(_ entry: RecordingIndex.Entry, on descriptor: Int32) throws(Errno) {
        let start = Posix.monotonicNanoseconds()
        let runs = recording.map { RecordingIndex.answer(for: entry, in: $0) } ?? entry.runs
        for run in runs {
            let due = start &+ run.offsetNanoseconds
            if Posix.monotonicNanoseconds() < due { waitingNotWorking { Posix.sleep(until: due) } }
            try Posix.writeAll(to: descriptor, run.bytes[...], using: .send)
        }
    }

    // MARK: refusing and closing

    private func headTimedOut(_ number: Int, headBytes: Int) -> RequestReadError {
        RequestReadError(
            status: 408,
            """
            the request head was not complete \(Self.seconds(limits.headTimeoutNanoseconds)) s after its first byte \
            (\(headBytes) bytes so far; --head-timeout); send the whole head at once
            """
        )
    }

    private func noteRefusal(_ problem: RequestReadError, number: Int) {
        counts.withLock { $0.unreadable += 1 }
        log("connection \(number): a request could not be read, answered \(problem.status): \(problem.message)")
    }

    private func refuse(_ problem: RequestReadError, number: Int, on connection: OwnedDescriptor) {
        noteRefusal(problem, number: number)
        do throws(Errno) {
            try Posix.writeAll(to: connection.raw, ServeResponse.unreadable(problem)[...], using: .send)
            lingeringClose(connection)
        } catch {
            closeConnection(connection)
        }
    }

    /// A client that closed or reset its end: a line only when it left a request unfinished or
    /// reset the connection (a close between requests is the normal end).
    private func logEnd(of number: Int, headBytes: Int?, error: Errno?) {
        if let error {
            log("connection \(number): reading the next request failed: \(error); closed")
        } else if let headBytes {
            log(
                """
                connection \(number): the client closed the connection after \(headBytes) bytes of a request head; \
                nothing to answer
                """
            )
        }
    }

    /// The client closed (or reset) its end while its answer was being written: EPIPE or
    /// ECONNRESET from send (MSG_NOSIGNAL: never SIGPIPE); or it stopped reading (EAGAIN once
    /// SO_SNDTIMEO is up).
    private func logGoneAway(_ number: Int, during head: RequestHead, error: Errno) {
        if error.code == EAGAIN || error.code == EWOULDBLOCK {
            log(
                """
                connection \(number): the client stopped reading: the answer to \(head.method) \(head.target) could \
                not be written for \(Self.seconds(limits.idleTimeoutNanoseconds)) s (--idle-timeout); closed
                """
            )
            return
        }
        log(
            """
            connection \(number): the client went away before the answer to \(head.method) \(head.target) was written \
            (\(error)); closed
            """
        )
    }

    /// Ends the writing side, reads (and drops) what the client still sends until it closes or
    /// the linger time is up, then closes: the client reads the whole answer before it sees EOF.
    private func lingeringClose(_ connection: OwnedDescriptor) {
        _ = shutdown(connection.raw, Int32(SHUT_WR))
        let deadline = Posix.monotonicNanoseconds() + Self.lingerNanoseconds
        var scratch = [UInt8](repeating: 0, count: 4096)
        var waiter = DescriptorWaiter()
        waiter.watch(connection.raw)
        while (try? waitingNotWorking({ () throws(Errno) -> Bool in try waiter.wait(until: deadline) })) == true,
            let count = try? Posix.readSome(from: connection.raw, into: &scratch), count > 0
        {}
        closeConnection(connection)
    }

    /// Every open connection ends here, so the count the cap checks stays true: only the close
    /// that really closes it counts.
    private func closeConnection(_ connection: OwnedDescriptor) {
        guard connection.close() else { return }
        // From the cap: the accept loop may be waiting for room to accept again.
        if openConnections.subtract(1, ordering: .relaxed).oldValue >= limits.maxConnections {
            wakeAcceptLoop()
        }
    }

    static func seconds(_ nanoseconds: UInt64) -> String {
        let tenths = (nanoseconds + 50_000_000) / 100_000_000
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }

    // MARK: the socket file

    private func removeSocketFile() {
        ListeningSocketFile.remove(at: path, inode: socketInode)
    }
}
