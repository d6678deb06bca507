#!/usr/bin/env bash
# Fault 2: PostgreSQL restarted under load (a private cluster on FAULTS_PG_PORT, 5499: the shared one on 5432 is never
# touched). Proves: while it is down every request is answered 503 with a problem code within the client's timeout
# (10 s), never a 500 or a hang; once it is back the same server process answers 201 again, its projections catch up
# and its STOMP sessions get every frame, and nothing answered 2xx is lost or doubled (posts refused with 503 are
# retried by the senders with the same clientMessageId, as a client does). Readiness is sampled throughout.
#   bash bench/faults/postgres.sh      (SENDERS, ROOMS, LOAD_SECONDS, OUTAGE_SECONDS, AFTER_SECONDS)
source "$(dirname "$0")/lib.sh"
SENDERS=${SENDERS:-32}
ROOMS=${ROOMS:-8}
LOAD_SECONDS=${LOAD_SECONDS:-10}
OUTAGE_SECONDS=${OUTAGE_SECONDS:-10}
AFTER_SECONDS=${AFTER_SECONDS:-20}
PORT=${FAULTS_PG_SERVER_PORT:-8691}
DB=chat_faults_pg
BASE=http://127.0.0.1:$PORT
URL=jdbc:postgresql://127.0.0.1:$PG_PORT/$DB

prepare
start_private_pg
recreate_db "$PG_PORT" "$DB"
start_redis
say "postgres: starting the server on :$PORT (private PostgreSQL on :$PG_PORT, database $DB)"
start_node server "$PORT" "$URL"
client setup --base "$BASE" --senders "$SENDERS" --rooms "$ROOMS" --state "$WORK/state" \
  --admin "$ADMIN_USER:$ADMIN_PASSWORD"
client load --state "$WORK/state" --bases "$BASE" --out "$WORK/posts.tsv" --stop-file "$WORK/stop" \
  --timeout 10 --max-seconds 600 --watch "$BASE" --frames "$WORK/frames.tsv" --drain 60 \
  --health "$BASE" --health-out "$WORK/health.tsv" &
LOAD=$!
sleep "$LOAD_SECONDS"
say "postgres: stopping PostgreSQL (pg_ctl -m fast) for $OUTAGE_SECONDS s"
mark pg_down
stop_private_pg fast
sleep "$OUTAGE_SECONDS"
start_private_pg
mark pg_up
say "postgres: PostgreSQL is back; load goes on for $AFTER_SECONDS s"
sleep "$AFTER_SECONDS"
touch "$WORK/stop"
wait "$LOAD"
set +e
client verify --scenario pg --state "$WORK/state" --base "$BASE" --posts "$WORK/posts.tsv" \
  --psql "host=127.0.0.1 port=$PG_PORT dbname=$DB user=postgres" --marks "$MARKS" \
  --frames "$WORK/frames.tsv" --frame-nodes "$BASE" --health-out "$WORK/health.tsv" --result-json "$WORK/result.json"
STATUS=$?
set -e
if ! kill -0 "${NODE_PID[server]}" 2>/dev/null; then
  echo "the server process did not survive the outage" >&2
  STATUS=1
fi
keep_logs postgres
stop_node server
drop_db "$PG_PORT" "$DB"
exit $STATUS
