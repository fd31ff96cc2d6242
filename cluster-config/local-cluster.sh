# The launcher's `cluster` subcommands: N gateway nodes on one machine, node k on its own loopback
# address (127.0.0.k by default), all on the standard ports, sharing one embedded Cassandra.
# Sourced by ./gateway (which defines ROOT, MAIN_CLASS, CASSANDRA_CLASS, node_classpath and
# build_if_needed); not meant to be run by itself. Every wait is bounded.

DATA_DIR="$(mkdir -p "${GATEWAY_DATA_DIR:-$ROOT/data}" && cd "${GATEWAY_DATA_DIR:-$ROOT/data}" && pwd)"
CLUSTER_DIR="$DATA_DIR/cluster"
CLUSTER_ENV="$CLUSTER_DIR/cluster.env"
WAIT_SECONDS="${GATEWAY_CLUSTER_WAIT:-180}"
# Ports are the same on every node (each has its own address); env overrides apply to all nodes.
DATA_PORT="${GATEWAY_DATA_PORT:-8080}"
MANAGEMENT_PORT="${GATEWAY_MANAGEMENT_PORT:-8081}"
PEKKO_MANAGEMENT_PORT="${GATEWAY_MANAGEMENT_HTTP_PORT:-8558}"
PROMETHEUS_PORT="${GATEWAY_PROMETHEUS_PORT:-9095}"
REMOTING_PORT="${GATEWAY_REMOTING_PORT:-25520}"
STATUS_PAGE_PORT="${GATEWAY_STATUS_PAGE_PORT:-5266}"

cluster_usage() {
  echo "Usage: ./gateway cluster up N | add | stop K [--kill] | cassandra stop [--kill] | cassandra start | status | down" >&2
}

die() {
  echo "cluster: $*" >&2
  exit 1
}

now() { date +%s; }

# Node k's address: the (k-1)-th after GATEWAY_CLUSTER_FIRST_HOST (saved in cluster.env by `up`).
node_host() {
  local k="$1"
  echo "127.0.0.$((FIRST_OCTET + k - 1))"
}

node_dir() { echo "$CLUSTER_DIR/node-$1"; }

# PID from a pid file if that process is still alive, else nothing.
alive_pid() {
  local file="$1" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# The node numbers that have a folder, in order.
known_nodes() {
  local d
  for d in "$CLUSTER_DIR"/node-*; do
    if [[ -d "$d" ]]; then echo "${d##*/node-}"; fi
  done | sort -n
}

load_cluster_env() {
  [[ -f "$CLUSTER_ENV" ]] || die "no local cluster under $CLUSTER_DIR (start one with ./gateway cluster up N)"
  # shellcheck disable=SC1090
  source "$CLUSTER_ENV"
}

# True if something accepts TCP connections on host:port (including a 0.0.0.0 listener).
port_taken() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# This node's member status ("Up", "Leaving", ...) in a /cluster/members answer.
member_status() {
  local members="$1" address="$2"
  echo "$members" | tr '{' '\n' | grep -F "\"node\":\"$address\"" | sed -n 's/.*"status":"\([A-Za-z]*\)".*/\1/p' | head -1
}

node_address() { echo "pekko://apigw@$(node_host "$1"):$REMOTING_PORT"; }

start_cassandra() {
  local dir="$CLUSTER_DIR/cassandra" log="$CLUSTER_DIR/cassandra.log" pid started
  mkdir -p "$dir"
  if alive_pid "$CLUSTER_DIR/cassandra.pid" >/dev/null; then
    echo "Cassandra already running (pid $(cat "$CLUSTER_DIR/cassandra.pid"))"
    return
  fi
  started="$(now)"
  echo "Starting Cassandra on 127.0.0.1:$CASSANDRA_PORT (data $dir)..."
  # The background job truncates the log only once it runs; an old log must not look ready.
  rm -f "$log"
  # The launcher JVM waits for Cassandra's JVM and stops it on SIGTERM (shutdown hook).
  GATEWAY_CASSANDRA_DATA_DIR="$dir" GATEWAY_CASSANDRA_PORT="$CASSANDRA_PORT" \
    GATEWAY_CASSANDRA_STORAGE_PORT="$CASSANDRA_STORAGE_PORT" \
    setsid nohup java -cp "$(node_classpath)" "$CASSANDRA_CLASS" >"$log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$CLUSTER_DIR/cassandra.pid"
  while ! grep -q "Cassandra ready on" "$log" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$CLUSTER_DIR/cassandra.pid"
      tail -20 "$log" >&2
      die "Cassandra did not start (log: $log)"
    fi
    if (($(now) - started > WAIT_SECONDS)); then
      tail -20 "$log" >&2
      die "Cassandra did not answer within ${WAIT_SECONDS}s (log: $log); stop it with ./gateway cluster down"
    fi
    sleep 1
  done
  if grep -q "not started by this process" "$log"; then
    # Someone else's Cassandra answers on that port; use it but never stop it.
    rm -f "$CLUSTER_DIR/cassandra.pid"
    echo "Reusing the Cassandra already answering on 127.0.0.1:$CASSANDRA_PORT (not stopped by cluster down)"
  else
    echo "Cassandra ready after $(($(now) - started)) s"
  fi
}

# Starts node k in the background, joining through the given seed list (host:port,...).
start_node() {
  local k="$1" seeds="$2" host dir port
  host="$(node_host "$k")"
  dir="$(node_dir "$k")"
  if alive_pid "$dir/pid" >/dev/null; then
    die "node $k is already running (pid $(cat "$dir/pid"))"
  fi
  for port in "$DATA_PORT" "$MANAGEMENT_PORT" "$PEKKO_MANAGEMENT_PORT" "$PROMETHEUS_PORT" "$REMOTING_PORT" "$STATUS_PAGE_PORT"; do
    port_taken "$host" "$port" && die "$host:$port is already in use (a 0.0.0.0 listener counts); node $k cannot start"
  done
  mkdir -p "$dir"
  # Kamon's status page follows GATEWAY_BIND_HOST like every server, so the nodes' pages do not clash.
  # shellcheck disable=SC2086
  # Each node writes its own access and execution logs, in its folder.
  GATEWAY_BIND_HOST="$host" GATEWAY_SEED_NODES="$seeds" \
    GATEWAY_ACCESS_LOG="$dir/access.log" GATEWAY_EXECUTION_LOG_DIR="$dir" \
    GATEWAY_CASSANDRA_CONTACT_POINTS="127.0.0.1:$CASSANDRA_PORT" \
    setsid nohup java -Dconfig.resource=gateway/local-cluster.conf -Djdk.attach.allowAttachSelf=true \
      -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 $(node_gc_flags) -Xms"${GATEWAY_NODE_HEAP:-512m}" \
      -Xmx"${GATEWAY_NODE_HEAP:-512m}" ${JAVA_OPTS:-} \
      -cp "$(node_classpath)" "$MAIN_CLASS" >"$dir/node.log" 2>&1 </dev/null &
  echo $! >"$dir/pid"
  echo "$(now)" >"$dir/started-at"
  echo "Started node $k (pid $!) on $host, log $dir/node.log"
}

# Waits until node k answers /ready and lists itself Up in /cluster/members.
wait_up() {
  local k="$1" host dir pid started members status
  host="$(node_host "$k")"
  dir="$(node_dir "$k")"
  started="$(cat "$dir/started-at")"
  while true; do
    pid="$(alive_pid "$dir/pid")" || {
      tail -30 "$dir/node.log" >&2
      die "node $k exited during start (log: $dir/node.log)"
    }
    if curl -sf -m 2 -o /dev/null "http://$host:$PEKKO_MANAGEMENT_PORT/ready"; then
      members="$(curl -sf -m 2 "http://$host:$PEKKO_MANAGEMENT_PORT/cluster/members" || true)"
      status="$(member_status "$members" "$(node_address "$k")")"
      if [[ "$status" == "Up" ]]; then
        echo "Node $k is Up after $(($(now) - started)) s"
        return
      fi
    fi
    if (($(now) - started > WAIT_SECONDS)); then
      tail -30 "$dir/node.log" >&2
      die "node $k (pid $pid) not Up within ${WAIT_SECONDS}s (log: $dir/node.log)"
    fi
    sleep 1
  done
}

print_urls() {
  local k host
  for k in "$@"; do
    host="$(node_host "$k")"
    echo "  node $k: data http://$host:$DATA_PORT  management http://$host:$MANAGEMENT_PORT" \
      " health http://$host:$PEKKO_MANAGEMENT_PORT/ready  members http://$host:$PEKKO_MANAGEMENT_PORT/cluster/members" \
      " metrics http://$host:$PROMETHEUS_PORT/metrics"
  done
}

# Sends the signal to node k and waits (bounded) for its process to end.
stop_node() {
  local k="$1" signal="$2" dir pid started
  dir="$(node_dir "$k")"
  pid="$(alive_pid "$dir/pid")" || {
    echo "node $k is not running"
    return 0
  }
  started="$(now)"
  kill "-$signal" "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    if (($(now) - started > 60)); then
      echo "node $k (pid $pid) still runs 60 s after SIG$signal; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.2
  done
  echo "Node $k stopped (SIG$signal) after $(($(now) - started)) s"
}

cluster_up() {
  local n="${1:-}" k started seed first
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { cluster_usage; die "up needs the number of nodes, e.g. ./gateway cluster up 3"; }
  first="${GATEWAY_CLUSTER_FIRST_HOST:-127.0.0.1}"
  [[ "$first" =~ ^127\.0\.0\.([0-9]+)$ ]] || die "GATEWAY_CLUSTER_FIRST_HOST=$first (expected: 127.0.0.x; only loopback addresses)"
  FIRST_OCTET="${BASH_REMATCH[1]}"
  ((FIRST_OCTET >= 1 && FIRST_OCTET + n - 1 <= 254)) || die "127.0.0.$FIRST_OCTET plus $n nodes goes past 127.0.0.254"
  for k in $(known_nodes 2>/dev/null); do
    if alive_pid "$(node_dir "$k")/pid" >/dev/null; then
      die "node $k of an earlier cluster still runs; ./gateway cluster down first"
    fi
  done
  CASSANDRA_PORT="${GATEWAY_CASSANDRA_PORT:-9042}"
  CASSANDRA_STORAGE_PORT="${GATEWAY_CASSANDRA_STORAGE_PORT:-7000}"
  build_if_needed
  mkdir -p "$CLUSTER_DIR"
  rm -rf "$CLUSTER_DIR"/node-*
  cat >"$CLUSTER_ENV" <<ENV
FIRST_OCTET=$FIRST_OCTET
CASSANDRA_PORT=$CASSANDRA_PORT
CASSANDRA_STORAGE_PORT=$CASSANDRA_STORAGE_PORT
ENV
  started="$(now)"
  start_cassandra
  # Node 1 is the seed: it forms the cluster; the others join through it.
  seed="$(node_host 1):$REMOTING_PORT"
  for ((k = 1; k <= n; k++)); do
    start_node "$k" "$seed"
  done
  for ((k = 1; k <= n; k++)); do
    wait_up "$k"
  done
  echo "All $n nodes Up, $(($(now) - started)) s after start:"
  print_urls $(seq 1 "$n")
  echo "Cassandra: 127.0.0.1:$CASSANDRA_PORT; stop everything with ./gateway cluster down"
}

cluster_add() {
  local k last seeds="" j
  load_cluster_env
  last="$(known_nodes | tail -1)"
  k=$((${last:-0} + 1))
  ((FIRST_OCTET + k - 1 <= 254)) || die "no loopback address left for node $k"
  # Any running node can let it in; list them all so it joins whichever answers first.
  for j in $(known_nodes); do
    if alive_pid "$(node_dir "$j")/pid" >/dev/null; then
      seeds="${seeds:+$seeds,}$(node_host "$j"):$REMOTING_PORT"
    fi
  done
  [[ -n "$seeds" ]] || die "no running node to join; ./gateway cluster up N starts a new cluster"
  build_if_needed
  start_node "$k" "$seeds"
  wait_up "$k"
  print_urls "$k"
}

cluster_stop() {
  local k="${1:-}" signal=TERM
  [[ "$k" =~ ^[1-9][0-9]*$ ]] || { cluster_usage; die "stop needs a node number"; }
  if [[ "${2:-}" == "--kill" ]]; then
    signal=KILL
  elif [[ -n "${2:-}" ]]; then
    cluster_usage
    die "unknown option ${2}"
  fi
  load_cluster_env
  [[ -d "$(node_dir "$k")" ]] || die "no node $k in $CLUSTER_DIR"
  stop_node "$k" "$signal"
}

cluster_status() {
  local k dir pid host ready members status view=""
  load_cluster_env
  printf '%-6s %-11s %-8s %-7s %s\n' node address pid ready "member status (as the node sees itself)"
  for k in $(known_nodes); do
    dir="$(node_dir "$k")"
    host="$(node_host "$k")"
    if pid="$(alive_pid "$dir/pid")"; then
      ready="$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://$host:$PEKKO_MANAGEMENT_PORT/ready" || true)"
      members="$(curl -sf -m 2 "http://$host:$PEKKO_MANAGEMENT_PORT/cluster/members" || true)"
      status="$(member_status "$members" "$(node_address "$k")")"
      [[ -z "$view" && -n "$members" ]] && view="$members"
    else
      pid="dead"
      ready="-"
      status="-"
    fi
    printf '%-6s %-11s %-8s %-7s %s\n' "$k" "$host" "$pid" "$ready" "${status:--}"
  done
  if [[ -n "$view" ]]; then
    echo "Cluster as the first running node sees it:"
    echo "$view" | tr '{' '\n' | sed -n 's/.*"node":"\([^"]*\)".*"status":"\([A-Za-z]*\)".*/  \1 \2/p'
    echo "$view" | grep -o '"unreachable":\[[^]]*\]' | sed 's/^/  /'
  fi
  if pid="$(alive_pid "$CLUSTER_DIR/cassandra.pid")"; then
    echo "Cassandra: pid $pid on 127.0.0.1:$CASSANDRA_PORT"
  else
    echo "Cassandra: not running from this folder"
  fi
}

cluster_down() {
  local k pids=() pid started
  load_cluster_env
  for k in $(known_nodes); do
    if pid="$(alive_pid "$(node_dir "$k")/pid")"; then
      kill -TERM "$pid"
      pids+=("$pid")
    fi
  done
  started="$(now)"
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null; do
      if (($(now) - started > 60)); then
        echo "pid $pid still runs 60 s after SIGTERM; sending SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null || true
      fi
      sleep 0.2
    done
  done
  echo "${#pids[@]} node(s) stopped after $(($(now) - started)) s"
  stop_cassandra TERM
}

# Stops the cluster's Cassandra, if this folder started it: SIGTERM to its launcher (Cassandra drains and
# exits), or KILL: SIGKILL to Cassandra's own JVM, as a crash (the launcher then exits by itself).
stop_cassandra() {
  local signal="$1" pid started child
  pid="$(alive_pid "$CLUSTER_DIR/cassandra.pid")" || return 0
  started="$(now)"
  if [[ "$signal" == KILL ]]; then
    for child in $(pgrep -P "$pid" || true); do kill -KILL "$child" 2>/dev/null || true; done
  else
    kill -TERM "$pid"
  fi
  while kill -0 "$pid" 2>/dev/null; do
    if (($(now) - started > 90)); then
      echo "Cassandra launcher (pid $pid) still runs 90 s after SIG$signal; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.5
  done
  rm -f "$CLUSTER_DIR/cassandra.pid"
  echo "Cassandra stopped (SIG$signal) after $(($(now) - started)) s"
}

# Stops or starts only the cluster's Cassandra while the nodes keep running (what happens without the store:
# cluster-config/README.md, "Cassandra unavailable").
cluster_cassandra() {
  load_cluster_env
  case "${1:-} ${2:-}" in
    "stop ") stop_cassandra TERM ;;
    "stop --kill") stop_cassandra KILL ;;
    "start ")
      build_if_needed
      start_cassandra
      ;;
    *) cluster_usage; die "cassandra needs stop [--kill] or start" ;;
  esac
}

cluster_main() {
  local sub="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$sub" in
    up) cluster_up "$@" ;;
    add) cluster_add ;;
    stop) cluster_stop "$@" ;;
    cassandra) cluster_cassandra "$@" ;;
    status) cluster_status ;;
    down) cluster_down ;;
    *) cluster_usage; exit 2 ;;
  esac
}
