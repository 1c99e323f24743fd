import SockshellCore

/// A `serve` connection no thread is answering: waiting for a request head (or the rest of one),
/// or closing. The accept loop polls all of them at once, so an idle connection costs a descriptor
/// and this value, not a thread.
struct WaitingConnection: Sendable {
    let descriptor: OwnedDescriptor
    /// Counted from 1 in accept order, for the log.
    let number: Int
    /// Reads the request head (and, handed to a thread with it, the body after it).
    var reader: HTTPMessageReader
    /// When it began waiting with no request started: the idle timeout counts from here.
    var idleSince: UInt64
    /// When the current head's first byte arrived: the head timeout counts from here.
    var headStarted: UInt64?
    /// Set once a closing answer is written and the writing side shut: what the client still sends
    /// is read and dropped until then, so the answer is not lost to a reset.
    var lingerUntil: UInt64?
    /// It has had an answer: a real client's connection, kept from being closed to make room
    /// while it is only between requests.
    var wasAnswered = false

    /// - Parameter lenient: `serve --lenient`: a bare LF may end a line of the head.
    init(descriptor: OwnedDescriptor, number: Int, idleSince: UInt64, lenient: Bool) {
        self.descriptor = descriptor
        reader = .request(lenient: lenient)
        self.number = number
        self.idleSince = idleSince
    }

    /// No request started and not closing: the one to close first when connections run out.
    var isIdle: Bool { headStarted == nil && lingerUntil == nil }

    /// The next moment something is due for it: the end of the linger, of the head, or of idling.
    func deadline(_ limits: ServeLimits) -> UInt64 {
        if let lingerUntil { return lingerUntil }
        if let headStarted { return headStarted &+ limits.headTimeoutNanoseconds }
        return idleSince &+ limits.idleTimeoutNanoseconds
    }
}
