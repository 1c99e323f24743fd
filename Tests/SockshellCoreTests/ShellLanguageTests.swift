import SockshellCore
import Testing

@Suite struct ShellLanguageTests {
    @Test(arguments: [
        ([:], ShellLanguage.english),
        (["LANG": "ko_KR.UTF-8"], .korean),
        (["LANG": "en_US.UTF-8", "LC_MESSAGES": "ko_KR.UTF-8"], .korean),
        (["LANG": "ko_KR.UTF-8", "LC_ALL": "C"], .english),
        (["LANG": "ko_KR.UTF-8", "LC_ALL": ""], .korean),
        (["LANG": "C.UTF-8"], .english),
        (["LC_ALL": "ko"], .korean),
    ])
    func localeDecides(environment: [String: String], expected: ShellLanguage) {
        #expect(ShellLanguage.fromLocale(environment) == expected)
    }

    @Test func codes() {
        #expect(ShellLanguage(code: "ko") == .korean)
        #expect(ShellLanguage(code: "EN") == .english)
        #expect(ShellLanguage(code: "ko_KR.UTF-8") == .korean)
        #expect(ShellLanguage(code: "fr") == nil)
        #expect(ShellLanguage.unknownCodeMessage("fr").contains("en or ko"))
    }
}
