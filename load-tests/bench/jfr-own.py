#!/usr/bin/env python3
"""How much of a target's CPU per request is the gateway's own code, from a JFR recording of a rest-proxy.sh run.

    jfr-own.py FILE LABEL,FROM,TO,CPU_US_PER_REQ [...]

FROM and TO are UTC times (HH:MM:SS) inside one target's measured run (rest-proxy.sh prints each run's start in its
raw output, `=== target (mode) HH:MM:SS`); CPU_US_PER_REQ is that run's cpu_us_per_req. Each execution sample (JDK 17
`jfr print --json`, full stacks) goes to the first of these that is on its stack, in this order:

  request pipeline   DataPlaneRouter.apply: address, routing, authorization, throttling, the outgoing request built
                     and handed to the backend connection (the REST and HTTP API pipelines alike)
  response           Backend's completion: the backend's headers filtered, response mappings, metrics, request id
  exchange stage     the rest of ExchangeStage (the client connection's stage around the pipeline)
  other              Pekko and the JDK: parsing, rendering, actors, streams, the selector, TCP

and the samples' share, times CPU_US_PER_REQ, is printed as microseconds per request. A recording with JFR's
default 10-20 ms period gives too few samples per run for sub-microsecond figures: record with a 1 ms
jdk.ExecutionSample period (a copy of the JDK's lib/jfr/profile.jfc with that period, passed as settings=).
"""
import collections
import json
import subprocess
import sys

ROOTS = [
    ("request pipeline", "dev.apigw.node.dataplane.router.DataPlaneRouter.apply"),
    ("response", "dev.apigw.node.dataplane.integration.Backend.lambda$send$"),
    ("exchange stage", "dev.apigw.node.dataplane.edge.ExchangeStage"),
]


def frame_name(frame):
    method = frame["method"]
    return method["type"]["name"].replace("/", ".") + "." + method["name"]


def main():
    path, windows = sys.argv[1], [w.split(",") for w in sys.argv[2:]]
    if not windows:
        sys.exit(__doc__)
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "256", "--events", "jdk.ExecutionSample", path],
                         capture_output=True, text=True, check=True).stdout
    events = json.loads(out)["recording"]["events"]
    rows = []
    for label, start, end, cpu in windows:
        counts, total = collections.Counter(), 0
        for e in events:
            at = e["values"]["startTime"][11:19]
            stack = e["values"]["stackTrace"]
            if not stack or not start <= at < end:
                continue
            total += 1
            frames = [frame_name(f) for f in stack["frames"]]
            part = next((name for name, prefix in ROOTS if any(f.startswith(prefix) for f in frames)), "other")
            counts[part] += 1
        rows.append((label, total, float(cpu), counts))
    parts = [name for name, _ in ROOTS] + ["other"]
    print(f"{'':18}" + "".join(f"{label:>14}" for label, *_ in rows))
    print(f"{'samples':18}" + "".join(f"{total:>14}" for _, total, _, _ in rows))
    for part in parts:
        print(f"{part:18}" + "".join(f"{(c[part] / total * cpu if total else 0):>11.2f} us" for _, total, cpu, c in rows))
    print(f"{'all':18}" + "".join(f"{cpu:>11.2f} us" for _, _, cpu, _ in rows))


if __name__ == "__main__":
    main()
