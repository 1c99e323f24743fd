#define _GNU_SOURCE
#include <spawn.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "csockshell.h"

// pidfd_open has no glibc wrapper before 2.36, and Swift cannot call the variadic syscall().
int sockshell_pidfd_open(int pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }

// POSIX_SPAWN_SETSID is a GNU extension, which Swift's Glibc module does not define.
short sockshell_posix_spawn_setsid(void) { return POSIX_SPAWN_SETSID; }
