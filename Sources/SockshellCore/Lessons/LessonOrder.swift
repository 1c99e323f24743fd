/// The order lessons are suggested in: `lessons/ORDER`, one lesson name a line (blank lines and
/// `#` comments ignored), so the path through them is written down once, beside the lessons.
/// Lessons the file does not name come after the named ones, alphabetically: a new lesson is
/// listed before anyone decides where it belongs.
public enum LessonOrder {
    /// The file in the lessons folder that holds the order.
    public static let fileName = "ORDER"

    /// The names the order file lists, in its order, as written (duplicates kept, for the test).
    public static func names(in text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// `available` lessons in the suggested order: the ordered ones first, each once, then the rest
    /// alphabetically. A name in the order with no lesson file is left out.
    public static func arranged(_ available: [String], order: [String]) -> [String] {
        var seen = Set<String>()
        let present = Set(available)
        let ordered = order.filter { present.contains($0) && seen.insert($0).inserted }
        return ordered + available.filter { !seen.contains($0) }.sorted()
    }

    /// The lesson to suggest after finishing `name`: the first one after it in `arranged` that is
    /// not done, else the first not done before it; nil when every one is done.
    public static func next(after name: String, in arranged: [String], isDone: (String) -> Bool) -> String? {
        let position = arranged.firstIndex(of: name).map { $0 + 1 } ?? 0
        let candidates = arranged[position...] + arranged[..<min(position, arranged.count)]
        return candidates.first { $0 != name && !isDone($0) }
    }
}
