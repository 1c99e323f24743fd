import Foundation

/// A script written to a new temporary file, for running sockshell on it.
public enum ScriptFile {
    /// Writes `text` to a fresh `.sks` file and returns its path.
    public static func write(_ text: String, prefix: String = "sockshell-script") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(prefix)-\(UUID().uuidString.prefix(8)).sks"
        ).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
