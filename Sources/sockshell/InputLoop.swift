import SockshellCore
import SockshellIO

/// Reads commands from standard input line by line and runs each as it arrives. On a terminal
/// it prompts and keeps going after a failed request; from a pipe it stops like a script.
enum InputLoop {
    /// `prompt` gives the prompt to show on a terminal (the shell's, without line editing).
    static func run(
        session: ShellSession, sink: StandardStreams, interactive: Bool, prompt: () -> String = { "sockshell> " }
    ) -> ScriptRunner.Status {
        var assembler = LineAssembler()
        var reader = StandardInputReader()
        var number = 0
        while true {
            if interactive {
                if let signal = Cancellation.terminationSignal { exit(128 + signal) }
                // A Ctrl-C the last command already handled is not also a Ctrl-C here.
                Cancellation.interruptSignal.acknowledge()
                sink.ensureLineStart()
                sink.write(Array((assembler.continuationPrompt ?? prompt()).utf8)[...])
            }
            switch reader.next() {
            case .terminated(let signal):
                exit(128 + signal)
            case .end:
                if interactive { sink.write([0x0A][...]) }
                do {
                    try assembler.finish()
                } catch {
                    sink.diagnostic(ScriptRunner.location("stdin", error.line) + error.message)
                    return .syntax
                }
                return .success
            case .interrupted:
                // At the prompt Ctrl-C drops the line being typed; in a pipe it stops the run.
                guard interactive else {
                    sink.diagnostic("interrupted (Ctrl-C): stopping stdin")
                    return .failure
                }
                assembler.abandon()
                sink.write([0x0A][...])
            case .line(let line):
                number += 1
                let text = line.hasSuffix("\r") ? String(line.dropLast()) : line
                let result = ScriptRunner.run(
                    line: text, number: number, source: "stdin", locatesSyntaxErrors: !interactive, feeder: &assembler,
                    session: session, sink: sink)
                switch result {
                case .proceed: continue
                case .exit: return .success
                case .stop(let status):
                    if !interactive { return status }
                }
            }
        }
    }
}
