/// A small jq-like query over a `JSONValue`, for `let NAME = QUERY` and `expect QUERY ...`.
///
/// The syntax is a subset of jq's, with jq's meaning:
///
/// | Query                     | Result                                                          |
/// |---------------------------|-----------------------------------------------------------------|
/// | `.`                       | the whole value                                                 |
/// | `.Id`, `.State.Running`   | a member of an object (`null` when missing, or when on `null`)  |
/// | `.["key with spaces"]`    | a member whose name is not a plain identifier (also `."name"`)  |
/// | `.[0]`, `.[-1]`           | an array element, negative from the end (`null` when outside)   |
/// | `.[]`, `.Names[]`         | every element of an array (or value of an object): several results |
/// | `.[2:5]`, `.Id[:12]`      | a slice of an array or a string (by Unicode scalar, as jq)      |
/// | `length`                  | the elements, members or characters in it; 0 for null; a number's absolute value |
/// | `keys`                    | an object's member names, sorted; an array's indices            |
/// | `type`                    | `"object"`, `"array"`, `"string"`, `"number"`, `"boolean"` or `"null"` |
/// | `A | B`                   | B applied to every result of A, e.g. `.Names | length`         |
///
/// Steps chain without a dot before brackets (`.[0].Names[0]`, `.Config.Env[]`), and a field name
/// is letters, digits and `_` not starting with a digit; anything else goes in brackets:
/// `.Config.Labels["com.docker.compose.project"]`. Whitespace is allowed around `|` and inside
/// brackets. Not supported: `..`, `?`, literals, arithmetic, `select`, `map` and other filters.
///
/// Errors are one sentence naming the place: a syntax error gives the 1-based column
/// (`unexpected ']' at column 5 in .[0]]`), an evaluation error the path of the value that did
/// not fit (`` `.State` is a string, it has no field Running ``).
public struct JSONQuery: Sendable, Equatable, CustomStringConvertible {
    /// The query as written, without surrounding whitespace.
    public let text: String
    let steps: [JSONQueryStep]

    /// The names of the functions a query may use, as `length` or `.Names | length`.
    public static let functionNames = ["length", "keys", "type"]

    public init(parsing text: String) throws(JSONQueryError) {
        var parser = JSONQueryParser(text)
        steps = try parser.parse()
        self.text = parser.text
    }

    public var description: String { text }

    /// Every result of the query on `value`, in order: one for a plain path, any number after `[]`.
    /// As in jq, a missing member or an index outside the array gives `null`, not an error.
    public func evaluate(_ value: JSONValue) throws(JSONQueryError) -> [JSONValue] {
        try run(value, absentGivesNothing: false)
    }

    /// Like `evaluate`, but a missing member, an index outside the array, or a step into `null`
    /// gives no result instead of `null`; a member that is present with the value `null` still
    /// counts. `expect QUERY exists` passes when this is not empty.
    public func presentValues(in value: JSONValue) throws(JSONQueryError) -> [JSONValue] {
        try run(value, absentGivesNothing: true)
    }

    private func run(_ value: JSONValue, absentGivesNothing: Bool) throws(JSONQueryError) -> [JSONValue] {
        var current = [value]
        for step in steps {
            var next: [JSONValue] = []
            for input in current {
                try step.apply(to: input, absentGivesNothing: absentGivesNothing, into: &next)
            }
            current = next
        }
        return current
    }

    /// Compact JSON text, as `jq -c` writes it: no spaces, strings quoted and escaped (non-ASCII
    /// kept as is), numbers exactly as they were written, members in their order.
    public static func render(_ value: JSONValue) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    /// The text a variable holds: a string's characters without quotes or escapes (as `jq -r`),
    /// anything else as `render` writes it.
    public static func plainText(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return render(value)
    }

    private static func write(_ value: JSONValue, to out: inout String) {
        switch value {
        case .object(let members):
            out.append("{")
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(",") }
                writeString(member.key, to: &out)
                out.append(":")
                write(member.value, to: &out)
            }
            out.append("}")
        case .array(let elements):
            out.append("[")
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(",") }
                write(element, to: &out)
            }
            out.append("]")
        case .string(let text):
            writeString(text, to: &out)
        case .number(let text):
            out.append(text)
        case .bool(let flag):
            out.append(flag ? "true" : "false")
        case .null:
            out.append("null")
        }
    }

    static func writeString(_ text: String, to out: inout String) {
        out.append("\"")
        JSONStringEscaping.append(text, to: &out)
        out.append("\"")
    }
}

/// Why a query could not be read, or could not be applied to a value: `message` is one sentence.
public struct JSONQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The query text is not a query; `column` says where.
        case syntax
        /// The query does not fit the value, e.g. a field of a string.
        case evaluation
    }

    public var kind: Kind
    public var message: String
    /// For a syntax error, the 1-based column (in Unicode scalars) of the offending character.
    public var column: Int?

    public init(_ kind: Kind, _ message: String, column: Int? = nil) {
        self.kind = kind
        self.message = message
        self.column = column
    }

    public var description: String { message }
}

/// One step of a query, with the path text of its input for error messages.
struct JSONQueryStep: Sendable, Equatable {
    enum Operation: Sendable, Equatable {
        case field(String)
        case index(Int)
        case iterate
        case slice(from: Int?, to: Int?)
        case length
        case keys
        case type
    }

    var operation: Operation
    /// The query text that produced this step's input, e.g. `.State` for the step `.Running`.
    var inputPath: String

    func apply(to input: JSONValue, absentGivesNothing: Bool, into results: inout [JSONValue]) throws(JSONQueryError) {
        switch operation {
        case .field(let name):
            switch input {
            case .object:
                if let value = input[name] {
                    results.append(value)
                } else if !absentGivesNothing {
                    results.append(.null)
                }
            case .null:
                if !absentGivesNothing { results.append(.null) }
            default:
                throw failure("it has no field \(Self.fieldName(name))", input)
            }
        case .index(let index):
            switch input {
            case .array(let elements):
                let position = index < 0 ? elements.count + index : index
                if elements.indices.contains(position) {
                    results.append(elements[position])
                } else if !absentGivesNothing {
                    results.append(.null)
                }
            case .null:
                if !absentGivesNothing { results.append(.null) }
            default:
                throw failure("it has no element [\(index)]", input)
            }
        case .iterate:
            switch input {
            case .array(let elements): results.append(contentsOf: elements)
            case .object(let members): results.append(contentsOf: Self.lastOfEachName(members).map(\.value))
            default: throw failure("it cannot be iterated", input)
            }
        case .slice(let from, let to):
            switch input {
            case .array(let elements):
                let range = Self.sliceRange(from: from, to: to, count: elements.count)
                results.append(.array(Array(elements[range])))
            case .string(let text):
                let scalars = Array(text.unicodeScalars)
                let range = Self.sliceRange(from: from, to: to, count: scalars.count)
                var slice = ""
                slice.unicodeScalars.append(contentsOf: scalars[range])
                results.append(.string(slice))
            case .null:
                if !absentGivesNothing { results.append(.null) }
            default:
                throw failure("it cannot be sliced", input)
            }
        case .length:
            switch input {
            case .array(let elements): results.append(.number(String(elements.count)))
            case .object(let members): results.append(.number(String(Self.lastOfEachName(members).count)))
            case .string(let text): results.append(.number(String(text.unicodeScalars.count)))
            case .null: results.append(.number("0"))
            case .number(let text): results.append(.number(text.hasPrefix("-") ? String(text.dropFirst()) : text))
            case .bool: throw failure("it has no length", input)
            }
        case .keys:
            switch input {
            case .object(let members):
                let names = Self.lastOfEachName(members).map(\.key).sorted {
                    $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars)
                }
                results.append(.array(names.map { .string($0) }))
            case .array(let elements):
                results.append(.array(elements.indices.map { .number(String($0)) }))
            default:
                throw failure("it has no keys", input)
            }
        case .type:
            results.append(.string(input.typeName))
        }
    }

    private func failure(_ what: String, _ input: JSONValue) -> JSONQueryError {
        JSONQueryError(.evaluation, "`\(inputPath)` is \(Self.describeType(input)), \(what)")
    }

    static func describeType(_ value: JSONValue) -> String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .null: "null"
        default: "a \(value.typeName)"
        }
    }

    /// A member name for a message: bare when it could be written `.name`, else as a JSON string.
    static func fieldName(_ name: String) -> String {
        JSONQueryParser.isIdentifier(name) ? name : JSONQuery.render(.string(name))
    }

    /// An object's members with duplicate names reduced to the last one, where the first stood.
    static func lastOfEachName(_ members: [JSONMember]) -> [JSONMember] {
        var seen: [String: Int] = [:]
        var result: [JSONMember] = []
        for member in members {
            if let at = seen[member.key] {
                result[at].value = member.value
            } else {
                seen[member.key] = result.count
                result.append(member)
            }
        }
        return result
    }

    /// jq's slice bounds: negative counts from the end, both clamped, empty when they cross.
    static func sliceRange(from: Int?, to: Int?, count: Int) -> Range<Int> {
        func clamp(_ bound: Int) -> Int {
            let resolved = bound < 0 ? count + bound : bound
            return min(max(resolved, 0), count)
        }
        let lower = from.map(clamp) ?? 0
        let upper = to.map(clamp) ?? count
        return lower..<max(lower, upper)
    }
}

extension JSONValue {
    /// Equal as JSON values rather than as text: object member order does not matter (with
    /// duplicate names the last one counts), numbers compare numerically and exactly (`1.0`,
    /// `1` and `1e0` are equal; `-0` equals `0`), strings compare by Unicode scalars.
    public func isEquivalent(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.object(let left), .object(let right)):
            let leftMembers = JSONQueryStep.lastOfEachName(left)
            let rightMembers = JSONQueryStep.lastOfEachName(right)
            guard leftMembers.count == rightMembers.count else { return false }
            for member in leftMembers {
                guard let counterpart = other[member.key], member.value.isEquivalent(to: counterpart) else {
                    return false
                }
            }
            return true
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.isEquivalent(to: $1) }
        case (.string(let left), .string(let right)):
            return left.unicodeScalars.elementsEqual(right.unicodeScalars)
        case (.number(let left), .number(let right)):
            return NormalizedNumber(left) == NormalizedNumber(right)
        case (.bool(let left), .bool(let right)):
            return left == right
        case (.null, .null):
            return true
        default:
            return false
        }
    }
}

/// A JSON number's exact value as sign, significant digits and a power of ten, so that
/// `1.50`, `15e-1` and `1.5` are the same key without rounding through `Double`.
struct NormalizedNumber: Equatable {
    var negative = false
    /// Significant digits without leading or trailing zeros; empty for zero.
    var digits: [UInt8] = []
    /// The value is `digits × 10^exponent`.
    var exponent = 0

    init(_ text: String) {
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        var all: [UInt8] = []
        var fractionDigits = 0
        var inFraction = false
        var exponentPart = 0
        var exponentNegative = false
        var inExponent = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "."):
                inFraction = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                inExponent = true
            case UInt8(ascii: "-") where inExponent:
                exponentNegative = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = byte - UInt8(ascii: "0")
                if inExponent {
                    // Saturate far beyond anything meaningful rather than overflow.
                    exponentPart = min(exponentPart * 10 + Int(digit), 1_000_000_000)
                } else {
                    all.append(digit)
                    if inFraction { fractionDigits += 1 }
                }
            default:
                break
            }
        }
        var power = (exponentNegative ? -exponentPart : exponentPart) - fractionDigits
        let firstSignificant = all.firstIndex(where: { $0 != 0 }) ?? all.count
        var significant = Array(all[firstSignificant...])
        while let last = significant.last, last == 0 {
            significant.removeLast()
            power += 1
        }
        if significant.isEmpty {
            negative = false
            power = 0
        }
        digits = significant
        exponent = power
    }
}
