/// What each header does, one sentence each, for `explain NAME` and for each header line of
/// `explain` on the last exchange. Facts from RFC 9110 (semantics), RFC 9112 (HTTP/1.1 framing)
/// and the Docker Engine API reference; the sentences are ours.
public enum HeaderNotes {
    /// Header names in the case the wire usually shows them, with their sentence.
    public static let table: [(name: String, note: Phrase)] = [
        (
            "Host",
            Phrase(
                """
                Names the server the request is for; HTTP/1.1 requires it on every request (RFC 9112 §3.2) and a \
                request without it gets 400. Over a unix socket any value works: the daemon does not read it.
                """,
                ko: """
                    요청(request)이 향하는 서버의 이름입니다. HTTP/1.1에서는 모든 요청에 꼭 \
                    있어야 하고(RFC 9112 §3.2), 없으면 \
                    400을 받습니다. 유닉스 소켓에서는 값이 무엇이든 상관없습니다: 데몬은 \
                    이 값을 읽지 않습니다.
                    """)
        ),
        (
            "User-Agent",
            Phrase(
                "Names the client program (RFC 9110 §10.1.5); the daemon only logs it.",
                ko: """
                    클라이언트 프로그램의 이름입니다(RFC 9110 §10.1.5). 데몬은 로그에만 \
                    남깁니다.
                    """)
        ),
        (
            "Content-Type",
            Phrase(
                """
                The media type of the body (RFC 9110 §8.3). The daemon reads a JSON body only when this says \
                application/json: POST /containers/create without it answers 400.
                """,
                ko: """
                    본문(body)의 미디어 타입입니다(RFC 9110 §8.3). 데몬은 이 값이 \
                    application/json일 때만 JSON 본문을 \
                    읽습니다: POST /containers/create에 이 헤더가 없으면 400을 받습니다.
                    """)
        ),
        (
            "Content-Length",
            Phrase(
                """
                The body's size in bytes (RFC 9110 §8.6): the reader knows where the message ends and the next one \
                on the same connection begins (RFC 9112 §6.3).
                """,
                ko: """
                    본문의 크기(바이트)입니다(RFC 9110 §8.6). 받는 쪽은 이 값으로 메시지가 \
                    어디서 끝나고 같은 연결의 다음 \
                    메시지가 어디서 시작하는지 압니다(RFC 9112 §6.3).
                    """)
        ),
        (
            "Transfer-Encoding",
            Phrase(
                """
                chunked: the body comes in chunks, each after a line with its size in hex, and a chunk of size 0 ends \
                it (RFC 9112 §7.1). The daemon uses it when it does not know the length yet: streams like /events, \
                logs with follow=1 and pull progress.
                """,
                ko: """
                    chunked: 본문이 청크(chunk) 단위로 오고, 각 청크 앞에는 16진수 크기 줄이 \
                    있으며, 크기 0인 청크가 끝을 \
                    알립니다(RFC 9112 §7.1). 데몬은 길이를 아직 모를 때 이것을 씁니다: /events, \
                    follow=1인 로그, 이미지 \
                    pull 진행 상황 같은 스트림(stream)입니다.
                    """)
        ),
        (
            "Connection",
            Phrase(
                """
                Options for this connection only (RFC 9110 §7.6.1): close ends it after this message; Upgrade asks \
                to switch protocols, as attach and exec start do.
                """,
                ko: """
                    이 연결에만 해당하는 옵션입니다(RFC 9110 §7.6.1). close는 이 메시지 뒤에 \
                    연결을 닫고, Upgrade는 attach와 \
                    exec start처럼 프로토콜 전환을 요청합니다.
                    """)
        ),
        (
            "Upgrade",
            Phrase(
                """
                The protocol to switch to (RFC 9110 §7.8). Docker's attach and exec start send Upgrade: tcp; the \
                daemon answers 101 and from then on the socket carries the container's raw streams both ways.
                """,
                ko: """
                    전환할 프로토콜입니다(RFC 9110 §7.8). Docker의 attach와 exec start는 Upgrade: tcp를 \
                    보내고, 데몬이 101로 \
                    답하면 그때부터 소켓은 컨테이너(container)의 스트림을 양방향으로 그대로 \
                    나릅니다.
                    """)
        ),
        (
            "Accept",
            Phrase(
                "The media types the client takes in the answer (RFC 9110 §12.5.1); the daemon mostly ignores it.",
                ko: """
                    클라이언트가 응답으로 받을 미디어 타입입니다(RFC 9110 §12.5.1). 데몬은 \
                    대부분 무시합니다.
                    """)
        ),
        (
            "Accept-Encoding",
            Phrase(
                "The content codings (gzip, ...) the client can decode (RFC 9110 §12.5.3).",
                ko: "클라이언트가 풀 수 있는 콘텐츠 코딩(gzip 등)입니다(RFC 9110 §12.5.3).")
        ),
        (
            "Content-Encoding",
            Phrase(
                "A coding applied to the body, such as gzip (RFC 9110 §8.4); /build accepts a gzip'd context.",
                ko: """
                    본문에 적용된 코딩(gzip 등)입니다(RFC 9110 §8.4). /build는 gzip으로 압축한 \
                    컨텍스트를 받습니다.
                    """)
        ),
        (
            "Authorization",
            Phrase(
                """
                Credentials for the server itself (RFC 9110 §11.6.2). The daemon's socket needs none (access to \
                the socket is the permission); registry credentials go in X-Registry-Auth instead.
                """,
                ko: """
                    서버 자체에 대한 자격 증명입니다(RFC 9110 §11.6.2). 데몬의 소켓은 필요 \
                    없습니다(소켓에 접근할 수 있으면 \
                    권한이 있는 것입니다). 레지스트리 자격 증명은 X-Registry-Auth에 넣습니다.
                    """)
        ),
        (
            "Expect",
            Phrase(
                """
                100-continue: the client waits for a 100 Continue before it sends the body (RFC 9110 §10.1.1).
                """,
                ko: """
                    100-continue: 클라이언트가 본문을 보내기 전에 100 Continue를 기다립니다(RFC \
                    9110 §10.1.1).
                    """)
        ),
        (
            "TE",
            Phrase(
                "The transfer codings the client accepts in the answer, e.g. trailers (RFC 9110 §10.1.4).",
                ko: "클라이언트가 응답에서 받는 전송 코딩입니다. 예: trailers(RFC 9110 §10.1.4).")
        ),
        (
            "Cache-Control",
            Phrase(
                """
                Caching rules (RFC 9111 §5.2); the daemon sends no-cache, no-store, must-revalidate on /_ping so \
                no proxy keeps an old answer.
                """,
                ko: """
                    캐시 규칙입니다(RFC 9111 §5.2). 데몬은 /_ping에 no-cache, no-store, must-revalidate를 \
                    보내서 프록시가 \
                    예전 응답을 들고 있지 않게 합니다.
                    """)
        ),
        (
            "Pragma",
            Phrase(
                "no-cache: the HTTP/1.0 spelling of Cache-Control: no-cache, for old caches (RFC 9111 §5.4).",
                ko: """
                    no-cache: Cache-Control: no-cache의 HTTP/1.0 표기로, 오래된 캐시를 위한 \
                    것입니다(RFC 9111 §5.4).
                    """)
        ),
        (
            "Date",
            Phrase(
                "When the server made the answer, in GMT (RFC 9110 §6.6.1).",
                ko: "서버가 응답을 만든 시각(GMT)입니다(RFC 9110 §6.6.1).")
        ),
        (
            "Server",
            Phrase(
                "The server software and version: Docker/20.10.24 (linux) names the engine and its OS.",
                ko: """
                    서버 소프트웨어와 버전입니다: Docker/20.10.24 (linux)는 엔진과 그 OS를 \
                    말합니다.
                    """)
        ),
        (
            "Api-Version",
            Phrase(
                """
                The newest Engine API version this daemon speaks, on every answer. Paths under /vX.Y ask for one \
                version; a newer X.Y than this gets 400 "client version X.Y is too new" (api-version negotiate \
                takes this value).
                """,
                ko: """
                    이 데몬이 지원하는 가장 새로운 Engine API 버전으로, 모든 응답에 \
                    붙습니다. /vX.Y 아래 경로는 그 버전을 \
                    요청하는 것이고, 이 값보다 새 버전을 쓰면 400 "client version X.Y is too new"를 \
                    받습니다(api-version \
                    negotiate가 이 값을 씁니다).
                    """)
        ),
        (
            "Docker-Experimental",
            Phrase(
                "Whether the daemon runs with experimental features on (dockerd --experimental).",
                ko: "데몬이 실험적 기능(dockerd --experimental)을 켜고 실행 중인지 알려 줍니다.")
        ),
        (
            "Ostype",
            Phrase(
                "The daemon's operating system (linux or windows): which containers it can run.",
                ko: """
                    데몬의 운영체제(linux 또는 windows)로, 어떤 컨테이너를 실행할 수 있는지 \
                    알려 줍니다.
                    """)
        ),
        (
            "Builder-Version",
            Phrase(
                "The default builder for /build: 1 is the classic builder, 2 is BuildKit.",
                ko: "/build의 기본 빌더입니다: 1은 기존 빌더, 2는 BuildKit입니다.")
        ),
        (
            "Swarm",
            Phrase(
                "On /_ping: whether this node is in a swarm (inactive, or active/manager, active/worker).",
                ko: """
                    /_ping 응답에서 이 노드가 스웜(swarm)에 속해 있는지 알려 줍니다(inactive, \
                    active/manager 등).
                    """)
        ),
        (
            "X-Registry-Auth",
            Phrase(
                """
                Registry credentials for pull, push and plugin install: JSON {"username":..,"password":..} (or \
                {"identitytoken":..}) encoded as base64url (RFC 4648 §5: - and _, not + and /). On a pull a value \
                that does not decode is silently ignored, and the pull goes on without credentials.
                """,
                ko: """
                    pull, push, 플러그인 설치에 쓰는 레지스트리 자격 증명입니다: JSON \
                    {"username":..,"password":..} (또는 \
                    {"identitytoken":..})을 base64url(RFC 4648 §5: +와 /가 아니라 -와 _)로 \
                    인코딩합니다. pull에서는 디코딩되지 \
                    않는 값을 조용히 무시하고 자격 증명 없이 pull을 계속합니다.
                    """)
        ),
        (
            "X-Registry-Config",
            Phrase(
                "On /build: base64url JSON of credentials for every registry the build may pull from.",
                ko: """
                    /build에서 빌드가 pull할 수 있는 모든 레지스트리의 자격 증명을 담은 \
                    base64url JSON입니다.
                    """)
        ),
        (
            "X-Docker-Container-Path-Stat",
            Phrase(
                "On the archive routes: base64 JSON describing the file or folder at ?path= (name, size, mode).",
                ko: """
                    archive 경로에서 ?path=의 파일이나 폴더 정보(name, size, mode)를 담은 base64 \
                    JSON입니다.
                    """)
        ),
        (
            "X-Content-Type-Options",
            Phrase(
                "nosniff: a browser must not guess another media type than Content-Type says.",
                ko: """
                    nosniff: 브라우저가 Content-Type과 다른 미디어 타입을 추측하지 말라는 \
                    뜻입니다.
                    """)
        ),
        (
            "Location",
            Phrase(
                "Where the resource is, for a redirect (3xx) or a 201 Created (RFC 9110 §10.2.2).",
                ko: "리다이렉트(3xx)나 201 Created에서 리소스의 위치입니다(RFC 9110 §10.2.2).")
        ),
        (
            "Trailer",
            Phrase(
                "Fields that come after a chunked body, in its trailer section (RFC 9110 §6.6.2).",
                ko: "chunked 본문 뒤 트레일러(trailer)에 올 필드들입니다(RFC 9110 §6.6.2).")
        ),
        (
            "Allow",
            Phrase(
                "The methods the resource answers, sent with 405 Method Not Allowed (RFC 9110 §10.2.1).",
                ko: """
                    그 리소스가 받는 메서드 목록으로, 405 Method Not Allowed와 함께 옵니다(RFC \
                    9110 §10.2.1).
                    """)
        ),
        (
            "Retry-After",
            Phrase(
                "How long to wait before trying again, with 503 or 429 (RFC 9110 §10.2.3).",
                ko: """
                    다시 시도하기 전에 기다릴 시간으로, 503이나 429와 함께 옵니다(RFC 9110 \
                    §10.2.3).
                    """)
        ),
        (
            "Vary",
            Phrase(
                "Which request headers the answer depends on, for caches (RFC 9110 §12.5.5).",
                ko: """
                    응답이 어떤 요청 헤더에 따라 달라지는지 캐시에게 알려 줍니다(RFC 9110 \
                    §12.5.5).
                    """)
        ),
    ]

    /// The header names `explain` knows, for Tab and suggestions.
    public static var names: [String] { table.map(\.name) }

    /// The sentence for `name` (any case), nil for a header sockshell has no note on.
    public static func note(for name: String) -> Phrase? {
        table.first { HeaderField.namesMatch($0.name, name) }?.note
    }

    /// What `explain` says of a header it has no note on.
    static let unknown = Phrase(
        "sockshell has no note on this header; a server ignores headers it does not use.",
        ko: """
            sockshell에 이 헤더에 대한 설명이 없습니다. 서버는 쓰지 않는 헤더를 \
            무시합니다.
            """)
}
