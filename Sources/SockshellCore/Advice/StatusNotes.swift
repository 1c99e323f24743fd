/// What a status code means: in general (RFC 9110 §15), and for a route of the Engine API, where
/// the same number says something particular (a 304 on start: the container was already
/// running). The per-route sentences follow the reference's responses for each operation.
public enum StatusNotes {
    /// The general meaning of the codes a person meets on the Docker socket.
    static let general: [Int: Phrase] = [
        100: Phrase(
            "100 Continue: the server has the head and the client may send the body (RFC 9110 §15.2.1).",
            ko: "100 Continue: 서버가 헤더를 받았으니 본문을 보내도 됩니다(RFC 9110 §15.2.1)."),
        101: Phrase(
            """
            101 Switching Protocols: after this head the connection speaks the protocol named in Upgrade \
            (RFC 9110 §15.2.2); on the Docker socket, the container's raw streams.
            """,
            ko: """
                101 Switching Protocols: 이 헤더 뒤로 연결은 Upgrade에 적힌 프로토콜로 \
                바뀝니다(RFC 9110 §15.2.2). Docker \
                소켓에서는 컨테이너의 스트림이 그대로 흐릅니다.
                """),
        200: Phrase(
            "200 OK: the request succeeded and the body is the answer (RFC 9110 §15.3.1).",
            ko: "200 OK: 요청이 성공했고 본문이 그 결과입니다(RFC 9110 §15.3.1)."),
        201: Phrase(
            "201 Created: something new was made; the body names it (RFC 9110 §15.3.2).",
            ko: "201 Created: 새로 만들어졌고 본문이 그것을 알려 줍니다(RFC 9110 §15.3.2)."),
        204: Phrase(
            "204 No Content: done, and there is no body (RFC 9110 §15.3.5).",
            ko: "204 No Content: 처리되었고 본문은 없습니다(RFC 9110 §15.3.5)."),
        301: Phrase(
            "301 Moved Permanently: the resource is at the Location given (RFC 9110 §15.4.2).",
            ko: "301 Moved Permanently: 리소스가 Location의 위치로 옮겨졌습니다(RFC 9110 §15.4.2)."),
        304: Phrase(
            """
            304 Not Modified: nothing changed, so there is no body (RFC 9110 §15.4.5); the Docker API uses it for \
            "it already was so".
            """,
            ko: """
                304 Not Modified: 바뀐 것이 없어서 본문이 없습니다(RFC 9110 §15.4.5). Docker API는 \
                "이미 그 상태였다"는 \
                뜻으로 씁니다.
                """),
        400: Phrase(
            """
            400 Bad Request: the server will not process the request as sent (RFC 9110 §15.5.1); the daemon's \
            message says which part.
            """,
            ko: """
                400 Bad Request: 보낸 그대로는 요청을 처리하지 않습니다(RFC 9110 §15.5.1). 데몬의 \
                message가 어느 부분인지 \
                알려 줍니다.
                """),
        401: Phrase(
            "401 Unauthorized: credentials are missing or wrong (RFC 9110 §15.5.2).",
            ko: "401 Unauthorized: 자격 증명이 없거나 틀렸습니다(RFC 9110 §15.5.2)."),
        403: Phrase(
            "403 Forbidden: understood, and refused (RFC 9110 §15.5.4).",
            ko: "403 Forbidden: 요청을 이해했지만 거부합니다(RFC 9110 §15.5.4)."),
        404: Phrase(
            """
            404 Not Found: no such resource (RFC 9110 §15.5.5). From the daemon, {"message":"page not found"} \
            means no such route (or not with this method); "No such container: x" means the route is right and \
            the object is missing.
            """,
            ko: """
                404 Not Found: 그런 리소스가 없습니다(RFC 9110 §15.5.5). 데몬이 {"message":"page not \
                found"}라고 하면 그런 \
                경로가 없다는(또는 이 메서드로는 없다는) 뜻이고, "No such container: x"는 \
                경로는 맞고 대상이 없다는 뜻입니다.
                """),
        405: Phrase(
            "405 Method Not Allowed: the resource exists, but not for this method; Allow lists the ones it takes.",
            ko: """
                405 Method Not Allowed: 리소스는 있지만 이 메서드로는 안 됩니다. Allow 헤더가 \
                받는 메서드를 알려 줍니다.
                """),
        409: Phrase(
            """
            409 Conflict: the request conflicts with the resource's current state (RFC 9110 §15.5.10): a name \
            already in use, a container that is not running, an image still used.
            """,
            ko: """
                409 Conflict: 요청이 리소스의 현재 상태와 충돌합니다(RFC 9110 §15.5.10): 이미 \
                쓰이는 이름, 실행 중이 아닌 \
                컨테이너, 아직 사용 중인 이미지 같은 경우입니다.
                """),
        411: Phrase(
            "411 Length Required: the server wants a Content-Length (RFC 9110 §15.5.12).",
            ko: "411 Length Required: 서버가 Content-Length를 요구합니다(RFC 9110 §15.5.12)."),
        413: Phrase(
            "413 Content Too Large: the body is larger than the server takes (RFC 9110 §15.5.14).",
            ko: "413 Content Too Large: 본문이 서버가 받는 크기보다 큽니다(RFC 9110 §15.5.14)."),
        415: Phrase(
            "415 Unsupported Media Type: the server does not take a body of this Content-Type (RFC 9110 §15.5.16).",
            ko: """
                415 Unsupported Media Type: 서버가 이 Content-Type의 본문을 받지 않습니다(RFC 9110 \
                §15.5.16).
                """),
        500: Phrase(
            """
            500 Internal Server Error: the server failed to do it (RFC 9110 §15.6.1); the daemon's message says \
            why (API 1.41 also answers some bad input with 500, such as filters that are not JSON).
            """,
            ko: """
                500 Internal Server Error: 서버가 처리하지 못했습니다(RFC 9110 §15.6.1). 데몬의 \
                message가 이유를 알려 줍니다 \
                (API 1.41은 JSON이 아닌 filters 같은 잘못된 입력에도 500을 줍니다).
                """),
        501: Phrase(
            "501 Not Implemented: the server does not support what the request needs (RFC 9110 §15.6.2).",
            ko: """
                501 Not Implemented: 서버가 요청에 필요한 기능을 지원하지 않습니다(RFC 9110 \
                §15.6.2).
                """),
        502: Phrase(
            "502 Bad Gateway: a proxy got a bad answer from the server behind it (RFC 9110 §15.6.3).",
            ko: """
                502 Bad Gateway: 프록시가 뒤쪽 서버에서 잘못된 응답을 받았습니다(RFC 9110 \
                §15.6.3).
                """),
        503: Phrase(
            """
            503 Service Unavailable: the server cannot do it now (RFC 9110 §15.6.4); on swarm routes, this node \
            is not a swarm manager (POST /swarm/init makes one).
            """,
            ko: """
                503 Service Unavailable: 서버가 지금은 처리할 수 없습니다(RFC 9110 §15.6.4). 스웜 \
                경로에서는 이 노드가 \
                스웜 매니저가 아니라는 뜻입니다(POST /swarm/init으로 만듭니다).
                """),
        504: Phrase(
            "504 Gateway Timeout: a proxy waited too long for the server behind it (RFC 9110 §15.6.5).",
            ko: """
                504 Gateway Timeout: 프록시가 뒤쪽 서버를 너무 오래 기다렸습니다(RFC 9110 \
                §15.6.5).
                """),
    ]

    /// The general sentence for `status`, or its class's (2xx, 4xx, ...) for a code not in the table.
    public static func general(_ status: Int) -> Phrase {
        if let known = general[status] { return known }
        switch status / 100 {
        case 1:
            return Phrase(
                "\(status): informational, more follows (RFC 9110 §15.2).",
                ko: "\(status): 정보 응답으로, 뒤에 더 옵니다(RFC 9110 §15.2).")
        case 2:
            return Phrase(
                """
                \(status): a success (RFC 9110 §15.3).
                """, ko: "\(status): 성공입니다(RFC 9110 §15.3).")
        case 3:
            return Phrase(
                """
                \(status): a redirection (RFC 9110 §15.4).
                """, ko: "\(status): 리다이렉션입니다(RFC 9110 §15.4).")
        case 4:
            return Phrase(
                """
                \(status): the client's error (RFC 9110 §15.5).
                """, ko: "\(status): 클라이언트 쪽 오류입니다(RFC 9110 §15.5).")
        case 5:
            return Phrase(
                """
                \(status): the server's error (RFC 9110 §15.6).
                """, ko: "\(status): 서버 쪽 오류입니다(RFC 9110 §15.6).")
        default:
            return Phrase(
                "\(status) is not an HTTP status: a status is three digits from 100 to 599 (RFC 9110 §15).",
                ko: """
                    \(status)은(는) HTTP 상태 코드가 아닙니다: 상태 코드는 100에서 599 사이의 세 \
                    자리 수입니다(RFC 9110 §15).
                    """)
        }
    }

    /// One route's particular meaning of a status.
    public struct RouteStatus: Sendable {
        public let method: String
        public let template: String
        public let status: Int
        public let note: Phrase

        init(_ method: String, _ template: String, _ status: Int, _ english: String, ko korean: String) {
            self.method = method
            self.template = template
            self.status = status
            note = Phrase(english, ko: korean)
        }
    }

    /// The sentence for `status` on the route `method template`, nil when the route gives it no
    /// particular meaning.
    public static func note(status: Int, method: String, template: String) -> Phrase? {
        byRoute.first { $0.status == status && $0.method == method.uppercased() && $0.template == template }?.note
            ?? swarmNote(status: status, template: template)
    }

    /// Every particular meaning the route `method template` gives a status, in status order.
    public static func notes(method: String, template: String) -> [RouteStatus] {
        byRoute.filter { $0.method == method && $0.template == template }.sorted { $0.status < $1.status }
    }

    /// The routes that give `status` a particular meaning.
    public static func routes(giving status: Int) -> [RouteStatus] {
        byRoute.filter { $0.status == status }
    }

    /// Every swarm route answers 503 on a node that is not in a swarm.
    private static func swarmNote(status: Int, template: String) -> Phrase? {
        let swarmRoots = ["swarm", "nodes", "services", "tasks", "secrets", "configs"]
        guard status == 503, let root = template.split(separator: "/").first, swarmRoots.contains(String(root))
        else { return nil }
        return Phrase(
            "503 here: this node is not part of a swarm (POST /swarm/init, or docker swarm init, makes it a manager).",
            ko: """
                여기서 503은 이 노드가 스웜에 속해 있지 않다는 뜻입니다(POST /swarm/init 또는 \
                docker swarm init으로 매니저가 됩니다).
                """)
    }
}
