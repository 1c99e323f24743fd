/// One `expect ...` line of a script: a check of the last exchange (or, for `event`, of a
/// running event stream).
///
///     expect status 201                  the status is 201
///     expect status 2xx                  any 200-299 (also 1xx..5xx)
///     expect status 204|304              any of the alternatives (2xx|404 mixes both forms)
///     expect header Location             the response has the header (names ignore case)
///     expect header Content-Type = application/json
///                                        a field with that name has exactly that value
///                                        (`:` may stand for `=`; quotes around the value are removed)
///     expect QUERY == JSON               every result of the query equals the JSON value
///     expect QUERY != JSON               no result equals it
///     expect QUERY contains VALUE        string: substring; array: has the element(s);
///                                        object: has the members (a string: has the key)
///     expect QUERY matches /REGEX/       every result (a string, number or boolean) has a match
///     expect QUERY exists                the query reaches a value that is present (even null)
///     expect event TYPE ACTION within 5s an event of that type and action arrives in time
///     expect tapped POST /containers/{id}/start 204
///                                        a tap saw a client make that call (the route as the
///                                        catalogue writes it, any /v1.NN prefix; the status optional)
///
/// QUERY is a `JSONQuery` (`.Id`, `.State.Running`, `.[0].Names[0]`, `length`). Equality is by
/// value: member order does not matter and `1.0 == 1`. VALUE after `contains` is JSON, or a bare
/// word taken as a string. REGEX is Swift `Regex` syntax (searched, not anchored: use `^` and
/// `$`; `(?i)` ignores case).
///
/// The language is read by `ExpectationParser.swift`, checked by `ExpectationEvaluator.swift` and
/// written back by `ExpectationPrinter.swift`; this file holds only what an expectation is.
public enum Expectation: Sendable, Equatable {
    case status(StatusPattern)
    case headerPresent(String)
    case headerEquals(String, String)
    case query(JSONQuery, Comparison)
    /// Checked against the Docker events a background job has seen; `within` is how long the I/O
    /// layer waits for one, in seconds.
    case event(type: String, action: String, within: Double)
    /// Checked against the calls a running tap has seen other clients make (`tap PATH &`).
    case tapped(method: String, route: String, status: StatusPattern?)
    /// `expect output /REGEX/ within S`: the current live session's output (stdout and stderr, taken
    /// out of their frames) shows text the pattern finds, after what earlier such checks matched.
    case output(ExpectedRegex, within: Double)

    /// What a query's results are compared with.
    public enum Comparison: Sendable, Equatable {
        case equals(JSONValue)
        case notEquals(JSONValue)
        case contains(JSONValue)
        /// The pattern between the slashes, compiled once when the line is read.
        case matches(ExpectedRegex)
        case exists
    }

    /// `within` when `expect event` does not say.
    public static let defaultEventTimeout: Double = 10
}

/// A call another client made, as a tap saw it: what `expect tapped` looks through.
public struct TappedCall: Sendable, Equatable {
    public var method: String
    /// The catalogue's route with the version prefix the client used (`/v1.41/containers/{id}/start`).
    public var route: String
    /// Nil when no answer came.
    public var status: Int?

    public init(method: String, route: String, status: Int?) {
        self.method = method
        self.route = route
        self.status = status
    }
}
