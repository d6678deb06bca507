#!/usr/bin/env bash
# Ten parallel 10 MiB uploads against the backend with its heap pinned (-Xms = -Xmx = BENCH_HEAP, default 256m).
# Uploads are streamed to disk, so the heap must not grow by anything near 10 x 10 MiB. Two rounds:
#  1. full speed: the heap sampled every 50 ms with jstat; its peak includes garbage not yet collected;
#  2. throttled (BENCH_RATE per upload, default 1M/s, so all ten are in flight together for ~10 s): every second
#     while they arrive, a class histogram (a full GC, then a census of what survived) gives the live heap, the
#     memory the ten in-flight uploads actually hold (a server buffering them in memory would hold ~50 MiB half-way).
# Usage: bash bench/upload-memory.sh   (writes bench/results/upload-memory.txt)
source "$(dirname "$0")/lib.sh"
PORT=${BENCH_PORT:-18093}
DB=chat_bench_upload
RATE=${BENCH_RATE:-1M}
OUT=$ROOT/bench/results/upload-memory.txt
WORK=$(mktemp -d)
mkdir -p "$ROOT/bench/results"

build_jar
recreate_db $DB
HEAP=${BENCH_HEAP:-256m}
start_app "$PORT" "$DB" CHAT_ATTACHMENTS_DIR="$WORK/store"

read -r _ TOKEN < <(register "$PORT" uploader)
python3 - "$WORK/big.pdf" <<'PY'
import sys
size = 10 * 1024 * 1024
head, tail = b"%PDF-1.4\n", b"\n%%EOF\n"
with open(sys.argv[1], "wb") as f:
    f.write(head + b" " * (size - len(head) - len(tail)) + tail)
PY

mib() { awk -v kb="$1" 'BEGIN {printf "%.1f", kb / 1024}'; }
live_kb() { # live objects: GC.class_histogram runs a full GC and totals what survives, in one step (jstat read
  # after a separate GC.run also counts what the uploads allocated in between)
  jcmd "$APP_PID" GC.class_histogram | awk '$1 == "Total" {printf "%d\n", $3 / 1024}'
}
gc_count() { # young + full + concurrent collections so far
  jstat -gc "$APP_PID" | awk 'NR==2 {printf "%d\n", $13+$15+$17}'
}

# uploads ten copies in parallel (curl options in "$@"); sets UP_PIDS, one status file per upload
start_uploads() { # round
  local round=$1; shift
  UP_PIDS=()
  for i in $(seq 1 10); do
    curl -s "$@" -o "$WORK/answer-$round-$i.json" -w '%{http_code}\n' -H "Authorization: Bearer $TOKEN" \
      -F "file=@$WORK/big.pdf;filename=big-$round-$i.pdf" "http://127.0.0.1:$PORT/api/attachments" \
      > "$WORK/status-$round-$i" &
    UP_PIDS+=($!)
  done
}
accepted() { cat "$WORK"/status-"$1"-* | grep -c '^201$' || true; }

# warm-up: one upload, so class loading and JIT of the path do not count as growth
curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -F "file=@$WORK/big.pdf" "http://127.0.0.1:$PORT/api/attachments"
sleep 1
BASE=$(live_kb)

# round 1: full speed
GC_BEFORE=$(gc_count)
jstat -gc "$APP_PID" 50 > "$WORK/jstat.txt" &
SAMPLER=$!
START=$(date +%s.%N)
start_uploads fast
wait "${UP_PIDS[@]}"
END=$(date +%s.%N)
sleep 0.3
kill $SAMPLER; wait $SAMPLER 2>/dev/null || true
GC_FAST=$(( $(gc_count) - GC_BEFORE ))
PEAK=$(awk 'NR>1 && $1 ~ /^[0-9.]+$/ {u=$3+$4+$6+$8; if (u>m) m=u} END {printf "%d\n", m}' "$WORK/jstat.txt")
AFTER_FAST=$(live_kb)
OK_FAST=$(accepted fast)
SECS_FAST=$(python3 -c "print(round($END-$START,2))")

# round 2: throttled, ten uploads in flight at once, live heap measured while they are
START=$(date +%s.%N)
start_uploads slow --limit-rate "$RATE"
LIVE_MAX=0; SAMPLES=0
while kill -0 "${UP_PIDS[@]}" 2>/dev/null; do
  sleep 1
  kill -0 "${UP_PIDS[@]}" 2>/dev/null || break # only while all ten are still in flight
  L=$(live_kb); SAMPLES=$((SAMPLES + 1))
  [ "$L" -gt "$LIVE_MAX" ] && LIVE_MAX=$L
done
wait "${UP_PIDS[@]}"
END=$(date +%s.%N)
OK_SLOW=$(accepted slow)
SECS_SLOW=$(python3 -c "print(round($END-$START,2))")
AFTER_SLOW=$(live_kb)
STORED=$(find "$WORK/store" -type f -not -path '*/incoming/*' | wc -l)
RSS_KB=$(ps -o rss= -p "$APP_PID" | tr -d ' ')

{
  echo "upload-memory $(date -u +%FT%TZ) heap -Xms$HEAP -Xmx$HEAP, jar $(basename "$JAR"), $(nproc) cores"
  echo
  echo "| measure | MiB |"
  echo "|---|---|"
  echo "| live heap before (after one warm-up upload) | $(mib "$BASE") |"
  echo "| full speed: 10 x 10 MiB in ${SECS_FAST} s, $OK_FAST/10 accepted, $GC_FAST collections | |"
  echo "| &nbsp; heap used peak, sampled every 50 ms (garbage included) | $(mib "$PEAK") (+$(mib $((PEAK - BASE)))) |"
  echo "| &nbsp; live heap after | $(mib "$AFTER_FAST") (+$(mib $((AFTER_FAST - BASE)))) |"
  echo "| throttled to $RATE/s each: 10 x 10 MiB in ${SECS_SLOW} s, $OK_SLOW/10 accepted | |"
  echo "| &nbsp; live heap while all ten were in flight, the highest of $SAMPLES censuses | $(mib "$LIVE_MAX") (+$(mib $((LIVE_MAX - BASE)))) |"
  echo "| &nbsp; live heap after | $(mib "$AFTER_SLOW") (+$(mib $((AFTER_SLOW - BASE)))) |"
  echo "| holding ten uploads in memory would need | 100 |"
  echo
  echo "files in storage: $STORED (1 warm-up + 20); process RSS after: $(mib "$RSS_KB") MiB"
} | tee "$OUT"
rm -rf "$WORK"
