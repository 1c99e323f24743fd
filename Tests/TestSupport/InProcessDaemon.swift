import Foundation
import SockshellCore
import SockshellIO
import Synchronization

/// A daemon that lives in the test process: a `Transport` whose connections hand each request to
/// a closure and read back the bytes it returns, so a `ShellSession` runs its commands, variables,
/// expectations, scripts and jobs without a socket (as hummingbird tests a router without a
/// server). Every byte still goes through the session's real request encoder, exchange runner,
/// response parser and renderers; only the socket is replaced.
///
/// ```swift
/// let daemon = InProcessDaemon { request in .json(#"{"Id":"abc"}"#) }
/// let session = ShellSession(endpoint: InProcessDaemon.endpoint, options: RenderOptions(view: .body),
///     timeoutSeconds: 5, sink: sink, transport: daemon)
/// ```
public final class InProcessDaemon: Transport {
    /// What the session names as its endpoint: nothing listens there.
    public static let endpoint = Endpoint.unix(path: "/in-process/docker.sock")

    /// A request as the daemon received it.
    public struct Request: Sendable, Equatable {
        public var bytes: [UInt8]
        public var method: String
        public var target: String
        /// Field lines in order, as sent.
        public var headers: [HeaderField]
        public var body: [UInt8]

        /// The first value of a header, case-insensitively.
        public func value(of name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        public var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    /// What the daemon answers.
    public struct Reply: Sendable {
        public var bytes: [UInt8]
        /// Closes the connection after the bytes; else it stays open (and silent) for the next
        /// request, or for more of a stream that never ends.
        public var closes: Bool

        public init(bytes: [UInt8], closes: Bool = false) {
            self.bytes = bytes
            self.closes = closes
        }

        /// A whole response with a Content-Length.
        public static func response(
            status: Int, reason: String = "OK", headers: [HeaderField] = [], body: String = ""
        ) -> Reply {
            var head = "HTTP/1.1 \(status) \(reason)\r\n"
            for field in headers { head += "\(field.name): \(field.value)\r\n" }
            head += "Content-Length: \(body.utf8.count)\r\n\r\n"
            return Reply(bytes: Array((head + body).utf8))
        }

        /// A 200 with a JSON body.
        public static func json(_ body: String, status: Int = 200, reason: String = "OK") -> Reply {
            response(
                status: status, reason: reason, headers: [HeaderField(name: "Content-Type", value: "application/json")],
                body: body)
        }

        /// A chunked stream of `chunks` that stays open after them, as `GET /events` does, until
        /// the session stops it.
        public static func openStream(_ chunks: [String], contentType: String = "application/json") -> Reply {
            var text = "HTTP/1.1 200 OK\r\nContent-Type: \(contentType)\r\nTransfer-Encoding: chunked\r\n\r\n"
            for chunk in chunks { text += String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n" }
            return Reply(bytes: Array(text.utf8))
        }
    }

    public typealias Handler = @Sendable (Request) -> Reply

    private struct State {
        var requests: [Request] = []
        var connectionsOpened = 0
    }

    private let handler: Handler
    private let state = Mutex(State())

    public init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    /// Every request received so far, in order.
    public var requests: [Request] { state.withLock { $0.requests } }
    public var connectionsOpened: Int { state.withLock { $0.connectionsOpened } }

    public func open(number: Int, endpoint: Endpoint, timeoutSeconds: Double) throws(TransportFailure)
        -> any TransportConnection
    {
        state.withLock { $0.connectionsOpened += 1 }
        return Connection(number: number, endpoint: endpoint, daemon: self)
    }

    fileprivate func answer(_ bytes: [UInt8]) -> Reply {
        let request = Self.request(from: bytes)
        state.withLock { $0.requests.append(request) }
        return handler(request)
    }

    /// The request the runner wrote (it writes each one whole): its line, fields and body.
    static func request(from bytes: [UInt8]) -> Request {
        let split = MessageHead.split(bytes)
        let text = { (range: Range<Int>) in String(decoding: bytes[range], as: UTF8.self) }
        let requestLine = split.startLine.map(text) ?? ""
        let words = requestLine.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let headers = split.fieldLines.map(text).compactMap { line -> HeaderField? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            return HeaderField(name: String(line[..<colon]), value: String(value))
        }
        let body = split.bodyStart.map { Array(bytes[$0...]) } ?? []
        return Request(
            bytes: bytes, method: words.first ?? "", target: words.count > 1 ? words[1] : "", headers: headers,
            body: body)
    }

    /// One connection: what was answered is read back in order; once it is read, the connection
    /// ends (a reply that closes) or stays quiet until the deadline or the interrupt.
    final class Connection: TransportConnection {
        let number: Int
        let endpoint: Endpoint
        var completedExchanges = 0
        private let daemon: InProcessDaemon
        private var pending: [UInt8] = []
        private var readOffset = 0
        private var peerClosed = false
        private var closed = false

        init(number: Int, endpoint: Endpoint, daemon: InProcessDaemon) {
            self.number = number
            self.endpoint = endpoint
            self.daemon = daemon
        }

        func writeAll(_ bytes: [UInt8]) throws(TransportFailure) -> Bool {
            guard !closed, !peerClosed else { return false }
            let reply = daemon.answer(bytes)
            pending.append(contentsOf: reply.bytes)
            peerClosed = reply.closes
            return true
        }

        func read(
            into buffer: inout [UInt8], deadline: UInt64?, interruptDescriptor: Int32, inputDescriptor: Int32,
            awaitingWritable: Bool
        ) throws(TransportFailure) -> ConnectionReadResult {
            if closed { return .endOfStream }
            if readOffset < pending.count {
                let count = min(buffer.count, pending.count - readOffset)
                buffer.replaceSubrange(0..<count, with: pending[readOffset..<readOffset + count])
                readOffset += count
                return .bytes(count)
            }
            if peerClosed { return .endOfStream }
            // Nothing more is coming: wait as on a quiet socket, for the deadline or the interrupt.
            var entry = pollfd(fd: interruptDescriptor, events: Int16(POLLIN), revents: 0)
            while true {
                let ready = poll(&entry, interruptDescriptor >= 0 ? 1 : 0, Self.pollTimeout(until: deadline))
                if ready > 0 { return .interrupted }
                if ready == 0 { return .timedOut }
                if errno != EINTR { return .timedOut }
            }
        }

        func isStale() -> Bool { closed || peerClosed || readOffset < pending.count }
        func shutdownBoth() { closed = true }
        func shutdownWrite() {}
        /// Input after the request goes nowhere: the in-process daemon answers requests only.
        func sendAvailable(_ bytes: ArraySlice<UInt8>) throws(TransportFailure) -> Int? { bytes.count }
        func close() { closed = true }

        private static func pollTimeout(until deadline: UInt64?) -> Int32 {
            guard let deadline else { return -1 }
            var spec = timespec()
            clock_gettime(CLOCK_MONOTONIC, &spec)
            let now = UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
            return now >= deadline ? 0 : Int32(min((deadline - now + 999_999) / 1_000_000, UInt64(Int32.max)))
        }
    }
}
