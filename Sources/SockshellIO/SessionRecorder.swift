import SockshellCore
import Synchronization

/// Writes a session to a recording as it happens: each piece goes to the file with one write(2)
/// the moment it is known, so `kill -9` leaves every byte before it. Background jobs write from
/// their own threads; a lock keeps each piece whole.
public final class SessionRecorder: Sendable {
    public typealias Mode = RecordMode

    public struct Failure: Error, Sendable {
        public var message: String
    }

    public let path: String
    /// Credentials are masked on the way to disk unless `--no-mask`.
    public let masksSecrets: Bool
    /// Held while a piece is written, so pieces from several threads never interleave.
    private let file: Mutex<OwnedDescriptor>
    private let failure = Mutex<String?>(nil)
    /// Answers to `POST /auth` being held back until complete, so their IdentityToken can be
    /// masked as a whole (they are a few hundred bytes): exchange number to its received runs.
    private let heldAnswers = Mutex<[Int: [ExchangeRecord.Run]]>([:])

    /// Why writing failed (a full disk, say), if it did; the session then stops recording.
    public var writeFailure: String? { failure.withLock { $0 } }
    /// Exchange numbers in the file continue after those of a recording appended to.
    private let numberOffset: Int
    /// What is typed into a live session is recorded as typed, unless `record --no-input`.
    public var keepsLiveInput: Bool {
        get { liveInput.withLock { $0.keeps } }
        set { liveInput.withLock { $0.keeps = newValue } }
    }
    /// Whether input is kept, and the exchanges whose answer has begun (what they send after it is
    /// typed input, not their request).
    private let liveInput = Mutex<(keeps: Bool, answering: Set<Int>)>((true, []))

    private init(path: String, file: OwnedDescriptor, masksSecrets: Bool, numberOffset: Int) {
        self.path = path
        self.file = Mutex(file)
        self.masksSecrets = masksSecrets
        self.numberOffset = numberOffset
    }

    /// Opens `path` (mode 0600) and writes the opening lines of a new recording.
    public static func open(_ path: String, mode: Mode, masksSecrets: Bool, endpoint: Endpoint) -> Result<
        SessionRecorder, Failure
    > {
        var offset = 0
        var isNew = true
        if mode == .append, let existing = try? TranscriptFile(path: path) {
            // Read line by line: a recording of any length can be appended to.
            var lines = existing.lines()
            if let first = lines.next() {
                guard first.text == TranscriptFormat.magic[...] else {
                    return .failure(
                        Failure(
                            message:
                                "\(path) is not a sockshell recording, so --append would spoil it: choose another file")
                    )
                }
                offset = highestExchangeNumber(in: &lines)
                isNew = false
            }
        }
        var flags = O_WRONLY | O_CREAT | O_CLOEXEC
        switch mode {
        case .create: flags |= O_EXCL
        case .overwrite: flags |= O_TRUNC
        case .append: flags |= O_APPEND
        }
        let file: OwnedDescriptor
        do throws(Errno) {
            file = try OwnedDescriptor.opened { Platform.open(path, flags, 0o600) }
        } catch {
            if error.code == EEXIST {
                return .failure(
                    Failure(
                        message:
                            """
                            \(path) already exists: record --append \(path) adds to it, record --force \(path) \
                            replaces it
                            """
                    ))
            }
            return .failure(Failure(message: "cannot write the recording \(path): \(error)"))
        }
        // O_CREAT's mode only applies to a new file; a replaced one is made private too.
        fchmod(file.raw, 0o600)
        let recorder = SessionRecorder(path: path, file: file, masksSecrets: masksSecrets, numberOffset: offset)
        let now = WallClock.iso8601()
        if isNew {
            recorder.write(
                TranscriptWriter.header(version: SockshellVersion.current, endpoint: endpoint.display, startedAt: now))
        } else {
            recorder.write(
                "\n# appended by sockshell \(SockshellVersion.current) against \(endpoint.display), \(now)\n")
        }
        return .success(recorder)
    }

    /// A command as typed; `masked` is the same with credentials hidden, written unless --no-mask.
    public func command(typed: String, masked: String) {
        write(TranscriptWriter.command(masksSecrets ? masked : typed))
    }

    public func exchangeStarted(
        number: Int, method: String, target: String, job: Bool, endpoint: Endpoint, tapped: TappedClient? = nil
    ) {
        if masksSecrets, ExchangeMasking.holdsAnswer(method: method, target: target) {
            heldAnswers.withLock { $0[number] = [] }
        }
        write(
            TranscriptWriter.exchangeStart(
                number: number + numberOffset, method: method, target: target, job: job, startedAt: WallClock.iso8601(),
                endpoint: endpoint.display, tapped: tapped))
    }

    /// A run of exchange `number`'s bytes. Sent bytes are a whole request, masked as one, unless
    /// `wholeRequest` is false: a tapped client's body or stream arrives apart from its head, and its
    /// recorder masks what needs it (`TapRecording`).
    public func run(
        number: Int, direction: ExchangeRecord.Direction, offsetNanoseconds: UInt64, bytes: ArraySlice<UInt8>,
        wholeRequest: Bool = true
    ) {
        let (typed, recorded) = liveInput.withLock { state -> (Bool, Bool) in
            if direction == .received {
                state.answering.insert(number)
                return (false, true)
            }
            let typed = state.answering.contains(number)
            return (typed, !typed || state.keeps)
        }
        if !recorded { return }
        if direction == .received {
            let held = heldAnswers.withLock { answers -> Bool in
                guard answers[number] != nil else { return false }
                answers[number]?.append(
                    ExchangeRecord.Run(direction: .received, offsetNanoseconds: offsetNanoseconds, bytes: Array(bytes)))
                return true
            }
            if held { return }
        }
        // Typed input is kept as typed: it is not a request to mask.
        let kept =
            direction == .sent && masksSecrets && wholeRequest && !typed
            ? ExchangeMasking.maskedSent(bytes)[...] : bytes
        write(
            TranscriptWriter.run(
                number: number + numberOffset, direction: direction, offsetNanoseconds: offsetNanoseconds, bytes: kept))
    }

    public func exchangeEnded(number: Int, summary: ExchangeSummary) {
        _ = liveInput.withLock { $0.answering.remove(number) }
        if let runs = heldAnswers.withLock({ $0.removeValue(forKey: number) }),
            let answer = ExchangeMasking.maskedAnswer(runs)
        {
            write(
                TranscriptWriter.run(
                    number: number + numberOffset, direction: .received, offsetNanoseconds: answer.offsetNanoseconds,
                    bytes: answer.bytes[...]))
        }
        write(TranscriptWriter.exchangeEnd(number: number + numberOffset, summary: summary))
    }

    /// Ends the recording; later pieces are dropped. (The file closes itself when the recorder
    /// goes, too.)
    public func close() {
        file.withLock { _ = $0.close() }
    }

    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        file.withLock { file in
            guard file.isOpen else { return }
            do throws(Errno) {
                try Posix.writeAll(to: file.raw, bytes[...])
            } catch {
                let message = "cannot write to \(path): \(error)"
                failure.withLock { $0 = $0 ?? message }
            }
        }
    }

    private static func highestExchangeNumber(in lines: inout TranscriptFile.Lines) -> Int {
        var highest = 0
        while let line = lines.next() {
            guard case .exchangeStart(let number) = line.kind else { continue }
            highest = max(highest, number ?? 0)
        }
        return highest
    }
}
