#!/usr/bin/env bash
# Ten parallel 10 MiB uploads against the running backend (heap pinned), sampling the heap every 50 ms with
# jstat: uploads are streamed to disk, so the heap must not grow by anything near 10 x 10 MiB.
# Usage: bash bench/upload-memory.sh   (writes bench/results/upload-memory.txt)
source "$(dirname "$0")/lib.sh"
PORT=${BENCH_PORT:-18093}
DB=chat_bench_upload
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

heap_used_kb() { # S0U S1U EU OU of jstat -gc, summed
  jstat -gc "$APP_PID" | awk 'NR==2 {printf "%d\n", $3+$4+$6+$8}'
}
jcmd "$APP_PID" GC.run > /dev/null
sleep 1
BASE=$(heap_used_kb)

jstat -gc "$APP_PID" 50 > "$WORK/jstat.txt" &
SAMPLER=$!
START=$(date +%s.%N)
for i in $(seq 1 10); do
  curl -s -o "$WORK/answer-$i.json" -w '%{http_code}\n' -H "Authorization: Bearer $TOKEN" \
    -F "file=@$WORK/big.pdf;filename=big-$i.pdf" "http://127.0.0.1:$PORT/api/attachments" > "$WORK/status-$i" &
done
wait $(jobs -p | grep -v "^$SAMPLER\$") 2>/dev/null || true
END=$(date +%s.%N)
sleep 0.3
kill $SAMPLER 2>/dev/null || true
RSS_KB=$(ps -o rss= -p "$APP_PID" | tr -d ' ')

OK=$(cat "$WORK"/status-* | grep -c '^201$' || true)
PEAK=$(awk 'NR>1 && $1 ~ /^[0-9.]+$/ {u=$3+$4+$6+$8; if (u>m) m=u} END {printf "%d\n", m}' "$WORK/jstat.txt")
{
  echo "upload-memory $(date -u +%FT%TZ) heap=-Xmx$HEAP jar=$(basename "$JAR")"
  echo "uploads accepted (201): $OK of 10, 10 MiB each, in $(python3 -c "print(round($END-$START,2))") s"
  echo "heap used after GC before: $((BASE / 1024)) MiB"
  echo "heap used peak during uploads (incl. garbage not yet collected): $((PEAK / 1024)) MiB"
  echo "peak growth: $(((PEAK - BASE) / 1024)) MiB (holding the files would need 100 MiB)"
  echo "process RSS after: $((RSS_KB / 1024)) MiB"
} | tee "$OUT"
rm -rf "$WORK"
