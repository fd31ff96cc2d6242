#!/usr/bin/env bash
# Which garbage collector and heap the launchers should give a gateway node: runs rest-proxy.sh's gateway
# HTTP_PROXY target once per JVM option set (a fresh gateway each, same pinning, same offered paced rate), then
# prints saturation req/s and paced p50/p99/p99.9 side by side. The gateway is pinned to one core, as in
# rest-proxy.sh, so the JVM sees one CPU: its ergonomics would pick Serial by itself.
#
#   load-tests/bench/gc-choice.sh                                # the four candidates below
#   GC_SETS="serial=-XX:+UseSerialGC zgc=-XX:+UseZGC" load-tests/bench/gc-choice.sh
#
# Everything binds to 127.0.0.1; each run stops what it started. Takes ~3 minutes per option set.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HEAP="${HEAP:--Xms1g -Xmx1g}"
GC_SETS="${GC_SETS:-serial=-XX:+UseSerialGC parallel=-XX:+UseParallelGC g1=-XX:+UseG1GC|-XX:MaxGCPauseMillis=5 zgc=-XX:+UseZGC}"
PACED_RATE="${PACED_RATE:-2000}"   # the same offered rate for every option set (req/s)
export GATEWAY_WARMUP="${GATEWAY_WARMUP:-60}" DURATION="${DURATION:-15}" ROUNDS="${ROUNDS:-2}" PACED_RATE
RESULTS="$ROOT/load-tests/results/gc-choice-$(date -u +%Y%m%dT%H%M%SZ).txt"
: >"$RESULTS"
for set in $GC_SETS; do
  name="${set%%=*}" opts="${set#*=}"; opts="${opts//|/ }"
  echo "[gc-choice] $name: JAVA_OPTS=\"$HEAP $opts\"" | tee -a "$RESULTS" >&2
  JAVA_OPTS="$HEAP $opts" TARGETS=gw-proxy START_GATEWAY=yes "$ROOT/load-tests/bench/rest-proxy.sh" 2>/dev/null |
    awk -v n="$name" '/^Saturation/{m="sat"} /^Paced/{m="paced"} /gateway HTTP_PROXY  /{print "RESULT", n, m, $0}' |
    tee -a "$RESULTS" >&2
done
echo
echo "GC choice (gateway HTTP_PROXY, heap: $HEAP; paced at $PACED_RATE req/s):"
printf '  %-10s %12s %10s %10s %10s %11s\n' "gc" "sat req/s" "paced p50" "paced p99" "p99.9 ms" "sat p99 ms"
awk '$1=="RESULT"{ if ($3=="sat") {sat[$2]=$6; satp99[$2]=$8} else {p50[$2]=$7; p99[$2]=$8; p999[$2]=$9}; if (!($2 in seen)) {seen[$2]=1; order[++n]=$2} }
     END { for (i=1;i<=n;i++) { g=order[i]; printf "  %-10s %12s %10s %10s %10s %11s\n", g, sat[g], p50[g], p99[g], p999[g], satp99[g] } }' "$RESULTS"
echo "(raw lines: $RESULTS)"
