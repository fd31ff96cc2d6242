#!/usr/bin/env python3
"""Which threads ran when the slow responses came: 100 ms windows with many slow responses, and who had the CPU.

usage: slow-bursts.py SCHED.json SLOW.txt [MIN_SLOW]

SCHED.json is `sched-sample.py`'s output, SLOW.txt `PacedProbe.java`'s (epoch ms and latency in us of every response of
2 ms or more). Prints each thread name's CPU over the probe's window, then every 100 ms window with at least MIN_SLOW
(default 40) slow responses: their count and worst latency, the process's CPU in that window and its four busiest
threads (us), and the two threads that waited longest for the CPU (us).
"""
import collections
import datetime
import json
import sys


def main():
    rows = json.load(open(sys.argv[1]))
    slow = sorted(tuple(map(int, line.split())) for line in open(sys.argv[2]) if line.strip())
    least = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    if not slow:
        print("no slow responses")
        return
    count = collections.Counter(t // 100 * 100 for t, _ in slow)
    worst = collections.defaultdict(int)
    for t, us in slow:
        worst[t // 100 * 100] = max(worst[t // 100 * 100], us)
    ran = collections.defaultdict(collections.Counter)
    waited = collections.defaultdict(collections.Counter)
    for t, delta in rows:
        window = int(t * 1000) // 100 * 100
        for name, (r, w) in delta.items():
            thread = name.rsplit("/", 1)[0]
            ran[window][thread] += r
            waited[window][thread] += w
    windows = sorted(k for k in ran if slow[0][0] <= k <= slow[-1][0])
    total = collections.Counter()
    for k in windows:
        total.update(ran[k])
    print("CPU ms per thread name over the window:", ", ".join(f"{n} {v // 1000}" for n, v in total.most_common(12)))
    print("window (UTC)  slow  worst us  CPU ms  busiest threads (us)  |  longest waits (us)")
    for k in windows:
        if count.get(k, 0) < least:
            continue
        at = datetime.datetime.fromtimestamp(k / 1000, datetime.timezone.utc).strftime("%H:%M:%S.%f")[:-5]
        busiest = ", ".join(f"{n}:{v}" for n, v in ran[k].most_common(4))
        waits = ", ".join(f"{n}:{v}" for n, v in waited[k].most_common(2))
        print(f"{at}  {count[k]:4d}  {worst[k]:8d}  {sum(ran[k].values()) / 1000:6.1f}  {busiest}  |  {waits}")


if __name__ == "__main__":
    main()
