/// Splits a Docker multiplexed stream (logs, attach and exec of a container without a TTY) into
/// its 8-byte frame headers `[stream, 0, 0, 0, size as uint32 big-endian]` and their payloads,
/// so the views can annotate each frame. Bytes that do not follow the format stop the splitting
/// and pass through unchanged: a TTY container's raw stream looks like anything.
public struct DockerStreamFrames: Sendable {
    public enum Piece: Sendable, Equatable {
        case header(stream: UInt8, size: Int, raw: [UInt8])
        case payload(ArraySlice<UInt8>)
        /// Not (or no longer) a frame stream: shown as they are.
        case unframed(ArraySlice<UInt8>)
    }

    static let headerSize = 8

    private var collected: [UInt8] = []
    private var payloadLeft = 0
    private var off = false

    public init() {}

    /// A frame longer than this means the bytes were never frames: the daemon writes one frame per
    /// write of the container's output, read in 32 KiB pieces (a log line at most 16 KiB), so a real
    /// length has a zero fifth byte, and text after three zero bytes (a TTY's) does not.
    static let largestFrame = 16 * 1024 * 1024

    /// Whether a response is worth splitting: Docker's content type for it, or the routes that
    /// carry frames without saying so. API 1.41 sends logs with no Content-Type, and names exec
    /// start's and attach's stream `raw-stream` whether or not the process has a TTY (1.42 says
    /// `multiplexed-stream` when it has none); a TTY's stream is let through at its first bytes.
    public static func applies(contentType: String?, target: String) -> Bool {
        if MediaType.isNamed(contentType, startingWith: "application/vnd.docker.multiplexed-stream") { return true }
        let path = target.split(separator: "?", maxSplits: 1).first ?? ""
        let parts = path.split(separator: "/")
        guard parts.count >= 3 else { return false }
        let last = parts[parts.count - 1]
        let kind = parts[parts.count - 3]
        return (kind == "containers" && (last == "logs" || last == "attach")) || (kind == "exec" && last == "start")
    }

    /// The stream names of the header's first byte.
    public static func streamName(_ stream: UInt8) -> String {
        switch stream {
        case 0: return "stdin"
        case 1: return "stdout"
        case 2: return "stderr"
        default: return "systemerr"
        }
    }

    public mutating func split(_ bytes: ArraySlice<UInt8>) -> [Piece] {
        var pieces: [Piece] = []
        walk(bytes, into: &pieces, keeping: true)
        return pieces
    }

    /// Reads `bytes` as `split` does without making their pieces, so the frames after them are
    /// told right: the tap counts a bulk stream rather than showing it (a frame per `y\n` line).
    public mutating func skip(_ bytes: ArraySlice<UInt8>) {
        var none: [Piece] = []
        walk(bytes, into: &none, keeping: false)
    }

    private mutating func walk(_ bytes: ArraySlice<UInt8>, into pieces: inout [Piece], keeping: Bool) {
        if off {
            if keeping, !bytes.isEmpty { pieces.append(.unframed(bytes)) }
            return
        }
        var rest = bytes
        while !rest.isEmpty {
            if payloadLeft > 0 {
                let take = min(payloadLeft, rest.count)
                if keeping { pieces.append(.payload(rest.prefix(take))) }
                payloadLeft -= take
                rest = rest.dropFirst(take)
                continue
            }
            let take = min(Self.headerSize - collected.count, rest.count)
            collected.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
            // Check as soon as the fixed bytes are in, so a raw stream is let through at once.
            let fixed = collected.prefix(4)
            let size = collected.count == Self.headerSize ? collected[4...].reduce(0) { $0 << 8 | Int($1) } : 0
            if fixed.first.map({ $0 > 3 }) == true || fixed.dropFirst().contains(where: { $0 != 0 })
                || size > Self.largestFrame
            {
                off = true
                if keeping { pieces.append(.unframed(collected[...] + rest)) }
                collected = []
                return
            }
            if collected.count == Self.headerSize {
                if keeping { pieces.append(.header(stream: collected[0], size: size, raw: collected)) }
                payloadLeft = size
                collected.removeAll(keepingCapacity: true)
            }
        }
    }

    /// The body ended: a header cut short is shown as it is.
    public mutating func finish() -> [Piece] {
        defer { collected = [] }
        return collected.isEmpty ? [] : [.unframed(collected[...])]
    }
}
