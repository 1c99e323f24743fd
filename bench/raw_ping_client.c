/*
 * raw_ping_client: the floor for sockshell's keep-alive benchmark.
 *
 *   raw_ping_client SOCKET_PATH [COUNT] [TARGET]
 *
 * Opens one unix stream socket and sends COUNT (default 2000) identical
 * "GET TARGET HTTP/1.1" requests (default /_ping) one after another on it,
 * like a sockshell script does: write the request, read the head up to the
 * blank line, parse Content-Length, read exactly that many body bytes, repeat.
 * Nothing is printed on success except a one-line tally on stderr; exit 1 on
 * any error (non-200 status, missing Content-Length, early close).
 *
 * Deliberately minimal: no chunked decoding, no timeouts, no output. It is
 * what "the same work with no overhead" costs, not a general client.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define BUF_SIZE 65536

static char buf[BUF_SIZE];
static size_t have; /* bytes in buf */

static void die(const char *what) {
    fprintf(stderr, "raw_ping_client: %s: %s\n", what, errno ? strerror(errno) : "protocol error");
    exit(1);
}

#include "client_io.h"

/* Reads more bytes into buf; returns the count read (dies on close or error). */
static size_t fill(int fd) {
    if (have == BUF_SIZE) { errno = 0; die("response head too large"); }
    for (;;) {
        ssize_t n = read(fd, buf + have, BUF_SIZE - have);
        if (n > 0) { have += (size_t)n; return (size_t)n; }
        if (n == 0) { errno = 0; die("connection closed mid-response"); }
        if (errno != EINTR) die("read");
    }
}


int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: raw_ping_client SOCKET_PATH [COUNT] [TARGET]\n");
        return 2;
    }
    const char *path = argv[1];
    long count = argc > 2 ? strtol(argv[2], NULL, 10) : 2000;
    const char *target = argc > 3 ? argv[3] : "/_ping";

    char request[1024];
    int reqlen = snprintf(request, sizeof request,
                          "GET %s HTTP/1.1\r\nHost: docker\r\nUser-Agent: raw_ping_client\r\n\r\n", target);
    if (reqlen <= 0 || (size_t)reqlen >= sizeof request) { errno = 0; die("target too long"); }

    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) die("socket");
    struct sockaddr_un addr = {0};
    addr.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof addr.sun_path) { errno = 0; die("socket path too long"); }
    strcpy(addr.sun_path, path);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) die("connect");

    long body_total = 0;
    for (long i = 0; i < count; i++) {
        write_all(fd, request, (size_t)reqlen);
        /* Head: read until CRLFCRLF. */
        char *blank;
        size_t scanned = 0;
        while (!(blank = memmem(buf + (scanned > 3 ? scanned - 3 : 0), have - (scanned > 3 ? scanned - 3 : 0), "\r\n\r\n", 4))) {
            scanned = have;
            fill(fd);
        }
        size_t head_len = (size_t)(blank - buf) + 4;
        if (have < 12 || memcmp(buf, "HTTP/1.1 200", 12) != 0) { errno = 0; die("status is not 200"); }
        long cl = content_length(buf, head_len);
        if (cl < 0) { errno = 0; die("no Content-Length"); }
        /* Body: exactly cl bytes; anything already in buf past the head counts. */
        size_t after = have - head_len;
        long need = cl;
        if ((long)after >= need) {
            /* Whole body buffered; keep any extra bytes (there should be none). */
            size_t used = head_len + (size_t)need;
            memmove(buf, buf + used, have - used);
            have -= used;
        } else {
            need -= (long)after;
            have = 0;
            while (need > 0) {
                ssize_t n = read(fd, buf, need < BUF_SIZE ? (size_t)need : BUF_SIZE);
                if (n == 0) { errno = 0; die("connection closed mid-body"); }
                if (n < 0) { if (errno == EINTR) continue; die("read"); }
                need -= n;
            }
        }
        body_total += cl;
    }
    close(fd);
    fprintf(stderr, "raw_ping_client: %ld requests, %ld body bytes, one connection\n", count, body_total);
    return 0;
}
