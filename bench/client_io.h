/* Shared by the benchmark clients (raw_ping_client.c, keepalive_client.c): writing a request
 * whole and reading Content-Length from a response head. The includer defines die(). */
#ifndef SOCKSHELL_BENCH_CLIENT_IO_H
#define SOCKSHELL_BENCH_CLIENT_IO_H

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static void die(const char *what);

static void write_all(int fd, const char *p, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) { if (errno == EINTR) continue; die("write"); }
        p += n;
        len -= (size_t)n;
    }
}

/* Content-Length from a head (NUL-terminated copy not needed: search bounded). */
static long content_length(const char *head, size_t len) {
    const char *p = head, *end = head + len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) break;
        if ((size_t)(eol - p) > 15 && strncasecmp(p, "Content-Length:", 15) == 0) {
            return strtol(p + 15, NULL, 10);
        }
        p = eol + 1;
    }
    return -1;
}

#endif
