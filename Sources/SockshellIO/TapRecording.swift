import SockshellCore

/// `sockshell tap --record FILE`: every exchange the tap sees, on any connection, becomes a recorded
/// exchange of its own (`#= N … job conn=C client=…`), its bytes written as runs the moment the view
/// reads them, so the recording replays, serves and shows like one sockshell made.
///
/// The events of one connection come in order, so the exchange each belongs to follows the
/// observer's own order: a request head opens one, response events go to the oldest still
/// answering, and raw bytes after a hijack to the hijacked exchange.
final class TapRecording {
    private struct Connection {
        let client: String
        /// Recorded exchanges of requests whose answers have not ended, oldest first, with their start.
        var answering: [(number: Int, startedAt: UInt64)] = []
        /// The last exchange opened: where a hijacked stream's bytes go.
        var last: (number: Int, startedAt: UInt64)?
        /// A `POST /auth` body being collected, to be masked whole when the request ends.
        var authBody: [UInt8]?
    }

    let recorder: SessionRecorder
    private let endpoint: Endpoint
    private var connections: [Int: Connection] = [:]
    private var nextNumber = 1

    init(recorder: SessionRecorder, endpoint: Endpoint) {
        self.recorder = recorder
        self.endpoint = endpoint
    }

    /// Writes what a notice was read as.
    func record(_ notice: TapNotice, read events: [TapEvent]) {
        switch notice {
        case .opened(let number, let client):
            connections[number] = Connection(client: client)
        case .bytes(let number, _, _, let now), .ended(let number, _, let now):
            record(events, connection: number, now: now)
        case .skipped(let number, _, _):
            record(events, connection: number, now: 0)
        case .closed(let number, _, let now):
            record(events, connection: number, now: now)
            connections[number] = nil
        case .remark:
            break
        }
    }

    /// Writes what `events` of connection `number`, read at monotonic time `now`, add.
    private func record(_ events: [TapEvent], connection number: Int, now: UInt64) {
        guard var connection = connections[number] else { return }
        for event in events {
            switch event {
            case .message(.toServer, let message):
                switch message {
                case .requestHead(let head, let raw):
                    let opened = (nextNumber, now)
                    nextNumber += 1
                    recorder.exchangeStarted(
                        number: opened.0, method: head.method, target: head.target, job: true, endpoint: endpoint,
                        tapped: TappedClient(connection: number, client: connection.client))
                    connection.answering.append(opened)
                    connection.last = opened
                    let isAuth = SecretPolicy.isAuthRequest(method: head.method, target: head.target)
                    connection.authBody = recorder.masksSecrets && isAuth ? [] : nil
                    // The head alone is a whole request to the masking: its secret headers are hidden.
                    write(raw[...], .sent, to: opened, now: now, wholeRequest: true)
                case .body(let bytes) where connection.authBody != nil:
                    connection.authBody? += bytes
                case .end where connection.authBody != nil:
                    let masked = SecretPolicy.maskJSONText(connection.authBody ?? [])
                    write(Array(masked.utf8)[...], .sent, to: connection.last, now: now)
                    connection.authBody = nil
                default:
                    write(message.rawBytes, .sent, to: connection.last, now: now)
                }
            case .message(.toClient, let message):
                write(message.rawBytes, .received, to: connection.answering.first ?? connection.last, now: now)
            case .raw(let direction, let bytes):
                let exchange = direction == .toServer ? connection.last : connection.answering.first ?? connection.last
                write(bytes, direction == .toServer ? .sent : .received, to: exchange, now: now)
            case .exchange(let exchange):
                guard !connection.answering.isEmpty else { break }
                let finished = connection.answering.removeFirst()
                recorder.exchangeEnded(
                    number: finished.number,
                    summary: ExchangeSummary(
                        status: exchange.status, reason: exchange.reason, bodyBytes: exchange.responseBytes,
                        totalNanoseconds: exchange.nanoseconds, firstByteNanoseconds: nil,
                        outcome: exchange.complete ? .complete : .failed("cut short")))
            case .note, .ended:
                break
            }
        }
        connections[number] = connection
    }

    private func write(
        _ bytes: ArraySlice<UInt8>, _ direction: ExchangeRecord.Direction,
        to exchange: (number: Int, startedAt: UInt64)?,
        now: UInt64, wholeRequest: Bool = false
    ) {
        guard let exchange, !bytes.isEmpty else { return }
        recorder.run(
            number: exchange.number, direction: direction, offsetNanoseconds: now &- exchange.startedAt, bytes: bytes,
            wholeRequest: wholeRequest)
    }
}
