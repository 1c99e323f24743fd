/// One exchange with its credentials hidden, for a recording and for HAR export alike: every
/// request run through `RequestSecretMasking`, and the answer to `POST /auth` (its
/// `IdentityToken`) held whole and masked once it has all arrived, since the token may be split
/// across reads. A recorder that writes runs as they come uses the three steps; HAR uses `masked`.
public enum ExchangeMasking {
    /// Whether the answer must be held until the exchange ends and then masked whole.
    public static func holdsAnswer(method: String, target: String) -> Bool {
        SecretPolicy.isAuthRequest(method: method, target: target)
    }

    /// The bytes of a run written to the daemon, with its credentials masked.
    public static func maskedSent(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        RequestSecretMasking.mask(Array(bytes))
    }

    /// A held answer as one run at the time its first bytes arrived; nil when nothing arrived.
    public static func maskedAnswer(_ runs: [ExchangeRecord.Run]) -> ExchangeRecord.Run? {
        guard let first = runs.first else { return nil }
        let answer = ResponseSecretMasking.maskAuthAnswer(runs.flatMap(\.bytes))
        return ExchangeRecord.Run(direction: .received, offsetNanoseconds: first.offsetNanoseconds, bytes: answer)
    }

    /// The whole record masked: number, endpoint, method, target and summary kept.
    public static func masked(_ record: ExchangeRecord) -> ExchangeRecord {
        var copy = ExchangeRecord(
            number: record.number, endpoint: record.endpoint, method: record.method, target: record.target)
        let holds = holdsAnswer(method: record.method, target: record.target)
        for run in record.runs where run.direction == .sent || !holds {
            let bytes = run.direction == .sent ? maskedSent(run.bytes[...])[...] : run.bytes[...]
            copy.append(run.direction, at: run.offsetNanoseconds, bytes: bytes)
        }
        if holds, let answer = maskedAnswer(record.runs.filter { $0.direction == .received }) {
            copy.append(.received, at: answer.offsetNanoseconds, bytes: answer.bytes[...])
        }
        copy.summary = record.summary
        return copy
    }
}
