/// One text of the shell's in each language it speaks. Both are given where it is declared, so
/// neither can be left out; called with a language, it is the text to say.
public struct Phrase: Sendable, Equatable {
    public let english: String
    public let korean: String

    public init(_ english: String, _ korean: String) {
        self.english = english
        self.korean = korean
    }

    public func callAsFunction(_ language: ShellLanguage) -> String {
        switch language {
        case .english: return english
        case .korean: return korean
        }
    }
}
