/// A `.env` file as `{{$dotenv NAME}}` reads it: `NAME=value` lines (an `export ` in front allowed,
/// a value in matching quotes unquoted), blank lines and `#` comments skipped.
public enum DotenvFile {
    public static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var entry = line.trimmingWhitespace()
            if entry.isEmpty || entry.hasPrefix("#") { continue }
            if entry.hasPrefix("export ") { entry = String(entry.dropFirst("export ".count)) }
            guard let equals = entry.firstIndex(of: "=") else { continue }
            let name = String(entry[..<equals]).trimmingWhitespace()
            var value = String(entry[entry.index(after: equals)...]).trimmingWhitespace()
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = String(value.dropFirst().dropLast())
            }
            values[name] = value
        }
        return values
    }
}
