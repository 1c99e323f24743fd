/// Reads past a request's body as its bytes arrive, keeping none of them, so the next request on
/// the connection starts at the right byte. A chunked body is decoded, by the strict grammar of
/// RFC 9112 §7.1 (Grammar.md), only to find its end.
public struct RequestBodySkipper: Sendable {
    private enum State: Sendable {
        case remaining(Int)
        case chunked(ChunkedBodyDecoder)
        case done
    }

    private var state: State
    /// Where the body starts in the request, so violations name the request's byte.
    private let bodyOffset: Int
    /// Body bytes taken so far (decoded bytes for a chunked body).
    public private(set) var bodyBytes = 0

    /// - Parameter lenient: accept bare LFs in chunk lines and trailers, naming each in `tolerated`.
    public init(for head: RequestHead, lenient: Bool = false) {
        self.init(framing: head.body, lenient: lenient, bodyOffset: head.byteCount)
    }

    public init(framing: RequestBodyFraming, lenient: Bool = false, bodyOffset: Int = 0) {
        self.bodyOffset = bodyOffset
        switch framing {
        case .none: state = .done
        case .contentLength(let length): state = length > 0 ? .remaining(length) : .done
        case .chunked: state = .chunked(ChunkedBodyDecoder(limits: .standard, lenient: lenient, isRequest: true))
        }
    }

    /// The chunk sizes announced so far (capped, so a hostile size cannot overflow).
    private var declaredBytes = 0
    /// Bare LFs a lenient skipper accepted, each with its offset in the request.
    public private(set) var tolerated: [ProtocolViolation] = []

    private static let tooLarge = RequestReadError(
        status: 413, "the request body is larger than the limit of \(RequestLimits.maxBodyBytes) bytes (64 MiB)")

    /// True once the body's last byte has been taken.
    public var isDone: Bool {
        if case .done = state { return true }
        return false
    }

    /// Takes body bytes from `input`; returns how many were taken (all of them unless the body ended).
    public mutating func skip(_ input: ArraySlice<UInt8>) throws(RequestReadError) -> Int {
        switch state {
        case .done:
            return 0
        case .remaining(let left):
            let taken = min(left, input.count)
            bodyBytes += taken
            state = taken == left ? .done : .remaining(left - taken)
            return taken
        case .chunked(var decoder):
            var events: [MessageEvent] = []
            let next: Int
            do throws(MessageParseError) {
                next = try decoder.decode(input, from: input.startIndex, offset: bodyOffset + consumed, into: &events)
            } catch {
                bodyBytes = decoder.bodyBytes
                tolerated = decoder.tolerated
                if bodyBytes > RequestLimits.maxBodyBytes { throw Self.tooLarge }
                if let violation = error.violation { throw RequestReadError(violation) }
                throw RequestReadError(status: 400, "the request's chunked body is malformed: \(error.message)")
            }
            consumed += next - input.startIndex
            bodyBytes = decoder.bodyBytes
            tolerated = decoder.tolerated
            // Refused when a chunk's size line says it will pass the limit, not after reading it.
            for case .chunkSize(let size, _, _) in events {
                declaredBytes = declaredBytes > RequestLimits.maxBodyBytes ? declaredBytes : declaredBytes + min(size, RequestLimits.maxBodyBytes + 1)
            }
            if bodyBytes > RequestLimits.maxBodyBytes || declaredBytes > RequestLimits.maxBodyBytes { throw Self.tooLarge }
            state = decoder.isDone ? .done : .chunked(decoder)
            return next - input.startIndex
        }
    }

    /// Body bytes taken so far, as sent (chunk lines included).
    private var consumed = 0
}
