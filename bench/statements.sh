#!/usr/bin/env bash
# What one posted message costs the database: statement executions, transactions (commits) and WAL fsyncs per message,
# and the statements that make them up. Counted by pg_stat_statements, which needs a server started with it preloaded,
# so this script starts a private PostgreSQL cluster of its own (port STATEMENTS_PG_PORT, 5497) and runs the backend
# against it; the machine's shared PostgreSQL is not touched.
#
#   bash bench/statements.sh                                     # the built jar
#   BENCH_JAR=/tmp/eventchat-baseline.jar bash bench/statements.sh   # another build, for a before/after
#
# Two loads, each after a reset of the counters, with the backend's background work (heartbeats, token claims)
# included: "single" (one sender, STATEMENTS_SINGLE sequential posts into one room: nothing to group) and "e2e"
# (STATEMENTS_SENDERS senders over as many rooms, closed loop, a subscriber per room, STATEMENTS_SECONDS s). The
# counts stop once the projections have caught up (every message's frame delivered, then 3 s). Results go to stdout
# and, under bench/run-all.sh, to its results file.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
set +e

PG_BIN=${STATEMENTS_PG_BIN:-/usr/lib/postgresql/15/bin}
export BENCH_PG_PORT=${STATEMENTS_PG_PORT:-5497}
PORT=${BENCH_PORT:-8686}
SINGLE=${STATEMENTS_SINGLE:-500}
SENDERS=${STATEMENTS_SENDERS:-64}
SECONDS_E2E=${STATEMENTS_SECONDS:-20}
DB=chat_statements
PG_WORK=$(mktemp -d /tmp/bench-statements-XXXXXX)
chmod 755 "$PG_WORK"
P=(psql -X -q -At -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres -v ON_ERROR_STOP=1)

pg_ctl_() { (cd /tmp && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_WORK/pg" "$@"); }
cleanup() {
  watch_stop; stop_app
  [ -f "$PG_WORK/pg/postmaster.pid" ] && pg_ctl_ -m fast -w stop > /dev/null 2>&1
  rm -rf "$RUN_JAR" "$PG_WORK" "${LOADGEN_DIR:-}"
}
trap cleanup EXIT

say() { echo "[$(date +%H:%M:%S)] $*" >&2; }

if ss -Hltn "sport = :$BENCH_PG_PORT" | grep -q .; then echo "port $BENCH_PG_PORT is in use (STATEMENTS_PG_PORT)" >&2; exit 2; fi
mkdir -p "$PG_WORK/pg" "$PG_WORK/sock" "$PG_WORK/log"
chown postgres: "$PG_WORK/pg" "$PG_WORK/sock" "$PG_WORK/log" && chmod 700 "$PG_WORK/pg"
(cd /tmp && runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_WORK/pg" -A trust -U postgres > "$PG_WORK/log/initdb.log") ||
  { cat "$PG_WORK/log/initdb.log"; exit 1; }
# the settings of a stock server, plus the statement statistics
pg_ctl_ -l "$PG_WORK/log/postgres.log" -w -t 60 start -o "-p $BENCH_PG_PORT -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories=$PG_WORK/sock -c max_connections=200 -c shared_preload_libraries=pg_stat_statements \
  -c pg_stat_statements.max=5000 -c pg_stat_statements.track=top -c track_io_timing=off" > /dev/null ||
  { cat "$PG_WORK/log/postgres.log"; exit 1; }
"${P[@]}" -c "CREATE DATABASE $DB" || exit 1
"${P[@]}" -d "$DB" -c "CREATE EXTENSION pg_stat_statements" || exit 1

build_jar
LOADGEN_DIR=$(mktemp -d /tmp/bench-statements-loadgen-XXXXXX)
javac -d "$LOADGEN_DIR" "$ROOT/bench/loadgen/Bench.java" || exit 1
APP_LABEL=statements start_app "$PORT" "$DB" || exit 1
BASE=http://127.0.0.1:$PORT

posted() {
  "${P[@]}" -d "$DB" -c "SELECT count(*) FROM domain_event_entry WHERE payload_type = 'io.eventchat.api.message.MessagePosted'"
}

reset() {
  "${P[@]}" -d "$DB" -c "SELECT pg_stat_statements_reset()" -c "SELECT pg_stat_reset()" \
    -c "SELECT pg_stat_reset_shared('wal')" > /dev/null
}

# count LABEL MESSAGES: prints and records the counts since the last reset
count() {
  local label=$1 messages=$2
  "${P[@]}" -d "$DB" -F $'\t' -c "
    SELECT 'statements', coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = '$DB' AND query NOT LIKE '%pg_stat%'
    UNION ALL SELECT 'commits', xact_commit FROM pg_stat_database WHERE datname = '$DB'
    UNION ALL SELECT 'rollbacks', xact_rollback FROM pg_stat_database WHERE datname = '$DB'
    UNION ALL SELECT 'wal_syncs', wal_sync FROM pg_stat_wal
    UNION ALL SELECT 'wal_bytes', wal_bytes::bigint FROM pg_stat_wal" > "$PG_WORK/totals.tsv"
  "${P[@]}" -d "$DB" -F $'\t' -c "
    SELECT calls, regexp_replace(left(query, 140), '\s+', ' ', 'g') FROM pg_stat_statements s
      JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '$DB' AND query NOT LIKE '%pg_stat%'
      ORDER BY calls DESC LIMIT 25" > "$PG_WORK/top.tsv"
  python3 - "$label" "$messages" "$PG_WORK/totals.tsv" "$PG_WORK/top.tsv" <<'PY'
import json, os, sys
label, messages, totals, top = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
t = {k: float(v) for k, v in (line.rstrip("\n").split("\t") for line in open(totals) if line.strip())}
per = lambda k: t[k] / messages if messages else float("nan")
print(f"\n{label}: {messages} messages; per message: {per('statements'):.1f} statement executions, "
      f"{per('commits'):.2f} commits, {per('wal_syncs'):.2f} WAL fsyncs, {per('wal_bytes') / 1024:.1f} KiB of WAL "
      f"({int(t['rollbacks'])} rollbacks)")
rows = [line.rstrip("\n").split("\t", 1) for line in open(top) if line.strip()]
print(f"\n| {label}: executions per message | statement |\n|---:|---|")
for calls, query in rows:
    text = query.replace("|", "\\|")
    print(f"| {int(calls) / messages if messages else 0:.2f} | `{text}` |")
if os.environ.get("BENCH_RESULTS_JSONL"):
    with open(os.environ["BENCH_RESULTS_JSONL"], "a") as f:
        f.write(json.dumps({"id": "S", "key": f"statements-{label}", "name": f"Database work per posted message ({label})",
                            "result": f"{per('statements'):.1f} statements, {per('commits'):.2f} commits, "
                                      f"{per('wal_syncs'):.2f} fsyncs", "messages": messages,
                            "statements_per_message": per("statements"), "commits_per_message": per("commits"),
                            "fsyncs_per_message": per("wal_syncs"),
                            "notes": "pg_stat_statements on a private cluster; background work included; top: "
                                     + "; ".join(f"{int(c) / messages:.2f}× {q[:60]}" for c, q in rows[:8])}) + "\n")
PY
}

say "statements: single sender, $SINGLE posts into one room"
reset
before=$(posted)
timeout 900 env -u BENCH_RESULTS_JSONL java -Xmx512m -cp "$LOADGEN_DIR" Bench single --base "$BASE" --count "$SINGLE" --warmup-count 0 \
  --id S --key statements-single-load --name "statements: single" > "$PG_WORK/single.out" 2>&1 ||
  { cat "$PG_WORK/single.out"; exit 1; }
sleep 3
count single $(( $(posted) - before ))

say "statements: $SENDERS senders over $SENDERS rooms, closed loop with subscribers, $SECONDS_E2E s"
# the counters start once the rooms, their participants and the subscriptions are set up and projected
timeout 900 env -u BENCH_RESULTS_JSONL java -Xmx1g -cp "$LOADGEN_DIR" Bench e2e --base "$BASE" --senders "$SENDERS" \
  --rooms "$SENDERS" --seconds "$SECONDS_E2E" --warmup 0 --drain 30 --ready-file "$PG_WORK/ready" --ready-pause 6 \
  --id S --key statements-e2e-load --name "statements: e2e" > "$PG_WORK/e2e.out" 2>&1 &
loadgen=$!
for _ in $(seq 1 600); do [ -f "$PG_WORK/ready" ] || ! kill -0 "$loadgen" 2>/dev/null && break; sleep 0.5; done
sleep 4
reset
before=$(posted)
wait "$loadgen" || { cat "$PG_WORK/e2e.out"; exit 1; }
tail -1 "$PG_WORK/e2e.out"
sleep 3
count e2e $(( $(posted) - before ))
