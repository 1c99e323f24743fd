#!/usr/bin/env python3
"""bigbody_server: a unix-socket HTTP/1.1 server with one big, realistic body.

    python3 bench/bigbody_server.py SOCKET_PATH [--ready-file FILE]

Any GET is answered with a body of JSON lines shaped like `docker events`
output (~200 bytes a line, varied ids, names, actions and timestamps). The
query string picks size and framing:

    mib=N        body size in MiB (default 256; exactly N * 1 MiB bytes)
    te=length    Content-Length framing (default)
    te=chunked   Transfer-Encoding: chunked, 64 KiB chunks (chunk=BYTES to change)

e.g. GET /events?mib=256&te=chunked. The path itself is ignored, so a client
may use a stream route such as /events (sockshell's pretty view then prints
the body line by line) or any other path.

The body is one precomputed 16 MiB block of distinct lines repeated N/16 times
(the last copy cut short when N is not a multiple of 16), sent with large
sendall() calls from memoryviews: the server copies nothing per request, so it
stays far ahead of any client and its memory does not grow with N. For
chunked framing the block is pre-encoded as 256 chunks of 64 KiB, so a
chunked body also costs one sendall per 16 MiB.

Each connection gets its own thread; requests on one connection are served
in turn (keep-alive). Once listening, the server writes "ready" to
--ready-file if given. SIGTERM or SIGINT stops it and removes the socket.
"""
import argparse
import os
import random
import signal
import socket
import sys
import threading
from urllib.parse import parse_qs, urlsplit

MIB = 1024 * 1024
BLOCK = 16 * MIB

ACTIONS = ["create", "start", "attach", "die", "destroy", "kill", "pause", "unpause", "exec_create",
           "exec_start", "health_status: healthy", "top", "resize", "stop", "restart", "oom"]
IMAGES = ["busybox:latest", "alpine:3.20", "nginx:1.27", "redis:7", "postgres:16", "debian:bookworm-slim"]
WORDS = ["brave", "calm", "eager", "fancy", "gentle", "happy", "jolly", "kind", "lively", "nice",
         "proud", "silly", "witty", "zen", "curie", "darwin", "euler", "gauss", "hopper", "knuth",
         "lovelace", "newton", "pascal", "turing"]


def make_block(size=BLOCK, seed=20261130):
    """size bytes of newline-terminated JSON lines, the last one padded to end exactly at size."""
    rng = random.Random(seed)
    lines = []
    total = 0
    t = 1764460800_000000000
    while True:
        t += rng.randrange(1000, 50_000_000)
        cid = "%064x" % rng.getrandbits(256)
        action = rng.choice(ACTIONS)
        name = "%s_%s" % (rng.choice(WORDS), rng.choice(WORDS))
        line = ('{"status":"%s","id":"%s","from":"%s","Type":"container","Action":"%s",'
                '"Actor":{"ID":"%s","Attributes":{"image":"%s","name":"%s"}},'
                '"scope":"local","time":%d,"timeNano":%d}\n') % (
            action, cid[:12], rng.choice(IMAGES), action, cid[:12], rng.choice(IMAGES), name,
            t // 1_000_000_000, t)
        b = line.encode()
        # Leave room for a final line of at least 64 bytes.
        if total + len(b) > size - 64:
            break
        lines.append(b)
        total += len(b)
    rest = size - total
    head = b'{"status":"padding","fill":"'
    tail = b'"}\n'
    lines.append(head + b"x" * (rest - len(head) - len(tail)) + tail)
    block = b"".join(lines)
    assert len(block) == size and block.endswith(b"\n")
    return block


def chunk_encode(block, chunk):
    parts = []
    for i in range(0, len(block), chunk):
        piece = block[i:i + chunk]
        parts.append(b"%x\r\n" % len(piece))
        parts.append(piece)
        parts.append(b"\r\n")
    return b"".join(parts)


class Bodies:
    def __init__(self):
        self.block = make_block()
        self.lock = threading.Lock()
        self.chunked = {}  # chunk size -> encoded block

    def encoded(self, chunk):
        with self.lock:
            if chunk not in self.chunked:
                self.chunked[chunk] = chunk_encode(self.block, chunk)
            return self.chunked[chunk]


def read_head(conn, pending):
    """Returns (head bytes, leftover) or (None, b"") when the peer closed."""
    data = pending
    while b"\r\n\r\n" not in data:
        more = conn.recv(65536)
        if not more:
            return None, b""
        data += more
        if len(data) > 1 * MIB:
            return None, b""
    head, _, rest = data.partition(b"\r\n\r\n")
    return head, rest


def serve(conn, bodies):
    pending = b""
    try:
        while True:
            head, pending = read_head(conn, pending)
            if head is None:
                return
            request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
            parts = request_line.split(" ")
            if len(parts) != 3:
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                return
            method, target, _ = parts
            query = parse_qs(urlsplit(target).query)
            mib = int(query.get("mib", ["256"])[0])
            te = query.get("te", ["length"])[0]
            chunk = int(query.get("chunk", [str(64 * 1024)])[0])
            size = mib * MIB
            common = b"Content-Type: application/json\r\nServer: bigbody_server\r\n"
            if te == "chunked":
                if BLOCK % chunk != 0:
                    conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                    continue
                conn.sendall(b"HTTP/1.1 200 OK\r\n" + common + b"Transfer-Encoding: chunked\r\n\r\n")
                if method != "HEAD":
                    enc = memoryview(bodies.encoded(chunk))
                    full, rest = divmod(size, BLOCK)
                    for _ in range(full):
                        conn.sendall(enc)
                    if rest:
                        # rest is a whole number of MiB, so a whole number of chunks when chunk divides 1 MiB.
                        whole_chunks = rest // chunk
                        cut = whole_chunks * (len(b"%x\r\n" % chunk) + chunk + 2)
                        conn.sendall(enc[:cut])
                        tail = rest - whole_chunks * chunk
                        if tail:
                            conn.sendall(b"%x\r\n" % tail + bodies.block[:tail] + b"\r\n")
                    conn.sendall(b"0\r\n\r\n")
            else:
                conn.sendall(b"HTTP/1.1 200 OK\r\n" + common + b"Content-Length: %d\r\n\r\n" % size)
                if method != "HEAD":
                    block = memoryview(bodies.block)
                    full, rest = divmod(size, BLOCK)
                    for _ in range(full):
                        conn.sendall(block)
                    if rest:
                        conn.sendall(block[:rest])
    except (BrokenPipeError, ConnectionResetError):
        return
    finally:
        conn.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("socket_path")
    parser.add_argument("--ready-file")
    args = parser.parse_args()

    bodies = Bodies()
    bodies.encoded(64 * 1024)  # precompute before announcing readiness

    try:
        os.unlink(args.socket_path)
    except FileNotFoundError:
        pass
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(args.socket_path)
    server.listen(64)

    def stop(signum, frame):
        try:
            os.unlink(args.socket_path)
        except OSError:
            pass
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    if args.ready_file:
        with open(args.ready_file, "w") as f:
            f.write("ready\n")
    print("bigbody_server: listening on %s (block %d MiB)" % (args.socket_path, BLOCK // MIB), file=sys.stderr)
    while True:
        conn, _ = server.accept()
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 * MIB)
        threading.Thread(target=serve, args=(conn, bodies), daemon=True).start()


if __name__ == "__main__":
    main()
