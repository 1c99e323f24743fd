/// The docker CLI's (Go pflag's) `--tlsverify=false` spelling of a boolean flag, which ArgumentParser
/// does not take: `--NAME=true` becomes `--NAME`, `--NAME=false` becomes `--no-NAME`. The values are
/// Go's `strconv.ParseBool`'s; `--NAME false` stays two words, as in pflag (the flag, then an argument).
public enum BooleanFlagSpelling {
    /// A value that is neither true nor false, in one sentence.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    static let trueWords: Set<String> = ["1", "t", "T", "TRUE", "true", "True"]
    static let falseWords: Set<String> = ["0", "f", "F", "FALSE", "false", "False"]

    /// `arguments` with every `--NAME=VALUE` of `flags` (names without dashes) rewritten; the word
    /// after an option of `optionsWithValue` and everything after `--` are left alone.
    public static func rewrite(
        _ arguments: [String], flags: Set<String>, optionsWithValue: Set<String>
    ) throws(BooleanFlagSpelling.Failure) -> [String] {
        var rewritten: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if word == "--" {
                rewritten += arguments[(index - 1)...]
                break
            }
            if optionsWithValue.contains(word), index < arguments.count {
                rewritten += [word, arguments[index]]
                index += 1
                continue
            }
            guard word.hasPrefix("--"), let equals = word.firstIndex(of: "="),
                flags.contains(String(word[word.index(word.startIndex, offsetBy: 2)..<equals]))
            else {
                rewritten.append(word)
                continue
            }
            let name = String(word[word.index(word.startIndex, offsetBy: 2)..<equals])
            let value = String(word[word.index(after: equals)...])
            if trueWords.contains(value) {
                rewritten.append("--" + name)
            } else if falseWords.contains(value) {
                rewritten.append("--no-" + name)
            } else {
                throw Failure(
                    description:
                        "--\(name)=\(value) is not true or false: write --\(name), --\(name)=false or --no-\(name)")
            }
        }
        return rewritten
    }
}
