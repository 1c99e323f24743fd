/// The header (or trailer) fields of one message, in the order they arrived, each name and value as sent.
///
/// Lookups by name ignore ASCII case, as field names do (RFC 9110 §5.1); nothing is merged, folded or
/// re-cased, so what is shown and recorded is what crossed the wire. Modelled on swift-nio's `HTTPHeaders`.
/// It is a collection of `HeaderField`, so ordered walks (rendering, HAR, JSON lines) read it directly.
public struct HTTPFields: Sendable, Equatable, RandomAccessCollection, MutableCollection, RangeReplaceableCollection,
    ExpressibleByArrayLiteral
{
    private var fields: [HeaderField]

    public init() {
        fields = []
    }

    public init(_ fields: [HeaderField]) {
        self.fields = fields
    }

    public init(arrayLiteral elements: HeaderField...) {
        fields = elements
    }

    public var startIndex: Int { fields.startIndex }
    public var endIndex: Int { fields.endIndex }

    public subscript(position: Int) -> HeaderField {
        get { fields[position] }
        set { fields[position] = newValue }
    }

    public mutating func replaceSubrange(_ subrange: Range<Int>, with newElements: some Collection<HeaderField>) {
        fields.replaceSubrange(subrange, with: newElements)
    }

    /// The fields as a plain array, in order.
    public var array: [HeaderField] { fields }

    /// The first field called `name`, if any.
    public func first(named name: String) -> HeaderField? {
        fields.first { $0.hasName(name) }
    }

    /// The value of the first field called `name`, if any.
    public func value(of name: String) -> String? {
        first(named: name)?.value
    }

    /// Every value of the fields called `name`, in order (a repeated field is a list; RFC 9110 §5.3).
    public func values(of name: String) -> [String] {
        fields.filter { $0.hasName(name) }.map(\.value)
    }

    /// Whether any field is called `name`.
    public func contains(named name: String) -> Bool {
        fields.contains { $0.hasName(name) }
    }

    /// The positions of the fields called `name`, in order.
    public func indices(named name: String) -> [Int] {
        fields.indices.filter { fields[$0].hasName(name) }
    }

    /// Replaces the first field with `field`'s name (keeping its place), or appends it when there is none.
    public mutating func set(_ field: HeaderField) {
        if let index = fields.firstIndex(where: { $0.hasName(field.name) }) {
            fields[index] = field
        } else {
            fields.append(field)
        }
    }

    /// Removes every field called `name`.
    public mutating func removeAll(named name: String) {
        fields.removeAll { $0.hasName(name) }
    }
}
