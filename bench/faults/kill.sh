#!/usr/bin/env bash
# Fault 1: kill -9 of the server under load (32 senders over 8 rooms, each post with a clientMessageId), then a
# restart. Proves: every post answered 2xx is in the event store exactly once, each room's events run seq 1..n with
# no gap or duplicate (in domain_event_entry and through GET …/events and …/messages), and the posts left unanswered
# by the kill, retried with their clientMessageId after the restart, are created at most once (201 if the kill came
# before their commit, 200 with the original message if after; a second retry answers 200 again).
#   bash bench/faults/kill.sh          (SENDERS, ROOMS, LOAD_SECONDS; FAULTS_KEEP=1 keeps the database and records)
source "$(dirname "$0")/lib.sh"
SENDERS=${SENDERS:-32}
ROOMS=${ROOMS:-8}
LOAD_SECONDS=${LOAD_SECONDS:-10}
PORT=${FAULTS_KILL_PORT:-8690}
DB=chat_faults_kill
BASE=http://127.0.0.1:$PORT
URL=jdbc:postgresql://127.0.0.1:5432/$DB

prepare
start_redis
recreate_db 5432 "$DB"
say "kill: starting the server on :$PORT (database $DB)"
start_node server "$PORT" "$URL"
client setup --base "$BASE" --senders "$SENDERS" --rooms "$ROOMS" --state "$WORK/state" \
  --admin "$ADMIN_USER:$ADMIN_PASSWORD"
say "kill: $SENDERS senders over $ROOMS rooms for $LOAD_SECONDS s, then kill -9"
client load --state "$WORK/state" --bases "$BASE" --out "$WORK/posts.tsv" --stop-file "$WORK/stop" \
  --timeout 10 --max-seconds 300 &
LOAD=$!
sleep "$LOAD_SECONDS"
mark kill
kill9_node server
sleep 1 # the senders see the connection refused and keep their unanswered post to retry
touch "$WORK/stop"
wait "$LOAD"
say "kill: restarting"
mark restart
start_node server "$PORT" "$URL"
mark healthy
client retry --state "$WORK/state" --base "$BASE" --posts "$WORK/posts.tsv" --out "$WORK/retried.tsv"
set +e
client verify --scenario kill --state "$WORK/state" --base "$BASE" --posts "$WORK/posts.tsv,$WORK/retried.tsv" \
  --psql "host=127.0.0.1 port=5432 dbname=$DB user=postgres" --marks "$MARKS" --result-json "$WORK/result.json"
STATUS=$?
set -e
keep_logs kill
stop_node server
drop_db 5432 "$DB"
exit $STATUS
