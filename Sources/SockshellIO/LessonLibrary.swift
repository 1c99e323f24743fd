import SockshellCore

/// The lesson files in a folder (`lessons/` of a checkout).
public enum LessonLibrary {
    /// Lesson names: every `*.md` but the folder's README.
    public static func names(in directory: String) -> [String] {
        let names = FolderEntries.names(directory).filter {
            $0.hasSuffix(".md") && $0 != "README.md" && !$0.hasPrefix(".")
        }.map { String($0.dropLast(3)) }
        return names.sorted()
    }

    public static func load(_ name: String, from directory: String) -> Result<Lesson, LessonFormatError> {
        let path = directory + "/" + name + ".md"
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
