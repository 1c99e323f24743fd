#define _GNU_SOURCE
#include "cpseudoterminal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

const unsigned int pty_flag_icanon = ICANON;
const unsigned int pty_flag_echo = ECHO;
const unsigned int pty_flag_isig = ISIG;
const unsigned int pty_flag_icrnl = ICRNL;
const unsigned int pty_flag_opost = OPOST;

/// The child's report channel: fd number it is moved to before the other fds are closed.
#define PTY_REPORT_FD 3

/// A master opened close-on-exec from the start, so no concurrent fork can inherit it.
static int open_master(void) {
#ifdef __linux__
    int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
#else
    int fd = posix_openpt(O_RDWR | O_NOCTTY);
    if (fd >= 0) fcntl(fd, F_SETFD, FD_CLOEXEC);
#endif
    if (fd < 0) return -1;
    if (grantpt(fd) != 0 || unlockpt(fd) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

int pty_open_pair(int *master_fd, int *slave_fd) {
    int master = open_master();
    if (master < 0) return -1;
    const char *name = ptsname(master);
    int slave = name ? open(name, O_RDWR | O_NOCTTY | O_CLOEXEC) : -1;
    if (slave < 0) {
        int saved = errno;
        close(master);
        errno = saved;
        return -1;
    }
    *master_fd = master;
    *slave_fd = slave;
    return 0;
}

static int open_report_pipe(int ends[2]) {
#ifdef __linux__
    return pipe2(ends, O_CLOEXEC);
#else
    if (pipe(ends) != 0) return -1;
    fcntl(ends[0], F_SETFD, FD_CLOEXEC);
    fcntl(ends[1], F_SETFD, FD_CLOEXEC);
    return 0;
#endif
}

/// Closes every descriptor from `first` up, in the child (only async-signal-safe calls).
static void close_from(int first) {
#ifdef SYS_close_range
    if (syscall(SYS_close_range, (unsigned int)first, ~0U, 0) == 0) return;
#endif
    // Older kernels: a bounded loop (sysconf is not async-signal-safe; 65536 covers test processes).
    for (int fd = first; fd < 65536; fd++) close(fd);
}

/// Tells the parent why the child could not become the program, and ends the child.
static void child_fail(int report_fd) {
    int code = errno;
    ssize_t ignored = write(report_fd, &code, sizeof code);
    (void)ignored;
    _exit(127);
}

/// Sets a signal's disposition to the default. Handlers are reset by execve anyway; what matters is
/// SIG_IGN, which survives it. On Linux the raw system call is used because glibc's sigaction
/// refuses its reserved signals 32 and 33, and the Swift test process ignores 32: through glibc
/// the program would start with SIGRTMIN-2 ignored.
static void reset_disposition(int signal_number) {
#ifdef __linux__
    // All zero is SIG_DFL with no flags and an empty mask, whatever the architecture's layout of
    // the kernel's struct sigaction; 8 is the size of the kernel's sigset_t (64 signals).
    unsigned long kernel_action[8];
    memset(kernel_action, 0, sizeof kernel_action);
    if (syscall(SYS_rt_sigaction, signal_number, kernel_action, NULL, 8) == 0) return;
#endif
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(signal_number, &fallback, NULL);
}

static void child_exec(const char *slave_name, const char *path, char *const argv[],
                       char *const envp[], const char *cwd, int report_fd) {
    if (setsid() < 0) child_fail(report_fd);
    // Opening a terminal as a session leader without O_NOCTTY makes it the controlling terminal on
    // Linux; TIOCSCTTY does it explicitly for the BSDs (and is a no-op success on Linux then).
    int slave = open(slave_name, O_RDWR);
    if (slave < 0) child_fail(report_fd);
#ifdef TIOCSCTTY
    ioctl(slave, TIOCSCTTY, 0);
#endif
    if (dup2(slave, 0) < 0 || dup2(slave, 1) < 0 || dup2(slave, 2) < 0) child_fail(report_fd);
    if (slave > 2) close(slave);

    // Keep only 0-2 and the report pipe: descriptors of other tests (pipes of a concurrently
    // started Process, sockets) must not be held open by this program, or their readers never see
    // end-of-file.
    if (report_fd != PTY_REPORT_FD) {
        if (dup2(report_fd, PTY_REPORT_FD) < 0) child_fail(report_fd);
        report_fd = PTY_REPORT_FD;
        fcntl(report_fd, F_SETFD, FD_CLOEXEC);
    }
    close_from(PTY_REPORT_FD + 1);

    if (cwd != NULL && chdir(cwd) != 0) child_fail(report_fd);

    // Dispositions first, then the mask, so no pending signal reaches a handler of the parent's.
    for (int signal_number = 1; signal_number < NSIG; signal_number++) {
        if (signal_number == SIGKILL || signal_number == SIGSTOP) continue;
        reset_disposition(signal_number);
    }
    sigset_t nothing;
    sigemptyset(&nothing);
    sigprocmask(SIG_SETMASK, &nothing, NULL);

    execve(path, argv, envp);
    child_fail(report_fd);
}

pid_t pty_spawn(const char *path, char *const argv[], char *const envp[], const char *cwd,
                unsigned short rows, unsigned short cols, int *master_fd,
                struct pty_modes *initial_modes) {
    int master = open_master();
    if (master < 0) return -1;

    char slave_name[128];
#ifdef __linux__
    if (ptsname_r(master, slave_name, sizeof slave_name) != 0) {
#else
    const char *name = ptsname(master);
    if (name == NULL || strlen(name) >= sizeof slave_name) {
#endif
        int saved = errno;
        close(master);
        errno = saved;
        return -1;
    }
#ifndef __linux__
    strcpy(slave_name, name);
#endif

    // The size is set through the master before the child starts, so its first TIOCGWINSZ sees it.
    struct winsize size = {.ws_row = rows, .ws_col = cols, .ws_xpixel = 0, .ws_ypixel = 0};
    if (ioctl(master, TIOCSWINSZ, &size) != 0) {
        int saved = errno;
        close(master);
        errno = saved;
        return -1;
    }

    if (initial_modes != NULL && pty_get_modes(master, initial_modes) != 0) {
        int saved = errno;
        close(master);
        errno = saved;
        return -1;
    }

    int report[2];
    if (open_report_pipe(report) != 0) {
        int saved = errno;
        close(master);
        errno = saved;
        return -1;
    }

    pid_t pid = fork();
    if (pid < 0) {
        int saved = errno;
        close(master);
        close(report[0]);
        close(report[1]);
        errno = saved;
        return -1;
    }
    if (pid == 0) {
        close(master);
        close(report[0]);
        child_exec(slave_name, path, argv, envp, cwd, report[1]);
    }

    // The report pipe's write end closes at a successful execve (close-on-exec): end-of-file means
    // the program is running; four bytes are the errno of the step that failed.
    close(report[1]);
    int code = 0;
    ssize_t got;
    do {
        got = read(report[0], &code, sizeof code);
    } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == (ssize_t)sizeof code) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        close(master);
        errno = code;
        return -1;
    }

    // Non-blocking: the reader polls, and a writer facing a full input queue must time out, not hang.
    int flags = fcntl(master, F_GETFL);
    if (flags >= 0) fcntl(master, F_SETFL, flags | O_NONBLOCK);
    *master_fd = master;
    return pid;
}

int pty_resize(int master_fd, unsigned short rows, unsigned short cols) {
    struct winsize size = {.ws_row = rows, .ws_col = cols, .ws_xpixel = 0, .ws_ypixel = 0};
    return ioctl(master_fd, TIOCSWINSZ, &size);
}

int pty_get_modes(int master_fd, struct pty_modes *modes) {
    struct termios current;
    if (tcgetattr(master_fd, &current) != 0) return -1;
    modes->input_flags = (unsigned int)current.c_iflag;
    modes->output_flags = (unsigned int)current.c_oflag;
    modes->local_flags = (unsigned int)current.c_lflag;
    return 0;
}

int pty_wait(pid_t pid, int timeout_ms, int *status) {
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        pid_t done = waitpid(pid, status, WNOHANG);
        if (done == pid) return 1;
        if (done < 0 && errno != EINTR) return -1;
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long elapsed_ms = (now.tv_sec - start.tv_sec) * 1000L + (now.tv_nsec - start.tv_nsec) / 1000000L;
        if (elapsed_ms >= timeout_ms) return 0;
        struct timespec slice = {.tv_sec = 0, .tv_nsec = 5 * 1000000L};
        nanosleep(&slice, NULL);
    }
}

int pty_exit_code(int status, int *signaled) {
    if (WIFSIGNALED(status)) {
        if (signaled != NULL) *signaled = 1;
        return 128 + WTERMSIG(status);
    }
    if (signaled != NULL) *signaled = 0;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
