/// The text form of a request that `edit` opens in $EDITOR, and the bytes made from what the
/// user saved: line ends become LF for editing and CRLF again on the wire, and Content-Length is
/// made to match the edited body (a stale length would hang or truncate the exchange).
public enum RequestEditing {
    /// The request bytes as editable text: head lines with LF, a blank line, the body.
    public static func editableText(from bytes: [UInt8]) -> String {
        let split = MessageHead.split(bytes)
        guard let blank = split.blankLine else {
            return String(decoding: bytes, as: UTF8.self).replacing("\r\n", with: "\n")
        }
        let head = String(decoding: bytes[..<(split.lines.last?.upperBound ?? blank.lowerBound)], as: UTF8.self)
            .replacing("\r\n", with: "\n")
        let body = String(decoding: bytes[blank.upperBound...], as: UTF8.self)
        return head + "\n\n" + body + (body.hasSuffix("\n") || body.isEmpty ? "" : "\n")
    }

    /// Parses saved text back into request bytes.
    public static func request(fromEdited text: String) throws(CommandSyntaxError) -> EncodedRequest {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        while lines.first?.trimmingWhitespace().isEmpty == true { lines.removeFirst() }
        guard let requestLine = lines.first, !requestLine.trimmingWhitespace().isEmpty else {
            throw CommandSyntaxError("the edited request is empty: nothing was sent")
        }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 2, HTTPToken.isToken(String(parts[0])) else {
            throw CommandSyntaxError(
                "the edited request's first line '\(requestLine)' is not METHOD /target HTTP/1.1: nothing was sent")
        }
        var headers: [String] = []
        var index = 1
        while index < lines.count, !lines[index].isEmpty {
            _ = try HeaderField(typed: lines[index])
            headers.append(lines[index])
            index += 1
        }
        var body = index < lines.count ? lines[(index + 1)...].joined(separator: "\n") : ""
        // Editors end files with a newline the user did not mean as body.
        if body.hasSuffix("\n") { body.removeLast() }
        let bodyBytes = Array(body.utf8)
        let hasLength = headers.contains { HeaderField.line($0, isNamed: "Content-Length") }
        let chunked = headers.contains { HeaderField.line($0, isNamed: "Transfer-Encoding") }
        if hasLength {
            headers = headers.map {
                HeaderField.line($0, isNamed: "Content-Length") ? "Content-Length: \(bodyBytes.count)" : $0
            }
        } else if !bodyBytes.isEmpty && !chunked {
            headers.append("Content-Length: \(bodyBytes.count)")
        }
        var bytes = Array((requestLine + "\r\n").utf8)
        for header in headers { bytes += Array((header + "\r\n").utf8) }
        bytes += [13, 10] + bodyBytes
        return EncodedRequest(method: String(parts[0]), bytes: bytes)
    }
}
