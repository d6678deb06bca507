#!/usr/bin/env bash
# A room with 1,000,000 events: PostMessage latency through HTTP with and without snapshots (and with the
# aggregate cache off, so every command loads the room). Prints a markdown table.
#
# The events are written straight into the event store (as MessagePosted of the room, with the room's sequence
# continuing), and the processors' tokens are moved past them, so projections do not spend the run catching up.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DB=${BENCH_DB_PREFIX:-chat_bench}_room
PORT=${BENCH_PORT:-8383}
EVENTS=${BENCH_EVENTS:-1000000}
SAMPLES=${BENCH_SAMPLES:-30}
WARMUP=${BENCH_WARMUP:-200} # posts before the measured ones in each configuration with snapshots (JIT, pools, caches)

build_jar
recreate_db $DB
APP_LABEL=room-load start_app "$PORT" $DB
create_million_room "$PORT" $DB "$EVENTS"

post() { # prints seconds
  curl -fs -o /dev/null -w '%{time_total}\n' -XPOST "http://127.0.0.1:$PORT/api/rooms/$ROOM/messages" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"content":"measured"}'
}

measure() { # key label samples warmup env...
  local key=$1 label=$2 samples=$3 warmup=$4; shift 4
  APP_LABEL=room-$key start_app "$PORT" $DB "$@"
  local first
  first=$(post)
  for _ in $(seq 1 "$warmup"); do post > /dev/null; done
  local rest=()
  watch_start "$APP_PID"
  for _ in $(seq 1 "$samples"); do rest+=("$(post)"); done
  watch_stop
  local usage=$WATCH_RESULT
  stop_app
  local stats rate p50 p95 p99 n first_ms
  stats=$(python3 -c 'import sys
first, rest = float(sys.argv[1]), sorted(float(x) for x in sys.argv[2:])
pct = lambda p: rest[max(0, min(len(rest) - 1, -(-p * len(rest) // 100) - 1))] * 1000  # nearest rank
print(round(len(rest) / sum(rest), 2), round(pct(50), 1), round(pct(95), 1), round(pct(99), 1), len(rest), round(first * 1000))' \
    "$first" "${rest[@]}")
  read -r rate p50 p95 p99 n first_ms <<< "$stats"
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$first_ms" "$p50" "$p95" "$p99" "$n" \
    "$(echo "$usage" | json_field cpu_cores) cores, RSS peak $(echo "$usage" | json_field rss_peak_mib) MiB"
  emit_result "$usage" id=6 key="room-$key" name="A room with $EVENTS events: PostMessage, $label" \
    result="p99 $(printf '%.1f' "$p99") ms" throughput:="$rate" unit=msg/s p50_ms:="$p50" p95_ms:="$p95" p99_ms:="$p99" \
    samples:="$n" first_ms:="$first_ms" \
    notes="$n sequential posts after $warmup unmeasured ones, a curl each (new connection); the first command after the start took $first_ms ms"
}

echo "| configuration | first command (ms) | p50 (ms) | p95 (ms) | p99 (ms) | samples | server during the samples |"
echo "|---|---|---|---|---|---|---|"
$PSQL -d $DB -c "DELETE FROM snapshot_event_entry"
measure no-snapshots "no snapshots, no aggregate cache (every command replays $EVENTS events)" "${BENCH_NO_SNAPSHOT_SAMPLES:-3}" 0 \
  CHAT_SNAPSHOT_ROOM_THRESHOLD=2000000000 CHAT_ROOM_CACHE=false
measure snapshots "snapshots every 250 events, no aggregate cache" "$SAMPLES" "$WARMUP" CHAT_ROOM_CACHE=false
measure snapshots-cache "snapshots every 250 events + aggregate cache (default)" "$SAMPLES" "$WARMUP"
$PSQL -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
