import Testing

@testable import SockshellCore

/// The detach-key proxy against moby/term's `escapeProxy`, case by case (what moby's Read returns for the
/// same bytes is written beside each case).
struct LiveDetachKeyProxyTests {
    private func keys(_ text: String) throws -> DetachKeys { try DetachKeys(parsing: text) }
    private let ctrlP: UInt8 = 0x10
    private let ctrlQ: UInt8 = 0x11

    /// Feeds each chunk in turn; returns everything forwarded and whether it detached.
    private func run(_ keys: DetachKeys, _ chunks: [[UInt8]]) -> (forward: [UInt8], detached: Bool) {
        var proxy = DetachKeyProxy(keys: keys)
        var forward: [UInt8] = []
        var detached = false
        for chunk in chunks {
            let step = proxy.feed(chunk[...])
            forward += step.forward
            detached = step.detached
        }
        return (forward, detached)
    }

    @Test func ordinaryBytesPassAtOnce() {
        var proxy = DetachKeyProxy(keys: .standard)
        let step = proxy.feed(Array("ls -l\r".utf8)[...])
        #expect(step.forward == Array("ls -l\r".utf8))
        #expect(!step.detached)
        #expect(proxy.heldBytes.isEmpty)
    }

    @Test func aPartialMatchIsHeldBackUntilTheNextByte() {
        var proxy = DetachKeyProxy(keys: .standard)
        let first = proxy.feed([0x61, ctrlP][...])
        #expect(first.forward == [0x61])
        #expect(proxy.heldBytes == [ctrlP])
        // moby: the held Ctrl-P comes back in front of the byte that broke the match.
        let second = proxy.feed([0x62][...])
        #expect(second.forward == [ctrlP, 0x62])
        #expect(!second.detached)
        #expect(proxy.heldBytes.isEmpty)
    }

    @Test func theWholeSequenceDetachesAndIsNotSent() {
        var proxy = DetachKeyProxy(keys: .standard)
        let step = proxy.feed([0x61, ctrlP, ctrlQ, 0x62, 0x63][...])
        // moby returns the bytes before the sequence with EscapeError; the rest of the read is lost.
        #expect(step.forward == [0x61])
        #expect(step.detached)
        #expect(proxy.isDetached)
        // moby: every later Read is EscapeError again, nothing read.
        let later = proxy.feed([0x64][...])
        #expect(later.forward.isEmpty)
        #expect(later.detached)
    }

    @Test func theSequenceSplitAtEveryOffsetStillDetaches() throws {
        let keys = try keys("ctrl-a,b,ctrl-c,d")
        let input: [UInt8] = Array("xy".utf8) + keys.bytes + Array("z".utf8)
        for cut in 0...input.count {
            let result = run(keys, [Array(input[..<cut]), Array(input[cut...])])
            #expect(result.forward == Array("xy".utf8), "cut at \(cut)")
            #expect(result.detached, "cut at \(cut)")
        }
        let byteByByte = run(keys, input.map { [$0] })
        #expect(byteByByte.forward == Array("xy".utf8))
        #expect(byteByByte.detached)
    }

    @Test func aBrokenMatchSplitAtEveryOffsetForwardsEveryByteOnceInOrder() throws {
        let keys = try keys("ctrl-a,b,ctrl-c")
        // The match is broken after two bytes: where moby's proxy would repeat the `b` when the first
        // read ends after ctrl-a (it prepends everything matched, including what is in the new read),
        // the bytes come out once.
        let input: [UInt8] = [0x78, 0x01, 0x62, 0x7A, 0x01, 0x79]
        for cut in 0...input.count {
            let result = run(keys, [Array(input[..<cut]), Array(input[cut...])])
            #expect(result.forward == input, "cut at \(cut)")
            #expect(!result.detached, "cut at \(cut)")
        }
    }

    @Test func theByteThatBreaksAMatchIsNotTriedAsANewStart() throws {
        // moby: a,a,b fed aaab: a a match, the third a breaks it and is passed over, b does not start
        // a match, so no detach and all four bytes are read.
        let doubled = try keys("a,a,b")
        #expect(run(doubled, [Array("aaab".utf8)]) == (Array("aaab".utf8), false))
        #expect(run(doubled, Array("aaab".utf8).map { [$0] }) == (Array("aaab".utf8), false))
        #expect(run(doubled, [Array("aab".utf8)]) == ([], true))
        // With the default keys, Ctrl-P Ctrl-P Ctrl-Q does not detach either (as in docker attach).
        let typed = run(.standard, [[ctrlP], [ctrlP], [ctrlQ]])
        #expect(typed.forward == [ctrlP, ctrlP, ctrlQ])
        #expect(!typed.detached)
        // After the break the next full sequence still detaches.
        let retried = run(.standard, [[ctrlP, 0x61, ctrlP, ctrlQ]])
        #expect(retried.forward == [ctrlP, 0x61])
        #expect(retried.detached)
    }

    @Test func aOneKeySequenceDetachesOnItsByte() throws {
        let result = run(try keys("ctrl-]"), [[0x61, 0x1D, 0x62]])
        #expect(result.forward == [0x61])
        #expect(result.detached)
    }

    @Test func anEmptyFeedChangesNothing() {
        var proxy = DetachKeyProxy(keys: .standard)
        _ = proxy.feed([ctrlP][...])
        let step = proxy.feed([][...])
        #expect(step.forward.isEmpty)
        #expect(!step.detached)
        #expect(proxy.heldBytes == [ctrlP])
    }
}
