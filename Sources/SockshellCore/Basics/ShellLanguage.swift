/// The language the shell speaks to the learner: its own texts during a lesson, `help`, the
/// startup line, `explain`, and which version of a lesson file is read. Error sentences stay in
/// English for now (the README lists what is translated).
public enum ShellLanguage: String, Sendable, CaseIterable, Equatable {
    case english = "en"
    case korean = "ko"

    /// The code `--lang` and `lang` take, and lesson folders are named by (`lessons/ko/`).
    public var code: String { rawValue }

    /// The language's own name, as `lang` lists it.
    public var name: String {
        switch self {
        case .english: return "English"
        case .korean: return "한국어 (Korean)"
        }
    }

    /// `en`, `ko`, or a locale-style spelling of them (`ko_KR.UTF-8`, `EN`); nil for anything else.
    public init?(code: String) {
        let lowered = code.lowercased()
        let language = lowered.prefix { $0.isLetter }
        guard let found = Self.allCases.first(where: { $0.rawValue == language }) else { return nil }
        self = found
    }

    /// The language the locale asks for, read as POSIX reads message locales: the first of
    /// `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty decides; Korean when it starts
    /// with `ko`, English otherwise (`C`, `POSIX`, or a language sockshell does not speak yet).
    public static func fromLocale(_ environment: [String: String]) -> ShellLanguage {
        let decisive = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        guard let decisive, decisive.lowercased().hasPrefix("ko") else { return .english }
        return .korean
    }

    /// The sentence for an unknown code, naming the ones there are.
    public static func unknownCodeMessage(_ code: String) -> String {
        let codes = allCases.map(\.code).joined(separator: " or ")
        return "no language '\(code)': sockshell speaks \(codes) (lang ko, lang en, or --lang ko)"
    }
}
