/// A curl command line, understood: what to send and how curl would have shown it.
public struct CurlRequest: Sendable, Equatable {
    /// `-X` if given; else HEAD for `-I`, POST when there is data (GET with `-G`), else GET.
    public var method: String
    /// The URL's path and query (`/` when the URL has no path), with `-G` data appended to the query
    /// once it is known (see `queryData`). The fragment is dropped, as curl does.
    public var target: String
    /// The URL's host (and port), which curl sends as `Host`; nil for `http:/path` or a bare `/path`.
    /// A `Host` given with `-H` is in `headers` and wins.
    public var hostHeader: String?
    /// `-H` headers in order (`-H 'Name;'` gives an empty value), then `-A`'s User-Agent and the
    /// Content-Type and Accept that `--json` adds when `-H` did not set them.
    public var headers: HTTPFields
    /// Names given as `-H 'Name:'`: curl sends no such header, not even its own default.
    public var removedHeaders: [String]
    /// The request body, nil when there is no data or `-G` moved it into the query.
    public var body: CurlBody?
    /// With `-G`, data that reads files: append it to `target`'s query once read
    /// (`CurlDataPart.join(_:inQuery:fileContents:)` does it). Empty otherwise.
    public var queryData: [CurlDataPart]
    /// `--unix-socket PATH`.
    public var unixSocket: String?
    /// A trailing unquoted `&`, as in a shell: run in the background.
    public var background: Bool
    /// `HTTP/1.1`, or `HTTP/1.0` with `--http1.0` (what `export curl` writes for an HTTP/1.0 request).
    public var version = "HTTP/1.1"
    /// Options accepted as pasted and ignored (`-f`, `-s`, `-L`, ...), as typed, for the note that names them.
    public var ignoredOptions: [String] = []

    /// The line that says which options did nothing, nil when none were given.
    public var ignoredNote: String? {
        guard !ignoredOptions.isEmpty else { return nil }
        return
            """
            curl's \(ignoredOptions.joined(separator: " ")) \(ignoredOptions.count == 1 ? "is" : "are") ignored: \
            sockshell shows every exchange in its view (view wire is -v) and follows no redirect
            """
    }

    public init(
        method: String, target: String, hostHeader: String? = nil, headers: HTTPFields = [],
        removedHeaders: [String] = [], body: CurlBody? = nil, queryData: [CurlDataPart] = [],
        unixSocket: String? = nil, background: Bool = false
    ) {
        self.method = method
        self.target = target
        self.hostHeader = hostHeader
        self.headers = headers
        self.removedHeaders = removedHeaders
        self.body = body
        self.queryData = queryData
        self.unixSocket = unixSocket
        self.background = background
    }
}

/// What a curl command sends as its body.
public enum CurlBody: Sendable, Equatable {
    /// Known in full from the command line.
    case inline([UInt8])
    /// One `@file` (`-` is standard input); `stripLineBreaks` for `-d @file`, which drops every CR
    /// and LF of the file as curl does (`--data-binary` and `--json` keep them).
    case file(String, stripLineBreaks: Bool)
    /// Several pieces, some read from files: `CurlDataPart.join(_:inQuery:fileContents:)` makes the
    /// bytes once the files are read.
    case parts([CurlDataPart])
}

/// One `-d`, `--data-*` or `--json` argument.
public struct CurlDataPart: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case bytes([UInt8])
        /// `@path`, or `@-` for standard input.
        case file(String)
    }

    public enum Kind: Sendable, Equatable {
        /// `-d/--data/--data-ascii`: CR and LF are stripped from file contents.
        case ascii
        /// `--data-binary`: file contents as they are.
        case binary
        /// `--data-raw`: never a file.
        case raw
        /// `--json`: like `--data-binary`, joined to the previous part without `&`.
        case json
        /// `--data-urlencode`: the content percent-encoded, after `name=` when a name was given.
        case urlencode(name: String?)
    }

    public var kind: Kind
    public var source: Source

    public init(kind: Kind, source: Source) {
        self.kind = kind
        self.source = source
    }

    /// True for `--data-urlencode`.
    public var isURLEncoded: Bool {
        if case .urlencode = kind { return true }
        return false
    }

    /// The bytes this part contributes, given the contents of its file (if it has one).
    public func bytes(fileContents: [UInt8]?, inQuery: Bool) -> [UInt8] {
        var content: [UInt8]
        switch source {
        case .bytes(let bytes): content = bytes
        case .file: content = fileContents ?? []
        }
        switch kind {
        case .ascii:
            if case .file = source { content.removeAll { $0 == 13 || $0 == 10 } }
            return content
        case .binary, .raw, .json:
            return content
        case .urlencode(let name):
            let encoded = PercentEncoding.encode(content, keeping: .unreserved, spaceAsPlus: inQuery)
            guard let name else { return encoded }
            return Array(name.utf8) + [UInt8(ascii: "=")] + encoded
        }
    }

    /// Joins parts as curl does: `&` between them, none before a `--json` part.
    /// `fileContents` is called for each `.file` source in order.
    public static func join<E: Error>(
        _ parts: [CurlDataPart], inQuery: Bool, fileContents: (String) throws(E) -> [UInt8]
    ) throws(E) -> [UInt8] {
        var out: [UInt8] = []
        for (index, part) in parts.enumerated() {
            if index > 0 && part.kind != .json { out.append(UInt8(ascii: "&")) }
            var contents: [UInt8]?
            if case .file(let path) = part.source { contents = try fileContents(path) }
            out += part.bytes(fileContents: contents, inQuery: inQuery)
        }
        return out
    }
}

/// Parses a pasted `curl ...` command line (quoting and backslash-newline as a POSIX shell would)
/// into the request it sends. Options sockshell cannot honour are errors that name them.
public enum CurlCommandLine {
    /// The options understood, for messages and help.
    public static let supportedOptions =
        "-X/--request, --unix-socket, -H/--header, -d/--data, --data-raw, --data-binary, --data-ascii, "
        + "--data-urlencode, --json, -G/--get, -I/--head, -A/--user-agent, -i/--include, -v/--verbose, "
        + "-N/--no-buffer, -s/--silent, -S/--show-error, -f/--fail, -L/--location, --url, --http1.1, "
        + "-g/--globoff, --path-as-is, --http1.0"

    /// True when the line's first word is `curl` (or a path to it), so it is meant for this parser.
    public static func isCurlLine(_ text: String) -> Bool {
        var tokenizer = ShellTokenizer(text, dialect: .commandLine)
        guard let token = tokenizer.nextBareWord() else { return false }
        let word = String(decoding: token.value, as: UTF8.self)
        return word == "curl" || word.hasSuffix("/curl")
    }

    private enum Option {
        case request, unixSocket, header
        case data(CurlDataPart.Kind)
        case get, head, userAgent, url, http10
        /// Accepted and ignored, and named in the note (`ignoredNote`); see the option tables.
        case ignored
        /// Accepted because sockshell already behaves so: nothing to say.
        case alreadySo

        var takesValue: Bool {
            switch self {
            case .request, .unixSocket, .header, .data, .userAgent, .url: return true
            default: return false
            }
        }
    }

    // How curl prints is not carried over: the session's view decides how every exchange is shown
    // (`view wire` shows both heads, as `-v` and `-i` would), sockshell has no progress meter to silence
    // (`-s`, `-S`) and it shows bytes as they arrive (`-N`). `-f` (fail on an error status) and `-L`
    // (follow redirects) are in nearly every pasted snippet: the status is shown whatever it is, and
    // the Docker API redirects nowhere. So these are accepted, as pasted, and a note names them.
    private static let shortOptions: [Character: Option] = [
        "X": .request, "H": .header, "d": .data(.ascii), "G": .get, "I": .head, "A": .userAgent,
        "i": .ignored, "v": .ignored, "N": .ignored, "s": .ignored, "S": .ignored, "g": .alreadySo,
        "f": .ignored, "L": .ignored,
    ]

    private static let longOptions: [String: Option] = [
        "request": .request, "unix-socket": .unixSocket, "header": .header,
        "data": .data(.ascii), "data-ascii": .data(.ascii), "data-binary": .data(.binary), "data-raw": .data(.raw),
        "data-urlencode": .data(.urlencode(name: nil)), "json": .data(.json),
        "get": .get, "head": .head, "user-agent": .userAgent, "url": .url,
        "include": .ignored, "verbose": .ignored, "no-buffer": .ignored, "silent": .ignored, "show-error": .ignored,
        "fail": .ignored, "location": .ignored,
        // Already what sockshell does: HTTP/1.1, no URL globbing, the path as typed.
        "http1.1": .alreadySo, "globoff": .alreadySo, "path-as-is": .alreadySo, "http1.0": .http10,
    ]

    public static func parse(_ text: String) throws(CommandSyntaxError) -> CurlRequest {
        var tokens = try ShellWords.tokens(text)
        while tokens.last == .control("\n") { tokens.removeLast() }
        var background = false
        if tokens.last == .control("&") {
            background = true
            tokens.removeLast()
        }
        var words: [String] = []
        var rawWords: [[UInt8]] = []
        for token in tokens {
            switch token {
            case .word(let bytes):
                words.append(String(decoding: bytes, as: UTF8.self))
                rawWords.append(bytes)
            case .control("\n"):
                throw CommandSyntaxError(
                    """
                    the curl command goes on to a new line without a backslash: end every line but the last with \\ \
                    (and nothing after it)
                    """
                )
            case .control("&"):
                throw CommandSyntaxError(
                    """
                    unquoted '&' in the curl command: a shell would cut the command there; put the URL in quotes, as \
                    in 'http://localhost/containers/json?all=1&size=1'
                    """
                )
            case .control(let op):
                throw CommandSyntaxError(
                    """
                    unquoted '\(op)' in the curl command: sockshell runs one curl command, without pipes or \
                    redirections; quote it if it belongs in an argument
                    """
                )
            }
        }
        guard let first = words.first, first == "curl" || first.hasSuffix("/curl") else {
            throw CommandSyntaxError(
                """
                not a curl command: the line must start with curl, as in curl --unix-socket /var/run/docker.sock \
                http://localhost/_ping
                """
            )
        }

        var request = CurlRequest(method: "GET", target: "/")
        var method: String?
        var head = false
        var get = false
        var data: [CurlDataPart] = []
        var urls: [String] = []
        var unknown: [String] = []
        var userAgent: String?

        func apply(_ option: Option, name: String, value: [UInt8]?) throws(CommandSyntaxError) {
            let text = value.map { String(decoding: $0, as: UTF8.self) } ?? ""
            switch option {
            case .request:
                guard HTTPToken.isToken(text) else {
                    throw CommandSyntaxError("\(name) needs a method, e.g. -X POST ('\(text)' is not an HTTP method)")
                }
                method = text
            case .unixSocket:
                guard !text.isEmpty else {
                    throw CommandSyntaxError(
                        "--unix-socket needs a socket path, e.g. --unix-socket /var/run/docker.sock")
                }
                request.unixSocket = text
            case .header:
                try addHeader(text, option: name, to: &request)
            case .data(let kind):
                data.append(dataPart(kind: kind, value: value ?? []))
            case .get: get = true
            case .head: head = true
            case .userAgent: userAgent = text
            case .url: urls.append(text)
            case .http10: request.version = "HTTP/1.0"
            case .ignored: request.ignoredOptions.append(name)
            case .alreadySo: break
            }
        }

        var index = 1
        var optionsEnded = false
        while index < words.count {
            let word = words[index]
            let raw = rawWords[index]
            index += 1
            if optionsEnded || !word.hasPrefix("-") || word == "-" {
                urls.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            if word.hasPrefix("--") {
                var name = String(word.dropFirst(2))
                var value: [UInt8]?
                if let equals = name.firstIndex(of: "=") {
                    let nameBytes = name[..<equals].utf8.count + 3  // "--" and "="
                    value = Array(raw[nameBytes...])
                    name = String(name[..<equals])
                }
                guard let option = longOptions[name] else {
                    unknown.append("--\(name)")
                    continue
                }
                if option.takesValue && value == nil {
                    guard index < words.count else {
                        throw CommandSyntaxError(missingValueMessage("--\(name)"))
                    }
                    value = rawWords[index]
                    index += 1
                } else if !option.takesValue && value != nil {
                    throw CommandSyntaxError("curl option --\(name) takes no value: write --\(name) alone")
                }
                try apply(option, name: "--\(name)", value: value)
                continue
            }
            // Short options combine: -sSN, -XPOST, -sXPOST, -H'Name: value'.
            let letters = Array(word.dropFirst())
            var offset = 1
            for letter in letters {
                offset += String(letter).utf8.count
                guard let option = shortOptions[letter] else {
                    unknown.append("-\(letter)")
                    continue
                }
                if option.takesValue {
                    var value = Array(raw[offset...])
                    if value.isEmpty {
                        guard index < words.count else {
                            throw CommandSyntaxError(missingValueMessage("-\(letter)"))
                        }
                        value = rawWords[index]
                        index += 1
                    }
                    try apply(option, name: "-\(letter)", value: value)
                    break
                }
                try apply(option, name: "-\(letter)", value: nil)
            }
        }

        if !unknown.isEmpty {
            let names =
                unknown.count == 1 ? "option \(unknown[0]) is" : "options \(unknown.joined(separator: ", ")) are"
            throw CommandSyntaxError("curl \(names) not supported by sockshell: it understands \(supportedOptions)")
        }
        guard let url = urls.first else {
            throw CommandSyntaxError(
                "curl needs a URL, e.g. curl --unix-socket /var/run/docker.sock http://localhost/_ping")
        }
        if urls.count > 1 {
            throw CommandSyntaxError(
                """
                curl was given \(urls.count) URLs (\(urls.joined(separator: " "))): sockshell sends one request per \
                line, so give one URL
                """
            )
        }
        let (host, target) = try splitURL(url)
        request.hostHeader = host
        request.target = target

        if head && (get || !data.isEmpty) {
            throw CommandSyntaxError("curl -I sends HEAD, which carries no data: drop -I, or drop -d/-G")
        }
        if let userAgent, !hasHeader("User-Agent", in: request) {
            request.headers.append(HeaderField(name: "User-Agent", value: userAgent))
        }
        if data.contains(where: { $0.kind == .json }) {
            for (name, value) in [("Content-Type", "application/json"), ("Accept", "application/json")]
            where !hasHeader(name, in: request) {
                request.headers.append(HeaderField(name: name, value: value))
            }
        }

        let readsFiles = data.contains { if case .file = $0.source { return true } else { return false } }
        if get {
            if readsFiles {
                request.queryData = data
            } else if !data.isEmpty {
                let query = CurlDataPart.join(data, inQuery: true) { (_: String) -> [UInt8] in [] }
                request.target = appendQuery(String(decoding: query, as: UTF8.self), to: request.target)
            }
        } else if data.count == 1, case .file(let path) = data[0].source, !data[0].isURLEncoded {
            request.body = .file(path, stripLineBreaks: data[0].kind == .ascii)
        } else if readsFiles {
            request.body = .parts(data)
        } else if !data.isEmpty {
            request.body = .inline(CurlDataPart.join(data, inQuery: false) { (_: String) -> [UInt8] in [] })
        }
        request.method = method ?? (head ? "HEAD" : (!data.isEmpty && !get ? "POST" : "GET"))
        request.background = background
        return request
    }

    /// Appends `-G` data to a target's query, with `?` or `&` as needed.
    public static func appendQuery(_ query: String, to target: String) -> String {
        if query.isEmpty { return target }
        if !target.contains("?") { return target + "?" + query }
        return target.hasSuffix("?") || target.hasSuffix("&") ? target + query : target + "&" + query
    }

    private static func missingValueMessage(_ option: String) -> String {
        switch option {
        case "-X", "--request": return "\(option) needs a method, e.g. -X POST"
        case "-H", "--header": return "\(option) needs a header, e.g. -H 'Content-Type: application/json'"
        case "--unix-socket": return "--unix-socket needs a socket path, e.g. --unix-socket /var/run/docker.sock"
        case "-A", "--user-agent": return "\(option) needs a value, e.g. -A 'my-tool/1.0'"
        case "--url": return "--url needs a URL, e.g. --url http://localhost/_ping"
        default: return "\(option) needs data after it, e.g. \(option) '{\"Image\":\"busybox\"}'"
        }
    }

    private static func dataPart(kind: CurlDataPart.Kind, value: [UInt8]) -> CurlDataPart {
        let at = UInt8(ascii: "@")
        switch kind {
        case .raw:
            return CurlDataPart(kind: kind, source: .bytes(value))
        case .ascii, .binary, .json:
            if value.first == at {
                return CurlDataPart(kind: kind, source: .file(String(decoding: value.dropFirst(), as: UTF8.self)))
            }
            return CurlDataPart(kind: kind, source: .bytes(value))
        case .urlencode:
            // curl's forms: content, =content, name=content, @file, name@file.
            let equals = value.firstIndex(of: UInt8(ascii: "="))
            let atSign = value.firstIndex(of: at)
            if let atSign, equals.map({ atSign < $0 }) ?? true {
                let name = atSign == 0 ? nil : String(decoding: value[..<atSign], as: UTF8.self)
                return CurlDataPart(
                    kind: .urlencode(name: name),
                    source: .file(String(decoding: value[(atSign + 1)...], as: UTF8.self)))
            }
            if let equals {
                let name = equals == 0 ? nil : String(decoding: value[..<equals], as: UTF8.self)
                return CurlDataPart(kind: .urlencode(name: name), source: .bytes(Array(value[(equals + 1)...])))
            }
            return CurlDataPart(kind: .urlencode(name: nil), source: .bytes(value))
        }
    }

    private static func hasHeader(_ name: String, in request: CurlRequest) -> Bool {
        request.headers.contains(named: name) || request.removedHeaders.contains { HeaderField.namesMatch($0, name) }
    }

    private static func addHeader(_ text: String, option: String, to request: inout CurlRequest)
        throws(CommandSyntaxError)
    {
        if !text.contains(":") {
            // curl's `Name;` sends the header with an empty value.
            if text.hasSuffix(";") {
                let name = String(text.dropLast()).trimmingWhitespace()
                guard HTTPToken.isToken(name) else {
                    throw CommandSyntaxError(
                        "bad header name '\(name)' in \(option): a header name is a token with no spaces, e.g. X-Empty;"
                    )
                }
                request.headers.append(HeaderField(name: name, value: ""))
                return
            }
            if text.hasPrefix("@") {
                throw CommandSyntaxError(
                    """
                    \(option) @file (headers from a file) is not supported by sockshell: give each header as -H \
                    'Name: value'
                    """
                )
            }
        }
        let field = try HeaderField(typed: text)
        if field.value.isEmpty {
            request.removedHeaders.append(field.name)
        } else {
            request.headers.append(field)
        }
    }

    /// `http://host:port/path?query#fragment` → (`host:port`, `/path?query`); a typed request's
    /// absolute target is split the same way.
    static func splitURL(_ url: String) throws(CommandSyntaxError) -> (host: String?, target: String) {
        var rest = Substring(url)
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        if let schemeEnd = rest.firstRange(of: ":/") ?? rest.firstRange(of: "://"),
            !rest[..<schemeEnd.lowerBound].contains("/"), !rest[..<schemeEnd.lowerBound].isEmpty
        {
            let scheme = rest[..<schemeEnd.lowerBound].lowercased()
            switch scheme {
            case "http": break
            case "https":
                throw CommandSyntaxError(
                    "\(url) needs TLS, which sockshell does not speak: use http:// (a unix socket or a plain tcp port)")
            default:
                throw CommandSyntaxError(
                    "\(url) uses \(scheme)://: sockshell speaks HTTP only, so write an http:// URL")
            }
            rest = rest[rest.index(after: schemeEnd.lowerBound)...]  // keep the slashes
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if authority.contains("@") {
                throw CommandSyntaxError(
                    """
                    \(url) has credentials in it, which sockshell does not turn into a header: send -H \
                    'Authorization: Basic ...' instead
                    """
                )
            }
            rest = rest[authorityEnd...]
            let target = rest.isEmpty ? "/" : (rest.hasPrefix("?") ? "/" + rest : String(rest))
            return (authority.isEmpty ? nil : String(authority), target)
        }
        if rest.hasPrefix("/") { return (nil, String(rest)) }
        // No scheme, as in `localhost/_ping`: curl assumes http://.
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        if authority.isEmpty {
            throw CommandSyntaxError("'\(url)' is not a URL: write it as http://localhost/_ping")
        }
        let path = rest[authorityEnd...]
        return (String(authority), path.isEmpty ? "/" : (path.hasPrefix("?") ? "/" + path : String(path)))
    }
}
