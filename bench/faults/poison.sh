#!/usr/bin/env bash
# Fault 4: the poison event. A MessagePosted is appended straight into domain_event_entry (an SQL INSERT, past the API
# and the aggregate's rules) while a trigger on the read table refuses it: a database error that aborts the
# projection's transaction, like the NUL character of issue #13. Proves: the other rooms' messages and frames flow
# on, the poisoned room's later events wait behind it, the dead letters are listed in GET /api/admin/dead-letters with
# their cause, the rooms projection shows DEGRADED in /api/admin/projections, in health and in the dead-letter gauge,
# a retry before the fix changes nothing, and after the fix (the trigger dropped) a retry delivers them all in order,
# frames included, and the projection is RUNNING again.
#   bash bench/faults/poison.sh        (ROOMS, BEHIND, POSTS per healthy room)
source "$(dirname "$0")/lib.sh"
PORT=${FAULTS_POISON_PORT:-8694}
DB=chat_faults_poison
BASE=http://127.0.0.1:$PORT

prepare
start_redis
recreate_db 5432 "$DB"
say "poison: starting the server on :$PORT (database $DB)"
start_node server "$PORT" "jdbc:postgresql://127.0.0.1:5432/$DB"
set +e
client poison --base "$BASE" --metrics "http://127.0.0.1:$((PORT + 10000))" --psql "host=127.0.0.1 port=5432 dbname=$DB user=postgres" \
  --admin "$ADMIN_USER:$ADMIN_PASSWORD" --rooms "${ROOMS:-4}" --behind "${BEHIND:-3}" --posts "${POSTS:-20}" \
  --result-json "$WORK/result.json"
STATUS=$?
set -e
keep_logs poison
stop_node server
drop_db 5432 "$DB"
exit $STATUS
