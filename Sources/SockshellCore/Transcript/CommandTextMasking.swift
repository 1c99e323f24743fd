/// Hides credentials in a command as typed, before it is stored in a recording or `export script`:
/// secret header values (as history does), the JSON body of a typed or pasted `POST /auth`, and
/// the same inside the bytes of a `raw` request.
public enum CommandTextMasking {
    public static func mask(_ text: String) -> String {
        guard case .complete(let command)? = try? CommandParser.parse(text) else { return TypedLineMasking.mask(text) }
        return mask(text, as: command)
    }

    /// `mask(text)` for a line already parsed as `command`: a session logs every command it runs,
    /// and parsing each line a second time here was a tenth of a keep-alive ping's time.
    public static func mask(_ text: String, as command: Command) -> String {
        let masked = TypedLineMasking.mask(text)
        switch command {
        case .raw(let bytes):
            let hidden = RequestSecretMasking.mask(bytes)
            return hidden == bytes ? masked : "raw " + TranscriptEscaping.lines(for: hidden[...]).joined()
        case .request(let request):
            guard request.method == "POST", isAuth(request.target), case .inline(let body) = request.body else {
                return masked
            }
            var line = masked
            var suffix = ""
            if request.background, let ampersand = line.lastIndex(of: "&") {
                suffix = String(line[ampersand...])
                line = String(line[..<ampersand]).trimmingWhitespace()
                suffix = " " + suffix
            }
            let bodyText = String(decoding: body, as: UTF8.self)
            // The body is the rest of the command, exactly as typed.
            guard line.hasSuffix(bodyText) else { return maskJSONObjects(in: masked) }
            let hidden = SecretPolicy.maskJSONText(body)
            return String(line.dropLast(bodyText.count)) + hidden + suffix
        case .curl(let curl):
            return isAuth(curl.target) ? maskJSONObjects(in: masked) : masked
        default:
            return masked
        }
    }

    private static func isAuth(_ target: String) -> Bool {
        SecretPolicy.isAuthRequest(method: "POST", target: target)
    }

    /// Every JSON object written in the line (a curl `-d '{...}'`) with its values masked.
    static func maskJSONObjects(in line: String) -> String {
        var out = ""
        var rest = Substring(line)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            var depth = 0
            var end: Substring.Index?
            var inString = false
            var escaped = false
            var index = open
            while index < rest.endIndex {
                let character = rest[index]
                if inString {
                    if escaped {
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        inString = false
                    }
                } else if character == "\"" {
                    inString = true
                } else if character == "{" {
                    depth += 1
                } else if character == "}" {
                    depth -= 1
                    if depth == 0 {
                        end = rest.index(after: index)
                        break
                    }
                }
                index = rest.index(after: index)
            }
            guard let end else {
                out += SecretPolicy.mask
                return out
            }
            let object = rest[open..<end]
            out += SecretPolicy.maskJSONText(Array(object.utf8))
            rest = rest[end...]
        }
        return out + rest
    }
}
