// libFuzzer entry for HTTPMessageReader reading requests (what `sockshell serve` reads, and what
// a tap will forward), built by scripts/fuzz together with Sources/SockshellCore/HTTP (one module,
// so no import).
//
// Input: byte 0 picks where the requests are split into two reads (its low 7 bits % (count + 1))
// and, with its high bit, a lenient reader. The rest is what a client sent: requests read one after
// another as serve reads them (head, then body, then the next head), pipelined. Seeds in
// fuzz/request-corpus/ start "0" (strict, split at 0).
//
// Findings (fatalError) are: a different outcome (heads, bytes each took, tolerated violations,
// the error) for one read, two reads and one byte at a time; bytes taken that do not add up to the
// input; a strict read that a lenient reader does differently, or a lenient one that tolerated
// nothing and yet differs; an error without a sentence, or a violation outside the request.
// Thrown MessageParseErrors are expected, not findings.

private struct Request: Equatable {
    var head: RequestHead
    var headBytes: Int
    var bodyBytes: Int
    var tolerated: [ProtocolViolation]
}

private struct Outcome: Equatable {
    var requests: [Request] = []
    // As serve answers it: the offending bytes shown depend on how the reads split.
    var error: RequestReadError?
    /// Bytes of a request that had started when the input ran out.
    var pending = 0
    /// Violations tolerated in a request still arriving (or refused).
    var pendingTolerated: [ProtocolViolation] = []

    var tolerated: [ProtocolViolation] { requests.flatMap(\.tolerated) + pendingTolerated }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let bytes = Array(input[1...])
    let cut = Int(input[0] & 0x7F) % (bytes.count + 1)
    let lenient = input[0] & 0x80 != 0

    let whole = run(bytes, lenient: lenient, cuts: [])
    let split = run(bytes, lenient: lenient, cuts: [cut])
    if whole != split { fatalError("one read and two reads split at \(cut) disagree: \(whole) vs \(split)") }
    if bytes.count <= 512 {
        let bytewise = run(bytes, lenient: lenient, cuts: Array(0..<bytes.count))
        if whole != bytewise { fatalError("one read and one byte at a time disagree: \(whole) vs \(bytewise)") }
    }
    let other = run(bytes, lenient: !lenient, cuts: [])
    let (strict, relaxed) = lenient ? (other, whole) : (whole, other)
    if !strict.tolerated.isEmpty { fatalError("a strict reader tolerated \(strict.tolerated)") }
    if strict.error == nil, strict != relaxed {
        fatalError("lenient reading changed a strict read: \(strict) vs \(relaxed)")
    }
    if relaxed.tolerated.isEmpty, strict != relaxed {
        fatalError("lenient tolerated nothing yet differs: \(strict) vs \(relaxed)")
    }
    return 0
}

/// Reads requests from `bytes` fed cut at `cuts` as serve does: a head, its body, the next.
private func run(_ bytes: [UInt8], lenient: Bool, cuts: [Int]) -> Outcome {
    var outcome = Outcome()
    var reads: [ArraySlice<UInt8>] = []
    var start = 0
    for cut in cuts + [bytes.count] where cut >= start {
        reads.append(bytes[start..<cut])
        start = cut
    }
    var reader = HTTPMessageReader.request(lenient: lenient)
    var head: RequestHead?
    var headBytes = 0
    var bodyBytes = 0
    var taken = 0
    do throws(MessageParseError) {
        for read in reads {
            var pending = read
            while !pending.isEmpty {
                let (count, events) = try reader.read(pending)
                if count > pending.count { fatalError("the reader took more bytes than it was given") }
                if !reader.isComplete && events.requestHead == nil && count != pending.count {
                    fatalError("a reader that stopped at nothing left bytes untaken")
                }
                pending = pending.dropFirst(count)
                if head == nil {
                    headBytes += count
                } else {
                    bodyBytes += count
                }
                if let complete = events.requestHead {
                    let bodyTaken = events.drop { !$0.isFinalHead }.dropFirst().reduce(0) { $0 + $1.rawByteCount }
                    headBytes -= bodyTaken
                    bodyBytes += bodyTaken
                    if complete.byteCount != headBytes {
                        fatalError("byteCount \(complete.byteCount) for a \(headBytes)-byte head")
                    }
                    head = complete
                }
                if let done = head, reader.isComplete {
                    outcome.requests.append(
                        Request(
                            head: done, headBytes: headBytes, bodyBytes: bodyBytes,
                            tolerated: reader.toleratedViolations))
                    taken += headBytes + bodyBytes
                    (reader, head, headBytes, bodyBytes) = (HTTPMessageReader.request(lenient: lenient), nil, 0, 0)
                }
            }
        }
    } catch {
        if error.message.isEmpty { fatalError("an error without a sentence") }
        if let violation = error.violation {
            if violation.offset < 0 || violation.offset > headBytes + bytes.count - taken {
                fatalError("violation offset \(violation.offset) outside the request")
            }
            if error.message != violation.sentence { fatalError("a violation's error says something else") }
            if violation.isLenientlyAccepted && lenient { fatalError("a lenient reader refused \(violation)") }
        }
        outcome.error = RequestReadError(error)
        outcome.pendingTolerated = reader.toleratedViolations
        return outcome
    }
    outcome.pending = headBytes + bodyBytes
    outcome.pendingTolerated = reader.toleratedViolations
    if taken + outcome.pending != bytes.count {
        fatalError("\(taken) + \(outcome.pending) bytes taken of \(bytes.count)")
    }
    return outcome
}
