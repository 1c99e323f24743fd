#!/usr/bin/env python3
"""Captures real Docker daemon responses as fuzz seeds: fuzz/corpus/real-*.

Usage: fuzz/capture_seeds.py unix:///path/to/docker.sock
Each seed is two control bytes (method selector G/H, split point) then the exact response
bytes as read from the socket, the format fuzz/ResponseParserFuzz.swift expects.
"""
import json, os, socket, sys, time

def exchange(path, request, read_for=None):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    s.sendall(request)
    s.settimeout(read_for or 5)
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
            if read_for is None and b"\r\n\r\n" in data and b"Connection: close" not in data:
                head, _, body = data.partition(b"\r\n\r\n")
                lower = head.lower()
                if b"content-length:" in lower:
                    length = int(lower.split(b"content-length:")[1].split(b"\r\n")[0])
                    if len(body) >= length:
                        break
                elif b"transfer-encoding: chunked" in lower:
                    if body.endswith(b"0\r\n\r\n"):
                        break
                else:
                    break
    except socket.timeout:
        pass
    s.close()
    return data

def req(method, target, body=b"", content_type=None):
    lines = [f"{method} {target} HTTP/1.1", "Host: docker"]
    if content_type:
        lines.append(f"Content-Type: {content_type}")
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

def main():
    url = sys.argv[1]
    path = url[len("unix://"):] if url.startswith("unix://") else url
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
    seeds = {}
    since = int(time.time()) - 1
    create = json.dumps({"Image": "busybox", "Cmd": ["echo", "hi"], "Labels": {"sockshell.test": "1"},
                         "HostConfig": {"NetworkMode": "none"}}).encode()
    seeds["real-ping-get"] = (b"G", exchange(path, req("GET", "/_ping")))
    seeds["real-ping-head"] = (b"H", exchange(path, req("HEAD", "/_ping")))
    seeds["real-version"] = (b"G", exchange(path, req("GET", "/version")))
    created = exchange(path, req("POST", "/containers/create", create, "application/json"))
    seeds["real-create-201"] = (b"G", created)
    cid = json.loads(created.partition(b"\r\n\r\n")[2])["Id"]
    seeds["real-start-204"] = (b"G", exchange(path, req("POST", f"/containers/{cid}/start")))
    time.sleep(0.5)
    seeds["real-start-304"] = (b"G", exchange(path, req("POST", f"/containers/{cid}/start")))
    seeds["real-logs-frames"] = (b"G", exchange(path, req("GET", f"/containers/{cid}/logs?stdout=1&stderr=1")))
    seeds["real-events-until"] = (b"G", exchange(path, req("GET", f"/events?since={since}&until={int(time.time())}")))
    seeds["real-create-no-image-404"] = (b"G", exchange(path, req("POST", "/containers/create", b'{"Image":"nope"}', "application/json")))
    seeds["real-create-no-content-type-400"] = (b"G", exchange(path, req("POST", "/containers/create", b'{"Image":"busybox"}')))
    seeds["real-missing-host-400"] = (b"G", exchange(path, b"GET /_ping HTTP/1.1\r\n\r\n"))
    seeds["real-unknown-route-404"] = (b"G", exchange(path, req("GET", "/nope")))
    seeds["real-containers-json"] = (b"G", exchange(path, req("GET", "/containers/json?all=1")))
    exchange(path, req("DELETE", f"/containers/{cid}?force=1"))
    for name, (method, data) in seeds.items():
        split = bytes([len(data) % 251])
        with open(os.path.join(out, name), "wb") as f:
            f.write(method + split + data)
        print(f"{name}: {len(data)} bytes")

main()
