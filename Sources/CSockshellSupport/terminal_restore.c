#define _GNU_SOURCE
#include "csockshell.h"
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

// The terminal's modes when the shell started, for a crash handler to put back: a crashed shell
// must not leave the terminal without echo. Written once before any handler is installed.
static struct termios saved_modes;
static atomic_int modes_saved = 0;
// The descriptor the modes were read from: standard input, else output, else error (a script
// piped in with the terminal as output is still on a terminal).
static int saved_fd = 0;

int sockshell_terminal_save(void) {
    for (int fd = 0; fd <= 2; fd++) {
        if (isatty(fd) && tcgetattr(fd, &saved_modes) == 0) {
            saved_fd = fd;
            atomic_store(&modes_saved, 1);
            return 0;
        }
    }
    return -1;
}

int sockshell_terminal_restore(void) {
    if (!atomic_load(&modes_saved)) return 0;
    return tcsetattr(saved_fd, TCSADRAIN, &saved_modes);
}

static void on_crash(int signo) {
    // Only async-signal-safe calls: tcsetattr, write, raise.
    if (atomic_load(&modes_saved)) tcsetattr(saved_fd, TCSANOW, &saved_modes);
    static const char message[] = "\r\nsockshell: crashed (a bug: please report it); the terminal was restored\n";
    ssize_t ignored = write(2, message, sizeof message - 1);
    (void)ignored;
    // SA_RESETHAND made the disposition the default again: this ends the process with the signal
    // (and a core file where they are enabled).
    raise(signo);
}

static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};

int sockshell_crash_handlers_install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_crash;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND | SA_NODEFER;
    for (unsigned i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++) {
        if (sigaction(crash_signals[i], &action, NULL) != 0) return -1;
    }
    // Ctrl-\ quits as in any program (the interactive shell later makes it a clean exit),
    // instead of going through the crash reporter, which catches SIGQUIT too.
    struct sigaction quit;
    memset(&quit, 0, sizeof quit);
    quit.sa_handler = SIG_DFL;
    sigemptyset(&quit.sa_mask);
    return sigaction(SIGQUIT, &quit, NULL);
}
