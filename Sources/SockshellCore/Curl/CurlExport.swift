/// Writes a recorded request back out as a curl command (or a `.http` block) that sends the same bytes.
public enum CurlExport {
    /// A shell command that sends `requestBytes` to `endpoint` byte for byte: a curl command when
    /// curl can produce exactly these bytes, else `printf ... | socat` with a comment saying why.
    public static func command(for requestBytes: [UInt8], endpoint: Endpoint) -> String {
        guard let target = CurlTarget(endpoint) else {
            return fallback(requestBytes, endpoint: endpoint, reason: "curl cannot reach a daemon through ssh")
        }
        switch RecordedRequest.parse(requestBytes) {
        case .success(let request):
            if let reason = request.curlCannotSend() {
                return fallback(requestBytes, endpoint: endpoint, reason: reason)
            }
            return curlCommand(request, target: target)
        case .failure(let problem):
            return fallback(requestBytes, endpoint: endpoint, reason: problem.reason)
        }
    }

    /// The request as a `.http` file block (JetBrains HTTP Client, VS Code REST Client):
    /// `METHOD http://HOST/path`, the headers but Host, a blank line, the body, then `###`.
    public static func httpFileBlock(for requestBytes: [UInt8]) -> String {
        guard case .success(let request) = RecordedRequest.parse(requestBytes) else {
            let text = String(decoding: requestBytes, as: UTF8.self)
            return "# sockshell: these bytes are not an HTTP/1.1 request a .http file can hold:\n"
                + text.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }.joined(
                    separator: "\n")
                + "\n###\n"
        }
        let host = request.host ?? "localhost"
        // The version only when it is not the format's default, as the format's own examples write it.
        let version = request.version == "HTTP/1.1" ? "" : " \(request.version)"
        var lines = ["\(request.method) http://\(host)\(request.target)\(version)"]
        for line in request.headerLines where !HeaderField.line(line, isNamed: "Host") {
            lines.append(line)
        }
        var text = lines.joined(separator: "\n") + "\n"
        if !request.body.isEmpty {
            // One line break after the body, which a reader of the file takes as the file's (a body
            // ending in a line break gets a blank line), so the body reads back byte for byte.
            text += "\n" + String(decoding: request.body, as: UTF8.self) + "\n"
        }
        return text + "###\n"
    }

    /// Where curl sends a request: a unix socket, or a URL's scheme and authority with its TLS options.
    private struct CurlTarget {
        var arguments: [String]
        var scheme = "http"
        /// Nil for a socket: the request's own Host (when it can be a URL's authority) or localhost.
        var authority: String?

        /// Nil for an endpoint curl cannot reach (ssh).
        init?(_ endpoint: Endpoint) {
            func bracketed(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }
            switch endpoint {
            case .unix(let path):
                arguments = ["--unix-socket", ShellWord.quote(Array(path.utf8))]
            case .tcp(let host, let port):
                arguments = []
                authority = "\(bracketed(host)):\(port)"
            case .tls(let tls):
                arguments = CurlExport.tlsArguments(tls)
                scheme = "https"
                authority = "\(bracketed(tls.host)):\(tls.port)"
            case .ssh:
                return nil
            }
        }
    }

    private static func curlCommand(_ request: RecordedRequest, target: CurlTarget) -> String {
        var arguments = ["curl", request.version == "HTTP/1.0" ? "--http1.0" : "--http1.1"] + target.arguments
        let urlAuthority = target.authority ?? request.host.flatMap { isURLAuthority($0) ? $0 : nil } ?? "localhost"
        let hasBody = !request.body.isEmpty
        if request.method == "HEAD" && !hasBody {
            arguments.append("-I")
        } else if request.method != (hasBody ? "POST" : "GET") {
            arguments += ["-X", ShellWord.quote(Array(request.method.utf8))]
        }
        if request.target.contains(where: { "[]{}".contains($0) }) { arguments.append("-g") }
        if request.target.contains("/./") || request.target.contains("/../")
            || request.target.hasSuffix("/.") || request.target.hasSuffix("/..")
        {
            arguments.append("--path-as-is")
        }

        // curl always writes Host first, from the URL or from -H Host; then its own User-Agent and
        // Accept unless -H replaces or removes them; then -H headers in order; then, for data, its own
        // Content-Length, Content-Type and (for large bodies) Expect unless -H set or removed them.
        var headers: [String] = []
        if let host = request.host {
            if host != urlAuthority { headers.append("Host: \(host)") }
        } else {
            headers.append("Host:")
        }
        let given = request.headerLines.dropFirst(request.host == nil ? 0 : 1)
        func isGiven(_ name: String) -> Bool { given.contains { HeaderField.line($0, isNamed: name) } }
        if !isGiven("User-Agent") { headers.append("User-Agent:") }
        if !isGiven("Accept") { headers.append("Accept:") }
        for line in given {
            let value = line[line.index(after: line.firstIndex(of: ":") ?? line.startIndex)...]
            headers.append(value.isEmpty ? headerName(line) + ";" : line)
        }
        if hasBody {
            for name in ["Content-Type", "Expect"] where !isGiven(name) {
                headers.append(name + ":")
            }
        }
        for header in headers { arguments += ["-H", ShellWord.quote(Array(header.utf8))] }

        var prefix = ""
        if hasBody {
            if request.body.contains(0) {
                // A shell word cannot hold NUL: printf's octal escapes can, through standard input.
                prefix = "printf " + printfFormat(request.body) + " | "
                arguments += ["--data-binary", "@-"]
            } else {
                let option = request.body.first == UInt8(ascii: "@") ? "--data-raw" : "--data-binary"
                arguments += [option, ShellWord.quote(request.body)]
            }
        }
        arguments.append(ShellWord.quote(Array("\(target.scheme)://\(urlAuthority)\(request.target)".utf8)))
        return prefix + arguments.joined(separator: " ")
    }

    /// curl's spelling of the TLS the connection uses: the CA, the client certificate, or -k.
    private static func tlsArguments(_ tls: TLSEndpoint) -> [String] {
        var arguments: [String] = []
        if !tls.verifies {
            arguments.append("-k")
        } else if let ca = tls.caFile {
            arguments += ["--cacert", ShellWord.quote(Array(ca.utf8))]
        }
        if let cert = tls.certFile, let key = tls.keyFile {
            arguments += ["--cert", ShellWord.quote(Array(cert.utf8)), "--key", ShellWord.quote(Array(key.utf8))]
        }
        return arguments
    }

    private static func fallback(_ bytes: [UInt8], endpoint: Endpoint, reason: String) -> String {
        let sender: String
        switch endpoint {
        case .unix(let path): sender = "socat - " + ShellWord.quote(Array(("UNIX-CONNECT:" + path).utf8))
        case .tcp(let host, let port): sender = "socat - " + ShellWord.quote(Array("TCP:\(host):\(port)".utf8))
        case .ssh(let remote): sender = remote.commandLine
        case .tls(let tls):
            var options = tls.verifies ? (tls.caFile.map { ["cafile=\($0)"] } ?? []) : ["verify=0"]
            if let cert = tls.certFile, let key = tls.keyFile { options += ["cert=\(cert)", "key=\(key)"] }
            let address = (["OPENSSL:\(tls.host):\(tls.port)"] + options).joined(separator: ",")
            sender = "socat - " + ShellWord.quote(Array(address.utf8))
        }
        return "# curl cannot send these exact bytes (\(reason)); this sends them as they are:\n"
            + "printf " + printfFormat(bytes) + " | " + sender
    }

    /// A single-quoted printf format that prints exactly `bytes`: `%` doubled, everything outside
    /// printable ASCII (and `\` and `'`) as a three-digit octal escape.
    static func printfFormat(_ bytes: [UInt8]) -> String {
        var out = "'"
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "%"): out += "%%"
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), 0...0x1F, 0x7F...0xFF:
                let octal = String(byte, radix: 8)
                out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            default: out.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return out + "'"
    }

    private static func isURLAuthority(_ host: String) -> Bool {
        !host.isEmpty
            && host.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"),
                    UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"):
                    return true
                default:
                    return false
                }
            }
    }

    private static func headerName(_ line: String) -> String {
        String(line[..<(line.firstIndex(of: ":") ?? line.endIndex)])
    }
}

/// A request split back into its parts from the bytes that were sent, for export only.
private struct RecordedRequest {
    var method: String
    var target: String
    /// `HTTP/1.1` or `HTTP/1.0` (`GET /_ping HTTP/1.0` typed), which curl sends with `--http1.0`.
    var version: String
    /// Each header line exactly as sent, without CRLF.
    var headerLines: [String]
    var body: [UInt8]

    struct Problem: Error { var reason: String }

    /// The Host value when Host is the first header, as curl writes it.
    var host: String? {
        guard let first = headerLines.first, HeaderField.line(first, isNamed: "Host") else { return nil }
        return first.dropFirst(5).trimmingWhitespace()
    }

    static func parse(_ bytes: [UInt8]) -> Result<RecordedRequest, Problem> {
        let crlf: [UInt8] = [13, 10]
        var lines: [String] = []
        var position = 0
        while true {
            guard let end = find(crlf, in: bytes, from: position) else {
                return .failure(Problem(reason: "the head does not end with an empty CRLF line"))
            }
            let line = bytes[position..<end]
            position = end + 2
            if line.isEmpty { break }
            if line.contains(where: { $0 == 10 || $0 == 13 || $0 == 0 }) {
                return .failure(Problem(reason: "a head line holds a bare CR, LF or NUL"))
            }
            guard let text = String(validating: line, as: UTF8.self) else {
                return .failure(Problem(reason: "a head line is not UTF-8"))
            }
            lines.append(text)
        }
        guard let requestLine = lines.first else {
            return .failure(Problem(reason: "there is no request line"))
        }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, HTTPToken.isToken(String(parts[0])), ["HTTP/1.1", "HTTP/1.0"].contains(parts[2])
        else {
            return .failure(Problem(reason: "the request line is not METHOD /target HTTP/1.1 or HTTP/1.0"))
        }
        let headerLines = Array(lines.dropFirst())
        for line in headerLines {
            guard let colon = line.firstIndex(of: ":"), HTTPToken.isToken(String(line[..<colon])) else {
                return .failure(Problem(reason: "the header line '\(line)' is not Name: value"))
            }
        }
        return .success(
            RecordedRequest(
                method: String(parts[0]), target: String(parts[1]), version: String(parts[2]), headerLines: headerLines,
                body: Array(bytes[position...])))
    }

    /// Why curl could not write these bytes, or nil when it can.
    func curlCannotSend() -> String? {
        guard target.hasPrefix("/") else { return "the target \(target) is not a /path" }
        if target.contains("#") { return "curl would take the # in the target as a fragment" }
        if headerLines.dropFirst().contains(where: { HeaderField.line($0, isNamed: "Host") }) {
            return "Host is not the first header, and curl always writes it first"
        }
        for line in headerLines {
            if HeaderField.line(line, isNamed: "Transfer-Encoding") { return "curl would chunk the body again itself" }
            let value = line[line.index(after: line.firstIndex(of: ":") ?? line.startIndex)...]
            if !value.isEmpty && value.allSatisfy({ $0 == " " || $0 == "\t" }) {
                return "curl cannot send a header whose value is only blanks"
            }
        }
        if headerLines.isEmpty == false, let first = headerLines.first, HeaderField.line(first, isNamed: "Host"),
            !first.hasPrefix("Host: ")
        {
            return "curl writes the Host header as 'Host: value'"
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && bytes[index + 1] == needle[1] { return index }
            index += 1
        }
        return nil
    }
}
