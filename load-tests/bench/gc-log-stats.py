#!/usr/bin/env python3
"""Young collections in a window of a JVM's GC log: how often, how long, how much survived.

usage: gc-log-stats.py GC_LOG [SECONDS]

The log must come from -Xlog:gc,gc+age=trace:file=GC_LOG:uptime (Serial or Parallel GC). The window is the last
SECONDS (default 50) of the log; the survivors of a collection are its age table's total (what it copied).
"""
import re
import sys


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    text = open(sys.argv[1]).read()
    seconds = float(sys.argv[2]) if len(sys.argv) == 3 else 50.0
    pauses = [(float(m.group(1)), int(m.group(2)), float(m.group(3)))
              for m in re.finditer(r'\[([\d.]+)s\] GC\((\d+)\) Pause Young.* ([\d.]+)ms', text)]
    if not pauses:
        sys.exit('no young collections in ' + sys.argv[1])
    survivors = {int(m.group(1)): int(m.group(2))
                 for m in re.finditer(r'GC\((\d+)\) - age\s+\d+:\s+\d+ bytes,\s+(\d+) total', text)}
    end = pauses[-1][0]
    window = [p for p in pauses if p[0] >= end - seconds]
    ms = sorted(p[2] for p in window)
    copied = sorted(survivors.get(p[1], 0) for p in window)
    print('%s: %d young collections in the last %.0f s (one every %.2f s), pause median %.1f ms, max %.1f ms, '
          'survivors median %.2f MB' % (sys.argv[1], len(window), seconds, seconds / len(window), ms[len(ms) // 2],
                                         ms[-1], copied[len(copied) // 2] / 1e6))


if __name__ == '__main__':
    main()
