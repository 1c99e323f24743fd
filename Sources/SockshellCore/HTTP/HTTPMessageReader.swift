/// The incremental HTTP/1.1 message reader (RFC 9112): feed it bytes as they are read from the
/// socket and it returns the events those bytes complete.
///
/// Every byte fed belongs to exactly one event's bytes (head `raw`, `body`, chunk lines, `tunnel`,
/// `extra` …), so the events rebuild the input exactly; the wire view shows those bytes and uses
/// the parsed fields only to annotate them. Body bytes are passed on as soon as they arrive, in
/// whole runs; only status, header, chunk-size and trailer lines are scanned byte by byte.
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

    private let requestMethod: String
    private let limits: HTTPLimits
    private let lenient: Bool
    private var state = State.head
    private var head: FieldSectionReader
    private var chunked: ChunkedBodyDecoder
    private var keepAlive = false
    private var contentLength = 0
    private var interimCount = 0
    /// Bytes taken so far; during a step, where the step's first byte lies.
    private var position = 0
    private var failure: MessageParseError?
    private var failureOffset = 0
    /// Violations accepted in the heads already taken.
    private var toleratedInHeads: [ProtocolViolation] = []

    /// - Parameters:
    ///   - requestMethod: the method of the request this response answers, exactly as sent
    ///     (`HEAD` responses have no body, a 2xx to `CONNECT` opens a tunnel).
    ///   - limits: bounds on what the parser buffers before giving up.
    ///   - lenient: accept a bare LF as a line ending (RFC 9112 §2.2 allows a recipient to),
    ///     naming each in `toleratedViolations`; every other rule is kept (Grammar.md).
    public init(requestMethod: String, limits: HTTPLimits = .standard, lenient: Bool = false) {
        self.requestMethod = requestMethod
        self.limits = limits
        self.lenient = lenient
        self.head = FieldSectionReader(role: .responseHead, limits: limits, lenient: lenient, offset: 0)
        self.chunked = ChunkedBodyDecoder(limits: limits, lenient: lenient, isRequest: false)
    }

    /// The violations a lenient parser accepted so far (bare LFs), in the order they came, each
    /// with its byte offset; always empty when not lenient. Shown as a remark in the wire view.
    public var toleratedViolations: [ProtocolViolation] {
        toleratedInHeads + head.tolerated + chunked.tolerated
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

    /// The server closed the connection (EOF). Ends an until-close body or a tunnel with
    /// `.end(keepAlive: false)`; throws if the response was incomplete; after `.end`, no events.
    public mutating func finish() throws(MessageParseError) -> [MessageEvent] {
        if let failure { throw failure }
        switch state {
        case .head:
            let message: String
            if position == 0 {
                message = "the server closed the connection without sending a response"
            } else {
                let what = interimCount > 0 ? "the final response head" : "a complete response head"
                message = "the server closed the connection after sending \(bytesText(position)), before \(what)"
            }
            throw fail(
                MessageParseError(kind: .closedBeforeHead, message: message, offendingBytes: head.raw),
                at: head.offset)
        case .body(let remaining):
            throw fail(
                MessageParseError(
                    kind: .closedMidBody,
                    message: "the server closed the connection after \(contentLength - remaining) of \(contentLength) body bytes"),
                at: position)
        case .chunked:
            throw fail(chunked.closedError(), at: position)
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
            do throws(MessageParseError) {
                next = try chunked.decode(input, from: index, offset: position, into: &events)
            } catch {
                throw fail(error, at: chunked.failureOffset)
            }
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

        let framing: BodyFraming
        do throws(MessageFraming.Problem) {
            framing = try MessageFraming.framing(
                status: statusLine.status, requestMethod: requestMethod, fields: section.fields)
        } catch {
            let at = section.offset(ofField: error.fieldIndex)
            let offending = Array(section.rawLine(ofField: error.fieldIndex))
            throw fail(
                error.rule.map { MessageParseError(kind: error.kind, violation: ProtocolViolation($0, at: at), offendingBytes: offending) }
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
