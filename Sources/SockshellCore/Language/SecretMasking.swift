/// Hides credentials in typed lines before they are stored (history now, transcripts later):
/// the header name stays, its value becomes `***`.
public enum SecretMasking {
    /// Headers whose values are credentials (docker-api-notes.md, Security).
    public static let secretHeaders = ["Authorization", "Proxy-Authorization", "X-Registry-Auth", "X-Registry-Config"]
    public static let mask = "***"

    /// The line with every secret header value replaced, in `-H 'Name: value'`, `-H Name:value`
    /// and `header Name: value` forms.
    public static func maskLine(_ line: String) -> String {
        var scalars = Array(line.unicodeScalars)
        let isHeaderCommand = line.trimmingWhitespace().hasPrefix("header ")
        var searchFrom = 0
        while let found = nextSecret(in: scalars, from: searchFrom) {
            var valueStart = found.colonIndex + 1
            while valueStart < scalars.count, scalars[valueStart] == " " || scalars[valueStart] == "\t" { valueStart += 1 }
            let quote: Unicode.Scalar? = found.nameStart > 0 && (scalars[found.nameStart - 1] == "'" || scalars[found.nameStart - 1] == "\"") ? scalars[found.nameStart - 1] : nil
            var valueEnd = valueStart
            if let quote {
                while valueEnd < scalars.count, scalars[valueEnd] != quote { valueEnd += 1 }
            } else if isHeaderCommand {
                valueEnd = scalars.count
            } else {
                while valueEnd < scalars.count, scalars[valueEnd] != " ", scalars[valueEnd] != "\t" { valueEnd += 1 }
            }
            guard valueEnd > valueStart else {
                searchFrom = found.colonIndex + 1
                continue
            }
            scalars.replaceSubrange(valueStart..<valueEnd, with: mask.unicodeScalars)
            searchFrom = valueStart + mask.unicodeScalars.count
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    private static func nextSecret(in scalars: [Unicode.Scalar], from start: Int) -> (nameStart: Int, colonIndex: Int)? {
        var best: (Int, Int)?
        for name in secretHeaders {
            let pattern = Array(name.lowercased().unicodeScalars) + [":"]
            guard pattern.count <= scalars.count else { continue }
            var index = start
            while index + pattern.count <= scalars.count {
                let candidate = scalars[index..<index + pattern.count].map { $0.properties.lowercaseMapping.unicodeScalars.first ?? $0 }
                // A header name starts a word: after a space, a quote, -H, or the line start.
                let boundary = index == 0 || [" ", "'", "\"", "H", "\t"].contains(scalars[index - 1])
                if boundary && candidate == pattern {
                    if best.map({ index < $0.0 }) ?? true { best = (index, index + pattern.count - 1) }
                    break
                }
                index += 1
            }
        }
        return best.map { (nameStart: $0.0, colonIndex: $0.1) }
    }
}
