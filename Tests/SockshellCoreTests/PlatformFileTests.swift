import Foundation
import Testing

/// libc is named in one file per module that needs it (Sources/SockshellIO/Platform.swift, and
/// Tests/TestSupport/Platform.swift for the test helpers), so a port starts there and nowhere else.
struct PlatformFileTests {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func onlyThePlatformFilesImportTheCLibrary() throws {
        var found: [String] = []
        for folder in ["Sources", "Tests"] {
            let directory = Self.root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let file as URL in walker where file.pathExtension == "swift" {
                guard file.lastPathComponent != "Platform.swift" else { continue }
                let text = try String(contentsOf: file, encoding: .utf8)
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = line.trimmingCharacters(in: .whitespaces)
                    let words = code.split(separator: " ")
                    let namesLibc = words.count > 1 && ["Glibc", "Darwin", "canImport(Darwin)"].contains(words[1])
                    if namesLibc, ["import", "#if", "#elseif"].contains(words[0]) {
                        found.append("\(file.path.dropFirst(Self.root.path.count + 1)):\(number + 1): \(code)")
                    }
                }
            }
        }
        let list = found.joined(separator: "\n")
        #expect(found.isEmpty, "libc comes from Platform.swift (SockshellIO's, or TestSupport's for tests):\n\(list)")
    }
}
