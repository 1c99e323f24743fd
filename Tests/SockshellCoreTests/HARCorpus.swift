/// HAR files in the shapes the tools people save them with write: field order, extra `_` fields,
/// version spellings and which optional fields are left out follow each tool's output.
enum HARCorpus {
    /// Chrome devtools "Save all as HAR (with content)": `http/1.1` and `h2` in lowercase, `_initiator`,
    /// `_resourceType` and other `_` fields, pseudo-headers for HTTP/2, gzip-decoded content with
    /// the `content-encoding` header kept, an empty `statusText` over HTTP/2.
    static let chrome = #"""
        {
          "log": {
            "version": "1.2",
            "creator": { "name": "WebInspector", "version": "537.36" },
            "pages": [
              { "startedDateTime": "2026-12-07T10:00:00.000Z", "id": "page_1", "title": "http://localhost:8080/",
                "pageTimings": { "onContentLoad": 120.5, "onLoad": 180.2 } }
            ],
            "entries": [
              {
                "_initiator": { "type": "other" },
                "_priority": "VeryHigh",
                "_resourceType": "document",
                "cache": {},
                "connection": "1234",
                "pageref": "page_1",
                "request": {
                  "method": "GET",
                  "url": "http://localhost:8080/containers/json?all=1#top",
                  "httpVersion": "http/1.1",
                  "headers": [
                    { "name": "Host", "value": "localhost:8080" },
                    { "name": "Accept", "value": "application/json" },
                    { "name": "User-Agent", "value": "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0" }
                  ],
                  "queryString": [ { "name": "all", "value": "1" } ],
                  "cookies": [],
                  "headersSize": 152,
                  "bodySize": 0
                },
                "response": {
                  "status": 200,
                  "statusText": "OK",
                  "httpVersion": "http/1.1",
                  "headers": [
                    { "name": "Content-Type", "value": "application/json" },
                    { "name": "Content-Length", "value": "3" }
                  ],
                  "cookies": [],
                  "content": { "size": 3, "mimeType": "application/json", "text": "[]\n" },
                  "redirectURL": "",
                  "headersSize": 85,
                  "bodySize": 3,
                  "_transferSize": 88,
                  "_error": null
                },
                "serverIPAddress": "127.0.0.1",
                "startedDateTime": "2026-12-07T10:00:00.010Z",
                "time": 12.5,
                "timings": { "blocked": 1.5, "dns": -1, "ssl": -1, "connect": 0.5, "send": 0.25, "wait": 8.25,
                  "receive": 2, "_blocked_queueing": 0.8 }
              },
              {
                "_initiator": { "type": "script", "stack": { "callFrames": [] } },
                "_priority": "High",
                "_resourceType": "fetch",
                "cache": {},
                "request": {
                  "method": "GET",
                  "url": "https://api.example.com/v1.41/version",
                  "httpVersion": "h2",
                  "headers": [
                    { "name": ":authority", "value": "api.example.com" },
                    { "name": ":method", "value": "GET" },
                    { "name": ":path", "value": "/v1.41/version" },
                    { "name": ":scheme", "value": "https" },
                    { "name": "accept", "value": "*/*" },
                    { "name": "accept-encoding", "value": "gzip, deflate, br" }
                  ],
                  "queryString": [],
                  "cookies": [],
                  "headersSize": -1,
                  "bodySize": 0
                },
                "response": {
                  "status": 200,
                  "statusText": "",
                  "httpVersion": "h2",
                  "headers": [
                    { "name": "content-type", "value": "application/json" },
                    { "name": "content-encoding", "value": "gzip" },
                    { "name": "content-length", "value": "40" }
                  ],
                  "cookies": [],
                  "content": { "size": 17, "mimeType": "application/json", "compression": -23,
                    "text": "{\"Version\":\"24\"}\n" },
                  "redirectURL": "",
                  "headersSize": -1,
                  "bodySize": -1,
                  "_transferSize": 120,
                  "_error": null
                },
                "serverIPAddress": "93.184.216.34",
                "startedDateTime": "2026-12-07T10:00:00.100Z",
                "time": 30,
                "timings": { "blocked": 2, "dns": 3, "ssl": 4, "connect": 10, "send": 1, "wait": 12, "receive": 2 }
              }
            ]
          }
        }
        """#

    /// Firefox devtools "Save All As HAR": `HTTP/1.1` and `HTTP/2`, a form POST with `params` and
    /// `text`, a base64 image, a 304 with no content text, and every timing.
    static let firefox = #"""
        {
          "log": {
            "version": "1.2",
            "creator": { "name": "Firefox", "version": "120.0" },
            "browser": { "name": "Firefox", "version": "120.0" },
            "pages": [],
            "entries": [
              {
                "pageref": "page_1",
                "startedDateTime": "2026-12-07T10:01:00.000+01:00",
                "request": {
                  "bodySize": 23,
                  "method": "POST",
                  "url": "http://localhost/v1.41/containers/create?name=web",
                  "httpVersion": "HTTP/1.1",
                  "headers": [
                    { "name": "Host", "value": "localhost" },
                    { "name": "Content-Type", "value": "application/json" },
                    { "name": "Content-Length", "value": "99" }
                  ],
                  "cookies": [],
                  "queryString": [ { "name": "name", "value": "web" } ],
                  "headersSize": 120,
                  "postData": { "mimeType": "application/json", "params": [], "text": "{\"Image\":\"busybox\"}" }
                },
                "response": {
                  "status": 201,
                  "statusText": "Created",
                  "httpVersion": "HTTP/1.1",
                  "headers": [
                    { "name": "Content-Type", "value": "application/json" },
                    { "name": "Set-Cookie", "value": "a=1" },
                    { "name": "Set-Cookie", "value": "b=2" },
                    { "name": "Content-Length", "value": "27" }
                  ],
                  "cookies": [],
                  "content": { "mimeType": "application/json", "size": 27,
                    "text": "{\"Id\":\"abc\",\"Warnings\":[]}\n" },
                  "redirectURL": "",
                  "headersSize": 150,
                  "bodySize": 27
                },
                "cache": {},
                "timings": { "blocked": 0, "dns": 0, "connect": 0, "ssl": 0, "send": 0, "wait": 2.5, "receive": 0.5 },
                "time": 3,
                "_securityState": "insecure",
                "serverIPAddress": "127.0.0.1",
                "connection": "80"
              },
              {
                "startedDateTime": "2026-12-07T10:01:01.000+01:00",
                "request": {
                  "bodySize": 7,
                  "method": "POST",
                  "url": "http://localhost/login",
                  "httpVersion": "HTTP/2",
                  "headers": [
                    { "name": "Host", "value": "localhost" },
                    { "name": "content-type", "value": "application/x-www-form-urlencoded" }
                  ],
                  "cookies": [],
                  "queryString": [],
                  "headersSize": 80,
                  "postData": { "mimeType": "application/x-www-form-urlencoded",
                    "params": [ { "name": "user", "value": "a b" }, { "name": "pw", "value": "x&y" } ] }
                },
                "response": {
                  "status": 200,
                  "statusText": "OK",
                  "httpVersion": "HTTP/2",
                  "headers": [ { "name": "content-type", "value": "image/png" } ],
                  "cookies": [],
                  "content": { "mimeType": "image/png", "size": 4, "encoding": "base64", "text": "iVBORw==" },
                  "redirectURL": "",
                  "headersSize": 60,
                  "bodySize": 4
                },
                "cache": {},
                "timings": { "blocked": 0, "dns": 0, "connect": 0, "ssl": 0, "send": 0, "wait": 1, "receive": 0 },
                "time": 1
              },
              {
                "startedDateTime": "2026-12-07T10:01:02.000+01:00",
                "request": {
                  "bodySize": 0, "method": "GET", "url": "http://localhost/images/json", "httpVersion": "HTTP/1.1",
                  "headers": [ { "name": "Host", "value": "localhost" },
                    { "name": "If-None-Match", "value": "\"x\"" } ],
                  "cookies": [], "queryString": [], "headersSize": 60
                },
                "response": {
                  "status": 304, "statusText": "Not Modified", "httpVersion": "HTTP/1.1",
                  "headers": [ { "name": "ETag", "value": "\"x\"" } ],
                  "cookies": [], "content": { "mimeType": "", "size": 0 },
                  "redirectURL": "", "headersSize": 40, "bodySize": 0
                },
                "cache": {},
                "timings": { "blocked": 0, "dns": 0, "connect": 0, "ssl": 0, "send": 0, "wait": 1, "receive": 0 },
                "time": 1
              }
            ]
          }
        }
        """#

    /// Insomnia's HAR export: no Host header (the URL names it), timings with -1 for what it did
    /// not measure, and a minimal entry with the optional fields left out.
    static let insomnia = #"""
        {
          "log": {
            "version": "1.2",
            "creator": { "name": "Insomnia REST Client", "version": "insomnia.desktop.app:v2023.5.8" },
            "entries": [
              {
                "startedDateTime": "2026-12-07T10:02:00.000Z",
                "time": 5,
                "request": {
                  "method": "GET",
                  "url": "http://docker/v1.41/containers/json?all=1",
                  "httpVersion": "HTTP/1.1",
                  "cookies": [],
                  "headers": [ { "name": "User-Agent", "value": "insomnia/2023.5.8" } ],
                  "queryString": [ { "name": "all", "value": "1" } ],
                  "postData": { "mimeType": "", "text": "", "params": [] },
                  "headersSize": -1,
                  "bodySize": -1,
                  "settingEncodeUrl": true
                },
                "response": {
                  "status": 200,
                  "statusText": "OK",
                  "httpVersion": "HTTP/1.1",
                  "cookies": [],
                  "headers": [ { "name": "Content-Type", "value": "application/json" } ],
                  "content": { "size": 3, "mimeType": "application/json", "text": "[]\n" },
                  "redirectURL": "",
                  "headersSize": -1,
                  "bodySize": -1
                },
                "cache": {},
                "timings": { "blocked": -1, "dns": -1, "connect": -1, "send": 0, "wait": 4, "receive": 1, "ssl": -1 },
                "comment": "Docker containers"
              },
              {
                "request": { "method": "DELETE", "url": "/containers/abc?force=1" },
                "response": { "status": 204 }
              }
            ]
          }
        }
        """#

    /// HTTP Toolkit's HAR export: a chunked answer (its body already de-chunked), a 101 WebSocket
    /// upgrade, a HEAD, and an aborted request (status 0).
    static let httpToolkit = #"""
        {
          "log": {
            "version": "1.2",
            "creator": { "name": "HTTP Toolkit", "version": "1.14.0" },
            "pages": [],
            "entries": [
              {
                "pageref": "Chrome",
                "startedDateTime": "2026-12-07T10:03:00.000Z",
                "time": 20,
                "request": {
                  "method": "GET", "url": "http://localhost/events?since=0", "httpVersion": "HTTP/1.1",
                  "cookies": [], "headers": [ { "name": "host", "value": "localhost" } ], "queryString": [],
                  "headersSize": -1, "bodySize": 0
                },
                "response": {
                  "status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "cookies": [],
                  "headers": [
                    { "name": "content-type", "value": "application/json" },
                    { "name": "transfer-encoding", "value": "chunked" }
                  ],
                  "content": { "mimeType": "application/json", "size": 24,
                    "text": "{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n" },
                  "redirectURL": "", "headersSize": -1, "bodySize": 24
                },
                "cache": {},
                "timings": { "blocked": -1, "dns": -1, "connect": -1, "ssl": -1, "send": 1, "wait": 2, "receive": 17 }
              },
              {
                "startedDateTime": "2026-12-07T10:03:01.000Z",
                "time": 2,
                "request": {
                  "method": "GET", "url": "http://localhost/chat", "httpVersion": "HTTP/1.1", "cookies": [],
                  "headers": [
                    { "name": "host", "value": "localhost" },
                    { "name": "connection", "value": "Upgrade" },
                    { "name": "upgrade", "value": "websocket" }
                  ],
                  "queryString": [], "headersSize": -1, "bodySize": 0
                },
                "response": {
                  "status": 101, "statusText": "Switching Protocols", "httpVersion": "HTTP/1.1", "cookies": [],
                  "headers": [ { "name": "connection", "value": "Upgrade" },
                    { "name": "upgrade", "value": "websocket" } ],
                  "content": { "mimeType": "", "size": 0, "text": "" },
                  "redirectURL": "", "headersSize": -1, "bodySize": 0
                },
                "cache": {},
                "timings": { "blocked": -1, "dns": -1, "connect": -1, "ssl": -1, "send": 0, "wait": 2, "receive": 0 },
                "_webSocketMessages": [ { "type": "send", "time": 1733565781.1, "opcode": 1, "data": "hi" } ]
              },
              {
                "startedDateTime": "2026-12-07T10:03:02.000Z",
                "time": 1,
                "request": {
                  "method": "HEAD", "url": "http://localhost/_ping", "httpVersion": "HTTP/1.1", "cookies": [],
                  "headers": [ { "name": "host", "value": "localhost" } ], "queryString": [],
                  "headersSize": -1, "bodySize": 0
                },
                "response": {
                  "status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "cookies": [],
                  "headers": [ { "name": "content-length", "value": "2" } ],
                  "content": { "mimeType": "text/plain", "size": 0 },
                  "redirectURL": "", "headersSize": -1, "bodySize": 0
                },
                "cache": {},
                "timings": { "blocked": -1, "dns": -1, "connect": -1, "ssl": -1, "send": 0, "wait": 1, "receive": 0 }
              },
              {
                "startedDateTime": "2026-12-07T10:03:03.000Z",
                "time": 3,
                "request": {
                  "method": "PUT", "url": "http://localhost/upload", "httpVersion": "HTTP/1.1", "cookies": [],
                  "headers": [ { "name": "host", "value": "localhost" },
                    { "name": "transfer-encoding", "value": "chunked" } ],
                  "queryString": [], "headersSize": -1, "bodySize": 3,
                  "postData": { "mimeType": "application/octet-stream", "text": "AAEC", "encoding": "base64" }
                },
                "response": {
                  "status": 0, "statusText": "", "httpVersion": "", "cookies": [], "headers": [],
                  "content": { "mimeType": "", "size": 0 }, "redirectURL": "", "headersSize": -1, "bodySize": -1,
                  "_error": "socket hang up"
                },
                "cache": {},
                "timings": { "blocked": -1, "dns": -1, "connect": -1, "ssl": -1, "send": 0, "wait": -1, "receive": -1 }
              }
            ]
          }
        }
        """#
}
