#!/usr/bin/env bash
# Cassandra briefly unavailable (issue 7): a 2-node local cluster serves steady data-plane traffic while its
# Cassandra goes away for OUTAGE seconds and comes back. Measures what clients see: data-plane answers during the
# outage, management writes (status, error type, latency) during it, how long after Cassandra is back the first
# write succeeds; then checks that nothing written before the outage was lost. See load-tests/README.md.
#
#   load-tests/bench/cassandra-outage.sh                     # ~3-4 min: cluster start, 10 s + OUTAGE + 10 s of load, checks
#   MODE=pause OUTAGE=30 load-tests/bench/cassandra-outage.sh
#
# MODE: kill  - SIGKILL of Cassandra's JVM (a crash; connections reset, the port refuses), then
#               ./gateway cluster cassandra start (default)
#       stop  - ./gateway cluster cassandra stop (SIGTERM: Cassandra drains and exits), then start
#       pause - SIGSTOP of Cassandra's JVM (it hangs: connections stay open, nothing answers), then SIGCONT
# Everything binds to loopback addresses; every wait is bounded; everything started here is stopped on exit.
set -euo pipefail
shopt -s inherit_errexit # a failed management call inside $(...) stops the run too

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODE="${MODE:-kill}"
OUTAGE="${OUTAGE:-20}"          # seconds between stopping Cassandra and starting it again
BEFORE="${BEFORE:-10}"          # seconds of load before the outage
AFTER="${AFTER:-10}"            # seconds of load after the first successful write
RATE="${RATE:-40}"              # data-plane requests per second, over every node and API
WRITE_EVERY="${WRITE_EVERY:-2}" # seconds between management calls during the outage
RECOVERY_WAIT="${RECOVERY_WAIT:-120}" # longest wait for a successful write once Cassandra is back
STAGE=bench
BACKEND_PORT="${BACKEND_PORT:-18291}"
REGION="${GATEWAY_REGION:-us-east-1}"
CREDENTIALS="${GATEWAY_CREDENTIALS:-test:test}"
# Own addresses and Cassandra ports (scenario.sh uses 127.0.0.11.. and 19642), so that neither a gateway on
# 127.0.0.1 nor another benchmark gets in the way; override to taste.
export GATEWAY_CLUSTER_FIRST_HOST="${GATEWAY_CLUSTER_FIRST_HOST:-127.0.0.21}"
export GATEWAY_CASSANDRA_PORT="${GATEWAY_CASSANDRA_PORT:-19842}"
export GATEWAY_CASSANDRA_STORAGE_PORT="${GATEWAY_CASSANDRA_STORAGE_PORT:-19900}"
export GATEWAY_THROTTLE_ACCOUNT_RATE="${GATEWAY_THROTTLE_ACCOUNT_RATE:-1000000}"
export GATEWAY_THROTTLE_ACCOUNT_BURST="${GATEWAY_THROTTLE_ACCOUNT_BURST:-1000000}"
DATA_PORT="${GATEWAY_DATA_PORT:-8080}"
MGMT_PORT="${GATEWAY_MANAGEMENT_PORT:-8081}"
HEALTH_PORT="${GATEWAY_MANAGEMENT_HTTP_PORT:-8558}"
NODES=2

case "$MODE" in kill|stop|pause) ;; *) echo "MODE=$MODE (expected: kill, stop or pause)" >&2; exit 2 ;; esac
((OUTAGE > 0 && BEFORE > 0 && AFTER > 0 && RATE > 0 && WRITE_EVERY > 0)) || { echo "OUTAGE, BEFORE, AFTER, RATE, WRITE_EVERY must be > 0" >&2; exit 2; }

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$ROOT/load-tests/results"
OUT="$ROOT/load-tests/results/cassandra-outage-$STAMP.txt"
WORK="$(mktemp -d /tmp/cassandra-outage.XXXXXX)"
chmod 0755 "$WORK"
log() { echo "[outage $(date -u +%H:%M:%S)] $*" | tee -a "$OUT" >&2; }
now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }

for t in curl jq python3; do
  command -v "$t" >/dev/null || { echo "needs $t (apt-get install -y curl jq python3)" >&2; exit 1; }
done
NGINX="$(command -v nginx || { [[ -x /usr/sbin/nginx ]] && echo /usr/sbin/nginx; } || true)"

host_of() { # node k -> 127.0.0.(first+k-1)
  local base="${GATEWAY_CLUSTER_FIRST_HOST##*.}"
  echo "${GATEWAY_CLUSTER_FIRST_HOST%.*}.$((base + $1 - 1))"
}
gw() { GATEWAY_DATA_DIR="$WORK/data" "$ROOT/gateway" "$@"; }
cassandra_launcher() { cat "$WORK/data/cluster/cassandra.pid" 2>/dev/null || true; }

NGINX_PID=""
LOAD_PID=""
PAUSED=""
cleanup() {
  local rc=$?
  set +e
  # A paused Cassandra would ignore the launcher's SIGTERM and outlive it.
  [[ -n "$PAUSED" ]] && kill -CONT "$PAUSED" 2>/dev/null
  if [[ -n "$LOAD_PID" ]]; then
    touch "$WORK/stop-load"
    wait "$LOAD_PID" 2>/dev/null
  fi
  if [[ -f "$WORK/data/cluster/cluster.env" ]]; then
    log "stopping the cluster"
    gw cluster down >>"$OUT" 2>&1
  fi
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -TERM "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null
  fi
  if [[ "${KEEP_WORK:-0}" == 1 ]]; then echo "[outage] kept $WORK" >&2; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- management API (SigV4-signed curl) through node 1 ---------------------------------------------
# shellcheck source=load-tests/bench/lib.sh
source "$ROOT/load-tests/bench/lib.sh"
mgmt() { mgmt_at "http://$(host_of 1):$MGMT_PORT" "$@"; }
timed() { # label method path [json] -> one line: label status seconds error-type id-or-message
  local label="$1" hdr body out status secs type detail
  hdr="$(mktemp "$WORK/timed.XXXXXX")"; body="$(mktemp "$WORK/timed.XXXXXX")" # calls run concurrently
  local args=(-s -o "$body" -D "$hdr" -w '%{http_code} %{time_total}' --max-time 30 --aws-sigv4 "aws:amz:$REGION:apigateway"
    --user "${CREDENTIALS%%,*}" -X "$2" -H 'Content-Type: application/json')
  [[ -n "${4:-}" ]] && args+=(-d "$4")
  out="$(curl "${args[@]}" "http://$(host_of 1):$MGMT_PORT$3" || true)"
  status="${out%% *}"; secs="${out##* }"
  type="$(tr -d '\r' <"$hdr" | sed -n 's/^[xX]-[aA]mzn-[eE]rror[tT]ype: *//p' | head -1)"
  detail="$(jq -r '.id // .message // empty' "$body" 2>/dev/null | head -c 120 || true)"
  [[ -z "$detail" ]] && detail="$(head -c 120 "$body" | tr '\n' ' ')"
  rm -f "$hdr" "$body"
  echo "$label ${status:-000} ${secs:-0} ${type:--} $detail"
}
items() { jq -c '(.items // .item // [])'; }
root_resource() { mgmt GET "/restapis/$1/resources" | items | jq -r '.[] | select(.path=="/") | .id'; }

create_proxy_api() { # -> api id: GET /t -> http://127.0.0.1:$BACKEND_PORT/t (HTTP_PROXY)
  local api root rid
  api="$(mgmt POST /restapis '{"name":"outage-http-proxy"}' | jq -r .id)"
  root="$(root_resource "$api")"
  rid="$(mgmt POST "/restapis/$api/resources/$root" '{"pathPart":"t"}' | jq -r .id)"
  mgmt PUT "/restapis/$api/resources/$rid/methods/GET" '{"authorizationType":"NONE"}' >/dev/null
  mgmt PUT "/restapis/$api/resources/$rid/methods/GET/integration" \
    "{\"type\":\"HTTP_PROXY\",\"httpMethod\":\"GET\",\"uri\":\"http://127.0.0.1:$BACKEND_PORT/t\"}" >/dev/null
  mgmt POST "/restapis/$api/deployments" "{\"stageName\":\"$STAGE\"}" | jq -r .id >"$WORK/deployments-$api"
  echo "$api"
}


status_of() { # node api [key] -> HTTP status of GET /$STAGE/t
  curl -s -o /dev/null -m 5 -w '%{http_code}' -H "Host: $2.execute-api.localhost" ${3:+-H "x-api-key: $3"} \
    "http://$(host_of "$1"):$DATA_PORT/$STAGE/t" || true
}
await_status() { # node api want [key]
  local i code=""
  for i in $(seq 1 100); do
    code="$(status_of "$1" "$2" "${4:-}")"
    [[ "$code" == "$3" ]] && return 0
    sleep 0.2
  done
  log "node $1 never answered $3 for $2 (last status $code)"; return 1
}

# ---- the data-plane load: python3, RATE requests/s round-robin over every node x API, one line per request ----
cat >"$WORK/load.py" <<'PY'
import http.client, os, sys, threading, time
rate, limit, targets_file, out_file, stop_file = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
targets = [line.split() for line in open(targets_file) if line.strip()]  # host port path host-header [api-key]
WORKERS = 4
lock = threading.Lock()
out = open(out_file, "w", buffering=1)
end = time.time() + limit
def worker(w):
    conns, interval = {}, WORKERS / rate
    next_at, i = time.time() + w / rate, w
    while time.time() < end and not os.path.exists(stop_file):
        now = time.time()
        if next_at > now:
            time.sleep(next_at - now)
        next_at = max(next_at + interval, time.time() - 1)  # a slow answer delays at most one second's worth
        t = i % len(targets); i += WORKERS
        host, port, path, host_header = targets[t][:4]
        headers = {"Host": host_header}
        if len(targets[t]) > 4:
            headers["x-api-key"] = targets[t][4]
        started, status = time.time(), 0
        try:
            c = conns.get(t) or http.client.HTTPConnection(host, int(port), timeout=5)
            conns[t] = c
            c.request("GET", path, headers=headers)
            r = c.getresponse(); r.read(); status = r.status
        except Exception:
            c = conns.pop(t, None)
            if c: c.close()
        with lock:
            out.write(f"{started:.3f} {t} {status} {(time.time() - started) * 1000:.1f}\n")
threads = [threading.Thread(target=worker, args=(w,)) for w in range(WORKERS)]
for th in threads: th.start()
for th in threads: th.join()
PY

# ---- run -----------------------------------------------------------------------------------------
log "cassandra-outage $STAMP: $NODES nodes from $GATEWAY_CLUSTER_FIRST_HOST, Cassandra 127.0.0.1:$GATEWAY_CASSANDRA_PORT;" \
  "MODE=$MODE OUTAGE=$OUTAGE s, load $RATE req/s ($BEFORE s before, $AFTER s after); output $OUT"
log "host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); checkout $(git -C "$ROOT" log --oneline -1)"
log "starting the cluster (./gateway cluster up $NODES, data in $WORK/data)"
t0=$SECONDS
gw cluster up "$NODES" >>"$OUT" 2>&1 || { log "the cluster did not start (see $OUT)"; exit 1; }
log "cluster Up after $((SECONDS - t0)) s"

MOCK_API="$(create_mock_api outage-mock false)"
KEYED_API="$(create_mock_api outage-keyed true)"
KEY_JSON="$(mgmt POST /apikeys '{"name":"outage-before","enabled":true}')"
KEY_ID="$(jq -r .id <<<"$KEY_JSON")"; KEY="$(jq -r .value <<<"$KEY_JSON")"
# A quota far above what the run sends: every keyed request is counted by a usage counter (journaled).
PLAN="$(mgmt POST /usageplans "{\"name\":\"outage\",\"apiStages\":[{\"apiId\":\"$KEYED_API\",\"stage\":\"$STAGE\"}],\"quota\":{\"limit\":10000000,\"period\":\"DAY\"}}" | jq -r .id)"
mgmt POST "/usageplans/$PLAN/keys" "{\"keyId\":\"$KEY_ID\",\"keyType\":\"API_KEY\"}" >/dev/null
APIS=("$MOCK_API" "$KEYED_API")
PROXY_API=""
if [[ -n "$NGINX" ]]; then
  start_ok_backend
  PROXY_API="$(create_proxy_api)"; APIS+=("$PROXY_API")
else
  log "no nginx: no HTTP_PROXY API in this run"
fi
: >"$WORK/targets"
for k in $(seq 1 "$NODES"); do
  await_status "$k" "$MOCK_API" 200; await_status "$k" "$KEYED_API" 200 "$KEY"
  echo "$(host_of "$k") $DATA_PORT /$STAGE/t $MOCK_API.execute-api.localhost" >>"$WORK/targets"
  echo "$(host_of "$k") $DATA_PORT /$STAGE/t $KEYED_API.execute-api.localhost $KEY" >>"$WORK/targets"
  if [[ -n "$PROXY_API" ]]; then
    await_status "$k" "$PROXY_API" 200
    echo "$(host_of "$k") $DATA_PORT /$STAGE/t $PROXY_API.execute-api.localhost" >>"$WORK/targets"
  fi
done
log "created before the outage: MOCK API $MOCK_API, keyed MOCK API $KEYED_API (usage plan $PLAN with quota, key $KEY_ID)" \
  "${PROXY_API:+, HTTP_PROXY API $PROXY_API}; deployments: $(cat "$WORK"/deployments-* | paste -sd' '); every node answers 200"

python3 "$WORK/load.py" "$RATE" $((BEFORE + OUTAGE + RECOVERY_WAIT + AFTER + 120)) "$WORK/targets" "$WORK/load.log" "$WORK/stop-load" &
LOAD_PID=$!
sleep "$BEFORE"

# Writes in flight when Cassandra goes away: INFLIGHT create-deployments (stages inflight-i), 40 ms apart, the
# first ones sent just before the stop command, the others while it starts.
INFLIGHT="${INFLIGHT:-6}"
INFLIGHT_PIDS=()
(
  for i in $(seq 1 "$INFLIGHT"); do
    ( timed "inflight-$i" POST "/restapis/$MOCK_API/deployments" "{\"stageName\":\"inflight-$i\"}" >"$WORK/inflight-$i" ) &
    sleep 0.04
  done
  wait
) &
INFLIGHT_PIDS+=($!)
sleep 0.1
STOP_AT="$(now)"
case "$MODE" in
  kill) gw cluster cassandra stop --kill >>"$OUT" 2>&1 ;;
  stop) gw cluster cassandra stop >>"$OUT" 2>&1 ;;
  pause)
    PAUSED="$(pgrep -P "$(cassandra_launcher)" | head -1)"
    [[ -n "$PAUSED" ]] || { log "no Cassandra JVM under launcher $(cassandra_launcher)"; exit 1; }
    kill -STOP "$PAUSED"
    ;;
esac
log "Cassandra stopped (MODE=$MODE, $(since "$STOP_AT") s for the command); management calls every $WRITE_EVERY s for $OUTAGE s"

# During the outage: writes in rotation, one read (in the background: a read that needs a stopped entity waits for
# the ask timeout), and every node's /ready.
: >"$WORK/outage-calls"; : >"$WORK/ready"
READ_PIDS=()
round=0
while [[ "$(since "$STOP_AT" | cut -d. -f1)" -lt "$OUTAGE" ]]; do
  round=$((round + 1))
  case $((round % 3)) in
    1) call="$(timed create-rest-api POST /restapis "{\"name\":\"during-$round\"}")" ;;
    2) call="$(timed create-deployment POST "/restapis/$MOCK_API/deployments" "{\"stageName\":\"during-$round\"}")" ;;
    0) call="$(timed create-api-key POST /apikeys "{\"name\":\"during-$round\",\"enabled\":true}")" ;;
  esac
  echo "$(since "$STOP_AT") $call" | tee -a "$WORK/outage-calls" >>"$OUT"
  ( at="$(since "$STOP_AT")"; echo "$at $(timed get-rest-api GET "/restapis/$MOCK_API")" >"$WORK/read-$round" ) &
  READ_PIDS+=($!)
  for k in $(seq 1 "$NODES"); do
    echo "$k $(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://$(host_of "$k"):$HEALTH_PORT/ready" || true)" >>"$WORK/ready"
  done
  sleep "$WRITE_EVERY"
done
wait "${INFLIGHT_PIDS[@]}" "${READ_PIDS[@]}" || true
for f in "$WORK"/read-*; do cat "$f"; done | tee -a "$WORK/outage-calls" >>"$OUT"
cat "$WORK"/inflight-* >"$WORK/inflight"
log "writes in flight at the stop (create-deployment, stage inflight-i):"
while read -r line; do log "  $line"; done <"$WORK/inflight"

log "starting Cassandra again"
case "$MODE" in
  kill|stop) gw cluster cassandra start >>"$OUT" 2>&1 || { log "Cassandra did not start again (see $OUT)"; exit 1; } ;;
  pause) kill -CONT "$PAUSED"; PAUSED="" ;;
esac
BACK_AT="$(now)"
log "Cassandra back after $(python3 -c "print(f'{$BACK_AT - $STOP_AT:.1f}')") s (answering CQL again); writing until a write succeeds"

FIRST_OK=""
attempt=0
while [[ -z "$FIRST_OK" && "$(since "$BACK_AT" | cut -d. -f1)" -lt "$RECOVERY_WAIT" ]]; do
  attempt=$((attempt + 1))
  call="$(timed create-rest-api POST /restapis "{\"name\":\"after-$attempt\"}")"
  echo "$(since "$BACK_AT") $call" | tee -a "$WORK/recovery-calls" >>"$OUT"
  if [[ "$(cut -d' ' -f2 <<<"$call")" == 201 ]]; then
    FIRST_OK="$(since "$BACK_AT")"
    AFTER_API="$(cut -d' ' -f5 <<<"$call")"
  else
    sleep 0.5
  fi
done
[[ -n "$FIRST_OK" ]] || { log "no write succeeded within $RECOVERY_WAIT s after Cassandra came back"; }
if [[ -n "$FIRST_OK" ]]; then
  log "first successful write $FIRST_OK s after Cassandra came back (attempt $attempt)"
  # More of what was refused during the outage, now that it works: a deployment and an API key.
  AFTER_DEPLOYMENT="$(mgmt POST "/restapis/$MOCK_API/deployments" "{\"stageName\":\"$STAGE\"}" | jq -r .id)" || AFTER_DEPLOYMENT=""
  echo "$AFTER_DEPLOYMENT" >>"$WORK/deployments-$MOCK_API"
  AFTER_KEY_ID="$(mgmt POST /apikeys '{"name":"outage-after","enabled":true}' | jq -r .id)" || AFTER_KEY_ID=""
  log "created after the outage: REST API $AFTER_API, deployment $AFTER_DEPLOYMENT of $MOCK_API, API key $AFTER_KEY_ID"
fi
sleep "$AFTER"
touch "$WORK/stop-load"; wait "$LOAD_PID" || true; LOAD_PID=""

# ---- configuration check through node 2 (node 1 took every write) ---------------------------------------
MGMT_CHECK_NODE=2
lost=0
check() { # description expected actual
  if [[ "$2" == "$3" ]]; then log "  ok: $1 ($3)"; else log "  LOST OR CHANGED: $1: expected $2, got $3"; lost=$((lost + 1)); fi
}
mgmt2() { local h; h="$(host_of "$MGMT_CHECK_NODE")"; curl -sS --fail-with-body --max-time 30 --aws-sigv4 "aws:amz:$REGION:apigateway" \
  --user "${CREDENTIALS%%,*}" "http://$h:$MGMT_PORT$1"; }
log "configuration as node $MGMT_CHECK_NODE lists it:"
all_apis="$(mgmt2 '/restapis?limit=500' | items)" || all_apis="[]"
for api in "${APIS[@]}" ${AFTER_API:+"$AFTER_API"}; do
  check "REST API $api listed" yes "$(jq -r --arg id "$api" 'if any(.[]; .id == $id) then "yes" else "no" end' <<<"$all_apis")"
done
for api in "${APIS[@]}"; do
  d="$(mgmt2 "/restapis/$api/deployments?limit=500" | items | jq -r '[.[].id] | join(" ")')" || d="(call failed)"
  for want in $(cat "$WORK/deployments-$api"); do
    check "deployment $want of $api" yes "$([[ " $d " == *" $want "* ]] && echo yes || echo no)"
  done
  s="$(mgmt2 "/restapis/$api/stages" | jq -r --arg s "$STAGE" '[(.item // .items // [])[] | select(.stageName == $s) | .deploymentId] | join(",")')" || s="(call failed)"
  check "stage $STAGE of $api" "$(tail -1 "$WORK/deployments-$api")" "$s"
done
keys="$(mgmt2 '/apikeys?limit=500&includeValues=true' | items)" || keys="[]"
check "API key $KEY_ID (value, enabled)" "$KEY:true" "$(jq -r --arg id "$KEY_ID" '.[] | select(.id == $id) | "\(.value):\(.enabled)"' <<<"$keys")"
[[ -n "${AFTER_KEY_ID:-}" ]] && check "API key $AFTER_KEY_ID (after)" yes "$(jq -r --arg id "$AFTER_KEY_ID" 'if any(.[]; .id == $id) then "yes" else "no" end' <<<"$keys")"
pk="$(mgmt2 "/usageplans/$PLAN/keys" | items | jq -r '[.[].id] | join(",")')" || pk="(call failed)"
check "keys of usage plan $PLAN" "$KEY_ID" "$pk"
for k in $(seq 1 "$NODES"); do
  check "node $k serves $MOCK_API" 200 "$(status_of "$k" "$MOCK_API")"
  check "node $k serves $KEYED_API with the key" 200 "$(status_of "$k" "$KEYED_API" "$KEY")"
done
# What the outage's refused writes left behind (a 503 promises nothing was done, except for a write already in flight).
during_apis="$(jq -r '[.[] | select(.name | startswith("during-"))] | length' <<<"$all_apis")"
during_keys="$(jq -r '[.[] | select(.name | startswith("during-"))] | length' <<<"$keys")"
stages="$(mgmt2 "/restapis/$MOCK_API/stages")" || stages='{"item":[]}'
during_stages="$(jq -r '[(.item // .items // [])[] | select(.stageName | startswith("during-"))] | length' <<<"$stages")"
log "left behind by calls answered 503 during the outage: REST APIs named during-*: $during_apis, API keys during-*: $during_keys," \
  "stages during-*: $during_stages"
# An in-flight write that answered 201 must be there; one that answered 503 may or may not have been done.
: >"$WORK/inflight-present"
while read -r label status secs type id; do
  present="$(jq -r --arg s "$label" 'if any((.item // .items // [])[]; .stageName == $s) then "yes" else "no" end' <<<"$stages")"
  echo "$label $status $present" >>"$WORK/inflight-present"
  if [[ "$status" == 201 ]]; then check "$label (answered 201 in flight) stored" yes "$present"; else log "  $label answered $status: stage stored: $present"; fi
done <"$WORK/inflight"
gw cluster status >>"$OUT" 2>&1 || true
for k in $(seq 1 "$NODES"); do
  { echo "--- node $k: journal health and failures (grep)"
    grep -E "JournalHealth|AwsErrors|ERROR" "$WORK/data/cluster/node-$k/node.log" | grep -v "^\s*at " | cut -c1-300 | tail -40; } >>"$OUT"
done

# ---- summary -----------------------------------------------------------------------------------------
python3 - "$WORK" "$STOP_AT" "$BACK_AT" "${FIRST_OK:--}" "$lost" "$MODE" "$NODES" <<'PY' | tee -a "$OUT"
import datetime, os, re, sys
work, stop_at, back_at, first_ok, lost, mode, nodes = sys.argv[1:8]
stop_at, back_at = float(stop_at), float(back_at)
# Each node's journal health probe: when it saw the journal go and come back (node logs are in UTC, like this script).
day = datetime.datetime.fromtimestamp(stop_at, datetime.timezone.utc).date()
def at(hms):
    t = datetime.datetime.combine(day, datetime.time.fromisoformat(hms), datetime.timezone.utc).timestamp()
    return t + 86400 if t < stop_at - 3600 else t
for k in range(1, int(nodes) + 1):
    down = up = None
    for line in open(os.path.join(work, "data", "cluster", f"node-{k}", "node.log"), errors="replace"):
        m = re.match(r"(\d\d:\d\d:\d\d\.\d+) .*JournalHealth - The journal (does not answer \(|answers again)", line)
        if m and at(m.group(1)) >= stop_at - 1:
            if m.group(2).startswith("does") and down is None:
                down = at(m.group(1)) - stop_at
            elif m.group(2).startswith("answers"):
                up = at(m.group(1)) - back_at
    print(f"node {k}: journal unavailable {down if down is None else f'{down:.1f} s'} after the stop, "
          f"available again {up if up is None else f'{up:.1f} s'} after Cassandra was back")
targets = [l.split() for l in open(os.path.join(work, "targets"))]
phases = {"before": [], "outage": [], "after": []}
for line in open(os.path.join(work, "load.log")):
    t, idx, status, ms = line.split()
    t = float(t)
    phase = "before" if t < stop_at else "outage" if t < back_at else "after"
    phases[phase].append((int(idx), int(status), float(ms)))
def stats(rows):
    ok = sum(1 for _, s, _ in rows if s == 200)
    lat = sorted(ms for _, _, ms in rows)
    p99 = lat[int(0.99 * (len(lat) - 1))] if lat else 0
    return ok, len(rows) - ok, p99, (lat[-1] if lat else 0)
for name, rows in phases.items():
    ok, failed, p99, mx = stats(rows)
    statuses = {}
    for _, s, _ in rows:
        statuses[s] = statuses.get(s, 0) + 1
    keyed = [r for r in rows if len(targets[r[0]]) > 4]
    kok, kfailed, kp99, kmx = stats(keyed)
    print(f"data plane {name}: {ok} ok / {failed} failed (statuses {dict(sorted(statuses.items()))}); "
          f"p99 {p99:.0f} ms, max {mx:.0f} ms; keyed requests {kok} ok / {kfailed} failed, max {kmx:.0f} ms")
calls = [l.split(None, 5) for l in open(os.path.join(work, "outage-calls"))]
writes = [c for c in calls if c[1] != "get-rest-api"]
reads = [c for c in calls if c[1] == "get-rest-api"]
def summarize(rows):
    by = {}
    for c in rows:
        key = f"{c[2]} {c[4]}"
        by[key] = by.get(key, 0) + 1
    return ", ".join(f"{n} x {k}" for k, n in sorted(by.items()))
w503 = [c for c in writes if c[2] == "503"]
max_w = max((float(c[3]) for c in writes), default=0)
max_w_after_first = max((float(c[3]) for c in writes[1:]), default=0)
ready = [l.split() for l in open(os.path.join(work, "ready"))]
not_ready = sum(1 for _, code in ready if code != "200")
inflight = [l.split() for l in open(os.path.join(work, "inflight-present"))]
print(f"management writes during the outage: {summarize(writes)}; latency max {max_w:.2f} s (without the first: {max_w_after_first:.2f} s)")
print(f"management reads during the outage (get-rest-api): {summarize(reads)}; latency max {max((float(c[3]) for c in reads), default=0):.2f} s")
print(f"/ready during the outage: {len(ready) - not_ready} x 200, {not_ready} x other")
print("writes in flight at the stop: " + ", ".join(f"{label} {status} (stored: {present})" for label, status, present in inflight))
o_ok, o_failed, _, o_max = stats(phases["outage"])
print(f"SUMMARY data-plane: {o_ok} ok / {o_failed} failed during outage (MODE={mode}, {back_at - stop_at:.1f} s from stop to Cassandra back, max latency {o_max / 1000:.2f} s); "
      f"management writes during outage: {len(w503)} x 503 of {len(writes)} (max latency {max_w:.2f} s, after the first {max_w_after_first:.2f} s); "
      f"first write ok {first_ok} s after Cassandra returned; config lost: {lost}")
PY
log "done; full output in $OUT"
[[ -n "$FIRST_OK" && "$lost" == 0 ]]
