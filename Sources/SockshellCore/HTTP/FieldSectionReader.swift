/// Collects a response head (status line, header fields, blank line) or a chunked body's trailer
/// section (fields, blank line) from bytes that arrive in pieces, keeping the bytes as sent.
struct FieldSectionReader: Sendable {
    enum Role: Sendable {
        case responseHead
        case trailers
    }

    let role: Role
    let limits: HTTPLimits
    /// Where the section's first byte lies in the whole response, for error positions.
    let offset: Int
    /// Every byte of the section so far, line endings included.
    private(set) var raw: [UInt8] = []
    private(set) var statusLine: ResponseStatusLine?
    private(set) var fields: [HeaderField] = []
    /// Where each field's line (line ending included) lies in `raw`, parallel to `fields`.
    private(set) var fieldLineRanges: [Range<Int>] = []
    /// True once the blank line that ends the section has been taken.
    private(set) var isComplete = false
    /// After a thrown error: where the offending bytes start in the whole response.
    private(set) var failureOffset = 0
    private var lineStart = 0

    init(role: Role, limits: HTTPLimits, offset: Int) {
        self.role = role
        self.limits = limits
        self.offset = offset
    }

    private var sectionName: String { role == .responseHead ? "header" : "trailer" }

    /// Takes bytes from `input[index...]` up to the end of the section; returns the index after the
    /// last byte taken (`input.endIndex` unless the section completed).
    mutating func consume(_ input: ArraySlice<UInt8>, from index: Int) throws(ResponseParseError) -> Int {
        var index = index
        while index < input.endIndex && !isComplete {
            if role == .responseHead && statusLine == nil {
                try checkStatusLinePrefix(input, from: index)
            }
            let outcome = LineCollector.collect(
                from: input, at: index, into: &raw, lineStart: lineStart,
                maxContent: limits.maxHeaderLineBytes, maxBuffer: limits.maxHeadBytes)
            switch outcome {
            case .complete(let next):
                index = next
                try takeLine()
                lineStart = raw.count
            case .incomplete:
                index = input.endIndex
            case .lineTooLong:
                let what = role == .responseHead && statusLine == nil ? "the status line" : "a \(sectionName) line"
                throw failure(
                    .headerLineTooLong,
                    "\(what) is longer than the limit of \(limits.maxHeaderLineBytes) bytes",
                    raw[lineStart...], input[index...])
            case .bufferFull:
                let what = role == .responseHead ? "the response head" : "the trailer section"
                throw failure(
                    .headSectionTooLarge, "\(what) is larger than the limit of \(limits.maxHeadBytes) bytes",
                    raw[lineStart...], input[index...])
            }
        }
        return index
    }

    /// The bytes of one field's line as sent, line ending included.
    func rawLine(ofField index: Int) -> ArraySlice<UInt8> {
        fieldLineRanges.indices.contains(index) ? raw[fieldLineRanges[index]] : []
    }

    /// Where one field's line starts in the whole response.
    func offset(ofField index: Int) -> Int {
        offset + (fieldLineRanges.indices.contains(index) ? fieldLineRanges[index].lowerBound : 0)
    }

    /// Rejects a first line that cannot become a status line as soon as its first bytes show it
    /// (an SSH banner, a TLS record), rather than after a line ending or a limit.
    private mutating func checkStatusLinePrefix(_ input: ArraySlice<UInt8>, from index: Int) throws(ResponseParseError) {
        // Only bytes no limit can reject are judged here, so the error does not depend on how reads split.
        let checked = min(ResponseStatusLine.checkedPrefixLength, limits.maxHeaderLineBytes, limits.maxHeadBytes)
        guard raw.count - lineStart < checked else { return }
        let rest = input[index...].prefix(ResponseParseError.maxOffendingBytes)
        let following = rest.firstIndex(of: ParserByte.lf).map { rest[...$0] } ?? rest
        var prefix = Array(raw[lineStart...])
        for byte in following.prefix(checked - prefix.count) where byte != ParserByte.lf {
            prefix.append(byte)
        }
        do throws(LineProblem) {
            try ResponseStatusLine.checkPrefix(prefix[...])
        } catch {
            throw failure(.malformedStatusLine, error.message, raw[lineStart...], following)
        }
    }

    private mutating func takeLine() throws(ResponseParseError) {
        let line = raw[lineStart...]
        let content = LineCollector.content(of: line)
        if role == .responseHead && statusLine == nil {
            do throws(LineProblem) {
                statusLine = try ResponseStatusLine.parse(content)
            } catch {
                throw failure(.malformedStatusLine, error.message, line)
            }
            return
        }
        if content.isEmpty {
            isComplete = true
            return
        }
        if fields.count >= limits.maxHeaderCount {
            throw failure(
                .tooManyHeaders,
                "the \(role == .responseHead ? "response" : "trailer section") has more than \(limits.maxHeaderCount) \(sectionName) fields",
                line)
        }
        do throws(LineProblem) {
            fields.append(try FieldLine.parse(content, section: sectionName))
            fieldLineRanges.append(lineStart..<raw.count)
        } catch {
            throw failure(.malformedHeader, error.message, line)
        }
    }

    private mutating func failure(
        _ kind: ResponseParseError.Kind, _ message: String,
        _ buffered: ArraySlice<UInt8>, _ following: ArraySlice<UInt8> = []
    ) -> ResponseParseError {
        failureOffset = offset + lineStart
        return ResponseParseError(
            kind: kind, message: message, offendingBytes: ResponseParseError.offending(buffered, following))
    }
}
