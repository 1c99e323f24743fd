/// Reads past a request's body as its bytes arrive, keeping none of them, so the next request on
/// the connection starts at the right byte. A chunked body is decoded only to find its end.
public struct RequestBodySkipper: Sendable {
    private enum State: Sendable {
        case remaining(Int)
        case chunked(ChunkedBodyDecoder)
        case done
    }

    private var state: State
    /// Body bytes taken so far (decoded bytes for a chunked body).
    public private(set) var bodyBytes = 0

    public init(framing: RequestBodyFraming) {
        switch framing {
        case .none: state = .done
        case .contentLength(let length): state = length > 0 ? .remaining(length) : .done
        case .chunked: state = .chunked(ChunkedBodyDecoder(limits: .standard))
        }
    }

    /// The chunk sizes announced so far (capped, so a hostile size cannot overflow).
    private var declaredBytes = 0

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
            var events: [ResponseEvent] = []
            let next: Int
            do throws(ResponseParseError) {
                next = try decoder.decode(input, from: input.startIndex, offset: 0, into: &events)
            } catch {
                bodyBytes = decoder.bodyBytes
                if bodyBytes > RequestLimits.maxBodyBytes { throw Self.tooLarge }
                throw RequestReadError(status: 400, "the request's chunked body is malformed: \(error.message)")
            }
            bodyBytes = decoder.bodyBytes
            // Refused when a chunk's size line says it will pass the limit, not after reading it.
            for case .chunkSize(let size, _, _) in events {
                declaredBytes = declaredBytes > RequestLimits.maxBodyBytes ? declaredBytes : declaredBytes + min(size, RequestLimits.maxBodyBytes + 1)
            }
            if bodyBytes > RequestLimits.maxBodyBytes || declaredBytes > RequestLimits.maxBodyBytes { throw Self.tooLarge }
            state = decoder.isDone ? .done : .chunked(decoder)
            return next - input.startIndex
        }
    }
}
