import Testing

@testable import SockshellCore

/// `--detach-keys` as moby/term's `ToBytes` reads it.
struct LiveDetachKeysTests {
    private func bytes(_ text: String) throws -> [UInt8] {
        try DetachKeys(parsing: text).bytes
    }

    @Test func theStandardKeysAreCtrlPThenCtrlQ() throws {
        #expect(DetachKeys.standard.bytes == [0x10, 0x11])
        #expect(DetachKeys.standard.text == "ctrl-p,ctrl-q")
        #expect(try DetachKeys(parsing: "ctrl-p,ctrl-q") == .standard)
    }

    @Test func everyControlNameIsItsByte() throws {
        #expect(try bytes("ctrl-@") == [0x00])
        #expect(try bytes("ctrl-a") == [0x01])
        #expect(try bytes("ctrl-z") == [0x1A])
        #expect(try bytes("ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_") == [0x1B, 0x1C, 0x1D, 0x1E, 0x1F])
        #expect(try bytes("DEL") == [0x7F])
    }

    @Test func aSingleCharacterIsThatByteAsTyped() throws {
        #expect(try bytes("q") == [0x71])
        #expect(try bytes("Q") == [0x51])
        #expect(try bytes("ctrl-x,q") == [0x18, 0x71])
        // One byte, any byte: a space, a digit, a dash.
        #expect(try bytes(" ,1,-") == [0x20, 0x31, 0x2D])
        #expect(try DetachKeys(parsing: "ctrl-x,q").text == "ctrl-x,q")
    }

    @Test(arguments: [
        "ctrl-P",  // moby's names are lower case
        "Ctrl-p",
        "del",  // DEL is upper case
        "ctrl-1",
        "ctrl-",
        "é",  // one character but two bytes: moby tests the length in bytes
        "",  // Go's Split keeps the empty field
        "ctrl-p,",
        ",q",
        "ctrl-p, ctrl-q",  // no trimming
        "pq",
    ])
    func keysDockerRefusesAreRefused(text: String) {
        #expect(throws: DetachKeysError.self) { try DetachKeys(parsing: text) }
    }

    @Test func theErrorNamesTheKeyAndTheAcceptedForms() {
        #expect(throws: DetachKeysError.self) { try DetachKeys(parsing: "ctrl-1,q") }
        do {
            _ = try DetachKeys(parsing: "ctrl-1,q")
        } catch {
            #expect(error.key == "ctrl-1")
            #expect(
                error.message
                    == """
                    unknown detach key 'ctrl-1' in 'ctrl-1,q': use ctrl-a..ctrl-z, ctrl-@, ctrl-[, ctrl-\\, ctrl-], \
                    ctrl-^, ctrl-_, DEL or one character, comma-separated (docker's --detach-keys format, e.g. ctrl-x,q)
                    """)
        }
    }
}
