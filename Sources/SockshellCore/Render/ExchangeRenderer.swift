/// Turns one exchange into text as its bytes cross the socket. Every method appends to `out`,
/// which the caller writes wherever output goes; renderers never print.
public protocol ExchangeRenderer: Sendable {
    /// The connection the exchange uses, before anything is written.
    mutating func connection(_ note: ConnectionNote, into out: inout [UInt8])
    /// A remark about the exchange (a retry on a new connection, say).
    mutating func remark(_ text: String, into out: inout [UInt8])
    /// The request bytes, exactly as written to the socket.
    mutating func request(_ bytes: [UInt8], into out: inout [UInt8])
    /// Response events in arrival order (their raw bytes are what was read).
    mutating func response(_ events: [MessageEvent], into out: inout [UInt8])
    /// Bytes that arrived but were never part of a parsed event: a head cut short by a close,
    /// or the bytes a malformed response stopped the parser at. Shown so nothing read is hidden.
    mutating func unparsed(_ bytes: [UInt8], into out: inout [UInt8])
    /// The exchange is over, completely or not.
    mutating func finish(_ summary: ExchangeSummary, into out: inout [UInt8])
}

/// Which connection an exchange travelled on.
public struct ConnectionNote: Sendable, Equatable {
    /// Connections are numbered from 1 in the order the session opened them.
    public var number: Int
    public var endpoint: Endpoint
    public var reused: Bool
    /// What opening the connection took, shown under a new connection's line: the ssh command that
    /// carries it, or the TLS session (version, cipher, the verified subject). Nil for a plain socket.
    public var opening: String?

    public init(number: Int, endpoint: Endpoint, reused: Bool, opening: String? = nil) {
        self.number = number
        self.endpoint = endpoint
        self.reused = reused
        self.opening = opening
    }

    /// The view's `* ` lines for it, the same in every view that shows connections.
    public var lines: [String] {
        let head = "conn \(number) \(endpoint.display) (\(reused ? "reused" : "new"))"
        guard !reused, let opening else { return [head] }
        return [head, opening]
    }
}

/// How output should look, decided once from flags and the terminal.
public struct RenderOptions: Sendable, Equatable {
    public var view: ViewMode
    /// ANSI colour: only on a terminal, never with NO_COLOR or --color never.
    public var color: Bool
    /// Write `\r` and `\n` instead of the ␍ ␊ symbols.
    public var ascii: Bool
    /// Standard output is a terminal (whatever TERM says: TERM=dumb still acts on some bytes).
    /// Every view then shows the control bytes of what it did not write itself escaped
    /// (`ControlByteEscaper`), so a server cannot clear the screen or set the window title; a
    /// pipe or a file gets the exact bytes.
    public var terminal: Bool
    /// An interactive session with a TTY container, where passing its bytes to the terminal is
    /// the point (a shell's prompt and colours, a full-screen program). Nothing else sets it.
    public var passesControlBytes: Bool
    /// The terminal's width when standard output is one: the wire view folds longer lines at it,
    /// its direction mark on every screen line. Nil for a pipe or a file (lines stay whole).
    public var columns: Int?

    public init(
        view: ViewMode = .wire, color: Bool = false, ascii: Bool = false, terminal: Bool = false,
        passesControlBytes: Bool = false, columns: Int? = nil
    ) {
        self.columns = columns
        self.view = view
        self.color = color
        self.ascii = ascii
        self.terminal = terminal
        self.passesControlBytes = passesControlBytes
    }

    /// Whether bytes we did not write are escaped before they are shown.
    public var escapesControlBytes: Bool { terminal && !passesControlBytes }

    /// `text` as it may be shown: escaped on a terminal, exact otherwise. For every sentence that
    /// holds bytes we did not write (a reason phrase, a header value, a job's command line).
    public func shown(_ text: String) -> String {
        escapesControlBytes ? ControlByteEscaper.escaped(text, ascii: ascii) : text
    }

    /// `bytes` as they may be shown: escaped on a terminal, exact otherwise.
    public func shown(_ bytes: some Collection<UInt8>) -> [UInt8] {
        escapesControlBytes ? ControlByteEscaper.escaped(bytes, ascii: ascii) : Array(bytes)
    }

    /// The same options with another view (the terminal stays what it is).
    public func viewing(_ other: ViewMode) -> RenderOptions {
        var copy = self
        copy.view = other
        return copy
    }

    /// A streaming escaper for a body shown piece by piece, or nil when bytes pass as they are.
    func bodyEscaper() -> ControlByteEscaper? {
        escapesControlBytes ? ControlByteEscaper(ascii: ascii) : nil
    }
}

/// Builds the renderer for a view.
public enum ExchangeRendering {
    /// - Parameter requestTarget: the target as sent, which the pretty view uses to tell streams apart.
    public static func renderer(for options: RenderOptions, requestTarget: String) -> any ExchangeRenderer {
        switch options.view {
        case .wire: return WireRenderer(options: options, requestTarget: requestTarget)
        case .pretty: return PrettyRenderer(options: options, requestTarget: requestTarget)
        case .body: return BodyRenderer(options: options)
        case .hex: return HexRenderer(options: options)
        case .json: return JSONLinesRenderer(options: options)
        }
    }
}
