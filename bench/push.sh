#!/usr/bin/env bash
# Real-time push from outside: post→frame latency at 100 and 1,000 msg/s offered (open loop), and fan-out of one
# room to 1,000 subscribed STOMP sessions. Starts the backend (heap pinned) on a database of its own; prints
# markdown rows. bench/run-all.sh runs these and every other scenario.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DB=${BENCH_DB_PREFIX:-chat_bench}_push
PORT=${BENCH_PORT:-8585}
BASE=http://127.0.0.1:$PORT
build_jar
recreate_db $DB
APP_LABEL=push start_app "$PORT" $DB CHAT_WS_MAX_SUBSCRIPTIONS=10 CHAT_BCRYPT_STRENGTH=10
BENCH="java -Xmx1g $ROOT/bench/loadgen/Bench.java"
$BENCH rate --base "$BASE" --pid "$APP_PID" --rate 100 --seconds 10
$BENCH rate --base "$BASE" --pid "$APP_PID" --rate 1000 --seconds 10
$BENCH fanout --base "$BASE" --pid "$APP_PID" --sessions 1000 --rate 20 --seconds 10
stop_app
$PSQL -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
