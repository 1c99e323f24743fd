import Testing

@testable import SockshellCore

struct DockerEventTests {
    static let stream = Array(
        (#"{"Type":"container","Action":"start","id":"a"}"# + "\n"
            + "not json\n"
            + #"{"status":"die","id":"b"}"# + "\n"
            + #"{"Type":"network","Action":"connect"}"# + "\n"
            + #"{"Type":"image","Action":"pull"}"#).utf8)
    static let expected = [
        DockerEvent(type: "container", action: "start"), DockerEvent(type: "container", action: "die"),
        DockerEvent(type: "network", action: "connect"),
    ]

    @Test func eachCompleteJSONLineWithAnActionIsAnEvent() {
        var lines = DockerEventLines()
        #expect(lines.feed(Self.stream) == Self.expected, "the last line has no newline yet")
        #expect(lines.feed([0x0A]) == [DockerEvent(type: "image", action: "pull")])
    }

    @Test func theSameEventsWhereverTheBodyIsSplit() {
        for cut in 0...Self.stream.count {
            var lines = DockerEventLines()
            let events = lines.feed(Self.stream[..<cut]) + lines.feed(Self.stream[cut...])
            #expect(events == Self.expected, "cut at \(cut)")
        }
        var lines = DockerEventLines()
        #expect(Self.stream.flatMap { lines.feed([$0]) } == Self.expected, "one byte at a time")
    }

    @Test func aLineLongerThanAnyEventIsDropped() {
        var lines = DockerEventLines()
        #expect(lines.feed([UInt8](repeating: 0x61, count: DockerEventLines.maxLineBytes + 1)).isEmpty)
        #expect(lines.feed(Array((#"{"Action":"x"}"# + "\n").utf8)) == [DockerEvent(type: "container", action: "x")])
    }
}
