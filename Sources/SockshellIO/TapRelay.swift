import SockshellCore
import Synchronization

/// `sockshell tap`: listens on a new unix socket and, for every client that connects, opens exactly
/// one connection to the upstream daemon and relays the two (`RelayedPair`, a thread each). What
/// crosses goes to a `TapFeed` for the view; the relays never wait for it.
public final class TapRelay: Sendable {
    public typealias SetupFailure = RecordingServer.SetupFailure

    /// How long connecting to the upstream may take (a TCP daemon); a unix socket answers at once.
    static let connectTimeoutSeconds = 10.0
    /// Out of descriptors (EMFILE), the accept loop pauses this long before it tries again, so a
    /// listener that stays readable does not spin a core.
    static let outOfDescriptorsPauseNanoseconds: UInt64 = 100_000_000

    public let path: String
    public let upstream: Endpoint
    private let feed: TapFeed
    private let listener: OwnedDescriptor
    private let socketInode: UInt64
    private let nextNumber = Atomic<Int>(1)
    /// Written once when the tap stops: every relay watches it and ends its pair.
    private let stopPipe: (read: OwnedDescriptor, write: OwnedDescriptor)

    /// Listens on `path` (0600; a leftover socket is replaced, anything else refused).
    public init(path: String, upstream: Endpoint, feed: TapFeed) throws(SetupFailure) {
        self.path = path
        self.upstream = upstream
        self.feed = feed
        switch upstream {
        case .tls, .ssh:
            // The relay copies bytes verbatim both ways: a TLS session or an ssh per client is not a relay.
            throw SetupFailure(description: TransportFailure.notRelayable(upstream).message)
        case .unix, .tcp:
            break
        }
        do throws(Errno) {
            stopPipe = try OwnedDescriptor.pipe(nonBlocking: true)
        } catch {
            throw SetupFailure(description: "cannot create a pipe: \(error)")
        }
        try ListeningSocketFile.clearStale(at: path, flag: "--listen")
        (listener, socketInode) = try ListeningSocketFile.listen(at: path, privateMode: true)
    }

    /// The sentence a tap starts with, said by the command line and by a shell's tap job alike.
    public var announcement: String { Self.announcement(upstream: upstream, path: path) }

    static func announcement(upstream: Endpoint, path: String) -> String {
        """
        tapping \(upstream.url) on unix://\(path) (mode 0600: whoever can connect has the daemon's full power); \
        point a client at it with DOCKER_HOST=unix://\(path)
        """
    }

    /// Connections accepted so far.
    public var connections: Int { nextNumber.load(ordering: .relaxed) - 1 }

    /// Accepts clients on a thread of its own until `stop()`; false if the system refused the thread.
    public func start() -> Bool {
        DetachedThread.start { self.run() }
    }

    /// Accepts clients until `stop()`, on the calling thread.
    public func run() {
        var waiter = DescriptorWaiter()
        while true {
            waiter.removeAll()
            let accepting = waiter.watch(listener.raw)
            let stopping = waiter.watch(stopPipe.read.raw)
            guard (try? waiter.wait(until: nil)) != nil else { return }
            if waiter.isReady(stopping) { return }
            if waiter.isReady(accepting) { acceptOne() }
        }
    }

    private func acceptOne() {
        let client: OwnedDescriptor
        do throws(Errno) {
            client = try OwnedDescriptor.opened { accept(listener.raw, nil, nil) }
        } catch {
            if error.code == EMFILE || error.code == ENFILE {
                Posix.sleep(until: Posix.monotonicNanoseconds() &+ Self.outOfDescriptorsPauseNanoseconds)
            }
            return
        }
        // A client the tapped program starts must not inherit it (serve does the same).
        _ = fcntl(client.raw, F_SETFD, FD_CLOEXEC)
        let number = nextNumber.add(1, ordering: .relaxed).oldValue
        let label = PeerCredentials.of(client.raw)?.label ?? "a client with no credentials"
        let feed = feed
        let upstream = upstream
        let stop = stopPipe.read.raw
        let started = DetachedThread.start {
            let upstreamConnection: OwnedDescriptor
            do throws(TransportFailure) {
                upstreamConnection = try SocketConnection.connectedDescriptor(
                    to: upstream, timeoutSeconds: Self.connectTimeoutSeconds)
            } catch {
                // The client sees its connection closed, as it would with the daemon down.
                feed.send(.opened(connection: number, client: label))
                feed.send(
                    .closed(
                        connection: number, reason: "closed: the daemon cannot be reached: \(error.message)",
                        at: Posix.monotonicNanoseconds()))
                return
            }
            feed.send(.opened(connection: number, client: label))
            RelayedPair(
                number: number, client: client, upstream: upstreamConnection, feed: feed, stopDescriptor: stop
            ).run()
        }
        if !started {
            feed.send(.remark(connection: number, "the system refused a thread for this connection: closed"))
        }
    }

    /// Stops accepting, ends every pair and removes the socket file.
    public func stop() {
        try? Posix.writeAll(to: stopPipe.write.raw, [1][...])
        ListeningSocketFile.remove(at: path, inode: socketInode)
    }
}

/// A tap and its view: `run` shows what crosses until told to stop, then ends every pair and sums
/// up. The command line runs one in the foreground; the shell's `tap PATH &` runs one as a job.
public struct TapRun: Sendable {
    public let relay: TapRelay
    private let feed: TapFeed
    private let options: RenderOptions
    /// `--record FILE`: every exchange seen, written as the view reads it.
    private let recorder: SessionRecorder?

    /// After a stop, how long the view waits for the relays to report their pairs closed, so the
    /// last lines are shown; relays end at once, so this only bounds a stuck one.
    static let closingWaitNanoseconds: UInt64 = 1_000_000_000

    /// Listens on `path` for clients of `upstream`; the failure says why the socket cannot be set up.
    public init(
        path: String, upstream: Endpoint, options: RenderOptions, recorder: SessionRecorder? = nil
    ) throws(TapRelay.SetupFailure) {
        do throws(Errno) {
            feed = try TapFeed()
        } catch {
            throw TapRelay.SetupFailure(description: "cannot create a pipe: \(error)")
        }
        relay = try TapRelay(path: path, upstream: upstream, feed: feed)
        self.options = options
        self.recorder = recorder
    }

    /// Accepts and shows until `stopDescriptor` is readable, writing the view through `write`;
    /// false (nothing shown) if the system refused the accept loop a thread.
    /// `finished` hears of every exchange as it ends (for `expect tapped`).
    public func run(
        until stopDescriptor: Int32, write: ([UInt8]) -> Void, finished: (TapExchange) -> Void = { _ in }
    ) -> TapSummary? {
        guard relay.start() else {
            relay.stop()
            return nil
        }
        var view = TapView(options: options, upstream: relay.upstream)
        let recording = recorder.map { TapRecording(recorder: $0, endpoint: relay.upstream) }
        /// Shows one batch of what is queued; true when more is waiting.
        func show() -> Bool {
            let (items, more) = feed.take()
            write(
                view.show(items) { notice, events in
                    recording?.record(notice, read: events)
                    for case .exchange(let exchange) in events { finished(exchange) }
                })
            return more
        }
        var waiter = DescriptorWaiter()
        var more = false
        var refresh = DisplayRefresh()
        while true {
            if !more, !refresh.isDue {
                // Shown a moment ago: let the queue fill until the interval is over, stopping if asked.
                waiter.removeAll()
                let stopping = waiter.watch(stopDescriptor)
                _ = try? waiter.wait(until: refresh.nextShow)
                if waiter.isReady(stopping) { break }
            }
            waiter.removeAll()
            let woken = waiter.watch(feed.wakeDescriptor)
            let stopping = waiter.watch(stopDescriptor)
            // With a batch still waiting, only look for a stop before showing it.
            _ = try? waiter.wait(until: more ? 0 : nil)
            if waiter.isReady(stopping) { break }
            if more || waiter.isReady(woken) {
                more = show()
                refresh.shown()
            }
        }
        relay.stop()
        view.showsBytes = false
        // The relays end their pairs now; show what they say about it.
        let deadline = Posix.monotonicNanoseconds() &+ Self.closingWaitNanoseconds
        while view.openConnections > 0 {
            waiter.removeAll()
            waiter.watch(feed.wakeDescriptor)
            guard (try? waiter.wait(until: deadline)) == true else { break }
            while show() {}
        }
        while show() {}
        if view.unshownBytes > 0 {
            let unshown = Measure.bytes(view.unshownBytes)
            write(Array("* \(unshown) still queued for the view were not shown: the tap was stopping\n".utf8))
        }
        return TapSummary(view.exchanges)
    }
}
