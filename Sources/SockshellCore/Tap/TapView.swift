/// Turns a tap's notices into its output: each connection's bytes read by its own `TapObserver`,
/// shown by one `TapRenderer`, and every finished exchange kept for the summary on exit.
public struct TapView: Sendable {
    private var observers: [Int: TapObserver] = [:]
    private var renderer: any TapPresenter
    /// Per client label, the exchanges it made, in order.
    public private(set) var exchanges: [(client: String, exchange: TapExchange)] = []
    private var clients: [Int: String] = [:]

    /// False once the tap is stopping: what is still queued is read (for the exchanges, the summary
    /// and a recording) but its bytes are not shown, so Ctrl-C ends a tap at once even when a fast
    /// stream left its view far behind; the lines about connections and exchanges still are.
    public var showsBytes = true
    /// Bytes read and not shown because the tap was stopping.
    public private(set) var unshownBytes = 0

    /// Connections opened and not yet reported closed.
    public var openConnections: Int { observers.count }

    /// The wire view shows every byte as it comes; any other view shows each exchange as sockshell
    /// shows its own (`TapExchangeView`).
    public init(options: RenderOptions, upstream: Endpoint = .dockerDefault) {
        renderer =
            options.view == .wire
            ? TapRenderer(options: options) : TapExchangeView(options: options, upstream: upstream)
    }

    /// The output for `notices`, in order; `read` is told what each notice was read as (a
    /// recording writes the events).
    public mutating func show(
        _ notices: [TapNotice], read: (TapNotice, [TapEvent]) -> Void = { _, _ in }
    ) -> [UInt8] {
        var out: [UInt8] = []
        for notice in notices { read(notice, show(notice, into: &out)) }
        return out
    }

    private mutating func show(_ notice: TapNotice, into out: inout [UInt8]) -> [TapEvent] {
        var read: [TapEvent] = []
        switch notice {
        case .opened(let number, let client):
            observers[number] = TapObserver()
            clients[number] = client
            renderer.opened(number, client: client, into: &out)
        case .bytes(let number, let direction, let bytes, let now):
            guard var observer = observers[number] else { return [] }
            let events = observer.observe(bytes[...], direction: direction, now: now)
            observers[number] = observer
            keep(events, of: number)
            renderer.render(shown(events), connection: number, into: &out)
            read = events
        case .skipped(let number, let direction, let count):
            guard var observer = observers[number] else { return [] }
            let events = observer.skip(count, direction: direction)
            observers[number] = observer
            renderer.render(shown(events), connection: number, into: &out)
            read = events
        case .ended(let number, let direction, let now):
            guard var observer = observers[number] else { return [] }
            let events = observer.end(direction, now: now)
            observers[number] = observer
            keep(events, of: number)
            renderer.render(shown(events), connection: number, into: &out)
            read = events
        case .closed(let number, let reason, let now):
            if var observer = observers[number] {
                // A pair torn down before both EOFs: requests still waiting are cut short.
                let events = observer.close(now: now)
                keep(events, of: number)
                renderer.render(events, connection: number, into: &out)
                read = events
            }
            observers[number] = nil
            renderer.closed(number, reason: reason, into: &out)
            clients[number] = nil
        case .remark(let number, let text):
            renderer.remark(number, text, into: &out)
        }
        return read
    }

    /// The events to show: all of them, or once stopping, all but the bytes.
    private mutating func shown(_ events: [TapEvent]) -> [TapEvent] {
        guard !showsBytes else { return events }
        return events.filter { event in
            switch event {
            case .message(_, let message):
                unshownBytes += message.rawByteCount
                return false
            case .raw(_, let bytes):
                unshownBytes += bytes.count
                return false
            default:
                return true
            }
        }
    }

    private mutating func keep(_ events: [TapEvent], of number: Int) {
        for case .exchange(let exchange) in events {
            exchanges.append((clients[number] ?? "?", exchange))
        }
    }
}
