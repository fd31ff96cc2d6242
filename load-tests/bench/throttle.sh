#!/usr/bin/env bash
# Cluster-wide throttle accuracy and the hot-path cost of usage plans (issue 5's benchmark).
#
#   load-tests/bench/throttle.sh                      # ~3 min: 3 nodes, R=500 burst=100, 30 s per case
#   DURATION=10 COST_DURATION=5 WARMUP=5 load-tests/bench/throttle.sh   # quick run
#
# It starts its own local cluster (./gateway cluster up $NODES, data in a temp folder, node k on
# 127.0.0.k) unless START_CLUSTER=no, creates one API (GET /t, MOCK, apiKeyRequired), one key and
# one usage plan throttled at RATE/BURST, then offers load well above RATE with wrk:
#   (a) even:   the same number of connections on every node;
#   (b) skewed: SKEW_CONNS connections on node 1, SKEW_OTHER_CONNS on each other node (~80% on node 1).
# For each case it prints the offered and admitted rate per node and cluster-wide, and the
# cluster-wide admitted rate as a ratio to RATE (the target is within +-5%; the bucket's burst
# adds BURST/DURATION on top, printed as the expected rate).
# Then the hot-path cost: on node 1 alone, the same MOCK method without an API key vs with a key in
# a plan whose limits are never reached; ratio of the two throughputs (target: >= 0.90).
# Everything it starts it stops; all traffic goes to loopback addresses; every run is bounded.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NODES="${NODES:-3}"
RATE="${RATE:-500}"
BURST="${BURST:-100}"
DURATION="${DURATION:-30}"
EVEN_CONNS="${EVEN_CONNS:-48}"
SKEW_CONNS="${SKEW_CONNS:-16}"
SKEW_OTHER_CONNS="${SKEW_OTHER_CONNS:-2}"
COST_DURATION="${COST_DURATION:-10}"
WARMUP="${WARMUP:-15}"
COST_ROUNDS="${COST_ROUNDS:-3}"
COST_CONNS="${COST_CONNS:-32}"
START_CLUSTER="${START_CLUSTER:-yes}"
STAGE=bench
REGION="${GATEWAY_REGION:-us-east-1}"
CREDENTIALS="${GATEWAY_CREDENTIALS:-test:test}"
FIRST_HOST="${GATEWAY_CLUSTER_FIRST_HOST:-127.0.0.1}"
# The account-level bucket (AWS's default 10000 rps) would cap the cost runs, not the plan: lift it.
export GATEWAY_THROTTLE_ACCOUNT_RATE="${GATEWAY_THROTTLE_ACCOUNT_RATE:-1000000}"
export GATEWAY_THROTTLE_ACCOUNT_BURST="${GATEWAY_THROTTLE_ACCOUNT_BURST:-1000000}"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$ROOT/load-tests/results"
OUT="$ROOT/load-tests/results/throttle-$STAMP.txt"
WORK="$(mktemp -d /tmp/throttle-bench.XXXXXX)"
log() { echo "[throttle] $*" | tee -a "$OUT" >&2; }

for t in wrk curl jq; do
  command -v "$t" >/dev/null || { [[ $t == wrk && $EUID -eq 0 ]] && apt-get install -y wrk >/dev/null 2>&1; }
  command -v "$t" >/dev/null || { echo "needs $t" >&2; exit 1; }
done

host_of() { # node k -> 127.0.0.(first+k-1)
  local base="${FIRST_HOST##*.}"
  echo "${FIRST_HOST%.*}.$((base + $1 - 1))"
}
MGMT="http://$(host_of 1):8081"

cleanup() {
  local rc=$?
  set +e
  if [[ "$START_CLUSTER" == yes ]]; then
    log "stopping the cluster"
    GATEWAY_DATA_DIR="$WORK/data" "$ROOT/gateway" cluster down >>"$OUT" 2>&1
  fi
  if [[ "${KEEP_WORK:-0}" == 1 ]]; then echo "[throttle] kept $WORK" >&2; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=load-tests/bench/lib.sh
source "$ROOT/load-tests/bench/lib.sh"
mgmt() { mgmt_at "$MGMT" "$@"; }

keyed_plan() { # api rate burst -> key value
  local key plan
  key="$(mgmt POST /apikeys '{"name":"bench","enabled":true}')"
  plan="$(mgmt POST /usageplans "{\"name\":\"bench-$2\",\"apiStages\":[{\"apiId\":\"$1\",\"stage\":\"$STAGE\"}],\"throttle\":{\"rateLimit\":$2,\"burstLimit\":$3}}" | jq -r .id)"
  mgmt POST "/usageplans/$plan/keys" "{\"keyId\":\"$(jq -r .id <<<"$key")\",\"keyType\":\"API_KEY\"}" >/dev/null
  jq -r .value <<<"$key"
}

await_200() { # node api key
  local url="http://$(host_of "$1"):8080/$STAGE/t" i code
  for i in $(seq 1 100); do
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $2.execute-api.localhost" ${3:+-H "x-api-key: $3"} "$url")"
    [[ "$code" == 200 ]] && return 0
    sleep 0.2
  done
  log "node $1 never answered 200 for $2 (last status $code)"; exit 1
}

lua() { # api key [count] -> lua file; with "count", 429s, 5xx and latency percentiles are reported too
  local f="$WORK/$1-${2:-nokey}${3:+-$3}.lua" keyline="" counting=""
  [[ -n "${2:-}" ]] && keyline="wrk.headers[\"x-api-key\"] = \"$2\""
  # A response() callback makes wrk parse every response in Lua: only the throttle cases pay for it.
  [[ "${3:-}" == count ]] && counting='
threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function(args) c429 = 0; c5xx = 0 end
response = function(status, headers, body)
  if status == 429 then c429 = c429 + 1 elseif status >= 500 then c5xx = c5xx + 1 end
end'
  cat >"$f" <<EOF
wrk.headers["Host"] = "$1.execute-api.localhost"
$keyline
$counting
done = function(summary, latency, requests)
  local t429, t5xx = -1, -1
  if threads then
    t429, t5xx = 0, 0
    for _, t in ipairs(threads) do t429 = t429 + t:get("c429"); t5xx = t5xx + t:get("c5xx") end
  end
  io.write(string.format("RESULT requests=%d non2xx=%d sockerr=%d micros=%d n429=%d n5xx=%d p50=%.1f p99=%.1f\n",
    summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration, t429, t5xx, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
EOF
  echo "$f"
}

# One wrk per node, concurrently; prints per node offered/admitted rates and the cluster sum.
throttle_case() { # name lua conns-node1 conns-others
  local name="$1" script="$2" c1="$3" cn="$4" k pids=() conns
  log "case $name: $DURATION s, wrk -c$c1 on node 1, -c$cn on the others"
  for k in $(seq 1 "$NODES"); do
    conns=$([[ $k == 1 ]] && echo "$c1" || echo "$cn")
    wrk -t1 -c"$conns" -d"${DURATION}s" --timeout 5s -s "$script" "http://$(host_of "$k"):8080/$STAGE/t" \
      >"$WORK/$name-$k.txt" 2>&1 &
    pids+=($!)
  done
  wait "${pids[@]}"
  python3 - "$name" "$NODES" "$RATE" "$BURST" "$WORK" <<'EOF' | tee -a "$OUT"
import re, sys
name, nodes, rate, burst, work = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
rows, total_req, total_ok, secs = [], 0, 0, 0.0
for k in range(1, nodes + 1):
    m = re.search(r"RESULT requests=(\d+) non2xx=(\d+) sockerr=(\d+) micros=(\d+) n429=(-?\d+) n5xx=(-?\d+)"
                  r" p50=([\d.]+) p99=([\d.]+)", open(f"{work}/{name}-{k}.txt").read())
    req, non2xx, sockerr, micros, n429, n5xx = (int(x) for x in m.groups()[:6])
    p50, p99 = (float(x) for x in m.groups()[6:])
    s = micros / 1e6
    secs = max(secs, s)
    rows.append((k, req / s, (req - non2xx) / s, sockerr, n429, n5xx, p50, p99))
    total_req += req; total_ok += req - non2xx
print(f"  {name}: node  offered req/s  admitted req/s  share of offered  429s    5xx  socket errors  p50 ms  p99 ms")
for k, off, ok, err, n429, n5xx, p50, p99 in rows:
    print(f"  {name}: {k:4d}  {off:13,.0f}  {ok:14,.1f}  {off / sum(r[1] for r in rows):16.0%}  {n429:5d}  {n5xx:5d}"
          f"  {err:13d}  {p50:6.1f}  {p99:6.1f}")
admitted = total_ok / secs
expected = rate + burst / secs
print(f"  {name}: cluster-wide admitted {admitted:,.1f} req/s over {secs:.1f} s (offered {total_req / secs:,.0f});"
      f" configured rate {rate:g} -> {admitted / rate:.3f}x (expected with the initial burst: {expected:,.1f},"
      f" {admitted / expected:.3f}x of it)")
ok = abs(admitted / rate - 1) <= 0.05
print(f"  {name}: target cluster-wide admitted within +-5% of the rate: {'MET' if ok else 'NOT MET'}")
EOF
}

cost_run() { # label lua -> req/s
  wrk -t1 -c"$COST_CONNS" -d"${COST_DURATION}s" --timeout 5s -s "$2" "http://$(host_of 1):8080/$STAGE/t" >"$WORK/cost.txt" 2>&1
  local line; line="$(grep RESULT "$WORK/cost.txt")"
  python3 -c "import re,sys; r,n,e,m=map(int,re.search(r'requests=(\d+) non2xx=(\d+) sockerr=(\d+) micros=(\d+)',sys.argv[1]).groups()); print(f'{(r-n)/(m/1e6):.0f} {n}')" "$line"
}

# ---------------------------------------------------------------------------------------------
log "throttle benchmark $STAMP: $NODES nodes, rate $RATE burst $BURST, $DURATION s per case; output $OUT"
log "host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ "$START_CLUSTER" == yes ]]; then
  log "starting the cluster (./gateway cluster up $NODES, data in $WORK/data)"
  GATEWAY_DATA_DIR="$WORK/data" "$ROOT/gateway" cluster up "$NODES" >>"$OUT" 2>&1 || { log "cluster did not start"; exit 1; }
fi
log "checkout: $(git -C "$ROOT" log --oneline -1)"

API="$(create_mock_api bench-throttled true)"
KEY="$(keyed_plan "$API" "$RATE" "$BURST")"
for k in $(seq 1 "$NODES"); do await_200 "$k" "$API" "$KEY"; done
log "API $API (GET /t MOCK, apiKeyRequired) with a key in a plan throttled at rate $RATE burst $BURST; served by all nodes"
# A just-started JVM runs the first seconds interpreted: load every node for WARMUP s first (not measured).
if (( WARMUP > 0 )); then
  log "warm-up: $WARMUP s of the even load, not measured"
  for k in $(seq 1 "$NODES"); do
    wrk -t1 -c"$EVEN_CONNS" -d"${WARMUP}s" --timeout 5s -s "$(lua "$API" "$KEY")" "http://$(host_of "$k"):8080/$STAGE/t" \
      >/dev/null 2>&1 &
  done
  wait
fi
# Let the burst refill after the readiness probes and the warm-up.
sleep 2
throttle_case even "$(lua "$API" "$KEY" count)" "$EVEN_CONNS" "$EVEN_CONNS"
sleep 2
throttle_case skewed "$(lua "$API" "$KEY" count)" "$SKEW_CONNS" "$SKEW_OTHER_CONNS"

OPEN="$(create_mock_api bench-open false)"
KEYED="$(create_mock_api bench-keyed true)"
BIGKEY="$(keyed_plan "$KEYED" 1000000 1000000)"
await_200 1 "$OPEN" ""
await_200 1 "$KEYED" "$BIGKEY"
log "hot-path cost on node 1: $COST_ROUNDS interleaved rounds x $COST_DURATION s, wrk -c$COST_CONNS; open API $OPEN vs keyed API $KEYED (plan never limits)"
cost_run warm "$(lua "$OPEN")" >/dev/null; cost_run warm "$(lua "$KEYED" "$BIGKEY")" >/dev/null
opens=(); keyeds=()
for r in $(seq 1 "$COST_ROUNDS"); do
  read -r o _ <<<"$(cost_run open "$(lua "$OPEN")")"
  read -r k kn <<<"$(cost_run keyed "$(lua "$KEYED" "$BIGKEY")")"
  log "  round $r: without a usage plan $o req/s, with key + plan $k req/s (non-2xx $kn)"
  opens+=("$o"); keyeds+=("$k")
done
python3 - "${opens[*]}" "${keyeds[*]}" <<'EOF' | tee -a "$OUT"
import statistics, sys
o = statistics.median(map(float, sys.argv[1].split())); k = statistics.median(map(float, sys.argv[2].split()))
print(f"  cost: median {o:,.0f} req/s without a usage plan, {k:,.0f} req/s with API key + plan (throttle + quota):"
      f" {k / o:.3f}x; target >= 0.90 (<= 10% cost): {'MET' if k / o >= 0.9 else 'NOT MET'}")
EOF
log "done; full output in $OUT"
