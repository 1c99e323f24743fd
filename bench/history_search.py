#!/usr/bin/env python3
"""Ctrl-R with one long line in history: sockshell's own search against libedit's.

Starts the interactive shell on a pseudo-terminal with a history file holding one line of N
characters (the word NEEDLE in its middle) and a short one, presses Ctrl-R, types NEEDLE one key
at a time waiting for each key's redraw (the key shown again), and reports the time from Ctrl-R to the last redraw.
libedit's search (em-inc-search-prev) is bound back over ours through EDITRC for the comparison.
No daemon is needed: the endpoint is a path where nothing listens (the banner says so).

    bench/history_search.py [path/to/sockshell] [--timeout SECONDS]
"""
import os, pty, select, signal, sys, tempfile, time

def drive(binary, length, editrc, timeout):
    home = tempfile.mkdtemp(prefix="sockshell-bench-")
    os.makedirs(home + "/state/sockshell")
    half = (length - 6) // 2
    line = "POST /x " + "a" * half + "NEEDLE" + "b" * (length - 6 - half - 8)
    with open(home + "/state/sockshell/history", "w") as f:
        f.write("_HiStOrY_V2_\n" + line + "\necho short\n")
    env = dict(os.environ, TERM="xterm", HOME=home, XDG_STATE_HOME=home + "/state", NO_COLOR="1", EDITRC=editrc)
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary, "-H", "unix:///nonexistent/bench.sock"], env)
    out = bytearray()
    def wait_for(needle, deadline):
        while needle not in out:
            left = deadline - time.time()
            if left <= 0:
                return False
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(fd, 1 << 16)
                except OSError:
                    return False
                if not chunk:
                    return False
                out.extend(chunk)
        return True
    try:
        if not wait_for(b"> ", time.time() + 10):
            return None
        start = time.time()
        deadline = start + timeout
        os.write(fd, b"\x12")
        for ch in "NEEDLE":
            del out[:]
            os.write(fd, ch.encode())
            # Each key's redraw shows it: ours the whole status line, libedit at least the key.
            if not wait_for(ch.encode(), deadline):
                return None
        return time.time() - start
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    timeout = 30.0
    if "--timeout" in sys.argv:
        timeout = float(sys.argv[sys.argv.index("--timeout") + 1])
        args = [a for a in args if a != sys.argv[sys.argv.index("--timeout") + 1]]
    binary = args[0] if args else os.path.join(os.path.dirname(__file__), "..", ".build", "debug", "sockshell")
    editrc = tempfile.NamedTemporaryFile("w", suffix=".editrc", delete=False)
    editrc.write("bind ^R em-inc-search-prev\n")
    editrc.close()
    print(f"{'line length':>12}  {'sockshell':>12}  {'libedit':>12}")
    for length in [1_000, 10_000, 20_000, 100_000]:
        ours = drive(binary, length, "/nonexistent", timeout)
        theirs = drive(binary, length, editrc.name, timeout)
        show = lambda t: f"{t * 1000:.0f} ms" if t is not None else f"> {timeout:.0f} s"
        print(f"{length:>12}  {show(ours):>12}  {show(theirs):>12}", flush=True)

main()
