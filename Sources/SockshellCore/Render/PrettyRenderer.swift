/// Status, headers and indented JSON; a stream of JSON lines shows one compact line per event.
public struct PrettyRenderer: ExchangeRenderer {
    /// Larger bodies are shown as they arrive instead of being held for indenting, so memory
    /// stays bounded on any body.
    public static let indentBufferLimit = 4 * 1024 * 1024

    private let ansi: ANSI
    private let options: RenderOptions
    /// On a terminal: what the server wrote is shown with its control bytes escaped.
    private var escaper: ControlByteEscaper?
    private let isStreamRoute: Bool
    /// `GET /events`: each event is shown as one short line (`EventSummary`).
    private let isEventStream: Bool
    private let requestTarget: String
    /// Docker stream frames: their headers are dropped here, payloads shown as text.
    private var frames: DockerStreamFrames?
    private var contentIsJSON = false
    private var lineMode = false
    private var passThrough = false
    private var buffered: [UInt8] = []
    /// A body past `indentBufferLimit` that is not text: counted, not shown, and said at its end.
    private var binaryBytes: Int?

    public init(options: RenderOptions, requestTarget: String) {
        ansi = ANSI(enabled: options.color)
        self.options = options
        escaper = options.bodyEscaper()
        isStreamRoute = StreamRoutes.isStream(target: requestTarget)
        isEventStream = EventSummary.isEventStream(target: requestTarget)
        self.requestTarget = requestTarget
    }

    public mutating func connection(_ note: ConnectionNote, into out: inout [UInt8]) {}

    public mutating func remark(_ text: String, into out: inout [UInt8]) {
        dimLine("* \(text)", into: &out)
    }

    public mutating func request(_ bytes: [UInt8], into out: inout [UInt8]) {
        let lineEnd = bytes.firstIndex(of: 0x0A) ?? bytes.count
        var requestLine = bytes[..<lineEnd]
        if requestLine.last == 0x0D { requestLine = requestLine.dropLast() }
        out.append(contentsOf: ansi.requestMark)
        out.append(contentsOf: Array("> ".utf8))
        out.append(contentsOf: options.shown(requestLine))
        out.append(contentsOf: ansi.reset)
        out.append(0x0A)
    }

    public mutating func response(_ events: [MessageEvent], into out: inout [UInt8]) {
        for event in events {
            switch event {
            case .requestHead:
                // A response's events hold no request head.
                break
            case .interim(let head, _):
                statusLine(head, into: &out)
            case .head(let head, let framing, _):
                statusLine(head, into: &out)
                for field in head.headers {
                    out.append(contentsOf: ansi.bold)
                    out.append(contentsOf: Array(options.shown(field.name).utf8))
                    out.append(contentsOf: ansi.reset)
                    out.append(contentsOf: Array(": \(options.shown(field.value))\n".utf8))
                }
                out.append(0x0A)
                contentIsJSON = MediaType.isJSON(head.value(of: "Content-Type"))
                lineMode = isStreamRoute && (framing == .chunked || framing == .untilClose)
                passThrough = framing == .tunnel
                if DockerStreamFrames.applies(contentType: head.value(of: "Content-Type"), target: requestTarget) {
                    frames = DockerStreamFrames()
                }
            case .body(let bytes) where frames != nil:
                demultiplexed(bytes, into: &out)
            case .tunnel(let bytes) where frames != nil:
                // After a 101, an attach or exec without a TTY still speaks in frames.
                demultiplexed(bytes[...], into: &out)
            case .body(let bytes):
                body(bytes, into: &out)
            case .tunnel(let bytes):
                body(bytes[...], into: &out)
            case .trailers(let fields, _):
                flushBody(into: &out)
                for field in fields { dimLine("trailer \(field.name): \(field.value)", into: &out) }
            case .extra(let bytes):
                dimLine("* \(bytes.count) bytes after the end of the response", into: &out)
            case .chunkSize, .chunkEnd, .end:
                break
            }
        }
    }

    public mutating func unparsed(_ bytes: [UInt8], into out: inout [UInt8]) {
        flushBody(into: &out)
        endShown(into: &out)
        dimLine(
            """
            (\(bytes.count) bytes received that are not a valid response: \
            \(TransportFailure.quote(Array(bytes.prefix(200)))))
            """,
            into: &out)
    }

    public mutating func finish(_ summary: ExchangeSummary, into out: inout [UInt8]) {
        flushBody(into: &out)
        endShown(into: &out)
        SummaryLine.append(summary, ansi: ansi, options: options, into: &out)
    }

    /// A Docker stream's payloads, their frame headers dropped.
    private mutating func demultiplexed(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var splitter = frames ?? DockerStreamFrames()
        let pieces = splitter.split(bytes)
        frames = splitter
        for piece in pieces {
            switch piece {
            case .header: break
            case .payload(let payload), .unframed(let payload): body(payload, into: &out)
            }
        }
    }

    private mutating func body(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        if passThrough {
            show(bytes, into: &out)
            return
        }
        if binaryBytes != nil {
            binaryBytes? += bytes.count
            return
        }
        buffered.append(contentsOf: bytes)
        if lineMode {
            // Print every complete line now: each is one event.
            var start = buffered.startIndex
            while let newline = buffered[start...].firstIndex(of: 0x0A) {
                streamLine(buffered[start..<newline], into: &out)
                start = newline + 1
            }
            buffered.removeSubrange(..<start)
        }
        if buffered.count > Self.indentBufferLimit {
            if TerminalBytes.isText(buffered) {
                show(buffered[...], into: &out)
                passThrough = true
            } else {
                binaryBytes = buffered.count
            }
            buffered = []
        }
    }

    private mutating func streamLine(_ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var trimmed = line
        while let last = trimmed.last, last == 0x0D || last == 0x20 { trimmed = trimmed.dropLast() }
        guard !trimmed.isEmpty else { return }
        if isEventStream, let event = try? JSONValue.parse(trimmed), let summary = EventSummary.line(event) {
            // The event's names are the daemon's (a container's name): shown escaped on a terminal.
            out.append(contentsOf: Array(options.shown(summary).utf8))
            out.append(0x0A)
            return
        }
        if contentIsJSON, let compact = JSONFormatter.format(trimmed, indent: false) {
            show(compact[...], into: &out)
        } else {
            show(trimmed, into: &out)
        }
        endShown(into: &out)
        out.append(0x0A)
    }

    private mutating func flushBody(into out: inout [UInt8]) {
        if let count = binaryBytes {
            binaryBytes = nil
            binaryLine(count, into: &out)
        }
        guard !buffered.isEmpty else { return }
        defer { buffered = [] }
        if lineMode {
            streamLine(buffered[...], into: &out)
            return
        }
        if contentIsJSON, let pretty = JSONFormatter.format(buffered[...]) {
            // The formatter copies strings byte for byte, control bytes and all.
            show(pretty[...], into: &out)
            endShown(into: &out)
            out.append(0x0A)
            return
        }
        if TerminalBytes.isText(buffered) {
            show(buffered[...], into: &out)
            endShown(into: &out)
            if buffered.last != 0x0A { out.append(0x0A) }
        } else {
            binaryLine(buffered.count, into: &out)
        }
    }

    private func binaryLine(_ count: Int, into out: inout [UInt8]) {
        dimLine("(\(Measure.bytes(count)) of binary data: view hex shows it, view body writes it as is)", into: &out)
    }

    private func statusLine(_ head: ResponseHead, into out: inout [UInt8]) {
        out.append(contentsOf: ansi.status(head.status))
        out.append(contentsOf: Array(options.shown("\(head.version) \(head.status) \(head.reason)").utf8))
        out.append(contentsOf: ansi.reset)
        out.append(0x0A)
    }

    /// Server bytes as they may be shown: escaped on a terminal (held across calls, so a stream
    /// shows the same whatever its read boundaries), exact otherwise.
    private mutating func show(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        if escaper == nil {
            out.append(contentsOf: bytes)
        } else {
            escaper?.append(bytes, into: &out)
        }
    }

    /// What `show` held back (a CR waiting for its LF) is written: the piece is complete.
    private mutating func endShown(into out: inout [UInt8]) {
        escaper?.finish(into: &out)
    }

    /// A line of our own, which may quote the server (a trailer, a reason phrase).
    private func dimLine(_ text: String, into out: inout [UInt8]) {
        out.append(contentsOf: ansi.dim)
        out.append(contentsOf: Array(options.shown(text).utf8))
        out.append(contentsOf: ansi.reset)
        out.append(0x0A)
    }
}
