#!/usr/bin/env python3
"""Sampled allocation (MB) and GC pauses in a time window of a JFR file: jfralloc.py FILE FROM TO (ISO, UTC)."""
import json, subprocess, sys
f, a, b = sys.argv[1:4]
def events(kind):
    out = subprocess.run(["jfr", "print", "--json", "--events", kind, f], capture_output=True, text=True).stdout
    return [e for e in json.loads(out)["recording"]["events"] if a <= e["values"]["startTime"] < b]
w = sum(e["values"]["weight"] for e in events("jdk.ObjectAllocationSample"))
print(f"sampled allocation weight: {w/1e6:.0f} MB")
def ms(d): return float(d[2:-1]) * 1000
gcs = sorted(ms(e["values"]["sumOfPauses"]) for e in events("jdk.GarbageCollection"))
if gcs:
    print(f"GCs: {len(gcs)}, total pause {sum(gcs):.0f} ms, median {gcs[len(gcs)//2]:.1f} ms, max {gcs[-1]:.1f} ms")
