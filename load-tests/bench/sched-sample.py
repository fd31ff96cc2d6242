#!/usr/bin/env python3
"""Per-thread run and run-queue time of a process, sampled every 10 ms, to a JSON file.

usage: sched-sample.py PID SECONDS OUT.json

Reads /proc/PID/task/*/schedstat (time on the CPU and time waiting for it, in ns, per thread) every 10 ms and writes,
for every sample, the wall-clock time and each thread's microseconds run and waited since the previous sample.
`slow-bursts.py` lines the samples up with the slow responses `PacedProbe.java` logged. Run it on another core than
the process it watches (taskset), so that it does not take that process's CPU.
"""
import json
import os
import sys
import time


def snapshot(pid, names):
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                ran, waited = f.read().split()[:2]
            if tid not in names:
                with open(f"/proc/{pid}/task/{tid}/comm") as f:
                    names[tid] = f.read().strip()
            out[tid] = (int(ran), int(waited))
        except OSError:  # the thread ended
            pass
    return out


def main():
    pid, seconds, path = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    names, rows = {}, []
    previous = snapshot(pid, names)
    end = time.time() + seconds
    while time.time() < end:
        time.sleep(0.01)
        now, current = time.time(), snapshot(pid, names)
        delta = {}
        for tid, (ran, waited) in current.items():
            before = previous.get(tid, (ran, waited))
            if ran > before[0] or waited > before[1]:
                delta[f"{names[tid]}/{tid}"] = ((ran - before[0]) // 1000, (waited - before[1]) // 1000)
        rows.append((now, delta))
        previous = current
    with open(path, "w") as f:
        json.dump(rows, f)


if __name__ == "__main__":
    main()
