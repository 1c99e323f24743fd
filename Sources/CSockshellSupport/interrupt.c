#define _GNU_SOURCE
#include "csockshell.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

// Written only by the signal handler and read by the main program: a lock-free atomic is the
// one kind of shared state a handler may touch safely.
static atomic_int interrupt_count = 0;
static int pipe_fds[2] = {-1, -1};

static void on_sigint(int signo) {
    (void)signo;
    int saved = errno;
    atomic_fetch_add(&interrupt_count, 1);
    if (pipe_fds[1] >= 0) {
        char byte = 1;
        ssize_t ignored = write(pipe_fds[1], &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

int sockshell_interrupt_install(void) {
    if (pipe_fds[0] >= 0) return pipe_fds[0];
    if (pipe2(pipe_fds, O_NONBLOCK | O_CLOEXEC) != 0) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    // SA_RESTART: every wait that Ctrl-C must end polls the self-pipe (poll is never restarted),
    // while a write to the terminal that the signal lands in (libedit's prompt) is resumed
    // instead of silently losing its text.
    action.sa_flags = SA_RESTART;
    if (sigaction(SIGINT, &action, NULL) != 0) return -1;
    // A parent may have started us with SIGINT blocked (test runners' worker threads do):
    // Ctrl-C must reach the handler whatever mask was inherited.
    sigset_t interrupt_only;
    sigemptyset(&interrupt_only);
    sigaddset(&interrupt_only, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &interrupt_only, NULL);
    return pipe_fds[0];
}

static atomic_int terminate_signo = 0;

static void on_terminate(int signo) {
    int saved = errno;
    atomic_store(&terminate_signo, signo);
    if (pipe_fds[1] >= 0) {
        char byte = 2;
        ssize_t ignored = write(pipe_fds[1], &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

int sockshell_terminate_install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_terminate;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (sigaction(SIGTERM, &action, NULL) != 0) return -1;
    if (sigaction(SIGHUP, &action, NULL) != 0) return -1;
    // Ctrl-\ ends the shell cleanly (exit 131) instead of reaching Swift's backtracer, which
    // prints a crash report and holds the terminal with a debugger prompt.
    if (sigaction(SIGQUIT, &action, NULL) != 0) return -1;
    sigset_t quit_only;
    sigemptyset(&quit_only);
    sigaddset(&quit_only, SIGQUIT);
    pthread_sigmask(SIG_UNBLOCK, &quit_only, NULL);
    return 0;
}

int sockshell_terminate_signal(void) { return atomic_load(&terminate_signo); }

int sockshell_interrupt_fd(void) { return pipe_fds[0]; }

int sockshell_interrupt_take(void) {
    if (pipe_fds[0] >= 0) {
        char buffer[64];
        while (read(pipe_fds[0], buffer, sizeof buffer) > 0) {}
    }
    return atomic_exchange(&interrupt_count, 0);
}

int sockshell_interrupt_pending(void) { return atomic_load(&interrupt_count); }

void sockshell_ignore_sigpipe(void) { signal(SIGPIPE, SIG_IGN); }

