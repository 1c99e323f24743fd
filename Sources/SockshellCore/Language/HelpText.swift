/// The text of `help` and `help TOPIC`, as pure functions so tests compare strings; every word of
/// it comes from ShellCommandTable, or in Korean from KoreanHelp (the same commands, by name).
public enum HelpText {
    public static func overview(_ language: ShellLanguage = .english) -> String {
        var lines = [ShellPhrases.commandsHeader(language)]
        let entries = ShellCommandTable.all
        // Command names are ASCII, one column a character, so padding by characters lines the
        // summaries up in Korean too (their own width does not matter: they end the line).
        let width = entries.map(\.name.count).max() ?? 0
        for entry in entries {
            lines.append("  " + entry.name.padded(to: width + 2) + summary(entry, language))
        }
        lines.append(ShellPhrases.helpFooter(language))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Help for one command or alias, or for requests when the topic is a method (any case),
    /// `METHOD` or `request`; nil if unknown. A command's own word wins over a method of the same
    /// letters: `help connect` is the command, `help CONNECT` the method.
    public static func topic(_ name: String, _ language: ShellLanguage = .english) -> String? {
        let commands = ShellCommandTable.all.filter { $0.kind != .request }
        let isRequest =
            CommandParser.standardMethods.contains(name.uppercased())
            || ["method", "request"].contains(name.lowercased())
        let entry =
            commands.first { $0.name == name || $0.aliases.contains(name) }
            ?? (isRequest ? ShellCommandTable.all.first { $0.kind == .request } : nil)
            ?? commands.first { $0.name == name.lowercased() || $0.aliases.contains(name.lowercased()) }
        guard let entry else { return nil }
        let usage = language == .korean ? KoreanHelp.entry(for: entry.name)?.usage ?? entry.usage : entry.usage
        return
            "\(ShellPhrases.usageLabel(language))\(usage)\n\(ShellPhrases.exampleLabel(language))\(entry.example)\n"
    }

    /// A command's line in the overview, in `language` (English when no translation is written yet).
    static func summary(_ entry: ShellCommandSpec, _ language: ShellLanguage) -> String {
        language == .korean ? KoreanHelp.entry(for: entry.name)?.summary ?? entry.summary : entry.summary
    }

    public static func unknownTopic(_ name: String) -> String {
        let topics = ShellCommandTable.all.flatMap { [$0.name] + $0.aliases }
        if let nearest = NearestWord.find(name, among: topics) {
            return "no help for '\(name)': did you mean help \(nearest)?"
        }
        return "no help for '\(name)': help lists the commands"
    }
}
