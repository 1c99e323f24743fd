/// Only the decoded response body (and bytes after a protocol switch), for pipes and files.
/// On a terminal its control bytes are shown escaped (`RenderOptions.terminal`).
public struct BodyRenderer: ExchangeRenderer {
    private var escaper: ControlByteEscaper?

    public init(options: RenderOptions = RenderOptions()) {
        escaper = options.bodyEscaper()
    }

    public mutating func connection(_ note: ConnectionNote, into out: inout [UInt8]) {}
    public mutating func remark(_ text: String, into out: inout [UInt8]) {}
    public mutating func request(_ bytes: [UInt8], into out: inout [UInt8]) {}

    public mutating func response(_ events: [MessageEvent], into out: inout [UInt8]) {
        for event in events {
            switch event {
            case .body(let bytes): show(bytes, into: &out)
            case .tunnel(let bytes): show(bytes[...], into: &out)
            default: break
            }
        }
    }

    private mutating func show(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        if escaper == nil {
            out.append(contentsOf: bytes)
        } else {
            escaper?.append(bytes, into: &out)
        }
    }

    public mutating func unparsed(_ bytes: [UInt8], into out: inout [UInt8]) {}

    public mutating func finish(_ summary: ExchangeSummary, into out: inout [UInt8]) {
        escaper?.finish(into: &out)
    }
}
