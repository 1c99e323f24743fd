import Foundation
import SockshellCore
import SockshellIO
import TestSupport
import Testing

/// A shell session against the throwaway test daemon, with helpers to run command lines.
final class DaemonSession {
    let sink = TimedSink()
    let session: ShellSession

    init(view: ViewMode = .wire) throws {
        let host = try #require(
            TestDaemon.host, "scripts/test starts the test daemon and sets \(TestDaemon.environmentVariable)")
        session = ShellSession(
            endpoint: try Endpoint(parsing: host), options: RenderOptions(view: view), timeoutSeconds: 30, sink: sink)
    }

    deinit { session.close() }

    /// Runs one command (JSON bodies may span lines) and returns the exchange's outcome.
    @discardableResult
    func run(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> FinishedExchange? {
        var assembler = LineAssembler()
        var completed: Command?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let result = try assembler.add(line: String(line), number: index + 1) { completed = result.command }
        }
        let command = try #require(completed, "the text must be one whole command", sourceLocation: sourceLocation)
        let before = session.records.count
        let step = session.execute(command)
        #expect(step == .proceed, "\(text) → \(sink.diagnostics)", sourceLocation: sourceLocation)
        return session.records.count > before ? session.lastOutcome : nil
    }

    /// The decoded body of the last exchange, from its recorded bytes.
    func lastBody() throws -> String {
        let record = try #require(session.lastOutcome?.record)
        return String(decoding: record.responseBody, as: UTF8.self)
    }

    /// A JSON string field of the last body, e.g. `Id`.
    func lastJSONField(_ name: String) throws -> String {
        let body = try lastBody()
        let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return try #require(object?[name] as? String, "no \(name) in \(body)")
    }
}

/// A unique container name for a test, so parallel tests and reruns don't collide.
func uniqueName(_ stem: String) -> String {
    "sockshell-test-\(stem)-\(UInt32.random(in: 0...UInt32.max))"
}

/// The create body every test container uses: labelled for clean-up, on no network.
func createBody(cmd: [String] = ["sleep", "30"], extra: String = "") -> String {
    let command = cmd.map { "\"\($0)\"" }.joined(separator: ",")
    return
        #"{"Image":"busybox","Cmd":[\#(command)],"Labels":{"\#(TestDaemon.label)":"1"},"HostConfig":"#
        + #"{"NetworkMode":"none"}\#(extra)}"#
}
