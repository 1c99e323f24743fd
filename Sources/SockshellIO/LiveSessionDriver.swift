import SockshellCore

/// Reads a live session's lines in line mode, with its output shown above the line being typed:
/// the shell's line editor, given by the executable.
public protocol LiveLineReading: AnyObject {
    /// One line, or why there is none. `outputDescriptor` is readable when `takeOutput` has output
    /// to show; `endDescriptor` becomes readable when the stream has ended (the read returns
    /// `.streamEnded`); the detach keys end the read with `.detached`.
    func readLiveLine(
        prompt: String, outputDescriptor: Int32, takeOutput: @escaping () -> [UInt8], endDescriptor: Int32,
        detachKeys: DetachKeys
    ) -> LiveLine
}

/// What a live line read gave.
public enum LiveLine: Equatable {
    case line(String)
    /// Ctrl-D on an empty line, or the end of input.
    case end
    /// Ctrl-C: sent to the container as the interrupt byte.
    case interrupted
    case detached
    case streamEnded
    case terminated
}

/// Where the session's live input comes from, as the executable knows it: the interactive shell
/// has the terminal, `-c` has standard input, a script has only its own lines.
public enum LiveInputPolicy {
    /// The interactive shell; the line editor reads a line session's lines.
    case terminal(LiveLineReading)
    /// `-c`: standard input is the user's, a terminal (then read as it is, cooked) or a pipe.
    case standardInput
    /// A script, or commands read from standard input: the session gets no input (its write side
    /// is half-closed at once, as the docker CLI does without `-i`) and runs until the stream ends.
    case script

    /// Whether a person types at a terminal: `exec` then asks for a TTY, as `docker exec -it` would.
    var hasTerminal: Bool {
        switch self {
        case .terminal: return true
        case .standardInput: return isatty(0) == 1
        case .script: return false
        }
    }

    func source(tty: Bool) -> LiveInputSource {
        switch self {
        case .terminal(let reader): return tty ? .keys : .lines(reader)
        case .standardInput: return tty && isatty(0) == 1 ? .keys : .pipe
        case .script: return .scripted
        }
    }
}

/// Where a live session's input comes from.
enum LiveInputSource {
    /// The terminal in raw mode: every key is sent (a TTY session).
    case keys
    /// The line editor: each line is sent with its `\n` (a session without a TTY).
    case lines(LiveLineReading)
    /// Standard input is a pipe or a file: copied as it is, then the connection is half-closed.
    case pipe
    /// No input: half-closed at once, the output shown until the stream ends.
    case noInput
    /// A script's: the session stays open while the script goes on, driven by its `send`,
    /// `expect output` and `close`.
    case scripted
}

/// Runs the terminal side of a live session until it ends: input to the connection, output to the
/// terminal, the detach keys, Ctrl-C, resizes and every way out with the terminal put back.
struct LiveSessionDriver {
    let live: LiveExchange
    let detachKeys: DetachKeys
    /// Writes to the terminal (standard output).
    let write: ([UInt8]) -> Void
    /// Called with the terminal's size when a TTY session starts and on every resize.
    let resize: (WindowSize) -> Void

    /// Room for one read of keys or of a piped stdin.
    static let inputChunkBytes = 64 * 1024

    /// Drives the session from `source`; returns how it ended and the exchange's outcome.
    func run(from source: LiveInputSource) -> (LiveSessionEnding, FinishedExchange) {
        switch source {
        case .keys:
            // Under -c nothing caught them yet: SIGTERM and SIGHUP must end a raw session with the
            // terminal given back (not the default death), and SIGWINCH must reach it.
            Cancellation.installTermination()
            TerminalSignals.install()
            guard let terminal = RawTerminal.enter() else { return copy(descriptor: 0, raw: false) }
            defer { terminal.restore() }
            if let size = RawTerminal.size() { resize(size) }
            return copy(descriptor: TerminalInput.descriptor, raw: true)
        case .pipe:
            return copy(descriptor: 0, raw: false)
        case .lines(let reader):
            return readLines(reader)
        case .noInput, .scripted:
            live.input.end()
            let (outcome, stoppedBy) = live.finish(onOutput: write)
            return (stoppedBy ?? ending(after: outcome, inputEnded: true), outcome)
        }
    }

    /// Keys (raw) or a pipe, copied to the connection as they come.
    private func copy(descriptor: Int32, raw: Bool) -> (LiveSessionEnding, FinishedExchange) {
        var proxy = DetachKeyProxy(keys: detachKeys)
        var inputEnded = false
        var chunk = [UInt8](repeating: 0, count: Self.inputChunkBytes)
        var refresh = DisplayRefresh()
        while true {
            // A termination another wait took (a resize call's) leaves no byte in the pipe.
            if Cancellation.terminationSignal != nil { return (.terminated, live.stop(onOutput: write)) }
            if refresh.isDue {
                let bytes = live.output.take()
                if !bytes.isEmpty {
                    write(bytes)
                    refresh.shown()
                }
            }
            if let outcome = live.outcome {
                write(live.output.take())
                return (ending(after: outcome, inputEnded: inputEnded), outcome)
            }
            var waiter = DescriptorWaiter()
            // A piped stdin is read only as fast as the connection takes it.
            let takesInput = !inputEnded && live.input.queuedBytes < TunnelInput.maxQueuedBytes
            let keys = waiter.watch(takesInput ? descriptor : -1)
            // Output shown a moment ago waits for the refresh; the end still wakes at once.
            let showsNow = refresh.isDue
            waiter.watch(showsNow ? live.output.descriptor : -1)
            waiter.watch(live.endDescriptor)
            let interrupt = waiter.watch(Cancellation.interruptSignal.descriptor)
            let signals = waiter.watch(raw ? TerminalSignals.descriptor : -1)
            // A full input queue is looked at again shortly; everything else wakes the wait.
            var deadline: UInt64? =
                takesInput || inputEnded ? nil : Posix.monotonicNanoseconds() + Self.queueRecheckNanoseconds
            if !showsNow { deadline = min(deadline ?? .max, refresh.nextShow) }
            _ = try? waiter.wait(until: deadline)
            if waiter.isReady(interrupt) {
                Cancellation.interruptSignal.acknowledge()
                if Cancellation.terminationSignal != nil { return (.terminated, live.stop(onOutput: write)) }
                // A Ctrl-C from outside (kill -INT) in a raw session: the container gets it.
                if raw { live.input.send([0x03]) } else { return (.interrupted, live.stop(onOutput: write)) }
            }
            if waiter.isReady(signals), TerminalSignals.take().contains(.resized), let size = RawTerminal.size() {
                resize(size)
            }
            guard waiter.isReady(keys) else { continue }
            let count: Int?
            do throws(Errno) {
                count =
                    raw ? try TerminalInput.read(into: &chunk) : try Posix.readSome(from: descriptor, into: &chunk)
            } catch {
                count = 0
            }
            guard let count else { continue }
            if count == 0 {
                live.input.send(proxy.heldBytes)
                live.input.end()
                inputEnded = true
                continue
            }
            guard raw else {
                live.input.send(Array(chunk[0..<count]))
                continue
            }
            let (forward, detached) = proxy.feed(chunk[0..<count])
            live.input.send(forward)
            if detached { return (.detached(keys: detachKeys.text), live.stop(onOutput: write)) }
        }
    }

    /// How often a session whose input queue is full looks whether the connection took some.
    static let queueRecheckNanoseconds: UInt64 = 10_000_000

    /// Line mode: each line read is sent with its LF; the output shows above the line.
    private func readLines(_ reader: LiveLineReading) -> (LiveSessionEnding, FinishedExchange) {
        let output = live.output
        switch Self.sendLines(
            from: reader, to: live.input, outputDescriptor: output.descriptor, takeOutput: { output.take() },
            endDescriptor: live.endDescriptor, detachKeys: detachKeys)
        {
        case .end:
            let (outcome, stoppedBy) = live.finish(onOutput: write)
            return (stoppedBy ?? ending(after: outcome, inputEnded: true), outcome)
        case .detached:
            return (.detached(keys: detachKeys.text), live.stop(onOutput: write))
        case .terminated:
            return (.terminated, live.stop(onOutput: write))
        default:
            let (outcome, stoppedBy) = live.finish(onOutput: write)
            return (stoppedBy ?? ending(after: outcome, inputEnded: false), outcome)
        }
    }

    /// The line-mode loop, for a session and for `fg N` alike: each line goes to `input` with its
    /// LF and Ctrl-C as the interrupt byte, until the input ends (then half-closed), the stream
    /// ends, the detach keys or SIGTERM; that last read is returned.
    static func sendLines(
        from reader: LiveLineReading, to input: TunnelInput, outputDescriptor: Int32,
        takeOutput: @escaping () -> [UInt8], endDescriptor: Int32, detachKeys: DetachKeys
    ) -> LiveLine {
        while true {
            let read = reader.readLiveLine(
                prompt: "", outputDescriptor: outputDescriptor, takeOutput: takeOutput, endDescriptor: endDescriptor,
                detachKeys: detachKeys)
            switch read {
            case .line(let text):
                input.send(Array((text + "\n").utf8))
            case .interrupted:
                input.send([0x03])
            case .end:
                input.end()
                return read
            case .streamEnded, .detached, .terminated:
                return read
            }
        }
    }

    private func ending(after outcome: FinishedExchange, inputEnded: Bool) -> LiveSessionEnding {
        if let failure = outcome.failure { return .failed(failure.message) }
        if outcome.interrupted { return .interrupted }
        return inputEnded ? .halfClosedThenClosed : .remoteClosed
    }
}
