/// The few ANSI SGR sequences the views use; empty when colour is off.
struct ANSI {
    let enabled: Bool

    var requestMark: [UInt8] { code("36") }  // cyan: what we sent
    var responseMark: [UInt8] { code("32") }  // green: what came back
    var dim: [UInt8] { code("2") }
    var bold: [UInt8] { code("1") }
    var reset: [UInt8] { code("0") }

    private func code(_ parameters: String) -> [UInt8] {
        enabled ? Array("\u{1B}[\(parameters)m".utf8) : []
    }

    /// Green for 2xx, yellow for 1xx/3xx, red for 4xx/5xx.
    func status(_ status: Int) -> [UInt8] {
        switch status {
        case 200..<300: return code("32;1")
        case 400..<600: return code("31;1")
        default: return code("33;1")
        }
    }
}
