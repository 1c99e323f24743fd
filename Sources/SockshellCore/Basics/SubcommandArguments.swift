/// Finds `replay`, `serve` or `tap` where the docker CLI would: `docker -H URL ps` puts the global
/// options first, so `sockshell -H URL replay FILE` must mean the replay command too. The options
/// before the word go after it (ArgumentParser reads options in any order), so the subcommand
/// parses them as its own, and names one it does not take.
public enum SubcommandArguments {
    /// The subcommand and its arguments, or nil when the words are the shell's own (then a script
    /// named `replay` is run as `./replay`, and `-c replay` is a line).
    /// `optionsWithValue`: the shell's options that take the next word as their value
    /// (`-H URL`, `-c TEXT`), whose value is never a subcommand.
    public static func split(_ arguments: [String], subcommands: Set<String>, optionsWithValue: Set<String>)
        -> (name: String, arguments: [String])?
    {
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" { return nil }
            if subcommands.contains(word) {
                return (word, Array(arguments[(index + 1)...]) + Array(arguments[..<index]))
            }
            guard word.hasPrefix("-"), word != "-" else { return nil }
            // `--host=URL` and `-HURL` carry their value in the same word.
            let takesNextWord = optionsWithValue.contains(word)
            index += takesNextWord ? 2 : 1
        }
        return nil
    }
}
