/// Turns a chunked body (RFC 9112 §7.1) into events as its bytes arrive: each size line, the
/// chunk's data as it comes (never held back for the rest of the chunk), the line ending after
/// the data, and after the zero-size chunk the trailer section.
struct ChunkedBodyDecoder: Sendable {
    private enum State: Sendable {
        case sizeLine
        case data(remaining: Int)
        case dataEnd(sawCR: Bool)
        case trailers
        case done
    }

    let limits: HTTPLimits
    let lenient: Bool
    /// Whose body this is: a request's trailers refuse obs-fold, a response's unfold it (§5.2).
    let isRequest: Bool
    private var state = State.sizeLine
    /// The chunk-size line being collected, and its scan so far.
    private var line: [UInt8] = []
    private var sizeLine = ChunkSizeLine()
    private var lineOffset = 0
    private var trailerReader: FieldSectionReader?
    /// Chunk-size lines taken so far, the zero-size one included.
    private(set) var chunkCount = 0
    /// Chunk data bytes taken so far.
    private(set) var bodyBytes = 0
    private var chunkSize = 0
    /// After a thrown error: where the offending bytes start in the whole message.
    private(set) var failureOffset = 0
    /// Bare LFs accepted in chunk lines and finished trailer sections.
    private var toleratedLines: [ProtocolViolation] = []

    /// Bare LFs accepted because the decoder is lenient, in the order they came.
    var tolerated: [ProtocolViolation] { toleratedLines + (trailerReader?.tolerated ?? []) }

    init(limits: HTTPLimits, lenient: Bool = false, isRequest: Bool = false) {
        self.limits = limits
        self.lenient = lenient
        self.isRequest = isRequest
    }

    private var trailerRole: FieldSectionReader.Role { isRequest ? .requestTrailers : .responseTrailers }

    /// True once the trailer section's blank line has been taken.
    var isDone: Bool {
        if case .done = state { return true }
        return false
    }

    /// Decodes `input[index...]`, appending events; stops after the body's last byte.
    /// - Parameter offset: where `input[index]` lies in the whole response, for error positions.
    /// - Returns: the index after the last byte taken.
    mutating func decode(
        _ input: ArraySlice<UInt8>, from start: Int, offset: Int, into events: inout [MessageEvent]
    ) throws(MessageParseError) -> Int {
        var index = start
        while index < input.endIndex {
            let here = offset + (index - start)
            switch state {
            case .sizeLine:
                if line.isEmpty {
                    lineOffset = here
                    sizeLine = ChunkSizeLine()
                }
                // Each byte judged once as it arrives; the run is buffered at once.
                var next = index
                var ending: Bool?
                do throws(ChunkSizeLine.Failure) {
                    while next < input.endIndex {
                        let step = try sizeLine.take(input[next], limit: max(0, limits.maxChunkLineBytes))
                        next += 1
                        if case .end(let bareLF) = step {
                            ending = bareLF
                            break
                        }
                    }
                } catch {
                    line.append(contentsOf: input[index..<next])
                    let offending = MessageParseError.offending(line[...], input[next...])
                    switch error {
                    case .tooLong:
                        throw failure(
                            .chunkLineTooLong,
                            "a chunk-size line is longer than the limit of \(limits.maxChunkLineBytes) bytes",
                            offending, at: lineOffset)
                    case .violation(let violation):
                        throw failure(
                            violation.rule == .bareCR ? .badLineEnding : .badChunkSize,
                            violation.shifted(by: lineOffset),
                            offending, at: lineOffset)
                    }
                }
                line.append(contentsOf: input[index..<next])
                index = next
                if let bareLF = ending {
                    try takeSizeLine(bareLF: bareLF, endingAt: offset + (index - start), into: &events)
                }

            case .data(let remaining):
                // The whole run at once: this is the path that carries large bodies.
                let count = min(remaining, input.endIndex - index)
                events.append(.body(input[index..<(index + count)]))
                index += count
                bodyBytes += count
                state = count == remaining ? .dataEnd(sawCR: false) : .data(remaining: remaining - count)

            case .dataEnd(let sawCR):
                let byte = input[index]
                if byte == ParserByte.lf {
                    if !sawCR {
                        let bareLF = ProtocolViolation(.bareLF, at: here)
                        guard lenient else {
                            throw failure(
                                .badLineEnding, bareLF, MessageParseError.offending([], input[index...]), at: here)
                        }
                        toleratedLines.append(bareLF)
                    }
                    events.append(.chunkEnd(raw: sawCR ? [ParserByte.cr, ParserByte.lf] : [ParserByte.lf]))
                    index += 1
                    state = .sizeLine
                } else if byte == ParserByte.cr && !sawCR {
                    index += 1
                    state = .dataEnd(sawCR: true)
                } else {
                    let seen: [UInt8] = sawCR ? [ParserByte.cr] : []
                    throw failure(
                        .badChunkTerminator, ProtocolViolation(.chunkDataEnd, at: here - seen.count),
                        MessageParseError.offending(seen[...], input[index...]), at: here - seen.count)
                }

            case .trailers:
                var reader =
                    trailerReader
                    ?? FieldSectionReader(role: trailerRole, limits: limits, lenient: lenient, offset: here)
                do throws(MessageParseError) {
                    index = try reader.consume(input, from: index)
                } catch {
                    failureOffset = reader.failureOffset
                    trailerReader = reader
                    throw error
                }
                if reader.isComplete {
                    toleratedLines += reader.tolerated
                    events.append(.trailers(reader.fields, raw: reader.raw))
                    trailerReader = nil
                    state = .done
                } else {
                    trailerReader = reader
                }

            case .done:
                return index
            }
        }
        return index
    }

    /// The error for a connection that closed before the body ended; `peer` sent the body.
    func closedError(peer: String = "server") -> MessageParseError {
        let message: String
        var offending: [UInt8] = []
        switch state {
        case .sizeLine:
            message =
                """
                the \(peer) closed the connection in a chunked body after \(chunkCount) \
                \(chunkCount == 1 ? "chunk" : "chunks") (\(bodyBytes) body bytes), before the last, zero-size chunk
                """
            offending = Array(line.prefix(MessageParseError.maxOffendingBytes))
        case .data(let remaining):
            message =
                """
                the \(peer) closed the connection after \(chunkSize - remaining) of \(chunkSize) bytes of chunk \
                \(chunkCount)
                """
        case .dataEnd:
            message = "the \(peer) closed the connection before the line ending after the data of chunk \(chunkCount)"
        case .trailers:
            message = "the \(peer) closed the connection before the blank line that ends a chunked body"
            offending = Array((trailerReader?.raw ?? []).prefix(MessageParseError.maxOffendingBytes))
        case .done:
            message = "the \(peer) closed the connection after a complete chunked body"
        }
        return MessageParseError(kind: .closedMidBody, message: message, offendingBytes: offending)
    }

    private mutating func takeSizeLine(
        bareLF: Bool, endingAt end: Int, into events: inout [MessageEvent]
    ) throws(MessageParseError) {
        let contentLength: Int
        do throws(ProtocolViolation) {
            if bareLF {
                let violation = ProtocolViolation(.bareLF, at: lineOffset + line.count - 1)
                guard lenient else { throw violation }
                toleratedLines.append(violation)
            }
            do throws(ProtocolViolation) {
                contentLength = try sizeLine.finish()
            } catch {
                throw error.shifted(by: lineOffset)
            }
        } catch {
            let kind: MessageParseError.Kind =
                error.rule == .bareCR || error.rule == .bareLF ? .badLineEnding : .badChunkSize
            throw failure(kind, error, line, at: lineOffset)
        }
        let size = sizeLine.size
        let extensions = sizeLine.extensions(in: line, contentLength: contentLength)
        events.append(.chunkSize(size, extensions: extensions, raw: line))
        line = []
        chunkCount += 1
        if size == 0 {
            state = .trailers
            trailerReader = FieldSectionReader(role: trailerRole, limits: limits, lenient: lenient, offset: end)
        } else {
            chunkSize = size
            state = .data(remaining: size)
        }
    }

    private mutating func failure(
        _ kind: MessageParseError.Kind, _ message: String, _ offending: [UInt8], at offset: Int
    ) -> MessageParseError {
        failureOffset = offset
        return MessageParseError(kind: kind, message: message, offendingBytes: offending)
    }

    private mutating func failure(
        _ kind: MessageParseError.Kind, _ violation: ProtocolViolation, _ offending: [UInt8], at offset: Int
    ) -> MessageParseError {
        var error = failure(kind, violation.sentence, offending, at: offset)
        error.violation = violation
        return error
    }
}
