/// What a tap says when it stops, and what `--learn FILE` writes: per client, the routes it called.
public struct TapSummary: Sendable, Equatable {
    public struct Route: Sendable, Equatable {
        public var method: String
        /// The route as shown, with the version prefix the client used.
        public var route: String
        /// Each status seen with how many times, in the order first seen; nil: no answer.
        public var statuses: [(status: Int?, count: Int)]

        public static func == (left: Route, right: Route) -> Bool {
            left.method == right.method && left.route == right.route
                && left.statuses.elementsEqual(right.statuses) { $0.status == $1.status && $0.count == $1.count }
        }
    }

    public struct Client: Sendable, Equatable {
        public var label: String
        public var routes: [Route]
    }

    /// Clients in the order they first made an exchange.
    public private(set) var clients: [Client] = []

    /// Routes are listed in the order their requests were sent (an attach answered last still comes
    /// before the start sent after it).
    public init(_ exchanges: [(client: String, exchange: TapExchange)]) {
        let bySending = exchanges.enumerated().sorted {
            ($0.element.exchange.request.startedAt, $0.offset) < ($1.element.exchange.request.startedAt, $1.offset)
        }
        for (label, exchange) in bySending.map(\.element) {
            let clientIndex =
                clients.firstIndex { $0.label == label }
                ?? {
                    clients.append(Client(label: label, routes: []))
                    return clients.count - 1
                }()
            let request = exchange.request
            let routeIndex =
                clients[clientIndex].routes.firstIndex { $0.method == request.method && $0.route == request.route }
                ?? {
                    clients[clientIndex].routes.append(
                        Route(method: request.method, route: request.route, statuses: []))
                    return clients[clientIndex].routes.count - 1
                }()
            var statuses = clients[clientIndex].routes[routeIndex].statuses
            if let seen = statuses.firstIndex(where: { $0.status == exchange.status }) {
                statuses[seen].count += 1
            } else {
                statuses.append((exchange.status, 1))
            }
            clients[clientIndex].routes[routeIndex].statuses = statuses
        }
    }

    /// Exchanges seen, on every connection.
    public var exchangeCount: Int {
        clients.reduce(0) { total, client in
            total + client.routes.reduce(0) { $0 + $1.statuses.reduce(0) { $0 + $1.count } }
        }
    }

    /// The lines said on exit: one per client, then one per route it called.
    public var lines: [String] {
        clients.flatMap { client in
            [client.label + ":"]
                + client.routes.map { route in
                    let statuses = route.statuses.map { seen in
                        "\(seen.status.map(String.init) ?? "no answer")\(seen.count > 1 ? " ×\(seen.count)" : "")"
                    }
                    return "  \(route.method) \(route.route) → \(statuses.joined(separator: ", "))"
                }
        }
    }

    /// The allow-list `--learn` writes: per client a comment, then `METHOD /route` lines without the
    /// version prefix (a filtering proxy matches any version), each route once per client.
    public var allowList: String {
        var text = "# sockshell tap --learn: the routes each client called, one METHOD /route per line\n"
        for client in clients {
            text += "# \(client.label)\n"
            var written: [String] = []
            for route in client.routes {
                let line = "\(route.method) \(TargetComponents.withoutVersion(route.route))"
                guard !written.contains(line) else { continue }
                written.append(line)
                text += line + "\n"
            }
        }
        return text
    }
}
