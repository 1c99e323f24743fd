import SockshellCore

/// The lesson files in a folder (`lessons/` of a checkout): the English ones at the top, each
/// translation in a folder named by its language code (`lessons/ko/NAME.md`), and the suggested
/// order in `ORDER`.
public enum LessonLibrary {
    /// Lesson names, in the suggested order (LessonOrder): every `*.md` but the folder's README.
    public static func names(in directory: String) -> [String] {
        let names = FolderEntries.names(directory).filter {
            $0.hasSuffix(".md") && $0 != "README.md" && !$0.hasPrefix(".")
        }.map { String($0.dropLast(3)) }
        return LessonOrder.arranged(names, order: order(in: directory))
    }

    /// The names `ORDER` lists (none when the folder has no such file).
    public static func order(in directory: String) -> [String] {
        guard case .success(let bytes) = BodyFile.read(directory + "/" + LessonOrder.fileName) else { return [] }
        return LessonOrder.names(in: String(decoding: bytes, as: UTF8.self))
    }

    public static func load(_ name: String, from directory: String) -> Result<Lesson, LessonFormatError> {
        load(name, path: directory + "/" + name + ".md")
    }

    /// The lesson in `language`, else the English file; `untranslated` says the English one was read
    /// for another language (the learner is told once).
    public static func load(_ name: String, from directory: String, language: ShellLanguage)
        -> (lesson: Result<Lesson, LessonFormatError>, untranslated: Bool)
    {
        guard language != .english else { return (load(name, from: directory), false) }
        let translated = directory + "/" + language.code + "/" + name + ".md"
        guard case .success = BodyFile.read(translated) else { return (load(name, from: directory), true) }
        return (load(name, path: translated), false)
    }

    private static func load(_ name: String, path: String) -> Result<Lesson, LessonFormatError> {
        guard case .success(let bytes) = BodyFile.read(path) else {
            return .failure(LessonFormatError(file: path, line: 1, "cannot read the lesson file"))
        }
        do {
            return .success(try LessonParser.parse(String(decoding: bytes, as: UTF8.self), name: name, file: path))
        } catch {
            return .failure(error)
        }
    }

    /// Where lessons are: $SOCKSHELL_LESSONS, else `lessons/` of the checkout the binary was built
    /// in (`.build/release/sockshell` sits two folders below it), else `./lessons`.
    public static func locate(environment: [String: String], executablePath: String) -> String? {
        var candidates: [String] = []
        if let explicit = environment["SOCKSHELL_LESSONS"], !explicit.isEmpty { candidates.append(explicit) }
        var folder = executablePath
        for _ in 0..<4 {
            guard let slash = folder.lastIndex(of: "/") else { break }
            folder = String(folder[..<slash])
            candidates.append(folder + "/lessons")
            candidates.append(folder + "/share/sockshell/lessons")
        }
        candidates.append("lessons")
        return candidates.first { !names(in: $0).isEmpty }
    }
}
