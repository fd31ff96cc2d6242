#!/usr/bin/env bash
# Scale-out and failure under load (issue 7): a 3-node local cluster serves an HTTP_PROXY API while
# a 4th node joins, node 2 leaves gracefully and node 3 is killed (SIGKILL); then it checks that no
# configuration was lost. See load-tests/README.md.
#
#   load-tests/bench/scenario.sh                       # ~4-6 min (cluster start ~1.5 min, 60 s load, checks, stop)
#   DURATION=40 ADD_AT=5 STOP_AT=15 KILL_AT=25 load-tests/bench/scenario.sh
#
# Timeline (seconds after the load starts): ADD_AT ./gateway cluster add (node 4; it gets load once
# it is Up), STOP_AT ./gateway cluster stop 2 (SIGTERM), KILL_AT ./gateway cluster stop 3 --kill.
# Load: one wrk per node (-t1 -cCONNS, paced with a Lua delay() of DELAY_MS per request and
# connection) on GET /{stage}/ok of the HTTP_PROXY API, with a Lua response() counter by status.
# The wrk of a stopped node is interrupted (SIGINT, it still reports) as soon as the node's process
# has ended, the way a load balancer drops a dead target: what failed there was in flight.
# Everything binds to loopback addresses; every wait is bounded; everything started here is stopped.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION="${DURATION:-60}"
ADD_AT="${ADD_AT:-15}"
STOP_AT="${STOP_AT:-30}"
KILL_AT="${KILL_AT:-45}"
CONNS="${CONNS:-2}"            # wrk connections per node
DELAY_MS="${DELAY_MS:-10}"     # think time per connection between requests (0: saturate)
STAGE=bench
PLAN_RATE="${PLAN_RATE:-50}"
PLAN_BURST="${PLAN_BURST:-20}"
BACKEND_PORT="${BACKEND_PORT:-18191}"
REGION="${GATEWAY_REGION:-us-east-1}"
CREDENTIALS="${GATEWAY_CREDENTIALS:-test:test}"
# Own addresses and Cassandra ports by default, so that a gateway on 127.0.0.1 (yours or someone
# else's, and its Cassandra on 9042) does not clash with the cluster; override to taste.
export GATEWAY_CLUSTER_FIRST_HOST="${GATEWAY_CLUSTER_FIRST_HOST:-127.0.0.11}"
export GATEWAY_CASSANDRA_PORT="${GATEWAY_CASSANDRA_PORT:-19642}"
export GATEWAY_CASSANDRA_STORAGE_PORT="${GATEWAY_CASSANDRA_STORAGE_PORT:-19700}"
export GATEWAY_THROTTLE_ACCOUNT_RATE="${GATEWAY_THROTTLE_ACCOUNT_RATE:-1000000}"
export GATEWAY_THROTTLE_ACCOUNT_BURST="${GATEWAY_THROTTLE_ACCOUNT_BURST:-1000000}"
DATA_PORT="${GATEWAY_DATA_PORT:-8080}"
MGMT_PORT="${GATEWAY_MANAGEMENT_PORT:-8081}"

((ADD_AT < STOP_AT && STOP_AT < KILL_AT && KILL_AT < DURATION)) || { echo "need ADD_AT < STOP_AT < KILL_AT < DURATION" >&2; exit 2; }

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$ROOT/load-tests/results"
OUT="$ROOT/load-tests/results/scenario-$STAMP.txt"
WORK="$(mktemp -d /tmp/scenario-bench.XXXXXX)"
chmod 0755 "$WORK"
log() { echo "[scenario $(date -u +%H:%M:%S)] $*" | tee -a "$OUT" >&2; }

for t in wrk curl jq python3 nginx; do
  command -v "$t" >/dev/null || [[ $t == nginx && -x /usr/sbin/nginx ]] || { echo "needs $t (apt-get install -y wrk nginx curl jq)" >&2; exit 1; }
done
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

host_of() { # node k -> 127.0.0.(first+k-1)
  local base="${GATEWAY_CLUSTER_FIRST_HOST##*.}"
  echo "${GATEWAY_CLUSTER_FIRST_HOST%.*}.$((base + $1 - 1))"
}
gw() { GATEWAY_DATA_DIR="$WORK/data" "$ROOT/gateway" "$@"; }

NGINX_PID=""
BG_PIDS=()
cleanup() {
  local rc=$?
  set +e
  local p
  for p in "${BG_PIDS[@]}"; do kill -INT "$p" 2>/dev/null; done
  for p in "${BG_PIDS[@]}"; do wait "$p" 2>/dev/null; done
  if [[ -f "$WORK/data/cluster/cluster.env" ]]; then
    log "stopping the cluster"
    gw cluster down >>"$OUT" 2>&1
  fi
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -TERM "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null
  fi
  if [[ "${KEEP_WORK:-0}" == 1 ]]; then echo "[scenario] kept $WORK" >&2; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- management API (SigV4-signed curl), against node $MGMT_NODE --------------------------------
MGMT_NODE=1
mgmt() { # method path [json]
  local args=(-sS --fail-with-body --max-time 30 --aws-sigv4 "aws:amz:$REGION:apigateway" --user "${CREDENTIALS%%,*}"
    -X "$1" -H 'Content-Type: application/json')
  [[ -n "${3:-}" ]] && args+=(-d "$3")
  curl "${args[@]}" "http://$(host_of "$MGMT_NODE"):$MGMT_PORT$2" || { echo "management call failed on node $MGMT_NODE: $*" >&2; return 1; }
}
items() { jq -c '(.items // .item // [])'; }
root_resource() { mgmt GET "/restapis/$1/resources" | items | jq -r '.[] | select(.path=="/") | .id'; }

create_proxy_api() { # -> api id: ANY /{proxy+} -> http://127.0.0.1:$BACKEND_PORT/{proxy}
  local api root rid
  api="$(mgmt POST /restapis '{"name":"scenario-http-proxy"}' | jq -r .id)"
  root="$(root_resource "$api")"
  rid="$(mgmt POST "/restapis/$api/resources/$root" '{"pathPart":"{proxy+}"}' | jq -r .id)"
  mgmt PUT "/restapis/$api/resources/$rid/methods/ANY" \
    '{"authorizationType":"NONE","requestParameters":{"method.request.path.proxy":true}}' >/dev/null
  mgmt PUT "/restapis/$api/resources/$rid/methods/ANY/integration" \
    "{\"type\":\"HTTP_PROXY\",\"httpMethod\":\"ANY\",\"uri\":\"http://127.0.0.1:$BACKEND_PORT/{proxy}\",\"requestParameters\":{\"integration.request.path.proxy\":\"method.request.path.proxy\"}}" >/dev/null
  mgmt POST "/restapis/$api/deployments" "{\"stageName\":\"$STAGE\"}" | jq -r .id >"$WORK/deployment-$api"
  echo "$api"
}

create_keyed_mock_api() { # -> api id: GET /t, MOCK, apiKeyRequired
  local api root rid
  api="$(mgmt POST /restapis '{"name":"scenario-keyed-mock"}' | jq -r .id)"
  root="$(root_resource "$api")"
  rid="$(mgmt POST "/restapis/$api/resources/$root" '{"pathPart":"t"}' | jq -r .id)"
  mgmt PUT "/restapis/$api/resources/$rid/methods/GET" '{"authorizationType":"NONE","apiKeyRequired":true}' >/dev/null
  mgmt PUT "/restapis/$api/resources/$rid/methods/GET/integration" \
    '{"type":"MOCK","requestTemplates":{"application/json":"{\"statusCode\": 200}"}}' >/dev/null
  mgmt PUT "/restapis/$api/resources/$rid/methods/GET/responses/200" '{}' >/dev/null
  mgmt PUT "/restapis/$api/resources/$rid/methods/GET/integration/responses/200" \
    '{"responseTemplates":{"application/json":"ok"}}' >/dev/null
  mgmt POST "/restapis/$api/deployments" "{\"stageName\":\"$STAGE\"}" | jq -r .id >"$WORK/deployment-$api"
  echo "$api"
}

create_key_and_plan() { # api -> writes $WORK/key.json, $WORK/plan-id
  local key plan
  key="$(mgmt POST /apikeys '{"name":"scenario","enabled":true}')"
  echo "$key" >"$WORK/key.json"
  plan="$(mgmt POST /usageplans "{\"name\":\"scenario\",\"apiStages\":[{\"apiId\":\"$1\",\"stage\":\"$STAGE\"}],\"throttle\":{\"rateLimit\":$PLAN_RATE,\"burstLimit\":$PLAN_BURST}}" | jq -r .id)"
  mgmt POST "/usageplans/$plan/keys" "{\"keyId\":\"$(jq -r .id <<<"$key")\",\"keyType\":\"API_KEY\"}" >/dev/null
  echo "$plan" >"$WORK/plan-id"
}

status_of() { # node api path [key] -> HTTP status
  curl -s -o /dev/null -m 5 -w '%{http_code}' -H "Host: $2.execute-api.localhost" ${4:+-H "x-api-key: $4"} \
    "http://$(host_of "$1"):$DATA_PORT/$STAGE$3" || true
}

await_status() { # node api path want [key]
  local i code=""
  for i in $(seq 1 100); do
    code="$(status_of "$1" "$2" "$3" "${5:-}")"
    [[ "$code" == "$4" ]] && return 0
    sleep 0.2
  done
  log "node $1 never answered $4 on $3 of $2 (last status $code)"; return 1
}

# ---- SETUP_ONLY=1: create the two APIs, key and plan on a running gateway, print their ids, exit ----
if [[ "${SETUP_ONLY:-0}" == 1 ]]; then
  # For the Gatling simulations: a single gateway (default 127.0.0.1) and the backend nginx stay up.
  GATEWAY_CLUSTER_FIRST_HOST="${SETUP_HOST:-127.0.0.1}"
fi

start_backend() {
  local dir="$WORK/nginx" user_line=""
  mkdir -p "$dir/logs" "$dir/tmp"; chmod -R 0777 "$dir"
  [[ $EUID -eq 0 ]] && user_line="user root;"
  cat >"$dir/nginx.conf" <<NGX
$user_line
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  client_body_temp_path $dir/tmp/body; proxy_temp_path $dir/tmp/proxy; fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi; scgi_temp_path $dir/tmp/scgi;
  server { listen 127.0.0.1:$BACKEND_PORT; location / { default_type text/plain; return 200 'ok'; } }
}
NGX
  "$NGINX" -p "$dir" -c "$dir/nginx.conf" >"$dir/logs/stdout.log" 2>&1 &
  NGINX_PID=$!
  for _ in $(seq 1 40); do curl -sf -o /dev/null -m 1 "http://127.0.0.1:$BACKEND_PORT/ok" && return 0; sleep 0.25; done
  log "backend nginx did not answer on 127.0.0.1:$BACKEND_PORT"; cat "$dir/logs/error.log" >&2; exit 1
}

if [[ "${SETUP_ONLY:-0}" == 1 ]]; then
  start_backend
  PROXY_API="$(create_proxy_api)"; MOCK_API="$(create_keyed_mock_api)"; create_key_and_plan "$MOCK_API"
  KEY="$(jq -r .value "$WORK/key.json")"
  await_status 1 "$PROXY_API" /ok 200; await_status 1 "$MOCK_API" /t 200 "$KEY"
  echo "PROXY_API=$PROXY_API MOCK_API=$MOCK_API API_KEY=$KEY STAGE=$STAGE PLAN_RATE=$PLAN_RATE PLAN_BURST=$PLAN_BURST"
  echo "backend nginx on 127.0.0.1:$BACKEND_PORT runs until you press Enter (or for at most ${SETUP_HOLD:-1800} s)" >&2
  read -r -t "${SETUP_HOLD:-1800}" _ || true
  exit 0
fi

# ---- load --------------------------------------------------------------------------------------
wrk_lua() { # api -> lua file
  local f="$WORK/load.lua"
  cat >"$f" <<LUA
wrk.headers["Host"] = "$1.execute-api.localhost"
local threads = {}
function setup(thread) table.insert(threads, thread) end
counts = {}
function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end
function delay() return $DELAY_MS end
function done(summary, latency, requests)
  local byStatus = {}
  for _, t in ipairs(threads) do
    for s, n in pairs(t:get("counts")) do byStatus[s] = (byStatus[s] or 0) + n end
  end
  local parts = {}
  for s, n in pairs(byStatus) do table.insert(parts, s .. ":" .. n) end
  io.write(string.format("RESULT requests=%d connect=%d read=%d write=%d timeout=%d micros=%d status=%s\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.duration, table.concat(parts, ",")))
end
LUA
  echo "$f"
}

declare -A WRK_PID
start_wrk() { # node seconds
  wrk -t1 -c"$CONNS" -d"$2s" --timeout 5s -s "$LUA" "http://$(host_of "$1"):$DATA_PORT/$STAGE/ok" >"$WORK/wrk-$1.txt" 2>&1 &
  WRK_PID[$1]=$!
  BG_PIDS+=($!)
}

elapsed() { echo $((SECONDS - LOAD_START)); }

# ---- run ---------------------------------------------------------------------------------------
log "scenario $STAMP: 3 nodes from $GATEWAY_CLUSTER_FIRST_HOST, Cassandra 127.0.0.1:$GATEWAY_CASSANDRA_PORT; load $DURATION s"
log "  (wrk -c$CONNS per node, ${DELAY_MS} ms think time); add node 4 at $ADD_AT s, stop node 2 at $STOP_AT s, kill node 3 at $KILL_AT s; output $OUT"
log "host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); checkout $(git -C "$ROOT" log --oneline -1)"
start_backend
log "starting the cluster (./gateway cluster up 3, data in $WORK/data)"
t0=$SECONDS
gw cluster up 3 >>"$OUT" 2>&1 || { log "the cluster did not start (see $OUT)"; exit 1; }
log "cluster Up after $((SECONDS - t0)) s"

# Configuration through different nodes: the HTTP_PROXY API through node 1, the keyed API, key and
# plan through node 3 (the node that gets killed).
MGMT_NODE=1; PROXY_API="$(create_proxy_api)"
MGMT_NODE=3; MOCK_API="$(create_keyed_mock_api)"; create_key_and_plan "$MOCK_API"
KEY_ID="$(jq -r .id "$WORK/key.json")"; KEY="$(jq -r .value "$WORK/key.json")"; PLAN="$(cat "$WORK/plan-id")"
for k in 1 2 3; do await_status "$k" "$PROXY_API" /ok 200; await_status "$k" "$MOCK_API" /t 200 "$KEY"; done
log "created: HTTP_PROXY API $PROXY_API (deployment $(cat "$WORK/deployment-$PROXY_API")), keyed MOCK API $MOCK_API" \
  "(deployment $(cat "$WORK/deployment-$MOCK_API")), API key $KEY_ID, usage plan $PLAN (rate $PLAN_RATE burst $PLAN_BURST); all 3 nodes answer 200"

LUA="$(wrk_lua "$PROXY_API")"
LOAD_START=$SECONDS
for k in 1 2 3; do start_wrk "$k" "$DURATION"; done
log "load started on nodes 1-3"

# (a) node 4 joins; it gets its share of the load once it is Up (if enough of the run is left).
(
  sleep "$ADD_AT"
  echo "[scenario] t=$(elapsed) s: ./gateway cluster add" >>"$WORK/events"
  if gw cluster add >>"$WORK/add.log" 2>&1; then
    echo "UP $(elapsed)" >"$WORK/node4"
  else
    echo "FAILED $(elapsed)" >"$WORK/node4"
  fi
) &
ADD_JOB=$!; BG_PIDS+=($ADD_JOB)

NODE4_LOAD=0
stop_event() { # at node signal-option
  while (($(elapsed) < $1)); do
    sleep 0.2
    maybe_load_node4
  done
  log "t=$(elapsed) s: ./gateway cluster stop $2 $3"
  gw cluster stop "$2" $3 >>"$OUT" 2>&1 || log "stop $2 failed"
  log "t=$(elapsed) s: node $2's process has ended; interrupting its load"
  kill -INT "${WRK_PID[$2]}" 2>/dev/null || true
  echo "$(elapsed)" >"$WORK/stopped-$2"
}
maybe_load_node4() {
  if ((NODE4_LOAD == 0)) && [[ -f "$WORK/node4" ]]; then
    NODE4_LOAD=1
    read -r state at <"$WORK/node4"
    local left=$((DURATION - $(elapsed)))
    if [[ "$state" == UP ]] && ((left >= 3)); then
      log "t=$at s: node 4 is Up; load on it for the remaining $left s"
      start_wrk 4 "$left"
    else
      log "t=$at s: node 4 $state (no load on it: $left s left)"
    fi
  fi
}
stop_event "$STOP_AT" 2 ""
stop_event "$KILL_AT" 3 --kill
while (($(elapsed) < DURATION)); do sleep 0.2; maybe_load_node4; done
for k in 1 2 3 4; do [[ -n "${WRK_PID[$k]:-}" ]] && { wait "${WRK_PID[$k]}" || true; }; done
log "load finished after $(elapsed) s"
if kill -0 "$ADD_JOB" 2>/dev/null; then log "waiting for ./gateway cluster add to finish (bounded by GATEWAY_CLUSTER_WAIT)"; fi
wait "$ADD_JOB" || true
maybe_load_node4
[[ -n "${WRK_PID[4]:-}" ]] && { wait "${WRK_PID[4]}" || true; }
cat "$WORK/events" >>"$OUT" 2>/dev/null || true
gw cluster status >>"$OUT" 2>&1 || true
for k in 1 2 3 4; do [[ -f "$WORK/wrk-$k.txt" ]] && { echo "--- wrk node $k"; cat "$WORK/wrk-$k.txt"; } >>"$OUT"; done

# ---- configuration check through a surviving node -----------------------------------------------
MGMT_NODE=1
INTACT=yes
check() { # description expected actual
  if [[ "$2" == "$3" ]]; then log "  ok: $1 ($3)"; else log "  MISSING: $1: expected $2, got $3"; INTACT=no; fi
}
log "configuration as node 1 lists it:"
apis="$(mgmt GET '/restapis?limit=500' | items | jq -r '[.[].id] | sort | join(",")')" || apis="(call failed)"
check "REST APIs" "$(printf '%s\n' "$PROXY_API" "$MOCK_API" | sort | paste -sd,)" "$apis"
for api in "$PROXY_API" "$MOCK_API"; do
  d="$(mgmt GET "/restapis/$api/deployments?limit=500" | items | jq -r '[.[].id] | join(",")')" || d="(call failed)"
  check "deployments of $api" "$(cat "$WORK/deployment-$api")" "$d"
  s="$(mgmt GET "/restapis/$api/stages" | jq -r '[(.item // .items // [])[] | "\(.stageName)=\(.deploymentId)"] | join(",")')" || s="(call failed)"
  check "stages of $api" "$STAGE=$(cat "$WORK/deployment-$api")" "$s"
done
k="$(mgmt GET '/apikeys?limit=500&includeValues=true' | items | jq -r '[.[] | "\(.id):\(.value):\(.enabled)"] | join(",")')" || k="(call failed)"
check "API keys (id:value:enabled)" "$KEY_ID:$KEY:true" "$k"
p="$(mgmt GET '/usageplans?limit=500' | items | jq -r '[.[] | "\(.id):\(.throttle.rateLimit):\(.throttle.burstLimit):\([.apiStages[]? | "\(.apiId)/\(.stage)"] | join("+"))"] | join(",")')" || p="(call failed)"
check "usage plans (id:rate:burst:stages)" "$PLAN:$PLAN_RATE:$PLAN_BURST:$MOCK_API/$STAGE" "$p"
pk="$(mgmt GET "/usageplans/$PLAN/keys" | items | jq -r '[.[].id] | join(",")')" || pk="(call failed)"
check "keys of the usage plan" "$KEY_ID" "$pk"
SURVIVORS=(1); [[ "$(head -c2 "$WORK/node4" 2>/dev/null)" == UP ]] && SURVIVORS+=(4)
for n in "${SURVIVORS[@]}"; do
  check "node $n serves the HTTP_PROXY API" 200 "$(status_of "$n" "$PROXY_API" /ok)"
  check "node $n serves the keyed API with the key" 200 "$(status_of "$n" "$MOCK_API" /t "$KEY")"
  check "node $n refuses the keyed API without a key" 403 "$(status_of "$n" "$MOCK_API" /t)"
done

# ---- summary -----------------------------------------------------------------------------------
python3 - "$WORK" "$ADD_AT" "$STOP_AT" "$KILL_AT" "$INTACT" <<'PY' | tee -a "$OUT"
import os, re, sys
work, add_at, stop_at, kill_at, intact = sys.argv[1:6]
def at(name):
    p = os.path.join(work, name)
    return open(p).read().split()[-1] if os.path.exists(p) else "?"
node4 = open(os.path.join(work, "node4")).read().split() if os.path.exists(os.path.join(work, "node4")) else ["NOT-STARTED", "?"]
labels = {1: "node 1", 2: f"node 2 (SIGTERM at {at('stopped-2')} s)", 3: f"node 3 (SIGKILL at {at('stopped-3')} s)",
          4: f"node 4 (added at {add_at} s, {node4[0].lower()} at {node4[1]} s)"}
tot_sent = tot_ok = tot_fail = 0
parts, refused = [], []
for k in (1, 2, 3, 4):
    f = os.path.join(work, f"wrk-{k}.txt")
    if not os.path.exists(f):
        parts.append(f"{labels[k]}: no load"); continue
    m = re.search(r"RESULT requests=(\d+) connect=(\d+) read=(\d+) write=(\d+) timeout=(\d+) micros=(\d+) status=(\S*)", open(f).read())
    if not m:
        parts.append(f"{labels[k]}: no wrk result"); continue
    req, conn, rd, wr, to, micros = map(int, m.groups()[:6])
    statuses = dict((int(a), int(b)) for a, b in (x.split(":") for x in m.group(7).split(",") if x))
    ok = sum(n for s, n in statuses.items() if 200 <= s < 300)
    # Sent = answered + lost on an open connection (read/write errors, timeouts); refused connects never sent a request.
    sent = req + rd + wr + to
    fail = sent - ok
    tot_sent += sent; tot_ok += ok; tot_fail += fail
    non2xx = ",".join(f"{s}x{n}" for s, n in sorted(statuses.items()) if not 200 <= s < 300) or "none"
    note = " in flight on the killed node" if k == 3 else ""
    parts.append(f"{labels[k]}: sent={sent} ok={ok} failed={fail}{note} (non-2xx {non2xx}, read/write errors {rd + wr}, timeouts {to})")
    if conn: refused.append(f"node {k} {conn}")
print(f"SUMMARY scenario: requests sent={tot_sent} succeeded={tot_ok} failed={tot_fail}"
      f" ({100.0 * tot_fail / max(tot_sent, 1):.3f}%); " + "; ".join(parts)
      + f"; refused connects (never sent): {', '.join(refused) or 'none'}; configuration intact: {intact}")
PY
log "done; full output in $OUT"
