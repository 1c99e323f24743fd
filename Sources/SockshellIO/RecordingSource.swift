import SockshellCore

/// What `replay` and `serve` read: a sockshell recording, read line by line as it goes, or a HAR
/// file, read whole (JSON has no line to stop at) and converted by `HARImport`.
public enum RecordingSource {
    case recording(TranscriptFile)
    case har(HARRecording)

    /// HAR is held in memory whole: 256 MiB holds a long browser session with its bodies and
    /// keeps a mistaken /dev/zero from eating the machine.
    static let maxHARBytes = 256 * 1024 * 1024

    /// Why a file cannot be read as either: one sentence naming it.
    public struct Failure: Error, Sendable {
        public var message: String
    }

    /// Opens `path` (`name` is how the user wrote it, for messages). HAR is told by the `.har`
    /// name or by content (`HARImport.isHAR`); a pipe is read as a recording unless named `.har`.
    public static func open(_ path: String, name: String) throws(Failure) -> RecordingSource {
        let file: TranscriptFile
        do throws(Errno) {
            file = try TranscriptFile(path: path)
        } catch {
            throw Failure(message: "cannot read the recording \(name): \(error) (record FILE or export har makes one)")
        }
        var start = [UInt8](repeating: 0, count: HARImport.sniffedBytes)
        let count = (try? Posix.readSome(from: file.descriptor.raw, at: 0, into: &start)) ?? 0
        guard HARImport.isHAR(path: path, start: start.prefix(count)) else { return .recording(file) }
        let bytes: [UInt8]
        do throws(Errno) {
            bytes = try Posix.readAll(from: file.descriptor.raw, limit: maxHARBytes + 1)
        } catch {
            throw Failure(message: "cannot read the HAR file \(name): \(error)")
        }
        guard bytes.count <= maxHARBytes else {
            throw Failure(
                message: "\(name) is larger than \(maxHARBytes / 1024 / 1024) MiB, the most HAR sockshell reads")
        }
        do throws(HARImportError) {
            return .har(try HARImport.recording(bytes))
        } catch {
            throw Failure(message: error.message(file: name))
        }
    }

    /// The note every view of a HAR file starts with: which tool wrote it and that its bytes are rebuilt.
    public static func harNote(_ har: HARRecording, name: String) -> String {
        let creator = har.creator.map { " (written by \($0))" } ?? ""
        return "\(name) is HAR\(creator); each exchange is \(HARImport.reconstructedNote)"
    }
}
