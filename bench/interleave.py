#!/usr/bin/env python3
"""interleave: wall time of several commands, measured in interleaved rounds.

    python3 bench/interleave.py --runs N [--warmup W] --json OUT NAME CMD [NAME CMD ...]

Each round runs every command once (the order reversed every other round), so
a noisy neighbour on a shared machine slows all of them alike instead of
whichever happened to be running at the time; hyperfine runs one command's
runs back to back, which on a 2-core shared box can skew a ratio by 30%.

CMD is a shell line, run with `bash -c` when it holds shell syntax (pipes,
loops, redirections) and directly otherwise. Its stdout goes to /dev/null,
its stderr to ours only when it fails. A non-zero exit is an error.

Writes {NAME: {"median": s, "min": s, "max": s, "times": [...]}} to OUT and
one line per command to stderr.
"""
import argparse
import json
import shlex
import statistics
import subprocess
import sys
import time

def argv_for(cmd):
    """Direct argv when the line is plain words (quoted text may hold anything), else bash -c."""
    if "$" in cmd or "`" in cmd:
        return ["bash", "-c", cmd]
    lexer = shlex.shlex(cmd, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    tokens = list(lexer)
    if any(t and all(c in "();<>|&" for c in t) for t in tokens):
        return ["bash", "-c", cmd]
    return shlex.split(cmd)


def run_once(argv):
    t0 = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode(errors="replace"))
        raise SystemExit("interleave: command failed (exit %d): %s" % (proc.returncode, " ".join(argv)))
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, required=True)
    parser.add_argument("--warmup", type=int, default=0)
    parser.add_argument("--json", required=True)
    parser.add_argument("pairs", nargs="+")
    args = parser.parse_args()
    if len(args.pairs) % 2:
        raise SystemExit("interleave: NAME CMD pairs expected")
    commands = [(args.pairs[i], argv_for(args.pairs[i + 1])) for i in range(0, len(args.pairs), 2)]

    for _ in range(args.warmup):
        for _, argv in commands:
            run_once(argv)
    times = {name: [] for name, _ in commands}
    for round_number in range(args.runs):
        order = commands if round_number % 2 == 0 else list(reversed(commands))
        for name, argv in order:
            times[name].append(run_once(argv))

    result = {}
    for name, _ in commands:
        t = times[name]
        result[name] = {"median": statistics.median(t), "min": min(t), "max": max(t), "times": t}
        sys.stderr.write("interleave: %-22s median %9.1f ms  min %9.1f  max %9.1f  (%d runs)\n" % (
            name, result[name]["median"] * 1000, min(t) * 1000, max(t) * 1000, len(t)))
    with open(args.json, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
