/// The grammar of a request line, one rule per step (`help GET` and the README say the same):
///
///     METHOD TARGET [HTTP/1.1 | HTTP/1.0] [-H 'Name: value']... [BODY] [-H 'Name: value']... [&]
///
/// - TARGET is `/path?query`, `*` (OPTIONS) or `http://host[:port]/path` (the path goes in the
///   request line and the host becomes `Host`, as curl sends it). Brackets and braces in it are kept
///   together, spaces inside them included (`?filters={"label": ["a b"]}`, as the Docker docs write
///   filters); a target in quotes may hold anything. Spaces and JSON characters are percent-encoded
///   when sent.
/// - `HTTP/1.1` or `HTTP/1.0` right after the target is the version sent; another `HTTP/...` there is
///   refused by name.
/// - `-H` options come before the body, or after a JSON or `@file` body; a header with a space in
///   its value is quoted, and an unquoted `-H Name: value` is refused (a shell would split it too).
/// - BODY is JSON (from `{` or `[` to its balancing bracket, over several lines if need be), `@file`,
///   or for other methods than GET, HEAD and DELETE any text to the end of the line. On GET, HEAD and
///   DELETE (whose bodies no API reads) words that are not JSON or `@file` are refused, not sent.
/// - A last lone `&` runs the request in the background.
enum RequestLineParser {
    /// The versions sockshell writes in a request line (RFC 9112 §2.3: the ones it speaks).
    static let versions = ["HTTP/1.1", "HTTP/1.0"]
    /// Methods whose body has no meaning for any server sockshell talks to (RFC 9110 §9.3.1, §9.3.2,
    /// §9.3.5): text after their target is far more often a slip (an unquoted space, a header) than a body.
    static let methodsWithoutTextBodies = ["GET", "HEAD", "DELETE"]

    static func parse(
        method: String, text: String, openBody: inout Substring?
    ) throws(CommandSyntaxError) -> CommandParser.Parsed {
        var scanner = WordScanner(text)
        let target = try readTarget(&scanner, method: method)
        var origin = target
        var host: String?
        if isAbsoluteURL(target) {
            (host, origin) = try CurlCommandLine.splitURL(target)
        }

        let version = try readVersion(&scanner)
        var headers: HTTPFields = []
        var body = RequestBody.none
        var background = false
        while true {
            scanner.skipSpaces()
            let rest = scanner.rest()
            if rest.isEmpty { break }
            if scanner.peekOption() {
                headers.append(try readOption(&scanner))
                continue
            }
            if rest.trimmingWhitespace() == "&" {
                background = true
                break
            }
            if body != .none {
                throw CommandSyntaxError(
                    """
                    '\(rest.trimmingWhitespace())' follows the body of \(method) \(target): after a JSON or @file body \
                    only -H 'Name: value' options and a last & may come
                    """
                )
            }
            if rest.hasPrefix("@") {
                var word = scanner
                let file = String((try word.nextShellWord(what: "the file name") ?? "").dropFirst())
                if file.isEmpty {
                    throw CommandSyntaxError("@ needs a file name, e.g. \(method) \(target) @create.json")
                }
                body = .file(file)
                scanner = word
                continue
            }
            if rest.hasPrefix("{") || rest.hasPrefix("[") {
                var scan = JSONBalance.Scan()
                scan.feed(rest.utf8)
                if let mismatch = scan.mismatch { throw mismatchError(mismatch, in: rest) }
                guard let end = scan.endOffset else {
                    openBody = Substring(rest)
                    return .needsMoreLines
                }
                let bytes = Array(rest.utf8)
                body = .inline(Array(bytes[..<end]))
                scanner = WordScanner(String(decoding: bytes[end...], as: UTF8.self))
                continue
            }
            var firstWord = scanner
            let word = firstWord.nextWord() ?? ""
            if word.uppercased().hasPrefix("HTTP/") {
                throw CommandSyntaxError(
                    """
                    \(word) goes right after the target, before any option: \(method) \(target) \(word) -H 'Name: \
                    value'
                    """
                )
            }
            if methodsWithoutTextBodies.contains(method.uppercased()) {
                throw CommandSyntaxError(
                    """
                    '\(rest.trimmingWhitespace())' after \(method) \(target) is not sent: a \(method) line takes \
                    HTTP/1.x, -H 'Name: value' and a JSON or @file body only (quote a target that holds a space)
                    """
                )
            }
            var bodyText = rest.trimmingWhitespace()
            // A closer with nothing open is a JSON body's end typed alone (the `{` left on an
            // earlier line, or forgotten), never text anyone means to send.
            if let first = bodyText.first, first == "}" || first == "]" {
                throw CommandSyntaxError(
                    """
                    the \(first) after \(method) \(target) closes nothing: a JSON body starts with { or [ on this \
                    line, e.g. \(method) \(target) {"Image":"busybox"}
                    """
                )
            }
            if bodyText.hasSuffix(" &") {
                background = true
                bodyText = String(bodyText.dropLast()).trimmingWhitespace()
            }
            body = .inline(Array(bodyText.utf8))
            break
        }
        if let host, !headers.contains(named: "Host") {
            headers.insert(HeaderField(name: "Host", value: host), at: 0)
        }
        return .complete(
            .request(
                RequestCommand(
                    method: method, target: origin, version: version, headers: headers, body: body,
                    background: background)))
    }

    /// `HTTP/1.1` or `HTTP/1.0` when the next word is one (HTTP/1.1 when there is none).
    private static func readVersion(_ scanner: inout WordScanner) throws(CommandSyntaxError) -> String {
        var peek = scanner
        guard let word = peek.nextWord(), word.uppercased().hasPrefix("HTTP/") else { return versions[0] }
        guard versions.contains(word) else {
            throw CommandSyntaxError(
                """
                '\(word)' is not a version sockshell sends: write HTTP/1.1 or HTTP/1.0 right after the target \
                (upper case), or nothing for HTTP/1.1
                """
            )
        }
        scanner = peek
        return word
    }

    /// True for what starts a request target: `/`, `*`, an `http://` or `https://` URL (https to be
    /// refused by name), or a quote around one.
    static func isTargetShaped(_ word: String) -> Bool {
        var word = Substring(word)
        if word.hasPrefix("'") || word.hasPrefix("\"") { word = word.dropFirst() }
        return word.hasPrefix("/") || word == "*" || isAbsoluteURL(word)
    }

    private static func isAbsoluteURL(_ word: some StringProtocol) -> Bool {
        let lower = word.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("http:/")
    }

    /// The target: a quoted word, or a bare one whose brackets and braces are kept together.
    private static func readTarget(_ scanner: inout WordScanner, method: String) throws(CommandSyntaxError) -> String {
        scanner.skipSpaces()
        let rest = scanner.rest()
        guard let first = rest.first else {
            throw CommandSyntaxError("\(method) needs a target path, e.g. \(method) /_ping")
        }
        let target: String
        if first == "'" || first == "\"" {
            target = try scanner.nextShellWord(what: "the target") ?? ""
        } else {
            var bracketed = BracketedWord()
            for byte in rest.utf8 {
                if !bracketed.take(byte) { break }
            }
            let bytes = Array(rest.utf8)
            target = String(decoding: bytes[..<bracketed.length], as: UTF8.self)
            if let closer = bracketed.stillToClose {
                throw CommandSyntaxError(
                    """
                    the target \(target) leaves a bracket open: add the missing \(closer), or write the bracket as \
                    %7B or %5B
                    """
                )
            }
            scanner = WordScanner(String(decoding: bytes[bracketed.length...], as: UTF8.self))
        }
        guard isTargetShaped(target) else {
            throw CommandSyntaxError(
                """
                '\(target)' is not a request target: a target starts with /, as in \(method) /containers/json (or \
                is * for OPTIONS, or an http:// URL)
                """
            )
        }
        return target
    }

    /// A target word read byte by byte: a blank ends it only outside brackets, and inside them
    /// a JSON string's brackets and blanks are its own. A `${name}` reference is not a bracket: an
    /// unclosed one is the template's to report when the request is sent.
    private struct BracketedWord {
        private(set) var length = 0
        private var closers: [UInt8] = []
        private var string = JSONStringState()
        private var inReference = false
        private var previous: UInt8 = 0

        /// Takes the byte into the word, or returns false when it ends the word.
        mutating func take(_ byte: UInt8) -> Bool {
            if closers.isEmpty && (byte == 0x20 || byte == 0x09) { return false }
            length += 1
            defer { previous = byte }
            // Quotes count only inside brackets: `?name="a"` outside them is plain text.
            if !closers.isEmpty || string.inString, string.take(byte) { return true }
            if inReference {
                if byte == UInt8(ascii: "}") { inReference = false }
                return true
            }
            switch byte {
            case UInt8(ascii: "{") where previous == UInt8(ascii: "$"): inReference = true
            case UInt8(ascii: "{"): closers.append(UInt8(ascii: "}"))
            case UInt8(ascii: "["): closers.append(UInt8(ascii: "]"))
            // A stray closer is the server's to judge; it closes what is open, of either kind.
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = closers.popLast()
            default: break
            }
            return true
        }

        /// What the word still needs closed at its end, innermost first; nil when nothing is open.
        var stillToClose: String? {
            closers.isEmpty ? nil : String(decoding: closers.reversed(), as: UTF8.self)
        }
    }

    /// `-H 'Name: value'`, `-H'Name: value'` or `--header 'Name: value'`.
    private static func readOption(_ scanner: inout WordScanner) throws(CommandSyntaxError) -> HeaderField {
        let option = scanner.nextWord() ?? ""
        let word: (value: String, quoted: Bool)?
        if option == "-H" || option == "--header" {
            word = try scanner.nextShellToken()
        } else if option.hasPrefix("-H") {
            var attached = WordScanner(String(option.dropFirst(2)))
            word = try attached.nextShellToken()
        } else {
            throw CommandSyntaxError(
                """
                unknown request option '\(option)': the only option is -H 'Name: value'; the body is written as it \
                is, after the target (JSON, text or @file)
                """
            )
        }
        guard let word else {
            throw CommandSyntaxError("-H needs a header, e.g. -H 'Content-Type: application/json'")
        }
        // `-H X-Foo: bar` is two words to a shell (and to curl): the header would go out empty and
        // `bar` become the body, so it is refused with the quoting that says what was meant.
        var next = scanner
        if !word.quoted, word.value.hasSuffix(":"), let following = next.nextWord(), following != "&",
            !following.hasPrefix("-")
        {
            let example = following.first.map { "{[@".contains($0) } == true ? "VALUE" : following
            throw CommandSyntaxError(
                """
                -H \(word.value) has no value and '\(following)' after it would be the body: quote the whole header, \
                as in -H '\(word.value) \(example)' (or -H '\(word.value)' for an empty value)
                """
            )
        }
        return try HeaderField(typed: word.value)
    }

    /// A closer that cannot close the innermost open bracket, said where it is in the body.
    static func mismatchError(_ mismatch: JSONBalance.Mismatch, in body: String) -> CommandSyntaxError {
        let before = body.utf8.prefix(mismatch.offset)
        let line = before.count { $0 == 0x0A } + 1
        let lineStart = before.lastIndex(of: 0x0A).map { before.index(after: $0) } ?? before.startIndex
        let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
        let place = line == 1 ? "column \(column)" : "line \(line), column \(column)"
        return CommandSyntaxError(
            """
            the \(mismatch.found) at \(place) of the body cannot close the \(mismatch.expected == "]" ? "[" : "{") \
            still open: write \(mismatch.expected) first; nothing was sent
            """
        )
    }
}
