/// The incremental HTTP/1.1 message reader (RFC 9112), for either direction: the responses the
/// client reads and the requests `serve` reads. Feed it bytes as they are read from the socket
/// and it returns the events those bytes complete: the start line and field section (with the
/// limits of `HTTPLimits` for a response, `RequestLimits` for a request), then a Content-Length,
/// chunked (extensions and trailers) or until-close body, or none (HEAD, 1xx, 204, 304), 1xx
/// interim responses, and the raw bytes after a 101 or a CONNECT 2xx (a hijacked stream).
///
/// Every byte fed belongs to exactly one event's bytes (head `raw`, `body`, chunk lines, `tunnel`,
/// `extra` …), so the events rebuild the input exactly; the wire view shows those bytes and uses
/// the parsed fields only to annotate them. Body bytes are passed on as soon as they arrive, in
/// whole runs; only start, header, chunk-size and trailer lines are scanned byte by byte.
///
/// A value type with no I/O: tests drive it with bytes, no sockets. After a thrown error every
/// later call throws the same error.
public struct HTTPMessageReader: Sendable {
    private enum State: Sendable {
        case head
        case body(remaining: Int)
        case untilClose
        case chunked
        case tunnel
        case done
        case failed
    }

    /// Which message is read: a response (to a request with this method) or a request.
    private enum Direction: Sendable {
        case response(requestMethod: String)
        case request
    }

    private let direction: Direction
    private let limits: HTTPLimits
    private let lenient: Bool
    private var state = State.head
    private var head: FieldSectionReader
    /// A request's head, when reading one.
    private var requestHead: RequestHeadSection?
    private var chunked: ChunkedBodyDecoder
    private var keepAlive = false
    private var contentLength = 0
    private var interimCount = 0
    /// A request's chunk sizes announced so far (capped, so a hostile size cannot overflow).
    private var declaredBodyBytes = 0
    /// Bytes taken so far; during a step, where the step's first byte lies.
    private var position = 0
    private var failure: MessageParseError?
    private var failureOffset = 0
    /// Violations accepted in the heads already taken.
    private var toleratedInHeads: [ProtocolViolation] = []

    /// Reads a response.
    /// - Parameters:
    ///   - requestMethod: the method of the request this response answers, exactly as sent
    ///     (`HEAD` responses have no body, a 2xx to `CONNECT` opens a tunnel).
    ///   - limits: bounds on what the parser buffers before giving up.
    ///   - lenient: accept a bare LF as a line ending (RFC 9112 §2.2 allows a recipient to),
    ///     naming each in `toleratedViolations`; every other rule is kept (Grammar.md).
    public init(requestMethod: String, limits: HTTPLimits = .standard, lenient: Bool = false) {
        self.init(direction: .response(requestMethod: requestMethod), limits: limits, lenient: lenient)
    }

    /// Reads a request, as `serve` does (and a tap would): its head is refused by the rules of
    /// Grammar.md with `RequestReadError(error)`'s status, its body is framed to find its end.
    /// - Parameter lenient: accept a bare LF as a line ending, naming each in `toleratedViolations`.
    public static func request(lenient: Bool = false) -> HTTPMessageReader {
        HTTPMessageReader(direction: .request, limits: .standard, lenient: lenient)
    }

    private init(direction: Direction, limits: HTTPLimits, lenient: Bool) {
        self.direction = direction
        self.limits = limits
        self.lenient = lenient
        self.head = FieldSectionReader(role: .responseHead, limits: limits, lenient: lenient, offset: 0)
        let isRequest: Bool
        if case .request = direction { isRequest = true } else { isRequest = false }
        self.requestHead = isRequest ? RequestHeadSection(lenient: lenient) : nil
        self.chunked = ChunkedBodyDecoder(limits: limits, lenient: lenient, isRequest: isRequest)
    }

    private var isRequest: Bool { requestHead != nil }
    /// Who sends the message, for the sentences about a close.
    private var peer: String { isRequest ? "client" : "server" }

    /// The violations a lenient parser accepted so far (bare LFs), in the order they came, each
    /// with its byte offset; always empty when not lenient. Shown as a remark in the wire view.
    public var toleratedViolations: [ProtocolViolation] {
        toleratedInHeads + (requestHead?.tolerated ?? head.tolerated) + chunked.tolerated
    }

    /// True once `.end` has been emitted.
    public var isComplete: Bool {
        if case .done = state { return true }
        return false
    }

    /// Bytes consumed so far (for error messages: "at byte N"). After an error, the offset of the
    /// first offending byte (where the error's `offendingBytes` start).
    public var bytesConsumed: Int {
        failure == nil ? position : failureOffset
    }

    /// How many bytes of a message have been taken, nil before the first (a close then is a clean
    /// close): for a log line about a head that never ended.
    public var headBytesSoFar: Int? {
        bytesConsumed == 0 ? nil : bytesConsumed
    }

    /// Feed the next bytes read from the socket; returns the events they complete. Body bytes are
    /// emitted as soon as they arrive (never held for a whole body or a whole chunk), head and
    /// chunk-size lines once complete. Bytes after `.end` come back as `.extra` (in a tunnel, as
    /// `.tunnel`).
    public mutating func feed(_ bytes: ArraySlice<UInt8>) throws(MessageParseError) -> [MessageEvent] {
        if let failure { throw failure }
        var events: [MessageEvent] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let next = try step(bytes, from: index, into: &events)
            position += next - index
            index = next
        }
        return events
    }

    /// Feed the next bytes read from the socket; see `feed(_:)` for slices.
    public mutating func feed(_ bytes: [UInt8]) throws(MessageParseError) -> [MessageEvent] {
        try feed(bytes[...])
    }

    /// Takes bytes from `bytes` as `feed` does, but stops after a final head (so the caller can
    /// answer it, e.g. with 100 Continue, before its body is taken) and after the message's end
    /// (the next message on the connection starts there). Returns how many bytes were taken.
    public mutating func read(
        _ bytes: ArraySlice<UInt8>
    ) throws(MessageParseError) -> (consumed: Int, events: [MessageEvent]) {
        if let failure { throw failure }
        var events: [MessageEvent] = []
        var index = bytes.startIndex
        while index < bytes.endIndex, !isComplete {
            let next = try step(bytes, from: index, into: &events)
            position += next - index
            index = next
            if events.contains(where: \.isFinalHead) { break }
        }
        return (index - bytes.startIndex, events)
    }

    /// The server closed the connection (EOF). Ends an until-close body or a tunnel with
    /// `.end(keepAlive: false)`; throws if the response was incomplete; after `.end`, no events.
    public mutating func finish() throws(MessageParseError) -> [MessageEvent] {
        if let failure { throw failure }
        switch state {
        case .head:
            let message: String
            let what = isRequest ? "request" : "response"
            if position == 0 {
                message = "the \(peer) closed the connection without sending a \(what)"
            } else {
                let head = interimCount > 0 ? "the final response head" : "a complete \(what) head"
                message = "the \(peer) closed the connection after sending \(bytesText(position)), before \(head)"
            }
            throw fail(
                MessageParseError(
                    kind: .closedBeforeHead, message: message, offendingBytes: requestHead?.raw ?? head.raw),
                at: isRequest ? 0 : head.offset)
        case .body(let remaining):
            throw fail(
                MessageParseError(
                    kind: .closedMidBody,
                    message:
                        """
                        the \(peer) closed the connection after \(contentLength - remaining) of \(contentLength) body \
                        bytes
                        """
                ),
                at: position)
        case .chunked:
            throw fail(chunked.closedError(peer: peer), at: position)
        case .untilClose, .tunnel:
            state = .done
            return [.end(keepAlive: false)]
        case .done, .failed:
            return []
        }
    }

    /// Takes bytes from `input[index...]` in the current state; returns the index after them.
    private mutating func step(
        _ input: ArraySlice<UInt8>, from index: Int, into events: inout [MessageEvent]
    ) throws(MessageParseError) -> Int {
        switch state {
        case .head where isRequest:
            return try stepRequestHead(input, from: index, into: &events)

        case .head:
            let next: Int
            do throws(MessageParseError) {
                next = try head.consume(input, from: index)
            } catch {
                throw fail(error, at: head.failureOffset)
            }
            if head.isComplete {
                try takeHead(endingAt: position + (next - index), into: &events)
            }
            return next

        case .body(let remaining):
            let count = min(remaining, input.endIndex - index)
            events.append(.body(input[index..<(index + count)]))
            if count == remaining {
                end(into: &events)
            } else {
                state = .body(remaining: remaining - count)
            }
            return index + count

        case .untilClose:
            events.append(.body(input[index...]))
            return input.endIndex

        case .chunked:
            let next: Int
            let before = events.count
            do throws(MessageParseError) {
                next = try chunked.decode(input, from: index, offset: position, into: &events)
            } catch {
                throw fail(isRequest ? requestBodyError(error) : error, at: chunked.failureOffset)
            }
            if isRequest { try checkRequestBodySize(events[before...]) }
            if chunked.isDone {
                end(into: &events)
            }
            return next

        case .tunnel:
            events.append(.tunnel(Array(input[index...])))
            return input.endIndex

        case .done, .failed:
            events.append(.extra(Array(input[index...])))
            return input.endIndex
        }
    }

    private mutating func stepRequestHead(
        _ input: ArraySlice<UInt8>, from index: Int, into events: inout [MessageEvent]
    ) throws(MessageParseError) -> Int {
        guard var section = requestHead else { return index }
        let next: Int
        do throws(MessageParseError) {
            next = try section.consume(input, from: index)
        } catch {
            requestHead = section
            throw fail(error, at: section.failureOffset)
        }
        requestHead = section
        guard let request = section.head else { return next }
        events.append(.requestHead(request, raw: section.raw))
        keepAlive = request.keepAlive
        switch request.body {
        case .none:
            end(into: &events)
        case .contentLength(let length):
            contentLength = length
            state = .body(remaining: length)
        case .chunked:
            state = .chunked
        }
        return next
    }

    /// A request's chunked body is refused when a chunk's size line says it will pass the limit,
    /// not after reading it; a chunked body's own errors are the request's 400.
    private mutating func checkRequestBodySize(_ events: ArraySlice<MessageEvent>) throws(MessageParseError) {
        let limit = RequestLimits.maxBodyBytes
        for case .chunkSize(let size, _, _) in events {
            declaredBodyBytes = declaredBodyBytes > limit ? declaredBodyBytes : declaredBodyBytes + min(size, limit + 1)
        }
        if chunked.bodyBytes > limit || declaredBodyBytes > limit {
            throw fail(Self.requestBodyTooLarge, at: position)
        }
    }

    /// What a request's malformed chunked body is refused with: its violation, or a sentence that
    /// says it was the body; too large a body first, whatever broke after the limit.
    private func requestBodyError(_ error: MessageParseError) -> MessageParseError {
        if chunked.bodyBytes > RequestLimits.maxBodyBytes { return Self.requestBodyTooLarge }
        if error.violation != nil { return error }
        var wrapped = error
        wrapped.message = "the request's chunked body is malformed: \(error.message)"
        return wrapped
    }

    private static let requestBodyTooLarge = MessageParseError(
        kind: .bodyTooLarge,
        message: "the request body is larger than the limit of \(RequestLimits.maxBodyBytes) bytes (64 MiB)")

    /// A head is complete: an interim response starts another head, a final one sets the framing.
    private mutating func takeHead(endingAt end: Int, into events: inout [MessageEvent]) throws(MessageParseError) {
        let section = head
        toleratedInHeads += section.tolerated
        head = FieldSectionReader(role: .responseHead, limits: limits, lenient: lenient, offset: end)
        guard let statusLine = section.statusLine else {
            // The reader completes a head only after its status line; kept as an error, not a trap.
            throw fail(
                MessageParseError(kind: .malformedStatusLine, message: "the response head has no status line"),
                at: section.offset)
        }
        let responseHead = ResponseHead(
            version: statusLine.version, status: statusLine.status, reason: statusLine.reason,
            headers: section.fields)

        if (100...199).contains(statusLine.status) && statusLine.status != 101 {
            interimCount += 1
            events.append(.interim(responseHead, raw: section.raw))
            return
        }

        guard case .response(let requestMethod) = direction else { return }
        let framing: BodyFraming
        do throws(MessageFraming.Problem) {
            framing = try MessageFraming.framing(
                status: statusLine.status, requestMethod: requestMethod, fields: section.fields)
        } catch {
            let at = section.offset(ofField: error.fieldIndex)
            let offending = Array(section.rawLine(ofField: error.fieldIndex))
            throw fail(
                error.rule.map {
                    MessageParseError(
                        kind: error.kind, violation: ProtocolViolation($0, at: at), offendingBytes: offending)
                }
                    ?? MessageParseError(kind: error.kind, message: error.message, offendingBytes: offending),
                at: at)
        }
        keepAlive = MessageFraming.keepAlive(
            major: statusLine.major, minor: statusLine.minor, fields: section.fields, framing: framing)
        events.append(.head(responseHead, framing: framing, raw: section.raw))

        switch framing {
        case .none, .contentLength(0):
            self.end(into: &events)
        case .contentLength(let length):
            contentLength = length
            state = .body(remaining: length)
        case .chunked:
            chunked = ChunkedBodyDecoder(limits: limits, lenient: lenient, isRequest: false)
            state = .chunked
        case .untilClose:
            state = .untilClose
        case .tunnel:
            state = .tunnel
        }
    }

    private mutating func end(into events: inout [MessageEvent]) {
        events.append(.end(keepAlive: keepAlive))
        state = .done
    }

    private mutating func fail(_ error: MessageParseError, at offset: Int) -> MessageParseError {
        failure = error
        failureOffset = offset
        state = .failed
        return error
    }

    private func bytesText(_ count: Int) -> String {
        count == 1 ? "1 byte" : "\(count) bytes"
    }
}
