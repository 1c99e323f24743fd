/// Hides credentials in a typed line before it is stored (history, recordings, `export script`):
/// the header name stays, its value is masked as `SecretPolicy` masks it in the bytes sent, so
/// `Authorization: Bearer s3cret` reads `Authorization: Bearer ***` in every place it is written.
public enum TypedLineMasking {
    /// The line with every secret header value masked, in `-H 'Name: value'`, `-H Name:value`
    /// and `header Name: value` forms.
    public static func mask(_ line: String) -> String {
        // Every secret is written `Name:`; a line with no colon (most requests) has none to find.
        guard line.utf8.contains(UInt8(ascii: ":")) else { return line }
        var scalars = Array(line.unicodeScalars)
        // Lower-cased once (one scalar for one, so indices line up) for case-insensitive search.
        let folded = scalars.map { scalar -> Unicode.Scalar in
            scalar.isASCII
                ? Unicode.Scalar(
                    UInt8(ascii: "A") <= scalar.value && scalar.value <= UInt8(ascii: "Z")
                        ? UInt8(scalar.value) + 32 : UInt8(scalar.value)) : scalar
        }
        let isHeaderCommand = line.trimmingWhitespace().hasPrefix("header ")
        var searchFrom = 0
        var shift = 0  // how much masking has shortened or lengthened `scalars` against `folded`
        while let found = nextSecret(in: folded, from: searchFrom) {
            var valueStart = found.colonIndex + 1
            while valueStart < folded.count, folded[valueStart] == " " || folded[valueStart] == "\t" { valueStart += 1 }
            let quote: Unicode.Scalar? =
                found.nameStart > 0 && (folded[found.nameStart - 1] == "'" || folded[found.nameStart - 1] == "\"")
                ? folded[found.nameStart - 1] : nil
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
            let range = (valueStart + shift)..<(valueEnd + shift)
            var value = String.UnicodeScalarView()
            value.append(contentsOf: scalars[range])
            let masked = SecretPolicy.maskHeaderValue(name: found.name, value: String(value)).unicodeScalars
            scalars.replaceSubrange(range, with: masked)
            shift += masked.count - (valueEnd - valueStart)
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    private static let foldedNames: [(name: String, folded: [Unicode.Scalar])] = SecretPolicy.secretHeaders.map {
        ($0, Array($0.lowercased().unicodeScalars) + [":"])
    }

    private static func nextSecret(
        in folded: [Unicode.Scalar], from start: Int
    ) -> (name: String, nameStart: Int, colonIndex: Int)? {
        var index = start
        while index < folded.count {
            // Every secret header name starts with a, p or x: skip the rest cheaply.
            let first = folded[index]
            if first == "a" || first == "p" || first == "x" {
                let boundary = index == 0 || [" ", "'", "\"", "H", "h", "\t"].contains(folded[index - 1])
                if boundary {
                    for (name, text) in foldedNames
                    where index + text.count <= folded.count && folded[index..<index + text.count].elementsEqual(text) {
                        return (name, index, index + text.count - 1)
                    }
                }
            }
            index += 1
        }
        return nil
    }
}
