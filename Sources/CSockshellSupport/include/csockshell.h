#ifndef CSOCKSHELL_H
#define CSOCKSHELL_H

/// Installs a SIGINT handler that counts the signal and writes one byte to a non-blocking
/// self-pipe, so a poll() on the pipe wakes up (waits watch the pipe, not EINTR).
/// Returns the pipe's read end, or -1 with errno set. Idempotent.
int sockshell_interrupt_install(void);

/// The self-pipe's read end (-1 before install).
int sockshell_interrupt_fd(void);

/// How many SIGINTs arrived since the last take; resets the count and drains the pipe.
int sockshell_interrupt_take(void);

/// How many SIGINTs arrived since the last take, without resetting.
int sockshell_interrupt_pending(void);

/// Also routes SIGTERM, SIGHUP and SIGQUIT (Ctrl-backslash) to the self-pipe (install the interrupt handler first), so the
/// shell can save history and restore the terminal before it exits.
int sockshell_terminate_install(void);

/// The terminating signal that arrived (SIGTERM, SIGHUP or SIGQUIT), or 0.
int sockshell_terminate_signal(void);

/// A pipe whose ends close on exec (and, nonblocking = 1, never wait), both set atomically with
/// its creation; 0, or -1 with errno set.
int sockshell_pipe(int fds[2], int nonblocking);

/// The process at the other end of a unix socket (SO_PEERCRED): its pid and uid when it connected;
/// 0, or -1 with errno set.
int sockshell_peer_credentials(int fd, int *pid, unsigned int *uid);

/// A descriptor that becomes readable when child process `pid` exits (pidfd_open, Linux 5.3), so a
/// wait for it can watch other descriptors too; -1 with errno set.
int sockshell_pidfd_open(int pid);
/// posix_spawn's flag that starts the child in a session of its own (setsid), a GNU extension.
short sockshell_posix_spawn_setsid(void);

/// Ignores SIGPIPE: a peer closing its end must be an error return from write, not a dead process.
void sockshell_ignore_sigpipe(void);

// Terminal events other than Ctrl-C: their own self-pipe, so that waits ended by Ctrl-C do not end
// on a resize.
#define SOCKSHELL_TERMINAL_RESIZED 1
#define SOCKSHELL_TERMINAL_SUSPEND 2

/// Installs the SIGWINCH handler and the terminal-events pipe; returns its read end or -1. Idempotent.
int sockshell_terminal_signals_install(void);
/// The terminal-events pipe's read end (-1 before install).
int sockshell_terminal_signals_fd(void);
/// The events (SOCKSHELL_TERMINAL_* bits) since the last take; drains the pipe.
int sockshell_terminal_signals_take(void);
/// Ctrl-Z (SIGTSTP) becomes an event (on = 1) or stops the process as usual (on = 0).
int sockshell_catch_suspend(int on);
/// While a child (the editor) has the terminal: Ctrl-Z (SIGTSTP) does not stop the process
/// (on = 1; a handler that does nothing, so children still start with the default) or does (0).
int sockshell_defer_suspend(int on);
/// Stops the process as Ctrl-Z would have (SIGTSTP, default action), and
/// returns when it is continued. Leaves SIGTSTP at its default.
void sockshell_suspend_self(void);

/// Saves stdin's terminal modes, for sockshell_terminal_restore and the crash handlers.
int sockshell_terminal_save(void);
/// Puts the saved modes back (0 when none were saved).
int sockshell_terminal_restore(void);
/// On SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP: restore the saved modes, say so in
/// one line, and die of the signal; instead of Swift's backtracer, which would hold the terminal
/// with an interactive prompt. SIGQUIT gets its default action back (the backtracer takes it too).
int sockshell_crash_handlers_install(void);

#endif
