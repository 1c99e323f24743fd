/// The detectors: each reads an exchange's facts (and, for the order of calls, the exchanges
/// before it) and says what in its bytes shows the trap.
extension DockerTrap {
    /// Every trap `exchange` shows; `earlier` are the session's exchanges before it, oldest first.
    public static func findings(in exchange: ExchangeFacts, earlier: [ExchangeFacts] = []) -> [TrapFinding] {
        allCases.compactMap { trap in
            trap.detail(in: exchange, earlier: earlier).map { TrapFinding(trap: trap, detail: $0) }
        }
    }

    private func detail(in exchange: ExchangeFacts, earlier: [ExchangeFacts]) -> Phrase? {
        switch self {
        case .apiVersion: return Self.apiVersionDetail(exchange)
        case .frames: return Self.framesDetail(exchange)
        case .filters: return Self.filtersDetail(exchange)
        case .registryAuth:
            guard let value = exchange.requestHeaders.value(of: "X-Registry-Auth"),
                let problem = RegistryAuthValue.problem(value)
            else { return nil }
            return Phrase("This request's X-Registry-Auth:", ko: "이 요청의 X-Registry-Auth:").then(problem)
        case .createDoesNotPull:
            guard exchange.isRoute("POST", "/containers/create"), exchange.status == 404,
                let message = exchange.daemonMessage, message.hasPrefix("No such image: ")
            else { return nil }
            let reference = String(message.dropFirst("No such image: ".count))
            let (name, tag) = Self.split(reference)
            return Phrase(
                """
                The daemon has no image \(reference) and create does not pull it: \
                POST /images/create?fromImage=\(name)&tag=\(tag), read it to the end, then create again.
                """,
                ko: """
                    데몬에 \(reference) 이미지가 없고 create는 pull하지 않습니다: \
                    POST /images/create?fromImage=\(name)&tag=\(tag)를 보내고 끝까지 읽은 뒤 다시 \
                    create합니다.
                    """)
        case .pullStream: return Self.pullDetail(exchange)
        case .waitBeforeStart: return Self.waitDetail(exchange, earlier: earlier)
        }
    }

    /// `busybox:1.36` → (busybox, 1.36); no tag is `latest`, as the CLI takes it. A registry port
    /// (`host:5000/x`) is not a tag: the tag's colon comes after the last slash.
    public static func split(_ reference: String) -> (name: String, tag: String) {
        let lastSlash = reference.lastIndex(of: "/") ?? reference.startIndex
        guard let colon = reference[lastSlash...].lastIndex(of: ":") else { return (reference, "latest") }
        return (String(reference[..<colon]), String(reference[reference.index(after: colon)...]))
    }

    private static func apiVersionDetail(_ exchange: ExchangeFacts) -> Phrase? {
        guard exchange.status == 400, let message = exchange.daemonMessage, message.hasPrefix("client version ")
        else { return nil }
        let asked = exchange.parts.version.map { "/" + $0 } ?? "the request"
        let newest = exchange.responseHeaders.value(of: "Api-Version") ?? "?"
        if message.contains("is too new") {
            return Phrase(
                """
                \(asked) asks for a newer API than this daemon's newest, \(newest) (its Api-Version header): \
                api-version \(newest), api-version negotiate, or drop the /vX.Y.
                """,
                ko: """
                    \(asked)은(는) 이 데몬의 최신 버전 \(newest)(Api-Version 헤더)보다 새 API를 \
                    요청합니다: \
                    api-version \(newest)나 api-version negotiate를 쓰거나 /vX.Y를 뺍니다.
                    """)
        }
        if message.contains("is too old") {
            return Phrase(
                """
                \(asked) asks for an API older than this daemon still speaks (the message names its minimum): \
                api-version negotiate picks one it speaks.
                """,
                ko: """
                    \(asked)은(는) 이 데몬이 더 이상 지원하지 않는 오래된 API를 \
                    요청합니다(message에 최소 버전이 있습니다): \
                    api-version negotiate가 지원되는 버전을 고릅니다.
                    """)
        }
        return nil
    }

    private static func framesDetail(_ exchange: ExchangeFacts) -> Phrase? {
        let framed =
            exchange.isRoute("GET", "/containers/{id}/logs") || exchange.isRoute("POST", "/containers/{id}/attach")
            || exchange.isRoute("POST", "/exec/{id}/start")
        let body = exchange.responseBody
        guard framed, exchange.status == 200 || exchange.status == 101, body.count >= 8, body[0] <= 3,
            body[1] == 0, body[2] == 0, body[3] == 0
        else { return nil }
        let size = body[4..<8].reduce(0) { $0 << 8 | Int($1) }
        let header = body[0..<8].map { Hex.encode([$0]) }.joined(separator: " ")
        let stream = DockerStreamFrames.streamName(body[0])
        return Phrase(
            """
            The body starts with the 8 bytes \(header): a frame header, stream \(body[0]) (\(stream)), \(size) bytes \
            of output after it. This container has no TTY, so every piece of its output has such a header; read \
            past it, or create with "Tty":true to get raw output.
            """,
            ko: """
                본문이 8바이트 \(header)로 시작합니다: 프레임 헤더로, stream \(body[0])(\(stream)), \
                뒤에 출력 \(size)바이트가 \
                옵니다. 이 컨테이너는 TTY가 없어서 모든 출력 조각에 이런 헤더가 붙습니다. \
                헤더를 건너뛰어 읽거나, \
                create에서 "Tty":true로 하면 그대로의 출력을 받습니다.
                """)
    }

    private static func filtersDetail(_ exchange: ExchangeFacts) -> Phrase? {
        guard let value = exchange.query("filters").first(where: { !FiltersValue.isJSON($0) }) else { return nil }
        let answer = exchange.daemonMessage.map { " (\(exchange.status ?? 0): \($0))" } ?? ""
        return Phrase(
            """
            filters=\(value) is not JSON\(answer): write it as a JSON map of lists, e.g. \
            filters=\(FiltersValue.suggestion(for: value)).
            """,
            ko: """
                filters=\(value)은(는) JSON이 아닙니다\(answer). 목록을 값으로 하는 JSON 맵으로 \
                씁니다. 예: \
                filters=\(FiltersValue.suggestion(for: value)).
                """)
    }

    private static func pullDetail(_ exchange: ExchangeFacts) -> Phrase? {
        guard exchange.isRoute("POST", "/images/create"), exchange.status == 200 else { return nil }
        let lines = exchange.responseBody.split(separator: UInt8(ascii: "\n"))
        let error = lines.lazy.compactMap { try? JSONValue.parse($0) }.compactMap { $0["error"]?.stringValue }.first
        if let error {
            return Phrase(
                "The status is 200, but the stream says the pull failed: \"\(error)\".",
                ko: "상태는 200이지만 스트림에 pull이 실패했다고 나옵니다: \"\(error)\".")
        }
        guard let ending = exchange.ending, ending != .complete else { return nil }
        return Phrase(
            """
            This pull's stream was not read to its end, so the pull may not have finished: send it again and \
            let it end before using the image.
            """,
            ko: """
                이 pull의 스트림을 끝까지 읽지 않아서 pull이 끝나지 않았을 수 있습니다. \
                다시 보내고 끝날 때까지 기다린 뒤 이미지를 씁니다.
                """)
    }

    private static func waitDetail(_ exchange: ExchangeFacts, earlier: [ExchangeFacts]) -> Phrase? {
        guard exchange.isRoute("POST", "/containers/{id}/wait"), let container = exchange.objectSegment else {
            return nil
        }
        let started = earlier.last {
            $0.isRoute("POST", "/containers/{id}/start") && $0.objectSegment == container && $0.status == 204
        }
        if let started {
            return Phrase(
                """
                This wait was sent after exchange \(started.number) started the container: it may have exited \
                already. Send POST /containers/\(container)/wait?condition=next-exit & before the start.
                """,
                ko: """
                    이 wait는 교환(exchange) \(started.number)에서 컨테이너를 시작한 뒤에 \
                    보냈습니다: 이미 끝났을 수 있습니다. \
                    start 전에 POST /containers/\(container)/wait?condition=next-exit &를 보냅니다.
                    """)
        }
        if exchange.query("condition").contains("next-exit"), let ending = exchange.ending, ending != .complete {
            return Phrase(
                """
                condition=next-exit waits for the next exit, and none came: if the container had already exited, \
                start the wait first and then start the container.
                """,
                ko: """
                    condition=next-exit는 다음 종료를 기다리는데 오지 않았습니다. 컨테이너가 \
                    이미 끝났다면 wait를 먼저 보내고 컨테이너를 시작합니다.
                    """)
        }
        return nil
    }
}

/// The `filters` query value as the daemon reads it: JSON, a map from name to values.
public enum FiltersValue {
    public static func isJSON(_ value: String) -> Bool {
        guard let json = try? JSONValue.parse(value) else { return false }
        return json.objectMembers != nil
    }

    /// `status=running` → `{"status":["running"]}`: a typed name=value turned into the JSON form.
    static func suggestion(for value: String) -> String {
        let pair = value.split(separator: "=", maxSplits: 1)
        guard pair.count == 2, !pair[0].contains("\""), !pair[1].contains("\"") else {
            return #"{"status":["running"]}"#
        }
        return "{\"\(pair[0])\":[\"\(pair[1])\"]}"
    }
}
