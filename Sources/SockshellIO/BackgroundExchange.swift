import SockshellCore
import Synchronization

/// One exchange run in the background, on its own thread and connection: a shell job
/// (`GET /events &`, `BackgroundJobs`) or a replayed one (`SessionReplayer`). It can be asked to
/// stop (a pipe its cancellation watches), and two one-shot events say when its final response
/// head has arrived (or it ended without one) and when it has ended, so whoever waits sleeps
/// until then.
final class BackgroundExchange: Sendable {
    /// Fired when the final response head arrives or the exchange ends: `GET /events &` must be
    /// subscribed before the next line runs, or a create typed right after it would reach the
    /// daemon first and its event would never be seen.
    let headArrival: OneShotEvent
    /// Fired once the exchange has ended and `outcome` is set.
    private let ended: OneShotEvent
    private let result = Mutex<FinishedExchange?>(nil)
    /// Written to ask the exchange to end; both ends close when it has ended. The write end is
    /// used and closed under the lock, so a stop never writes to a descriptor number reused since.
    private let stopWrite: Mutex<OwnedDescriptor>
    private let stopRead: OwnedDescriptor
    let startedNanoseconds = Posix.monotonicNanoseconds()

    private init(headArrival: OneShotEvent, ended: OneShotEvent, stop: (read: OwnedDescriptor, write: OwnedDescriptor))
    {
        self.headArrival = headArrival
        self.ended = ended
        stopRead = stop.read
        stopWrite = Mutex(stop.write)
    }

    /// Starts the exchange on a new thread with its own connection pool, numbering its
    /// connections from `connectionNumbers` (the session's, for a job). `body` runs it with the
    /// runner given (whose cancellation is the stop pipe), calling `headArrived` when
    /// `announcesHead` says so; `ending`, on the same thread once the connection is closed, runs
    /// before the events fire (a job's failure line is queued before anyone waiting goes on).
    /// Nil when the system refuses a pipe or a thread.
    static func start(
        endpoint: Endpoint, timeoutSeconds: Double, lenient: Bool, transport: any Transport = SocketTransport(),
        connectionNumbers: ConnectionNumbers = ConnectionNumbers(),
        body:
            @escaping @Sendable (_ runner: ExchangeRunner, _ headArrived: @escaping @Sendable () -> Void) ->
            FinishedExchange,
        ending: @escaping @Sendable (FinishedExchange) -> Void = { _ in }
    ) -> BackgroundExchange? {
        guard let headArrival = OneShotEvent(), let ended = OneShotEvent(), let stop = try? OwnedDescriptor.pipe()
        else { return nil }
        let exchange = BackgroundExchange(headArrival: headArrival, ended: ended, stop: stop)
        let started = DetachedThread.start {
            let pool = ConnectionPool(
                endpoint: endpoint, connectTimeoutSeconds: timeoutSeconds, transport: transport,
                numbers: connectionNumbers)
            // Only its stop pipe ends it: Ctrl-C is for the foreground.
            let stopRead = exchange.stopRead
            let cancellation = Cancellation(descriptorNow: { stopRead.raw }, acknowledge: {})
            let runner = ExchangeRunner(
                pool: pool, readTimeoutSeconds: timeoutSeconds, cancellation: cancellation, lenient: lenient)
            let outcome = body(runner) { headArrival.fire() }
            pool.closeAll()
            exchange.result.withLock { $0 = outcome }
            exchange.stopWrite.withLock { _ = $0.close() }
            stopRead.close()
            ending(outcome)
            headArrival.fire()
            ended.fire()
        }
        return started ? exchange : nil
    }

    /// True when `events` hold the final response head (not an interim 1xx).
    static func announcesHead(_ events: [MessageEvent]) -> Bool {
        events.contains { if case .head = $0 { true } else { false } }
    }

    /// How it ended, once it has.
    var outcome: FinishedExchange? { result.withLock { $0 } }

    /// Readable once it has ended.
    var endDescriptor: Int32 { ended.descriptor }

    /// Asks it to end; false when it already has.
    @discardableResult
    func stop() -> Bool {
        stopWrite.withLock { write in
            guard write.isOpen else { return false }
            try? Posix.writeAll(to: write.raw, [1][...])
            return true
        }
    }

    /// Waits until it has ended, `deadline` passes or `interruptDescriptor` becomes readable.
    func waitForEnd(until deadline: UInt64?, interruptDescriptor: Int32) -> OneShotEvent.Wait {
        ended.wait(until: deadline, interruptDescriptor: interruptDescriptor)
    }

    /// Stops it and waits for its thread to be done with the connection.
    func stopAndJoin() -> FinishedExchange {
        stop()
        while true {
            if let outcome { return outcome }
            _ = ended.wait(until: nil, interruptDescriptor: -1)
        }
    }
}
