/*
 * keepalive_client: raw keep-alive HTTP/1.1 clients for bench/replay_serve.
 *
 *   keepalive_client [-p CLIENTS] [-o PREFIX] SOCKET_PATH COUNT [TARGET]
 *
 * Sends COUNT "GET TARGET HTTP/1.1" requests in all (default target /_ping),
 * split as evenly as possible over CLIENTS processes (default 1), each with
 * its own connection kept alive for all of its requests: write the request,
 * read the head up to the blank line, parse Content-Length, read exactly that
 * many body bytes, repeat. With -o, client i appends every response's bytes
 * (head and body, exactly as read) to PREFIX.i, so the driver can compare
 * them with the recorded ones.
 *
 * Prints one line on stdout when every client is done:
 *   requests=COUNT clients=CLIENTS seconds=S body_bytes=B
 * where S is the wall time from just before the clients start (fork) to the
 * last one's exit. Exit 1 on any error in any client (non-200 status, no
 * Content-Length, early close), with the reason on stderr.
 *
 * Like raw_ping_client.c, deliberately minimal: no chunked bodies, no HEAD,
 * no timeouts. It costs next to nothing per request, so the time is the
 * server's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BUF_SIZE 65536   /* a response head must fit; bodies stream through */
#define MAX_CLIENTS 64

static char buf[BUF_SIZE];
static size_t have;      /* bytes in buf, from its start */
static int client_id;

static void die(const char *what) {
    fprintf(stderr, "keepalive_client %d: %s: %s\n", client_id, what, errno ? strerror(errno) : "protocol error");
    exit(1);
}

#include "client_io.h"

static void fail(const char *what) { errno = 0; die(what); }

static void fill(int fd) {
    if (have == BUF_SIZE) fail("response head too large");
    for (;;) {
        ssize_t n = read(fd, buf + have, BUF_SIZE - have);
        if (n > 0) { have += (size_t)n; return; }
        if (n == 0) fail("connection closed mid-response");
        if (errno != EINTR) die("read");
    }
}


static int connect_unix(const char *path) {
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) die("socket");
    struct sockaddr_un addr = {0};
    addr.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof addr.sun_path) fail("socket path too long");
    strcpy(addr.sun_path, path);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) die("connect");
    return fd;
}

/* One client: COUNT requests on one connection. Returns the body bytes read. */
static long run_client(const char *path, long count, const char *request, size_t reqlen, FILE *save) {
    int fd = connect_unix(path);
    long body_total = 0;
    for (long i = 0; i < count; i++) {
        write_all(fd, request, reqlen);
        char *blank;
        while (!(blank = memmem(buf, have, "\r\n\r\n", 4))) fill(fd);
        size_t head_len = (size_t)(blank - buf) + 4;
        if (head_len < 12 || memcmp(buf, "HTTP/1.1 200", 12) != 0) fail("status is not 200");
        long cl = content_length(buf, head_len);
        if (cl < 0) fail("no Content-Length");
        if (save && fwrite(buf, 1, head_len, save) != head_len) die("write to the -o file");
        memmove(buf, buf + head_len, have - head_len);
        have -= head_len;
        /* The body: exactly cl bytes, some of which may already be in buf. */
        long need = cl;
        while (need > 0) {
            if (have == 0) fill(fd);
            size_t take = (long)have < need ? have : (size_t)need;
            if (save && fwrite(buf, 1, take, save) != take) die("write to the -o file");
            memmove(buf, buf + take, have - take);
            have -= take;
            need -= (long)take;
        }
        body_total += cl;
    }
    if (have != 0) fail("bytes after the last response");
    close(fd);
    return body_total;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    int clients = 1;
    const char *prefix = NULL;
    int opt;
    while ((opt = getopt(argc, argv, "p:o:")) != -1) {
        if (opt == 'p') clients = atoi(optarg);
        else if (opt == 'o') prefix = optarg;
        else return 2;
    }
    if (argc - optind < 2 || clients < 1 || clients > MAX_CLIENTS) {
        fprintf(stderr, "usage: keepalive_client [-p CLIENTS] [-o PREFIX] SOCKET_PATH COUNT [TARGET]\n");
        return 2;
    }
    const char *path = argv[optind];
    long count = strtol(argv[optind + 1], NULL, 10);
    const char *target = argc - optind > 2 ? argv[optind + 2] : "/_ping";
    if (count < clients) fail("COUNT must be at least CLIENTS");

    char request[1024];
    int reqlen = snprintf(request, sizeof request,
                          "GET %s HTTP/1.1\r\nHost: docker\r\nUser-Agent: keepalive_client\r\n\r\n", target);
    if (reqlen <= 0 || (size_t)reqlen >= sizeof request) fail("target too long");

    /* Each client reports its body bytes through a pipe. */
    int report[2];
    if (pipe(report) != 0) die("pipe");
    fflush(NULL);
    double started = now();
    pid_t pids[MAX_CLIENTS];
    for (int c = 0; c < clients; c++) {
        long mine = count / clients + (c < count % clients ? 1 : 0);
        pid_t pid = fork();
        if (pid < 0) die("fork");
        if (pid == 0) {
            client_id = c;
            close(report[0]);
            FILE *save = NULL;
            if (prefix) {
                char name[4096];
                snprintf(name, sizeof name, "%s.%d", prefix, c);
                save = fopen(name, "w");
                if (!save) die("open the -o file");
                setvbuf(save, NULL, _IOFBF, 1 << 20);
            }
            long body = run_client(path, mine, request, (size_t)reqlen, save);
            if (save && fclose(save) != 0) die("close the -o file");
            if (write(report[1], &body, sizeof body) != (ssize_t)sizeof body) die("report");
            _exit(0);
        }
        pids[c] = pid;
    }
    close(report[1]);
    int failed = 0;
    for (int c = 0; c < clients; c++) {
        int status;
        if (waitpid(pids[c], &status, 0) < 0) die("waitpid");
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) failed = 1;
    }
    double elapsed = now() - started;
    long body_total = 0, body;
    int reports = 0;
    while (read(report[0], &body, sizeof body) == (ssize_t)sizeof body) { body_total += body; reports++; }
    if (failed || reports != clients) { fprintf(stderr, "keepalive_client: a client failed\n"); return 1; }
    printf("requests=%ld clients=%d seconds=%.6f body_bytes=%ld\n", count, clients, elapsed, body_total);
    return 0;
}
