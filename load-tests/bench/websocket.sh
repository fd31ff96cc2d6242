#!/usr/bin/env bash
# WebSocket benchmark (issue 6): idle connections held by one node and their heap; @connections
# POST messages per second delivered with the sender on another node than the sockets.
#
#   load-tests/bench/websocket.sh                          # ~5 min: 2 nodes, 12,000 connections, 30 s fan-out
#   CONNS=5000 DURATION=10 load-tests/bench/websocket.sh   # quick run
#   GATLING=1 load-tests/bench/websocket.sh                # also the Gatling WebSocketSimulation, cross-node
#
# It starts its own 2-node local cluster (./gateway cluster up 2, data in a temp folder) on
# 127.0.0.31-32 with its own Cassandra on 127.0.0.1:19442 (storage 19500), each node at -Xmx$NODE_HEAP
# (1g: the target is the connections within 1 GB of heap), and creates a WebSocket API through the
# apigatewayv2 management API: route "whoami" (MOCK, route response answering the caller's
# connectionId), stage "bench". Then:
#   1. connections: the client (WsBench.java, raw NIO, one thread) opens CONNS connections to node 1 at
#      CONNECT_RATE per second from several loopback source addresses and holds them; the heap of each
#      node after a full GC is read before and after (jcmd GC.run + GC.heap_info): heap per connection.
#   2. fan-out: the first FANOUT_IDS connections tell their connection ids; wrk sends pre-signed
#      (SigV4, execute-api) POST /bench/@connections/{id} to node 2 for DURATION s with FANOUT_CONNS
#      connections; the client counts the messages that reach the sockets on node 1: delivered/s.
#   3. reference, same run: the same wrk against a REST MOCK method on node 2 (requests/s), so the
#      @connections figure reads as a ratio to the gateway's cheapest request on this machine.
#   4. reference, same run: the same number of connections held by a bare Pekko HTTP WebSocket server
#      (NaivePekkoWs.java: accept, ignore input, nothing else), so the heap per connection reads as a
#      ratio to what Pekko HTTP itself costs.
# Limits of this machine: a process may hold at most `ulimit -Hn` file descriptors (20,000 here, and
# root cannot raise it), so one node cannot hold 50,000 sockets here; CONNS defaults to 12,000 (what fits
# -Xmx1g with room to spare) and the script prints the heap per connection and what 50,000 would take.
# Everything binds to loopback addresses; every wait is bounded; everything started here is stopped.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CONNS="${CONNS:-12000}"
CONNECT_RATE="${CONNECT_RATE:-1000}"
FANOUT_IDS="${FANOUT_IDS:-1000}"
FANOUT_CONNS="${FANOUT_CONNS:-64}"
DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-20}"
NODE_HEAP="${NODE_HEAP:-1g}"
SOURCES="${SOURCES:-127.0.0.101,127.0.0.102,127.0.0.103,127.0.0.104}"
REFERENCE_SOURCES="${REFERENCE_SOURCES:-127.0.0.111,127.0.0.112,127.0.0.113,127.0.0.114}"
REFERENCE_HOST="${REFERENCE_HOST:-127.0.0.41}"
STAGE=bench
REGION="${GATEWAY_REGION:-us-east-1}"
CREDENTIALS="${GATEWAY_CREDENTIALS:-test:test}"
export GATEWAY_CLUSTER_FIRST_HOST="${GATEWAY_CLUSTER_FIRST_HOST:-127.0.0.31}"
export GATEWAY_CASSANDRA_PORT="${GATEWAY_CASSANDRA_PORT:-19442}"
export GATEWAY_CASSANDRA_STORAGE_PORT="${GATEWAY_CASSANDRA_STORAGE_PORT:-19500}"
export GATEWAY_NODE_HEAP="$NODE_HEAP"
export GATEWAY_THROTTLE_ACCOUNT_RATE="${GATEWAY_THROTTLE_ACCOUNT_RATE:-1000000}"
export GATEWAY_THROTTLE_ACCOUNT_BURST="${GATEWAY_THROTTLE_ACCOUNT_BURST:-1000000}"
# AWS's 500 new connections per second would pace the connect phase; lifted like the account limit.
export GATEWAY_WEBSOCKET_NEW_CONNECTIONS_RATE="${GATEWAY_WEBSOCKET_NEW_CONNECTIONS_RATE:-100000}"
export GATEWAY_WEBSOCKET_NEW_CONNECTIONS_BURST="${GATEWAY_WEBSOCKET_NEW_CONNECTIONS_BURST:-100000}"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$ROOT/load-tests/results"
OUT="$ROOT/load-tests/results/websocket-$STAMP.txt"
WORK="$(mktemp -d /tmp/websocket-bench.XXXXXX)"
log() { echo "[websocket $(date -u +%H:%M:%S)] $*" | tee -a "$OUT" >&2; }

for t in wrk curl jq python3 jcmd; do
  command -v "$t" >/dev/null || { [[ $t == wrk && $EUID -eq 0 ]] && apt-get install -y wrk >/dev/null 2>&1; }
  command -v "$t" >/dev/null || { echo "needs $t" >&2; exit 1; }
done
FD_LIMIT="$(ulimit -Hn)"
if [[ "$FD_LIMIT" != unlimited ]] && ((CONNS + 500 > FD_LIMIT)); then
  echo "CONNS=$CONNS needs more file descriptors than this machine allows a process (ulimit -Hn = $FD_LIMIT)" >&2
  exit 2
fi
ulimit -n "$FD_LIMIT"

host_of() { # node k -> 127.0.0.(first+k-1)
  local base="${GATEWAY_CLUSTER_FIRST_HOST##*.}"
  echo "${GATEWAY_CLUSTER_FIRST_HOST%.*}.$((base + $1 - 1))"
}
N1="$(host_of 1)"
N2="$(host_of 2)"
MGMT="http://$N1:8081"
gw() { GATEWAY_DATA_DIR="$WORK/data" "$ROOT/gateway" "$@"; }
node_pid() { cat "$WORK/data/cluster/node-$1/pid"; }

HOLDER_PID=""
NAIVE_PID=""
cleanup() {
  local rc=$?
  set +e
  [[ -n "$NAIVE_PID" ]] && kill "$NAIVE_PID" 2>/dev/null
  if [[ -n "$HOLDER_PID" ]] && kill -0 "$HOLDER_PID" 2>/dev/null; then
    touch "$WORK/stop"; sleep 2; kill "$HOLDER_PID" 2>/dev/null
  fi
  log "stopping the cluster"
  gw cluster down >>"$OUT" 2>&1
  if [[ "${KEEP_WORK:-0}" == 1 ]]; then echo "[websocket] kept $WORK" >&2; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=load-tests/bench/lib.sh
source "$ROOT/load-tests/bench/lib.sh"
mgmt() { mgmt_at "$MGMT" "$@"; }

# Live heap after a full GC, in KB: the sum of GC.heap_info's "total ..., used NK" lines, i.e. G1's one heap line
# or every generation of Serial/Parallel (their first line is the young generation alone); Metaspace lines have no
# "total" and are left out.
live_heap_kb() { pid_live_heap_kb "$(node_pid "$1")"; }
pid_live_heap_kb() {
  jcmd "$1" GC.run >/dev/null
  sleep 1
  jcmd "$1" GC.heap_info | awk '/total [0-9]+K, used [0-9]+K/ && !/[Mm]etaspace|class space/ {
    match($0, /used [0-9]+K/); sum += substr($0, RSTART + 5, RLENGTH - 6) } END { print sum + 0 }'
}

wait_for() { # file pattern seconds
  local i
  for ((i = 0; i < $3 * 5; i++)); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  log "timed out after $3 s waiting for '$2' in $1"; tail -5 "$1" >&2; exit 1
}

received() { grep -oE 'received=[0-9]+' "$WORK/holder.txt" | tail -1 | cut -d= -f2; }

RESULT_LUA='done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d non2xx=%d sockerr=%d micros=%d p50=%.2f p99=%.2f\n", summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end'

run_wrk() { # name lua url seconds [lua args...] -> prints "ok/s non2xx sockerr p50 p99"
  local name="$1" lua="$2" url="$3" secs="$4"; shift 4
  wrk -t1 -c"$FANOUT_CONNS" -d"${secs}s" --timeout 5s -s "$lua" "$url" -- "$@" >"$WORK/$name.txt" 2>&1
  python3 - "$WORK/$name.txt" <<'EOF'
import re, sys
m = re.search(r"RESULT requests=(\d+) non2xx=(\d+) sockerr=(\d+) micros=(\d+) p50=([\d.]+) p99=([\d.]+)", open(sys.argv[1]).read())
r, n, e, us = (int(x) for x in m.groups()[:4])
print(f"{(r - n) / (us / 1e6):.0f} {n} {e} {m.group(5)} {m.group(6)} {r - n}")
EOF
}

# ---------------------------------------------------------------------------------------------
log "websocket benchmark $STAMP: $CONNS connections on node 1 ($N1), @connections from node 2 ($N2); output $OUT"
log "host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), file descriptors per process $FD_LIMIT"
log "starting the cluster (./gateway cluster up 2, -Xmx$NODE_HEAP per node, data in $WORK/data)"
gw cluster up 2 >>"$OUT" 2>&1 || { log "cluster did not start"; exit 1; }
log "checkout: $(git -C "$ROOT" log --oneline -1)"

# The WebSocket API: route "whoami" answers {"connectionId": ...} (MOCK + integration/route responses).
# The first write may meet a journal or shard that is still starting (503): a few tries.
API=""
for i in $(seq 1 10); do
  API="$(mgmt POST /v2/apis '{"name":"ws-bench","protocolType":"WEBSOCKET","routeSelectionExpression":"$request.body.action"}' \
    | jq -r .apiId)" && break
  sleep 3
done
[[ -n "$API" && "$API" != null ]] || { log "could not create the WebSocket API"; exit 1; }
INTEGRATION="$(mgmt POST "/v2/apis/$API/integrations" \
  '{"integrationType":"MOCK","requestTemplates":{"$default":"{\"statusCode\": 200}"},"templateSelectionExpression":"\\$default"}' \
  | jq -r .integrationId)"
mgmt POST "/v2/apis/$API/integrations/$INTEGRATION/integrationresponses" \
  '{"integrationResponseKey":"$default","responseTemplates":{"$default":"{\"connectionId\": \"$context.connectionId\"}"}}' >/dev/null
ROUTE="$(mgmt POST "/v2/apis/$API/routes" \
  "{\"routeKey\":\"whoami\",\"target\":\"integrations/$INTEGRATION\",\"routeResponseSelectionExpression\":\"\$default\"}" | jq -r .routeId)"
mgmt POST "/v2/apis/$API/routes/$ROUTE/routeresponses" '{"routeResponseKey":"$default"}' >/dev/null
mgmt POST "/v2/apis/$API/stages" "{\"stageName\":\"$STAGE\"}" >/dev/null
mgmt POST "/v2/apis/$API/deployments" "{\"stageName\":\"$STAGE\"}" >/dev/null

# The reference: a REST MOCK method (GET /t -> 200 "ok").
REST="$(create_mock_api ws-bench-reference false)"
for i in $(seq 1 100); do
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $REST.execute-api.localhost" "http://$N2:8080/$STAGE/t")"
  [[ "$code" == 200 ]] && break
  sleep 0.2
done
log "WebSocket API $API (route whoami, stage $STAGE) and reference REST API $REST created"

BASE1="$(live_heap_kb 1)"; BASE2="$(live_heap_kb 2)"
log "live heap after a full GC before connecting: node 1 $((BASE1 / 1024)) MB, node 2 $((BASE2 / 1024)) MB"

# ---- 1. connections ----
log "opening $CONNS connections to node 1 at $CONNECT_RATE/s from $SOURCES"
java -Xmx2g -XX:+UseSerialGC "$ROOT/load-tests/bench/WsBench.java" hold --target "$N1:8080" \
  --host "$API.execute-api.localhost" --stage "$STAGE" --count "$CONNS" --rate "$CONNECT_RATE" --in-flight 200 \
  --sources "$SOURCES" --ids "$FANOUT_IDS" --ids-file "$WORK/ids.txt" --seconds 1800 --stop-file "$WORK/stop" \
  >"$WORK/holder.txt" 2>&1 &
HOLDER_PID=$!
wait_for "$WORK/holder.txt" '^CONNECTED' $((CONNS / CONNECT_RATE + 120))
log "$(grep '^CONNECTED' "$WORK/holder.txt")"
wait_for "$WORK/holder.txt" '^IDS' 120
log "$(grep '^IDS' "$WORK/holder.txt")"
OPEN="$(grep '^CONNECTED' "$WORK/holder.txt" | grep -oE 'open=[0-9]+' | cut -d= -f2)"
sleep 5
HEAP1="$(live_heap_kb 1)"; HEAP2="$(live_heap_kb 2)"
RSS1="$(ps -o rss= -p "$(node_pid 1)" | tr -d ' ')"
python3 - "$OPEN" "$BASE1" "$HEAP1" "$BASE2" "$HEAP2" "$RSS1" "$NODE_HEAP" <<'EOF' | tee -a "$OUT"
import sys
n, b1, h1, b2, h2, rss = (int(x) for x in sys.argv[1:7])
per_socket_node = (h1 - b1) * 1024 / n
per_both = ((h1 - b1) + (h2 - b2)) * 1024 / n
print(f"  connections: {n:,} open on node 1; live heap node 1 {b1 / 1024:,.0f} -> {h1 / 1024:,.0f} MB,"
      f" node 2 {b2 / 1024:,.0f} -> {h2 / 1024:,.0f} MB (sessions are sharded over both); node 1 RSS {rss / 1024:,.0f} MB")
print(f"  connections: heap per connection {per_socket_node / 1024:.1f} KB on the socket's node,"
      f" {per_both / 1024:.1f} KB counting its session wherever it lives")
est = (b1 * 1024 + 50_000 * per_both) / 2**20
print(f"  connections: 50,000 on one node (its sessions included) would need ~{est:,.0f} MB of live heap;"
      f" target <= 1024 MB: {'MET (extrapolated)' if est <= 1024 else 'NOT MET (extrapolated)'}; held here with -Xmx{sys.argv[7]}")
EOF

# ---- 2. @connections fan-out from node 2 ----
java "$ROOT/load-tests/bench/WsBench.java" sign --ids-file "$WORK/ids.txt" --target-host "$N2:8080" --stage "$STAGE" \
  --key "${CREDENTIALS%%:*}" --secret "$(cut -d, -f1 <<<"$CREDENTIALS" | cut -d: -f2)" --region "$REGION" \
  --out "$WORK/requests.tsv" | tee -a "$OUT"
cat >"$WORK/fanout.lua" <<EOF
local reqs, n, i = {}, 0, 0
init = function(args)
  for line in io.lines(args[1]) do
    local path, date, auth, body = line:match("([^\t]+)\t([^\t]+)\t([^\t]+)\t(.+)")
    n = n + 1
    reqs[n] = wrk.format("POST", path, {["X-Amz-Date"] = date, ["Authorization"] = auth,
      ["Content-Type"] = "application/json"}, body)
  end
  i = math.random(n)
end
request = function()
  i = i % n + 1
  return reqs[i]
end
$RESULT_LUA
EOF
cat >"$WORK/rest.lua" <<EOF
wrk.headers["Host"] = "$REST.execute-api.localhost"
$RESULT_LUA
EOF
# The nodes are minutes old: on 2 cores the JIT compiles for a good while (C2 at ~60% of a core), and a cold
# @connections path measured at a third of its warm rate. Warm both paths first.
log "warm-up: $WARMUP s of each"
run_wrk warm-fanout "$WORK/fanout.lua" "http://$N2:8080/" "$WARMUP" "$WORK/requests.tsv" >/dev/null
run_wrk warm-rest "$WORK/rest.lua" "http://$N2:8080/$STAGE/t" "$WARMUP" >/dev/null
sleep 2
R0="$(received)"
log "@connections fan-out: wrk -c$FANOUT_CONNS for $DURATION s on node 2, to $FANOUT_IDS connections on node 1"
read -r F_RATE F_NON2XX F_ERR F_P50 F_P99 F_OK <<<"$(run_wrk fanout "$WORK/fanout.lua" "http://$N2:8080/" "$DURATION" "$WORK/requests.tsv")"
sleep 3
R1="$(received)"
log "reference: the same wrk on a REST MOCK method of node 2 for $DURATION s"
read -r REF_RATE REF_NON2XX _ REF_P50 REF_P99 _ <<<"$(run_wrk rest "$WORK/rest.lua" "http://$N2:8080/$STAGE/t" "$DURATION")"
python3 - "$F_RATE" "$F_NON2XX" "$F_ERR" "$F_P50" "$F_P99" "$F_OK" "$R0" "$R1" "$DURATION" "$REF_RATE" "$REF_NON2XX" "$REF_P50" "$REF_P99" <<'EOF' | tee -a "$OUT"
import sys
rate, non2xx, err = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
p50, p99, ok, r0, r1, secs = sys.argv[4], sys.argv[5], int(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8]), float(sys.argv[9])
ref, ref_non2xx, ref_p50, ref_p99 = float(sys.argv[10]), int(sys.argv[11]), sys.argv[12], sys.argv[13]
delivered = r1 - r0
print(f"  fan-out: POST @connections answered 200: {rate:,.0f}/s (non-2xx {non2xx}, socket errors {err}; p50 {p50} ms, p99 {p99} ms)")
print(f"  fan-out: messages delivered to the sockets: {delivered:,} of {ok:,} answered 200 -> {delivered / secs:,.0f} messages/s cross-node;"
      f" target >= 10,000/s: {'MET' if delivered / secs >= 10_000 else 'NOT MET'}")
print(f"  reference: REST MOCK GET on the same node {ref:,.0f} req/s (non-2xx {ref_non2xx}; p50 {ref_p50} ms, p99 {ref_p99} ms);"
      f" @connections POST / MOCK GET = {rate / ref:.2f}x")
EOF

if [[ "${GATLING:-0}" == 1 ]]; then
  log "Gatling WebSocketSimulation on both nodes (sockets on node k, @connections through the other)"
  mvn -B -q -f "$ROOT/load-tests/gatling/pom.xml" gatling:test -Dgatling.simulationClass=apigw.WebSocketSimulation \
    -DapiId="$API" -Dstage="$STAGE" -DbaseUrls="http://$N1:8080,http://$N2:8080" -Dusers="${GATLING_USERS:-200}" \
    -Dramp=10 -Dmessages=10 -Dposts=10 >"$WORK/gatling.txt" 2>&1 || log "Gatling: assertions failed or it did not run"
  grep -E '^SUMMARY|> KO' "$WORK/gatling.txt" | tee -a "$OUT"
fi

touch "$WORK/stop"
wait "$HOLDER_PID" || true
HOLDER_PID=""
log "client: $(grep '^DONE' "$WORK/holder.txt")"

# ---- 4. reference: the same connections held by a bare Pekko HTTP WebSocket server ----
log "reference: $OPEN connections held by a bare Pekko HTTP WebSocket server (NaivePekkoWs.java) on $REFERENCE_HOST:8090"
java -Xmx"$NODE_HEAP" -cp "$(cat "$ROOT/node/target/runtime-classpath.txt")" "$ROOT/load-tests/bench/NaivePekkoWs.java" \
  "$REFERENCE_HOST" 8090 >"$WORK/naive.txt" 2>&1 &
NAIVE_PID=$!
for i in $(seq 1 150); do curl -s -o /dev/null "http://$REFERENCE_HOST:8090/" && break; sleep 0.2; done
NBASE="$(pid_live_heap_kb "$NAIVE_PID")"
rm -f "$WORK/stop"
java -Xmx2g -XX:+UseSerialGC "$ROOT/load-tests/bench/WsBench.java" hold --target "$REFERENCE_HOST:8090" --host reference \
  --stage "$STAGE" --count "$OPEN" --rate "$CONNECT_RATE" --in-flight 200 --sources "$REFERENCE_SOURCES" --seconds 600 \
  --stop-file "$WORK/stop" >"$WORK/naive-holder.txt" 2>&1 &
HOLDER_PID=$!
wait_for "$WORK/naive-holder.txt" '^CONNECTED' $((OPEN / CONNECT_RATE + 120))
sleep 5
NHEAP="$(pid_live_heap_kb "$NAIVE_PID")"
NOPEN="$(grep '^CONNECTED' "$WORK/naive-holder.txt" | grep -oE 'open=[0-9]+' | cut -d= -f2)"
touch "$WORK/stop"; wait "$HOLDER_PID" || true; HOLDER_PID=""
kill "$NAIVE_PID"; wait "$NAIVE_PID" 2>/dev/null || true
python3 - "$OPEN" "$BASE1" "$HEAP1" "$NOPEN" "$NBASE" "$NHEAP" <<'EOF2' | tee -a "$OUT"
import sys
n, b1, h1, nn, nb, nh = (int(x) for x in sys.argv[1:7])
gw, ref = (h1 - b1) * 1024 / n, (nh - nb) * 1024 / nn
print(f"  reference: bare Pekko HTTP WebSocket server: {nn:,} connections, live heap {nb / 1024:,.0f} -> {nh / 1024:,.0f} MB,"
      f" {ref / 1024:.1f} KB per connection; the gateway's socket node: {gw / 1024:.1f} KB = {gw / ref:.2f}x of it;"
      f" 50,000 bare Pekko connections alone: ~{(nb * 1024 + 50_000 * ref) / 2**20:,.0f} MB")
EOF2
log "done; full output in $OUT"
