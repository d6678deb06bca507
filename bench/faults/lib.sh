#!/usr/bin/env bash
# Shared by the fault scenarios (bench/faults/*.sh): the backend jar started and killed by PID, a private Redis and a
# private PostgreSQL cluster to stop and restart (never the shared services on 5432 and 6379), the client
# (Faults.java) compiled once, and the marks (epoch ms of each fault) the client judges the answers against.
set -euo pipefail
FAULTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$FAULTS/../.." && pwd)
. "$ROOT/scripts/java-home.sh" # the JDK 25 the jar is built for: java and javac below are its
JAR=${FAULTS_JAR:-$ROOT/gateway/target/eventchat.jar}
HEAP=${FAULTS_HEAP:-512m}
REDIS_PORT=${FAULTS_REDIS_PORT:-6399}
PG_PORT=${FAULTS_PG_PORT:-5499}
PG_BIN=${FAULTS_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
PG_DIR=${FAULTS_PG_DIR:-/tmp/faults-pg-$PG_PORT}
ADMIN_USER=faultadmin
ADMIN_PASSWORD=faultadmin-password
RESULTS=${FAULTS_RESULTS:-$FAULTS/results}
WORK=$(mktemp -d /tmp/faults-XXXXXX)
MARKS=$WORK/marks
: > "$MARKS"
declare -A NODE_PID=()
declare -A NODE_PORT=()
REDIS_PID=
PG_STARTED=0

say() { echo "[$(date +%H:%M:%S)] $*" >&2; }
now_ms() { date +%s%3N; }
mark() { echo "$1 $(now_ms)" >> "$MARKS"; }
psql_at() { # PORT DB SQL...
  local port=$1 db=$2; shift 2
  psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"
}
recreate_db() { # PORT DB
  psql_at "$1" postgres -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)" -c "CREATE DATABASE $2"
}
drop_db() { # PORT DB
  [ "${FAULTS_KEEP:-0}" = 1 ] || psql_at "$1" postgres -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)" || true
}

# the client and a private copy of the jar (a rebuild during the run cannot change it)
prepare() {
  if [ ! -f "$JAR" ]; then
    echo "no $JAR: build it first (./mvnw -B -q -DskipTests package)" >&2
    exit 2
  fi
  cp "$JAR" "$WORK/eventchat.jar"
  javac -nowarn -d "$WORK/classes" "$FAULTS/Faults.java"
  mkdir -p "$RESULTS"
}

# client MODE --option value ...: the fault client, never running longer than CLIENT_LIMIT seconds
client() {
  timeout "${CLIENT_LIMIT:-600}" java -Xms128m -Xmx512m -cp "$WORK/classes" Faults "$@"
}

# start_node NAME PORT DB_URL [ENV=VALUE ...]: starts (or restarts) a backend and waits until health says UP
start_node() {
  local name=$1 port=$2 url=$3; shift 3
  NODE_PORT[$name]=$port
  # the management port beside each node's own (two nodes run at once; the default, 8081, would clash)
  env CHAT_PORT="$port" CHAT_MANAGEMENT_PORT="$((port + 10000))" CHAT_DB_URL="$url" CHAT_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
      CHAT_PUSH_CHANNEL="chat:push:faults" CHAT_JWT_SECRET=fault-suite-secret-of-at-least-32-bytes \
      CHAT_JWT_ACCESS_TTL=15m CHAT_SEED_DEFAULT_DATA=false CHAT_ADMIN_USERNAME=$ADMIN_USER \
      CHAT_ADMIN_PASSWORD=$ADMIN_PASSWORD CHAT_ATTACHMENTS_DIR="$WORK/attachments" \
      CHAT_RATE_LIMIT_WRITES=1000000 CHAT_RATE_LIMIT_REGISTRATIONS_PER_CLIENT=1000000 "$@" \
      java -Xms"$HEAP" -Xmx"$HEAP" -Daxoniq.update-checker.disabled=true -jar "$WORK/eventchat.jar" \
      >> "$WORK/$name.log" 2>&1 &
  NODE_PID[$name]=$!
  wait_healthy "$name"
}

wait_healthy() { # NAME
  local name=$1 port=${NODE_PORT[$1]}
  for _ in $(seq 1 $((${FAULTS_START_TIMEOUT:-180} * 10))); do
    if curl -fs --max-time 2 "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      return 0
    fi
    if ! kill -0 "${NODE_PID[$name]}" 2>/dev/null; then
      echo "node $name died; its log: $WORK/$name.log" >&2
      tail -n 30 "$WORK/$name.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "node $name was not healthy in ${FAULTS_START_TIMEOUT:-180} s; its log: $WORK/$name.log" >&2
  return 1
}

kill9_node() { # NAME
  local pid=${NODE_PID[$1]}
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  NODE_PID[$1]=
}

stop_node() { # NAME
  local pid=${NODE_PID[$1]:-}
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  NODE_PID[$1]=
}

# ---- a private Redis on REDIS_PORT
start_redis() {
  if redis-cli -p "$REDIS_PORT" ping > /dev/null 2>&1; then
    echo "port $REDIS_PORT already answers Redis: set FAULTS_REDIS_PORT to a free port" >&2
    return 1
  fi
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
    --logfile "$WORK/redis.log" &
  REDIS_PID=$!
  for _ in $(seq 1 100); do
    redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.1
  done
  echo "the private Redis did not start, see $WORK/redis.log" >&2
  return 1
}

stop_redis() {
  if [ -n "$REDIS_PID" ] && kill -0 "$REDIS_PID" 2>/dev/null; then
    redis-cli -p "$REDIS_PORT" shutdown nosave > /dev/null 2>&1 || kill "$REDIS_PID"
    wait "$REDIS_PID" 2>/dev/null || true
  fi
  REDIS_PID=
}

# ---- a private PostgreSQL cluster on PG_PORT (initdb once; the shared cluster on 5432 is never touched)
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_private_pg() {
  if [ ! -f "$PG_DIR/PG_VERSION" ]; then
    mkdir -p "$PG_DIR"
    [ "$(id -u)" != 0 ] || chown postgres "$PG_DIR"
    as_postgres "$PG_BIN/initdb" -D "$PG_DIR" -U postgres -A trust --no-sync > "$WORK/initdb.log" 2>&1
  fi
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=100" start > /dev/null
  PG_STARTED=1
}

stop_private_pg() { # [MODE: fast]
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR" -m "${1:-fast}" -w -t 60 stop > /dev/null
}

cleanup() {
  for name in "${!NODE_PID[@]}"; do stop_node "$name"; done
  stop_redis
  if [ "$PG_STARTED" = 1 ] && [ -f "$PG_DIR/postmaster.pid" ]; then stop_private_pg fast || true; fi
  if [ "${FAULTS_KEEP:-0}" = 1 ]; then echo "kept: $WORK" >&2; else rm -rf "$WORK/classes" "$WORK/eventchat.jar"; fi
}
trap cleanup EXIT

# keep_logs SCENARIO: the nodes' logs and the client's records beside the result (bench/faults/results/STAMP-SCENARIO)
keep_logs() {
  local dir=$RESULTS/${FAULTS_STAMP:-$(date +%Y%m%d-%H%M%S)}-$1
  mkdir -p "$dir"
  cp "$WORK"/*.log "$WORK"/*.tsv "$WORK"/*.json "$MARKS" "$dir"/ 2>/dev/null || true
  echo "records and logs: $dir" >&2
}
