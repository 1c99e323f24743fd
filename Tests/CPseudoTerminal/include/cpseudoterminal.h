#ifndef CPSEUDOTERMINAL_H
#define CPSEUDOTERMINAL_H

#include <sys/types.h>

/// The terminal's modes as the program on the slave side set them.
struct pty_modes {
    unsigned int input_flags;   ///< c_iflag
    unsigned int output_flags;  ///< c_oflag
    unsigned int local_flags;   ///< c_lflag
};

/// Starts `path` on a new pseudo-terminal, as a terminal emulator does, and returns its pid, or -1
/// with errno set (also when execve fails in the child: its errno is reported here).
///
/// The master is opened close-on-exec and the slave is opened only in the child, so a concurrent
/// fork elsewhere in the test process (another test spawning a program) never inherits either end.
/// The child becomes a session leader with the slave as its controlling terminal and as fds 0-2,
/// closes every other inherited descriptor, changes to `cwd` (when not NULL), unblocks every signal
/// and resets every disposition to the default (Swift Testing's threads block SIGINT and SIGTERM,
/// the test process ignores signal 32, and a mask and an ignored disposition survive execve), then
/// calls execve.
/// `argv` and `envp` are NULL-terminated; the caller prepares them before the call, since only
/// async-signal-safe work happens between fork and execve. The master is returned non-blocking.
/// `initial_modes` (may be NULL) receives the terminal's modes before the program could change them.
pid_t pty_spawn(const char *path, char *const argv[], char *const envp[], const char *cwd,
                unsigned short rows, unsigned short cols, int *master_fd,
                struct pty_modes *initial_modes);

/// Sets the terminal size; the kernel sends SIGWINCH to the terminal's foreground process group.
/// Returns 0, or -1 with errno set.
int pty_resize(int master_fd, unsigned short rows, unsigned short cols);

/// Reads the slave's termios through the master (on Linux a TCGETS on a pty master reports the
/// linked slave's termios, which lives as long as the master is open, also after the child exits).
/// Returns 0, or -1 with errno set.
int pty_get_modes(int master_fd, struct pty_modes *modes);

/// The bit values of the flags that tell cooked mode from raw mode (ICANON, ECHO, ISIG in
/// local_flags; ICRNL in input_flags; OPOST in output_flags).
extern const unsigned int pty_flag_icanon;
extern const unsigned int pty_flag_echo;
extern const unsigned int pty_flag_isig;
extern const unsigned int pty_flag_icrnl;
extern const unsigned int pty_flag_opost;

/// waitpid without blocking for longer than `timeout_ms` (polling WNOHANG in short sleeps).
/// Returns 1 and stores the raw wait status when the child ended, 0 on timeout, -1 with errno set.
int pty_wait(pid_t pid, int timeout_ms, int *status);

/// Decodes a raw wait status: the exit code, or 128 + the signal number for a killed child
/// (the shells' convention); `signaled` (when not NULL) tells which.
int pty_exit_code(int status, int *signaled);

/// A pseudo-terminal pair with no process on it: both ends blocking and close-on-exec, the slave
/// opened without becoming anyone's controlling terminal. Returns 0, or -1 with errno set.
int pty_open_pair(int *master_fd, int *slave_fd);

#endif
