// libFuzzer entry for HTTPMessageReader, built by scripts/fuzz together with Sources/SockshellCore/HTTP
// (one module, so no import).
//
// Input: byte 0 picks the request method and limits ('G' GET, 'H' HEAD, 'C' CONNECT with the
// standard limits; 'g', 'h', 'c' the same with small limits; any other byte: GET/HEAD/CONNECT by
// value % 3, small limits if the high bit is set). Byte 1 picks where the response is split into two
// reads (its low 7 bits % (count + 1)) and, with its high bit, a lenient parser. The rest is the
// response. Seeds in fuzz/corpus/ start "G0", "H0", ... (strict).
//
// Findings (fatalError) are: events whose bytes do not rebuild the input; a different outcome
// (events, tolerated violations, error and its position) for one read, two reads and one byte at a
// time; events after .end other than .extra; isComplete or bytesConsumed disagreeing with the
// events; a strict parse that a lenient parser does differently, or a lenient one that tolerated
// nothing and yet differs from the strict one. Thrown MessageParseErrors are expected, not findings.

private let smallLimits = HTTPLimits(
    maxHeaderLineBytes: 48, maxHeadBytes: 200, maxHeaderCount: 4, maxChunkLineBytes: 12)

private enum Outcome: Equatable {
    case parsed([MessageEvent], tolerated: [ProtocolViolation])
    case failed(MessageParseError.Kind, ProtocolViolation?, at: Int, tolerated: [ProtocolViolation])

    var tolerated: [ProtocolViolation] {
        switch self {
        case .parsed(_, let tolerated), .failed(_, _, _, let tolerated): return tolerated
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let (method, limits) = configuration(input[0])
    let response = Array(input[2...])
    let cut = Int(input[1] & 0x7F) % (response.count + 1)
    let lenient = input[1] & 0x80 != 0

    let whole = run(response, method: method, limits: limits, lenient: lenient, cuts: [])
    let split = run(response, method: method, limits: limits, lenient: lenient, cuts: [cut])
    if whole != split {
        fatalError("one read and two reads split at \(cut) disagree: \(whole) vs \(split)")
    }
    if response.count <= 512 {
        let bytewise = run(response, method: method, limits: limits, lenient: lenient, cuts: Array(0..<response.count))
        if whole != bytewise {
            fatalError("one read and one byte at a time disagree: \(whole) vs \(bytewise)")
        }
    }
    // Lenient differs from strict only where it tolerated a bare LF.
    let other = run(response, method: method, limits: limits, lenient: !lenient, cuts: [])
    let (strict, relaxed) = lenient ? (other, whole) : (whole, other)
    if !strict.tolerated.isEmpty { fatalError("a strict parser tolerated \(strict.tolerated)") }
    if case .parsed = strict, strict != relaxed {
        fatalError("lenient parsing changed a strict parse: \(strict) vs \(relaxed)")
    }
    if relaxed.tolerated.isEmpty, strict != relaxed {
        fatalError("lenient tolerated nothing yet differs: \(strict) vs \(relaxed)")
    }
    if relaxed.tolerated.contains(where: { !$0.isLenientlyAccepted }) {
        fatalError("tolerated a rule lenient does not relax")
    }
    return 0
}

private func configuration(_ byte: UInt8) -> (String, HTTPLimits) {
    switch byte {
    case UInt8(ascii: "G"): return ("GET", .standard)
    case UInt8(ascii: "H"): return ("HEAD", .standard)
    case UInt8(ascii: "C"): return ("CONNECT", .standard)
    case UInt8(ascii: "g"): return ("GET", smallLimits)
    case UInt8(ascii: "h"): return ("HEAD", smallLimits)
    case UInt8(ascii: "c"): return ("CONNECT", smallLimits)
    default:
        let method = ["GET", "HEAD", "CONNECT"][Int(byte) % 3]
        return (method, byte & 0x80 != 0 ? smallLimits : .standard)
    }
}

/// Feeds `response` cut at `cuts`, then finishes; checks what can be checked on the way and
/// returns the outcome with body, tunnel and extra runs merged.
private func run(_ response: [UInt8], method: String, limits: HTTPLimits, lenient: Bool, cuts: [Int]) -> Outcome {
    var parser = HTTPMessageReader(requestMethod: method, limits: limits, lenient: lenient)
    var events: [MessageEvent] = []
    var start = 0
    do throws(MessageParseError) {
        for cut in cuts + [response.count] where cut >= start {
            events += try parser.feed(response[start..<cut])
            start = cut
            if parser.bytesConsumed != start {
                fatalError("bytesConsumed \(parser.bytesConsumed) after feeding \(start) bytes")
            }
            if parser.isComplete != events.contains(where: isEnd) { fatalError("isComplete disagrees with the events") }
        }
        events += try parser.finish()
    } catch {
        if error.offendingBytes.count > MessageParseError.maxOffendingBytes { fatalError("too many offending bytes") }
        if parser.bytesConsumed > response.count { fatalError("error position past the input") }
        if error.message.isEmpty { fatalError("error without a message") }
        if let violation = error.violation {
            if violation.offset < 0 || violation.offset > response.count {
                fatalError("violation offset \(violation.offset) outside the input")
            }
            if error.message != violation.sentence { fatalError("a violation's error says something else") }
        }
        return .failed(error.kind, error.violation, at: parser.bytesConsumed, tolerated: parser.toleratedViolations)
    }
    if raw(events) != response { fatalError("events do not rebuild the input") }
    if let end = events.firstIndex(where: isEnd) {
        for event in events[(end + 1)...] {
            guard case .extra = event else { fatalError("\(event) after .end") }
        }
        if events.filter(isEnd).count != 1 { fatalError("more than one .end") }
    } else {
        fatalError("finish() returned without an error or an .end")
    }
    for violation in parser.toleratedViolations where response[violation.offset] != UInt8(ascii: "\n") {
        fatalError("a tolerated bare LF at \(violation.offset) is not an LF")
    }
    return .parsed(merged(events), tolerated: parser.toleratedViolations)
}

private func isEnd(_ event: MessageEvent) -> Bool {
    if case .end = event { return true }
    return false
}

private func raw(_ events: [MessageEvent]) -> [UInt8] {
    var result: [UInt8] = []
    for event in events {
        switch event {
        case .interim(_, let bytes), .head(_, _, let bytes), .requestHead(_, let bytes), .chunkSize(_, _, let bytes),
            .chunkEnd(let bytes), .trailers(_, let bytes), .tunnel(let bytes), .extra(let bytes):
            result += bytes
        case .body(let bytes):
            result += bytes
        case .end:
            break
        }
    }
    return result
}

private func merged(_ events: [MessageEvent]) -> [MessageEvent] {
    var result: [MessageEvent] = []
    for event in events {
        switch event {
        case .body(let bytes):
            if bytes.isEmpty { fatalError("an empty \(event) event") }
        case .tunnel(let bytes), .extra(let bytes):
            if bytes.isEmpty { fatalError("an empty \(event) event") }
        default:
            break
        }
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
