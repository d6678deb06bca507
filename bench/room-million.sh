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
create_million_room "$PORT" $DB "$EVENTS"

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
