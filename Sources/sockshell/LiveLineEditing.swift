import SockshellCore
import SockshellIO

/// The line editor reads a live line session's lines: the session's output shows above the line
/// being typed (as a job's does at the prompt), the stream's end ends the read, and the detach
/// keys are caught before libedit would take Ctrl-P as "previous line".
extension LineEditor: LiveLineReading {
    func readLiveLine(
        prompt: String, outputDescriptor: Int32, takeOutput: @escaping () -> [UInt8], endDescriptor: Int32,
        detachKeys: DetachKeys
    ) -> LiveLine {
        let saved = (backgroundDescriptor, takeBackgroundOutput, promptText)
        backgroundDescriptor = outputDescriptor
        takeBackgroundOutput = takeOutput
        liveEndDescriptor = endDescriptor
        liveDetachKeys = DetachKeyProxy(keys: detachKeys)
        liveStreamEnded = false
        liveDetached = false
        setPrompt(prompt)
        // Ctrl-Q is XON to a terminal with flow control on (most are): the driver swallowed it,
        // so Ctrl-P Ctrl-Q never reached the detach proxy. libedit takes its editing modes from
        // the cooked ones each read, so clearing IXON here keeps it off while the line is read.
        var cooked = termios()
        let flowControl = tcgetattr(0, &cooked) == 0 && cooked.c_iflag & tcflag_t(IXON) != 0
        if flowControl {
            var withoutFlowControl = cooked
            withoutFlowControl.c_iflag &= ~tcflag_t(IXON)
            tcsetattr(0, TCSADRAIN, &withoutFlowControl)
        }
        defer { if flowControl { tcsetattr(0, TCSADRAIN, &cooked) } }
        defer {
            backgroundDescriptor = saved.0
            takeBackgroundOutput = saved.1
            setPrompt(saved.2)
            liveEndDescriptor = -1
            liveDetachKeys = nil
        }
        let read = readLine()
        // Why the read ended is ours to say first: libedit may report our end as EOF, EINTR or a line.
        if case .terminated = read { return .terminated }
        if liveDetached { return .detached }
        if liveStreamEnded { return .streamEnded }
        switch read {
        case .line(let text): return .line(text)
        case .interrupted: return .interrupted
        case .terminated: return .terminated
        case .end: return .end
        }
    }
}
