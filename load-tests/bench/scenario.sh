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
# Load: the Gatling RestProxySimulation (load-tests/gatling) at RATE requests/s, round-robin over the
# nodes listed in an "active nodes" file, which this script edits the way a load balancer adds and
# drops targets: node 4 is added once Up, node 2 is dropped DRAIN s before its SIGTERM, node 3 is
# dropped as soon as its port refuses connections after the SIGKILL (what failed there was in flight).
# Everything binds to loopback addresses; every wait is bounded; everything started here is stopped.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION="${DURATION:-60}"
ADD_AT="${ADD_AT:-15}"
STOP_AT="${STOP_AT:-30}"
KILL_AT="${KILL_AT:-45}"
RATE="${RATE:-100}"            # requests per second over all active nodes (Gatling, open model)
DRAIN="${DRAIN:-2}"            # seconds between dropping node 2 from the load and its SIGTERM (0: none)
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

for t in mvn curl jq python3 nginx; do
  command -v "$t" >/dev/null || [[ $t == nginx && -x /usr/sbin/nginx ]] || { echo "needs $t (apt-get install -y maven nginx curl jq)" >&2; exit 1; }
done
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

host_of() { # node k -> 127.0.0.(first+k-1)
  local base="${GATEWAY_CLUSTER_FIRST_HOST##*.}"
  echo "${GATEWAY_CLUSTER_FIRST_HOST%.*}.$((base + $1 - 1))"
}
gw() { GATEWAY_DATA_DIR="$WORK/data" "$ROOT/gateway" "$@"; }

NGINX_PID=""
GATLING_PID=""
BG_PIDS=()
cleanup() {
  local rc=$?
  set +e
  local p
  [[ -n "$GATLING_PID" ]] && kill -INT -- "-$GATLING_PID" 2>/dev/null
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
# shellcheck source=load-tests/bench/lib.sh
source "$ROOT/load-tests/bench/lib.sh"
mgmt() { mgmt_at "http://$(host_of "$MGMT_NODE"):$MGMT_PORT" "$@" || { echo "(through node $MGMT_NODE)" >&2; return 1; }; }
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


if [[ "${SETUP_ONLY:-0}" == 1 ]]; then
  start_ok_backend
  PROXY_API="$(create_proxy_api)"; MOCK_API="$(create_keyed_mock_api)"; create_key_and_plan "$MOCK_API"
  KEY="$(jq -r .value "$WORK/key.json")"
  await_status 1 "$PROXY_API" /ok 200; await_status 1 "$MOCK_API" /t 200 "$KEY"
  echo "PROXY_API=$PROXY_API MOCK_API=$MOCK_API API_KEY=$KEY STAGE=$STAGE PLAN_RATE=$PLAN_RATE PLAN_BURST=$PLAN_BURST"
  echo "backend nginx on 127.0.0.1:$BACKEND_PORT runs until you press Enter (or for at most ${SETUP_HOLD:-1800} s)" >&2
  read -r -t "${SETUP_HOLD:-1800}" _ || true
  exit 0
fi

# ---- load: the Gatling RestProxySimulation over every node, nodes added/dropped through a file ----
GATLING_POM="$ROOT/load-tests/gatling/pom.xml"
ACTIVE="$WORK/active-nodes"
set_active() { # rewrites the active-nodes file from $WORK/in-k markers (atomic rename)
  local k
  for k in 1 2 3 4; do [[ -f "$WORK/in-$k" ]] && echo "http://$(host_of "$k"):$DATA_PORT"; done >"$ACTIVE.tmp"
  mv "$ACTIVE.tmp" "$ACTIVE"
}
elapsed() { echo $((SECONDS - LOAD_START)); }
node_pid() { cat "$WORK/data/cluster/node-$1/pid" 2>/dev/null || true; }

start_gatling() { # api
  local urls="" k
  for k in 1 2 3 4; do urls="${urls:+$urls,}http://$(host_of "$k"):$DATA_PORT"; done
  # Own process group (setsid), so that cleanup can stop Maven and its forked Gatling JVM together.
  setsid timeout $((DURATION + 300)) mvn -B -q -f "$GATLING_POM" gatling:test -Dgatling.simulationClass=apigw.RestProxySimulation \
    -DapiId="$1" -Dstage="$STAGE" -Dpath=/ok -Dprofile=steady -Drate="$RATE" -Dduration="$DURATION" \
    -DbaseUrls="$urls" -DactiveNodesFile="$ACTIVE" -DresultFile="$WORK/gatling-result" -DmaxFailedPercent=100 \
    >"$WORK/gatling.log" 2>&1 &
  GATLING_PID=$!
  BG_PIDS+=($GATLING_PID)
  local deadline=$((SECONDS + 240))
  until grep -q "Simulation apigw.RestProxySimulation started" "$WORK/gatling.log" 2>/dev/null; do
    kill -0 "$GATLING_PID" 2>/dev/null || { cat "$WORK/gatling.log" >&2; log "Gatling did not start"; exit 1; }
    ((SECONDS < deadline)) || { log "Gatling did not start within 240 s"; exit 1; }
    sleep 0.2
  done
}

# ---- run ---------------------------------------------------------------------------------------
log "scenario $STAMP: 3 nodes from $GATEWAY_CLUSTER_FIRST_HOST, Cassandra 127.0.0.1:$GATEWAY_CASSANDRA_PORT; load $DURATION s"
log "  (Gatling RestProxySimulation, $RATE req/s open model, round-robin over the active nodes); add node 4 at $ADD_AT s," \
  "stop node 2 at $STOP_AT s, kill node 3 at $KILL_AT s; output $OUT"
log "host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); checkout $(git -C "$ROOT" log --oneline -1)"
log "compiling the Gatling simulations (first run downloads Gatling)"
timeout 600 mvn -B -q -f "$GATLING_POM" test-compile >>"$OUT" 2>&1 || { log "cannot compile load-tests/gatling (see $OUT)"; exit 1; }
start_ok_backend
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

touch "$WORK/in-1" "$WORK/in-2" "$WORK/in-3"; set_active
start_gatling "$PROXY_API"
LOAD_START=$SECONDS
log "load started on nodes 1-3"

# (a) node 4 joins; it gets its share of new requests once it is Up.
(
  sleep "$ADD_AT"
  if gw cluster add >>"$WORK/add.log" 2>&1; then echo "UP $(elapsed)" >"$WORK/node4"; else echo "FAILED $(elapsed)" >"$WORK/node4"; fi
) &
ADD_JOB=$!; BG_PIDS+=($ADD_JOB)
log "t=$ADD_AT s (scheduled): ./gateway cluster add"

NODE4_SEEN=0
maybe_add_node4() {
  if ((NODE4_SEEN == 0)) && [[ -f "$WORK/node4" ]]; then
    NODE4_SEEN=1
    local state at
    read -r state at <"$WORK/node4"
    if [[ "$state" == UP ]] && (($(elapsed) < DURATION - 1)); then
      touch "$WORK/in-4"; set_active
      log "t=$at s: node 4 is Up; it gets new requests from now on ($((DURATION - $(elapsed))) s left)"
    else
      log "t=$at s: node 4 $state; $((DURATION - $(elapsed))) s of load left, none for it"
    fi
  fi
}
wait_until() { while (($(elapsed) < $1)); do sleep 0.1; maybe_add_node4; done; }

# (b) node 2: dropped from the load (as a load balancer deregisters a target), then SIGTERM.
wait_until "$STOP_AT"
rm -f "$WORK/in-2"; set_active
log "t=$(elapsed) s: node 2 dropped from the load; SIGTERM in $DRAIN s (connection draining)"
sleep "$DRAIN"; sleep 0.2
log "t=$(elapsed) s: ./gateway cluster stop 2 (SIGTERM)"
gw cluster stop 2 >>"$OUT" 2>&1 || log "stop 2 failed"
echo "$(elapsed)" >"$WORK/stopped-2"
log "t=$(elapsed) s: node 2's process has ended"

# (c) node 3: SIGKILL, and dropped from the load as soon as it is gone.
wait_until "$KILL_AT"
pid3="$(node_pid 3)"
log "t=$(elapsed) s: ./gateway cluster stop 3 --kill (pid $pid3)"
gw cluster stop 3 --kill >>"$OUT" 2>&1 &
STOP3=$!
deadline=$((SECONDS + 60))
# Dropped as soon as its data port refuses connections or its process is gone, whichever comes first
# (a dying JVM can take a second or two to disappear; its sockets close at once).
while kill -0 "$pid3" 2>/dev/null && (exec 3<>"/dev/tcp/$(host_of 3)/$DATA_PORT") 2>/dev/null && ((SECONDS < deadline)); do
  sleep 0.02
done
rm -f "$WORK/in-3"; set_active
echo "$(elapsed)" >"$WORK/stopped-3"
log "t=$(elapsed) s: node 3 killed; dropped from the load"
wait "$STOP3" || true

wait_until "$DURATION"
log "t=$(elapsed) s: waiting for Gatling to finish (report)"
wait "$GATLING_PID" || log "Gatling exited with status $?"
log "load finished after $(elapsed) s"
if kill -0 "$ADD_JOB" 2>/dev/null; then log "waiting for ./gateway cluster add to finish (bounded by GATEWAY_CLUSTER_WAIT)"; fi
wait "$ADD_JOB" || true
maybe_add_node4
grep -E "SUMMARY|Reports generated|Global:" "$WORK/gatling.log" | tee -a "$OUT" >&2 || log "no Gatling summary (see below)"
# Gatling's error breakdown (all nodes): why requests failed.
# (the last "---- Errors" block: Gatling also prints one with every periodic console summary)
awk '/^---- Errors/ {n++; delete b; i=0; on=1; next} on && /^====/ {on=0} on && /^>/ {b[i++]=$0} END {for (j=0; j<i; j++) print "[gatling errors] " b[j]}' \
  "$WORK/gatling.log" | tee -a "$OUT" >&2 || true
gw cluster status >>"$OUT" 2>&1 || true
{ echo "--- Gatling output"; cat "$WORK/gatling.log"; } >>"$OUT"

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
python3 - "$WORK" "$ADD_AT" "$INTACT" <<'PY' | tee -a "$OUT"
import os, sys
work, add_at, intact = sys.argv[1:4]
def read(name, default="?"):
    p = os.path.join(work, name)
    return open(p).read().split() if os.path.exists(p) else [default]
node4 = read("node4", "not-up")
labels = {1: "node 1", 2: f"node 2 (dropped, then SIGTERM; process ended at {read('stopped-2')[-1]} s)",
          3: f"node 3 (SIGKILL at {read('stopped-3')[-1]} s)",
          4: f"node 4 (added at {add_at} s, {node4[0].lower()} at {node4[-1]} s)"}
rows = {}
if os.path.exists(os.path.join(work, "gatling-result")):
    for line in open(os.path.join(work, "gatling-result")):
        k, sent, ok, throttled, other, noresp = map(int, line.split())
        rows[k] = (sent, ok, throttled + other, noresp)
tot = [0, 0, 0]
parts = []
for k in (1, 2, 3, 4):
    if k not in rows:
        parts.append(f"{labels[k]}: no result"); continue
    sent, ok, status_fail, noresp = rows[k]
    fail = sent - ok
    tot[0] += sent; tot[1] += ok; tot[2] += fail
    note = " in flight on the killed node" if k == 3 else ""
    parts.append(f"{labels[k]}: sent={sent} ok={ok} failed={fail}{note} (non-2xx {status_fail}, no response {noresp})")
print(f"SUMMARY scenario: requests sent={tot[0]} succeeded={tot[1]} failed={tot[2]}"
      f" ({100.0 * tot[2] / max(tot[0], 1):.3f}%); " + "; ".join(parts) + f"; configuration intact: {intact}")
PY
log "done; full output in $OUT"
