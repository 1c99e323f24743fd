/// The few ANSI SGR sequences the views use; empty when colour is off.
struct ANSI {
    let enabled: Bool

    var requestMark: [UInt8] { code(Self.cyan) }  // cyan: what we sent
    var responseMark: [UInt8] { code(Self.green) }  // green: what came back
    var stderrMark: [UInt8] { code(Self.red) }  // red: a live session's stderr
    var dim: [UInt8] { code(Self.dimCode) }
    var bold: [UInt8] { code(Self.boldCode) }
    var reset: [UInt8] { code(Self.resetCode) }
    /// Bold red: a failed exchange in its summary line.
    var error: [UInt8] { code(Self.failure) }

    // Made once: the wire view asks for dim and reset around every byte it shows as hex, and
    // building the sequence each time allocated per byte.
    private static let cyan = sequence("36")
    private static let green = sequence("32")
    private static let red = sequence("31")
    private static let dimCode = sequence("2")
    private static let boldCode = sequence("1")
    private static let resetCode = sequence("0")
    private static let success = sequence("32;1")
    private static let failure = sequence("31;1")
    private static let other = sequence("33;1")

    private static func sequence(_ parameters: String) -> [UInt8] {
        Array("\u{1B}[\(parameters)m".utf8)
    }

    private func code(_ sequence: [UInt8]) -> [UInt8] {
        enabled ? sequence : []
    }

    /// Green for 2xx, yellow for 1xx/3xx, red for 4xx/5xx.
    func status(_ status: Int) -> [UInt8] {
        switch status {
        case 200..<300: return code(Self.success)
        case 400..<600: return code(Self.failure)
        default: return code(Self.other)
        }
    }
}
