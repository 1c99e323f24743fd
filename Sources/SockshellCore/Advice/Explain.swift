/// `explain`: a status, a header, a route or a trap explained, or the last exchange's head
/// annotated line by line, in the session's language.
public enum Explain {
    /// What `explain TOPIC` says; `found` is false for a topic it does not know (the text then
    /// says so, with the nearest one it knows).
    public static func topic(_ topic: String, language: ShellLanguage) -> (text: String, found: Bool) {
        let words = topic.split(separator: " ").map(String.init)
        if words.count == 1, words[0].count == 3, let status = Int(words[0]) {
            return (statusText(status, language: language), true)
        }
        if words.count == 1, let trap = DockerTrap(rawValue: words[0].lowercased()) {
            return ("\(trap.name): \(trap.lesson.text(in: language))\n", true)
        }
        if words.count == 1, let note = HeaderNotes.note(for: words[0]) {
            let name = HeaderNotes.table.first { HeaderField.namesMatch($0.name, words[0]) }?.name ?? words[0]
            return ("\(name): \(note.text(in: language))\n", true)
        }
        let method = words.count == 2 ? words[0].uppercased() : nil
        if let path = words.last, path.hasPrefix("/"), words.count <= 2 {
            if let text = routeText(path, method: method, language: language) { return (text, true) }
            let nearest = DockerAPIRoutes.nearestPath(to: path, method: method)
            return (unknown(topic, nearest: nearest, language: language), false)
        }
        let nearest = NearestWord.find(topic, among: HeaderNotes.names + DockerTrap.allCases.map(\.name))
        return (unknown(topic, nearest: nearest, language: language), false)
    }

    /// The words Tab offers after `explain`: common statuses, header names, traps and route templates.
    public static var topicWords: [String] {
        let statuses = StatusNotes.general.keys.sorted().map(String.init)
        let templates = DockerAPIRoutes.all.map(\.template)
        var seen = Set<String>()
        return (statuses + HeaderNotes.names + DockerTrap.allCases.map(\.name) + templates).filter {
            seen.insert($0).inserted
        }
    }

    static func unknown(_ topic: String, nearest: String?, language: ShellLanguage) -> String {
        let suggestion =
            nearest.map {
                Phrase(" Did you mean \($0)?", ko: " \($0)을(를) 말씀하신 건가요?").text(in: language)
            } ?? ""
        let traps = DockerTrap.allCases.map(\.name).joined(separator: ", ")
        return Phrase(
            """
            nothing to explain for '\(topic)': explain takes a status (304), a header (Transfer-Encoding), a route \
            (/containers/{id}/start or POST /containers/abc/start), a trap (\(traps)), or nothing for the last \
            exchange.
            """,
            ko: """
                '\(topic)'에 대한 설명이 없습니다: explain에는 상태 코드(304), \
                헤더(Transfer-Encoding), 경로 \
                (/containers/{id}/start 또는 POST /containers/abc/start), 함정(\(traps))을 주거나, \
                아무것도 주지 않으면 \
                마지막 교환을 설명합니다.
                """
        ).text(in: language) + suggestion
    }

    /// A status in general, then what each route that gives it a particular meaning says.
    static func statusText(_ status: Int, language: ShellLanguage) -> String {
        var text = StatusNotes.general(status).text(in: language) + "\n"
        let routes = StatusNotes.routes(giving: status)
        if !routes.isEmpty {
            text += Phrase("On the Docker API:", ko: "Docker API에서:").text(in: language) + "\n"
            for route in routes {
                text += "  \(route.method) \(route.template): \(route.note.text(in: language))\n"
            }
        }
        return text
    }

    /// A route of the catalogue (a template or a concrete path), nil when the path is none.
    static func routeText(_ path: String, method: String?, language: ShellLanguage) -> String? {
        var routes = DockerAPIRoutes.routes(path: path)
        if let method { routes = routes.filter { $0.accepts(method: method) } }
        guard !routes.isEmpty else { return nil }
        var text = ""
        for route in routes {
            for routeMethod in route.methods where method == nil || method == routeMethod {
                text += "\(routeMethod) \(route.template): \(route.summary)\n"
                if !route.queryParameters.isEmpty {
                    text +=
                        Phrase("  query: ", ko: "  쿼리: ").text(in: language)
                        + route.queryParameters.joined(separator: ", ") + "\n"
                }
                for note in StatusNotes.notes(method: routeMethod, template: route.template) {
                    text += "  \(note.note.text(in: language))\n"
                }
            }
            for trap in DockerTrap.traps(for: route) {
                text += "  \(trap.name): \(trap.lesson.text(in: language))\n"
            }
        }
        return text
    }

    /// The last exchange's head, each line followed by what it means, then the traps it shows.
    /// `earlier`: the session's exchanges before it (a wait after a start is a trap).
    public static func exchange(
        _ record: ExchangeRecord, earlier: [ExchangeRecord] = [], language: ShellLanguage
    ) -> String {
        let facts = ExchangeFacts(record)
        func noted(_ line: String, _ note: Phrase) -> String {
            line + "\n" + indent + note.text(in: language) + "\n"
        }
        var text = Phrase("exchange \(facts.number):", ko: "교환 \(facts.number):").text(in: language) + "\n"
        text += noted("> " + facts.requestLine, requestLineNote(facts))
        for field in facts.requestHeaders {
            text += noted("> \(field.name): \(field.value)", HeaderNotes.note(for: field.name) ?? HeaderNotes.unknown)
        }
        if let statusLine = facts.statusLine, let status = facts.status {
            var note =
                facts.route.flatMap { StatusNotes.note(status: status, method: facts.method, template: $0.template) }
                ?? StatusNotes.general(status)
            if status == 404, facts.daemonMessage == "page not found" {
                note = pageNotFound
            }
            if let message = facts.daemonMessage {
                note = note.then(Phrase("The daemon says: \(message)", ko: "데몬의 메시지: \(message)"))
            }
            text += noted("< " + statusLine, note)
            for field in facts.responseHeaders {
                text += noted(
                    "< \(field.name): \(field.value)", HeaderNotes.note(for: field.name) ?? HeaderNotes.unknown)
            }
        } else {
            text += Phrase("(no answer came)", ko: "(응답이 오지 않았습니다)").text(in: language) + "\n"
        }
        for finding in DockerTrap.findings(in: facts, earlier: earlier.map(ExchangeFacts.init)) {
            let name = finding.trap.name
            let more = Phrase("(explain \(name) says more)", ko: "(explain \(name)에 자세히 있습니다)")
            let label = Phrase("trap", ko: "함정").text(in: language)
            text += "\(label) \(name): " + finding.detail.then(more).text(in: language) + "\n"
        }
        return text
    }

    /// Notes sit under the line they explain.
    static let indent = "    "

    static let pageNotFound = Phrase(
        """
        404 with "page not found": the daemon has no route for this method and path (a typo, or a route of \
        a newer API); "No such ..." would mean the route is right and the object is missing.
        """,
        ko: """
            "page not found"인 404: 데몬에 이 메서드와 경로의 라우트가 없습니다(오타이거나 \
            더 새 API의 경로). "No such ..."라면 \
            경로는 맞고 대상이 없다는 뜻입니다.
            """)

    static func requestLineNote(_ facts: ExchangeFacts) -> Phrase {
        let version = facts.parts.version.map {
            Phrase(
                """
                Under /\($0): API \($0.dropFirst()) is asked for.
                """, ko: "/\($0) 아래: API \($0.dropFirst())을(를) 요청합니다.")
        }
        guard let route = facts.route else {
            let nearest = DockerAPIRoutes.nearestPath(to: facts.target, method: facts.method)
            let suggestion = nearest.map { Phrase("Nearest: \($0).", ko: "가장 가까운 경로: \($0).") }
            let unknown = Phrase(
                """
                \(facts.method) \(facts.target) is not a route of the Engine API \(DockerAPIRoutes.apiVersion) \
                reference.
                """,
                ko: """
                    \(facts.method) \(facts.target)은(는) Engine API \(DockerAPIRoutes.apiVersion) 레퍼런스의 \
                    경로가 아닙니다.
                    """
            )
            return suggestion.map { unknown.then($0) } ?? unknown
        }
        let base = Phrase(
            "\(route.summary) (\(facts.method) \(route.template), Engine API).",
            ko: "\(route.summary) (\(facts.method) \(route.template), Engine API).")
        return version.map { base.then($0) } ?? base
    }
}
