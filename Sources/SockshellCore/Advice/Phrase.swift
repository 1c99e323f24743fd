/// One sentence in every language the shell speaks, side by side, so a translation is never
/// missing and the two are read (and reviewed) together. `explain` and the warnings before
/// sending are tables of these.
public struct Phrase: Sendable, Equatable {
    public let english: String
    public let korean: String

    public init(_ english: String, ko korean: String) {
        self.english = english
        self.korean = korean
    }

    /// The sentence in `language`.
    public func text(in language: ShellLanguage) -> String {
        switch language {
        case .english: return english
        case .korean: return korean
        }
    }

    /// Both sentences with `other` after them, a space between.
    public func then(_ other: Phrase) -> Phrase {
        Phrase(english + " " + other.english, ko: korean + " " + other.korean)
    }
}
