#!/usr/bin/env python3
"""tree_rss: peak memory of a process and all its descendants, sampled.

    python3 bench/tree_rss.py PID [--interval S] [--ready-file FILE]

Every S seconds (default 0.02) it reads /proc of PID and of every process below it (socat forks a
child per connection; the tap is one process with a thread per connection) and keeps:

    sum_peak_kib      the largest sum of VmRSS over the whole tree seen in one sample (pages shared
                      between the processes, such as libc's, count once per process)
    pss_peak_kib      the largest sum of Pss (/proc/PID/smaps_rollup: shared pages split between the
                      processes that share them), the tree's real footprint
    single_hwm_kib    the largest VmHWM (the kernel's own peak) of any one process in the tree
    max_processes     the most processes seen in one sample

After its first sample it creates FILE (--ready-file), so a caller can start the load then. It stops on SIGTERM or SIGINT, or when PID is gone, and prints those three as `key=value` on one
line of stdout. A process that ends between two samples only counts with what was sampled of it.
"""
import argparse
import os
import signal
import sys
import time

stopping = False


def stop(_signum, _frame):
    global stopping
    stopping = True


def children_of():
    """parent pid -> [child pids], from /proc/*/stat."""
    tree = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as f:
                stat = f.read()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces; the parent pid follows it.
        fields = stat[stat.rfind(")") + 2:].split()
        tree.setdefault(int(fields[1]), []).append(int(name))
    return tree


def status_kib(pid):
    """(VmRSS, VmHWM) in KiB, or None when the process is gone."""
    rss = hwm = 0
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
    except OSError:
        return None
    return rss, hwm


def pss_kib(pid):
    """Pss in KiB, or 0 when the process is gone."""
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pid", type=int)
    parser.add_argument("--interval", type=float, default=0.02)
    parser.add_argument("--ready-file")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    sum_peak = pss_peak = single_hwm = max_processes = 0
    while not stopping:
        tree = children_of()
        pids, todo = [], [args.pid]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            todo.extend(tree.get(pid, []))
        total = pss = count = 0
        for pid in pids:
            figures = status_kib(pid)
            if figures is None:
                continue
            total += figures[0]
            pss += pss_kib(pid)
            single_hwm = max(single_hwm, figures[1])
            count += 1
        if count == 0:
            break
        sum_peak = max(sum_peak, total)
        pss_peak = max(pss_peak, pss)
        max_processes = max(max_processes, count)
        if args.ready_file and not os.path.exists(args.ready_file):
            open(args.ready_file, "w").close()
        time.sleep(args.interval)
    print("sum_peak_kib=%d pss_peak_kib=%d single_hwm_kib=%d max_processes=%d" % (
        sum_peak, pss_peak, single_hwm, max_processes))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
