#define _GNU_SOURCE
#include <sys/syscall.h>
#include <unistd.h>

#include "csockshell.h"

// pidfd_open has no glibc wrapper before 2.36, and Swift cannot call the variadic syscall().
int sockshell_pidfd_open(int pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }
