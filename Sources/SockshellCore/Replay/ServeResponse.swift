/// The responses `sockshell serve` makes itself, where the recording has none: shaped like
/// dockerd's errors (`{"message":"..."}` and a newline, JSON, exact Content-Length).
public enum ServeResponse {
    /// The interim answer to `Expect: 100-continue`, as Go's server sends before reading a body.
    public static let continueInterim = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// 404 for a request the recording has no exchange for; the connection may stay open.
    public static func notInRecording(method: String, target: String, recording: String) -> [UInt8] {
        error(
            status: 404, message: "not in the recording: \(method) \(target) (sockshell serve \(recording))",
            closes: false)
    }

    /// The answer to a request that cannot be read; the connection closes after it.
    public static func unreadable(_ problem: RequestReadError) -> [UInt8] {
        error(status: problem.status, message: problem.message, closes: true)
    }

    /// `{"message":"..."}` + LF with a correct Content-Length.
    static func error(status: Int, message: String, closes: Bool) -> [UInt8] {
        let body = Array("{\"message\":\"\(JSONStringEscaping.escaped(message))\"}\n".utf8)
        var head = "HTTP/1.1 \(status) \(reason(status))\r\nContent-Type: application/json\r\n"
        if closes { head += "Connection: close\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        return Array(head.utf8) + body
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 408: return "Request Timeout"
        case 413: return "Content Too Large"
        case 431: return "Request Header Fields Too Large"
        case 505: return "HTTP Version Not Supported"
        default: return "Error"
        }
    }
}
