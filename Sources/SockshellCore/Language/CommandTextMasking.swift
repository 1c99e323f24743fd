/// Hides credentials in a command as typed, before it is stored in a recording or `export script`:
/// secret header values (as history does), and the JSON body of a typed `POST /auth`.
public enum CommandTextMasking {
    public static func mask(_ text: String) -> String {
        let masked = SecretMasking.maskLine(text)
        guard case .complete(.request(let request))? = try? CommandParser.parse(text), request.method == "POST",
            RequestSecretMasking.isAuthRequest(Array("POST \(request.target) HTTP/1.1".utf8)[...]),
            case .inline(let body) = request.body
        else { return masked }
        let bodyText = String(decoding: body, as: UTF8.self)
        // The body is the rest of the command, exactly as typed.
        guard masked.hasSuffix(bodyText) else { return masked }
        let hidden = (try? JSONValue.parse(body)).map { JSONQuery.render(RequestSecretMasking.maskValues($0)) } ?? SecretMasking.mask
        return String(masked.dropLast(bodyText.count)) + hidden
    }
}
