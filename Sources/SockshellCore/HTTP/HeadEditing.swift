/// Small edits to a request's head that keep it consistent with its body.
public enum HeadEditing {
    /// Rewrites Content-Length to the length of the body after the blank line (if the head has one).
    public static func fixingContentLength(_ request: [UInt8]) -> [UInt8] {
        guard let split = headEnd(request) else { return request }
        let head = Array(request[..<split.headEnd])
        let bodyLength = request.count - split.bodyStart
        var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        for index in lines.indices {
            let line = lines[index]
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")),
                HeaderField.namesMatch(String(decoding: line[..<colon], as: UTF8.self), "content-length")
            else { continue }
            let carriageReturn = line.last == 0x0D
            lines[index] = Array(line[...colon]) + Array(" \(bodyLength)".utf8) + (carriageReturn ? [0x0D] : [])
        }
        return Array(lines.joined(separator: [0x0A])) + request[split.headEnd...]
    }

    /// Where the head's last line ends (its LF, before the blank line) and where the body starts.
    static func headEnd(_ bytes: [UInt8]) -> (headEnd: Int, bodyStart: Int)? {
        guard let blank = MessageHead.split(bytes).blankLine else { return nil }
        return (blank.lowerBound - 1, blank.upperBound)
    }
}
