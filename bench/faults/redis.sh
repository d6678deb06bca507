#!/usr/bin/env bash
# Fault 3: Redis stopped under load, two nodes (a private redis-server on FAULTS_REDIS_PORT, 6399: the shared one on
# 6379 is never touched). Node A starts first and holds every segment of the rooms projection, so every frame is
# published on A: A's STOMP sessions get them in-process, B's through Redis. Senders post through both nodes.
# Proves: posts keep answering 201 while Redis is down; A's sessions keep getting every frame without delay (the
# node-local fallback); B's sessions get the frames they missed once Redis is back (the relay fills the gap from the
# stored timeline) and every frame exactly once, in order; /actuator/health shows Redis not UP (DEGRADED) while
# readiness and the overall status stay UP; nothing answered is lost or doubled.
#   bash bench/faults/redis.sh         (SENDERS, ROOMS, LOAD_SECONDS, OUTAGE_SECONDS, AFTER_SECONDS)
source "$(dirname "$0")/lib.sh"
SENDERS=${SENDERS:-32}
ROOMS=${ROOMS:-8}
LOAD_SECONDS=${LOAD_SECONDS:-10}
OUTAGE_SECONDS=${OUTAGE_SECONDS:-15}
AFTER_SECONDS=${AFTER_SECONDS:-15}
PORT_A=${FAULTS_REDIS_PORT_A:-8692}
PORT_B=${FAULTS_REDIS_PORT_B:-8693}
DB=chat_faults_redis
A=http://127.0.0.1:$PORT_A
B=http://127.0.0.1:$PORT_B
URL=jdbc:postgresql://127.0.0.1:5432/$DB

rooms_owners() {
  psql_at 5432 "$DB" -c "SELECT count(*) FILTER (WHERE owner IS NULL) || ' ' || count(DISTINCT owner) || ' ' ||
                                coalesce(min(owner), '-') FROM token_entry WHERE processor_name = 'rooms'"
}

prepare
start_redis
recreate_db 5432 "$DB"
say "redis: starting node A on :$PORT_A"
start_node a "$PORT_A" "$URL"
OWNER=
for _ in $(seq 1 300); do
  read -r unclaimed owners owner <<< "$(rooms_owners)"
  if [ "$unclaimed" = 0 ] && [ "$owners" = 1 ]; then OWNER=$owner; break; fi
  sleep 0.1
done
[ -n "$OWNER" ] || { echo "node A did not claim every segment of the rooms projection" >&2; exit 1; }
say "redis: node A holds every rooms segment; starting node B on :$PORT_B"
start_node b "$PORT_B" "$URL"
client setup --base "$A" --senders "$SENDERS" --rooms "$ROOMS" --state "$WORK/state" \
  --admin "$ADMIN_USER:$ADMIN_PASSWORD"
client load --state "$WORK/state" --bases "$A,$B" --out "$WORK/posts.tsv" --stop-file "$WORK/stop" \
  --timeout 10 --max-seconds 600 --watch "$A,$B" --frames "$WORK/frames.tsv" --drain 60 \
  --health "$A,$B" --health-out "$WORK/health.tsv" &
LOAD=$!
sleep "$LOAD_SECONDS"
say "redis: stopping Redis for $OUTAGE_SECONDS s"
mark redis_down
stop_redis
sleep "$OUTAGE_SECONDS"
mark redis_starting
start_redis
mark redis_up
say "redis: Redis is back; load goes on for $AFTER_SECONDS s"
sleep "$AFTER_SECONDS"
touch "$WORK/stop"
wait "$LOAD"
set +e
client verify --scenario redis --state "$WORK/state" --base "$A" --posts "$WORK/posts.tsv" \
  --psql "host=127.0.0.1 port=5432 dbname=$DB user=postgres" --marks "$MARKS" \
  --frames "$WORK/frames.tsv" --frame-nodes "$A,$B" --local-node "$A" --max-delay-ms 3000 \
  --health-out "$WORK/health.tsv" --result-json "$WORK/result.json"
STATUS=$?
set -e
read -r unclaimed owners owner <<< "$(rooms_owners)"
if [ "$owners" != 1 ] || [ "$owner" != "$OWNER" ]; then
  echo "the rooms segments moved during the run (owners now: $owners, $owner): A was not the only publisher" >&2
  STATUS=1
fi
keep_logs redis
stop_node b
stop_node a
drop_db 5432 "$DB"
exit $STATUS
