/// The default view: both directions byte-exactly, framing annotated, a summary line at the end.
/// A binary body is shown only as far as it takes to tell what it is (`binaryPreviewBytes`);
/// the rest is counted, and one line before the summary says how much and how to see it.
public struct WireRenderer: ExchangeRenderer {
    /// How much of a binary body is shown: a few rows of hex tell a tar from a gzip, a PNG or a
    /// frame stream, while all of an image or container export (megabytes) would be thousands of
    /// screen lines of ⟨00⟩ (the hex view and `show N hex` show every byte).
    public static let binaryPreviewBytes = 256

    private let ansi: ANSI
    private let options: RenderOptions
    private var sent: WireText
    private var received: WireText
    private var sentBody = BodyPreview()
    private var receivedBody = BodyPreview()

    private let requestTarget: String
    /// Set when the response carries Docker stream frames, which are then annotated.
    private var frames: DockerStreamFrames?

    public init(options: RenderOptions, requestTarget: String = "") {
        self.requestTarget = requestTarget
        self.options = options
        ansi = ANSI(enabled: options.color)
        sent = WireText(
            mark: ">", markColor: ansi.requestMark, ansi: ansi, ascii: options.ascii, columns: options.columns)
        received = WireText(
            mark: "<", markColor: ansi.responseMark, ansi: ansi, ascii: options.ascii, columns: options.columns)
    }

    public mutating func connection(_ note: ConnectionNote, into out: inout [UInt8]) {
        for line in note.lines { info(line, into: &out) }
    }

    public mutating func remark(_ text: String, into out: inout [UInt8]) {
        info(text, into: &out)
    }

    public mutating func request(_ bytes: [UInt8], into out: inout [UInt8]) {
        // The head is shown whole; its body, like an answer's, only as far as it is text.
        let headEnd = sentBody.started ? 0 : (Self.headEnd(bytes) ?? bytes.count)
        sent.append(bytes[..<headEnd], into: &out)
        if headEnd < bytes.count {
            sentBody.start(at: sent)
            sentBody.append(bytes[headEnd...], to: &sent, into: &out)
        }
        sent.breakLine(into: &out)
    }

    /// Where a request's head ends: after its first empty line.
    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index + 3 < bytes.count {
            if bytes[index] == 0x0D, bytes[index + 1] == 0x0A, bytes[index + 2] == 0x0D, bytes[index + 3] == 0x0A {
                return index + 4
            }
            index += 1
        }
        return nil
    }

    public mutating func response(_ events: [MessageEvent], into out: inout [UInt8]) {
        for event in events {
            switch event {
            case .interim(_, let raw), .head(_, _, let raw), .requestHead(_, let raw):
                received.append(raw[...], into: &out)
            case .trailers(let fields, let raw):
                // The empty line that ends a chunked body is framing of it; real trailers are shown.
                if !receivedBody.capped || !fields.isEmpty { received.append(raw[...], into: &out) }
            case .chunkEnd(let raw):
                if !receivedBody.capped { received.append(raw[...], into: &out) }
            case .body(let bytes):
                body(bytes, into: &out)
            case .tunnel(let bytes):
                // After a 101, an attach or exec without a TTY still speaks in frames.
                body(bytes[...], into: &out)
            case .chunkSize(let size, _, let raw):
                // Framing of a body no longer shown is not shown either.
                guard !receivedBody.capped else { break }
                received.breakLine(into: &out)
                received.append(raw[...], annotation: size == 0 ? "last chunk" : "chunk \(size) B", into: &out)
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
            if case .head(let head, _, _) = event {
                receivedBody.start(at: received)
                if DockerStreamFrames.applies(contentType: head.value(of: "Content-Type"), target: requestTarget) {
                    frames = DockerStreamFrames()
                }
            }
            if case .head(let head, let framing, _) = event, framing == .tunnel {
                info("\(head.status): HTTP framing ends here; raw bytes follow until the connection closes", into: &out)
            }
        }
    }

    public mutating func unparsed(_ bytes: [UInt8], into out: inout [UInt8]) {
        received.append(bytes[...], into: &out)
    }

    /// Body bytes (or a stream's after a 101): taken apart into frames when they carry them.
    private mutating func body(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        guard var splitter = frames, !receivedBody.capped else {
            receivedBody.append(bytes, to: &received, into: &out)
            return
        }
        let pieces = splitter.split(bytes)
        frames = splitter
        for piece in pieces { appendPiece(piece, into: &out) }
    }

    private mutating func appendPiece(_ piece: DockerStreamFrames.Piece, into out: inout [UInt8]) {
        switch piece {
        case .header(let stream, let size, let raw):
            if receivedBody.capped {
                receivedBody.hidden += raw.count
            } else {
                received.appendFrameHeader(stream: stream, size: size, raw: raw, into: &out)
            }
        case .payload(let bytes), .unframed(let bytes):
            receivedBody.append(bytes, to: &received, into: &out)
        }
    }

    public mutating func finish(_ summary: ExchangeSummary, into out: inout [UInt8]) {
        // A stream after a 101 has no end event: a header it cut short is shown here.
        if var splitter = frames {
            for piece in splitter.finish() { appendPiece(piece, into: &out) }
            frames = splitter
        }
        for (preview, side) in [(sentBody, "request"), (receivedBody, "answer")] where preview.hidden > 0 {
            let show = summary.number.map { "show \($0) hex dumps it, " } ?? ""
            info(
                """
                … \(Measure.bytes(preview.hidden)) more of the \(side) not shown: binary data (\(show)view hex \
                shows every byte)
                """, into: &out)
        }
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

/// How much of one direction's body the wire view has shown, and whether it stopped: a body is
/// binary once more than one byte in `TerminalBytes.textBytesPerControl` of what it showed had
/// to be shown as hex (the pretty view's rule for "binary data"), decided after the first
/// `WireRenderer.binaryPreviewBytes` and then on every piece, so text of any length is shown
/// whole and a stream stays live.
private struct BodyPreview {
    private(set) var started = false
    private var hexAtStart = 0
    private var shown = 0
    private(set) var capped = false
    /// Bytes counted instead of shown.
    var hidden = 0

    mutating func start(at text: WireText) {
        started = true
        hexAtStart = text.hexBytes
        shown = 0
        capped = false
        hidden = 0
    }

    mutating func append(_ bytes: ArraySlice<UInt8>, to text: inout WireText, into out: inout [UInt8]) {
        guard !capped else {
            hidden += bytes.count
            return
        }
        let limit = WireRenderer.binaryPreviewBytes
        // Up to the preview's end first, so a binary body in one large read is cut there.
        let first = shown < limit ? bytes.prefix(limit - shown) : bytes
        text.append(first, into: &out)
        shown += first.count
        guard shown >= limit, (text.hexBytes - hexAtStart) * TerminalBytes.textBytesPerControl > shown else {
            if first.count < bytes.count { append(bytes[first.endIndex...], to: &text, into: &out) }
            return
        }
        capped = true
        hidden = bytes.count - first.count
        text.breakLine(into: &out)
    }
}
