import SockshellCore

/// One exchange once it has ended: what crossed the socket, its summary, and why it failed if it did.
public struct FinishedExchange: Sendable {
    public var record: ExchangeRecord
    public var summary: ExchangeSummary
    public var failure: TransportFailure?
    public var interrupted: Bool { summary.outcome == .interrupted }
    /// The final response head, if one arrived.
    public var head: ResponseHead?
}

/// Sends one request and reads its response, rendering every byte run the moment it crosses
/// the socket and recording it.
final class ExchangeRunner {
    /// Read size: large enough that a 256 MiB body costs few system calls, small enough to keep
    /// memory flat.
    static let readBufferBytes = 256 * 1024

    private let pool: ConnectionPool
    /// What ends a wait early: Ctrl-C for the foreground, a job's own stop pipe for a job.
    private let cancellation: Cancellation
    /// Idle-read timeout: waiting for the head, and for gaps inside a body of known length.
    /// Streams (chunked, until-close, tunnels) may be quiet forever; Ctrl-C ends them.
    var readTimeoutSeconds: Double
    /// Accept a bare LF as a line ending (`--lenient`), named in a remark; every other rule holds.
    let lenient: Bool
    private var buffer = [UInt8](repeating: 0, count: readBufferBytes)

    init(
        pool: ConnectionPool, readTimeoutSeconds: Double, cancellation: Cancellation = .interruptSignal,
        lenient: Bool = false
    ) {
        self.pool = pool
        self.cancellation = cancellation
        self.readTimeoutSeconds = readTimeoutSeconds
        self.lenient = lenient
    }

    /// Called with every byte run as it crosses the socket (a recording writes them to disk).
    typealias RunTap = (ExchangeRecord.Direction, UInt64, ArraySlice<UInt8>) -> Void

    /// `streamNanoseconds`: a stream (chunked, until-close, tunnel) is ended this long after the
    /// exchange began, as a replay of a recorded stream does; nil lets it run until Ctrl-C.
    /// `number`: the exchange's, its summary line's `#number` that `show N` finds.
    func run(
        _ request: EncodedRequest, target: String, number: Int,
        renderer: inout any ExchangeRenderer,
        onReceive: ((Int) -> Void)? = nil, onEvents: (([MessageEvent]) -> Void)? = nil, onRun: RunTap? = nil,
        streamNanoseconds: UInt64? = nil, tunnelInput: TunnelInput? = nil, emit: (inout [UInt8]) -> Void
    ) -> FinishedExchange {
        let start = Posix.monotonicNanoseconds()
        var record = ExchangeRecord(number: number, endpoint: pool.endpoint, method: request.method, target: target)
        record.lenient = lenient
        var out: [UInt8] = []
        var progress = Progress()

        func finish(_ outcome: ExchangeSummary.Ending, failure: TransportFailure?) -> FinishedExchange {
            let summary = ExchangeSummary(
                status: progress.head?.status, reason: progress.head?.reason ?? "", bodyBytes: progress.bodyBytes,
                totalNanoseconds: Posix.monotonicNanoseconds() - start,
                firstByteNanoseconds: progress.firstByte.map { $0 - start }, outcome: outcome,
                number: number)
            // No summary when nothing was sent: the diagnostic says everything.
            if !record.runs.isEmpty { renderer.finish(summary, into: &out) }
            if let note = record.droppedNote { renderer.remark(note, into: &out) }
            emit(&out)
            record.summary = summary
            return FinishedExchange(record: record, summary: summary, failure: failure, head: progress.head)
        }

        if let place = RequestSecretMasking.maskedCredential(in: request.bytes) {
            return finish(.failed("not sent"), failure: .maskedCredential(where: place))
        }
        var attempt = 0
        while true {
            attempt += 1
            let connection: any TransportConnection
            do {
                let acquired = try pool.acquire()
                connection = acquired.connection
                if let stale = acquired.staleNumber {
                    renderer.remark(
                        "conn \(stale) was closed by the server while idle; opening a new connection", into: &out)
                }
            } catch {
                return finish(.failed(error.summaryPhrase), failure: error)
            }
            let reused = connection.completedExchanges > 0
            renderer.connection(
                ConnectionNote(
                    number: connection.number, endpoint: connection.endpoint, reused: reused,
                    opening: connection.opening),
                into: &out)
            renderer.request(request.bytes, into: &out)
            emit(&out)
            let sentAt = Posix.monotonicNanoseconds() - start
            record.append(.sent, at: sentAt, bytes: request.bytes[...])
            onRun?(.sent, sentAt, request.bytes[...])

            let result = exchange(
                request, on: connection, start: start, record: &record, progress: &progress, renderer: &renderer,
                out: &out,
                onReceive: onReceive, onEvents: onEvents, onRun: onRun, tunnelInput: tunnelInput,
                streamDeadline: streamNanoseconds.flatMap { limit in
                    let (deadline, overflow) = start.addingReportingOverflow(limit)
                    return overflow ? nil : deadline
                }, emit: emit)
            switch result {
            case .complete(let keepAlive):
                pool.release(connection, keepAlive: keepAlive)
                return finish(.complete, failure: nil)
            case .staleBeforeAnswer where reused && attempt == 1:
                connection.close()
                if request.isIdempotent {
                    renderer.remark(
                        """
                        conn \(connection.number) was closed by the server before it answered; sending the request \
                        again on a new connection
                        """,
                        into: &out)
                    continue
                }
                return finish(.failed("not resent"), failure: .notResentAfterStaleConnection(method: request.method))
            case .staleBeforeAnswer:
                connection.close()
                return finish(.failed("closed early"), failure: .closedBeforeResponse(receivedBytes: 0))
            case .interrupted:
                connection.shutdownBoth()
                connection.close()
                return finish(.interrupted, failure: nil)
            case .failed(let failure):
                connection.close()
                return finish(.failed(failure.summaryPhrase), failure: failure)
            }
        }
    }

    private struct Progress {
        var head: ResponseHead?
        var bodyBytes = 0
        var firstByte: UInt64?
    }

    private enum AttemptResult {
        case complete(keepAlive: Bool)
        /// The connection closed before a single response byte arrived.
        case staleBeforeAnswer
        case interrupted
        case failed(TransportFailure)
    }

    private func exchange(
        _ request: EncodedRequest, on connection: any TransportConnection, start: UInt64, record: inout ExchangeRecord,
        progress: inout Progress, renderer: inout any ExchangeRenderer, out: inout [UInt8], onReceive: ((Int) -> Void)?,
        onEvents: (([MessageEvent]) -> Void)?, onRun: RunTap?, tunnelInput: TunnelInput?, streamDeadline: UInt64?,
        emit: (inout [UInt8]) -> Void
    ) -> AttemptResult {
        do {
            // A peer that stops reading may already have answered (Go's server replies early and
            // closes when it will not read a large body): read what it sent before giving up.
            _ = try connection.writeAll(request.bytes)
        } catch {
            return .failed(error)
        }
        var parser = HTTPMessageReader(requestMethod: request.method, lenient: lenient)
        var received = 0
        // What a lenient parser accepted is said once, after the bytes that held it.
        var toleratedShown = 0
        func remarkTolerated() {
            let tolerated = parser.toleratedViolations
            guard tolerated.count > toleratedShown else { return }
            if let remark = Array(tolerated[toleratedShown...]).lenientRemark { renderer.remark(remark, into: &out) }
            toleratedShown = tolerated.count
        }
        // Bytes read but not yet part of any event (a head still arriving). Bounded by the
        // parser's own limits, since it fails once a head or chunk line grows past them.
        var unparsed: [UInt8] = []
        func showUnparsed(_ more: ArraySlice<UInt8> = []) {
            let bytes = unparsed + more
            if !bytes.isEmpty { renderer.unparsed(bytes, into: &out) }
            emit(&out)
        }
        var streaming = false
        // A live session's input goes in once the stream is open (bytes typed before wait), until
        // it ends with a half-close.
        var streamOpen = false
        // Taken from the input and not yet sent: sent as the connection takes it, never waiting
        // for it, so a container that does not read its stdin still has its output read.
        var pendingInput: [UInt8] = []
        var inputEndTaken = false
        var inputEnded = false
        func sendPendingInput() throws(TransportFailure) {
            guard let sent = try connection.sendAvailable(pendingInput[...]) else {
                // The other side takes no more input (it closed or shut its read side): what is
                // pending is dropped and nothing more is sent; its output is still read.
                pendingInput = []
                inputEndTaken = true
                inputEnded = true
                return
            }
            if sent > 0 {
                let sentAt = Posix.monotonicNanoseconds() - start
                record.append(.sent, at: sentAt, bytes: pendingInput[..<sent])
                onRun?(.sent, sentAt, pendingInput[..<sent])
                pendingInput.removeFirst(sent)
            }
            if pendingInput.isEmpty && inputEndTaken && !inputEnded {
                connection.shutdownWrite()
                inputEnded = true
            }
        }
        let timeoutNanoseconds = UInt64(max(readTimeoutSeconds, 0) * 1_000_000_000)
        while true {
            let deadline: UInt64? = streaming ? streamDeadline : Posix.monotonicNanoseconds() + timeoutNanoseconds
            let result: ConnectionReadResult
            do {
                let takesInput = streamOpen && !inputEndTaken && pendingInput.count < TunnelInput.maxQueuedBytes
                result = try connection.read(
                    into: &buffer, deadline: deadline, interruptDescriptor: cancellation.descriptor,
                    inputDescriptor: takesInput ? tunnelInput?.descriptor ?? -1 : -1,
                    awaitingWritable: !pendingInput.isEmpty)
            } catch {
                return .failed(error)
            }
            // Taken on every pass, not only when the wait said so: a container that floods its output
            // keeps the socket readable, and the typed Ctrl-C must still reach it.
            if streamOpen, !inputEndTaken, pendingInput.count < TunnelInput.maxQueuedBytes, let tunnelInput {
                let (bytes, ended) = tunnelInput.take()
                pendingInput += bytes
                inputEndTaken = ended
            }
            if streamOpen, !pendingInput.isEmpty || (inputEndTaken && !inputEnded) {
                do throws(TransportFailure) { try sendPendingInput() } catch { return .failed(error) }
            }
            if case .inputReady = result { continue }
            if case .writable = result { continue }
            var events: [MessageEvent]
            switch result {
            case .bytes(let count):
                let now = Posix.monotonicNanoseconds()
                if progress.firstByte == nil { progress.firstByte = now }
                received += count
                onReceive?(count)
                let bytes = buffer[0..<count]
                record.append(.received, at: now - start, bytes: bytes)
                onRun?(.received, now - start, bytes)
                do {
                    events = try parser.feed(bytes)
                } catch {
                    showUnparsed(bytes)
                    remarkTolerated()
                    emit(&out)
                    return .failed(.malformedResponse(error))
                }
                let covered = events.reduce(0) { $0 + $1.rawByteCount }
                if covered >= unparsed.count {
                    unparsed = Array(bytes.dropFirst(covered - unparsed.count))
                } else {
                    unparsed.removeFirst(covered)
                    unparsed.append(contentsOf: bytes)
                }
            case .endOfStream:
                if received == 0 { return .staleBeforeAnswer }
                do {
                    events = try parser.finish()
                } catch {
                    showUnparsed()
                    if error.kind == .closedBeforeHead {
                        return .failed(.closedBeforeResponse(receivedBytes: received))
                    }
                    return .failed(.closedMidResponse(error))
                }
            case .timedOut where streaming:
                // Only a stream's own deadline ends a wait on a stream: it ran its time.
                showUnparsed()
                return .interrupted
            case .timedOut:
                // A head (or chunk line) cut short is shown: every byte that arrived is.
                showUnparsed()
                return .failed(.responseTimedOut(seconds: readTimeoutSeconds, receivedBytes: received))
            case .interrupted:
                cancellation.acknowledge()
                showUnparsed()
                return .interrupted
            case .inputReady, .writable:
                continue
            }
            var keepAlive: Bool?
            for event in events {
                switch event {
                case .head(let head, let framing, _):
                    progress.head = head
                    streaming = framing == .chunked || framing == .untilClose || framing == .tunnel
                    streamOpen = LiveSessionRenderer.opensStream(head, framing: framing)
                case .body(let bytes):
                    progress.bodyBytes += bytes.count
                case .tunnel(let bytes):
                    progress.bodyBytes += bytes.count
                case .end(let allowed):
                    keepAlive = allowed
                case .extra:
                    keepAlive = false
                default:
                    break
                }
            }
            renderer.response(events, into: &out)
            remarkTolerated()
            // Shown before onEvents hears of them: a job's head is printed by the time a waiter
            // learns it arrived.
            emit(&out)
            onEvents?(events)
            if parser.isComplete {
                // Bytes beyond the response in the same read mean the connection is out of step.
                let tidy = !events.contains { if case .extra = $0 { return true } else { return false } }
                return .complete(keepAlive: (keepAlive ?? false) && tidy)
            }
            if case .endOfStream = result { return .failed(.closedBeforeResponse(receivedBytes: received)) }
        }
    }
}
