#!/usr/bin/env bash
# A room with 1,000,000 events: PostMessage latency through HTTP with and without snapshots (and with the
# aggregate cache off, so every command loads the room). Prints a markdown table.
#
# The events are written straight into the event store (as MessagePosted of the room, with the room's sequence
# continuing), and the processors' tokens are moved past them, so projections do not spend the run catching up.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DB=chat_bench_room
PORT=${BENCH_PORT:-8383}
EVENTS=${BENCH_EVENTS:-1000000}
SAMPLES=${BENCH_SAMPLES:-30}

build_jar
recreate_db $DB
start_app "$PORT" $DB
read -r USER_ID TOKEN < <(register "$PORT" bencher)
ROOM=$(curl -fs -XPOST "http://127.0.0.1:$PORT/api/rooms" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"name":"million","type":"GROUP","participantIds":[]}' | json_field id)
stop_app

echo "loading $EVENTS events into room $ROOM" >&2
$PSQL -d $DB <<SQL
INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, payload, payload_type,
                                time_stamp, meta_data)
SELECT '$ROOM', s + 1, 'ChatRoom', gen_random_uuid()::text,
       convert_to(json_build_object('roomId', '$ROOM', 'seq', s + 2, 'messageId', gen_random_uuid(),
           'senderId', '$USER_ID', 'content', 'benchmark message ' || s, 'clientMessageId', null,
           'replyToMessageId', null, 'attachmentIds', json_build_array(), 'at', '2026-11-25T00:00:00Z')::text, 'UTF8'),
       'io.eventchat.api.message.MessagePosted', '2026-11-25T00:00:00Z', convert_to('{}', 'UTF8')
FROM generate_series(1, $EVENTS) s;
UPDATE token_entry SET token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken',
       token = convert_to('{"index":' || (SELECT max(global_index) FROM domain_event_entry) || ',"gaps":[]}', 'UTF8'),
       owner = NULL;
ANALYZE domain_event_entry;
SQL

post() { # prints seconds
  curl -fs -o /dev/null -w '%{time_total}\n' -XPOST "http://127.0.0.1:$PORT/api/rooms/$ROOM/messages" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"content":"measured"}'
}

measure() { # label samples env...
  local label=$1 samples=$2; shift 2
  start_app "$PORT" $DB "$@"
  local first
  first=$(post)
  local rest=()
  for _ in $(seq 1 "$samples"); do rest+=("$(post)"); done
  stop_app
  python3 - "$label" "$first" "${rest[@]}" <<'PY'
import statistics, sys
label, first, rest = sys.argv[1], float(sys.argv[2]), sorted(float(x) for x in sys.argv[3:])
def pct(p):
    return rest[min(len(rest) - 1, int(round(p / 100 * (len(rest) - 1))))]
print(f"| {label} | {first*1000:.0f} | {statistics.median(rest)*1000:.1f} | {pct(99)*1000:.1f} | {len(rest)} |")
PY
}

echo "| configuration | first command (ms) | p50 (ms) | p99 (ms) | samples |"
echo "|---|---|---|---|---|"
$PSQL -d $DB -c "DELETE FROM snapshot_event_entry"
measure "no snapshots, no aggregate cache (every command replays $EVENTS events)" 3 \
  CHAT_SNAPSHOT_ROOM_THRESHOLD=2000000000 CHAT_ROOM_CACHE=false
measure "snapshots every 250 events, no aggregate cache" "$SAMPLES" CHAT_ROOM_CACHE=false
measure "snapshots every 250 events + aggregate cache (default)" "$SAMPLES"
$PSQL -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
