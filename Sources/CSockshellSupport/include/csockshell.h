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

/// Also routes SIGTERM and SIGHUP to the self-pipe (install the interrupt handler first), so the
/// shell can save history and restore the terminal before it exits.
int sockshell_terminate_install(void);

/// The terminating signal that arrived (SIGTERM or SIGHUP), or 0.
int sockshell_terminate_signal(void);

/// Ignores SIGPIPE: a peer closing its end must be an error return from write, not a dead process.
void sockshell_ignore_sigpipe(void);


#endif
