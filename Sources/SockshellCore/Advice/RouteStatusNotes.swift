extension StatusNotes {
    /// Status × route, from the responses the Engine API reference (v1.41) lists for each operation.
    static let byRoute: [RouteStatus] = [
        RouteStatus(
            "POST", "/containers/create", 201,
            "201 on create: the container exists but is not running; POST /containers/{id}/start runs it.",
            ko: """
                create의 201: 컨테이너는 만들어졌지만 아직 실행되지 않았습니다. POST \
                /containers/{id}/start로 실행합니다.
                """),
        RouteStatus(
            "POST", "/containers/create", 400,
            """
            400 on create: the body is not the config the daemon expects (no Content-Type: application/json, not JSON, \
            or a bad field).
            """,
            ko: """
                create의 400: 본문이 데몬이 기대하는 설정이 아닙니다(Content-Type: application/json \
                없음, JSON 아님, 잘못된 필드).
                """),
        RouteStatus(
            "POST", "/containers/create", 404,
            """
            404 on create: no such image here. Create does not pull: POST /images/create?fromImage=NAME&tag=TAG first, \
            read its stream to the end, then create again.
            """,
            ko:
                """
                create의 404: 여기에 그런 이미지가 없습니다. create는 이미지를 pull하지 \
                않습니다: 먼저 POST /images/create?fromImage=NAME&tag=TAG로 받고 그 스트림을 끝까지 \
                읽은 뒤 다시 create합니다.
                """
        ),
        RouteStatus(
            "POST", "/containers/create", 409,
            "409 on create: the ?name= is already used by another container (DELETE it, or choose another name).",
            ko: """
                create의 409: ?name=의 이름을 다른 컨테이너가 이미 쓰고 있습니다(그 \
                컨테이너를 DELETE하거나 다른 이름을 씁니다).
                """),
        RouteStatus(
            "GET", "/containers/json", 400,
            "400 on the list: a bad parameter, usually filters (it must be JSON, e.g. {\"status\":[\"running\"]}).",
            ko: """
                목록의 400: 잘못된 파라미터로, 대개 filters입니다(JSON이어야 합니다. 예: \
                {\"status\":[\"running\"]}).
                """),
        RouteStatus(
            "GET", "/containers/{id}/json", 404,
            "404 on inspect: no container has this id, id prefix or name.",
            ko: "inspect의 404: 이 id, id 앞부분, 이름을 가진 컨테이너가 없습니다."),
        RouteStatus(
            "POST", "/containers/{id}/start", 204,
            "204 on start: the container was started; its output is in GET /containers/{id}/logs.",
            ko: """
                start의 204: 컨테이너가 시작되었습니다. 출력은 GET /containers/{id}/logs에 \
                있습니다.
                """),
        RouteStatus(
            "POST", "/containers/{id}/start", 304,
            "304 on start: the container was already running, so nothing was done (not an error).",
            ko: """
                start의 304: 컨테이너가 이미 실행 중이라서 아무것도 하지 않았습니다(오류가 \
                아닙니다).
                """),
        RouteStatus(
            "POST", "/containers/{id}/start", 404,
            "404 on start: no such container (create it first: POST /containers/create).",
            ko: "start의 404: 그런 컨테이너가 없습니다(먼저 POST /containers/create로 만듭니다)."),
        RouteStatus(
            "POST", "/containers/{id}/start", 500,
            """
            500 on start: the container could not run, often because its command does not exist in the image; the \
            message says.
            """,
            ko: """
                start의 500: 컨테이너를 실행할 수 없었습니다. 대개 이미지에 그 명령이 \
                없어서이며, message가 이유를 알려 줍니다.
                """),
        RouteStatus(
            "POST", "/containers/{id}/stop", 204,
            "204 on stop: the container was stopped (SIGTERM, then SIGKILL after ?t= seconds).",
            ko: "stop의 204: 컨테이너가 멈췄습니다(SIGTERM, ?t=초 뒤에는 SIGKILL)."),
        RouteStatus(
            "POST", "/containers/{id}/stop", 304,
            "304 on stop: the container was already stopped, so nothing was done (not an error).",
            ko: """
                stop의 304: 컨테이너가 이미 멈춰 있어서 아무것도 하지 않았습니다(오류가 \
                아닙니다).
                """),
        RouteStatus(
            "POST", "/containers/{id}/stop", 404,
            "404 on stop: no such container.", ko: "stop의 404: 그런 컨테이너가 없습니다."),
        RouteStatus(
            "POST", "/containers/{id}/restart", 204,
            "204 on restart: stopped (if it ran) and started again.",
            ko: "restart의 204: (실행 중이었다면) 멈춘 뒤 다시 시작했습니다."),
        RouteStatus(
            "POST", "/containers/{id}/restart", 404,
            "404 on restart: no such container.", ko: "restart의 404: 그런 컨테이너가 없습니다."),
        RouteStatus(
            "POST", "/containers/{id}/kill", 204,
            "204 on kill: the signal was sent (SIGKILL unless ?signal= says another).",
            ko: "kill의 204: 시그널을 보냈습니다(?signal=이 없으면 SIGKILL)."),
        RouteStatus(
            "POST", "/containers/{id}/kill", 404,
            "404 on kill: no such container.", ko: "kill의 404: 그런 컨테이너가 없습니다."),
        RouteStatus(
            "POST", "/containers/{id}/kill", 409,
            "409 on kill: the container is not running, so there is nothing to signal.",
            ko: "kill의 409: 컨테이너가 실행 중이 아니라서 시그널을 보낼 대상이 없습니다."),
        RouteStatus(
            "POST", "/containers/{id}/pause", 404,
            "404 on pause: no such container.", ko: "pause의 404: 그런 컨테이너가 없습니다."),
        RouteStatus(
            "POST", "/containers/{id}/pause", 409,
            "409 on pause: the container is not running (or already paused).",
            ko: """
                pause의 409: 컨테이너가 실행 중이 아닙니다(또는 이미 일시 정지되어 \
                있습니다).
                """),
        RouteStatus(
            "POST", "/containers/{id}/unpause", 409,
            """
            409 on unpause: the container is not paused.
            """, ko: "unpause의 409: 컨테이너가 일시 정지 상태가 아닙니다."),
        RouteStatus(
            "POST", "/containers/{id}/wait", 200,
            """
            200 on wait: the container has stopped (or, with condition=removed, is gone); {\"StatusCode\":N} is its \
            exit code.
            """,
            ko: """
                wait의 200: 컨테이너가 멈췄습니다(condition=removed이면 삭제되었습니다). \
                {\"StatusCode\":N}이 종료 코드입니다.
                """),
        RouteStatus(
            "POST", "/containers/{id}/wait", 400,
            "400 on wait: a condition other than not-running, next-exit or removed.",
            ko: "wait의 400: condition이 not-running, next-exit, removed 중 하나가 아닙니다."),
        RouteStatus(
            "POST", "/containers/{id}/wait", 404,
            "404 on wait: no such container (it may have been removed already, e.g. by AutoRemove).",
            ko: """
                wait의 404: 그런 컨테이너가 없습니다(AutoRemove 등으로 이미 삭제되었을 수 \
                있습니다).
                """),
        RouteStatus(
            "DELETE", "/containers/{id}", 204,
            "204 on remove: the container is gone.", ko: "삭제의 204: 컨테이너가 삭제되었습니다."),
        RouteStatus(
            "DELETE", "/containers/{id}", 404,
            "404 on remove: no such container.", ko: "삭제의 404: 그런 컨테이너가 없습니다."),
        RouteStatus(
            "DELETE", "/containers/{id}", 409,
            "409 on remove: the container is running; stop it first or add ?force=1.",
            ko: "삭제의 409: 컨테이너가 실행 중입니다. 먼저 멈추거나 ?force=1을 붙입니다."),
        RouteStatus(
            "GET", "/containers/{id}/logs", 200,
            """
            200 on logs: without a TTY the body is frames, each with an 8-byte header (stream, 0, 0, 0, size); with a \
            TTY, raw bytes.
            """,
            ko: """
                logs의 200: TTY가 없으면 본문은 8바이트 헤더(stream, 0, 0, 0, 크기)가 붙은 \
                프레임(frame)들이고, TTY가 있으면 그대로의 바이트입니다.
                """),
        RouteStatus(
            "GET", "/containers/{id}/logs", 404,
            "404 on logs: no such container.", ko: "logs의 404: 그런 컨테이너가 없습니다."),
        RouteStatus(
            "POST", "/containers/{id}/attach", 101,
            "101 on attach: the connection is now the container's stdin, stdout and stderr (frames without a TTY).",
            ko: """
                attach의 101: 이제 연결이 컨테이너의 stdin, stdout, stderr입니다(TTY가 없으면 \
                프레임).
                """),
        RouteStatus(
            "POST", "/containers/{id}/attach", 404,
            "404 on attach: no such container.", ko: "attach의 404: 그런 컨테이너가 없습니다."),
        RouteStatus(
            "POST", "/containers/{id}/exec", 201,
            "201 on exec create: {\"Id\"} names the exec instance; nothing runs until POST /exec/{id}/start.",
            ko: """
                exec 생성의 201: {\"Id\"}가 exec 인스턴스입니다. POST /exec/{id}/start 전에는 \
                아무것도 실행되지 않습니다.
                """),
        RouteStatus(
            "POST", "/containers/{id}/exec", 404,
            "404 on exec create: no such container.", ko: "exec 생성의 404: 그런 컨테이너가 없습니다."),
        RouteStatus(
            "POST", "/containers/{id}/exec", 409,
            "409 on exec create: the container is not running (or is paused): exec needs a running one.",
            ko: """
                exec 생성의 409: 컨테이너가 실행 중이 아닙니다(또는 일시 정지 상태입니다). \
                exec는 실행 중인 컨테이너가 필요합니다.
                """),
        RouteStatus(
            "POST", "/exec/{id}/start", 404,
            """
            404 on exec start: no such exec instance.
            """, ko: "exec start의 404: 그런 exec 인스턴스가 없습니다."),
        RouteStatus(
            "POST", "/exec/{id}/start", 409,
            "409 on exec start: the container stopped or is paused.",
            ko: "exec start의 409: 컨테이너가 멈췄거나 일시 정지 상태입니다."),
        RouteStatus(
            "POST", "/containers/{id}/rename", 409,
            "409 on rename: another container already has that name.",
            ko: "rename의 409: 다른 컨테이너가 이미 그 이름을 쓰고 있습니다."),
        RouteStatus(
            "POST", "/images/create", 200,
            """
            200 on pull: the answer is a progress stream, and an error can still come in it as {\"error\":...}; read \
            it to its end.
            """,
            ko: """
                pull의 200: 응답은 진행 상황 스트림이고, 오류도 그 안에 {\"error\":...}로 올 수 \
                있습니다. 끝까지 읽어야 합니다.
                """),
        RouteStatus(
            "POST", "/images/create", 404,
            """
            404 on pull: the repository does not exist, or the registry refused access without credentials \
            (X-Registry-Auth).
            """,
            ko: """
                pull의 404: 저장소가 없거나, 자격 증명(X-Registry-Auth) 없이는 레지스트리가 \
                접근을 거부했습니다.
                """),
        RouteStatus(
            "GET", "/images/{name}/json", 404,
            """
            404 on image inspect: no such image here.
            """, ko: "이미지 inspect의 404: 여기에 그런 이미지가 없습니다."),
        RouteStatus(
            "DELETE", "/images/{name}", 404,
            "404 on image remove: no such image.", ko: "이미지 삭제의 404: 그런 이미지가 없습니다."),
        RouteStatus(
            "DELETE", "/images/{name}", 409,
            "409 on image remove: a container uses the image, or it has several tags (?force=1 removes anyway).",
            ko: """
                이미지 삭제의 409: 컨테이너가 그 이미지를 쓰고 있거나 태그가 여러 \
                개입니다(?force=1이면 그래도 삭제합니다).
                """),
        RouteStatus(
            "POST", "/images/{name}/tag", 201,
            """
            201 on tag: the image has the new name ?repo=&tag=.
            """, ko: "태그의 201: 이미지에 ?repo=&tag=의 새 이름이 붙었습니다."),
        RouteStatus(
            "POST", "/images/{name}/tag", 404,
            "404 on tag: no such image.", ko: "태그의 404: 그런 이미지가 없습니다."),
        RouteStatus(
            "POST", "/networks/create", 201,
            """
            201 on network create: {\"Id\"} names the new network.
            """, ko: "네트워크 생성의 201: {\"Id\"}가 새 네트워크입니다."),
        RouteStatus(
            "POST", "/networks/create", 409,
            """
            409 on network create: a network with that name exists.
            """, ko: "네트워크 생성의 409: 그 이름의 네트워크가 이미 있습니다."),
        RouteStatus(
            "DELETE", "/networks/{id}", 403,
            "403 on network remove: a predefined network (bridge, host, none) cannot be removed.",
            ko: """
                네트워크 삭제의 403: 미리 정의된 네트워크(bridge, host, none)는 삭제할 수 \
                없습니다.
                """),
        RouteStatus(
            "DELETE", "/networks/{id}", 404,
            """
            404 on network remove: no such network.
            """, ko: "네트워크 삭제의 404: 그런 네트워크가 없습니다."),
        RouteStatus(
            "POST", "/volumes/create", 201,
            "201 on volume create: the volume exists (creating one that exists answers 201 too).",
            ko: "볼륨 생성의 201: 볼륨이 있습니다(이미 있는 볼륨을 만들어도 201입니다)."),
        RouteStatus(
            "DELETE", "/volumes/{name}", 409,
            """
            409 on volume remove: a container uses the volume.
            """, ko: "볼륨 삭제의 409: 컨테이너가 그 볼륨을 쓰고 있습니다."),
        RouteStatus(
            "DELETE", "/volumes/{name}", 404,
            "404 on volume remove: no such volume.", ko: "볼륨 삭제의 404: 그런 볼륨이 없습니다."),
        RouteStatus(
            "GET", "/_ping", 200,
            "200 on _ping: the daemon is up; the body is OK and Api-Version its newest API.",
            ko: """
                _ping의 200: 데몬이 살아 있습니다. 본문은 OK이고 Api-Version이 가장 새로운 \
                API입니다.
                """),
        RouteStatus(
            "HEAD", "/_ping", 200,
            "200 on HEAD /_ping: the daemon is up; a HEAD answer has the headers and never a body.",
            ko: """
                HEAD /_ping의 200: 데몬이 살아 있습니다. HEAD 응답에는 헤더만 있고 본문은 절대 \
                없습니다.
                """),
        RouteStatus(
            "GET", "/events", 200,
            """
            200 on events: a stream that stays open, one JSON object per event; it ends only with ?until= or when you \
            stop it.
            """,
            ko: """
                events의 200: 열린 채로 이벤트마다 JSON 객체 하나씩 오는 스트림입니다. \
                ?until=이 있거나 직접 멈출 때만 끝납니다.
                """),
        RouteStatus(
            "POST", "/auth", 200,
            "200 on auth: the credentials work; IdentityToken, when given, can replace the password.",
            ko: """
                auth의 200: 자격 증명이 맞습니다. IdentityToken이 오면 비밀번호 대신 쓸 수 \
                있습니다.
                """),
        RouteStatus(
            "POST", "/auth", 401,
            """
            401 on auth: the registry refused these credentials.
            """, ko: "auth의 401: 레지스트리가 이 자격 증명을 거부했습니다."),
    ]
}
