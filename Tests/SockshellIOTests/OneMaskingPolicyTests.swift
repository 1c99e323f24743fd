import Foundation
import SockshellCore
import SockshellIO
import TestSupport
import Testing

/// One secret, masked by one policy: the line typed goes to history, the recording and
/// `export script`, the bytes sent go to the recording and HAR, and each place must hide it the same
/// way (the form the recorded bytes have always used: the scheme word kept, `Bearer ***`).
@Suite struct OneMaskingPolicyTests {
    static let secret = "s3cret-token"
    static let typed = "GET /_ping -H 'Authorization: Bearer \(secret)'"

    @Test func theSameSecretIsMaskedTheSameWayInHistoryARecordingHARAndExport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("one-masking-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let daemon = InProcessDaemon { _ in .json(#"{"ok":true}"#) }
        let sink = TimedSink()
        let session = ShellSession(
            endpoint: InProcessDaemon.endpoint, options: RenderOptions(view: .body), timeoutSeconds: 5, sink: sink,
            transport: daemon)
        defer { session.close() }
        let script = """
            record \(folder)/session.sks
            \(Self.typed)
            record stop
            export har \(folder)/session.har
            export script \(folder)/session-script.sks
            """
        let status = ScriptRunner.run(
            [ScriptRunner.Source(name: "test.sks", text: script)], session: session, sink: sink)
        #expect(status == .success, "\(sink.text)")
        #expect(
            daemon.requests.first?.value(of: "Authorization") == "Bearer \(Self.secret)",
            "the daemon gets the real value")

        // History keeps the line as `Repl` stores it.
        let history = CommandTextMasking.mask(Self.typed)
        let recording = try String(contentsOfFile: folder + "/session.sks", encoding: .utf8)
        let har = try String(contentsOfFile: folder + "/session.har", encoding: .utf8)
        let exported = try String(contentsOfFile: folder + "/session-script.sks", encoding: .utf8)
        let places = ["history": history, "recording": recording, "HAR": har, "export script": exported]
        for (place, text) in places {
            #expect(!text.contains(Self.secret), "\(place) holds the secret: \(text)")
        }
        #expect(history == "GET /_ping -H 'Authorization: Bearer ***'")
        #expect(exported.contains("\nGET /_ping -H 'Authorization: Bearer ***'\n"), "\(exported)")
        #expect(recording.contains("\nGET /_ping -H 'Authorization: Bearer ***'\n"), "the typed line: \(recording)")
        #expect(recording.contains("#> Authorization: Bearer ***\\r\\n"), "the bytes sent: \(recording)")
        #expect(har.contains(#""name" : "Authorization","#) || har.contains(#""name": "Authorization""#), "\(har)")
        #expect(har.contains(#""Bearer ***""#), "\(har)")
    }
}
