import Foundation
import Testing

/// Checks the layering written at the top of `Sources/SockshellCore/SockshellCore.swift`: no file names a
/// type declared at the top level of a folder listed after its own. A plain text scan (comments and string
/// literals removed, then capitalised words looked up), so it is simple to trust and to fix.
struct LayeringTests {
    /// Type names a lower folder may still use from a higher one, each with why (see SockshellCore.swift).
    /// Empty: every folder uses only the ones below it.
    private static let knownExceptions: Set<String> = []

    private static let core = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/SockshellCore")

    @Test func noFolderNamesATypeOfAFolderAboveIt() throws {
        let layers = try Self.layers()
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.core.path).filter { name in
            var isDirectory: ObjCBool = false
            let path = Self.core.appendingPathComponent(name).path
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
        #expect(Set(folders) == Set(layers), "every folder of SockshellCore is a layer in SockshellCore.swift's list")

        var declaredIn: [String: String] = [:]
        var sources: [(folder: String, file: String, text: String)] = []
        for folder in layers {
            for file in try Self.swiftFiles(in: folder) {
                let text = Self.code(try String(contentsOf: file, encoding: .utf8))
                sources.append((folder, file.lastPathComponent, text))
                for name in Self.topLevelTypes(in: text) { declaredIn[name] = declaredIn[name] ?? folder }
            }
        }
        #expect(declaredIn["HTTPFields"] == "Basics", "the scan finds declarations")

        var found: [String] = []
        var used: Set<String> = []
        for source in sources {
            let rank = layers.firstIndex(of: source.folder) ?? 0
            for word in Self.capitalisedWords(in: source.text) {
                guard let home = declaredIn[word], let homeRank = layers.firstIndex(of: home), homeRank > rank else {
                    continue
                }
                let edge = "\(source.folder) -> \(home): \(word)"
                if Self.knownExceptions.contains(edge) {
                    used.insert(edge)
                } else {
                    found.append("\(source.folder)/\(source.file) names \(word), declared in \(home), a layer above it")
                }
            }
        }
        #expect(found.isEmpty, "\(found.sorted().joined(separator: "\n"))")
        #expect(used == Self.knownExceptions, "an exception no longer needed is taken off the list")
    }

    /// The folder names in the numbered list of SockshellCore.swift's doc comment, bottom first.
    private static func layers() throws -> [String] {
        let text = try String(contentsOf: core.appendingPathComponent("SockshellCore.swift"), encoding: .utf8)
        let layers = text.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard words.count > 2, words[0] == "///", words[1].last == ".", Int(words[1].dropLast()) != nil else {
                return nil
            }
            return words[2].hasSuffix(":") ? String(words[2].dropLast()) : nil
        }
        #expect(layers.count > 5, "SockshellCore.swift lists the layers as '/// N. Folder: ...'")
        return layers
    }

    private static func swiftFiles(in folder: String) throws -> [URL] {
        let directory = core.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            return []
        }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }

    /// Top-level `struct`, `enum`, `class`, `protocol`, `actor` and `typealias` names (no indentation).
    private static func topLevelTypes(in text: String) -> [String] {
        let modifiers: Set<Substring> = [
            "public", "internal", "fileprivate", "private", "final", "indirect", "package",
        ]
        let kinds: Set<Substring> = ["struct", "enum", "class", "protocol", "actor", "typealias"]
        return text.split(separator: "\n").compactMap { line in
            guard let first = line.first, first != " ", first != "\t" else { return nil }
            let words = line.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "<" || $0 == "{" || $0 == "=" })
            guard let kind = words.firstIndex(where: { !modifiers.contains($0) }), kinds.contains(words[kind]),
                kind + 1 < words.count
            else { return nil }
            return String(words[kind + 1])
        }
    }

    private static func capitalisedWords(in text: String) -> Set<String> {
        var words: Set<String> = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber || character == "_" {
                current.append(character)
            } else {
                if let first = current.first, first.isUppercase { words.insert(current) }
                current = ""
            }
        }
        return words
    }

    /// The text with comments and string literals blanked (interpolations kept), so prose naming a type
    /// does not count.
    private static func code(_ text: String) -> String {
        let characters = Array(text)
        var out: [Character] = []
        var index = 0
        func starts(_ literal: String, at position: Int) -> Bool {
            let wanted = Array(literal)
            guard position + wanted.count <= characters.count else { return false }
            return Array(characters[position..<(position + wanted.count)]) == wanted
        }
        /// Copies an interpolation `\(...)` whose `(` is at `index`, up to its balancing `)`.
        func copyInterpolation() {
            var depth = 0
            while index < characters.count {
                let character = characters[index]
                out.append(character)
                index += 1
                if character == "(" { depth += 1 }
                if character == ")" {
                    depth -= 1
                    if depth == 0 { return }
                }
            }
        }
        while index < characters.count {
            if starts("//", at: index) {
                while index < characters.count, characters[index] != "\n" { index += 1 }
            } else if starts("/*", at: index) {
                while index < characters.count, !starts("*/", at: index) { index += 1 }
                index += 2
            } else if starts("#\"", at: index) {
                // A raw string: no escapes; it ends at `"#`.
                index += 2
                while index < characters.count, !starts("\"#", at: index) { index += 1 }
                index += 2
            } else if starts("\"\"\"", at: index) || characters[index] == "\"" {
                let closing = starts("\"\"\"", at: index) ? "\"\"\"" : "\""
                index += closing.count
                while index < characters.count, !starts(closing, at: index) {
                    if starts("\\(", at: index) {
                        index += 1
                        copyInterpolation()
                    } else {
                        index += characters[index] == "\\" ? 2 : 1
                    }
                }
                index += closing.count
                out.append(" ")
            } else {
                out.append(characters[index])
                index += 1
            }
        }
        return String(out)
    }
}
