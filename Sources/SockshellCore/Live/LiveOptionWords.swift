/// One option of `attach`, `exec` or `run`, spelled as docker spells it.
struct LiveOption: Sendable {
    /// `-t`; nil when the option has only a long form.
    let short: Character?
    /// `--tty`, without the dashes.
    let long: String
    /// The value's placeholder (`NAME`) for an option that takes one; nil for a flag.
    let placeholder: String?

    init(_ short: Character?, _ long: String, value placeholder: String? = nil) {
        self.short = short
        self.long = long
        self.placeholder = placeholder
    }

    /// The name an option is reported under: the short form when there is one, as docker users type it.
    var shownName: String { short.map { "-\($0)" } ?? "--\(long)" }
}

/// Reads docker-style options from the words after a command, up to its first operand (the container
/// or image): as docker's flag parser (pflag, with interspersed options off) reads them, so `-it`,
/// `-e NAME=VALUE`, `-eNAME=VALUE`, `--env=NAME=VALUE`, `--rm=false` and `--` all mean what they mean
/// to docker, and a word after the first operand is never an option (`run busybox ls -l`).
struct LiveOptionWords {
    /// Each option found, in order, by long name, with its value (flags: "true" or "false").
    var options: [(long: String, value: String)] = []
    /// The operand and everything after it, untouched.
    var operands: [String] = []

    /// Go's strconv.ParseBool spellings, which pflag accepts after `--flag=`.
    private static let trueWords: Set<String> = ["1", "t", "T", "true", "TRUE", "True"]
    private static let falseWords: Set<String> = ["0", "f", "F", "false", "FALSE", "False"]

    /// `usage` ends the error sentences: what the command takes and an example of it.
    init(_ words: [String], command: String, options specs: [LiveOption], usage: String) throws(CommandSyntaxError) {
        /// `shown` is the option as quoted in the sentence, e.g. `'-x' (in '-ix')`.
        func unknown(_ shown: String) -> CommandSyntaxError {
            let accepted = specs.map { spec in
                spec.placeholder.map { "\(spec.shownName) \($0)" } ?? spec.shownName
            }
            return CommandSyntaxError(
                """
                unknown \(command) option \(shown): \(command) takes \(accepted.joined(separator: ", ")) before \
                \(usage)
                """
            )
        }
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" { break }
            // A lone `-` is an operand, as in docker (it would be a container called `-`).
            guard word.hasPrefix("-"), word != "-" else {
                index -= 1
                break
            }
            if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                let attached = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
                guard let spec = specs.first(where: { $0.long == name }) else { throw unknown("'\(word)'") }
                if spec.placeholder == nil {
                    guard let attached else {
                        options.append((spec.long, "true"))
                        continue
                    }
                    guard Self.trueWords.contains(attached) || Self.falseWords.contains(attached) else {
                        throw CommandSyntaxError(
                            "\(command) --\(name) is a flag: give it alone or as --\(name)=true or --\(name)=false")
                    }
                    options.append((spec.long, Self.trueWords.contains(attached) ? "true" : "false"))
                    continue
                }
                if let attached {
                    options.append((spec.long, attached))
                } else {
                    guard index < words.count else { throw Self.missingValue(spec, command: command, usage: usage) }
                    options.append((spec.long, words[index]))
                    index += 1
                }
                continue
            }
            // A cluster of short options: flags until one that takes a value, which takes the rest of
            // the word (after an optional `=`, as pflag reads `-e=A=1`) or else the next word.
            var letters = Substring(word.dropFirst())
            while let letter = letters.first {
                letters = letters.dropFirst()
                guard let spec = specs.first(where: { $0.short == letter }) else {
                    throw unknown(word.count == 2 ? "'\(word)'" : "'-\(letter)' (in '\(word)')")
                }
                guard spec.placeholder != nil else {
                    options.append((spec.long, "true"))
                    continue
                }
                if !letters.isEmpty {
                    options.append((spec.long, String(letters.first == "=" ? letters.dropFirst() : letters)))
                } else {
                    guard index < words.count else { throw Self.missingValue(spec, command: command, usage: usage) }
                    options.append((spec.long, words[index]))
                    index += 1
                }
                break
            }
        }
        operands = Array(words[index...])
    }

    private static func missingValue(_ spec: LiveOption, command: String, usage: String) -> CommandSyntaxError {
        let placeholder = spec.placeholder ?? "VALUE"
        return CommandSyntaxError(
            "\(command) \(spec.shownName) needs a value: \(spec.shownName) \(placeholder) before \(usage)")
    }

    /// Whether flag `long` ended up on (the last occurrence wins, as in docker).
    func flag(_ long: String) -> Bool {
        options.last { $0.long == long }?.value == "true"
    }

    /// The last value given to option `long`.
    func value(_ long: String) -> String? {
        options.last { $0.long == long }?.value
    }

    /// Every value given to a repeatable option `long`, in order.
    func values(_ long: String) -> [String] {
        options.filter { $0.long == long }.map(\.value)
    }
}
