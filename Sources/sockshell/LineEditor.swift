import CEditLine
import SockshellCore
import SockshellIO

/// The libedit line editor: prompt, emacs keys (vi through ~/.editrc), history, Tab completion.
/// Only the main thread uses it. Reads go through our own read function, which also wakes on
/// Ctrl-C and termination signals (libedit's own signal handling is off: it re-sends signals to
/// the whole process group).
///
/// About 540 lines, over our 400: libedit calls back into this one object (its client data) to
/// read a key, to complete and for Ctrl-R, and the three share the bytes read but not yet taken
/// and the prompt's rows on screen. Split, that state would go back and forth through the C
/// callbacks; the pure parts (history search, completion) already live in the core.
final class LineEditor {
    enum Input: Equatable {
        case line(String)
        /// Ctrl-C at the prompt: the partial line is gone.
        case interrupted
        /// Ctrl-D on an empty line, or stdin closed.
        case end
        /// SIGTERM or SIGHUP arrived.
        case terminated(Int32)
    }

    /// What Tab offers: the text to put in place of the word before the cursor, or a list.
    struct Completion {
        /// Characters (Unicode scalars) before the cursor that the replacement replaces.
        var replacingCharacters: Int
        var candidates: [String]
        var commonPrefix: String
    }

    /// Longer lines (a pasted 1 MiB body) run but are not kept: history stays small to load.
    static let longestRememberedLine = 64 * 1024
    /// History entries kept on disk; enough for weeks of exploring, small enough to load at once.
    static let historySize = 1000
    /// Marks the start and end of non-printing text (colour) in the prompt, for EL_PROMPT_ESC.
    static let promptMarker: CChar = 1

    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String?
    private var promptBuffer: UnsafeMutablePointer<CChar>
    private var lastHistoryEntry: String?
    var complete: ((_ line: String, _ cursorByteOffset: Int) -> Completion?)?
    /// Readable when background jobs have output; `takeBackgroundOutput` returns it.
    var backgroundDescriptor: Int32 = -1
    var takeBackgroundOutput: (() -> [UInt8])?
    private(set) var promptText = "> "
    /// During a live line session: readable when its stream has ended (the read then ends), and
    /// the detach keys, watched in the bytes typed before libedit sees them (Ctrl-P is libedit's).
    var liveEndDescriptor: Int32 = -1
    var liveDetachKeys: DetachKeyProxy?
    /// Why the last read ended with `.end` in a live session.
    var liveStreamEnded = false
    var liveDetached = false

    init?(historyPath: String?) {
        sockshell_set_locale()
        guard let editLine = sockshell_el_init("sockshell"), let history = sockshell_history_init() else { return nil }
        self.editLine = editLine
        self.history = history
        self.historyPath = historyPath
        promptBuffer = strdup("> ")
        sockshell_history_set_size(history, Int32(Self.historySize))
        sockshell_history_set_unique(history, 1)
        if let historyPath { sockshell_history_load(history, historyPath) }
        lastHistoryEntry = entries().last

        sockshell_el_set_editor(editLine, "emacs")
        sockshell_el_set_signal(editLine, 0)
        sockshell_el_set_history(editLine, history)
        sockshell_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        sockshell_el_set_prompt(
            editLine,
            { editLine in
                guard let editLine, let editor = LineEditor.from(editLine) else { return nil }
                return editor.promptBuffer
            }, Self.promptMarker)
        sockshell_el_set_getc(
            editLine,
            { editLine, character in
                guard let editLine, let editor = LineEditor.from(editLine) else { return -1 }
                return editor.readCharacter(into: character)
            })
        sockshell_el_add_function(
            editLine, "sockshell-complete", "Complete the word before the cursor",
            { editLine, _ in
                guard let editLine, let editor = LineEditor.from(editLine) else { return UInt8(CC_ERROR) }
                return editor.completeAtCursor()
            })
        sockshell_el_bind(editLine, "^I", "sockshell-complete")
        // Our own Ctrl-R (HistorySearch): libedit's spins on a long history line, and Ctrl-C
        // in it ends the shell.
        sockshell_el_add_function(
            editLine, "sockshell-search", "Search history backwards as you type",
            { editLine, _ in
                guard let editLine, let editor = LineEditor.from(editLine) else { return UInt8(CC_ERROR) }
                return editor.searchHistory()
            })
        sockshell_el_bind(editLine, "^R", "sockshell-search")
        // ~/.editrc (or $EDITRC) may switch to vi mode or rebind keys.
        el_source(editLine, nil)
    }

    deinit {
        free(promptBuffer)
    }

    private static func from(_ editLine: OpaquePointer) -> LineEditor? {
        guard let data = sockshell_el_get_clientdata(editLine) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// The prompt; text between `promptMarker`s is colour that takes no room on screen.
    func setPrompt(_ text: String) {
        promptText = text
        free(promptBuffer)
        promptBuffer = strdup(text)
    }

    func readLine() -> Input {
        // Ctrl-Z is ours only while keys are read; during a request it stops the process as usual.
        TerminalSignals.catchSuspend(true)
        defer { TerminalSignals.catchSuspend(false) }
        // A resize during the last command (whose own wait may have taken the event): libedit
        // learns the width before it draws; el_resize only reads the size and acts if it changed.
        _ = TerminalSignals.take()
        el_resize(editLine)
        // Editing mode before the prompt is drawn: keys typed as it appears are then not also
        // echoed by the terminal (they would show twice).
        sockshell_el_prep_term(editLine, 1)
        var count: Int32 = 0
        errno = 0
        drawnLine = ("", 0)
        guard let line = el_gets(editLine, &count) else {
            if let signal = Cancellation.terminationSignal { return .terminated(signal) }
            if count == -1 && (errno == EINTR || Cancellation.interruptSignal.isPending) {
                Cancellation.interruptSignal.acknowledge()
                return .interrupted
            }
            return .end
        }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(text)
    }

    /// Adds a line to history unless it repeats the previous entry or is blank.
    func remember(_ line: String) {
        guard line.utf8.count <= Self.longestRememberedLine else { return }
        guard !line.allSatisfy({ $0 == " " || $0 == "\t" }), line != lastHistoryEntry else { return }
        sockshell_history_enter(history, line)
        lastHistoryEntry = line
    }

    func entries() -> [String] {
        var result: [String] = []
        var entry = sockshell_history_walk(history, 1)
        while let current = entry {
            result.append(String(cString: current))
            entry = sockshell_history_walk(history, 0)
        }
        return result
    }

    /// What each history line becomes in the file (credentials masked); memory keeps it as typed.
    var maskForDisk: (String) -> String = { $0 }

    /// Saves history (mode 0600, as libedit writes it) and gives the terminal back.
    func close() {
        if let historyPath, let disk = sockshell_history_init() {
            // A copy with every line masked is what is saved: libedit writes its whole list.
            sockshell_history_set_size(disk, Int32(Self.historySize))
            for entry in entries() { sockshell_history_enter(disk, maskForDisk(entry)) }
            sockshell_history_save(disk, historyPath)
            chmod(historyPath, 0o600)
            history_end(disk)
        }
        el_end(editLine)
        history_end(history)
    }

    // MARK: - Reading keys

    /// libedit's read function: waits on stdin and on the signal pipe. Returns 1 with a
    /// character, 0 at end of input, -1 with EINTR when a signal should end the read.
    private func readCharacter(into character: UnsafeMutablePointer<wchar_t>?) -> Int32 {
        guard let character else { return -1 }
        while true {
            if var byte = takeInputByte() {
                // Ctrl-D typed while a response was still printing reaches us, after libedit
                // leaves cooked mode, as a NUL: on an empty line it means what the user meant.
                if byte == 0 && currentLineIsEmpty() { return 0 }
                if byte >= 0x20 && byte < 0x7F, let last = insertPastedRun() { byte = last }
                let value = decodeUTF8(lead: byte)
                if insertZeroWidth(value) { continue }
                character.pointee = wchar_t(bitPattern: UInt32(value))
                return 1
            }
            // Every key typed so far is handled and drawn: see that libedit drew it right.
            repairWideEdit()
            switch waitForInput(printAbove: printAbovePrompt, redraw: redrawLine) {
            case .input: continue
            case .interrupt:
                pendingInput.removeAll()
                errno = EINTR
                return -1
            case .end: return 0
            case .failed: return -1
            }
        }
    }

    private enum Wake { case input, interrupt, end, failed }

    /// Waits until typed bytes are in `pendingInput`. On the way prints background output
    /// (`printAbove`), follows a resize and comes back from Ctrl-Z (`redraw` then draws what was
    /// on the line: the prompt and buffer, or the search's status line).
    private func waitForInput(printAbove: ([UInt8]) -> Void, redraw: () -> Void) -> Wake {
        while true {
            // A termination signal that a request's wait already woke up for leaves no byte in
            // the pipe: look at the flag itself before waiting.
            if Cancellation.terminationSignal != nil { return .interrupt }
            var waiter = DescriptorWaiter()
            let keys = waiter.watch(TerminalInput.descriptor)
            let interrupt = waiter.watch(Cancellation.interruptSignal.descriptor)
            let background = waiter.watch(backgroundDescriptor)
            let terminal = waiter.watch(TerminalSignals.descriptor)
            let liveEnd = waiter.watch(liveEndDescriptor)
            guard (try? waiter.wait(until: nil)) != nil else { return .failed }
            if waiter.isReady(interrupt) { return .interrupt }
            if waiter.isReady(liveEnd) {
                printAbove(takeBackgroundOutput?() ?? [])
                liveStreamEnded = true
                return .end
            }
            if waiter.isReady(terminal) {
                let events = TerminalSignals.take()
                if events.contains(.suspend) {
                    suspend(redraw: redraw)
                } else if events.contains(.resized) {
                    el_resize(editLine)
                    redraw()
                }
                continue
            }
            if waiter.isReady(background) {
                printAbove(takeBackgroundOutput?() ?? [])
                if !waiter.isReady(keys) { continue }
            }
            var chunk = [UInt8](repeating: 0, count: Self.inputChunkBytes)
            // Never blocks: a Ctrl-C may have flushed the bytes poll saw (TerminalInput).
            let count: Int?
            do throws(Errno) { count = try TerminalInput.read(into: &chunk) } catch { return .failed }
            guard let count else { continue }
            if count == 0 { return .end }
            if pendingStart >= pendingInput.count {
                pendingInput.removeAll(keepingCapacity: true)
                pendingStart = 0
            }
            if var proxy = liveDetachKeys {
                let (forward, detached) = proxy.feed(chunk[0..<count])
                liveDetachKeys = proxy
                pendingInput.append(contentsOf: forward)
                if detached {
                    liveDetached = true
                    return .end
                }
                if forward.isEmpty { continue }
                return .input
            }
            pendingInput.append(contentsOf: chunk[0..<count])
            return .input
        }
    }

    /// Ctrl-Z while keys are read: give the terminal back cooked, stop, and after `fg` take it
    /// again and redraw, as readline does (the line being typed is kept).
    private func suspend(redraw: () -> Void) {
        writeToTerminal([0x0D, 0x0A])
        sockshell_el_prep_term(editLine, 0)
        TerminalSignals.suspendSelf()
        sockshell_el_prep_term(editLine, 1)
        el_resize(editLine)
        // The shell that ran `fg` left the cursor at the start of a fresh line: draw from there.
        if searching { redraw() } else { sockshell_el_refresh(editLine) }
    }

    /// The prompt and buffer drawn again from the prompt's first row (after a resize).
    private func redrawLine() {
        redrawLine(rowsBelowPromptStart: rowsBelowPromptStart())
    }

    /// The same with the cursor `rows` below the prompt's first row (measured before the buffer changed).
    private func redrawLine(rowsBelowPromptStart rows: Int) {
        writeToTerminal(Array(Self.moveToPromptStart(rows: rows).utf8))
        sockshell_el_refresh(editLine)
        drawnLine = currentLine()
    }

    /// The line as last seen drawn (text and cursor), to tell the edits libedit draws right
    /// from those it may not.
    private var drawnLine: (text: String, cursor: Int) = ("", 0)

    /// libedit 3.1's row update (`re_update_line`) misdraws when an edit shifts wide characters
    /// across a row's end: the character moving up is written one column early, over the second
    /// half of the wide character before it (which the terminal then blanks), and twice. Deleting
    /// one `a` before a wrapped row of Hangul shows `가나다라마바사아자 카`
    /// for `가나다라마바사아자차카`.
    /// So after any edit but typing at the end (libedit's fast path, drawn right, as is moving
    /// the cursor) of a line with a character not one column wide, the line is drawn whole.
    private func repairWideEdit() {
        let now = currentLine()
        let before = drawnLine
        drawnLine = now
        guard now.text != before.text else { return }
        let appended = now.text.utf8.starts(with: before.text.utf8) && now.cursor == now.text.utf8.count
        guard !appended, now.text.unicodeScalars.contains(where: { TerminalColumns.columns($0) != 1 }) else {
            return
        }
        redrawLine()
    }

    /// Input is read in chunks: a paste arrives as one read, not one system call per byte.
    static let inputChunkBytes = 64 * 1024
    /// A run of plain text at least this long already waiting is a paste (nobody types that fast).
    static let pasteRunBytes = 64

    /// Bytes read from the terminal that libedit has not taken yet.
    private var pendingInput: [UInt8] = []
    private var pendingStart = 0

    private func takeInputByte() -> UInt8? {
        guard pendingStart < pendingInput.count else {
            pendingInput.removeAll(keepingCapacity: true)
            pendingStart = 0
            return nil
        }
        defer { pendingStart += 1 }
        return pendingInput[pendingStart]
    }

    /// libedit redraws the whole line after every inserted character, which makes a pasted
    /// 1 MiB line quadratic. When a long run of plain text is already waiting, insert all but its
    /// last character at once; the last one goes through libedit as usual and triggers one redraw.
    /// Returns the run's last byte, for libedit to take as the typed character.
    private func insertPastedRun() -> UInt8? {
        let runStart = pendingStart - 1  // the byte just taken
        var end = pendingStart
        while end < pendingInput.count, pendingInput[end] >= 0x20, pendingInput[end] < 0x7F { end += 1 }
        guard end - runStart >= Self.pasteRunBytes else { return nil }
        let text = String(decoding: pendingInput[runStart..<(end - 1)], as: UTF8.self)
        let rows = rowsBelowPromptStart()
        guard el_insertstr(editLine, text) == 0 else { return nil }
        // el_insertstr does not draw: go back to where the prompt starts and redraw once.
        writeToTerminal(Array(Self.moveToPromptStart(rows: rows).utf8))
        sockshell_el_refresh(editLine)
        pendingStart = end
        return pendingInput[end - 1]
    }

    /// A combining mark, joiner or variation selector (no column of its own) is inserted here and
    /// the line redrawn whole, instead of going through libedit's typing path: libedit 3.1's
    /// `re_fastputc` counts one column for it where the terminal advances none, so the cursor it
    /// believes in drifts a column right per mark and Left, Backspace and wrapping land short.
    /// A full redraw lays it out at zero columns (and leaves the mark itself off the screen; the
    /// line keeps it). Returns false for any other character, which libedit takes as usual.
    private func insertZeroWidth(_ value: UInt32) -> Bool {
        guard value >= 0xA0, let scalar = Unicode.Scalar(value), TerminalColumns.columns(scalar) == 0 else {
            return false
        }
        let rows = rowsBelowPromptStart()
        guard el_insertstr(editLine, String(scalar)) == 0 else { return false }
        redrawLine(rowsBelowPromptStart: rows)
        return true
    }

    private func currentLineIsEmpty() -> Bool {
        guard let info = el_line(editLine)?.pointee else { return true }
        return info.lastchar == info.buffer
    }

    /// The rest of a UTF-8 character follows its first byte; a byte that is not UTF-8 is passed
    /// on as U+FFFD so garbage never derails the editor.
    private func decodeUTF8(lead: UInt8) -> UInt32 {
        let length: Int
        switch lead {
        case 0x00...0x7F: return UInt32(lead)
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0xFFFD
        }
        var bytes = [lead]
        while bytes.count < length {
            let next: UInt8
            if let pending = takeInputByte() {
                next = pending
            } else if let fresh = readOneByte() {
                pendingInput = [fresh]
                pendingStart = 1
                next = fresh
            } else {
                return 0xFFFD
            }
            guard next & 0xC0 == 0x80 else {
                // Not a continuation: give it back, it starts the next character.
                pendingStart -= 1
                return 0xFFFD
            }
            bytes.append(next)
        }
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar.value }
        return 0xFFFD
    }

    /// The next byte from the terminal, waiting for it; nil at end of input or on Ctrl-C (whose
    /// pipe byte stays for the next wait to see).
    private func readOneByte() -> UInt8? {
        var waiter = DescriptorWaiter()
        waiter.watch(TerminalInput.descriptor)
        let interrupt = waiter.watch(Cancellation.interruptSignal.descriptor)
        var byte: [UInt8] = [0]
        while true {
            guard (try? waiter.wait(until: nil)) != nil, !waiter.isReady(interrupt) else { return nil }
            let count: Int?
            do throws(Errno) { count = try TerminalInput.read(into: &byte) } catch { return nil }
            if let count { return count == 1 ? byte[0] : nil }
        }
    }

    /// Prints background output above the line being edited: move to the prompt's first row,
    /// clear to the end of the screen, print, and let libedit redraw prompt and line (the
    /// approach libedit-notes.md found robust with wrapped lines and Ctrl-R).
    private func printAbovePrompt(_ output: [UInt8]) {
        guard !output.isEmpty else { return }
        // The terminal is in raw mode while editing: a bare LF would not return the carriage.
        writeToTerminal(Array(Self.moveToPromptStart(rows: rowsBelowPromptStart()).utf8) + Self.terminalLines(output))
        sockshell_el_refresh(editLine)
    }

    /// How many rows the cursor sits below the row where the prompt starts.
    private func rowsBelowPromptStart() -> Int {
        guard let info = el_line(editLine)?.pointee, let buffer = info.buffer else { return 0 }
        let before = UnsafeBufferPointer(
            start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: info.cursor - buffer)
        // Scalar by scalar, as libedit itself places prompt and line (wcwidth): a wide character
        // that does not fit at a row's end starts the next row.
        let drawn = visiblePrompt(promptText) + String(decoding: before, as: UTF8.self)
        return TerminalColumns.cursorPosition(after: drawn, width: Int(sockshell_el_columns(editLine))).row
    }

    /// Carriage return, up to the prompt's first row, clear to the end of the screen.
    private static func moveToPromptStart(rows: Int) -> String {
        "\r" + (rows > 0 ? "\u{1B}[\(rows)A" : "") + "\u{1B}[J"
    }

    private func writeToTerminal(_ bytes: [UInt8]) {
        // A terminal that fails a write (gone, say) is the end of what can be shown.
        try? Posix.writeAll(to: 1, bytes[...])
    }

    /// The prompt as it shows on screen: colour between markers takes no room.
    private func visiblePrompt(_ prompt: String) -> String {
        var shown = String.UnicodeScalarView()
        var hidden = false
        for scalar in prompt.unicodeScalars {
            if scalar.value == UInt32(Self.promptMarker) { hidden.toggle() } else if !hidden { shown.append(scalar) }
        }
        return String(shown)
    }

    // MARK: - Ctrl-R

    /// True while Ctrl-R's status line stands where the prompt was.
    private var searching = false

    /// Ctrl-R: reads keys itself until the search ends, drawing `(reverse-i-search)'…': match` on
    /// the prompt's row; then puts the match (or, on Ctrl-C, the line as it was) back for libedit.
    private func searchHistory() -> UInt8 {
        let (original, _) = currentLine()
        var search = HistorySearch(entries: entries(), original: original)
        searching = true
        defer { searching = false }
        writeToTerminal(Array(Self.moveToPromptStart(rows: rowsBelowPromptStart()).utf8))
        func drawStatus() {
            let (text, cursor) = search.statusLine(columns: Int(sockshell_el_columns(editLine)))
            var shown = "\r\u{1B}[K" + text
            // The cursor goes back by columns, which a Hangul syllable takes two of.
            let back = text.columnsByScalar - cursor
            if back > 0 { shown += "\u{1B}[\(back)D" }
            writeToTerminal(Array(shown.utf8))
        }
        func printAbove(_ output: [UInt8]) {
            guard !output.isEmpty else { return }
            writeToTerminal(Array("\r\u{1B}[K".utf8) + Self.terminalLines(output))
            drawStatus()
        }
        func finish(with result: String?) -> UInt8 {
            writeToTerminal(Array("\r\u{1B}[K".utf8))
            if let result, result != original { replaceLine(with: result) }
            sockshell_el_refresh(editLine)
            return UInt8(CC_NORM)
        }
        drawStatus()
        while true {
            if pendingStart < pendingInput.count {
                let (reaction, consumed) = search.react(to: pendingInput[pendingStart...])
                pendingStart += consumed
                switch reaction {
                case .cancel: return finish(with: nil)
                case .accept: return finish(with: search.result)
                case .searching:
                    if consumed > 0 {
                        drawStatus()
                        continue
                    }
                }
            }
            switch waitForInput(printAbove: printAbove, redraw: drawStatus) {
            case .input: continue
            case .interrupt:
                // Ctrl-C ends the search, not the shell; it is handled here, once. A termination
                // signal is left for the next read, which ends the shell cleanly.
                if Cancellation.terminationSignal == nil { Cancellation.interruptSignal.acknowledge() }
                pendingInput.removeAll()
                return finish(with: nil)
            case .end, .failed:
                return finish(with: nil)
            }
        }
    }

    /// The buffer as UTF-8 text and the cursor's byte offset in it.
    private func currentLine() -> (text: String, cursor: Int) {
        guard let info = el_line(editLine)?.pointee, let buffer = info.buffer else { return ("", 0) }
        let bytes = UnsafeBufferPointer(
            start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: info.lastchar - buffer)
        return (String(decoding: bytes, as: UTF8.self), info.cursor - buffer)
    }

    /// Replaces the whole buffer, cursor at its end.
    private func replaceLine(with text: String) {
        let (line, cursor) = currentLine()
        let utf8 = Array(line.utf8)
        let after = String(decoding: utf8[min(cursor, utf8.count)...], as: UTF8.self).unicodeScalars.count
        el_cursor(editLine, Int32(after))
        el_deletestr(editLine, Int32(line.unicodeScalars.count))
        el_insertstr(editLine, text)
    }

    /// Output for a terminal in raw mode: each LF gets its CR, and the text ends a line.
    private static func terminalLines(_ output: [UInt8]) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(output.count + 16)
        for byte in output {
            if byte == 0x0A { text.append(0x0D) }
            text.append(byte)
        }
        if output.last != 0x0A { text += [0x0D, 0x0A] }
        return text
    }

    // MARK: - Completion

    private func completeAtCursor() -> UInt8 {
        guard let complete, let info = el_line(editLine)?.pointee, let buffer = info.buffer else {
            return UInt8(CC_ERROR)
        }
        let length = info.lastchar - buffer
        let cursor = info.cursor - buffer
        let bytes = UnsafeBufferPointer(
            start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: length)
        let line = String(decoding: bytes, as: UTF8.self)
        guard let completion = complete(line, cursor), !completion.candidates.isEmpty else {
            return UInt8(CC_REFRESH_BEEP)
        }
        let typedStart = line.utf8.index(line.utf8.startIndex, offsetBy: max(cursor, 0))
        let typed = String(line[..<typedStart].unicodeScalars.suffix(completion.replacingCharacters))
        var replacement = completion.candidates.count == 1 ? completion.candidates[0] : completion.commonPrefix
        // A single whole word gets a space after it; a path segment or `name=` expects more.
        if completion.candidates.count == 1, !["/", "=", ": ", "//"].contains(where: { replacement.hasSuffix($0) }) {
            replacement += " "
        }
        if replacement != typed {
            el_deletestr(editLine, Int32(completion.replacingCharacters))
            el_insertstr(editLine, replacement)
            return UInt8(CC_REFRESH)
        }
        // Nothing to add: list the choices under the line, then redraw the prompt.
        var listing = "\n"
        listing += Self.columns(completion.candidates, width: Int(sockshell_el_columns(editLine)))
        writeToTerminal(Array(listing.utf8))
        return UInt8(CC_REDISPLAY)
    }

    /// Candidates laid out in columns, as shells list completions.
    static func columns(_ words: [String], width: Int) -> String {
        let cell = (words.map { $0.count }.max() ?? 0) + 2
        let perRow = max(1, width / max(cell, 1))
        var text = ""
        for (index, word) in words.enumerated() {
            text += word
            if index % perRow == perRow - 1 || index == words.count - 1 {
                text += "\n"
            } else {
                text += String(repeating: " ", count: cell - word.count)
            }
        }
        return text
    }
}
