#!/usr/bin/env bash
# scripts/aot-cache.sh JAR DIR: the backend as the image runs it, with its JDK AOT cache (JEP 483/514).
#   1. extracts JAR into DIR (DIR/eventchat.jar + DIR/lib/: the cache holds classes loaded from the class path, not
#      from jars nested in a jar) and puts deploy/backend/entrypoint.sh beside it;
#   2. a training run: the entrypoint with EVENTCHAT_AOT_TRAINING=1 (-XX:AOTCacheOutput, every other option as at
#      run time) on a scratch database until health is UP, a few requests of what the chat does (register, log in,
#      create a room, post and read messages, contacts, metrics), then a graceful stop: the JVM writes
#      DIR/eventchat.aot as it exits.
# Used by the Dockerfile's training stage, run.sh (after a build) and scripts/image-stage-check.sh.
# Needs PostgreSQL and Redis: AOT_DB_URL (default jdbc:postgresql://127.0.0.1:5432/chat_aot_training, created by the
# backend and dropped afterwards), AOT_DB_USER (postgres), AOT_DB_PASSWORD (empty), AOT_REDIS_URL
# (redis://127.0.0.1:6379/12); ports AOT_PORT (8688) and AOT_MANAGEMENT_PORT (8689). The java on PATH is the one the
# cache is for (the image's JRE, or JDK 25 from scripts/java-home.sh).
set -euo pipefail
JAR=${1:?usage: scripts/aot-cache.sh JAR DIR}
DIR=${2:?usage: scripts/aot-cache.sh JAR DIR}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ENTRYPOINT=${AOT_ENTRYPOINT:-$HERE/../deploy/backend/entrypoint.sh}
DB_URL=${AOT_DB_URL:-jdbc:postgresql://127.0.0.1:5432/chat_aot_training}
DB_USER=${AOT_DB_USER:-postgres}
DB_PASSWORD=${AOT_DB_PASSWORD:-}
PORT=${AOT_PORT:-8688}
MANAGEMENT_PORT=${AOT_MANAGEMENT_PORT:-8689}
API=http://127.0.0.1:$PORT/api

log() { echo "aot-cache: $*" >&2; }

rm -rf "$DIR"
mkdir -p "$DIR"
java -Djarmode=tools -jar "$JAR" extract --destination "$DIR" >/dev/null
cp "$ENTRYPOINT" "$DIR/entrypoint.sh"
chmod 755 "$DIR/entrypoint.sh"
[ -f "$DIR/eventchat.jar" ] && [ -d "$DIR/lib" ] || { log "extracting $JAR gave no eventchat.jar and lib/"; exit 1; }

db_name=${DB_URL##*/}
db_name=${db_name%%\?*}
hostport=${DB_URL#jdbc:postgresql://}
hostport=${hostport%%/*}
drop_db() {
  PGPASSWORD=$DB_PASSWORD psql -X -q -h "${hostport%%:*}" -p "${hostport##*:}" -U "$DB_USER" -d postgres \
    -c "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" >/dev/null
}
drop_db

WORK=$(mktemp -d)
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
  drop_db || true
}
trap cleanup EXIT

log "training run (the backend on $PORT, management $MANAGEMENT_PORT, database $db_name)"
env EVENTCHAT_AOT_TRAINING=1 CHAT_PORT="$PORT" CHAT_MANAGEMENT_PORT="$MANAGEMENT_PORT" CHAT_DB_URL="$DB_URL" \
    CHAT_DB_USER="$DB_USER" CHAT_DB_PASSWORD="$DB_PASSWORD" CHAT_REDIS_URL="${AOT_REDIS_URL:-redis://127.0.0.1:6379/12}" \
    CHAT_PUSH_CHANNEL="chat:push:aot-training-$$" CHAT_JWT_SECRET="aot-training-secret-of-at-least-32-bytes" \
    CHAT_ATTACHMENTS_DIR="$WORK/attachments" CHAT_SEED_DEFAULT_DATA=true \
    CHAT_ADMIN_USERNAME=aot_admin CHAT_ADMIN_PASSWORD=aot-admin-password \
    "$DIR/entrypoint.sh" >"$WORK/backend.log" 2>&1 &
PID=$!

for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then break; fi
  if ! kill -0 "$PID" 2>/dev/null; then tail -n 40 "$WORK/backend.log" >&2; log "the backend stopped"; exit 1; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health" | grep -q '"status":"UP"' \
  || { tail -n 40 "$WORK/backend.log" >&2; log "the backend did not become healthy"; exit 1; }

json_field() { grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | cut -d'"' -f4; } # the first one in the document
call() { # method path token [json]
  local method=$1 path=$2 token=$3 body=${4:-}
  local args=(-sS -o /dev/stdout -w '\n%{http_code}' -X "$method" "$API$path" -H 'Content-Type: application/json')
  [ -z "$token" ] || args+=(-H "Authorization: Bearer $token")
  [ -z "$body" ] || args+=(-d "$body")
  local out
  out=$(curl "${args[@]}")
  local status=${out##*$'\n'}
  case $status in 2*) printf '%s' "${out%$'\n'*}" ;; *) log "$method $path answered $status: ${out%$'\n'*}"; exit 1 ;; esac
}

for round in 1 2 3; do
  alice=$(call POST /auth/register "" "{\"username\":\"aot_alice_$round\",\"email\":\"alice$round@example.org\",\"password\":\"training-pass-1\"}")
  token=$(printf '%s' "$alice" | json_field accessToken)
  bob=$(call POST /auth/register "" "{\"username\":\"aot_bob_$round\",\"email\":\"bob$round@example.org\",\"password\":\"training-pass-1\"}")
  bob_id=$(printf '%s' "$bob" | json_field id) # AuthResponse starts with the user
  call POST /auth/login "" "{\"username\":\"aot_alice_$round\",\"password\":\"training-pass-1\"}" >/dev/null
  room=$(call POST /rooms "$token" "{\"name\":\"Training $round\",\"type\":\"GROUP\",\"participantIds\":[\"$bob_id\"]}" | json_field id)
  for i in $(seq 1 20); do
    call POST "/rooms/$room/messages" "$token" "{\"content\":\"training message $i\",\"clientMessageId\":\"t-$round-$i\"}" >/dev/null
  done
  call GET "/rooms/$room/messages?limit=50" "$token" >/dev/null
  call GET "/rooms/$room/messages/recent" "$token" >/dev/null
  call GET /rooms "$token" >/dev/null
  call GET /users/me "$token" >/dev/null
  call GET "/users?q=aot" "$token" >/dev/null
  call GET /contacts "$token" >/dev/null
  call GET "/rooms/$room/participants" "$token" >/dev/null
  curl -fsS "http://127.0.0.1:$MANAGEMENT_PORT/actuator/prometheus" >/dev/null
  curl -fsS "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null
done

log "stopping the training run; the JVM writes the cache as it exits"
kill -TERM "$PID"
wait "$PID" 2>/dev/null || true
PID=""
if [ ! -s "$DIR/eventchat.aot" ]; then
  tail -n 40 "$WORK/backend.log" >&2
  log "no AOT cache was written"
  exit 1
fi
rm -f "$DIR/eventchat.aot.config"
log "$DIR/eventchat.aot ($(du -h "$DIR/eventchat.aot" | cut -f1))"
