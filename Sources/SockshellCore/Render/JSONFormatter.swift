/// Re-indents JSON text without parsing values: strings and numbers are copied byte for byte,
/// so nothing is reordered, rounded or re-escaped. Several top-level values (a stream) each
/// start on their own line.
public enum JSONFormatter {
    /// The text indented by two spaces (or compacted to one line when `indent` is false), or nil
    /// when the brackets don't match or the text is not JSON-shaped; callers then show it as is.
    public static func format(_ input: ArraySlice<UInt8>, indent: Bool = true) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(input.count + input.count / 4)
        var stack: [UInt8] = []
        var string = JSONStringState()
        var justOpened = false
        var sawValue = false

        func newline(_ out: inout [UInt8], depth: Int) {
            guard indent else { return }
            out.append(0x0A)
            for _ in 0..<depth { out.append(contentsOf: [0x20, 0x20]) }
        }

        for byte in input {
            if string.inString {
                out.append(byte)
                _ = string.take(byte)
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if stack.isEmpty && sawValue { out.append(0x0A) }
                if justOpened { newline(&out, depth: stack.count) }
                out.append(byte)
                stack.append(byte)
                justOpened = true
                sawValue = true
                continue
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                let opener = byte == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "[")
                guard stack.last == opener else { return nil }
                stack.removeLast()
                if !justOpened { newline(&out, depth: stack.count) }
                out.append(byte)
                justOpened = false
                continue
            case UInt8(ascii: ","):
                guard !stack.isEmpty else { return nil }
                out.append(byte)
                newline(&out, depth: stack.count)
                continue
            case UInt8(ascii: ":"):
                guard stack.last == UInt8(ascii: "{") else { return nil }
                out.append(byte)
                if indent { out.append(0x20) }
                continue
            default:
                break
            }
            // The start (or the continuation) of a scalar: string, number, true, false, null.
            if justOpened {
                newline(&out, depth: stack.count)
                justOpened = false
            } else if stack.isEmpty && sawValue && isScalarStart(out.last) {
                out.append(0x0A)
            }
            if byte == UInt8(ascii: "\"") { _ = string.take(byte) }
            if !(byte == UInt8(ascii: "\"") || isScalarByte(byte)) { return nil }
            out.append(byte)
            sawValue = true
        }
        guard stack.isEmpty, !string.inString, sawValue else { return nil }
        return out
    }

    private static func isScalarByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
            UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "E"):
            return true
        default:
            return false
        }
    }

    private static func isScalarStart(_ previous: UInt8?) -> Bool {
        // Two top-level scalars in a row: only when the previous one ended (a closing quote or bracket).
        previous == UInt8(ascii: "\"") || previous == UInt8(ascii: "}") || previous == UInt8(ascii: "]")
    }
}
