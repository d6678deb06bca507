#!/usr/bin/env bash
# Helpers shared by the benchmark scripts: start/stop the backend jar against a database of the benchmark's own.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/scripts/java-home.sh" # the JDK 25 the jar is built for: java (and ./mvnw) below are its
JAR=${BENCH_JAR:-$ROOT/gateway/target/eventchat.jar}
HEAP=${BENCH_HEAP:-512m} # -Xmx of every backend start, and -Xms too unless BENCH_HEAP_MIN is set
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

# start_app PORT DB [ENV=VALUE ...]: starts the backend in the background, waits for health UP; sets APP_PID and
# STARTUP_SECONDS (process start → first healthy answer, polled every 100 ms). The heap is pinned (BENCH_HEAP, and
# BENCH_HEAP_MIN for a smaller -Xms);
# BENCH_JAVA_OPTS adds JVM options. BENCH_JFR=1 starts a flight recording (profile settings) once the backend is
# healthy, BENCH_JFR=all from the process start; either is dumped when the backend stops, into BENCH_JFR_DIR
# (default bench/results/jfr) as APP_LABEL-HHMMSS.jfr. bench/jfr-top.sh prints where the time went.
start_app() {
  local port=$1 db=$2; shift 2
  local java_opts=(-Xms"${BENCH_HEAP_MIN:-$HEAP}" -Xmx"$HEAP" -Daxoniq.update-checker.disabled=true)
  if [ -n "${BENCH_JAVA_OPTS:-}" ]; then read -r -a extra <<< "$BENCH_JAVA_OPTS"; java_opts+=("${extra[@]}"); fi
  JFR_FILE=
  if [ "${BENCH_JFR:-0}" != 0 ]; then
    local jfr_dir=${BENCH_JFR_DIR:-$ROOT/bench/results/jfr}
    mkdir -p "$jfr_dir"
    JFR_FILE=$jfr_dir/${APP_LABEL:-app}-$(date +%H%M%S).jfr
    if [ "$BENCH_JFR" = all ]; then
      java_opts+=("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$JFR_FILE")
    fi
  fi
  local started
  started=$(date +%s.%N)
  # the management port beside the backend's own: several backends (and other checkouts' runs) share the host
  env CHAT_PORT="$port" CHAT_MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-$((port + 10000))}" CHAT_DB_URL="jdbc:postgresql://127.0.0.1:${BENCH_PG_PORT:-5432}/$db" CHAT_REDIS_URL=redis://127.0.0.1:6379/${BENCH_REDIS_DB:-9} \
      CHAT_PUSH_CHANNEL="chat:push:bench-$port" \
      CHAT_JWT_SECRET=benchmark-secret-of-at-least-32-bytes CHAT_JWT_ACCESS_TTL=${BENCH_JWT_TTL:-15m} CHAT_SEED_DEFAULT_DATA=false \
      CHAT_RATE_LIMIT_WRITES=1000000 CHAT_RATE_LIMIT_REGISTRATIONS_PER_CLIENT=1000000 "$@" \
      java "${java_opts[@]}" -jar "$RUN_JAR" > "/tmp/bench-app-$port.log" 2>&1 &
  APP_PID=$!
  APP_LOG=/tmp/bench-app-$port.log
  APP_LOG_COPY=${APP_LABEL:-app}-$(date +%H%M%S).log
  for _ in $(seq 1 $((${BENCH_START_TIMEOUT:-300} * 10))); do
    if curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      STARTUP_SECONDS=$(python3 -c "import sys; print(round($(date +%s.%N) - $started, 2))")
      if [ -n "$JFR_FILE" ] && [ "$BENCH_JFR" != all ]; then
        jcmd "$APP_PID" JFR.start name=bench settings=profile dumponexit=true filename="$JFR_FILE" > /dev/null
      fi
      [ -z "$JFR_FILE" ] || echo "JFR: $JFR_FILE" >&2
      return 0
    fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo "backend died, see /tmp/bench-app-$port.log" >&2; return 1; fi
    sleep 0.1
  done
  echo "backend did not become healthy in ${BENCH_START_TIMEOUT:-300} s, see /tmp/bench-app-$port.log" >&2
  return 1
}

# whatever happens, do not leave a backend running
trap 'watch_stop; stop_app; rm -f "$RUN_JAR"' EXIT

# stops the backend started by start_app; with BENCH_APP_LOG_DIR set, keeps a copy of its log there
stop_app() {
  if [ -n "${APP_PID:-}" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  fi
  if [ -n "${APP_PID:-}" ] && [ -n "${BENCH_APP_LOG_DIR:-}" ] && [ -f "${APP_LOG:-}" ]; then
    mkdir -p "$BENCH_APP_LOG_DIR" && cp "$APP_LOG" "$BENCH_APP_LOG_DIR/$APP_LOG_COPY"
  fi
  APP_PID=
}

# watch_start PID: measures the process's CPU and RSS from now until watch_stop, which sets WATCH_RESULT to them as
# JSON (call it in the same shell, not in $(...), so it can wait for the sampler it started)
watch_start() {
  WATCH_OUT=$(mktemp /tmp/bench-watch-XXXXXX)
  python3 "$ROOT/bench/procwatch.py" "$1" "$WATCH_OUT" &
  WATCH_PID=$!
  sleep 0.2
}

watch_stop() {
  WATCH_RESULT=
  if [ -n "${WATCH_PID:-}" ]; then
    kill -TERM "$WATCH_PID" 2>/dev/null || true
    wait "$WATCH_PID" 2>/dev/null || true
    WATCH_RESULT=$(cat "$WATCH_OUT")
    rm -f "$WATCH_OUT"
  fi
  WATCH_PID=
}

# emit_result WATCH_JSON key=text key:=number ...: appends one result (merged with the CPU/RSS JSON of watch_stop,
# or "" for none) to $BENCH_RESULTS_JSONL when that is set (bench/run-all.sh sets it; bench/report.py reads it)
emit_result() {
  [ -n "${BENCH_RESULTS_JSONL:-}" ] || return 0
  python3 - "$BENCH_RESULTS_JSONL" "$@" <<'PY'
import json, sys
out, watch, pairs = sys.argv[1], sys.argv[2], sys.argv[3:]
result = {}
for pair in pairs:
    if ":=" in pair.split("=", 1)[0] + "=":
        key, value = pair.split(":=", 1)
        result[key] = float(value) if value not in ("", "nan", "None") else None
    else:
        key, value = pair.split("=", 1)
        result[key] = value
if watch.strip():
    result.update(json.loads(watch))
with open(out, "a") as f:
    f.write(json.dumps(result) + "\n")
PY
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

# create_million_room PORT DB EVENTS: registers `bencher`, creates a group room, stops the backend and writes EVENTS
# MessagePosted events of that room straight into the event store (the room's sequence continuing), moving the
# processors' tokens past them so the projections do not spend the run catching up. Sets USER_ID, TOKEN and ROOM.
create_million_room() {
  local port=$1 db=$2 events=$3
  read -r USER_ID TOKEN < <(register "$port" bencher)
  ROOM=$(curl -fs -XPOST "http://127.0.0.1:$port/api/rooms" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d '{"name":"million","type":"GROUP","participantIds":[]}' | json_field id)
  sleep 2 # let the projections take the room in before the tokens move
  stop_app
  echo "loading $events events into room $ROOM" >&2
  $PSQL -d "$db" <<SQL
INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, payload, payload_type,
                                time_stamp, meta_data)
SELECT '$ROOM', s + 1, 'ChatRoom', gen_random_uuid()::text,
       convert_to(json_build_object('roomId', '$ROOM', 'seq', s + 2, 'messageId', gen_random_uuid(),
           'senderId', '$USER_ID', 'content', 'benchmark message ' || s, 'clientMessageId', null,
           'replyToMessageId', null, 'attachmentIds', json_build_array(), 'at', '2026-11-25T00:00:00Z')::text, 'UTF8'),
       'io.eventchat.api.message.MessagePosted', '2026-11-25T00:00:00Z', convert_to('{}', 'UTF8')
FROM generate_series(1, $events) s;
UPDATE token_entry SET token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken',
       token = convert_to('{"index":' || (SELECT max(global_index) FROM domain_event_entry) || ',"gaps":[]}', 'UTF8'),
       owner = NULL;
ANALYZE domain_event_entry;
SQL
}
