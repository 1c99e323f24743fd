/// What Tab offers for the word before the cursor.
///
/// The line editor replaces the text from `replaceFrom` up to the cursor with `commonPrefix`, and
/// lists `candidates` when there is more than one. A candidate ending in `/`, `=`, `: ` or `//`
/// expects more text; any other single candidate is a whole word (the editor may add a space).
public struct Completion: Sendable, Equatable {
    /// UTF-8 offset in the line where the word being completed starts.
    public var replaceFrom: Int
    /// Whole replacement words for the text from `replaceFrom` to the cursor, sorted.
    public var candidates: [String]
    /// The text to put in place of the word now: the candidates' longest common prefix, or the word
    /// as typed when that prefix would be shorter (so a word is never cut back). With no candidates
    /// it is the word as typed.
    public var commonPrefix: String

    public init(replaceFrom: Int, candidates: [String], commonPrefix: String) {
        self.replaceFrom = replaceFrom
        self.candidates = candidates
        self.commonPrefix = commonPrefix
    }

    /// The completion of `typed` (which starts at `replaceFrom`) by `candidates` in any order.
    init(replaceFrom: Int, typed: String, offering candidates: some Sequence<String>) {
        let sorted = Array(Set(candidates)).sorted()
        var prefix = sorted.first.map { Array($0) } ?? []
        for candidate in sorted.dropFirst() {
            prefix = Array(zip(prefix, candidate).prefix(while: { $0 == $1 }).map(\.0))
        }
        // Candidates may differ from the typed word in case only (`ge` -> `GET`); never shorten it.
        let common = prefix.count >= typed.count ? String(prefix) : typed
        self.init(replaceFrom: replaceFrom, candidates: sorted, commonPrefix: sorted.isEmpty ? typed : common)
    }
}
