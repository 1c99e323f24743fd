/// Text with `$name`, `${name}`, `${env:NAME}` and `$header(Name)` references, filled in when a
/// command runs. `$$` is a literal dollar sign; a `$` not followed by a name is kept as typed.
public struct VariableTemplate: Sendable, Equatable {
    public enum Reference: Sendable, Hashable, CustomStringConvertible {
        /// A variable from `set`, `let` or `-e`, or the built-ins `status` and `body`.
        case variable(String)
        case environment(String)
        /// `$header(Name)`: a header of the last response.
        case responseHeader(String)

        public var description: String {
            switch self {
            case .variable(let name): return "$\(name)"
            case .environment(let name): return "${env:\(name)}"
            case .responseHeader(let name): return "$header(\(name))"
            }
        }
    }

    enum Piece: Sendable, Equatable {
        case text(String)
        case reference(Reference)
    }

    let pieces: [Piece]
    /// The text as typed.
    public let text: String

    public var references: [Reference] {
        pieces.compactMap { if case .reference(let reference) = $0 { return reference } else { return nil } }
    }

    public init(parsing text: String) throws(CommandSyntaxError) {
        var pieces: [Piece] = []
        var literal = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func flush() {
            if !literal.isEmpty {
                pieces.append(.text(String(literal)))
                literal = String.UnicodeScalarView()
            }
        }
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "$", index + 1 < scalars.count else {
                literal.append(scalar)
                index += 1
                continue
            }
            let next = scalars[index + 1]
            if next == "$" {
                literal.append("$")
                index += 2
            } else if next == "{" {
                guard let close = scalars[(index + 2)...].firstIndex(of: "}") else {
                    throw CommandSyntaxError("unclosed ${ in '\(text)': write ${name}")
                }
                var inner = String.UnicodeScalarView()
                inner.append(contentsOf: scalars[(index + 2)..<close])
                let name = String(inner)
                flush()
                if name.hasPrefix("env:") {
                    let variable = String(name.dropFirst(4))
                    guard Self.isName(variable) else {
                        throw CommandSyntaxError("'${\(name)}' names no environment variable: write ${env:HOME}")
                    }
                    pieces.append(.reference(.environment(variable)))
                } else {
                    guard Self.isName(name) else {
                        throw CommandSyntaxError(
                            """
                            '${\(name)}' is not a variable name: names are letters, digits and _, not starting with a \
                            digit
                            """
                        )
                    }
                    pieces.append(.reference(.variable(name)))
                }
                index = close + 1
            } else if Self.isNameStart(next) {
                var end = index + 1
                while end < scalars.count, Self.isNameContinuation(scalars[end]) { end += 1 }
                var nameView = String.UnicodeScalarView()
                nameView.append(contentsOf: scalars[(index + 1)..<end])
                let name = String(nameView)
                flush()
                if name == "header", end < scalars.count, scalars[end] == "(" {
                    guard let close = scalars[end...].firstIndex(of: ")") else {
                        throw CommandSyntaxError("unclosed $header( in '\(text)': write $header(Content-Type)")
                    }
                    var headerView = String.UnicodeScalarView()
                    headerView.append(contentsOf: scalars[(end + 1)..<close])
                    let header = String(headerView)
                    guard HTTPToken.isToken(header) else {
                        throw CommandSyntaxError("'$header(\(header))' needs a header name, as in $header(Api-Version)")
                    }
                    pieces.append(.reference(.responseHeader(header)))
                    index = close + 1
                } else {
                    pieces.append(.reference(.variable(name)))
                    index = end
                }
            } else {
                literal.append(scalar)
                index += 1
            }
        }
        flush()
        self.pieces = pieces
        self.text = text
    }

    /// Fills in every reference. Inside a JSON string (when `json` is set) values are escaped
    /// so they stay one valid string; elsewhere they are inserted as they are.
    public func render(json: Bool, value: (Reference) -> String?) throws(CommandSyntaxError) -> String {
        var result = ""
        var string = JSONStringState()
        for piece in pieces {
            switch piece {
            case .text(let text):
                result += text
                if json {
                    for byte in text.utf8 { _ = string.take(byte) }
                }
            case .reference(let reference):
                guard let filled = value(reference) else {
                    throw CommandSyntaxError(
                        Self.undefinedMessage(reference, readsAsShell: json && readsAsShellText(reference)))
                }
                result += json && string.inString ? JSONStringEscaping.escaped(filled) : filled
            }
        }
        return result
    }

    /// What, beside a reference, makes the JSON string around it read as a shell command line
    /// (`"for i in 1 2; do echo $i; done"`, `"PATH=$PATH"`) rather than a value (`"$image"`).
    static let shellSigns = Set(" ;|&()=`".utf8)

    /// True when `reference` sits in a JSON string that reads like a shell command line: there a
    /// `$i` was most likely meant for the container's shell, and `$$` is how to write one.
    public func readsAsShellText(_ reference: Reference) -> Bool {
        var string = JSONStringState()
        var holdsReference = false
        var shellLike = false
        for piece in pieces {
            switch piece {
            case .text(let text):
                for byte in text.utf8 {
                    let wasInString = string.inString
                    _ = string.take(byte)
                    if wasInString && !string.inString {
                        if holdsReference && shellLike { return true }
                        holdsReference = false
                        shellLike = false
                    } else if string.inString && Self.shellSigns.contains(byte) {
                        shellLike = true
                    }
                }
            case .reference(let found):
                if string.inString && found == reference { holdsReference = true }
            }
        }
        return holdsReference && shellLike
    }

    /// The sentence for a reference with no value; `readsAsShell` (see `readsAsShellText`) adds how
    /// to write a literal `$`.
    public static func undefinedMessage(_ reference: VariableTemplate.Reference, readsAsShell: Bool = false) -> String {
        switch reference {
        case .variable(let name):
            return
                """
                undefined variable $\(name): set it first (set \(name) = value), capture it (let \(name) = .Id), or \
                pass -e \(name)=value\(readsAsShell ? " (write $$ for a literal $)" : "")
                """
        case .environment(let name):
            return
                """
                the environment variable \(name) is not set: export it before starting sockshell, or use a sockshell \
                variable
                """
        case .responseHeader(let name):
            return "$header(\(name)): the last response has no \(name) header (or there was no response yet)"
        }
    }

    public static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isNameStart(first) else { return false }
        return text.unicodeScalars.allSatisfy(isNameContinuation)
    }

    static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    static func isNameContinuation(_ scalar: Unicode.Scalar) -> Bool {
        isNameStart(scalar) || ("0"..."9").contains(scalar)
    }
}
