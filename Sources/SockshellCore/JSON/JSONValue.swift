/// One JSON value (RFC 8259) as it was written: object members keep their order (and any
/// duplicate names), numbers keep their exact text, so nothing is rounded or reordered.
public indirect enum JSONValue: Sendable, Equatable {
    case object([JSONMember])
    case array([JSONValue])
    case string(String)
    /// The number exactly as written, e.g. `1e3` or `-0.50`; convert with `intValue` or `doubleValue`.
    case number(String)
    case bool(Bool)
    case null

    /// The value of the member named `key` when this is an object that has one, else nil.
    /// With duplicate names the last one wins, as in JavaScript and jq.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// The element at `index` when this is an array and the index is inside it, else nil.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    public var objectMembers: [JSONMember]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The number's text as written, when this is a number.
    public var numberText: String? {
        if case .number(let text) = self { return text }
        return nil
    }

    /// The number as an `Int` when it is written as an integer that fits (no fraction, no exponent).
    public var intValue: Int? {
        numberText.flatMap { Int($0) }
    }

    /// The number as the nearest `Double`.
    public var doubleValue: Double? {
        numberText.flatMap { Double($0) }
    }

    public var isNull: Bool { self == .null }

    /// The type's name as jq's `type` spells it: object, array, string, number, boolean or null.
    public var typeName: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }
}

/// One `"name": value` pair of an object.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue

    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}
