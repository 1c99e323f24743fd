/// Where a route template stands after some path segments were matched against it.
enum RouteMatchState: Equatable {
    /// The next segment to match is the template's segment at this index (== count: matched all).
    case at(Int)
    /// Inside a placeholder that may span segments (an image reference with slashes): it began at
    /// typed segment `firstSegment` and may take more.
    case inside(Int, firstSegment: Int)
}

extension DockerRoute {
    /// Every state the template can be in after matching `typed` segments from its start.
    /// Empty when the segments cannot be the start of this route.
    func matchStates(after typed: [String]) -> [RouteMatchState] {
        var states: [RouteMatchState] = [.at(0)]
        for (index, segment) in typed.enumerated() {
            var next: [RouteMatchState] = []
            func add(_ state: RouteMatchState) {
                if !next.contains(state) { next.append(state) }
            }
            for state in states {
                switch state {
                case .at(let position):
                    guard position < segments.count else { continue }
                    switch segments[position] {
                    case .literal(let text):
                        if text == segment { add(.at(position + 1)) }
                    case .placeholder(let kind):
                        guard !segment.isEmpty else { continue }
                        add(.at(position + 1))
                        if kind?.namesMayContainSlash == true { add(.inside(position, firstSegment: index)) }
                    }
                case .inside(let position, let first):
                    guard !segment.isEmpty else { continue }
                    add(.at(position + 1))
                    add(.inside(position, firstSegment: first))
                }
            }
            states = next
            if states.isEmpty { break }
        }
        return states
    }

    /// True when the whole path (version-free segments) is this route.
    func matches(_ typed: [String]) -> Bool {
        matchStates(after: typed).contains(.at(segments.count))
    }

    /// Literal segments count: `/images/json` is a better match for `GET /images/json` than `/images/{name}`.
    var literalSegmentCount: Int {
        segments.filter { if case .literal = $0 { true } else { false } }.count
    }
}

extension DockerAPIRoutes {
    /// The routes a whole path is, preferring the most literal ones when placeholders also fit.
    static func routes(matching segments: [String], among routes: [DockerRoute]) -> [DockerRoute] {
        let matching = routes.filter { $0.matches(segments) }
        guard let best = matching.map(\.literalSegmentCount).max() else { return [] }
        return matching.filter { $0.literalSegmentCount == best }
    }
}
