/// The line that ends an exchange in the wire, pretty and hex views:
/// `* #38 201 Created · 88 B · 2.9 ms (first byte 2.7 ms)`. The number is the one `show N`,
/// `export curl N` and recordings use, so the screen says which exchange to ask for.
enum SummaryLine {
    /// Appends the line, dim; an error status (4xx, 5xx, or no response) is in the error colour,
    /// so a 404 does not look like a 200 in a view whose every other line is dim or green.
    static func append(_ summary: ExchangeSummary, ansi: ANSI, options: RenderOptions, into out: inout [UInt8]) {
        let number = summary.number.map { "#\($0) " } ?? ""
        out.append(contentsOf: ansi.dim)
        out.append(contentsOf: Array("* \(number)".utf8))
        // The status quotes the server's reason phrase.
        let status = Array(options.shown(summary.statusText).utf8)
        if summary.isError {
            out.append(contentsOf: ansi.reset)
            out.append(contentsOf: ansi.error)
            out.append(contentsOf: status)
            out.append(contentsOf: ansi.reset)
            out.append(contentsOf: ansi.dim)
        } else {
            out.append(contentsOf: status)
        }
        for part in summary.details { out.append(contentsOf: Array(" · \(options.shown(part))".utf8)) }
        out.append(contentsOf: ansi.reset)
        out.append(0x0A)
    }
}
