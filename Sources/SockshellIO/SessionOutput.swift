import SockshellCore

/// Where every part of a session writes, seen through the session's current view options, so
/// a sentence holding bytes we did not write (`echo $body`, a job's line, a lesson's check) has
/// its control bytes escaped the same way wherever it is said.
final class SessionOutput {
    let sink: any OutputSink
    /// The view and rendering options; `view MODE` changes them for every part at once. On a
    /// terminal they carry its width as it is now, so an exchange rendered after a resize folds
    /// its wire lines at the new width.
    var options: RenderOptions {
        get {
            var current = chosen
            if current.terminal { current.columns = RawTerminal.size()?.columns }
            return current
        }
        set { chosen = newValue }
    }
    private var chosen: RenderOptions
    /// The language the shell speaks in (lessons, help, explain): every part that says a
    /// translated text reads it here, so `lang ko` changes them all at once.
    var language: ShellLanguage = .english

    init(sink: any OutputSink, options: RenderOptions) {
        self.sink = sink
        chosen = options
    }

    /// The width prose (lessons, help) is laid out for: the terminal's at this moment, so text
    /// said after a resize (SIGWINCH) fits the new width; 80 when the output is not a terminal.
    var textWidth: Int {
        options.columns ?? LessonText.defaultWidth
    }

    /// Writes a line of output, its control bytes escaped on a terminal.
    func say(_ text: String) {
        sink.write(Array(options.shown(text).utf8)[...])
    }

    /// Writes bytes already rendered for the view (an exchange, a recorded exchange).
    func write(_ bytes: [UInt8]) {
        if !bytes.isEmpty { sink.write(bytes[...]) }
    }

    func diagnostic(_ text: String) {
        sink.diagnostic(text)
    }
}
