/// A tap's wire view: every tapped connection's bytes, both directions, marked with the
/// connection's number (`3>` sent by the client, `3<` sent by the daemon), and `* #3 …` lines for
/// what happened (opened, a stream turned raw, an exchange's route, status and time, a half-close).
/// Docker stream frames are annotated on logs, attach and exec streams. Request heads have their
/// credentials masked as in recordings.
///
/// One renderer serves every connection of a tap, so output lines from different connections never
/// share a line: a connection's open line is ended before another one writes.
public struct TapRenderer: Sendable {
    private struct Connection: Sendable {
        var sent: WireText
        var received: WireText
        /// The frame splitter of the response being shown, when it carries Docker stream frames.
        var frames: DockerStreamFrames?
        /// The target of the request whose response is being shown.
        var answering: [String] = []
    }

    private let options: RenderOptions
    private let ansi: ANSI
    private var connections: [Int: Connection] = [:]
    /// The connection that wrote last, whose open line must end before another writes.
    private var lastWriter: Int?

    public init(options: RenderOptions) {
        self.options = options
        ansi = ANSI(enabled: options.color)
    }

    /// A client connected, and the upstream connection for it is open.
    public mutating func opened(_ number: Int, client: String, into out: inout [UInt8]) {
        connections[number] = Connection(
            sent: WireText(mark: "\(number)>", markColor: ansi.requestMark, ansi: ansi, ascii: options.ascii),
            received: WireText(mark: "\(number)<", markColor: ansi.responseMark, ansi: ansi, ascii: options.ascii))
        info(number, "opened by \(client)", into: &out)
    }

    /// The pair is closed: both directions ended, or a side went away.
    public mutating func closed(_ number: Int, reason: String, into out: inout [UInt8]) {
        info(number, reason, into: &out)
        connections[number] = nil
        if lastWriter == number { lastWriter = nil }
    }

    /// A line about the tap itself or one connection, outside any exchange.
    public mutating func remark(_ number: Int, _ text: String, into out: inout [UInt8]) {
        info(number, text, into: &out)
    }

    public mutating func render(_ events: [TapEvent], connection number: Int, into out: inout [UInt8]) {
        guard var connection = connections[number] else { return }
        if lastWriter != number, let previous = lastWriter { endLines(of: previous, into: &out) }
        lastWriter = number
        for event in events {
            switch event {
            case .message(.toServer, let message):
                if case .requestHead(let head, _) = message { connection.answering.append(head.target) }
                appendRequest(message, to: &connection, into: &out)
            case .message(.toClient, let message):
                appendResponse(message, to: &connection, into: &out)
            case .raw(.toServer, let bytes):
                connection.sent.append(bytes, into: &out)
            case .raw(.toClient, let bytes):
                appendFramed(bytes, to: &connection, into: &out)
            case .note(_, let text):
                end(&connection, into: &out)
                line(number, text, into: &out)
            case .ended(let direction):
                end(&connection, into: &out)
                let who = direction == .toServer ? "the client" : "the daemon"
                line(number, "\(who) finished sending (\(direction.arrow) EOF, passed on as a half-close)", into: &out)
            case .exchange(let exchange):
                end(&connection, into: &out)
                line(number, Self.summary(exchange), into: &out)
            }
        }
        connections[number] = connection
    }

    /// `POST /v1.41/containers/{id}/start · 204 No Content · 0 B · 3.1 ms`.
    public static func summary(_ exchange: TapExchange) -> String {
        var parts = ["\(exchange.request.method) \(exchange.request.route)"]
        if let status = exchange.status {
            parts.append(exchange.reason.isEmpty ? "\(status)" : "\(status) \(exchange.reason)")
        } else {
            parts.append("no answer")
        }
        parts.append(Measure.bytes(exchange.responseBytes))
        parts.append(Measure.duration(exchange.nanoseconds))
        if !exchange.complete, exchange.status != nil { parts.append("cut short") }
        return parts.joined(separator: " · ")
    }

    // MARK: pieces

    private func appendRequest(_ message: MessageEvent, to connection: inout Connection, into out: inout [UInt8]) {
        switch message {
        case .requestHead(_, let raw):
            connection.sent.append(RequestSecretMasking.mask(raw)[...], into: &out)
        case .body(let bytes):
            connection.sent.append(bytes, into: &out)
        case .chunkSize(let size, _, let raw):
            connection.sent.breakLine(into: &out)
            connection.sent.append(raw[...], annotation: size == 0 ? "last chunk" : "chunk \(size) B", into: &out)
        case .chunkEnd(let raw), .trailers(_, let raw), .interim(_, let raw), .head(_, _, let raw):
            connection.sent.append(raw[...], into: &out)
        case .tunnel(let bytes), .extra(let bytes):
            connection.sent.append(bytes[...], into: &out)
        case .end:
            connection.sent.breakLine(into: &out)
        }
    }

    private func appendResponse(_ message: MessageEvent, to connection: inout Connection, into out: inout [UInt8]) {
        switch message {
        case .interim(_, let raw), .requestHead(_, let raw), .trailers(_, let raw), .chunkEnd(let raw):
            connection.received.append(raw[...], into: &out)
        case .head(let head, let framing, let raw):
            connection.received.append(raw[...], into: &out)
            let target = connection.answering.first ?? ""
            let framed =
                framing == .tunnel
                ? DockerStreamFrames.applies(contentType: nil, target: target)
                : DockerStreamFrames.applies(contentType: head.value(of: "Content-Type"), target: target)
            connection.frames = framed ? DockerStreamFrames() : nil
        case .body(let bytes):
            appendFramed(bytes, to: &connection, into: &out)
        case .tunnel(let bytes):
            appendFramed(bytes[...], to: &connection, into: &out)
        case .chunkSize(let size, _, let raw):
            connection.received.breakLine(into: &out)
            connection.received.append(raw[...], annotation: size == 0 ? "last chunk" : "chunk \(size) B", into: &out)
        case .extra(let bytes):
            connection.received.append(bytes[...], into: &out)
        case .end:
            if var splitter = connection.frames {
                for piece in splitter.finish() { appendPiece(piece, to: &connection, into: &out) }
            }
            connection.frames = nil
            if !connection.answering.isEmpty { connection.answering.removeFirst() }
            connection.received.breakLine(into: &out)
        }
    }

    private func appendFramed(_ bytes: ArraySlice<UInt8>, to connection: inout Connection, into out: inout [UInt8]) {
        guard var splitter = connection.frames else {
            connection.received.append(bytes, into: &out)
            return
        }
        let pieces = splitter.split(bytes)
        connection.frames = splitter
        for piece in pieces { appendPiece(piece, to: &connection, into: &out) }
    }

    private func appendPiece(
        _ piece: DockerStreamFrames.Piece, to connection: inout Connection, into out: inout [UInt8]
    ) {
        switch piece {
        case .header(let stream, let size, let raw):
            connection.received.breakLine(into: &out)
            connection.received.append(
                raw[...], annotation: "\(DockerStreamFrames.streamName(stream)) frame, \(size) B", into: &out)
            connection.received.breakLine(into: &out)
        case .payload(let bytes), .unframed(let bytes):
            connection.received.append(bytes, into: &out)
        }
    }

    // MARK: lines

    private func end(_ connection: inout Connection, into out: inout [UInt8]) {
        connection.sent.breakLine(into: &out)
        connection.received.breakLine(into: &out)
    }

    private mutating func endLines(of number: Int, into out: inout [UInt8]) {
        guard var connection = connections[number] else { return }
        end(&connection, into: &out)
        connections[number] = connection
    }

    private mutating func info(_ number: Int, _ text: String, into out: inout [UInt8]) {
        if let previous = lastWriter { endLines(of: previous, into: &out) }
        lastWriter = number
        line(number, text, into: &out)
    }

    private func line(_ number: Int, _ text: String, into out: inout [UInt8]) {
        out.append(contentsOf: ansi.dim)
        // The text can quote the peers' bytes (a reason phrase, a parse error).
        out.append(contentsOf: Array("* #\(number) \(options.shown(text))".utf8))
        out.append(contentsOf: ansi.reset)
        out.append(0x0A)
    }
}
