import Testing

@testable import SockshellCore

/// The forgiving head split every display and edit path uses (JSON lines, HAR, masking, `edit`,
/// Content-Length fixing, the test servers).
struct MessageHeadTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("CRLF and bare LF lines, the blank line and where the body starts")
    func lines() {
        let input = bytes("POST /x HTTP/1.1\r\nHost: d\nContent-Length: 2\r\n\r\nhi")
        let head = MessageHead.split(input)
        #expect(head.lines.map { MessageHead.text(input, $0) } == ["POST /x HTTP/1.1", "Host: d", "Content-Length: 2"])
        #expect(head.blankLine == 45..<47)
        #expect(head.bodyStart == 47)
        #expect(head.fieldLines.count == 2)
        #expect(HeadEditing.headEnd(input)! == (44, 47))
    }

    @Test("empty lines before the start line are skipped; a head that never ends has no body")
    func unfinished() {
        let input = bytes("\r\nGET / HTTP/1.1\r\nHost: d\r\nX-Cut: ha")
        let head = MessageHead.split(input)
        #expect(head.lines.map { MessageHead.text(input, $0) } == ["GET / HTTP/1.1", "Host: d", "X-Cut: ha"])
        #expect(head.bodyStart == nil)
        #expect(head.linesEnd == 27)
        #expect(head.fieldLines.map { MessageHead.text(input, $0) } == ["Host: d"])
        #expect(HeadEditing.headEnd(input) == nil)
        #expect(MessageHead.split([]).lines.isEmpty)
    }

    @Test("a bare-LF blank line ends the head as a CRLF one does")
    func bareLFBlankLine() {
        let input = bytes("HTTP/1.1 200 OK\nA: b\n\nbody\r\n\r\n")
        #expect(MessageHead.split(input).bodyStart == 22)
        #expect(HeadEditing.headEnd(input)! == (20, 22))
    }
}
