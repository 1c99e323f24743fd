#define _GNU_SOURCE
#include "csockshell.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

// Resize and Ctrl-Z get a pipe of their own: every wait that Ctrl-C ends watches the interrupt
// pipe, and a resize during a request must not read as Ctrl-C there.
static int terminal_pipe[2] = {-1, -1};
static atomic_int terminal_events = 0;

static void note(int event) {
    int saved = errno;
    atomic_fetch_or(&terminal_events, event);
    if (terminal_pipe[1] >= 0) {
        char byte = (char)event;
        ssize_t ignored = write(terminal_pipe[1], &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

static void on_winch(int signo) { (void)signo; note(SOCKSHELL_TERMINAL_RESIZED); }
static void on_tstp(int signo) { (void)signo; note(SOCKSHELL_TERMINAL_SUSPEND); }

static int handle(int signo, void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return sigaction(signo, &action, NULL);
}

int sockshell_terminal_signals_install(void) {
    if (terminal_pipe[0] >= 0) return terminal_pipe[0];
    if (pipe2(terminal_pipe, O_NONBLOCK | O_CLOEXEC) != 0) return -1;
    if (handle(SIGWINCH, on_winch) != 0) return -1;
    return terminal_pipe[0];
}

int sockshell_terminal_signals_fd(void) { return terminal_pipe[0]; }

int sockshell_terminal_signals_take(void) {
    if (terminal_pipe[0] >= 0) {
        char buffer[64];
        while (read(terminal_pipe[0], buffer, sizeof buffer) > 0) {}
    }
    return atomic_exchange(&terminal_events, 0);
}

int sockshell_catch_suspend(int on) {
    if (on) return handle(SIGTSTP, on_tstp);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    return sigaction(SIGTSTP, &action, NULL);
}

static void on_deferred_tstp(int signo) { (void)signo; }

int sockshell_defer_suspend(int on) {
    // Not SIG_IGN: an ignored SIGTSTP would be inherited by the editor, which must stop on Ctrl-Z.
    // A caught signal is reset to the default in a child at exec.
    if (on) return handle(SIGTSTP, on_deferred_tstp);
    return sockshell_catch_suspend(0);
}

void sockshell_suspend_self(void) {
    // The default action stops the process here; the shell's `fg` (SIGCONT) resumes it. The
    // caller has given the terminal back first and takes it again after.
    sockshell_catch_suspend(0);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &only, NULL);
    kill(getpid(), SIGTSTP);
}
