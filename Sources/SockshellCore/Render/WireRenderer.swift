/// The default view: both directions byte-exactly, framing annotated, a summary line at the end.
public struct WireRenderer: ExchangeRenderer {
    private let ansi: ANSI
    private let options: RenderOptions
    private var sent: WireText
    private var received: WireText

    private let requestTarget: String
    /// Set when the response carries Docker stream frames, which are then annotated.
    private var frames: DockerStreamFrames?

    public init(options: RenderOptions, requestTarget: String = "") {
        self.requestTarget = requestTarget
        self.options = options
        ansi = ANSI(enabled: options.color)
        sent = WireText(mark: ">", markColor: ansi.requestMark, ansi: ansi, ascii: options.ascii)
        received = WireText(mark: "<", markColor: ansi.responseMark, ansi: ansi, ascii: options.ascii)
    }

    public mutating func connection(_ note: ConnectionNote, into out: inout [UInt8]) {
        info("conn \(note.number) \(note.endpoint.display) (\(note.reused ? "reused" : "new"))", into: &out)
    }

    public mutating func remark(_ text: String, into out: inout [UInt8]) {
        info(text, into: &out)
    }

    public mutating func request(_ bytes: [UInt8], into out: inout [UInt8]) {
        sent.append(bytes[...], into: &out)
        sent.breakLine(into: &out)
    }

    public mutating func response(_ events: [MessageEvent], into out: inout [UInt8]) {
        for event in events {
            switch event {
            case .interim(_, let raw), .head(_, _, let raw), .requestHead(_, let raw), .trailers(_, let raw),
                .chunkEnd(let raw):
                received.append(raw[...], into: &out)
            case .body(let bytes):
                if frames != nil {
                    appendFramed(bytes, into: &out)
                } else {
                    received.append(bytes, into: &out)
                }
            case .chunkSize(let size, _, let raw):
                received.breakLine(into: &out)
                received.append(raw[...], annotation: size == 0 ? "last chunk" : "chunk \(size) B", into: &out)
            case .tunnel(let bytes):
                // After a 101, an attach or exec without a TTY still speaks in frames.
                if frames != nil {
                    appendFramed(bytes[...], into: &out)
                } else {
                    received.append(bytes[...], into: &out)
                }
            case .extra(let bytes):
                info(
                    """
                    \(bytes.count) byte\(bytes.count == 1 ? "" : "s") after the end of the response (the connection \
                    will not be reused):
                    """,
                    into: &out)
                received.append(bytes[...], into: &out)
            case .end:
                if var splitter = frames {
                    for piece in splitter.finish() { appendPiece(piece, into: &out) }
                    frames = splitter
                }
            }
            if case .head(let head, _, _) = event,
                DockerStreamFrames.applies(contentType: head.value(of: "Content-Type"), target: requestTarget)
            {
                frames = DockerStreamFrames()
            }
            if case .head(let head, let framing, _) = event, framing == .tunnel {
                info("\(head.status): HTTP framing ends here; raw bytes follow until the connection closes", into: &out)
            }
        }
    }

    public mutating func unparsed(_ bytes: [UInt8], into out: inout [UInt8]) {
        received.append(bytes[...], into: &out)
    }

    private mutating func appendFramed(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        guard var splitter = frames else { return }
        let pieces = splitter.split(bytes)
        frames = splitter
        for piece in pieces { appendPiece(piece, into: &out) }
    }

    private mutating func appendPiece(_ piece: DockerStreamFrames.Piece, into out: inout [UInt8]) {
        switch piece {
        case .header(let stream, let size, let raw):
            received.appendFrameHeader(stream: stream, size: size, raw: raw, into: &out)
        case .payload(let bytes), .unframed(let bytes):
            received.append(bytes, into: &out)
        }
    }

    public mutating func finish(_ summary: ExchangeSummary, into out: inout [UInt8]) {
        breakLines(into: &out)
        SummaryLine.append(summary, ansi: ansi, options: options, into: &out)
    }

    private mutating func breakLines(into out: inout [UInt8]) {
        sent.breakLine(into: &out)
        received.breakLine(into: &out)
    }

    private mutating func info(_ text: String, into out: inout [UInt8]) {
        breakLines(into: &out)
        out.append(contentsOf: ansi.dim)
        // A remark can quote the server's bytes.
        out.append(contentsOf: Array("* \(options.shown(text))".utf8))
        out.append(contentsOf: ansi.reset)
        out.append(0x0A)
    }
}
