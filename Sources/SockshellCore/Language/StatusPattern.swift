/// `201`, `2xx`, or alternatives of either joined by `|` such as `204|304` or `2xx|404`.
public struct StatusPattern: Sendable, Equatable, CustomStringConvertible {
    public enum Alternative: Sendable, Equatable {
        /// One status code.
        case code(Int)
        /// A class by its first digit: `family(2)` is `2xx`, 200-299.
        case family(Int)
    }

    public var alternatives: [Alternative]

    public init(_ alternatives: [Alternative]) {
        self.alternatives = alternatives
    }

    /// Reads `201`, `2xx` (or `2XX`) or `204|304`; spaces around `|` are allowed.
    public init(parsing text: String) throws(CommandSyntaxError) {
        let compact = String(text.filter { $0 != " " && $0 != "\t" })
        guard !compact.isEmpty else {
            throw CommandSyntaxError(
                "expect status needs a code, e.g. expect status 201, expect status 2xx or expect status 204|304")
        }
        var alternatives: [Alternative] = []
        for part in compact.split(separator: "|", omittingEmptySubsequences: false) {
            let digits = Array(part.utf8)
            if digits.count == 3, let first = digits.first, (UInt8(ascii: "1")...UInt8(ascii: "5")).contains(first) {
                let tail = String(part.dropFirst()).lowercased()
                if tail == "xx" {
                    alternatives.append(.family(Int(first - UInt8(ascii: "0"))))
                    continue
                }
                if let code = Int(part), part.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    alternatives.append(.code(code))
                    continue
                }
            }
            let shown = part.isEmpty ? "an empty alternative" : "'\(part)'"
            throw CommandSyntaxError(
                """
                \(shown) in expect status \(compact) is not a status: write a code from 100 to 599 such as 201, a \
                class such as 2xx, or alternatives such as 204|304
                """
            )
        }
        self.alternatives = alternatives
    }

    public func matches(_ status: Int) -> Bool {
        alternatives.contains { alternative in
            switch alternative {
            case .code(let code): status == code
            case .family(let digit): status / 100 == digit && status >= 100
            }
        }
    }

    public var description: String {
        alternatives.map { alternative in
            switch alternative {
            case .code(let code): String(code)
            case .family(let digit): "\(digit)xx"
            }
        }.joined(separator: "|")
    }
}
