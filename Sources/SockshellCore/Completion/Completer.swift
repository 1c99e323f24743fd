/// Decides what Tab offers for the word at the cursor: commands and methods, API paths from the
/// route catalogue with ids and names learned this session, query parameter names, header names,
/// file names after `@`, view modes, help topics, endpoints, lesson names and docker context names.
public struct Completer {
    private let knowledge: SessionKnowledge
    private let lessonNames: [String]
    /// `connect --context` offers these: the stored contexts and `default`.
    private let contextNames: [String]
    private let listFiles: (String) -> [String]
    /// `explain` offers these (the Advice layer's topics, above this one, are passed in).
    private let explainTopics: [String]

    /// - Parameter listFiles: the entries of a directory, given as typed up to and including its
    ///   last `/` (`""` for the current directory, `"data/"`, `"/var/run/"`); directories end in `/`.
    public init(
        knowledge: SessionKnowledge, lessonNames: [String] = [], contextNames: [String] = [],
        explainTopics: [String] = [], listFiles: @escaping (String) -> [String]
    ) {
        self.explainTopics = explainTopics
        self.knowledge = knowledge
        self.lessonNames = lessonNames
        self.contextNames = contextNames
        self.listFiles = listFiles
    }

    /// Completes the word that ends at `cursor` (a UTF-8 offset into `line`); text after the cursor
    /// is left alone, as readline does.
    public func complete(line: String, cursor: Int) -> Completion {
        let bytes = Array(line.utf8)
        var end = min(max(cursor, 0), bytes.count)
        // A cursor inside a multi-byte character completes up to that character's start.
        while end > 0, end < bytes.count, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        let words = LineWords(bytes[..<end])
        let current = words.current
        let nothing = Completion(replaceFrom: current.start, typed: current.text, offering: [])
        func offer(_ candidates: [String]) -> Completion {
            Completion(replaceFrom: current.start, typed: current.text, offering: candidates)
        }

        guard let command = words.before.first?.value else {
            return offer(commandCandidates(current.text))
        }
        guard let spec = ShellCommandTable.spec(for: command) else {
            guard let routes = routes(forMethod: command) else { return nothing }
            return completeRequest(words, routes: routes, bytes: bytes[..<end])
        }
        let shape = spec.arguments
        if !shape.flags.isEmpty, current.text.hasPrefix("-") {
            return offer(shape.flags.filter { $0.hasPrefix(current.text) })
        }
        let typedArguments = words.before.dropFirst().map(\.value)
        switch shape.kind(at: typedArguments.count, after: typedArguments) {
        case .nothing: return nothing
        case .words(let choices): return offer(choices.filter { $0.hasPrefix(current.text) })
        case .fileOr(let choices):
            return offer(choices.filter { $0.hasPrefix(current.text) } + fileCandidates(prefix: "", path: current.text))
        case .file: return offer(fileCandidates(prefix: "", path: current.text))
        case .viewMode: return offer(ViewMode.allCases.map(\.rawValue).filter { $0.hasPrefix(current.text) })
        case .commandName: return offer(CommandParser.commandNames.filter { $0.hasPrefix(current.text) })
        case .endpoint: return offer(endpointCandidates(current.text))
        case .headerField: return offer(headerFieldCandidates(current.text, quoteByDefault: nil))
        case .headerName: return offer(headerNameCandidates(current.value))
        case .lessonName: return offer(lessonNames.filter { $0.hasPrefix(current.text) })
        case .contextName: return offer(contextNames.filter { $0.hasPrefix(current.text) })
        case .explainTopic: return offer(explainTopics.filter { $0.lowercased().hasPrefix(current.text.lowercased()) })
        case .exportFormat:
            return offer(
                (ExportFormat.allCases.map(\.rawValue) + ExportFileFormat.allCases.map(\.rawValue)).filter {
                    $0.hasPrefix(current.text)
                })
        }
    }

    // MARK: - Requests

    /// The catalogue routes a request word may use: a standard method's own routes; every route for
    /// an upper-case extension method (PROPFIND); nil for a word that is not a method.
    private func routes(forMethod word: String) -> [DockerRoute]? {
        // `#` starts a comment, though it is a token character.
        if CommandParser.commandNames.contains(word) || word.hasPrefix("#") || !HTTPToken.isToken(word) { return nil }
        if CommandParser.standardMethods.contains(word.uppercased()) {
            let own = DockerAPIRoutes.routes(accepting: word)
            // OPTIONS, TRACE, CONNECT, PATCH have no Docker routes: offer every path to explore.
            return own.isEmpty ? DockerAPIRoutes.all : own
        }
        return word == word.uppercased() ? DockerAPIRoutes.all : nil
    }

    /// `METHOD /path [-H 'Name: value']... [BODY | @file]`.
    private func completeRequest(_ words: LineWords, routes: [DockerRoute], bytes: ArraySlice<UInt8>) -> Completion {
        let current = words.current
        let all = words.all
        if all.count == 2 {
            let typed = current.text
            let candidates =
                typed.contains("?") ? queryCandidates(typed, routes: routes) : pathCandidates(typed, routes: routes)
            return Completion(replaceFrom: current.start, typed: typed, offering: candidates)
        }
        // After the target: options, each -H taking the next word, then the body.
        var expectsHeader = false
        for position in 2..<all.count {
            let word = all[position]
            if expectsHeader {
                if position == all.count - 1 {
                    return Completion(
                        replaceFrom: word.start, typed: word.text,
                        offering: headerFieldCandidates(word.text, quoteByDefault: "'"))
                }
                expectsHeader = false
            } else if word.value == "-H" || word.value == "--header" {
                expectsHeader = true
            } else if !word.text.hasPrefix("-") {
                // The body: everything from here is one thing, `@path` even with spaces in the path.
                guard word.text.hasPrefix("@") else { break }
                let path = String(decoding: bytes[(bytes.startIndex + word.start + 1)...], as: UTF8.self)
                return Completion(
                    replaceFrom: word.start, typed: "@" + path, offering: fileCandidates(prefix: "@", path: path))
            }
        }
        return Completion(replaceFrom: current.start, typed: current.text, offering: [])
    }

    /// Path completion one segment at a time: literal segments from the routes, and for a
    /// placeholder the ids and names learned this session. `/v1.41/...` completes the same way.
    private func pathCandidates(_ typedText: String, routes: [DockerRoute]) -> [String] {
        let typed = typedText.isEmpty ? "/" : typedText
        guard typed.hasPrefix("/") else { return [] }
        var parts = typed.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        let partial = parts.removeLast()
        var complete = parts[...]
        if let first = complete.first, TargetComponents.isVersionSegment(first) {
            complete = complete.dropFirst()
        } else if complete.isEmpty, TargetComponents.isVersionSegment(partial) {
            let version = "v" + DockerAPIRoutes.apiVersion
            return version.hasPrefix(partial) ? ["/" + version + "/"] : []
        }
        let completeSegments = complete.map(String.init)
        let beforePartial = String(typed[..<partial.startIndex])

        var candidates = Set<String>()
        for route in routes {
            for state in route.matchStates(after: completeSegments) {
                switch state {
                case .at(let position):
                    guard position < route.segments.count else { continue }
                    let suffix = position + 1 < route.segments.count ? "/" : ""
                    switch route.segments[position] {
                    case .literal(let text):
                        if text.hasPrefix(partial) { candidates.insert(beforePartial + text + suffix) }
                    case .placeholder(let kind):
                        for value in knownValues(kind) where value.hasPrefix(partial) {
                            candidates.insert(beforePartial + value + suffix)
                        }
                    }
                case .inside(let position, let first):
                    // An image reference with slashes: match the whole reference typed so far.
                    guard case .placeholder(let kind) = route.segments[position] else { continue }
                    let start = complete[complete.startIndex + first].startIndex
                    let soFar = typed[start...]
                    let suffix = position + 1 < route.segments.count ? "/" : ""
                    for value in knownValues(kind) where value.hasPrefix(soFar) {
                        candidates.insert(String(typed[..<start]) + value + suffix)
                    }
                }
            }
        }
        return Array(candidates)
    }

    /// Query parameter names of the route the path is, with `=`; names already given are left out.
    private func queryCandidates(_ typed: String, routes: [DockerRoute]) -> [String] {
        guard let mark = typed.firstIndex(of: "?") else { return [] }
        let path = TargetComponents(String(typed[..<mark]))
        let query = typed[typed.index(after: mark)...]
        let currentStart = query.lastIndex(of: "&").map { typed.index(after: $0) } ?? query.startIndex
        let current = typed[currentStart...]
        guard !current.contains("=") else { return [] }
        let given = Set(
            query[..<currentStart].split(separator: "&").map {
                String($0.split(separator: "=", maxSplits: 1).first ?? "")
            })
        let before = String(typed[..<currentStart])
        var candidates: [String] = []
        for route in DockerAPIRoutes.routes(matching: path.segments, among: routes) {
            for name in route.queryParameters where !given.contains(name) && Self.hasPrefixIgnoringCase(name, current) {
                candidates.append(before + name + "=")
            }
        }
        return candidates
    }

    private func knownValues(_ kind: ResourceKind?) -> [String] {
        guard let kind else { return [] }
        // A name with a slash would read as two segments; only image and plugin references have them.
        return knowledge.candidates(for: kind).filter { kind.namesMayContainSlash || !$0.contains("/") }
    }

    // MARK: - Other words

    /// The first word: the shell's commands as they are spelled, and methods in any case (`ge` -> GET).
    private func commandCandidates(_ typed: String) -> [String] {
        CommandParser.commandNames.filter { $0.hasPrefix(typed) }
            + CommandParser.standardMethods.filter { $0.hasPrefix(typed.uppercased()) }
    }

    /// `Name: ` for `header` and `-H`. A `-H` value has a space in it, so it gets an opening quote
    /// unless the user typed one; `header` takes the rest of the line and needs none.
    private func headerFieldCandidates(_ typed: String, quoteByDefault: String?) -> [String] {
        var quote = quoteByDefault ?? ""
        var name = Substring(typed)
        if let first = typed.first, first == "'" || first == "\"" {
            quote = String(first)
            name = name.dropFirst()
        }
        return headerNameCandidates(String(name)).map { quote + $0 + ": " }
    }

    /// Header names match in any case, as HTTP compares them.
    private func headerNameCandidates(_ typed: String) -> [String] {
        HTTPHeaderNames.all.filter { Self.hasPrefixIgnoringCase($0, typed) }
    }

    /// `unix://` and `tcp://`, then socket paths as files.
    private func endpointCandidates(_ typed: String) -> [String] {
        if typed.hasPrefix("unix://") {
            return fileCandidates(prefix: "unix://", path: String(typed.dropFirst("unix://".count)))
        }
        if typed.hasPrefix("/") {
            return fileCandidates(prefix: "", path: typed)
        }
        return ["unix://", "tcp://"].filter { $0.hasPrefix(typed) }
    }

    /// Files in the typed directory whose names start with the typed rest; hidden ones only when
    /// the rest starts with a dot, as in a shell.
    private func fileCandidates(prefix: String, path: String) -> [String] {
        let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
        let namePrefix = String(path.dropFirst(directory.count))
        return listFiles(directory)
            .filter { $0.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.hasPrefix(".")) }
            .map { prefix + directory + $0 }
    }

    private static func hasPrefixIgnoringCase(_ text: String, _ prefix: some StringProtocol) -> Bool {
        text.lowercased().hasPrefix(prefix.lowercased())
    }
}
