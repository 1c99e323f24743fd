/// One text of the shell's in each language it speaks. Both are given where it is declared, so
/// neither can be left out, and the two are read (and reviewed) together; called with a language,
/// it is the text to say. Lesson messages, help, `explain` and the warnings before sending are
/// tables of these.
public struct Phrase: Sendable, Equatable {
    public let english: String
    public let korean: String

    public init(_ english: String, _ korean: String) {
        self.english = english
        self.korean = korean
    }

    public init(_ english: String, ko korean: String) {
        self.init(english, korean)
    }

    public func callAsFunction(_ language: ShellLanguage) -> String {
        switch language {
        case .english: return english
        case .korean: return korean
        }
    }

    /// The sentence in `language`.
    public func text(in language: ShellLanguage) -> String { self(language) }

    /// Both sentences with `other` after them, a space between.
    public func then(_ other: Phrase) -> Phrase {
        Phrase(english + " " + other.english, korean + " " + other.korean)
    }
}
