#!/usr/bin/env bash
# Rebuild of the rooms projection (rooms, participants, messages, frames, attachments) over a room of 1,000,000 events (events/s), against this machine's ceiling
# measured in the same run: a set-based INSERT ... SELECT copy of the same events into a table shaped like `message`.
# Prints a markdown table. BENCH_EVENTS, BENCH_BATCHES (rebuild batch sizes to try), BENCH_REBUILD_TIMEOUT (seconds, 3 h)
# and BENCH_HEAP tune it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DB=${BENCH_DB_PREFIX:-chat_bench}_rebuild
PORT=${BENCH_PORT:-8384}
EVENTS=${BENCH_EVENTS:-1000000}
BATCHES=${BENCH_BATCHES:-"1000 5000"}
ADMIN=benchadmin
ADMIN_PASSWORD=benchadmin-password

build_jar
recreate_db $DB
APP_LABEL=rebuild-load start_app "$PORT" $DB CHAT_ADMIN_USERNAME=$ADMIN CHAT_ADMIN_PASSWORD=$ADMIN_PASSWORD
create_million_room "$PORT" $DB "$EVENTS"
TOTAL=$($PSQL -d $DB -At -c "SELECT count(*) FROM domain_event_entry")

# the ceiling: the same events copied set-based, in one statement, into a table like the projection's
CEILING_MS=$($PSQL -d $DB -At <<'SQL' | tail -n 1
CREATE TABLE bench_message (LIKE message INCLUDING ALL);
CREATE TEMP TABLE t0 AS SELECT clock_timestamp() AS at;
INSERT INTO bench_message (id, room_id, seq, sender_id, content, created_at, deleted, version)
SELECT (p->>'messageId')::uuid, (p->>'roomId')::uuid, (p->>'seq')::bigint, (p->>'senderId')::uuid, p->>'content',
       (p->>'at')::timestamptz, false, (p->>'seq')::bigint
FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domain_event_entry
      WHERE payload_type = 'io.eventchat.api.message.MessagePosted') e;
SELECT round(extract(epoch FROM clock_timestamp() - at) * 1000) FROM t0;
SQL
)
$PSQL -d $DB -c "DROP TABLE bench_message"

echo "| run | events | seconds | events/s | share of the ceiling |"
echo "|---|---|---|---|---|"
python3 - "$TOTAL" "$CEILING_MS" <<'PY'
import sys
events, ms = int(sys.argv[1]), float(sys.argv[2])
print(f"| ceiling: INSERT ... SELECT of the same events into a `message`-shaped table | {events} | {ms/1000:.1f} | {events/(ms/1000):.0f} | 1.00 |")
PY

for batch in $BATCHES; do
  APP_LABEL=rebuild-$batch start_app "$PORT" $DB CHAT_ADMIN_USERNAME=$ADMIN CHAT_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    SPRING_APPLICATION_JSON="{\"chat\":{\"rebuild\":{\"batch-size\":$batch}}}"
  ADMIN_TOKEN=$(curl -fs -XPOST "http://127.0.0.1:$PORT/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$ADMIN\",\"password\":\"$ADMIN_PASSWORD\"}" | json_field accessToken)
  watch_start "$APP_PID"
  START=$(date +%s.%N)
  curl -fs -o /dev/null -XPOST "http://127.0.0.1:$PORT/api/admin/projections/rooms/rebuild" \
    -H "Authorization: Bearer $ADMIN_TOKEN"
  while true; do
    if [ "$(python3 -c "print(int($(date +%s.%N) - $START))")" -gt "${BENCH_REBUILD_TIMEOUT:-10800}" ]; then
      echo "rebuild still running after ${BENCH_REBUILD_TIMEOUT:-10800} s (BENCH_REBUILD_TIMEOUT), giving up" >&2; exit 1
    fi
    STATE=$(curl -fs "http://127.0.0.1:$PORT/api/admin/projections" -H "Authorization: Bearer $ADMIN_TOKEN" |
      python3 -c 'import json,sys; print(next(p["lastRebuild"] for p in json.load(sys.stdin) if p["name"]=="rooms"))')
    [ "$STATE" = "RUNNING" ] || break
    sleep 0.2
  done
  END=$(date +%s.%N)
  watch_stop
  USAGE=$WATCH_RESULT
  [ "$STATE" = "DONE" ] || { echo "rebuild ended $STATE, see /tmp/bench-app-$PORT.log" >&2; exit 1; }
  ROWS=$($PSQL -d $DB -At -c "SELECT count(*) FROM message")
  stop_app
  python3 - "$batch" "$TOTAL" "$START" "$END" "$CEILING_MS" "$ROWS" "$USAGE" <<'PY'
import json, os, sys
batch, events, start, end, ceiling_ms, rows = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
usage = json.loads(sys.argv[7])
seconds = end - start
rate = events / seconds
ceiling = events / (ceiling_ms / 1000)
print(f"| rebuild of `rooms`, batches of {batch} ({rows} message rows after) | {events} | {seconds:.1f} | {rate:.0f} | {rate / ceiling:.2f} |")
if os.environ.get("BENCH_RESULTS_JSONL"):
    result = {"id": "5", "key": f"rebuild-{batch}", "name": f"Projection rebuild of `rooms` over {events} events, batches of {batch}",
              "result": f"{rate:.0f} events/s", "throughput": rate, "unit": "events/s", "share_of_copy": rate / ceiling,
              "notes": f"{seconds:.1f} s, {rows} message rows after (state polled every 200 ms); set-based INSERT … SELECT of the same "
                       f"events {ceiling:.0f} rows/s, so {rate / ceiling:.3f} of that", **usage}
    with open(os.environ["BENCH_RESULTS_JSONL"], "a") as f:
        f.write(json.dumps(result) + "\n")
PY
done
$PSQL -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
