/// `help` in Korean: each command's summary and usage, keyed by its name in ShellCommandTable.
/// A usage keeps the English syntax line as it is (what is typed is the same in both languages)
/// and explains it in Korean; the example is the table's own. KoreanHelpTests checks every
/// command of the table has both, with the same syntax.
public enum KoreanHelp {
    public struct Entry: Sendable {
        public var summary: String
        public var usage: String
    }

    public static func entry(for name: String) -> Entry? { entries[name] }

    static let entries: [String: Entry] = [
        "METHOD": Entry(
            summary: "요청 보내기: METHOD /path [-H 'Name: value'] [BODY|@file] [&]",
            usage:
                """
                METHOD TARGET [HTTP/1.1 | HTTP/1.0] [-H 'Name: value']... [BODY | @file] [-H 'Name: value']... [&]
                TARGET은 /path?query, * (OPTIONS용) 또는 http://host/path 입니다 (경로만 보내고, host는 Host 헤더가 \
                됩니다). 대괄호와 중괄호 안은 공백까지 한 덩어리입니다: GET /containers/json?filters={"label": ["a b"]}. \
                그냥 공백이 든 대상은 따옴표로 감싸세요. 공백과 JSON 문자는 보낼 때 퍼센트 인코딩됩니다.
                대상 바로 뒤의 HTTP/1.1(기본값) 또는 HTTP/1.0이 보낼 버전입니다.
                -H 'Name: value'는 헤더(header)를 더합니다: 값에 공백이 있으면 따옴표로 감싸세요. 옵션은 본문(body) \
                앞에, 또는 JSON이나 @file 본문 뒤에 씁니다.
                BODY는 {나 [에서 짝이 맞는 닫는 괄호까지의 JSON(여러 줄에 걸쳐도 됩니다: 프롬프트가 무엇이 열려 \
                있는지 알려 줍니다), @file, 또는 GET, HEAD, DELETE가 아니면 줄의 나머지 텍스트입니다.
                마지막의 &는 백그라운드 작업(job)으로 실행합니다. HTTP 토큰이면 무엇이든 메서드가 되고, 표준 \
                메서드는 대소문자를 가리지 않습니다. Host, User-Agent, Content-Length와 (JSON 본문이면) \
                Content-Type이 자동으로 더해지고 화면에 보입니다.
                """),
        "raw": Entry(
            summary: "그대로 보내기 (이스케이프 \\r \\n \\t \\0 \\\\ \\xHH), 덧붙임 없음",
            usage: "raw BYTES\n적은 바이트를 그대로 소켓(socket)에 씁니다. Host도 Content-Length도 더하지 않습니다."),
        "header": Entry(
            summary: "세션 헤더: header Name: value, header -d Name, header만 쓰면 목록",
            usage: "header [Name: value | -d Name]\n이후의 모든 요청에 붙는 헤더를 더하거나(-d는 지웁니다) 목록을 보여 줍니다."),
        "connect": Entry(
            summary: "엔드포인트 바꾸기: URL | /path | --context NAME (help connect)",
            usage:
                """
                connect unix:///path | /path | tcp://host:port | https://host[:port] | ssh://[user@]host[:port][/path] \
                | --context NAME\n이후 요청은 그곳으로 갑니다. 엔드포인트는 조용한 GET /_ping으로 바로 시험하고, \
                아무도 듣고 있지 않으면 거절하며 세션은 원래 자리에 남습니다. tcp:// URL은 sockshell을 시작할 때의 \
                TLS 플래그(--tlsverify, DOCKER_TLS_VERIFY, ...)를 -H처럼 씁니다. https://는 --tlsverify를 붙인 \
                tcp://입니다 (포트 2376, docker CLI는 거부합니다). ssh://는 ssh [-l user] [-p port] host docker system \
                dial-stdio를 실행하고 (docker CLI처럼 ~/.ssh/config와 에이전트를 씁니다. /path는 원격 소켓입니다) 그 \
                ssh를 연결로 씁니다. --context NAME은 docker 컨텍스트(context)의 엔드포인트와 TLS 파일을 씁니다 \
                (contexts가 목록을 보여 줍니다. default는 DOCKER_HOST, 없으면 기본 소켓입니다).
                """),
        "contexts": Entry(
            summary: "docker 컨텍스트 목록, docker context ls처럼 (* 사용 중)",
            usage:
                """
                contexts\n$DOCKER_CONFIG/contexts(없으면 ~/.docker/contexts)의 컨텍스트와 docker CLI의 가상 \
                default(DOCKER_HOST, 없으면 기본 소켓)를 보여 줍니다. connect --context NAME으로 바꿉니다.
                """),
        "endpoint": Entry(
            summary: "요청이 가는 곳과, 어느 규칙이 골랐는지 (-H, DOCKER_HOST, ...)",
            usage:
                """
                endpoint\n지금 쓰는 엔드포인트와 그것을 찾은 방법을 보여 줍니다. docker CLI의 규칙을 순서대로 \
                따릅니다: --context, -H 또는 --unix-socket, DOCKER_HOST, DOCKER_CONTEXT, config.json의 \
                currentContext(docker context use), 기본 소켓. 또는 이 세션의 connect.
                """),
        "sockets": Entry(
            summary: "이 머신에서 데몬(daemon)이 듣는 소켓과, 응답하는 소켓",
            usage:
                """
                sockets\n데몬이 듣는 곳을 찾아봅니다: /var/run/docker.sock, rootless Docker($XDG_RUNTIME_DIR), \
                Docker Desktop, OrbStack, colima, Rancher Desktop, podman, docker 컨텍스트의 소켓. 있는 소켓과 \
                _ping에 응답하는 소켓, 그리고 그리로 바꾸는 connect를 보여 줍니다.
                """),
        "api-version": Entry(
            summary: "/vX.Y 아래로 보내기: api-version X.Y | off | negotiate",
            usage:
                """
                api-version [X.Y | off | negotiate]\n버전이 없는 경로 앞에 /vX.Y를 붙여 보냅니다 (직접 친 /_ping도). \
                이미 /vX.Y로 시작하는 경로는 친 그대로 갑니다. 인자 없이 쓰면 버전과 그 출처(--api-version, \
                DOCKER_API_VERSION, 이 명령)를 보여 줍니다. negotiate는 HEAD /_ping을 버전 없이 보내고 데몬의 \
                Api-Version을 씁니다. docker CLI처럼 최대 1.41(sockshell이 아는 경로)이고, 헤더가 없으면 1.24입니다. \
                off는 경로를 친 그대로 보냅니다.
                """),
        "view": Entry(
            summary: "교환을 보여 주는 방식: view wire | pretty | body | hex | json",
            usage:
                """
                view [wire | pretty | body | hex | json]\nwire는 오간 바이트 그대로, pretty는 정리한 머리와 본문, body는 \
                본문만, hex는 16진수, json은 교환마다 JSON 객체 하나입니다. 인자 없이 쓰면 지금 방식을 말합니다.
                """),
        "explain": Entry(
            summary: "상태 코드, 헤더, 경로, 함정, 또는 마지막 교환 풀이",
            usage:
                """
                explain [STATUS | HEADER | [METHOD] /route | TRAP]\n상태 코드(status, explain 304)의 일반적인 뜻과, \
                그 코드에 따로 뜻이 있는 경로마다의 뜻; 헤더(explain Transfer-Encoding); 템플릿이나 실제 경로로 쓴 경로\
                (explain /containers/{id}/start, explain POST /containers/abc/start)의 쿼리 매개변수, 상태 코드, 함정; \
                Docker API의 함정(trap: api-version, frames, filters, registry-auth, create-pull, pull-stream, \
                wait-before-start)을 설명합니다. 인자 없이 쓰면 마지막 교환(exchange)의 헤드를 한 줄씩 풀이하고, \
                그 교환에서 보이는 함정을 알려 줍니다. 세션의 언어(lang)로 말합니다.
                """),
        "warnings": Entry(
            summary: "보내기 전 경고: warnings on | off (--no-warn: off)",
            usage:
                """
                warnings [on | off]\n요청을 보내기 전에, 흔한 실수가 보이면 표준 오류에 한 줄로 알려 줍니다: \
                Content-Type이 다른 JSON 본문, GET이나 HEAD의 본문, 경로 목록에 없는 경로나 쿼리 매개변수(가장 가까운 \
                것을 함께), Host 없는 HTTP/1.1 raw 요청, JSON이 아닌 filters, base64url JSON이 아닌 \
                X-Registry-Auth. 요청은 그래도 보냅니다. 인자 없이 쓰면 켜져 있는지 알려 줍니다.
                """),
        "on": Entry(
            summary: "이벤트마다 줄 실행: on event TYPE ACTION..., 줄들, end",
            usage:
                """
                on event TYPE [ACTION]... [label KEY=VALUE]... [count N]\nCOMMANDS...\nend\n그 필터로 GET /events를 \
                작업(job)으로 열고, 이벤트(event)가 올 때마다 명령들을 한 번씩 실행합니다. 로드 밸런서가 스스로를 \
                다시 설정하는 것과 같습니다: $event는 이벤트의 JSON 줄이고, 블록이 자기 요청을 보내기 전까지 let과 \
                expect는 이벤트를 읽습니다(let name = .Actor.Attributes.name, 레이블은 \
                .Actor.Attributes["lb.port"]). count N개의 이벤트 뒤, 스트림이 끝날 때, 또는 Ctrl-C로 끝납니다(Ctrl-C는 \
                다른 명령 중처럼 스크립트를 멈추고, 프롬프트에서는 셸이 계속됩니다). 그러면 스트림 작업도 멈춥니다. \
                명령이나 expect가 실패하면 스크립트를 끝내듯 블록을 끝냅니다. 블록은 겹쳐 쓸 수 없고, end는 한 \
                줄에 혼자 씁니다.
                """),
        "lang": Entry(
            summary: "셸이 쓰는 언어: lang ko | lang en (레슨, help)",
            usage:
                """
                lang [ko | en]\n인자 없이 쓰면 지금 언어와 고를 수 있는 언어를 보여 줍니다. lang ko 또는 lang en은 \
                세션이 끝날 때까지 언어를 바꿉니다: 레슨(진행 중인 레슨은 진행 상황을 그대로 둡니다), help, 레슨 \
                중 셸이 하는 말이 이 언어를 따릅니다. 처음 언어는 --lang, 없으면 로캘(LC_ALL, LC_MESSAGES, LANG이 \
                ko로 시작하면 한국어)이 정합니다. 오류 문장은 아직 영어입니다.
                """),
        "help": Entry(
            summary: "이 목록, 또는 명령 하나의 help COMMAND",
            usage: "help [COMMAND]\n명령 목록을 보여 주고, COMMAND를 주면 그 명령의 사용법과 예를 보여 줍니다."),
        "history": Entry(
            summary: "대화형 셸에서 입력한 줄 목록 (실행할 때마다 이어짐)",
            usage: "history\n대화형 셸에서 친 줄을 번호와 함께 보여 줍니다. 기록은 다음 실행에도 남습니다."),
        "set": Entry(
            summary: "변수 정하기: set NAME = value; $NAME 또는 ${NAME}으로 씁니다",
            usage:
                """
                set NAME = value\n$NAME과 ${NAME}은 대상, 헤더, 본문에 채워집니다 (JSON 문자열 안에서는 이스케이프됩니다). \
                ${env:HOME}은 환경 변수를 읽고, $status, $body, $header(Name)은 마지막 교환을 가리킵니다. $$는 달러 \
                기호입니다.
                """),
        "vars": Entry(summary: "변수 목록", usage: "vars\n지금 정해진 변수와 값을 보여 줍니다."),
        "echo": Entry(
            summary: "한 줄 출력, 변수를 채워서", usage: "echo TEXT\nTEXT의 변수를 채워 한 줄로 출력합니다."),
        "sleep": Entry(
            summary: "SECONDS초 기다리기 (Ctrl-C로 끝냄)", usage: "sleep SECONDS\n소수도 됩니다. Ctrl-C를 누르면 바로 끝납니다."),
        "source": Entry(
            summary: "다른 스크립트의 명령(또는 .http 파일의 요청)을 여기서 실행",
            usage:
                """
                source FILE   (지금 스크립트의 폴더 기준)\nFILE의 명령을 지금 세션에서 이어서 실행합니다.
                FILE.http(VS Code REST Client, JetBrains HTTP Client)는 요청을 이 세션의 엔드포인트로 보냅니다. \
                URL에서는 경로와 쿼리만 보내고, {{req.response.body.$.Id}}는 let 캡처가 됩니다.
                """),
        "let": Entry(
            summary: "마지막 교환에서 값 얻기: let NAME = .Id | header Name | status",
            usage:
                """
                let NAME = QUERY | header NAME | status\n쿼리: .Id  .State.Running  .[0].Id  .[-1]  .[].Names[0]  \
                .Id[:12]  length  keys  type  A | B
                """),
        "expect": Entry(
            summary: "마지막 교환 확인; 실패하면 스크립트가 종료 코드 1로 멈춤",
            usage:
                """
                expect status 201 | 2xx | 204|304\nexpect header NAME [= VALUE]\nexpect QUERY == JSON | != JSON | \
                contains VALUE | matches /regex/ | exists\nexpect event TYPE ACTION within 5s   (실행 중인 GET \
                /events &에 대해)
                """),
        "curl": Entry(
            summary: "curl 명령 붙여 넣기: 읽어서 이 세션의 엔드포인트로 보냄",
            usage:
                """
                curl [-X METHOD] [-H 'Name: value'] [-d DATA | --data-binary @file | --json DATA] [-G \
                --data-urlencode ...] URL\nURL의 경로와 쿼리를 보냅니다 (host는 Host 헤더가 됩니다). 줄 끝의 \
                백슬래시로 다음 줄에 이어 쓸 수 있습니다.
                """),
        "export": Entry(
            summary: "요청을 curl이나 .http로, 세션을 HAR이나 스크립트 파일로",
            usage:
                """
                export curl [N] | export http [N] | export har FILE | export script FILE\ncurl과 http는 마지막(또는 \
                N번째) 요청을 출력합니다. har는 세션에 남은 교환을 HAR 1.2로 씁니다 (브라우저 개발자 도구가 엽니다). \
                script는 지금까지 친 명령을 씁니다. 있는 파일은 절대 덮어쓰지 않습니다.
                """),
        "record": Entry(
            summary: "세션을 파일에 바로바로 기록; record stop으로 끝냄",
            usage:
                """
                record FILE [--force | --append] [--no-mask] [--no-input] | record stop | record\n파일은 스크립트입니다: \
                친 명령마다 그대로, 그 아래에 쓰고 읽은 바이트를 # 줄로 적습니다. 라이브 세션에 친 내용은 \
                --no-input이 없으면 친 그대로(비밀번호도) 기록됩니다. 자격 증명은 --no-mask가 없으면 가립니다. \
                있는 파일에는 --force나 --append가 필요합니다. replay FILE로 다시 실행합니다.
                """),
        "replay": Entry(
            summary: "기록의 요청을 다시 보내고 응답을 비교",
            usage:
                """
                replay FILE [--show] [--ignore RULE]... [--stream-timeout SECONDS]\n기록에서 받은 id는 새 id로 \
                바꿉니다. id, 시각, 이름, 크기, 버전은 비교하지 않습니다 (--ignore Key, *Glob, .Path로 규칙을 \
                더합니다). --show는 보내지 않고 기록을 다시 보여 줍니다. 터미널에서는 교환마다 키 하나를 기다립니다: \
                Enter나 스페이스는 다음, q, Esc, Ctrl-C는 멈춤입니다. FILE은 HAR 1.2 파일(브라우저, Insomnia, \
                HTTP Toolkit, export har가 쓴 것)이어도 됩니다: 바이트는 그 필드에서 다시 만듭니다.
                """),
        "lesson": Entry(
            summary: "안내 레슨(lesson): lesson (목록), lesson start NAME, lesson quit",
            usage:
                """
                lesson | lesson start NAME | lesson restart NAME | lesson quit | lesson cleanup [NAME]\nlesson만 쓰면 \
                모든 레슨을 추천 순서대로 진행 상황과 함께 보여 줍니다. 레슨 중에는 next, back, hint, check(마지막 \
                교환을 다시 확인), where를 씁니다. 레슨은 lessons/의 Markdown 파일이고 (한국어판은 lessons/ko/), \
                진행 상황은 저장되어 다음에 이어집니다. NAME 없는 lesson cleanup은 진행 중인 레슨, 또는 방금 멈추거나 \
                마친 레슨을 뜻합니다.
                """),
        "next": Entry(
            summary: "레슨: 다음 단계로 (back, hint, check, where도)",
            usage:
                """
                next | back | hint | check | where\nnext는 다음 단계, back은 이전 단계, hint는 힌트, check는 마지막 \
                교환을 다시 확인, where는 지금 단계와 엔드포인트를 보여 줍니다.
                """),
        "show": Entry(
            summary: "N번째(없으면 마지막) 교환을 어떤 방식으로든 다시 보기",
            usage: "show [N] [wire | pretty | body | hex | json]\n기록해 둔 바이트로 교환을 다시 그립니다. 다시 보내지 않습니다."),
        "edit": Entry(
            summary: "마지막 요청을 $EDITOR로 열고, 저장한 것을 보냄",
            usage: "edit\n마지막 요청의 바이트를 편집기로 엽니다. 저장하고 나오면 그 내용을 보냅니다."),
        "jobs": Entry(
            summary: "백그라운드 교환 목록 (끝에 &를 붙여 시작한 것)",
            usage: "jobs\n백그라운드 작업마다 번호, 요청 줄, 진행 상황을 보여 줍니다."),
        "fg": Entry(
            summary: "작업 N 따라가기; Ctrl-C는 끝내고, Ctrl-Z는 계속 돌게 둠",
            usage: "fg N\nCtrl-C는 작업을 멈춥니다. Ctrl-Z는 프롬프트로 돌아가고 작업은 백그라운드에서 계속됩니다."),
        "stop": Entry(summary: "백그라운드 작업 N 끝내기", usage: "stop N\n작업 N의 연결을 닫고 끝냅니다."),
        "wait": Entry(
            summary: "작업 N(또는 모든 작업)이 끝날 때까지 기다리며 출력 보기",
            usage: "wait [N]\n작업이 받은 것을 스크립트가 이어서 쓸 수 있도록, 작업이 끝날 때까지 기다립니다."),
        "attach": Entry(
            summary: "실행 중인 컨테이너에 입력하기: attach 호출, 그다음 라이브 세션",
            usage:
                """
                attach [--detach-keys KEYS] CONTAINER\n컨테이너에 TTY가 있는지 묻고(GET …/json), stdin, stdout, \
                stderr로 붙은 다음(하이재킹: 101 UPGRADED) 키 입력을 넘깁니다: TTY가 있으면 키마다, 없으면 줄마다. \
                Ctrl-P Ctrl-Q(또는 KEYS, 또는 detachKeys 변수)로 떨어지고, TTY가 없으면 Ctrl-D가 stdin을 닫습니다.
                """),
        "exec": Entry(
            summary: "docker exec를 손으로: 만들고, 라이브 세션으로 시작하고, 종료 코드",
            usage:
                """
                exec [-t | -T] [--detach-keys KEYS] [-e NAME=VALUE]... [-w DIR] [-u USER] CONTAINER COMMAND [ARG...]\n\
                POST /containers/{id}/exec, 그다음 하이재킹 헤더를 붙인 POST /exec/{id}/start(라이브 세션: 터미널이면 \
                TTY, 또는 -t. -T면 TTY 없음), 마지막으로 종료 코드를 얻는 GET /exec/{id}/json입니다.
                """),
        "run": Entry(
            summary: "docker run을 손으로: create, attach, wait, start, 호출마다 표시",
            usage:
                """
                run [-i] [-t] [-d] [--rm] [--name NAME] [--detach-keys KEYS] [-e NAME=VALUE]... [-l KEY=VALUE]... \
                IMAGE [COMMAND...]\n\
                docker CLI의 순서대로: POST /containers/create, attach(출력을 잃지 않도록), 컨테이너가 끝나면(--rm이면 \
                지워지면) 응답하는 wait, POST …/start, 라이브 세션, 그리고 wait에서 얻은 종료 코드입니다. -d는 만들고 \
                시작만 합니다.
                """),
        "send": Entry(
            summary: "스크립트의 라이브 세션에 TEXT 입력 (이스케이프 \\n \\xHH, $names)",
            usage:
                """
                send TEXT\nTEXT를 스크립트의 지금 라이브 세션(스크립트가 시작한 attach, exec, run)에 친 그대로 씁니다: \
                아무것도 더하지 않으니 줄은 \\n으로 끝내세요. expect output /REGEX/와 close로, 스크립트가 expect(1)처럼 \
                대화형 프로그램을 확인합니다.
                """),
        "close": Entry(
            summary: "라이브 세션 입력 끝내기(half-close), 끝날 때까지 기다림",
            usage:
                """
                close\ndocker CLI가 stdin 끝에서 하듯 라이브 세션 연결의 쓰기 쪽을 닫고, 데몬이 스트림(stream)을 닫을 \
                때까지 오는 것을 보여 준 뒤 어떻게 끝났는지 말합니다.
                """),
        "tap": Entry(
            summary: "다른 클라이언트 보기: tap PATH &는 주고받는 모든 바이트를 보여 줌",
            usage:
                """
                tap PATH [&]\nPATH에서 듣고(모드 0600: 연결하는 사람은 데몬의 권한을 가집니다) 클라이언트 연결마다 \
                데몬으로 그대로 중계하며, 양방향을 연결 번호와 함께, 클라이언트 프로세스, 경로(route), 상태와 함께 \
                보여 줍니다. &를 붙이면 작업으로 돕니다 (stop N이 끝내고 클라이언트마다 부른 경로를 요약합니다). \
                !COMMAND는 그것을 거쳐 명령을 실행합니다.
                """),
        "!": Entry(
            summary: "셸 명령 실행; DOCKER_HOST는 가장 최근의 tap을 가리킴",
            usage:
                """
                !COMMAND\nCOMMAND를 /bin/sh로 실행하고 기다립니다. 출력은 터미널로 바로 가고, tap의 줄은 오는 대로 \
                나옵니다. tap이 없으면 DOCKER_HOST는 세션의 엔드포인트입니다.
                """),
        "exit": Entry(summary: "sockshell 나가기 (quit도)", usage: "exit\n실행 중인 작업이 있으면 먼저 묻습니다."),
    ]
}
