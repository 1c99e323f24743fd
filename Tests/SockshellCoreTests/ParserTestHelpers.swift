import SockshellCore
import Testing

/// The sentence a command line is refused with, or "no error".
func syntaxErrorMessage(_ text: String) -> String {
    do {
        _ = try CommandParser.parse(text)
        return "no error"
    } catch {
        return error.message
    }
}

/// The bytes of a string literal, for writing responses in tests.
func responseBytes(_ text: String) -> [UInt8] {
    Array(text.utf8)
}

/// Adjacent `.body`, `.tunnel` and `.extra` runs joined, so events from different ways of
/// splitting the same input can be compared.
func mergedEvents(_ events: [MessageEvent]) -> [MessageEvent] {
    var result: [MessageEvent] = []
    for event in events {
        switch (result.last, event) {
        case (.body(let previous)?, .body(let more)):
            result[result.count - 1] = .body((previous + more)[...])
        case (.tunnel(let previous)?, .tunnel(let more)):
            result[result.count - 1] = .tunnel(previous + more)
        case (.extra(let previous)?, .extra(let more)):
            result[result.count - 1] = .extra(previous + more)
        default:
            result.append(event)
        }
    }
    return result
}

/// The final head and its framing, if the events hold one.
func headOf(_ events: [MessageEvent]) -> (ResponseHead, BodyFraming)? {
    for case .head(let head, let framing, _) in events { return (head, framing) }
    return nil
}

/// Every event's own bytes, in order: for well-formed input, exactly the bytes fed.
func rawBytes(of events: [MessageEvent]) -> [UInt8] {
    events.flatMap(\.rawBytes)
}

/// Feeds `input` in pieces cut at `cuts` (ascending offsets), then finishes.
func parseResponse(
    _ input: [UInt8], method: String = "GET", limits: HTTPLimits = .standard, lenient: Bool = false, cuts: [Int] = []
) throws(MessageParseError) -> [MessageEvent] {
    try parseResponseTolerating(input, method: method, limits: limits, lenient: lenient, cuts: cuts).events
}

/// Feeds `input` in pieces cut at `cuts`, then finishes; the events and what a lenient parser tolerated.
func parseResponseTolerating(
    _ input: [UInt8], method: String = "GET", limits: HTTPLimits = .standard, lenient: Bool = false, cuts: [Int] = []
) throws(MessageParseError) -> (events: [MessageEvent], tolerated: [ProtocolViolation]) {
    var parser = HTTPMessageReader(requestMethod: method, limits: limits, lenient: lenient)
    var events: [MessageEvent] = []
    var start = 0
    for cut in cuts + [input.count] {
        events += try parser.feed(input[start..<cut])
        start = cut
    }
    events += try parser.finish()
    return (events, parser.toleratedViolations)
}

/// Parses a well-formed response whole, split in two at every offset, and one byte at a time;
/// expects the same merged events every way and the events' bytes to rebuild the input.
/// Returns the merged events.
@discardableResult
func parseEveryWay(
    _ input: [UInt8], method: String = "GET", limits: HTTPLimits = .standard, lenient: Bool = false,
    tolerated: [Int] = [], sourceLocation: SourceLocation = #_sourceLocation
) -> [MessageEvent] {
    let whole: [MessageEvent]
    do {
        let (events, violations) = try parseResponseTolerating(input, method: method, limits: limits, lenient: lenient)
        whole = events
        #expect(violations.map(\.offset) == tolerated, "tolerated bare LFs", sourceLocation: sourceLocation)
        #expect(violations.allSatisfy { $0.rule == .bareLF }, sourceLocation: sourceLocation)
    } catch {
        Issue.record("parsing the whole input failed: \(error.message)", sourceLocation: sourceLocation)
        return []
    }
    #expect(rawBytes(of: whole) == input, "raw bytes of the whole-input events", sourceLocation: sourceLocation)
    let expected = mergedEvents(whole)
    for (name, cuts) in splitsEveryWay(input.count) {
        do {
            let (events, violations) = try parseResponseTolerating(
                input, method: method, limits: limits, lenient: lenient, cuts: cuts)
            guard rawBytes(of: events) == input, mergedEvents(events) == expected, violations.map(\.offset) == tolerated
            else {
                Issue.record("\(name): events differ from whole input", sourceLocation: sourceLocation)
                return expected
            }
        } catch {
            Issue.record("\(name): \(error.message)", sourceLocation: sourceLocation)
            return expected
        }
    }
    return expected
}

/// Where and how parsing a bad response fails when it arrives one byte at a time.
struct ParseFailure {
    var error: MessageParseError
    /// How many bytes had been fed when the error was thrown (the failing feed included);
    /// `nil` if only `finish()` threw.
    var bytesFed: Int?
    var bytesConsumed: Int
}

/// Feeds `input` one byte at a time, then finishes; expects an error of `kind`, and the same kind
/// when the input is fed whole or split in two anywhere. Returns the byte-at-a-time failure.
@discardableResult
func expectParseFailure(
    _ kind: MessageParseError.Kind, _ input: [UInt8], method: String = "GET",
    limits: HTTPLimits = .standard, lenient: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
) -> ParseFailure? {
    var parser = HTTPMessageReader(requestMethod: method, limits: limits, lenient: lenient)
    var failure: ParseFailure?
    do throws(MessageParseError) {
        for index in input.indices {
            do throws(MessageParseError) {
                _ = try parser.feed(input[index...index])
            } catch {
                failure = ParseFailure(error: error, bytesFed: index + 1, bytesConsumed: parser.bytesConsumed)
                throw error
            }
        }
        _ = try parser.finish()
        Issue.record("expected \(kind), but the response parsed", sourceLocation: sourceLocation)
        return nil
    } catch {
        if failure == nil {
            failure = ParseFailure(error: error, bytesFed: nil, bytesConsumed: parser.bytesConsumed)
        }
        #expect(error.kind == kind, "\(error.message)", sourceLocation: sourceLocation)
        #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
        // The error is sticky.
        #expect(throws: error, sourceLocation: sourceLocation) { try parser.feed([0x41]) }
    }
    // However the input is split, the same kind of error at the same byte.
    for cut in 0...input.count {
        var parser = HTTPMessageReader(requestMethod: method, limits: limits, lenient: lenient)
        do throws(MessageParseError) {
            _ = try parser.feed(input[..<cut])
            _ = try parser.feed(input[cut...])
            _ = try parser.finish()
            Issue.record("split at \(cut): expected \(kind), but the response parsed", sourceLocation: sourceLocation)
        } catch {
            #expect(error.kind == kind, "split at \(cut): \(error.message)", sourceLocation: sourceLocation)
            #expect(
                error.message == failure?.error.message, "split at \(cut): the same sentence",
                sourceLocation: sourceLocation)
            #expect(
                parser.bytesConsumed == failure?.bytesConsumed, "split at \(cut): error position",
                sourceLocation: sourceLocation)
        }
    }
    return failure
}

// MARK: requests

/// What reading a request gave: the head and its body's bytes, or the error.
struct RequestReading: Equatable {
    var head: RequestHead?
    var bodyBytes = 0
    var tolerated: [ProtocolViolation] = []
    var error: RequestReadError?
}

/// Reads one request (head, then body) from `input` fed in pieces cut at `cuts`, with the one
/// message reader `serve` uses.
func readRequest(_ input: [UInt8], lenient: Bool = false, cuts: [Int] = []) -> RequestReading {
    var reading = RequestReading()
    var reader = HTTPMessageReader.request(lenient: lenient)
    var start = 0
    do throws(MessageParseError) {
        for cut in cuts + [input.count] where cut >= start {
            var pending = input[start..<cut]
            start = cut
            while !pending.isEmpty, !reader.isComplete {
                let (count, events) = try reader.read(pending)
                pending = pending.dropFirst(count)
                for event in events {
                    if case .requestHead(let head, _) = event { reading.head = head }
                    if case .body(let bytes) = event { reading.bodyBytes += bytes.count }
                }
            }
            reading.tolerated = reader.toleratedViolations
            if reader.isComplete { return reading }
        }
    } catch {
        // What the head tolerated, and no body counted, as a refused body's own were not.
        reading.tolerated = reading.head?.tolerated ?? []
        reading.bodyBytes = 0
        reading.error = RequestReadError(error)
    }
    return reading
}

/// The ways every message is fed in these tests: whole is the caller's; then split in two at
/// every offset, and one byte at a time.
func splitsEveryWay(_ count: Int) -> [(name: String, cuts: [Int])] {
    (0...count).map { ("split at \($0)", [$0]) } + [("one byte at a time", Array(0..<count))]
}

/// Reads `input` whole, split in two at every offset and one byte at a time; expects the same
/// reading every way, and returns it.
@discardableResult
func readEveryWay(_ input: [UInt8], lenient: Bool = false, sourceLocation: SourceLocation = #_sourceLocation)
    -> RequestReading
{
    let whole = readRequest(input, lenient: lenient)
    for (name, cuts) in splitsEveryWay(input.count) {
        let reading = readRequest(input, lenient: lenient, cuts: cuts)
        if reading != whole {
            Issue.record("\(name): \(reading) differs from the whole input's \(whole)", sourceLocation: sourceLocation)
            break
        }
    }
    return whole
}

/// Expects `input` refused every way with `violation` (and the status it implies).
func expectRequestRefused(
    _ input: [UInt8], _ violation: ProtocolViolation, lenient: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let reading = readEveryWay(input, lenient: lenient, sourceLocation: sourceLocation)
    #expect(
        reading.error == RequestReadError(violation), "\(String(describing: reading.error))",
        sourceLocation: sourceLocation)
}

/// Expects a response refused every way with `violation`.
func expectResponseRefused(
    _ kind: MessageParseError.Kind, _ input: [UInt8], _ violation: ProtocolViolation, method: String = "GET",
    lenient: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
) {
    let failure = expectParseFailure(kind, input, method: method, lenient: lenient, sourceLocation: sourceLocation)
    #expect(
        failure?.error.violation == violation, "\(String(describing: failure?.error.message))",
        sourceLocation: sourceLocation)
    #expect(failure?.error.message == violation.sentence, sourceLocation: sourceLocation)
}
