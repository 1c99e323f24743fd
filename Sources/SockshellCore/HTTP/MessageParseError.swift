/// Why a request or response could not be read: what went wrong, in a sentence, and the bytes that showed it.
public struct MessageParseError: Error, Sendable, Equatable {
    /// The class of problem, for code that reacts to it (tests, lesson checks, exit status).
    public enum Kind: Sendable, Equatable {
        /// The first line is not `HTTP/x.y NNN [reason]`.
        case malformedStatusLine
        /// A request's first line is not `method SP request-target SP HTTP/x.y` (or a second empty line came before
        /// it).
        case malformedRequestLine
        /// A header or trailer line is not `name: value` (includes whitespace before the first one).
        case malformedHeader
        /// A line that ends in a bare LF (refused unless lenient) or holds a bare CR (RFC 9112 §2.2).
        case badLineEnding
        /// A status, header or trailer line is longer than `HTTPLimits.maxHeaderLineBytes`.
        case headerLineTooLong
        /// The head (or trailer section) is larger than `HTTPLimits.maxHeadBytes`.
        case headSectionTooLarge
        /// More header (or trailer) fields than `HTTPLimits.maxHeaderCount`.
        case tooManyHeaders
        /// Transfer-Encoding and Content-Length together (RFC 9112 §6.3 rule 3).
        case conflictingFraming
        /// Content-Length that is not a decimal number, or several that differ.
        case badContentLength
        /// A chunk-size line that is not hex digits with optional extensions, or too large a size.
        case badChunkSize
        /// A chunk-size line longer than `HTTPLimits.maxChunkLineBytes`.
        case chunkLineTooLong
        /// Chunk data not followed by a line ending.
        case badChunkTerminator
        /// A request body over `RequestLimits.maxBodyBytes` (announced or sent).
        case bodyTooLarge
        /// The connection closed before a complete final response head.
        case closedBeforeHead
        /// The connection closed inside a body whose length was known (Content-Length or chunked).
        case closedMidBody
    }

    /// The longest `offendingBytes` kept: enough to show a line, bounded for a hostile peer.
    public static let maxOffendingBytes = 64

    public var kind: Kind
    /// One plain sentence naming the problem; the caller adds where it happened and what to do.
    public var message: String
    /// Up to 64 bytes of the offending input (the bad line, etc.), exactly as received.
    public var offendingBytes: [UInt8]
    /// The RFC 9112 rule broken and at which byte, when the problem is one (`message` is then its sentence).
    public var violation: ProtocolViolation?

    public init(kind: Kind, message: String, offendingBytes: [UInt8] = []) {
        self.kind = kind
        self.message = message
        self.offendingBytes = Array(offendingBytes.prefix(Self.maxOffendingBytes))
    }

    public init(kind: Kind, violation: ProtocolViolation, offendingBytes: [UInt8] = []) {
        self.init(kind: kind, message: violation.sentence, offendingBytes: offendingBytes)
        self.violation = violation
    }
}

extension MessageParseError: CustomStringConvertible {
    public var description: String { message }
}

extension MessageParseError {
    /// The first bytes of a line that is split between a buffer and the input still to read.
    static func offending(_ buffered: ArraySlice<UInt8>, _ following: ArraySlice<UInt8> = []) -> [UInt8] {
        var bytes = Array(buffered.prefix(maxOffendingBytes))
        if bytes.count < maxOffendingBytes {
            bytes.append(contentsOf: following.prefix(maxOffendingBytes - bytes.count))
        }
        return bytes
    }
}
