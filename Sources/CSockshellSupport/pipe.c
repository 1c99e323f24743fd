#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>

#include "csockshell.h"

// pipe2 is a GNU extension Swift's Glibc module does not show; it sets close-on-exec in the same
// call, so a child that another thread starts at that moment (the editor) never inherits the ends.
int sockshell_pipe(int fds[2], int nonblocking) {
    return pipe2(fds, O_CLOEXEC | (nonblocking ? O_NONBLOCK : 0));
}
