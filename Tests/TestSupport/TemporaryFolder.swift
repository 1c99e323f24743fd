import Foundation

/// A new, empty folder under the temporary directory for one test, named for its purpose so a
/// folder left behind says which test made it.
public enum TemporaryFolder {
    public static func make(_ purpose: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sockshell-\(purpose)-\(UUID().uuidString.prefix(8))"
        ).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
