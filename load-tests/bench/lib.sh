# Shared by the benchmark scripts (sourced, not run). Callers set REGION, CREDENTIALS ("keyId:secret[,...]")
# and STAGE, and define mgmt() on top of mgmt_at with their management URL.

# mgmt_at BASE_URL METHOD PATH [JSON]: a SigV4-signed management call; prints the body, fails on non-2xx.
mgmt_at() {
  local base="$1" args=(-sS --fail-with-body --max-time 30 --aws-sigv4 "aws:amz:$REGION:apigateway"
    --user "${CREDENTIALS%%,*}" -X "$2" -H 'Content-Type: application/json')
  [[ -n "${4:-}" ]] && args+=(-d "$4")
  curl "${args[@]}" "$base$3" || { echo "management call failed: ${*:2}" >&2; return 1; }
}

# create_mock_api NAME API_KEY_REQUIRED(true|false): GET /t (MOCK, 200 "ok") deployed to $STAGE; prints the id.
# With WORK set, the deployment's id goes to $WORK/deployments-<api id> (checks that nothing was lost read it).
create_mock_api() {
  local api root rid
  api="$(mgmt POST /restapis "{\"name\":\"$1\"}" | jq -r .id)"
  root="$(mgmt GET "/restapis/$api/resources" | jq -r '(.items // .item // [])[] | select(.path=="/") | .id')"
  rid="$(mgmt POST "/restapis/$api/resources/$root" '{"pathPart":"t"}' | jq -r .id)"
  mgmt PUT "/restapis/$api/resources/$rid/methods/GET" "{\"authorizationType\":\"NONE\",\"apiKeyRequired\":$2}" >/dev/null
  mgmt PUT "/restapis/$api/resources/$rid/methods/GET/integration" \
    '{"type":"MOCK","requestTemplates":{"application/json":"{\"statusCode\": 200}"}}' >/dev/null
  mgmt PUT "/restapis/$api/resources/$rid/methods/GET/responses/200" '{}' >/dev/null
  mgmt PUT "/restapis/$api/resources/$rid/methods/GET/integration/responses/200" \
    '{"responseTemplates":{"application/json":"ok"}}' >/dev/null
  local deployment
  deployment="$(mgmt POST "/restapis/$api/deployments" "{\"stageName\":\"$STAGE\"}" | jq -r .id)"
  [[ -n "${WORK:-}" ]] && echo "$deployment" >"$WORK/deployments-$api"
  echo "$api"
}

# start_ok_backend: an nginx answering 200 "ok" to everything on 127.0.0.1:$BACKEND_PORT, files in $WORK/nginx;
# needs NGINX (its path) and log(); sets NGINX_PID. Exits when it does not answer within 10 s.
start_ok_backend() {
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
  for _ in $(seq 1 40); do curl -sf -o /dev/null -m 1 "http://127.0.0.1:$BACKEND_PORT/" && return 0; sleep 0.25; done
  log "backend nginx did not answer on 127.0.0.1:$BACKEND_PORT"; cat "$dir/logs/error.log" >&2; exit 1
}

# stop_started TAG: stops the processes a script started, listed in PIDS_TO_STOP as "name:pid" in start order,
# newest first: SIGTERM, up to 90 s, then SIGKILL. For the scripts' EXIT traps.
stop_started() {
  local tag="$1" i entry name pid
  for ((i=${#PIDS_TO_STOP[@]}-1; i>=0; i--)); do
    entry="${PIDS_TO_STOP[$i]}"; name="${entry%%:*}"; pid="${entry##*:}"
    if kill -0 "$pid" 2>/dev/null; then
      echo "[$tag] stopping $name (pid $pid)" >&2
      kill -TERM "$pid" 2>/dev/null
      for _ in $(seq 1 90); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      if kill -0 "$pid" 2>/dev/null; then
        echo "[$tag] $name did not stop in 90 s: SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null
      fi
      wait "$pid" 2>/dev/null
    fi
  done
}
