/// How a live session shows the stream once HTTP framing has ended.
public enum LiveDisplay: Sendable, Equatable {
    /// A TTY session: the bytes go to the terminal exactly as they arrive (the container's shell
    /// draws its prompt, colours and cursor moves), the one place network bytes drive the terminal.
    case terminal
    /// A line session: Docker's 8-byte frames taken apart, stdout written as text, stderr labelled
    /// (red with colour), control bytes escaped as everywhere else. `frames: false` for a stream
    /// without frames (a TTY exec followed without a TTY of our own).
    case console(frames: Bool)
    /// The session's view shows the stream as any other bytes (the wire view's `<` lines with their
    /// frames, hex, JSON lines): the wire stays visible in a line session.
    case view

    /// A line session's display in `view`: pretty and body show the stream as a console would,
    /// the other views as they show everything.
    public static func lines(in view: ViewMode, frames: Bool) -> LiveDisplay {
        view == .pretty || view == .body ? .console(frames: frames) : .view
    }
}

/// An exchange renderer for a live session: the request and the response head go through the
/// session's own view (the learner sees the hijack on the wire), and the stream after the 101, or
/// after Docker's `200` raw-stream answer to an attach without Upgrade, goes to the live display.
/// The whole byte stream is still recorded; `show N` gives its wire view afterwards.
public struct LiveSessionRenderer: ExchangeRenderer {
    private var inner: any ExchangeRenderer
    private let display: LiveDisplay
    private let options: RenderOptions
    private var frames = DockerStreamFrames()
    private var escaper: ControlByteEscaper
    /// The stream has begun: body and tunnel bytes go to the display.
    public private(set) var streaming = false
    /// Whether the last byte written by each stream ended a line (stderr labels start lines).
    private var atLineStart: [UInt8: Bool] = [:]
    private var lastStream: UInt8 = 1

    /// What labels a line of stderr when there is no colour to tell it apart.
    static let stderrLabel = "stderr| "

    public init(options: RenderOptions, requestTarget: String, display: LiveDisplay) {
        self.options = options
        self.display = display
        inner = ExchangeRendering.renderer(for: options, requestTarget: requestTarget)
        escaper = ControlByteEscaper(ascii: options.ascii)
    }

    /// Whether a response head starts a stream a live session can type into: a 101, or Docker's
    /// hijacked `200` with a raw or multiplexed stream type and no length.
    public static func opensStream(_ head: ResponseHead, framing: BodyFraming) -> Bool {
        if framing == .tunnel { return true }
        guard framing == .untilClose else { return false }
        let type = head.value(of: "Content-Type")
        return MediaType.isNamed(type, startingWith: "application/vnd.docker.raw-stream")
            || MediaType.isNamed(type, startingWith: "application/vnd.docker.multiplexed-stream")
    }

    public mutating func connection(_ note: ConnectionNote, into out: inout [UInt8]) {
        viewLines(into: &out) { $0.connection(note, into: &$1) }
    }

    public mutating func remark(_ text: String, into out: inout [UInt8]) {
        endLine(into: &out)
        viewLines(into: &out) { $0.remark(text, into: &$1) }
    }

    public mutating func request(_ bytes: [UInt8], into out: inout [UInt8]) {
        viewLines(into: &out) { $0.request(bytes, into: &$1) }
    }

    public mutating func response(_ events: [MessageEvent], into out: inout [UInt8]) {
        var pending: [MessageEvent] = []
        for event in events {
            switch event {
            case .head(let head, let framing, _):
                pending.append(event)
                if display != .view, Self.opensStream(head, framing: framing) {
                    viewLines(into: &out) { $0.response(pending, into: &$1) }
                    pending = []
                    streaming = true
                }
            case .tunnel(let bytes) where streaming:
                flush(&pending, into: &out)
                show(bytes[...], into: &out)
            case .body(let bytes) where streaming:
                flush(&pending, into: &out)
                show(bytes, into: &out)
            case .end where streaming, .extra where streaming:
                break
            default:
                pending.append(event)
            }
        }
        flush(&pending, into: &out)
    }

    public mutating func unparsed(_ bytes: [UInt8], into out: inout [UInt8]) {
        viewLines(into: &out) { $0.unparsed(bytes, into: &$1) }
    }

    public mutating func finish(_ summary: ExchangeSummary, into out: inout [UInt8]) {
        if streaming {
            for piece in frames.finish() { show(piece, into: &out) }
            if case .console = display { escaper.finish(into: &out) }
            endLine(into: &out)
        }
        viewLines(into: &out) { $0.finish(summary, into: &$1) }
    }

    /// What the session's own view writes, each LF given its CR in a TTY session: always, not only
    /// once the stream is open, since the terminal may go raw while lines shown just before are
    /// still being written (CR LF reads the same on a cooked terminal).
    private mutating func viewLines(
        into out: inout [UInt8], _ render: (inout any ExchangeRenderer, inout [UInt8]) -> Void
    ) {
        guard display == .terminal else { return render(&inner, &out) }
        var lines: [UInt8] = []
        render(&inner, &lines)
        for byte in lines {
            if byte == 0x0A { out.append(0x0D) }
            out.append(byte)
        }
    }

    private mutating func flush(_ pending: inout [MessageEvent], into out: inout [UInt8]) {
        guard !pending.isEmpty else { return }
        viewLines(into: &out) { $0.response(pending, into: &$1) }
        pending = []
    }

    private mutating func show(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        switch display {
        case .terminal:
            out.append(contentsOf: bytes)
            atLineStart[1] = bytes.last == 0x0A
        case .console(let framed):
            guard framed else {
                write(bytes, stream: 1, into: &out)
                return
            }
            for piece in frames.split(bytes) { show(piece, into: &out) }
        case .view:
            break
        }
    }

    private mutating func show(_ piece: DockerStreamFrames.Piece, into out: inout [UInt8]) {
        switch piece {
        case .header(let stream, _, _): lastStream = stream
        case .payload(let bytes): write(bytes, stream: lastStream, into: &out)
        case .unframed(let bytes): write(bytes, stream: 1, into: &out)
        }
    }

    /// Writes one stream's bytes: stdout as text, stderr labelled at each line start (or red).
    private mutating func write(_ bytes: ArraySlice<UInt8>, stream: UInt8, into out: inout [UInt8]) {
        guard stream == 2 else {
            text(bytes, into: &out)
            if let last = bytes.last { atLineStart[1] = last == 0x0A }
            return
        }
        let ansi = ANSI(enabled: options.color)
        if options.color {
            // The colour ends before a final LF, so the line editor sees a line that ends.
            let endsLine = bytes.last == 0x0A
            out.append(contentsOf: ansi.stderrMark)
            text(endsLine ? bytes.dropLast() : bytes, into: &out)
            out.append(contentsOf: ansi.reset)
            if endsLine { out.append(0x0A) }
        } else {
            var lineStart = atLineStart[2] ?? true
            var start = bytes.startIndex
            for index in bytes.indices where bytes[index] == 0x0A || index == bytes.index(before: bytes.endIndex) {
                if lineStart { out.append(contentsOf: Self.stderrLabel.utf8) }
                text(bytes[start...index], into: &out)
                lineStart = bytes[index] == 0x0A
                start = bytes.index(after: index)
            }
            atLineStart[2] = lineStart
        }
        if let last = bytes.last { atLineStart[2] = last == 0x0A }
    }

    /// A stream's text: escaped for a terminal, the exact bytes for a pipe or a file.
    private mutating func text(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        if options.escapesControlBytes {
            escaper.append(bytes, into: &out)
        } else {
            out.append(contentsOf: bytes)
        }
    }

    /// The summary line and remarks start on a line of their own.
    private mutating func endLine(into out: inout [UInt8]) {
        guard streaming else { return }
        if atLineStart.values.contains(false) {
            // The terminal is raw in a TTY session: a bare LF would not return the carriage.
            if display == .terminal { out.append(0x0D) }
            out.append(0x0A)
            for key in atLineStart.keys { atLineStart[key] = true }
        }
    }
}
