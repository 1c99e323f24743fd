import SockshellCore
import SockshellIO

#if canImport(Glibc)
import Glibc
#endif

/// Reads commands from standard input line by line and runs each as it arrives. On a terminal
/// it prompts and keeps going after a failed request; from a pipe it stops like a script.
enum InputLoop {
    static func run(session: ShellSession, sink: any OutputSink, interactive: Bool) -> ScriptRunner.Status {
        var assembler = LineAssembler()
        var number = 0
        while true {
            if interactive {
                sink.write(Array((assembler.isContinuing ? "...> " : "sockshell> ").utf8)[...])
            }
            guard let line = readLine(strippingNewline: true) else {
                if InterruptSignal.isPending {
                    InterruptSignal.take()
                    if interactive {
                        assembler.abandon()
                        sink.write(Array("^C\n".utf8)[...])
                        InterruptSignal.resumeStandardInput()
                        continue
                    }
                    sink.diagnostic("interrupted (Ctrl-C): stopping stdin")
                    return .failure
                }
                if interactive { sink.write([0x0A][...]) }
                break
            }
            number += 1
            let text = line.hasSuffix("\r") ? String(line.dropLast()) : line
            let result = ScriptRunner.run(line: text, number: number, source: "stdin", feeder: &assembler, session: session, sink: sink)
            switch result {
            case .proceed: continue
            case .exit: return .success
            case .stop(let status):
                if !interactive { return status }
            }
        }
        do {
            try assembler.finish()
        } catch {
            sink.diagnostic(ScriptRunner.location("stdin", error.line) + error.message)
            return .syntax
        }
        return .success
    }
}
