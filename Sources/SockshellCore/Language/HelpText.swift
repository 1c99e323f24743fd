/// The text of `help` and `help TOPIC`, as pure functions so tests compare strings; every word of
/// it comes from ShellCommandTable.
public enum HelpText {
    public static func overview() -> String {
        var lines = ["Commands:"]
        let entries = ShellCommandTable.all
        let width = entries.map(\.name.count).max() ?? 0
        for entry in entries {
            lines.append(
                "  " + entry.name + String(repeating: " ", count: width - entry.name.count + 2) + entry.summary)
        }
        lines.append("Lines starting with # are comments. help COMMAND shows usage and an example.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Help for one command or alias, or for requests when the topic is a method (any case),
    /// `METHOD` or `request`; nil if unknown. A command's own word wins over a method of the same
    /// letters: `help connect` is the command, `help CONNECT` the method.
    public static func topic(_ name: String) -> String? {
        let commands = ShellCommandTable.all.filter { $0.kind != .request }
        let isRequest =
            CommandParser.standardMethods.contains(name.uppercased())
            || ["method", "request"].contains(name.lowercased())
        let entry =
            commands.first { $0.name == name || $0.aliases.contains(name) }
            ?? (isRequest ? ShellCommandTable.all.first { $0.kind == .request } : nil)
            ?? commands.first { $0.name == name.lowercased() || $0.aliases.contains(name.lowercased()) }
        guard let entry else { return nil }
        return "usage: \(entry.usage)\nexample: \(entry.example)\n"
    }

    public static func unknownTopic(_ name: String) -> String {
        let topics = ShellCommandTable.all.flatMap { [$0.name] + $0.aliases }
        if let nearest = NearestWord.find(name, among: topics) {
            return "no help for '\(name)': did you mean help \(nearest)?"
        }
        return "no help for '\(name)': help lists the commands"
    }
}
