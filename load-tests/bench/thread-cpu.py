#!/usr/bin/env python3
"""Where a JVM's CPU and thread wake-ups go, per thread, over a window.

usage: thread-cpu.py PID SECONDS

Reads /proc/PID/task/*/stat and status twice, SECONDS apart, and prints CPU ticks (1/100 s) and voluntary and
involuntary context switches per second, first grouped by thread name (digits at the end dropped), then per thread
with the full names jstack gives. A voluntary switch is a thread going to sleep to wait for work: on a one-core node
each one also means another thread woke up, so their rate shows the hand-offs between thread pools.
"""
import collections
import os
import re
import subprocess
import sys
import time


def snapshot(pid):
    threads = {}
    for tid in os.listdir('/proc/%s/task' % pid):
        try:
            stat = open('/proc/%s/task/%s/stat' % (pid, tid)).read()
            status = open('/proc/%s/task/%s/status' % (pid, tid)).read()
        except OSError:
            continue  # the thread ended
        comm = stat[stat.index('(') + 1:stat.rindex(')')]
        fields = stat[stat.rindex(')') + 2:].split()
        cpu = int(fields[11]) + int(fields[12])  # utime + stime
        vol = int(re.search(r'^voluntary_ctxt_switches:\s+(\d+)', status, re.M).group(1))
        invol = int(re.search(r'^nonvoluntary_ctxt_switches:\s+(\d+)', status, re.M).group(1))
        threads[tid] = (re.sub(r'\d+$', '', comm), cpu, vol, invol)
    return threads


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    pid, seconds = sys.argv[1], float(sys.argv[2])
    before = snapshot(pid)
    time.sleep(seconds)
    after = snapshot(pid)
    both = [t for t in after if t in before]
    groups = collections.defaultdict(lambda: [0, 0, 0, 0])
    for t in both:
        g = groups[after[t][0]]
        for i in range(1, 4):
            g[i - 1] += after[t][i] - before[t][i]
        g[3] += 1
    total = sum(g[0] for g in groups.values())
    print('CPU ticks %d over %.0f s (%.0f%% of one core)' % (total, seconds, total / seconds))
    print('%-24s %7s %9s %12s %14s' % ('threads (name prefix)', 'count', 'CPU ticks', 'vol. cs/s', 'invol. cs/s'))
    for name, g in sorted(groups.items(), key=lambda kv: -kv[1][0])[:15]:
        print('%-24s %7d %9d %12.0f %14.0f' % (name, g[3], g[0], g[1] / seconds, g[2] / seconds))
    names = {}
    jstack = subprocess.run(['jstack', pid], capture_output=True, text=True).stdout
    for m in re.finditer(r'^"([^"]+)".* nid=0x([0-9a-f]+)', jstack, re.M):
        names[str(int(m.group(2), 16))] = m.group(1)
    rows = sorted(((after[t][1] - before[t][1], (after[t][2] - before[t][2]) / seconds, names.get(t, after[t][0]))
                   for t in both), reverse=True)
    print('\nbusiest threads:')
    for cpu, vcs, name in rows[:12]:
        print('%6d ticks %9.0f vol. cs/s  %s' % (cpu, vcs, name))


if __name__ == '__main__':
    main()
