import SockshellCore
import Synchronization

/// A foreground exchange that can become a live session (an attach, an exec start, anything sent
/// with `Upgrade`): it runs on its own thread and connection, so the main thread stays free for
/// the terminal (raw keys, the line editor, resize calls). What it renders waits in `output` for
/// the terminal; what the user types goes in through `input` once the stream has opened.
final class LiveExchange: Sendable {
    /// What the exchange thread learns from the response head, for the terminal side: whether it
    /// opened a stream.
    private final class Answer: Sendable {
        let opensStream = Mutex(false)
    }

    /// The stream's text as the process wrote it (stdout and stderr out of their frames), for a
    /// script's `expect output`: the newest `keptTextBytes`, counted from the stream's start.
    private final class StreamText: Sendable {
        struct State {
            var bytes: [UInt8] = []
            /// Bytes dropped from the front: `bytes[0]` is the stream's byte number `dropped`.
            var dropped = 0
            var frames = DockerStreamFrames()
        }
        let state = Mutex(State())
    }

    /// A script's `expect output` looks this far back: an interactive program's answers are short,
    /// and a stream nobody checks must not grow memory.
    static let keptTextBytes = 1024 * 1024

    let input: TunnelInput
    let output: LiveOutput
    private let exchange: BackgroundExchange
    private let answer: Answer
    private let text: StreamText

    private init(
        input: TunnelInput, output: LiveOutput, exchange: BackgroundExchange, answer: Answer, text: StreamText
    ) {
        self.input = input
        self.output = output
        self.exchange = exchange
        self.answer = answer
        self.text = text
    }

    /// Starts `request` on a new connection to `endpoint`; nil when the system refuses a thread or
    /// pipe. `onRun` hears every byte run (a recording); `display` is how the stream is shown.
    static func start(
        _ request: EncodedRequest, target: String, number: Int, endpoint: Endpoint, options: RenderOptions,
        display: LiveDisplay, frames framed: Bool, timeoutSeconds: Double, lenient: Bool, transport: any Transport,
        connectionNumbers: ConnectionNumbers,
        onRun: (@Sendable (ExchangeRecord.Direction, UInt64, ArraySlice<UInt8>) -> Void)?
    ) -> LiveExchange? {
        guard let input = TunnelInput(), let output = LiveOutput() else { return nil }
        let answer = Answer()
        let text = StreamText()
        let exchange = BackgroundExchange.start(
            endpoint: endpoint, timeoutSeconds: timeoutSeconds, lenient: lenient, transport: transport,
            connectionNumbers: connectionNumbers,
            body: { runner, headArrived in
                var renderer: any ExchangeRenderer = LiveSessionRenderer(
                    options: options, requestTarget: target, display: display)
                return runner.run(
                    request, target: target, number: number, renderer: &renderer,
                    onEvents: { events in
                        for event in events {
                            switch event {
                            case .head(let head, let framing, _):
                                answer.opensStream.withLock {
                                    $0 = LiveSessionRenderer.opensStream(head, framing: framing)
                                }
                                headArrived()
                            case .tunnel(let bytes):
                                Self.keep(bytes[...], in: text, framed: framed)
                            case .body(let bytes) where answer.opensStream.withLock({ $0 }):
                                Self.keep(bytes, in: text, framed: framed)
                            default:
                                break
                            }
                        }
                    },
                    onRun: onRun, tunnelInput: input
                ) { out in
                    output.append(out)
                    out.removeAll(keepingCapacity: true)
                }
            })
        guard let exchange else { return nil }
        return LiveExchange(input: input, output: output, exchange: exchange, answer: answer, text: text)
    }

    /// Adds stream bytes to the text, out of their frames when the stream has them.
    private static func keep(_ bytes: ArraySlice<UInt8>, in text: StreamText, framed: Bool) {
        text.state.withLock { state in
            if framed {
                for piece in state.frames.split(bytes) {
                    switch piece {
                    case .payload(let payload), .unframed(let payload): state.bytes += payload
                    case .header: break
                    }
                }
            } else {
                state.bytes += bytes
            }
            let over = state.bytes.count - keptTextBytes
            if over > 0 {
                state.bytes.removeFirst(over)
                state.dropped += over
            }
        }
    }

    /// The stream's text from byte number `offset` on (or from the oldest kept), and the number
    /// of its first byte.
    func streamText(from offset: Int) -> (bytes: [UInt8], start: Int) {
        text.state.withLock { state in
            let start = max(offset, state.dropped)
            return (Array(state.bytes[min(start - state.dropped, state.bytes.count)...]), start)
        }
    }

    /// Whether the head opened a stream the user can type into.
    var opensStream: Bool { answer.opensStream.withLock { $0 } }
    /// How it ended, once it has.
    var outcome: FinishedExchange? { exchange.outcome }

    /// Waits until the head has arrived (or the exchange ended), `deadline` passes or the
    /// interrupt descriptor is readable, writing the output as it comes through `onOutput`.
    func waitForHead(until deadline: UInt64?, interruptDescriptor: Int32, onOutput: () -> Void) -> OneShotEvent.Wait {
        exchange.headArrival.wait(
            until: deadline, interruptDescriptor: interruptDescriptor, wakeDescriptor: output.descriptor,
            onWake: onOutput)
    }

    /// Readable once the exchange has ended.
    var endDescriptor: Int32 { exchange.endDescriptor }

    /// Ends it now (a detach, Ctrl-C before the stream opened, the shell stopping): what already
    /// arrived is shown, the connection is closed, and the outcome is returned.
    func stop(onOutput: ([UInt8]) -> Void = { _ in }) -> FinishedExchange {
        onOutput(output.take())
        output.discard()
        return exchange.stopAndJoin()
    }

    /// Waits for the end the other side decides (the remote closed), taking the output meanwhile.
    /// Ctrl-C (or SIGTERM) ends the wait and the exchange: `stoppedBy` says which.
    func finish(onOutput: ([UInt8]) -> Void) -> (outcome: FinishedExchange, stoppedBy: LiveSessionEnding?) {
        var refresh = DisplayRefresh()
        while true {
            let bytes = output.take()
            if !bytes.isEmpty {
                onOutput(bytes)
                refresh.shown()
            }
            if let outcome = exchange.outcome {
                onOutput(output.take())
                return (outcome, nil)
            }
            // Output shown a moment ago waits for the refresh; the end wakes at once.
            let due = refresh.isDue
            var waiter = DescriptorWaiter()
            if due { waiter.watch(output.descriptor) }
            waiter.watch(endDescriptor)
            let interrupt = waiter.watch(Cancellation.interruptSignal.descriptor)
            _ = try? waiter.wait(until: due ? nil : refresh.nextShow)
            if waiter.isReady(interrupt) || Cancellation.terminationSignal != nil {
                let terminated = Cancellation.terminationSignal != nil
                if !terminated { Cancellation.interruptSignal.acknowledge() }
                return (stop(onOutput: onOutput), terminated ? .terminated : .interrupted)
            }
        }
    }
}
