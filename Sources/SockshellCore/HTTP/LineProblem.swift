/// Why one line was rejected, before the caller knows which kind of error and which bytes to attach.
struct LineProblem: Error, Sendable, Equatable {
    var message: String
}
