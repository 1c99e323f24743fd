/// The Docker API's recurring traps: what learners get stuck on, each with its lesson (for
/// `explain NAME`) and a detector that names it when a recorded exchange shows it.
public enum DockerTrap: String, Sendable, CaseIterable {
    case apiVersion = "api-version"
    case frames
    case filters
    case registryAuth = "registry-auth"
    case createDoesNotPull = "create-pull"
    case pullStream = "pull-stream"
    case waitBeforeStart = "wait-before-start"

    /// The name `explain` takes.
    public var name: String { rawValue }

    /// The trap explained, for `explain NAME`.
    public var lesson: Phrase {
        switch self {
        case .apiVersion:
            return Phrase(
                """
                A path under /vX.Y asks for that API version. A daemon answers 400 "client version X.Y is too new. \
                Maximum supported API version is Z" (or "too old. Minimum ...") outside its range; its Api-Version \
                header is the newest it speaks. Unversioned paths get the daemon's newest; api-version negotiate \
                takes the older of the daemon's and sockshell's, as the docker CLI does.
                """,
                ko: """
                    /vX.Y 아래 경로는 그 API 버전을 요청합니다. 데몬은 지원 범위 밖이면 400 \
                    "client version X.Y is too new. \
                    Maximum supported API version is Z"(또는 "too old. Minimum ...")로 답하고, Api-Version \
                    헤더가 지원하는 \
                    가장 새로운 버전입니다. 버전 없는 경로는 데몬의 최신 버전으로 \
                    처리됩니다. api-version negotiate는 docker \
                    CLI처럼 데몬과 sockshell 중 더 오래된 버전을 고릅니다.
                    """)
        case .frames:
            return Phrase(
                """
                Logs, attach and exec of a container without a TTY come as frames: an 8-byte header [stream, 0, 0, \
                0, size as 4 bytes big-endian] and then size bytes; stream 1 is stdout, 2 stderr. Read the header, \
                then exactly size bytes, and repeat. With "Tty":true in create the output is raw bytes, no headers.
                """,
                ko: """
                    TTY가 없는 컨테이너의 logs, attach, exec 출력은 프레임(frame)으로 옵니다: \
                    8바이트 헤더 [stream, 0, 0, 0, \
                    4바이트 big-endian 크기] 뒤에 그 크기만큼의 바이트가 옵니다. stream 1은 \
                    stdout, 2는 stderr입니다. 헤더를 \
                    읽고 정확히 그 크기만큼 읽기를 반복합니다. create에서 "Tty":true이면 헤더 \
                    없이 바이트 그대로 옵니다.
                    """)
        case .filters:
            return Phrase(
                """
                filters is JSON in the query: a map from filter name to a list of values, e.g. \
                GET /containers/json?filters={"status":["running"],"label":["app=web"]} (sockshell percent-encodes \
                it). name=value or status=running is not JSON: API 1.41 answers 500 "invalid character ...".
                """,
                ko: """
                    filters는 쿼리에 넣는 JSON입니다: 필터 이름에서 값 목록으로의 맵입니다. \
                    예: \
                    GET /containers/json?filters={"status":["running"],"label":["app=web"]} (sockshell이 퍼센트 \
                    인코딩합니다). \
                    name=value나 status=running은 JSON이 아니라서 API 1.41은 500 "invalid character ..."로 \
                    답합니다.
                    """)
        case .registryAuth:
            return Phrase(
                """
                X-Registry-Auth carries registry credentials as base64url (- and _, RFC 4648 §5) of JSON such as \
                {"username":"me","password":"..."}. On a pull, a value the daemon cannot decode is silently ignored: \
                the pull goes on anonymously and fails (or pulls a public image) with no word about the header.
                """,
                ko: """
                    X-Registry-Auth는 {"username":"me","password":"..."} 같은 JSON을 base64url(-와 _, RFC 4648 \
                    §5)로 인코딩한 \
                    레지스트리 자격 증명입니다. pull에서 데몬이 디코딩하지 못한 값은 \
                    조용히 무시됩니다: 헤더에 대한 말 없이 \
                    익명으로 pull을 계속하고 실패합니다(또는 공개 이미지를 받습니다).
                    """)
        case .createDoesNotPull:
            return Phrase(
                """
                POST /containers/create does not pull a missing image: it answers 404 "No such image: NAME". The \
                docker CLI pulls and retries for you; over the API, POST /images/create?fromImage=NAME&tag=TAG, read \
                its progress stream to the end, then create again.
                """,
                ko: """
                    POST /containers/create는 없는 이미지를 pull하지 않고 404 "No such image: NAME"으로 \
                    답합니다. docker CLI는 \
                    대신 pull하고 다시 시도해 주지만, API에서는 POST \
                    /images/create?fromImage=NAME&tag=TAG를 보내고 진행 \
                    스트림을 끝까지 읽은 뒤 다시 create합니다.
                    """)
        case .pullStream:
            return Phrase(
                """
                POST /images/create answers 200 at once and then streams progress, one JSON object per line; the \
                pull is done only when the stream ends, and a failure after the 200 comes in it as \
                {"error":"...","errorDetail":{...}}. Read it to the end and look at the last line before using the \
                image.
                """,
                ko: """
                    POST /images/create는 바로 200으로 답한 뒤 진행 상황을 한 줄에 JSON 객체 \
                    하나씩 스트림으로 보냅니다. \
                    스트림이 끝나야 pull이 끝난 것이고, 200 뒤의 실패도 그 안에 \
                    {"error":"...","errorDetail":{...}}로 옵니다. \
                    이미지를 쓰기 전에 끝까지 읽고 마지막 줄을 확인합니다.
                    """)
        case .waitBeforeStart:
            return Phrase(
                """
                To get a container's exit code, start POST /containers/{id}/wait?condition=next-exit before \
                POST /containers/{id}/start (as a job: add &), as docker run does: a short-lived container can exit \
                before a wait sent after start begins, and next-exit then waits for an exit that never comes.
                """,
                ko: """
                    컨테이너의 종료 코드를 얻으려면 docker run처럼 POST /containers/{id}/start 전에 \
                    POST /containers/{id}/wait?condition=next-exit를 먼저 보냅니다(&를 붙여 \
                    작업(job)으로). 금방 끝나는 \
                    컨테이너는 start 뒤에 보낸 wait가 시작되기 전에 끝날 수 있고, 그러면 \
                    next-exit는 오지 않을 종료를 \
                    기다립니다.
                    """)
        }
    }

    /// The routes each trap concerns, for `explain ROUTE`.
    var routes: [String] {
        switch self {
        case .apiVersion: return []
        case .frames: return ["/containers/{id}/logs", "/containers/{id}/attach", "/exec/{id}/start"]
        case .filters: return []
        case .registryAuth: return ["/images/create", "/images/{name}/push", "/plugins/pull", "/build"]
        case .createDoesNotPull: return ["/containers/create"]
        case .pullStream: return ["/images/create"]
        case .waitBeforeStart: return ["/containers/{id}/wait", "/containers/{id}/start"]
        }
    }

    /// The traps that concern `route`: the ones naming it, and filters for any route reading it.
    static func traps(for route: DockerRoute) -> [DockerTrap] {
        allCases.filter {
            $0.routes.contains(route.template) || ($0 == .filters && route.queryParameters.contains("filters"))
        }
    }
}

/// A trap an exchange showed, with what in it showed it.
public struct TrapFinding: Sendable, Equatable {
    public var trap: DockerTrap
    public var detail: Phrase
}
