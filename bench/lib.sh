#!/usr/bin/env bash
# Helpers shared by the benchmark scripts: start/stop the backend jar against a database of the benchmark's own.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR=${BENCH_JAR:-$ROOT/gateway/target/eventchat.jar}
HEAP=${BENCH_HEAP:-512m}
PSQL="psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres"

RUN_JAR=/tmp/eventchat-bench-$$.jar

# builds the jar if there is none, and runs a private copy of it, so a rebuild during a run cannot corrupt it
build_jar() {
  if [ ! -f "$JAR" ]; then (cd "$ROOT" && ./mvnw -B -q -DskipTests clean package); fi
  cp "$JAR" "$RUN_JAR"
}

recreate_db() { # name
  $PSQL -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
}

# start_app PORT DB [ENV=VALUE ...]: starts the backend in the background, waits for health; APP_PID is set.
start_app() {
  local port=$1 db=$2; shift 2
  env CHAT_PORT="$port" CHAT_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" CHAT_REDIS_URL=redis://127.0.0.1:6379/${BENCH_REDIS_DB:-9} \
      CHAT_JWT_SECRET=benchmark-secret-of-at-least-32-bytes CHAT_SEED_DEFAULT_DATA=false \
      CHAT_RATE_LIMIT_WRITES=1000000 CHAT_RATE_LIMIT_REGISTRATIONS_PER_CLIENT=1000000 "$@" \
      java -Xms"$HEAP" -Xmx"$HEAP" -Daxoniq.update-checker.disabled=true -jar "$RUN_JAR" > "/tmp/bench-app-$port.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$port/actuator/health" > /dev/null 2>&1; then return 0; fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo "backend died, see /tmp/bench-app-$port.log" >&2; return 1; fi
    sleep 0.5
  done
  echo "backend did not become healthy" >&2
  return 1
}

# whatever happens, do not leave a backend running
trap 'stop_app; rm -f "$RUN_JAR"' EXIT

stop_app() {
  if [ -n "${APP_PID:-}" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=
}

# json_field FIELD: reads JSON on stdin, prints a top-level or dotted field
json_field() {
  python3 -c 'import json,sys; v=json.load(sys.stdin)
for k in sys.argv[1].split("."): v=v[k]
print(v)' "$1"
}

register() { # port username -> prints "userId token"
  curl -fs -XPOST "http://127.0.0.1:$1/api/auth/register" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"email\":\"$2@bench.local\",\"password\":\"password-$2\"}" |
    python3 -c 'import json,sys; b=json.load(sys.stdin); print(b["user"]["id"], b["accessToken"])'
}
