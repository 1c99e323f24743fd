import CPseudoTerminal
import Foundation
import SockshellIO
import Testing

/// Keys read after a poll: Ctrl-C flushes the terminal's input queue, so a key poll reported can
/// be gone when the read runs. That read must come back at once, not wait for the next key.
@Suite struct TerminalInputTests {
    /// A pseudo-terminal pair in the line editor's mode: keys one at a time, unechoed, with
    /// Ctrl-C as a signal (ISIG) that flushes the input queue.
    final class Pair {
        let master: Int32
        let slave: Int32

        init() throws {
            var master: Int32 = -1
            var slave: Int32 = -1
            // The slave is nobody's controlling terminal: Ctrl-C then signals nobody and only its
            // flush is left, which is the part under test.
            guard pty_open_pair(&master, &slave) == 0 else { throw Failure("no pseudo-terminal: errno \(errno)") }
            self.master = master
            self.slave = slave
            var modes = termios()
            tcgetattr(slave, &modes)
            modes.c_lflag &= ~tcflag_t(ICANON | ECHO)
            modes.c_lflag |= tcflag_t(ISIG)
            withUnsafeMutableBytes(of: &modes.c_cc) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
                cc[Int(VINTR)] = 0x03
            }
            tcsetattr(slave, TCSANOW, &modes)
            // Packet mode: the master hears of each flush of the slave's input, the event to wait on.
            var on: Int32 = 1
            _ = ioctl(master, UInt(TIOCPKT), &on)
        }

        /// Waits until the terminal driver reports it emptied the slave's input queue.
        func waitForInputFlush(timeoutMilliseconds: Int32 = 10_000) -> Bool {
            while true {
                var entry = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                guard poll(&entry, 1, timeoutMilliseconds) == 1 else { return false }
                var packet = [UInt8](repeating: 0, count: 64)
                let count = packet.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
                guard count > 0 else { return false }
                if packet[0] & UInt8(TIOCPKT_FLUSHREAD) != 0 { return true }
            }
        }

        func type(_ bytes: [UInt8]) {
            _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        }

        /// Bytes waiting in the slave's input queue.
        func queued() -> Int32 {
            var count: Int32 = 0
            _ = ioctl(slave, UInt(FIONREAD), &count)
            return count
        }

        deinit {
            close(slave)
            close(master)
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// What the read on the other thread returned.
    final class ReadOutcome: @unchecked Sendable {
        private let lock = NSLock()
        private var value: (count: Int, errno: Int32)?
        let done = DispatchSemaphore(value: 0)
        func set(_ count: Int, _ code: Int32) {
            lock.withLock { value = (count, code) }
            done.signal()
        }
        var result: (count: Int, errno: Int32)? { lock.withLock { value } }
    }

    @Test func aKeyFlushedByCtrlCAfterPollReportedItLeavesTheReadReturningAtOnce() throws {
        let pair = try Pair()
        let keys = TerminalInput.nonBlockingDescriptor(for: pair.slave)
        defer { if keys != pair.slave { close(keys) } }

        // Esc arrives and poll reports it, as in the line editor's wait...
        pair.type([0x1B])
        var entry = pollfd(fd: keys, events: Int16(POLLIN), revents: 0)
        #expect(poll(&entry, 1, 10_000) == 1, "poll must report the Esc")
        // ...then Ctrl-C, before the read runs: the terminal driver empties the input queue.
        pair.type([0x03])
        #expect(pair.waitForInputFlush(), "Ctrl-C must flush the queued Esc")
        #expect(pair.queued() == 0)

        // The read that follows the poll comes back with nothing instead of waiting for a key.
        let outcome = ReadOutcome()
        let descriptor = keys
        Thread.detachNewThread {
            var byte: UInt8 = 0
            let count = read(descriptor, &byte, 1)
            outcome.set(count, errno)
        }
        if outcome.done.wait(timeout: .now() + 5) == .timedOut {
            // It blocked (the shell would hang here): a key ends it so the test can report.
            pair.type([UInt8(ascii: "x")])
            outcome.done.wait()
        }
        let result = try #require(outcome.result)
        #expect(result.count == -1 && result.errno == EAGAIN, "the read blocked until the next key: \(result)")
    }

    @Test func theTerminalSharedWithOtherProgramsStaysBlocking() throws {
        let pair = try Pair()
        let keys = TerminalInput.nonBlockingDescriptor(for: pair.slave)
        defer { if keys != pair.slave { close(keys) } }
        #expect(keys != pair.slave, "a descriptor of its own, not the one the shell and the editor share")
        #expect(fcntl(pair.slave, F_GETFL) & O_NONBLOCK == 0)
    }

    @Test func aPipeIsUsedAsItIs() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer {
            close(ends[0])
            close(ends[1])
        }
        #expect(TerminalInput.nonBlockingDescriptor(for: ends[0]) == ends[0])
    }
}
