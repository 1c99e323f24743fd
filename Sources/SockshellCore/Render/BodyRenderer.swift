/// Only the decoded response body (and bytes after a protocol switch), for pipes and files.
public struct BodyRenderer: ExchangeRenderer {
    public init() {}

    public mutating func connection(_ note: ConnectionNote, into out: inout [UInt8]) {}
    public mutating func remark(_ text: String, into out: inout [UInt8]) {}
    public mutating func request(_ bytes: [UInt8], into out: inout [UInt8]) {}

    public mutating func response(_ events: [ResponseEvent], into out: inout [UInt8]) {
        for event in events {
            switch event {
            case .body(let bytes): out.append(contentsOf: bytes)
            case .tunnel(let bytes): out.append(contentsOf: bytes)
            default: break
            }
        }
    }

    public mutating func unparsed(_ bytes: [UInt8], into out: inout [UInt8]) {}

    public mutating func finish(_ summary: ExchangeSummary, into out: inout [UInt8]) {}
}
