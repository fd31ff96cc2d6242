#!/usr/bin/env bash
# Abuse at the edge (security finding 3): does the data plane keep answering a well-behaved client while
#   (a) one client floods it with idle connections (FLOOD_CONNS from 127.0.0.2, reopening the ones closed at up to
#       REOPEN_PER_S a second),
#   (b) one client holds SLOW_CONNS connections that trickle a request head, a byte every SLOW_EVERY seconds
#       (from 127.0.0.3, reopening likewise), and
#   (c) one client reopens every closed connection as fast as it can (a connection-rate flood: no cap), and
#   (d) one client keeps BOMB_CONNS requests in flight to an API whose response template loops (3 nested #foreach
#       of 1,000 each, AWS's per-loop cap) until the render's time budget (GATEWAY_TEMPLATE_TIME_BUDGET, 1 s) stops
#       it with AWS's 500 answer?
# (a) and (b) are the attacks the per-client limit and the head deadline answer; (c) measures how fast the node
# accepts and closes refused connections (the client's new connection waits behind the attacker's in the accept
# queue); against floods from many sources, rate-limit new connections per source in front of the node (kernel
# SYN cookies, iptables hashlimit, a load balancer).
# The well-behaved client (127.0.0.1) opens a new connection per request (GET, MOCK API), one every
# CLIENT_INTERVAL_MS, 2 s timeout each; for a baseline without attack and for each attack the script prints its
# success rate and latency percentiles. Targets: >= 99% success and p99 < 100 ms during each attack.
#
#   load-tests/bench/abuse.sh                         # ~3 min with the node's start: 20 s per case
#   DURATION=10 load-tests/bench/abuse.sh
#
# It starts its own Cassandra and one gateway node (./gateway cassandra / ./gateway start, data in a temp
# folder) on loopback ports that default away from the standard ones (so it runs beside a developer's node), or
# uses a node that already answers GATEWAY_READY_URL when START_GATEWAY=auto|no. Every run is bounded; everything
# it starts it stops on exit; all traffic goes to loopback addresses.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION="${DURATION:-20}"
RAMP="${RAMP:-3}"                          # seconds the attack runs before the client measures
FLOOD_CONNS="${FLOOD_CONNS:-2000}"
SLOW_CONNS="${SLOW_CONNS:-400}"
SLOW_EVERY="${SLOW_EVERY:-20}"
REOPEN_PER_S="${REOPEN_PER_S:-100}"
BOMB_CONNS="${BOMB_CONNS:-4}"
CLIENT_INTERVAL_MS="${CLIENT_INTERVAL_MS:-20}"
START_GATEWAY="${START_GATEWAY:-yes}"      # yes | auto (reuse a ready node) | no
export GATEWAY_DATA_PORT="${GATEWAY_DATA_PORT:-18480}"
export GATEWAY_MANAGEMENT_PORT="${GATEWAY_MANAGEMENT_PORT:-18481}"
export GATEWAY_MANAGEMENT_HTTP_PORT="${GATEWAY_MANAGEMENT_HTTP_PORT:-18482}"
export GATEWAY_PROMETHEUS_PORT="${GATEWAY_PROMETHEUS_PORT:-18483}"
export GATEWAY_REMOTING_PORT="${GATEWAY_REMOTING_PORT:-18484}"
export GATEWAY_CASSANDRA_PORT="${GATEWAY_CASSANDRA_PORT:-18442}"
export GATEWAY_CASSANDRA_STORAGE_PORT="${GATEWAY_CASSANDRA_STORAGE_PORT:-18470}"
GATEWAY_READY_URL="${GATEWAY_READY_URL:-http://127.0.0.1:${GATEWAY_MANAGEMENT_HTTP_PORT}/ready}"
GATEWAY_WAIT="${GATEWAY_WAIT:-240}"
STAGE=bench
REGION="${GATEWAY_REGION:-us-east-1}"
CREDENTIALS="${GATEWAY_CREDENTIALS:-test:test}"
# The account-level throttle (10000 rps) is far above this client's rate; left as it is.

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$ROOT/load-tests/results"
OUT="$ROOT/load-tests/results/abuse-$STAMP.txt"
WORK="$(mktemp -d /tmp/abuse-bench.XXXXXX)"
log() { echo "[abuse] $*" | tee -a "$OUT" >&2; }
source "$ROOT/load-tests/bench/lib.sh"
mgmt() { mgmt_at "http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT" "$@"; }

for t in curl jq python3 ss; do command -v "$t" >/dev/null || { echo "needs $t" >&2; exit 1; }; done

PIDS_TO_STOP=()
cleanup() {
  local rc=$?
  set +e
  stop_started abuse
  if [[ "${KEEP_WORK:-0}" != 1 ]]; then rm -rf "$WORK"; else echo "[abuse] kept $WORK" >&2; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_in_use() { ss -ltnH "( sport = :$1 )" 2>/dev/null | grep -q .; }

start_gateway() {
  if [[ "$START_GATEWAY" != yes ]] && curl -sf -o /dev/null --max-time 2 "$GATEWAY_READY_URL"; then
    log "using the running gateway ($GATEWAY_READY_URL), not started by this script"; return
  fi
  [[ "$START_GATEWAY" == no ]] && { echo "no gateway answers $GATEWAY_READY_URL and START_GATEWAY=no" >&2; exit 1; }
  for p in "$GATEWAY_DATA_PORT" "$GATEWAY_MANAGEMENT_PORT" "$GATEWAY_MANAGEMENT_HTTP_PORT" "$GATEWAY_PROMETHEUS_PORT" \
      "$GATEWAY_REMOTING_PORT" "$GATEWAY_CASSANDRA_PORT" "$GATEWAY_CASSANDRA_STORAGE_PORT"; do
    port_in_use "$p" && { echo "port $p is in use; set the GATEWAY_*_PORT overrides" >&2; exit 1; }
  done
  local data_dir="$WORK/data" deadline=$((SECONDS + GATEWAY_WAIT))
  mkdir -p "$data_dir"
  log "starting Cassandra on 127.0.0.1:$GATEWAY_CASSANDRA_PORT (data in $data_dir)"
  (cd "$ROOT" && GATEWAY_DATA_DIR="$data_dir" exec ./gateway cassandra) >"$WORK/cassandra.log" 2>&1 &
  PIDS_TO_STOP+=("cassandra:$!")
  until grep -q "Cassandra ready on" "$WORK/cassandra.log"; do
    if ((SECONDS > deadline)) || ! kill -0 "${PIDS_TO_STOP[-1]##*:}" 2>/dev/null; then
      echo "Cassandra did not start:" >&2; tail -30 "$WORK/cassandra.log" >&2; exit 1
    fi
    sleep 1
  done
  log "starting the gateway: data plane 127.0.0.1:$GATEWAY_DATA_PORT"
  (cd "$ROOT" && GATEWAY_DATA_DIR="$data_dir" GATEWAY_BIND_HOST=127.0.0.1 \
    GATEWAY_CASSANDRA_CONTACT_POINTS="127.0.0.1:$GATEWAY_CASSANDRA_PORT" exec ./gateway start) >"$WORK/gateway.log" 2>&1 &
  PIDS_TO_STOP+=("gateway:$!")
  until curl -sf -o /dev/null --max-time 2 "$GATEWAY_READY_URL"; do
    if ((SECONDS > deadline)) || ! kill -0 "${PIDS_TO_STOP[-1]##*:}" 2>/dev/null; then
      echo "the gateway did not become ready:" >&2; tail -40 "$WORK/gateway.log" >&2; exit 1
    fi
    sleep 1
  done
  log "gateway ready"
}

# measure NAME: the well-behaved client for DURATION seconds; prints and records its figures.
measure() {
  local result
  result="$(python3 "$ROOT/load-tests/bench/abuse.py" client "$HOST" "$GATEWAY_DATA_PORT" "$DURATION" "$CLIENT_INTERVAL_MS")"
  python3 - "$1" "$result" <<'PY' | tee -a "$OUT"
import sys
name, fields = sys.argv[1], dict(kv.split("=") for kv in sys.argv[2].split())
ok, fail = int(fields["ok"]), int(fields["fail"])
rate = 100.0 * ok / max(1, ok + fail)
print(f"{name:<38} requests={ok + fail:>5}  success={rate:6.2f}%  p50={float(fields['p50_ms']):7.1f} ms"
      f"  p99={float(fields['p99_ms']):7.1f} ms  max={float(fields['max_ms']):7.1f} ms")
PY
}

# attack NAME CMD...: runs the attacker for RAMP + DURATION + 1 s and measures meanwhile.
attack() {
  local name="$1"; shift
  python3 "$ROOT/load-tests/bench/abuse.py" "$@" >"$WORK/attacker.out" 2>&1 &
  local pid=$!
  PIDS_TO_STOP+=("attacker:$pid")
  sleep "$RAMP"
  measure "$name"
  wait "$pid" || true
  log "  attacker: $(cat "$WORK/attacker.out")"
}

start_gateway
API="$(create_mock_api abuse false)"
HOST="$API.execute-api.localhost"
for _ in $(seq 1 100); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $HOST" "http://127.0.0.1:$GATEWAY_DATA_PORT/bench/t")" == 200 ]] && break
  sleep 0.2
done
# The template bomb: GET /t of a second API whose integration response template would loop 10^9 times.
BOMB_API="$(create_mock_api abuse-bomb false)"
BOMB_RID="$(mgmt GET "/restapis/$BOMB_API/resources" | jq -r '(.items // .item // [])[] | select(.path=="/t") | .id')"
mgmt PUT "/restapis/$BOMB_API/resources/$BOMB_RID/methods/GET/integration/responses/200" "$(jq -cn \
  --arg t '#foreach($i in [1..1000])#foreach($j in [1..1000])#foreach($k in [1..1000])#set($x = $k)#end#end#end done' \
  '{responseTemplates: {"application/json": $t}}')" >/dev/null
mgmt POST "/restapis/$BOMB_API/deployments" "{\"stageName\":\"$STAGE\"}" >/dev/null
BOMB_HOST="$BOMB_API.execute-api.localhost"
for _ in $(seq 1 100); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $BOMB_HOST" "http://127.0.0.1:$GATEWAY_DATA_PORT/bench/t")" == 500 ]] && break
  sleep 0.2
done
log "API $API deployed, template bomb API $BOMB_API deployed (answers $(curl -s -w ' %{http_code} after %{time_total} s' \
  -H "Host: $BOMB_HOST" "http://127.0.0.1:$GATEWAY_DATA_PORT/bench/t")); warming up for 10 s"
python3 "$ROOT/load-tests/bench/abuse.py" client "$HOST" "$GATEWAY_DATA_PORT" 10 5 >/dev/null

log "well-behaved client: a new connection per GET every ${CLIENT_INTERVAL_MS} ms from 127.0.0.1, ${DURATION} s per case"
measure "baseline (no attack)"
attack "(a) connection flood ($FLOOD_CONNS idle)" flood "$GATEWAY_DATA_PORT" $((RAMP + DURATION + 1)) "$FLOOD_CONNS" \
  127.0.0.2 "$REOPEN_PER_S"
attack "(b) slow headers ($SLOW_CONNS, 1 B/${SLOW_EVERY}s)" slow "$GATEWAY_DATA_PORT" $((RAMP + DURATION + 1)) \
  "$SLOW_CONNS" 127.0.0.3 "$REOPEN_PER_S" "$SLOW_EVERY" "$HOST"
attack "(c) reconnect flood (no cap)" flood "$GATEWAY_DATA_PORT" $((RAMP + DURATION + 1)) "$FLOOD_CONNS" 127.0.0.2 0
attack "(d) template bomb ($BOMB_CONNS in flight)" bomb "$GATEWAY_DATA_PORT" $((RAMP + DURATION + 1)) "$BOMB_CONNS" \
  "$BOMB_HOST" /bench/t
measure "after the attacks"
log "results in $OUT"
