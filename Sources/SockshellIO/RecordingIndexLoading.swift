import SockshellCore

extension RecordingIndex {

    /// The index of a recording file, read line by line. Answers stay on disk: each entry keeps
    /// where its exchange starts, and `answer(for:in:)` reads it back when a request needs it.
    /// The file is opened once (by `RecordingSource.open`) and kept: serve reads every answer from
    /// that descriptor.
    public static func load(_ file: TranscriptFile) throws(TranscriptError) -> RecordingIndex {
        var reader = TranscriptReader()
        var index = RecordingIndex()
        var starts: [Int: Int] = [:]
        for line in file.lines() {
            if case .exchangeStart(let number?) = line.kind { starts[number] = line.offset }
            for case .exchange(let exchange) in try reader.add(line) {
                index.add(exchange, fileOffset: starts.removeValue(forKey: exchange.number))
            }
        }
        for case .exchange(let exchange) in try reader.finish() {
            index.add(exchange, fileOffset: starts.removeValue(forKey: exchange.number))
        }
        return index
    }

    /// The answer's runs, offsets counted from the first: kept in the entry, or read back from the
    /// recording (only this exchange's lines; others interleaved with it are skipped).
    static func answer(for entry: Entry, in file: TranscriptFile) -> [ExchangeRecord.Run] {
        guard entry.runs.isEmpty, let offset = entry.fileOffset else { return entry.runs }
        var runs: [ExchangeRecord.Run] = []
        var inRun = false
        for line in file.lines(from: offset) {
            switch line.kind {
            case .received:
                guard inRun, let decoded = try? TranscriptEscaping.decode(line.afterMarker) else { continue }
                runs[runs.count - 1].bytes += decoded
                continue
            case .sent:
                continue
            default:
                break
            }
            inRun = false
            if case .runStart(entry.number) = line.kind,
                let offset = TranscriptReader.nanoseconds(
                    Substring(line.afterMarker.utf8.drop { $0 != 0x20 }.dropFirst()))
            {
                runs.append(ExchangeRecord.Run(direction: .received, offsetNanoseconds: offset, bytes: []))
                inRun = true
            } else if case .exchangeEnd(entry.number) = line.kind {
                break
            }
        }
        runs.removeAll { $0.bytes.isEmpty }
        guard let first = runs.first?.offsetNanoseconds else { return [] }
        return runs.map {
            ExchangeRecord.Run(direction: .received, offsetNanoseconds: $0.offsetNanoseconds &- first, bytes: $0.bytes)
        }
    }
}
