/// Writes a compact JSON object member by member, in the order given (Go's encoder keeps struct order,
/// so a body reads like the CLI's). Only what the live commands' bodies need: strings, booleans, integer
/// and string arrays, string maps and nested objects.
struct JSONBodyWriter {
    private var text = "{"
    private var isEmpty = true

    mutating func add(_ name: String, _ value: String) {
        member(name, JSONStringEscaping.quoted(value))
    }

    mutating func add(_ name: String, _ value: Bool) {
        member(name, value ? "true" : "false")
    }

    mutating func add(_ name: String, strings: [String]) {
        member(name, "[" + strings.map(JSONStringEscaping.quoted).joined(separator: ",") + "]")
    }

    mutating func add(_ name: String, integers: [Int]) {
        member(name, "[" + integers.map(String.init).joined(separator: ",") + "]")
    }

    /// An object of string values, keys in the order given.
    mutating func add(_ name: String, map: [(key: String, value: String)]) {
        var object = JSONBodyWriter()
        for (key, value) in map { object.add(key, value) }
        add(name, object: object)
    }

    mutating func add(_ name: String, object: JSONBodyWriter) {
        member(name, object.finished)
    }

    private mutating func member(_ name: String, _ json: String) {
        if !isEmpty { text.append(",") }
        isEmpty = false
        text.append(JSONStringEscaping.quoted(name))
        text.append(":")
        text.append(json)
    }

    var finished: String { text + "}" }
    var bytes: [UInt8] { Array(finished.utf8) }
}
