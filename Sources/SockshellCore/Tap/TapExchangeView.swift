/// What a tap's view does with what it read: the wire view (`TapRenderer`) shows every byte as it
/// comes; the other views (`TapExchangeView`) show each exchange the way sockshell shows its own.
public protocol TapPresenter: Sendable {
    mutating func opened(_ number: Int, client: String, into out: inout [UInt8])
    mutating func closed(_ number: Int, reason: String, into out: inout [UInt8])
    mutating func remark(_ number: Int, _ text: String, into out: inout [UInt8])
    mutating func render(_ events: [TapEvent], connection number: Int, into out: inout [UInt8])
}

extension TapRenderer: TapPresenter {}

/// A tap in `--view pretty`, `body`, `hex` or `json`: each tapped exchange goes through the same
/// renderer sockshell uses for its own exchanges (`ExchangeRendering`), request first (once it is
/// complete), then the answer as it arrives, then the summary. Output of one connection is headed
/// `* #N` when another connection wrote last; the JSON view writes only its objects, each of which
/// carries the connection's number.
public struct TapExchangeView: TapPresenter {
    private struct Exchange: Sendable {
        var renderer: any ExchangeRenderer
        /// The request's bytes until it is complete, at most `keptRequestBytes`; masked whole when
        /// handed on (a `POST /auth` body too).
        var request: [UInt8]
        var requestSent = false
        /// A `POST /auth` answer's body, held until complete so its IdentityToken is masked.
        var heldAnswer: [UInt8]?
    }

    /// A request is handed to the renderer whole; its body is kept up to this (the JSON view keeps
    /// a MiB of each side too), so an upload costs bounded memory.
    static let keptRequestBytes = JSONLinesRenderer.bodyLimit

    private let options: RenderOptions
    private let upstream: Endpoint
    private var exchanges: [Int: [Exchange]] = [:]
    /// Exchanges started per connection, so the renderers can say whether it was reused.
    private var started: [Int: Int] = [:]
    private var lastWriter: Int?

    public init(options: RenderOptions, upstream: Endpoint) {
        self.options = options
        self.upstream = upstream
    }

    public mutating func opened(_ number: Int, client: String, into out: inout [UInt8]) {
        exchanges[number] = []
        line(number, "opened by \(client)", into: &out)
    }

    public mutating func closed(_ number: Int, reason: String, into out: inout [UInt8]) {
        exchanges[number] = nil
        started[number] = nil
        line(number, reason, into: &out)
        if lastWriter == number { lastWriter = nil }
    }

    public mutating func remark(_ number: Int, _ text: String, into out: inout [UInt8]) {
        line(number, text, into: &out)
    }

    public mutating func render(_ events: [TapEvent], connection number: Int, into out: inout [UInt8]) {
        guard var open = exchanges[number] else { return }
        var shown: [UInt8] = []
        for event in events {
            switch event {
            case .message(.toServer, let message):
                request(message, connection: number, exchanges: &open, into: &shown)
            case .message(.toClient, let message):
                guard let index = open.firstIndex(where: { $0.requestSent }) ?? open.indices.first else { break }
                switch message {
                case .body(let bytes) where open[index].heldAnswer != nil:
                    open[index].heldAnswer? += bytes
                case .end where open[index].heldAnswer != nil:
                    let held = open[index].heldAnswer ?? []
                    let masked = ResponseSecretMasking.maskAuthAnswerBody(held) ?? held
                    open[index].renderer.response([.body(masked[...]), .end(keepAlive: true)], into: &shown)
                default:
                    open[index].renderer.response([message], into: &shown)
                }
            case .raw(.toClient, let bytes):
                guard !open.isEmpty else { break }
                open[0].renderer.response([.tunnel(Array(bytes))], into: &shown)
            case .raw(.toServer, let bytes):
                // A hijacked stream's input: no exchange view has a place for it, so it is counted.
                text("* #\(number) \(bytes.count) B of input up the stream\n", into: &shown)
            case .note(_, let note):
                text("* #\(number) \(note)\n", into: &shown)
            case .ended:
                break
            case .exchange(let exchange):
                guard !open.isEmpty else { break }
                var finished = open.removeFirst()
                if !finished.requestSent {
                    finished.renderer.request(RequestSecretMasking.mask(finished.request), into: &shown)
                }
                finished.renderer.finish(Self.summary(exchange), into: &shown)
            }
        }
        exchanges[number] = open
        guard !shown.isEmpty else { return }
        if lastWriter != number { line(number, "", into: &out) }
        lastWriter = number
        out += shown
    }

    private mutating func request(
        _ message: MessageEvent, connection number: Int, exchanges open: inout [Exchange], into out: inout [UInt8]
    ) {
        switch message {
        case .requestHead(let head, let raw):
            var renderer = ExchangeRendering.renderer(for: options, requestTarget: head.target)
            let count = started[number, default: 0]
            started[number] = count + 1
            renderer.connection(ConnectionNote(number: number, endpoint: upstream, reused: count > 0), into: &out)
            let isAuth = SecretPolicy.isAuthRequest(method: head.method, target: head.target)
            open.append(Exchange(renderer: renderer, request: raw, heldAnswer: isAuth ? [] : nil))
        case .body(let bytes):
            guard let last = open.indices.last, !open[last].requestSent else { break }
            let room = Self.keptRequestBytes - open[last].request.count
            open[last].request += bytes.prefix(max(0, room))
        case .end:
            guard let last = open.indices.last, !open[last].requestSent else { break }
            open[last].renderer.request(RequestSecretMasking.mask(open[last].request), into: &out)
            open[last].requestSent = true
            open[last].request = []
        default:
            break  // chunk framing and trailers: the views show the request as sockshell would send it
        }
    }

    private static func summary(_ exchange: TapExchange) -> ExchangeSummary {
        ExchangeSummary(
            status: exchange.status, reason: exchange.reason, bodyBytes: exchange.responseBytes,
            totalNanoseconds: exchange.nanoseconds, firstByteNanoseconds: nil,
            outcome: exchange.complete ? .complete : .failed("cut short"))
    }

    /// `* #N text`, or `* #N` alone to head another connection's output.
    private mutating func line(_ number: Int, _ text: String, into out: inout [UInt8]) {
        lastWriter = number
        self.text(text.isEmpty ? "* #\(number)\n" : "* #\(number) \(text)\n", into: &out)
    }

    /// Lines about connections; the JSON view writes none, so its output stays one object per line
    /// for jq (each object names its connection).
    private func text(_ text: String, into out: inout [UInt8]) {
        guard options.view != .json else { return }
        out += Array(options.shown(text).utf8)
    }
}
