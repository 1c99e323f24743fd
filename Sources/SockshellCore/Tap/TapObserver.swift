/// The passive HTTP/1.1 reading of one tapped connection: fed the bytes relayed in each direction,
/// it says what they were (requests, their responses matched in order, hijacked streams) without
/// ever deciding what is forwarded. A message it cannot parse turns that direction raw with a note;
/// the relay has already passed the bytes on either way.
///
/// Pure: bytes and times in, events out. The relay calls it off the forwarding path.
public struct TapObserver: Sendable {
    private enum Mode: Sendable {
        /// Reading HTTP messages.
        case http
        /// No more framing: a hijacked stream, or the rest after a parse failure.
        case raw
    }

    private var requestMode = Mode.http
    private var responseMode = Mode.http
    private var requestReader = HTTPMessageReader.request(lenient: true)
    /// The request being read asked for an upgrade: the request direction turns raw after it.
    private var requestAsksUpgrade = false
    /// Requests whose heads were seen and whose responses have not ended, oldest first (HTTP/1.1
    /// answers in order; the docker CLI and docker-py never pipeline, curl may).
    private var awaitingResponse: [TapRequest] = []
    /// The response being read, with the request it answers.
    private var responseReader: HTTPMessageReader?
    private var responseStatus: (status: Int, reason: String)?
    private var responseBodyBytes = 0
    /// Bytes of this connection were skipped by the view: its exchanges can no longer be told whole.
    private var skipped = false

    public init() {}

    /// Bytes relayed in `direction`, at monotonic time `now`.
    public mutating func observe(
        _ bytes: ArraySlice<UInt8>, direction: TapDirection, now: UInt64
    ) -> [TapEvent] {
        var events: [TapEvent] = []
        switch direction {
        case .toServer: observeRequests(bytes, now: now, into: &events)
        case .toClient: observeResponses(bytes, now: now, into: &events)
        }
        return events
    }

    /// The sender on `direction` finished (EOF).
    public mutating func end(_ direction: TapDirection, now: UInt64) -> [TapEvent] {
        var events: [TapEvent] = []
        if direction == .toClient, responseMode == .http, var reader = responseReader {
            // An until-close body or a tunnel ends here; anything else was cut short.
            do throws(MessageParseError) {
                let finished = try reader.finish()
                for event in finished { events.append(.message(.toClient, event)) }
                responseReader = reader
                finishExchange(complete: true, now: now, into: &events)
            } catch {
                events.append(.note(.toClient, "the daemon closed the connection: \(error.message)"))
                finishExchange(complete: false, now: now, into: &events)
            }
        }
        if direction == .toClient, responseReader == nil {
            // Requests the daemon never answered.
            while !awaitingResponse.isEmpty { finishExchange(complete: false, now: now, into: &events) }
        }
        events.append(.ended(direction))
        return events
    }

    /// `count` bytes in `direction` were forwarded but never fed here (the view fell behind): the
    /// reader has lost its place, so the rest of that direction is shown raw.
    public mutating func skip(_ count: Int, direction: TapDirection) -> [TapEvent] {
        skipped = true
        switch direction {
        case .toServer: requestMode = .raw
        case .toClient: responseMode = .raw
        }
        return [
            .note(direction, "\(Measure.bytes(count)) forwarded but not shown (the view fell behind): raw from here")
        ]
    }

    /// The pair was torn down: requests still waiting for an answer are cut short.
    public mutating func close(now: UInt64) -> [TapEvent] {
        var events: [TapEvent] = []
        while !awaitingResponse.isEmpty { finishExchange(complete: false, now: now, into: &events) }
        return events
    }

    // MARK: requests

    private mutating func observeRequests(_ bytes: ArraySlice<UInt8>, now: UInt64, into events: inout [TapEvent]) {
        var rest = bytes
        while !rest.isEmpty {
            guard requestMode == .http else {
                events.append(.raw(.toServer, rest))
                return
            }
            let consumed: Int
            let messageEvents: [MessageEvent]
            do throws(MessageParseError) {
                (consumed, messageEvents) = try requestReader.read(rest)
            } catch {
                requestMode = .raw
                events.append(.note(.toServer, "not a request sockshell can read (\(error.message)): raw from here"))
                events.append(.raw(.toServer, rest))
                return
            }
            for event in messageEvents {
                events.append(.message(.toServer, event))
                switch event {
                case .requestHead(let head, _):
                    let request = TapRequest(
                        method: head.method, target: head.target,
                        route: DockerAPIRoutes.template(method: head.method, target: head.target)
                            ?? Self.path(of: head.target),
                        startedAt: now, asksUpgrade: Self.asksUpgrade(head))
                    requestAsksUpgrade = request.asksUpgrade
                    awaitingResponse.append(request)
                case .body(let body):
                    if !awaitingResponse.isEmpty {
                        awaitingResponse[awaitingResponse.count - 1].bodyBytes += body.count
                    }
                case .end:
                    if requestAsksUpgrade {
                        requestMode = .raw
                        events.append(.note(.toServer, "raw stream from here (the request asked for an upgrade)"))
                    }
                    requestAsksUpgrade = false
                    requestReader = HTTPMessageReader.request(lenient: true)
                default:
                    break
                }
            }
            rest = rest.dropFirst(consumed)
        }
    }

    private static func asksUpgrade(_ head: RequestHead) -> Bool {
        let connection = head.headers.values(of: "Connection").joined(separator: ",")
        let upgrades = connection.split(separator: ",").contains {
            HeaderField.namesMatch(String($0).trimmingWhitespace(), "upgrade")
        }
        return upgrades && head.headers.contains(named: "Upgrade")
    }

    private static func path(of target: String) -> String {
        String(target.prefix { $0 != "?" })
    }

    // MARK: responses

    private mutating func observeResponses(_ bytes: ArraySlice<UInt8>, now: UInt64, into events: inout [TapEvent]) {
        var rest = bytes
        while !rest.isEmpty {
            guard responseMode == .http else {
                events.append(.raw(.toClient, rest))
                responseBodyBytes += rest.count
                return
            }
            if responseReader == nil {
                guard let request = awaitingResponse.first else {
                    responseMode = .raw
                    events.append(.note(.toClient, "bytes from the daemon before any request: raw from here"))
                    continue
                }
                responseReader = HTTPMessageReader(requestMethod: request.method)
                responseStatus = nil
                responseBodyBytes = 0
            }
            let consumed: Int
            let messageEvents: [MessageEvent]
            do throws(MessageParseError) {
                (consumed, messageEvents) = try responseReader!.read(rest)
            } catch {
                responseMode = .raw
                events.append(.note(.toClient, "not a response sockshell can read (\(error.message)): raw from here"))
                events.append(.raw(.toClient, rest))
                finishExchange(complete: false, now: now, into: &events)
                return
            }
            for event in messageEvents {
                events.append(.message(.toClient, event))
                switch event {
                case .head(let head, let framing, _):
                    responseStatus = (head.status, head.reason)
                    if framing == .tunnel {
                        events.append(.note(.toClient, "raw stream from here (\(head.status) \(head.reason))"))
                    }
                case .body(let body):
                    responseBodyBytes += body.count
                case .tunnel(let body):
                    responseBodyBytes += body.count
                case .end:
                    finishExchange(complete: true, now: now, into: &events)
                default:
                    break
                }
            }
            rest = rest.dropFirst(consumed)
        }
    }

    private mutating func finishExchange(complete: Bool, now: UInt64, into events: inout [TapEvent]) {
        guard !awaitingResponse.isEmpty else { return }
        let request = awaitingResponse.removeFirst()
        events.append(
            .exchange(
                TapExchange(
                    request: request, status: responseStatus?.status, reason: responseStatus?.reason ?? "",
                    responseBytes: responseBodyBytes, nanoseconds: now &- request.startedAt, complete: complete,
                    partlyShown: skipped)))
        responseReader = nil
        responseStatus = nil
        responseBodyBytes = 0
    }
}
