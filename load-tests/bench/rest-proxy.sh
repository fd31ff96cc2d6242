#!/usr/bin/env bash
# Data-plane side-by-side benchmark: backend direct, nginx reverse proxy, the naive Pekko proxy, the
# gateway's REST HTTP_PROXY integration, an HTTP API (apigatewayv2 quick create, HTTP_PROXY on $default)
# and the REST HTTP (VTL, non-proxy) integration, measured in one session with CPU pinning, warm-up
# and interleaved rounds. See load-tests/README.md.
#
#   load-tests/bench/rest-proxy.sh            # defaults: 10 s warm-up, 3 rounds x 15 s per target
#   WARMUP=3 DURATION=5 ROUNDS=1 load-tests/bench/rest-proxy.sh   # quick smoke run
#
# Everything binds to 127.0.0.1; every process the script starts is stopped on exit.
set -euo pipefail
shopt -s inherit_errexit

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# ---- settings (environment overrides) -------------------------------------------------------
WARMUP="${WARMUP:-10}"                 # seconds of warm-up per target (once, before the rounds)
# The gateway's JIT needs far longer on the one pinned core: throughput climbs for about 2 minutes
# (measured: 1.9k -> 10k req/s over 150 s of full load) while C2 compiles the hot path.
GATEWAY_WARMUP="${GATEWAY_WARMUP:-150}" # seconds of warm-up per gateway target
# AWS's default account limit (10000 req/s, burst 5000) is enforced by the gateway too; a started gateway gets it
# lifted so that the benchmark measures the proxy path, not the account throttle (429s would count as non-2xx).
export GATEWAY_THROTTLE_ACCOUNT_RATE="${GATEWAY_THROTTLE_ACCOUNT_RATE:-1000000}"
export GATEWAY_THROTTLE_ACCOUNT_BURST="${GATEWAY_THROTTLE_ACCOUNT_BURST:-1000000}"
DURATION="${DURATION:-15}"             # seconds per measured run
ROUNDS="${ROUNDS:-3}"                  # interleaved rounds (each round runs every target once)
CONNECTIONS="${CONNECTIONS:-64}"       # wrk -c for the saturation runs
WRK_THREADS="${WRK_THREADS:-1}"        # wrk -t (one core for the load generator: 1 thread)
PACED="${PACED:-1}"                    # 1: also run the rate-limited latency measurement
PACED_FRACTION="${PACED_FRACTION:-0.5}" # fraction of the gateway's HTTP_PROXY saturation rate
PACED_MEAN_DELAY_MS="${PACED_MEAN_DELAY_MS:-10}" # mean think time per connection (paced runs)
PACED_DURATION="${PACED_DURATION:-$DURATION}"
CLOSE="${CLOSE:-0}"                    # 1: every request on a new connection (Connection: close)
# A paced run of every target before the measured ones (not counted): going from saturation to half load changes
# the JVMs' code profile, and on the one pinned core the deoptimizations and C2 recompilations that follow stall
# requests for up to hundreds of ms in the first second (measured on the naive Pekko proxy: 141 deoptimizations in
# that second, compilations of 100-500 ms). 0 measures that transition as part of the first paced round.
PACED_WARMUP="${PACED_WARMUP:-10}"
# Connection churn in every JVM target's warm-up (seconds; 0: none): the paced runs open their connections at each
# run's start, and the keep-alive warm-up opens only 64 in minutes, so the code that sets a connection up is still
# interpreted when the paced series starts: on the one pinned core the gateway then took 110-210 ms to answer the
# first requests of 114 new connections, 40-50 ms once a few thousand connections had made that code hot, and Spring
# Cloud Gateway 36-50 ms (load-tests/README.md, "Connection churn in the warm-up"). Each connection carries three
# requests (every third one asks Connection: close), so the own backend connection's set-up warms up too.
CONN_WARMUP="${CONN_WARMUP:-20}"
GATEWAY_CORE="${GATEWAY_CORE:-0}"      # the system-under-test core: gateway and nginx proxy
LOAD_CORE="${LOAD_CORE:-1}"            # wrk, the backend nginx and Cassandra
PORT_A="${PORT_A:-18091}"              # backend nginx ("ok")
PORT_B="${PORT_B:-18092}"              # nginx reverse proxy to PORT_A
PORT_C="${PORT_C:-18093}"              # naive Pekko HTTP proxy to PORT_A (target "pekko")
PORT_D="${PORT_D:-18094}"              # Spring Cloud Gateway 4.3 to PORT_A (target "scg")
PORT_E="${PORT_E:-18095}"              # naive fused Pekko proxy to PORT_A (target "pekko-fused")
STAGE="${STAGE:-bench}"
TARGETS="${TARGETS:-direct nginx pekko scg gw-proxy gw-http gw-vtl}"
GATEWAY_CREDENTIALS="${GATEWAY_CREDENTIALS:-test:test}"
GATEWAY_REGION="${GATEWAY_REGION:-us-east-1}"
GATEWAY_DATA_PORT="${GATEWAY_DATA_PORT:-8080}"
GATEWAY_MANAGEMENT_PORT="${GATEWAY_MANAGEMENT_PORT:-8081}"
GATEWAY_MANAGEMENT_HTTP_PORT="${GATEWAY_MANAGEMENT_HTTP_PORT:-8558}"
GATEWAY_CASSANDRA_PORT="${GATEWAY_CASSANDRA_PORT:-9042}"
GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:${GATEWAY_DATA_PORT}}"
GATEWAY_MGMT_URL="${GATEWAY_MGMT_URL:-http://127.0.0.1:${GATEWAY_MANAGEMENT_PORT}}"
GATEWAY_READY_URL="${GATEWAY_READY_URL:-http://127.0.0.1:${GATEWAY_MANAGEMENT_HTTP_PORT}/ready}"
# START_GATEWAY: auto (reuse a gateway that answers /ready, else start one), yes, no.
START_GATEWAY="${START_GATEWAY:-auto}"
GATEWAY_REPO="${GATEWAY_REPO:-$ROOT}"  # checkout whose ./gateway is started
GATEWAY_WAIT="${GATEWAY_WAIT:-240}"    # seconds to wait for Cassandra + /ready
RESULTS_DIR="${RESULTS_DIR:-$ROOT/load-tests/results}"

export CONNECTIONS PACED_FRACTION GATEWAY_DATA_PORT GATEWAY_MANAGEMENT_PORT GATEWAY_MANAGEMENT_HTTP_PORT GATEWAY_CASSANDRA_PORT

TS="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RESULTS_DIR"
OUT="$RESULTS_DIR/rest-proxy-$TS.txt"
WORK="$(mktemp -d /tmp/rest-proxy-bench.XXXXXX)"
chmod 0755 "$WORK"

log() { echo "[bench] $*" | tee -a "$OUT" >&2; }
raw() { tee -a "$OUT"; }

# shellcheck source=load-tests/bench/lib.sh
source "$ROOT/load-tests/bench/lib.sh"

# ---- cleanup: stop exactly the processes started here -----------------------------------------
PIDS_TO_STOP=()      # "name:pid" in start order; stopped in reverse
cleanup() {
  local rc=$?
  set +e
  stop_started bench
  if [[ "${KEEP_WORK:-0}" != 1 ]]; then rm -rf "$WORK"; else echo "[bench] kept $WORK" >&2; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- tools ------------------------------------------------------------------------------------
ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
  if ((${#missing[@]})); then
    log "missing: ${missing[*]}; running: apt-get install -y ${missing[*]}"
    if [[ $EUID -ne 0 ]]; then echo "install ${missing[*]} (needs root)" >&2; exit 1; fi
    apt-get install -y "${missing[@]}" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y "${missing[@]}" >/dev/null; }
  fi
  for t in curl jq taskset python3; do
    command -v "$t" >/dev/null || { echo "needs $t" >&2; exit 1; }
  done
}
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

port_in_use() { ss -ltnH "( sport = :$1 )" 2>/dev/null | grep -q .; }

# ---- nginx: backend on the load core, reverse proxy on the system-under-test core -------------
start_nginx() { # name core port-config
  local name="$1" core="$2" body="$3" dir="$WORK/nginx-$1"
  mkdir -p "$dir/logs" "$dir/tmp"
  chmod -R 0777 "$dir"
  local user_line=""
  [[ $EUID -eq 0 ]] && user_line="user root;"
  cat >"$dir/nginx.conf" <<EOF
$user_line
daemon off;
master_process on;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; multi_accept on; }
http {
  access_log off;
  keepalive_timeout 75s;
  keepalive_requests 10000000;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
$body
}
EOF
  taskset -c "$core" "$NGINX" -p "$dir" -c "$dir/nginx.conf" >"$dir/logs/stdout.log" 2>&1 &
  PIDS_TO_STOP+=("nginx-$name:$!")
  log "nginx $name started (pid $!, pinned to core $core)"
}

# A single-file Java reference proxy from load-tests/bench, run with the node's runtime classpath, pinned like the gateway.
start_java_proxy() { # name label port source args...
  local name="$1" label="$2" port="$3" source="$4"; shift 4
  local cp_file="$GATEWAY_REPO/node/target/runtime-classpath.txt"
  [[ -f "$cp_file" ]] || { echo "no $cp_file: run ./gateway build first" >&2; exit 1; }
  if port_in_use "$port"; then echo "port $port is in use; set its PORT_ variable" >&2; exit 1; fi
  # REF_JAVA_OPTS (word-split): extra JVM options for the reference proxies, e.g. a JFR recording to compare with.
  # shellcheck disable=SC2086
  taskset -c "$GATEWAY_CORE" java -Xms256m -Xmx512m ${REF_JAVA_OPTS:-} -cp "$(cat "$cp_file")" "$ROOT/load-tests/bench/$source" \
    "$port" "$@" >"$WORK/$name.log" 2>&1 &
  PIDS_TO_STOP+=("$name:$!")
  log "$label started (pid $!, pinned to core $GATEWAY_CORE, port $port)"
  wait_http "http://127.0.0.1:$port/ok" 60 || { echo "$label did not answer" >&2; cat "$WORK/$name.log" >&2; exit 1; }
}

# The naive Pekko HTTP proxy (Http.singleRequest, nothing else): what the framework itself costs.
start_pekko_proxy() {
  start_java_proxy pekko-proxy "naive Pekko proxy" "$PORT_C" NaivePekkoProxy.java "http://127.0.0.1:$PORT_A"
}

# The naive fused Pekko proxy: each client connection joined to its own backend connection, no host connection pool.
start_pekko_fused() {
  start_java_proxy pekko-fused "naive fused Pekko proxy" "$PORT_E" NaiveFusedProxy.java "$PORT_A"
}

# Spring Cloud Gateway 4.3 (Reactor Netty, one route): the JVM gateway a user would otherwise pick. Built from
# load-tests/scg with Maven (from Maven Central) the first time; same JVM heap as the naive Pekko proxy.
start_scg() {
  local jar="$ROOT/load-tests/scg/target/scg-reference.jar"
  if [[ ! -f "$jar" ]]; then
    log "building the Spring Cloud Gateway reference (mvn -f load-tests/scg/pom.xml package)"
    mvn -q -B -f "$ROOT/load-tests/scg/pom.xml" -DskipTests package >"$WORK/scg-build.log" 2>&1 || {
      echo "the Spring Cloud Gateway reference did not build:" >&2; tail -30 "$WORK/scg-build.log" >&2; exit 1; }
  fi
  if port_in_use "$PORT_D"; then echo "port $PORT_D is in use; set PORT_D" >&2; exit 1; fi
  PORT="$PORT_D" BACKEND_URL="http://127.0.0.1:$PORT_A" taskset -c "$GATEWAY_CORE" java -Xms256m -Xmx512m -jar "$jar" \
    >"$WORK/scg.log" 2>&1 &
  PIDS_TO_STOP+=("scg:$!")
  log "Spring Cloud Gateway started (pid $!, pinned to core $GATEWAY_CORE, port $PORT_D)"
  wait_http "http://127.0.0.1:$PORT_D/ok" 120 || { echo "Spring Cloud Gateway did not answer" >&2; cat "$WORK/scg.log" >&2; exit 1; }
}

start_nginxes() {
  for p in "$PORT_A" "$PORT_B"; do
    if port_in_use "$p"; then echo "port $p is in use; set PORT_A / PORT_B" >&2; exit 1; fi
  done
  start_nginx backend "$LOAD_CORE" "
  server {
    listen 127.0.0.1:$PORT_A backlog=4096;
    location = /json { default_type application/json; return 200 '{\"ok\":true}'; }
    location / { default_type text/plain; return 200 'ok'; }
  }"
  start_nginx proxy "$GATEWAY_CORE" "
  upstream bench_backend { server 127.0.0.1:$PORT_A; keepalive 128; keepalive_requests 10000000; }
  server {
    listen 127.0.0.1:$PORT_B backlog=4096;
    location / {
      proxy_pass http://bench_backend;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
    }
  }"
  wait_http "http://127.0.0.1:$PORT_A/ok" 20 || { echo "backend nginx did not answer" >&2; exit 1; }
  wait_http "http://127.0.0.1:$PORT_B/ok" 20 || { echo "nginx proxy did not answer" >&2; exit 1; }
}

wait_http() { # url seconds [extra curl args...]
  local url="$1" secs="$2"; shift 2
  local deadline=$((SECONDS + secs))
  while ((SECONDS < deadline)); do
    curl -sf -o /dev/null --max-time 2 "$@" "$url" && return 0
    sleep 0.5
  done
  return 1
}

# ---- the gateway ------------------------------------------------------------------------------
GATEWAY_STARTED=0
start_gateway() {
  if [[ "$START_GATEWAY" != yes ]] && curl -sf -o /dev/null --max-time 2 "$GATEWAY_READY_URL"; then
    log "using the running gateway: data $GATEWAY_URL, management $GATEWAY_MGMT_URL (NOT started or pinned by this script)"
    return
  fi
  if [[ "$START_GATEWAY" == no ]]; then
    echo "no gateway answers $GATEWAY_READY_URL and START_GATEWAY=no" >&2; exit 1
  fi
  for p in "$GATEWAY_DATA_PORT" "$GATEWAY_MANAGEMENT_PORT" "$GATEWAY_MANAGEMENT_HTTP_PORT" "$GATEWAY_CASSANDRA_PORT"; do
    if port_in_use "$p"; then
      echo "port $p is in use but no gateway answers $GATEWAY_READY_URL; stop it or set the GATEWAY_*_PORT overrides" >&2
      ss -ltnp "( sport = :$p )" >&2 || true
      exit 1
    fi
  done
  if [[ ! -f "$GATEWAY_REPO/node/target/runtime-classpath.txt" ]]; then
    echo "the gateway is not built in $GATEWAY_REPO: run ./gateway build (or mvn -DskipTests package) first" >&2; exit 1
  fi
  local data_dir="${BENCH_DATA_DIR:-$WORK/data}"
  mkdir -p "$data_dir"
  # Cassandra runs in its own JVM on the load core (it is idle during the runs: nothing is
  # written while the data plane serves), so the gateway core carries only the gateway.
  log "starting Cassandra (./gateway cassandra) pinned to core $LOAD_CORE, data in $data_dir"
  (cd "$GATEWAY_REPO" && GATEWAY_DATA_DIR="$data_dir" exec taskset -c "$LOAD_CORE" ./gateway cassandra) \
    >"$WORK/cassandra.log" 2>&1 &
  PIDS_TO_STOP+=("cassandra:$!")
  local deadline=$((SECONDS + GATEWAY_WAIT))
  until grep -q "Cassandra ready on" "$WORK/cassandra.log"; do
    if ((SECONDS > deadline)) || ! kill -0 "${PIDS_TO_STOP[-1]##*:}" 2>/dev/null; then
      echo "Cassandra did not start:" >&2; tail -30 "$WORK/cassandra.log" >&2; exit 1
    fi
    sleep 1
  done
  log "$(grep -m1 'Cassandra ready on' "$WORK/cassandra.log")"
  log "starting the gateway (./gateway start) pinned to core $GATEWAY_CORE"
  (cd "$GATEWAY_REPO" && GATEWAY_DATA_DIR="$data_dir" \
    GATEWAY_CASSANDRA_CONTACT_POINTS="127.0.0.1:$GATEWAY_CASSANDRA_PORT" \
    exec taskset -c "$GATEWAY_CORE" ./gateway start) >"$WORK/gateway.log" 2>&1 &
  PIDS_TO_STOP+=("gateway:$!")
  GATEWAY_STARTED=1
  until curl -sf -o /dev/null --max-time 2 "$GATEWAY_READY_URL"; do
    if ((SECONDS > deadline)) || ! kill -0 "${PIDS_TO_STOP[-1]##*:}" 2>/dev/null; then
      echo "the gateway did not become ready:" >&2; tail -40 "$WORK/gateway.log" >&2; exit 1
    fi
    sleep 1
  done
  log "gateway ready (pid ${PIDS_TO_STOP[-1]##*:})"
}

# Signed management call; prints the body, fails on non-2xx.
mgmt() { # method path [json]
  local method="$1" path="$2" body="${3:-}"
  local args=(-sS --fail-with-body --max-time 30 --aws-sigv4 "aws:amz:${GATEWAY_REGION}:apigateway"
    --user "${GATEWAY_CREDENTIALS%%,*}" -X "$method" -H 'Content-Type: application/json')
  [[ -n "$body" ]] && args+=(-d "$body")
  curl "${args[@]}" "$GATEWAY_MGMT_URL$path" || { echo "management call failed: $method $path $body" >&2; return 1; }
}

root_resource() { mgmt GET "/restapis/$1/resources" | jq -r '(.items // .item // [])[] | select(.path=="/") | .id'; }

create_proxy_api() {
  local api root rid
  api="$(mgmt POST /restapis '{"name":"bench-http-proxy","endpointConfiguration":{"types":["REGIONAL"]}}' | jq -r .id)"
  root="$(root_resource "$api")"
  rid="$(mgmt POST "/restapis/$api/resources/$root" '{"pathPart":"{proxy+}"}' | jq -r .id)"
  mgmt PUT "/restapis/$api/resources/$rid/methods/ANY" \
    '{"authorizationType":"NONE","requestParameters":{"method.request.path.proxy":true}}' >/dev/null
  mgmt PUT "/restapis/$api/resources/$rid/methods/ANY/integration" \
    "{\"type\":\"HTTP_PROXY\",\"httpMethod\":\"ANY\",\"uri\":\"http://127.0.0.1:$PORT_A/{proxy}\",\"requestParameters\":{\"integration.request.path.proxy\":\"method.request.path.proxy\"}}" >/dev/null
  mgmt POST "/restapis/$api/deployments" "{\"stageName\":\"$STAGE\"}" >/dev/null
  echo "$api"
}

# An HTTP API by quick create: one HTTP_PROXY integration on the $default route, the $default stage
# auto-deployed; the request path is appended to the target, so GET /ok reaches the backend's /ok.
create_http_api() {
  mgmt POST /v2/apis "{\"name\":\"bench-http-api\",\"protocolType\":\"HTTP\",\"target\":\"http://127.0.0.1:$PORT_A\"}" \
    | jq -r .apiId
}

create_vtl_api() {
  local api root rid req_t resp_t
  api="$(mgmt POST /restapis '{"name":"bench-http-vtl","endpointConfiguration":{"types":["REGIONAL"]}}' | jq -r .id)"
  root="$(root_resource "$api")"
  rid="$(mgmt POST "/restapis/$api/resources/$root" '{"pathPart":"echo"}' | jq -r .id)"
  mgmt PUT "/restapis/$api/resources/$rid/methods/POST" '{"authorizationType":"NONE"}' >/dev/null
  req_t='{"in": $input.json('"'"'$'"'"'), "id": "$context.requestId"}'
  resp_t='{"echo": $input.json('"'"'$'"'"')}'
  mgmt PUT "/restapis/$api/resources/$rid/methods/POST/integration" "$(jq -nc \
    --arg uri "http://127.0.0.1:$PORT_A/json" --arg t "$req_t" \
    '{type:"HTTP",httpMethod:"POST",uri:$uri,passthroughBehavior:"WHEN_NO_TEMPLATES",requestTemplates:{"application/json":$t}}')" >/dev/null
  mgmt PUT "/restapis/$api/resources/$rid/methods/POST/responses/200" \
    '{"responseModels":{"application/json":"Empty"}}' >/dev/null
  mgmt PUT "/restapis/$api/resources/$rid/methods/POST/integration/responses/200" "$(jq -nc --arg t "$resp_t" \
    '{selectionPattern:"",responseTemplates:{"application/json":$t}}')" >/dev/null
  mgmt POST "/restapis/$api/deployments" "{\"stageName\":\"$STAGE\"}" >/dev/null
  echo "$api"
}

# ---- wrk --------------------------------------------------------------------------------------
# write_churn_lua file base: target $2's requests, every third one with Connection: close (connection churn). The
# naive Pekko proxies copy the backend's Connection: keep-alive into their answers and so keep the connection: for
# them this is more keep-alive warm-up.
write_churn_lua() {
  {
    cat "$2"
    cat <<'EOF'
local count, keep, close = 0, nil, nil
function request()
  if not keep then
    keep = wrk.format()
    local h = {}
    for k, v in pairs(wrk.headers) do h[k] = v end
    h["Connection"] = "close"
    close = wrk.format(nil, nil, h)
  end
  count = count + 1
  if count % 3 == 0 then return close end
  return keep
end
EOF
  } >"$1"
}
# One Lua file per target: request shape, optional pacing (delay()), and a done() that prints a
# machine-readable BENCH line next to wrk's own report.
write_lua() { # file host method body paced(0/1)
  local file="$1" host="$2" method="$3" body="$4" paced="$5"
  {
    echo "wrk.method = \"$method\""
    [[ -n "$host" ]] && echo "wrk.headers[\"Host\"] = \"$host\""
    # CLOSE=1: a new connection per request (the cost of connection set-up, not of keep-alive requests).
    [[ "$CLOSE" == 1 ]] && echo 'wrk.headers["Connection"] = "close"'
    if [[ -n "$body" ]]; then
      echo "wrk.headers[\"Content-Type\"] = \"application/json\""
      printf 'wrk.body = [[%s]]\n' "$body"
    fi
    if [[ "$paced" == 1 ]]; then
      # Think time per connection, uniformly random in [0, 2*mean] ms: spreads the connections
      # out (no lock-step bursts); offered rate ~= connections / (mean + latency).
      cat <<'EOF'
local mean = tonumber(os.getenv("BENCH_MEAN_DELAY_MS") or "10")
function setup(thread) thread:set("seed", math.random(1, 1000000)) end
function init(args) math.randomseed(seed or os.time()) end
function delay() return math.random(0, 2 * mean) end
EOF
    fi
    cat <<'EOF'
function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "BENCH target=%s mode=%s rps=%.1f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d requests=%d non2xx=%d sockerr=%d\n",
    os.getenv("BENCH_TARGET") or "?", os.getenv("BENCH_MODE") or "?", summary.requests / secs,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max,
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
EOF
  } >"$file"
}

declare -A URL LUA LUA_PACED LABEL
setup_targets() {
  local payload='{"id":42,"name":"bench","tags":["a","b"],"nested":{"ok":true}}'
  LABEL[direct]="backend direct (nginx \"ok\")"
  URL[direct]="http://127.0.0.1:$PORT_A/ok"
  LABEL[nginx]="nginx reverse proxy"
  URL[nginx]="http://127.0.0.1:$PORT_B/ok"
  LABEL[pekko]="naive Pekko HTTP proxy"
  URL[pekko]="http://127.0.0.1:$PORT_C/ok"
  LABEL[pekko-fused]="naive fused Pekko proxy"
  URL[pekko-fused]="http://127.0.0.1:$PORT_E/ok"
  LABEL[scg]="Spring Cloud Gateway 4.3"
  URL[scg]="http://127.0.0.1:$PORT_D/ok"
  LABEL[gw-proxy]="gateway HTTP_PROXY"
  LABEL[gw-http]="gateway HTTP API HTTP_PROXY"
  LABEL[gw-vtl]="gateway HTTP + VTL (POST)"
  local t
  for t in direct nginx pekko pekko-fused scg; do
    write_lua "$WORK/$t.lua" "" GET "" 0; LUA[$t]="$WORK/$t.lua"
    write_lua "$WORK/$t-paced.lua" "" GET "" 1; LUA_PACED[$t]="$WORK/$t-paced.lua"
  done
  if [[ " $TARGETS " == *" gw-proxy "* ]]; then
    PROXY_API="$(create_proxy_api)"
    log "created HTTP_PROXY API $PROXY_API (ANY /{proxy+} -> http://127.0.0.1:$PORT_A/{proxy}), stage $STAGE"
    local host="$PROXY_API.execute-api.localhost"
    URL[gw-proxy]="$GATEWAY_URL/$STAGE/ok"
    write_lua "$WORK/gw-proxy.lua" "$host" GET "" 0; LUA[gw-proxy]="$WORK/gw-proxy.lua"
    write_lua "$WORK/gw-proxy-paced.lua" "$host" GET "" 1; LUA_PACED[gw-proxy]="$WORK/gw-proxy-paced.lua"
    await_route gw-proxy "$host" GET "" 'ok'
  fi
  if [[ " $TARGETS " == *" gw-http "* ]]; then
    HTTP_API="$(create_http_api)"
    log "created HTTP API $HTTP_API (quick create: \$default -> http://127.0.0.1:$PORT_A, path appended), stage \$default"
    local host="$HTTP_API.execute-api.localhost"
    URL[gw-http]="$GATEWAY_URL/ok"
    write_lua "$WORK/gw-http.lua" "$host" GET "" 0; LUA[gw-http]="$WORK/gw-http.lua"
    write_lua "$WORK/gw-http-paced.lua" "$host" GET "" 1; LUA_PACED[gw-http]="$WORK/gw-http-paced.lua"
    await_route gw-http "$host" GET "" 'ok'
  fi
  if [[ " $TARGETS " == *" gw-vtl "* ]]; then
    VTL_API="$(create_vtl_api)"
    log "created HTTP (VTL) API $VTL_API (POST /echo -> http://127.0.0.1:$PORT_A/json, request + response templates), stage $STAGE"
    local host="$VTL_API.execute-api.localhost"
    URL[gw-vtl]="$GATEWAY_URL/$STAGE/echo"
    write_lua "$WORK/gw-vtl.lua" "$host" POST "$payload" 0; LUA[gw-vtl]="$WORK/gw-vtl.lua"
    await_route gw-vtl "$host" POST "$payload" '"echo"'
  fi
}

# Waits until the deployed route answers 200 with the expected body; shows one full exchange.
await_route() { # target host method body expect
  local t="$1" host="$2" method="$3" body="$4" expect="$5" out deadline=$((SECONDS + 60))
  local args=(-s --max-time 5 -X "$method" -H "Host: $host")
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' -d "$body")
  while :; do
    out="$(curl "${args[@]}" -w '\nHTTP %{http_code}' "${URL[$t]}" || true)"
    if [[ "$out" == *"HTTP 200" && "$out" == *"$expect"* ]]; then break; fi
    if ((SECONDS > deadline)); then
      log "$t: no 200 within 60 s; last answer: $out"; exit 1
    fi
    sleep 0.5
  done
  log "$t: curl -X $method -H 'Host: $host' ${URL[$t]} ->"
  curl -si "${args[@]}" "${URL[$t]}" | sed 's/^/    /' | raw >&2
  echo | raw >&2
}

# run_wrk target mode seconds connections [lua]
# The JVM serving target $1 (started by this script), for its CPU time; empty for nginx and a reused gateway.
target_pid() {
  local name
  case "$1" in
    pekko) name=pekko-proxy ;; pekko-fused) name=pekko-fused ;; scg) name=scg ;; gw-*) name=gateway ;; *) return 0 ;;
  esac
  local entry
  for entry in "${PIDS_TO_STOP[@]}"; do if [[ "${entry%%:*}" == "$name" ]]; then echo "${entry##*:}"; fi; done
}

# utime + stime of a process, in clock ticks.
cpu_ticks() { if [[ -r "/proc/$1/stat" ]]; then sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; fi; }

run_wrk() {
  local t="$1" mode="$2" secs="$3" conns="$4" lua="${5:-${LUA[$1]}}"
  local cmd=(taskset -c "$LOAD_CORE" wrk -t"$WRK_THREADS" -c"$conns" -d"${secs}s" --timeout 5s --latency -s "$lua" "${URL[$t]}")
  local pid before after
  pid="$(target_pid "$t")"
  if [[ -n "$pid" ]]; then before="$(cpu_ticks "$pid")"; fi
  {
    echo "=== $t ($mode) $(date -u +%H:%M:%S) :: ${cmd[*]}"
    BENCH_TARGET="$t" BENCH_MODE="$mode" BENCH_MEAN_DELAY_MS="$PACED_MEAN_DELAY_MS" "${cmd[@]}" 2>&1
    echo
  } | raw >"$WORK/last.txt"
  # CPU time the target's JVM spent per request: unlike req/s, not capped by the other side of the pinning, and
  # the cost a request has on the core (the host's speed still moves it).
  if [[ -n "$pid" && -n "$before" ]] && after="$(cpu_ticks "$pid")"; then
    awk -v d="$((after - before))" -v hz="$(getconf CLK_TCK)" '/^BENCH /{ n = 0; for (i = 2; i <= NF; i++) if ($i ~ /^requests=/) n = substr($i, 10) + 0;
      if (n > 0) $0 = $0 sprintf(" cpu_us_per_req=%.1f", d * 1e6 / hz / n) } { print }' "$WORK/last.txt" >"$WORK/last.cpu" &&
      mv "$WORK/last.cpu" "$WORK/last.txt"
  fi
  grep '^BENCH ' "$WORK/last.txt" >>"$WORK/bench-lines.txt" || true
  grep '^BENCH ' "$WORK/last.txt" | sed 's/^/[bench]   /' >&2 || log "$t: wrk printed no result"
}

# Other processes competing for the two cores make every figure lower and noisier: record them.
contention() {
  log "load average: $(cut -d' ' -f1-3 /proc/loadavg); busiest other processes (%CPU since their start, then 1 s sample):"
  ps -eo pid,pcpu,comm --sort=-pcpu | awk 'NR>1 && NR<=6' | sed 's/^/[bench]     /' | tee -a "$OUT" >&2
  top -bn2 -d1 -w 120 | awk '/^top -/{n++} n==2' | awk 'f && $9+0 >= 5 {print} /PID USER/{f=1}' | head -5 | \
    sed 's/^/[bench]     now: /' | tee -a "$OUT" >&2 || true
}

# ---- main -------------------------------------------------------------------------------------
ensure_tools
log "REST data-plane benchmark $TS  (output: $OUT)"
log "host: $(nproc) cores, $(uname -r); $(wrk --version 2>&1 | head -1 | cut -c1-40); $("$NGINX" -v 2>&1)"
log "settings: warm-up ${WARMUP}s per nginx target and ${GATEWAY_WARMUP}s per gateway target, ${ROUNDS} interleaved rounds x ${DURATION}s, wrk -t${WRK_THREADS} -c${CONNECTIONS}, $([[ "$CLOSE" == 1 ]] && echo "Connection: close" || echo keep-alive)"
log "pinning: gateway + nginx proxy on core $GATEWAY_CORE; wrk + backend nginx (+ Cassandra) on core $LOAD_CORE"
if (( $(nproc) < 2 )); then log "WARNING: fewer than 2 cores; pinning is meaningless"; fi

start_nginxes
if [[ " $TARGETS " == *" pekko "* ]]; then start_pekko_proxy; fi
if [[ " $TARGETS " == *" pekko-fused "* ]]; then start_pekko_fused; fi
if [[ " $TARGETS " == *" scg "* ]]; then start_scg; fi
need_gateway=0
[[ " $TARGETS " == *" gw-"* ]] && need_gateway=1
((need_gateway)) && start_gateway
[[ -z "$(git -C "$GATEWAY_REPO" rev-parse --short HEAD 2>/dev/null)" ]] || \
  log "gateway checkout: $GATEWAY_REPO @ $(git -C "$GATEWAY_REPO" log -1 --format='%h %s' 2>/dev/null)"
setup_targets
read -r -a TARGET_LIST <<<"$TARGETS"
: >"$WORK/bench-lines.txt"

contention
log "warm-up: ${WARMUP}s per nginx target, ${GATEWAY_WARMUP}s per JVM target (JIT on one core), then ${CONN_WARMUP}s of connection churn per JVM target"
for t in "${TARGET_LIST[@]}"; do
  if [[ "$t" == gw-* || "$t" == pekko* || "$t" == scg ]]; then
    run_wrk "$t" warmup "$GATEWAY_WARMUP" "$CONNECTIONS"
    if ((CONN_WARMUP > 0)); then
      write_churn_lua "$WORK/$t-churn.lua" "${LUA[$t]}"
      run_wrk "$t" warmup-churn "$CONN_WARMUP" 32 "$WORK/$t-churn.lua"
    fi
  else
    run_wrk "$t" warmup "$WARMUP" "$CONNECTIONS"
  fi
done

for r in $(seq 1 "$ROUNDS"); do
  log "round $r/$ROUNDS (saturation, -c$CONNECTIONS)"
  contention
  for t in "${TARGET_LIST[@]}"; do run_wrk "$t" "sat-r$r" "$DURATION" "$CONNECTIONS"; done
done

# Paced (rate-limited) latency: ~PACED_FRACTION of the gateway HTTP_PROXY saturation rate,
# same offered load for backend direct, nginx proxy and gateway HTTP_PROXY.
PACED_BASE=gw-proxy
[[ " $TARGETS " == *" gw-proxy "* ]] || PACED_BASE=nginx
if [[ "$PACED" == 1 && " $TARGETS " == *" $PACED_BASE "* ]]; then
  sat="$(grep " target=$PACED_BASE mode=sat-" "$WORK/bench-lines.txt" | sed 's/.* rps=\([0-9.]*\).*/\1/' | sort -n | \
    awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')"
  rate="${PACED_RATE:-$(awk -v s="$sat" -v f="$PACED_FRACTION" 'BEGIN {printf "%d", s*f}')}"
  # connections = rate x (mean think time + ~0.3 ms service time)
  pconns="$(awk -v r="$rate" -v d="$PACED_MEAN_DELAY_MS" 'BEGIN {c=int(r*(d+0.3)/1000+0.5); if (c<1) c=1; print c}')"
  log "paced latency runs: target ${rate} req/s (${PACED_RATE:+set by PACED_RATE; }${PACED_FRACTION} x ${LABEL[$PACED_BASE]} median saturation = ${sat}), wrk -c${pconns}, random think time 0..$((2*PACED_MEAN_DELAY_MS)) ms per connection"
  export PACED_TITLE="~${rate} req/s offered, wrk -c${pconns}"
  # The GET targets asked for, in the order they run (the VTL target posts, and has no paced run).
  paced_targets=()
  for t in direct nginx pekko pekko-fused scg gw-proxy gw-http; do
    [[ " $TARGETS " == *" $t "* ]] && paced_targets+=("$t")
  done
  if ((PACED_WARMUP > 0)); then
    log "paced warm-up: ${PACED_WARMUP}s per target at the same offered load (not counted)"
    for t in "${paced_targets[@]}"; do run_wrk "$t" "warmup-paced" "$PACED_WARMUP" "$pconns" "${LUA_PACED[$t]}"; done
  fi
  for r in $(seq 1 "$ROUNDS"); do
    for t in "${paced_targets[@]}"; do run_wrk "$t" "paced-r$r" "$PACED_DURATION" "$pconns" "${LUA_PACED[$t]}"; done
  done
fi

# ---- summary ----------------------------------------------------------------------------------
{
  echo
  echo "================ summary ($TS) ================"
  BENCH_LABELS="$(for t in "${TARGET_LIST[@]}"; do echo "$t=${LABEL[$t]}"; done)" \
  BENCH_TARGETS="$TARGETS" python3 - "$WORK/bench-lines.txt" <<'PY'
import os, statistics, sys
rows = []
for line in open(sys.argv[1]):
    kv = dict(p.split("=", 1) for p in line.split()[1:])
    rows.append(kv)
labels = dict(l.split("=", 1) for l in os.environ["BENCH_LABELS"].splitlines() if l)
targets = os.environ["BENCH_TARGETS"].split()

def med(vals): return statistics.median(vals) if vals else float("nan")

def table(prefix, title):
    print(title)
    print(f"  {'target':<30} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'p99.9 ms':>9} {'CPU us/req':>10}  runs  req/s per run             errors")
    res = {}
    for t in targets:
        rs = [r for r in rows if r["target"] == t and r["mode"].startswith(prefix)]
        if not rs: continue
        rps = med([float(r["rps"]) for r in rs])
        p50 = med([int(r["p50_us"]) for r in rs]) / 1000
        p99 = med([int(r["p99_us"]) for r in rs]) / 1000
        p999 = med([int(r.get("p999_us", 0)) for r in rs]) / 1000
        errs = sum(int(r["non2xx"]) for r in rs), sum(int(r["sockerr"]) for r in rs)
        cpus = [float(r["cpu_us_per_req"]) for r in rs if "cpu_us_per_req" in r]
        cpu = f"{med(cpus):>10.1f}" if cpus else f"{'-':>10}"
        per = ", ".join(f"{float(r['rps']):,.0f}" for r in rs)
        flag = "" if errs == (0, 0) else f"non-2xx={errs[0]} socket={errs[1]}  <-- CHECK"
        print(f"  {labels.get(t, t):<30} {rps:>10,.0f} {p50:>8.2f} {p99:>8.2f} {p999:>9.2f} {cpu}  {len(rs):>4}  {per:<24} {flag}")
        res[t] = (rps, p50, p99, p999)
    print("  (medians over the rounds; latency as measured by wrk, from request written to response read;")
    print("   CPU us/req: the target JVM's user+system CPU time over the run divided by its requests)")
    return res

sat = table("sat-", "Saturation (wrk -c%s, keep-alive, closed loop):" % os.environ.get("CONNECTIONS", "?"))
print()
if "nginx" in sat:
    n = sat["nginx"][0]
    for t in ("direct", "pekko", "pekko-fused", "scg", "gw-proxy", "gw-http", "gw-vtl"):
        if t in sat:
            print(f"{labels[t]} / nginx proxy = {sat[t][0]/n:.2f}x ({sat[t][0]:,.0f} / {n:,.0f} req/s)")
    if "gw-proxy" in sat:
        ok = sat["gw-proxy"][0] / n >= 0.5
        print(f"target HTTP_PROXY >= 0.5x nginx proxy: {'MET' if ok else 'NOT MET'}")
if "gw-proxy" in sat:
    for ref in ("pekko", "pekko-fused", "scg"):
        if ref in sat:
            print(f"gateway HTTP_PROXY / {labels[ref]} = {sat['gw-proxy'][0]/sat[ref][0]:.2f}x"
                  f" ({sat['gw-proxy'][0]:,.0f} / {sat[ref][0]:,.0f} req/s)")
    if "scg" in sat:
        print(f"target HTTP_PROXY >= 1.5x Spring Cloud Gateway: {'MET' if sat['gw-proxy'][0] >= 1.5 * sat['scg'][0] else 'NOT MET'}")
if "gw-http" in sat:
    if "gw-proxy" in sat:
        ratio = sat["gw-http"][0] / sat["gw-proxy"][0]
        print(f"HTTP API HTTP_PROXY / REST HTTP_PROXY = {ratio:.2f}x (target >= 1.2x: {'MET' if ratio >= 1.2 else 'NOT MET'})")
    for ref, goal in (("pekko", 1.0), ("scg", None)):
        if ref in sat:
            ratio = sat["gw-http"][0] / sat[ref][0]
            print(f"HTTP API HTTP_PROXY / {labels[ref]} = {ratio:.2f}x"
                  + (f" (target >= {goal}x: {'MET' if ratio >= goal else 'NOT MET'})" if goal else ""))
# Paired ratios: each round's two targets ran back to back, so their ratio is less exposed to the machine's
# speed drifting over minutes (shared host: the same target moves 2x between rounds) than the ratio of medians.
pairs = [(a, b) for a, b in (("gw-proxy", "nginx"), ("gw-proxy", "pekko"), ("gw-proxy", "scg"),
                             ("pekko-fused", "pekko"), ("gw-proxy", "pekko-fused"),
                             ("gw-http", "gw-proxy"), ("gw-http", "pekko"), ("gw-http", "scg")) if a in sat and b in sat]
if pairs:
    print("paired per-round ratios (median of the rounds' ratios; each round in brackets):")
    rounds = sorted({r["mode"] for r in rows if r["mode"].startswith("sat-")})
    for a, b in pairs:
        rs = []
        for prefix in rounds:
            rr = {r["target"]: float(r["rps"]) for r in rows if r["mode"] == prefix}
            if a in rr and b in rr and rr[b] > 0:
                rs.append(rr[a] / rr[b])
        print(f"  {labels[a]} / {labels[b]} = {med(rs):.2f}x  [" + ", ".join(f"{x:.2f}" for x in rs) + "]")
    print("paired per-round CPU per request (the first target's CPU us/req over the second's; < 1: cheaper per request):")
    for a, b in pairs:
        cs = []
        for prefix in rounds:
            cc = {r["target"]: float(r["cpu_us_per_req"]) for r in rows if r["mode"] == prefix and "cpu_us_per_req" in r}
            if a in cc and b in cc and cc[b] > 0:
                cs.append(cc[a] / cc[b])
        if cs:
            print(f"  {labels[a]} / {labels[b]} = {med(cs):.2f}x  [" + ", ".join(f"{x:.2f}" for x in cs) + "]")
paced = [r for r in rows if r["mode"].startswith("paced-")]
if paced:
    print()
    pc = table("paced-", "Paced at %s (wrk + random think time per connection):" % os.environ.get("PACED_TITLE", "?"))
    if "gw-proxy" in pc:
        g = pc["gw-proxy"][2]
        for t, name in (("direct", "backend direct"), ("nginx", "nginx proxy")):
            if t in pc:
                print(f"added p99, gateway HTTP_PROXY - {name} = {g - pc[t][2]:+.2f} ms ({g:.2f} - {pc[t][2]:.2f} ms)")
        if "direct" in pc:
            print(f"target added p99 <= 2 ms at half saturation: {'MET' if g - pc['direct'][2] <= 2 else 'NOT MET'} (vs backend direct)")
        if "scg" in pc:
            ok = pc["gw-proxy"][2] <= pc["scg"][2] and pc["gw-proxy"][3] <= pc["scg"][3]
            print(f"target tail no worse than Spring Cloud Gateway (p99 and p99.9): {'MET' if ok else 'NOT MET'}"
                  f" (p99 {g:.2f} vs {pc['scg'][2]:.2f} ms, p99.9 {pc['gw-proxy'][3]:.2f} vs {pc['scg'][3]:.2f} ms)")
    print("  method: plain wrk (not wrk2): each connection waits a random 0..2x mean think time after each")
    print("  response, so the offered rate is approximately, not exactly, fixed, and latency is not corrected")
    print("  for coordinated omission; at ~50% load queueing is rare, so the p99s are comparable between targets.")
PY
} | raw
log "raw wrk output and this summary: $OUT"
