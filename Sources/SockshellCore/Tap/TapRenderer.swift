/// A tap's wire view: every tapped connection's bytes, both directions, marked with the
/// connection's number (`3>` sent by the client, `3<` sent by the daemon), and `* #3 …` lines for
/// what happened (opened, a stream turned raw, an exchange's route, status and time, a half-close).
/// Docker stream frames are annotated on logs, attach and exec streams. Request heads have their
/// credentials masked as in recordings.
///
/// One renderer serves every connection of a tap, so output lines from different connections never
/// share a line: a connection's open line is ended before another one writes.
public struct TapRenderer: Sendable {
    /// A request seen on a connection, until its answer has been shown.
    private struct Request: Sendable {
        var method: String
        var target: String
        /// Its body so far, kept only where the view reads it (a create's `Tty`), at most `keptBodyBytes`.
        var body: [UInt8]?
        /// `"Tty"` of a create, exec create or exec start body, once the body is complete.
        var tty: Bool?
        /// The answer's body, kept for a create or exec create (its `Id`).
        var answer: [UInt8]?
    }

    private struct Connection: Sendable {
        var sent: WireText
        var received: WireText
        /// The frame splitter of the response being shown, when it carries Docker stream frames.
        var frames: DockerStreamFrames?
        /// Requests whose answers have not ended, oldest first (the one being sent is last).
        var answering: [Request] = []
        /// Body bytes of the request being sent, and how many of them were shown.
        var requestBodyBytes = 0
        var requestBodyShown = 0
        /// The member names of a tar being uploaded (a build context): summed up, not shown.
        var tar: TarMemberNames?
        /// A `POST /auth` body (a password) or its answer (an IdentityToken), held until complete and
        /// shown masked, as recordings mask them.
        var heldRequestBody: [UInt8]?
        var heldAnswerBody: [UInt8]?
        /// Body bytes of the answer being shown that were shown, and those counted instead.
        var answerShown = 0
        var answerHidden = 0
        var hiddenReported = 0
    }

    /// A request body is shown up to this many bytes and summed up after them: a create's JSON
    /// (about 2 KiB from the docker CLI) is shown whole, a 30 MiB build context is not dumped.
    static let shownRequestBodyBytes = 4096
    /// Bodies kept to learn a container's or an exec's TTY setting: create bodies are a few KiB.
    static let keptBodyBytes = 64 * 1024
    /// Each answer's first bytes are shown whole; after them a bulk stream (a 200 MB exec, an image
    /// export) is counted, not drawn a line per `y`, so the view keeps up and a terminal is not
    /// flooded (socat -v writes 3 bytes of text per byte and becomes the bottleneck).
    static let shownAnswerBytes = 64 * 1024
    /// Past `shownAnswerBytes`, a piece this small is still shown: live logs and events come a line
    /// or an event at a time, bulk output in full reads.
    static let smallPieceBytes = 1024
    /// While an answer's bytes are counted, a line says how far it got every this many bytes.
    static let hiddenReportBytes = 64 * 1024 * 1024

    private let options: RenderOptions
    private let ansi: ANSI
    private var connections: [Int: Connection] = [:]
    /// The connection that wrote last, whose open line must end before another writes.
    private var lastWriter: Int?
    /// Containers' and execs' TTY setting, from their create bodies and answers (`docker run` creates
    /// on one connection and attaches on another): a TTY stream carries no frames, and at API 1.41
    /// the Content-Type does not say so.
    private var ttyByID: [String: Bool] = [:]

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
                appendRequest(message, to: &connection, connection: number, into: &out)
            case .message(.toClient, let message):
                appendResponse(message, to: &connection, connection: number, into: &out)
            case .raw(.toServer, let bytes):
                connection.sent.append(bytes, into: &out)
            case .raw(.toClient, let bytes):
                bodyPiece(bytes, to: &connection, connection: number, into: &out)
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
        if exchange.partlyShown {
            parts.append("not all shown: the view fell behind")
        } else if !exchange.complete, exchange.status != nil {
            parts.append("cut short")
        }
        return parts.joined(separator: " · ")
    }

    // MARK: pieces

    private mutating func appendRequest(
        _ message: MessageEvent, to connection: inout Connection, connection number: Int, into out: inout [UInt8]
    ) {
        let summing = connection.requestBodyShown >= Self.shownRequestBodyBytes || connection.tar != nil
        switch message {
        case .requestHead(let head, let raw):
            connection.sent.append(RequestSecretMasking.mask(raw)[...], into: &out)
            let keeps = Self.readsTTY(method: head.method, target: head.target)
            connection.answering.append(Request(method: head.method, target: head.target, body: keeps ? [] : nil))
            connection.requestBodyBytes = 0
            connection.requestBodyShown = 0
            let type = head.headers.value(of: "Content-Type")
            let isTar =
                MediaType.isNamed(type, startingWith: "application/x-tar")
                || MediaType.isNamed(type, startingWith: "application/tar")
            connection.tar = isTar ? TarMemberNames() : nil
            connection.heldRequestBody =
                SecretPolicy.isAuthRequest(method: head.method, target: head.target) ? [] : nil
        case .body(let bytes) where connection.heldRequestBody != nil:
            connection.heldRequestBody? += bytes.prefix(Self.keptBodyBytes)
        case .body(let bytes):
            connection.requestBodyBytes += bytes.count
            connection.tar?.feed(bytes)
            if var body = connection.answering.last?.body, body.count < Self.keptBodyBytes {
                body += bytes.prefix(Self.keptBodyBytes - body.count)
                connection.answering[connection.answering.count - 1].body = body
            }
            guard connection.tar == nil else { break }
            let shown = bytes.prefix(max(0, Self.shownRequestBodyBytes - connection.requestBodyShown))
            connection.requestBodyShown += shown.count
            connection.sent.append(shown, into: &out)
        case .chunkSize(let size, _, let raw):
            guard !summing else { break }
            connection.sent.breakLine(into: &out)
            connection.sent.append(raw[...], annotation: size == 0 ? "last chunk" : "chunk \(size) B", into: &out)
        case .chunkEnd(let raw), .trailers(_, let raw):
            guard !summing else { break }
            connection.sent.append(raw[...], into: &out)
        case .interim(_, let raw), .head(_, _, let raw):
            connection.sent.append(raw[...], into: &out)
        case .tunnel(let bytes), .extra(let bytes):
            connection.sent.append(bytes[...], into: &out)
        case .end:
            if let held = connection.heldRequestBody {
                connection.sent.append(Array(SecretPolicy.maskJSONText(held).utf8)[...], into: &out)
                connection.heldRequestBody = nil
            }
            connection.sent.breakLine(into: &out)
            if let summary = Self.bodySummary(connection) { line(number, summary, into: &out) }
            connection.tar = nil
            if let index = connection.answering.indices.last, let body = connection.answering[index].body {
                connection.answering[index].tty = Self.ttySetting(in: body)
            }
        }
    }

    /// `request body: 3.1 MiB, a tar of 12 entries: Dockerfile, …` when not all of it was shown.
    private static func bodySummary(_ connection: Connection) -> String? {
        let total = connection.requestBodyBytes
        guard total > connection.requestBodyShown else { return nil }
        let shown =
            connection.requestBodyShown > 0 ? " (the first \(Measure.bytes(connection.requestBodyShown)) shown)" : ""
        let content = connection.tar?.summary.map { ", \($0)" } ?? ""
        return "request body: \(Measure.bytes(total))\(shown)\(content)"
    }

    /// Whether the view reads this request's body and answer: a container create, an exec create
    /// or an exec start say whether the stream will have a TTY.
    private static func readsTTY(method: String, target: String) -> Bool {
        guard method == "POST" else { return false }
        let segments = TargetComponents(target).segments
        return segments == ["containers", "create"]
            || (segments.count == 3 && segments.first == "containers" && segments.last == "exec")
            || (segments.count == 3 && segments.first == "exec" && segments.last == "start")
    }

    private static func ttySetting(in body: [UInt8]) -> Bool? {
        (try? JSONValue.parse(body))?["Tty"]?.boolValue
    }

    /// The id a stream route names: `/containers/{id}/attach`, `/exec/{id}/start`.
    private static func streamID(_ target: String) -> String? {
        let segments = TargetComponents(target).segments
        return segments.count == 3 ? segments[1] : nil
    }

    private mutating func appendResponse(
        _ message: MessageEvent, to connection: inout Connection, connection number: Int, into out: inout [UInt8]
    ) {
        switch message {
        case .interim(_, let raw), .requestHead(_, let raw), .trailers(_, let raw), .chunkEnd(let raw):
            connection.received.append(raw[...], into: &out)
        case .head(let head, let framing, let raw):
            connection.received.append(raw[...], into: &out)
            let request = connection.answering.first
            let target = request?.target ?? ""
            let tty = request?.tty ?? Self.streamID(target).flatMap { ttyByID[$0] }
            let framed =
                tty != true
                && (framing == .tunnel
                    ? DockerStreamFrames.applies(contentType: nil, target: target)
                    : DockerStreamFrames.applies(contentType: head.value(of: "Content-Type"), target: target))
            connection.frames = framed ? DockerStreamFrames() : nil
            connection.answerShown = 0
            connection.answerHidden = 0
            connection.hiddenReported = 0
            if request?.body != nil { connection.answering[0].answer = [] }
            let isAuth = request.map { SecretPolicy.isAuthRequest(method: $0.method, target: $0.target) } ?? false
            connection.heldAnswerBody = isAuth ? [] : nil
        case .body(let bytes) where connection.heldAnswerBody != nil:
            connection.heldAnswerBody? += bytes.prefix(Self.keptBodyBytes)
        case .body(let bytes):
            if var answer = connection.answering.first?.answer, answer.count < Self.keptBodyBytes {
                answer += bytes.prefix(Self.keptBodyBytes - answer.count)
                connection.answering[0].answer = answer
            }
            bodyPiece(bytes, to: &connection, connection: number, into: &out)
        case .tunnel(let bytes):
            bodyPiece(bytes[...], to: &connection, connection: number, into: &out)
        case .chunkSize(let size, _, let raw):
            guard connection.answerShown < Self.shownAnswerBytes || size <= Self.smallPieceBytes else { break }
            connection.received.breakLine(into: &out)
            connection.received.append(raw[...], annotation: size == 0 ? "last chunk" : "chunk \(size) B", into: &out)
        case .extra(let bytes):
            connection.received.append(bytes[...], into: &out)
        case .end:
            if let held = connection.heldAnswerBody {
                connection.received.append((ResponseSecretMasking.maskAuthAnswerBody(held) ?? held)[...], into: &out)
                connection.heldAnswerBody = nil
            }
            if var splitter = connection.frames {
                for piece in splitter.finish() { appendPiece(piece, to: &connection, into: &out) }
            }
            connection.frames = nil
            reportHidden(&connection, connection: number, into: &out)
            if !connection.answering.isEmpty {
                let answered = connection.answering.removeFirst()
                // A create or exec create answers {"Id": ...}: its stream's TTY setting is now known.
                if let tty = answered.tty, let answer = answered.answer,
                    let id = (try? JSONValue.parse(answer))?["Id"]?.stringValue
                {
                    ttyByID[id] = tty
                }
            }
            connection.received.breakLine(into: &out)
        }
    }

    /// An answer's body bytes: shown, or past `shownAnswerBytes` and in a large piece, counted (the
    /// frame splitter still reads them, so frames shown later are told right).
    private func bodyPiece(
        _ bytes: ArraySlice<UInt8>, to connection: inout Connection, connection number: Int, into out: inout [UInt8]
    ) {
        if connection.answerShown < Self.shownAnswerBytes || bytes.count <= Self.smallPieceBytes {
            reportHidden(&connection, connection: number, into: &out)
            appendFramed(bytes, to: &connection, into: &out)
            connection.answerShown += bytes.count
            return
        }
        if var splitter = connection.frames {
            splitter.skip(bytes)
            connection.frames = splitter
        }
        connection.answerHidden += bytes.count
        if connection.answerHidden - connection.hiddenReported >= Self.hiddenReportBytes {
            connection.hiddenReported = connection.answerHidden
            end(&connection, into: &out)
            line(number, "… \(Measure.bytes(connection.answerHidden)) of the answer so far, not shown", into: &out)
        }
    }

    /// Says how much of the answer was counted and not shown since it was last said.
    private func reportHidden(_ connection: inout Connection, connection number: Int, into out: inout [UInt8]) {
        guard connection.answerHidden > 0 else { return }
        end(&connection, into: &out)
        line(
            number,
            """
            … \(Measure.bytes(connection.answerHidden)) of the answer not shown (the wire view shows each answer's \
            first \(Measure.bytes(Self.shownAnswerBytes)), then pieces up to \(Measure.bytes(Self.smallPieceBytes)))
            """, into: &out)
        connection.answerHidden = 0
        connection.hiddenReported = 0
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
            connection.received.appendFrameHeader(stream: stream, size: size, raw: raw, into: &out)
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
