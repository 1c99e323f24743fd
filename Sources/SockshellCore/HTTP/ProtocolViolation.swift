/// A message that breaks a rule of RFC 9112 (HTTP/1.1), and where: refused in a sentence that names
/// the rule and the byte, or, for the one rule `--lenient` relaxes (bare LF), accepted and named.
/// The rules and why each is decided as it is are in Grammar.md beside this file.
public struct ProtocolViolation: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Rule: Sendable, Equatable {
        /// A line ending that is LF without CR before it (§2.2).
        case bareLF
        /// A CR that is not followed by LF (§2.2).
        case bareCR
        /// An HTTP-version other than HTTP/1.0 and HTTP/1.1 (§2.3), as sent.
        case unsupportedVersion(String)
        /// A status line not of the form `HTTP/x.y SP 3DIGIT SP [reason]` (§4); what is wrong.
        case statusLine(String)
        /// A status code outside 100–599 (RFC 9110 §15).
        case statusCode(Int)
        /// An empty line where a status line must start (after an interim 1xx, say).
        case emptyLineBeforeStatusLine
        /// More than the one empty line a server ignores before a request-line (§2.2).
        case emptyLinesBeforeRequestLine
        /// A request-line not of the form `method SP request-target SP HTTP-version` (§3); what is wrong.
        case requestLine(String)
        /// A request-target that is none of the four forms of §3.2; what is wrong.
        case requestTarget(String)
        /// A field line starting with whitespace right after the start-line (§2.2).
        case whitespaceAfterStartLine
        /// Obsolete line folding in a request (§5.2).
        case obsFold
        /// A field line that is not `field-name ":" OWS field-value OWS` (§5); what is wrong.
        case fieldLine(String)
        /// Whitespace between a field name and its colon (§5.1).
        case whitespaceBeforeColon
        /// A control character in a field value (RFC 9110 §5.5).
        case fieldValueControl
        /// An HTTP/1.1 request without a Host field, or with more than one (§3.2).
        case host(String)
        /// Transfer-Encoding together with Content-Length (§6.1, §6.3).
        case transferEncodingWithContentLength
        /// A request whose Transfer-Encoding does not end in chunked (§6.3 rule 4).
        case requestCodingNotChunked
        /// A Content-Length that is not one non-negative decimal number (§6.3 rule 5); what is wrong.
        case contentLength(String)
        /// A chunk-size line that does not start with hexadecimal digits, or too large a size (§7.1).
        case chunkSize(String)
        /// Whitespace at the end of a chunk-size line (§7.1: BWS only around `;` and `=`).
        case chunkLineWhitespace
        /// A chunk extension that is not `;name[=value]` (§7.1.1); what is wrong.
        case chunkExtension(String)
        /// Chunk data not followed by CRLF (§7.1).
        case chunkDataEnd
    }

    public var rule: Rule
    /// Where the offending byte lies, counted from the message's first byte (0-based).
    public var offset: Int

    public init(_ rule: Rule, at offset: Int) {
        self.rule = rule
        self.offset = offset
    }

    /// The same violation at a position counted from an earlier byte.
    func shifted(by distance: Int) -> ProtocolViolation {
        ProtocolViolation(rule, at: offset + distance)
    }

    /// Whether `--lenient` accepts it.
    public var isLenientlyAccepted: Bool { rule == .bareLF }

    /// The sentence that refuses it, e.g. `not HTTP/1.1: bare LF at byte 17 (RFC 9112 §2.2
    /// requires CRLF); run with --lenient to accept it`.
    public var sentence: String {
        "not HTTP/1.1: \(what) at byte \(offset) (\(requirement))"
            + (isLenientlyAccepted ? "; run with --lenient to accept it" : "")
    }

    public var description: String { sentence }

    /// The short name of what was wrong, e.g. `bare LF`.
    public var what: String {
        switch rule {
        case .bareLF: return "bare LF"
        case .bareCR: return "bare CR"
        case .unsupportedVersion(let version): return "version \(version)"
        case .statusLine(let problem): return "malformed status line (\(problem))"
        case .statusCode(let code): return "status code \(code)"
        case .emptyLineBeforeStatusLine: return "empty line before the status line"
        case .emptyLinesBeforeRequestLine: return "second empty line before the request-line"
        case .requestLine(let problem): return "malformed request-line (\(problem))"
        case .requestTarget(let problem): return "malformed request-target (\(problem))"
        case .whitespaceAfterStartLine: return "whitespace before the first field line"
        case .obsFold: return "obsolete line folding"
        case .fieldLine(let problem): return "malformed field line (\(problem))"
        case .whitespaceBeforeColon: return "whitespace between a field name and its colon"
        case .fieldValueControl: return "control character in a field value"
        case .host(let problem): return problem
        case .transferEncodingWithContentLength: return "Transfer-Encoding with Content-Length"
        case .requestCodingNotChunked: return "Transfer-Encoding that does not end in chunked"
        case .contentLength(let problem): return "malformed Content-Length (\(problem))"
        case .chunkSize(let problem): return "malformed chunk size (\(problem))"
        case .chunkLineWhitespace: return "whitespace at the end of a chunk-size line"
        case .chunkExtension(let problem): return "malformed chunk extension (\(problem))"
        case .chunkDataEnd: return "chunk data not followed by CRLF"
        }
    }

    /// The rule it breaks, with its section.
    public var requirement: String {
        switch rule {
        case .bareLF: return "RFC 9112 §2.2 requires CRLF"
        case .bareCR: return "RFC 9112 §2.2 allows CR only before LF"
        case .unsupportedVersion: return "RFC 9112 §2.3; sockshell speaks HTTP/1.0 and HTTP/1.1 only"
        case .statusLine: return "RFC 9112 §4: HTTP-version SP 3DIGIT SP [reason-phrase]"
        case .statusCode: return "RFC 9110 §15 defines 100 to 599"
        case .emptyLineBeforeStatusLine:
            return
                """
                RFC 9112 §4: a response, and each after an interim 1xx, starts with its status line; §2.2 skips \
                empty lines only before a request-line
                """
        case .emptyLinesBeforeRequestLine:
            return "RFC 9112 §2.2; sockshell ignores one empty line before a request-line"
        case .requestLine: return "RFC 9112 §3: method SP request-target SP HTTP-version"
        case .requestTarget:
            return "RFC 9112 §3.2: origin-form /path, absolute-form, authority-form for CONNECT or * for OPTIONS"
        case .whitespaceAfterStartLine:
            return "RFC 9112 §2.2 forbids whitespace between the start-line and the first field"
        case .obsFold: return "RFC 9112 §5.2: a server refuses it in a request"
        case .fieldLine: return "RFC 9112 §5: field-name \":\" OWS field-value OWS, the name a token"
        case .whitespaceBeforeColon: return "RFC 9112 §5.1 requires refusing it"
        case .fieldValueControl: return "RFC 9110 §5.5 allows only HTAB, SP, visible characters and obs-text"
        case .host: return "RFC 9112 §3.2 requires exactly one Host field in an HTTP/1.1 request, e.g. Host: docker"
        case .transferEncodingWithContentLength:
            return "RFC 9112 §6.1 forbids sending both; §6.3 treats it as smuggling"
        case .requestCodingNotChunked: return "RFC 9112 §6.3: a request body's length is then unknown"
        case .contentLength: return "RFC 9112 §6.3 requires one non-negative decimal number"
        case .chunkSize: return "RFC 9112 §7.1: chunk-size = 1*HEXDIG"
        case .chunkLineWhitespace: return "RFC 9112 §7.1 allows whitespace only around the ; and = of an extension"
        case .chunkExtension:
            return "RFC 9112 §7.1.1: ;name or ;name=value, the name a token, the value a token or quoted-string"
        case .chunkDataEnd: return "RFC 9112 §7.1 ends chunk data with CRLF"
        }
    }
}

extension [ProtocolViolation] {
    /// The remark for violations `--lenient` accepted, e.g. `lenient: bare LF at bytes 17, 40`.
    public var lenientRemark: String? {
        guard !isEmpty else { return nil }
        var groups: [(what: String, offsets: [Int])] = []
        for violation in self {
            if let index = groups.firstIndex(where: { $0.what == violation.what }) {
                groups[index].offsets.append(violation.offset)
            } else {
                groups.append((violation.what, [violation.offset]))
            }
        }
        let parts = groups.map { group in
            """
            \(group.what) at \(group.offsets.count == 1 ? "byte" : "bytes") \
            \(group.offsets.map(String.init).joined(separator: ", "))
            """
        }
        return "lenient: " + parts.joined(separator: "; ")
    }
}
