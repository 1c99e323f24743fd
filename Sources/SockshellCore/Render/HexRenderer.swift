/// A `hexdump -C`-style dump of both directions, each with its own offsets.
public struct HexRenderer: ExchangeRenderer {
    /// Bytes per row, as in hexdump -C and xxd.
    static let rowWidth = 16

    private let ansi: ANSI
    private let options: RenderOptions
    private var sentOffset = 0
    private var receivedOffset = 0
    /// A row not yet full, held until more bytes of the same direction arrive or the exchange ends.
    private var pendingRow: [UInt8] = []
    private var pendingIsRequest = false

    public init(options: RenderOptions) {
        ansi = ANSI(enabled: options.color)
        self.options = options
    }

    public mutating func connection(_ note: ConnectionNote, into out: inout [UInt8]) {
        for line in note.lines { info(line, into: &out) }
    }

    public mutating func remark(_ text: String, into out: inout [UInt8]) {
        info(text, into: &out)
    }

    public mutating func request(_ bytes: [UInt8], into out: inout [UInt8]) {
        dump(bytes[...], isRequest: true, into: &out)
    }

    public mutating func response(_ events: [MessageEvent], into out: inout [UInt8]) {
        for event in events {
            switch event {
            case .interim(_, let raw), .head(_, _, let raw), .requestHead(_, let raw), .trailers(_, let raw),
                .chunkEnd(let raw), .chunkSize(_, _, let raw):
                dump(raw[...], isRequest: false, into: &out)
            case .body(let bytes):
                dump(bytes, isRequest: false, into: &out)
            case .tunnel(let bytes), .extra(let bytes):
                dump(bytes[...], isRequest: false, into: &out)
            case .end:
                break
            }
        }
    }

    public mutating func unparsed(_ bytes: [UInt8], into out: inout [UInt8]) {
        dump(bytes[...], isRequest: false, into: &out)
    }

    public mutating func finish(_ summary: ExchangeSummary, into out: inout [UInt8]) {
        flushPending(into: &out)
        SummaryLine.append(summary, ansi: ansi, options: options, into: &out)
    }

    private mutating func info(_ text: String, into out: inout [UInt8]) {
        flushPending(into: &out)
        out.append(contentsOf: ansi.dim)
        // A remark may quote the server.
        out.append(contentsOf: Array("* \(options.shown(text))".utf8))
        out.append(contentsOf: ansi.reset)
        out.append(0x0A)
    }

    private mutating func dump(_ bytes: ArraySlice<UInt8>, isRequest: Bool, into out: inout [UInt8]) {
        if !pendingRow.isEmpty && pendingIsRequest != isRequest { flushPending(into: &out) }
        pendingIsRequest = isRequest
        var rest = bytes
        if !pendingRow.isEmpty {
            let take = min(Self.rowWidth - pendingRow.count, rest.count)
            pendingRow.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
            if pendingRow.count == Self.rowWidth {
                let row = pendingRow
                pendingRow.removeAll(keepingCapacity: true)
                appendRow(row[...], isRequest: isRequest, into: &out)
            }
        }
        out.reserveCapacity(out.count + (rest.count / Self.rowWidth + 1) * 90)
        while rest.count >= Self.rowWidth {
            appendRow(rest.prefix(Self.rowWidth), isRequest: isRequest, into: &out)
            rest = rest.dropFirst(Self.rowWidth)
        }
        pendingRow.append(contentsOf: rest)
    }

    private mutating func flushPending(into out: inout [UInt8]) {
        guard !pendingRow.isEmpty else { return }
        let row = pendingRow
        pendingRow.removeAll(keepingCapacity: true)
        appendRow(row[...], isRequest: pendingIsRequest, into: &out)
    }

    private mutating func appendRow(_ row: ArraySlice<UInt8>, isRequest: Bool, into out: inout [UInt8]) {
        let digits = Hex.lowercaseDigits
        out.append(contentsOf: isRequest ? ansi.requestMark : ansi.responseMark)
        out.append(isRequest ? UInt8(ascii: ">") : UInt8(ascii: "<"))
        out.append(contentsOf: ansi.reset)
        out.append(0x20)
        let offset = isRequest ? sentOffset : receivedOffset
        var shift = 28
        while shift >= 0 {
            out.append(digits[(offset >> shift) & 0xF])
            shift -= 4
        }
        out.append(contentsOf: [0x20, 0x20])
        var column = 0
        for byte in row {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
            out.append(0x20)
            column += 1
            if column == 8 { out.append(0x20) }
        }
        while column < Self.rowWidth {
            out.append(contentsOf: [0x20, 0x20, 0x20])
            column += 1
            if column == 8 { out.append(0x20) }
        }
        out.append(contentsOf: [0x20, UInt8(ascii: "|")])
        for byte in row {
            out.append(byte >= 0x20 && byte < 0x7F ? byte : UInt8(ascii: "."))
        }
        out.append(contentsOf: [UInt8(ascii: "|"), 0x0A])
        if isRequest { sentOffset += row.count } else { receivedOffset += row.count }
    }
}
