#!/usr/bin/env bash
# Real-time push from outside: post→frame latency at 100 and 1,000 msg/s, and fan-out of one room to 1,000
# subscribed STOMP sessions. Starts the backend (heap pinned) on a database of its own; prints markdown rows.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DB=chat_bench_push
PORT=${BENCH_PORT:-8585}
BASE=http://127.0.0.1:$PORT
build_jar
recreate_db $DB
start_app "$PORT" $DB CHAT_WS_MAX_SUBSCRIPTIONS=10 CHAT_BCRYPT_STRENGTH=10
BENCH="java -Xmx1g $ROOT/bench/loadgen/PushBench.java"
$BENCH latency "$BASE" 100 10
$BENCH latency "$BASE" 1000 10
$BENCH fanout "$BASE" 1000 20 10
stop_app
$PSQL -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
