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
        // Lower-cased once (one scalar for one, so indices line up) for case-insensitive search.
        let folded = scalars.map { scalar -> Unicode.Scalar in
            scalar.isASCII ? Unicode.Scalar(UInt8(ascii: "A") <= scalar.value && scalar.value <= UInt8(ascii: "Z") ? UInt8(scalar.value) + 32 : UInt8(scalar.value)) : scalar
        }
        let isHeaderCommand = line.trimmingWhitespace().hasPrefix("header ")
        var searchFrom = 0
        var shift = 0  // how much masking has shortened or lengthened `scalars` against `folded`
        while let found = nextSecret(in: folded, from: searchFrom) {
            var valueStart = found.colonIndex + 1
            while valueStart < folded.count, folded[valueStart] == " " || folded[valueStart] == "\t" { valueStart += 1 }
            let quote: Unicode.Scalar? = found.nameStart > 0 && (folded[found.nameStart - 1] == "'" || folded[found.nameStart - 1] == "\"") ? folded[found.nameStart - 1] : nil
            var valueEnd = valueStart
            if let quote {
                while valueEnd < folded.count, folded[valueEnd] != quote { valueEnd += 1 }
            } else if isHeaderCommand {
                valueEnd = folded.count
            } else {
                while valueEnd < folded.count, folded[valueEnd] != " ", folded[valueEnd] != "\t" { valueEnd += 1 }
            }
            searchFrom = max(valueEnd, found.colonIndex + 1)
            guard valueEnd > valueStart else { continue }
            scalars.replaceSubrange((valueStart + shift)..<(valueEnd + shift), with: mask.unicodeScalars)
            shift += mask.unicodeScalars.count - (valueEnd - valueStart)
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    private static let foldedNames: [[Unicode.Scalar]] = secretHeaders.map { Array($0.lowercased().unicodeScalars) + [":"] }

    private static func nextSecret(in folded: [Unicode.Scalar], from start: Int) -> (nameStart: Int, colonIndex: Int)? {
        var index = start
        while index < folded.count {
            // Every secret header name starts with a, p or x: skip the rest cheaply.
            let first = folded[index]
            if first == "a" || first == "p" || first == "x" {
                let boundary = index == 0 || [" ", "'", "\"", "H", "h", "\t"].contains(folded[index - 1])
                if boundary {
                    for name in foldedNames where index + name.count <= folded.count && folded[index..<index + name.count].elementsEqual(name) {
                        return (index, index + name.count - 1)
                    }
                }
            }
            index += 1
        }
        return nil
    }
}
