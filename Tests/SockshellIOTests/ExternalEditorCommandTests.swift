import SockshellIO
import Testing

/// The editor runs as our child itself (`exec`), so Ctrl-Z's stop that `edit` waits for is its own.
@Suite struct ExternalEditorCommandTests {
    @Test func theEditorReplacesTheShell() {
        #expect(ExternalEditor.shellCommand("code --wait") == #"exec code --wait "$1""#)
    }

    @Test func aLeadingAssignmentKeepsTheShell() {
        #expect(ExternalEditor.shellCommand("LANG=C vi") == #"LANG=C vi "$1""#)
    }
}
