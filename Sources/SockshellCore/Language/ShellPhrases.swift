/// The shell's own sentences outside lessons that follow the language: the startup line's
/// verdict on `_ping`, `lang`, and the labels of `help`. The reason a connection failed stays
/// English (TransportFailure's sentence).
public enum ShellPhrases {
    /// `daemon answered _ping (API 1.41)`, the startup line's last part.
    public static func pingAnswered(apiVersion: String?, _ language: ShellLanguage) -> String {
        let version = apiVersion.map { " (API \($0))" } ?? ""
        return Phrase(
            "daemon answered _ping\(version)", "데몬이 _ping에 응답했습니다\(version)")(language)
    }

    /// `_ping answered 500 Internal Server Error (API 1.41)`
    public static func pingStatus(_ status: Int, reason: String, apiVersion: String?, _ language: ShellLanguage)
        -> String
    {
        let version = apiVersion.map { " (API \($0))" } ?? ""
        return Phrase(
            "_ping answered \(status) \(reason)\(version)", "_ping 응답: \(status) \(reason)\(version)")(language)
    }

    /// `no answer to _ping: REASON`, the reason in English; nil reason: none known.
    public static func noPingAnswer(_ reason: String?, _ language: ShellLanguage) -> String {
        let because = reason.map { ": " + $0 } ?? ""
        return Phrase("no answer to _ping\(because)", "_ping에 응답이 없습니다\(because)")(language)
    }

    /// `lang` alone: the language in use and the ones there are.
    public static func currentLanguage(_ current: ShellLanguage) -> String {
        let choices = ShellLanguage.allCases.map { "\($0.code) \($0.name)" }.joined(separator: ", ")
        return Phrase(
            "language: \(current.name) (\(current.code)); choices: \(choices) (lang CODE switches)",
            "언어: \(current.name) (\(current.code)); 고를 수 있는 언어: \(choices) (lang CODE로 바꿉니다)")(current)
    }

    /// `lang CODE`: said in the new language.
    public static func switched(to language: ShellLanguage) -> String {
        Phrase(
            "language: \(language.name) (help, lessons and the startup line follow it)",
            "언어: \(language.name) (help, 레슨, 시작 줄이 이 언어를 따릅니다)")(language)
    }

    /// Asked before leaving ends the jobs still running; `jobs` are their numbers, `first` the
    /// request line of the first (named when it is the only one). The answers stay y and n.
    public static func stopJobsAndExit(_ jobs: [Int], first: String, _ language: ShellLanguage) -> String {
        let numbers = jobs.map(String.init).joined(separator: ", ")
        let which = jobs.count == 1 ? "\(numbers) (\(first))" : numbers
        return Phrase(
            jobs.count == 1
                ? "job \(which) is still running: stop and exit? [y/N] "
                : "jobs \(which) are still running: stop and exit? [y/N] ",
            "아직 실행 중인 작업: \(which). 멈추고 나갈까요? [y/N] ")(language)
    }

    public static let commandsHeader = Phrase("Commands:", "명령:")
    public static let helpFooter = Phrase(
        "Lines starting with # are comments. help COMMAND shows usage and an example.",
        "#으로 시작하는 줄은 주석입니다. help COMMAND는 사용법과 예를 보여 줍니다.")
    public static let usageLabel = Phrase("usage: ", "사용법: ")
    public static let exampleLabel = Phrase("example: ", "예: ")
    public static let daemonsElsewhere = Phrase("daemons answer here instead:", "대신 여기에서 데몬이 응답합니다:")

    /// Every phrase with sample values, for the test that each one exists in each language.
    public static func everyPhrase(_ language: ShellLanguage) -> [String] {
        [
            pingAnswered(apiVersion: "1.41", language), pingStatus(500, reason: "x", apiVersion: nil, language),
            noPingAnswer("r", language), daemonsElsewhere(language), currentLanguage(language),
            switched(to: language), commandsHeader(language), helpFooter(language), usageLabel(language),
            exampleLabel(language), stopJobsAndExit([1], first: "GET /events", language),
        ]
    }
}
