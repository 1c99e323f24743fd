import Foundation
import TestSupport
import Testing

/// History masks credentials on disk only: in the session, Up + Enter sends the secret as typed;
/// after a restart the recalled line holds `***`, and sockshell refuses to send the mask.
@Suite("MaskedHistoryTests")
struct MaskedHistoryTests {
    /// Every request head the server read, in order; answers 204 to each.
    private final class Heads: @unchecked Sendable {
        // @unchecked Sendable: `heads` is only touched while holding `lock`.
        private let lock = NSLock()
        private var heads: [String] = []
        func add(_ head: String) { lock.withLock { heads.append(head) } }
        var withoutPings: [String] { lock.withLock { heads.filter { !$0.hasPrefix("GET /_ping ") } } }
    }

    private func start(_ server: FaultServer, home: String) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(
            executable: SockshellProcess.binaryPath, arguments: ["-H", server.host],
            environment: ["HOME": home, "NO_COLOR": "1", "XDG_STATE_HOME": "", "EDITRC": "/nonexistent"], cols: 200)
        try terminal.waitFor("sock> ")
        return terminal
    }

    @Test func upAndEnterSendsTheRealSecretInTheSessionAndRefusesTheMaskAfterARestart() throws {
        let heads = Heads()
        let server = try FaultServer { connection in
            while let head = connection.readRequestHead(timeout: 10) {
                heads.add(String(decoding: head, as: UTF8.self))
                connection.write("HTTP/1.1 204 No Content\r\n\r\n")
            }
        }
        defer { server.stop() }
        let home = try ReplTests.freshHome()

        let first = try start(server, home: home)
        try first.sendLine("GET /secret -H 'X-Registry-Auth: c2VjcmV0LXRva2Vu'")
        try first.waitFor("* #1 204 No Content")
        try first.press(.up)
        try first.waitFor("GET /secret -H 'X-Registry-Auth: c2VjcmV0LXRva2Vu'")
        try first.press(.enter)
        try first.waitFor("* #2 204 No Content")
        try first.press(.ctrlD)
        #expect(first.waitForExit() == 0)
        #expect(heads.withoutPings.count == 2)
        #expect(
            heads.withoutPings.allSatisfy { $0.contains("X-Registry-Auth: c2VjcmV0LXRva2Vu\r\n") },
            "\(heads.withoutPings)")

        let stored = try String(contentsOfFile: home + "/.local/state/sockshell/history", encoding: .utf8)
        #expect(!stored.contains("c2VjcmV0LXRva2Vu"), "the history file holds the secret: \(stored)")

        let second = try start(server, home: home)
        try second.press(.up)
        try second.waitFor("X-Registry-Auth: ***")
        try second.press(.enter)
        try second.waitFor(
            """
            not sent: the X-Registry-Auth header holds ***, the mask that history and recordings keep in place of a \
            credential; type the real value, or write ${env:NAME}
            """
        )
        try second.waitFor("sock> ")
        try second.sendLine("GET /after")
        // The refused line was given number 1.
        try second.waitFor("* #2 204 No Content")
        try second.press(.ctrlD)
        #expect(second.waitForExit() == 0)
        #expect(heads.withoutPings.count == 3, "the masked line reached the server: \(heads.withoutPings)")
        #expect(heads.withoutPings.last?.hasPrefix("GET /after ") == true)
    }

    @Test func aScriptLineWithTheMaskIsRefusedWithExitStatusOne() throws {
        let heads = Heads()
        let server = try FaultServer { connection in
            while let head = connection.readRequestHead(timeout: 10) {
                heads.add(String(decoding: head, as: UTF8.self))
                connection.write("HTTP/1.1 204 No Content\r\n\r\n")
            }
        }
        defer { server.stop() }
        let result = try SockshellProcess.run(
            ["-H", server.host, "-c", "header Authorization: Bearer ***", "-c", "GET /x"], timeout: 20)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == """
                sockshell: not sent: the Authorization header holds ***, the mask that history and recordings \
                keep in place of a credential; type the real value, or write ${env:NAME} to take it from the \
                environment\n
                """
        )
        #expect(heads.withoutPings.isEmpty)
    }
}
