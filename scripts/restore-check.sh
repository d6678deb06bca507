#!/usr/bin/env bash
# CI: the backup and restore path of docs/operations.md, on a small store.
#   1. a backend on a fresh database (chat_ops_source): accounts, a room, messages (one edited, one deleted), a
#      contact and an uploaded image attached to a message, all through the API;
#   2. scripts/backup.sh while it runs, and a copy of its attachments directory;
#   3. scripts/restore.sh into a fresh database (chat_ops_restored), Redis emptied, a second backend on it with the
#      attachments copy;
#   4. the admin rebuild API for every projection, then: the room's messages are the same (ids, order, content, the
#      edit and the deletion), the users can log in with their passwords, the contact and the attachment's bytes are
#      there, and every projection is RUNNING with lag 0.
# Ports 8682-8685, Redis db 10, databases chat_ops_source and chat_ops_restored.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. scripts/java-home.sh
JAR=gateway/target/eventchat.jar
[ -f "$JAR" ] || { echo "restore-check: no $JAR: build it first" >&2; exit 1; }

WORK=$(mktemp -d)
PID=""
export PGHOST=127.0.0.1 PGUSER=postgres
log() { printf '\n== restore-check: %s\n' "$*"; }
die() { echo "restore-check: $*" >&2; exit 1; }
drop() { psql -X -q -d postgres -c "DROP DATABASE IF EXISTS chat_ops_source WITH (FORCE)" \
           -c "DROP DATABASE IF EXISTS chat_ops_restored WITH (FORCE)" >/dev/null; }
cleanup() {
  local status=$?
  [ -z "$PID" ] || { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; }
  if [ "$status" -ne 0 ]; then for f in "$WORK"/*.log; do [ -f "$f" ] && { echo "--- last lines of $f"; tail -n 30 "$f"; }; done; fi
  drop || true
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
drop
redis-cli -n 10 flushdb >/dev/null

start() { # database attachments-dir log
  env CHAT_PORT=8682 CHAT_MANAGEMENT_PORT=8683 CHAT_DB_URL="jdbc:postgresql://127.0.0.1:5432/$1" \
      CHAT_REDIS_URL=redis://127.0.0.1:6379/10 CHAT_PUSH_CHANNEL="chat:push:ops-restore-$$" \
      CHAT_JWT_SECRET=restore-check-secret-of-at-least-32-bytes CHAT_ATTACHMENTS_DIR="$2" \
      CHAT_SEED_DEFAULT_DATA=false CHAT_ADMIN_USERNAME=ops_admin CHAT_ADMIN_PASSWORD=ops-admin-password \
      java -Xmx384m -Daxoniq.update-checker.disabled=true -jar "$JAR" >"$3" 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do
    curl -fsS http://127.0.0.1:8683/actuator/health 2>/dev/null | grep -q '"status":"UP"' && return 0
    kill -0 "$PID" 2>/dev/null || die "the backend stopped"
    sleep 0.5
  done
  die "the backend did not become healthy"
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }

API=http://127.0.0.1:8682/api
req() { # method path token [json] -> body; fails on a status other than 2xx
  local args=(-fsS -X "$1" "$API$2")
  [ -z "$3" ] || args+=(-H "Authorization: Bearer $3")
  [ -z "${4:-}" ] || args+=(-H 'Content-Type: application/json' -d "$4")
  curl "${args[@]}"
}
login() { req POST /auth/login "" "{\"username\":\"$1\",\"password\":\"$2\"}" | jq -r .accessToken; }

log "1. a store made through the API"
start chat_ops_source "$WORK/attachments" "$WORK/source.log"
alice=$(req POST /auth/register "" '{"username":"restore_alice","email":"alice@example.org","password":"alice-pass-1"}')
bob=$(req POST /auth/register "" '{"username":"restore_bob","email":"bob@example.org","password":"bob-pass-1"}')
A=$(jq -r .accessToken <<<"$alice"); BOB_ID=$(jq -r .user.id <<<"$bob")
req PUT "/contacts/$BOB_ID" "$A" >/dev/null
ROOM=$(req POST /rooms "$A" "{\"name\":\"Backed up\",\"type\":\"GROUP\",\"participantIds\":[\"$BOB_ID\"]}" | jq -r .id)
for i in $(seq 1 30); do
  req POST "/rooms/$ROOM/messages" "$A" "{\"content\":\"message $i\",\"clientMessageId\":\"r-$i\"}" >/dev/null
done
python3 -c 'import base64,sys; sys.stdout.buffer.write(base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="))' > "$WORK/dot.png"
UPLOAD=$(curl -fsS -XPOST "$API/attachments" -H "Authorization: Bearer $A" -F "file=@$WORK/dot.png;type=image/png" | jq -r .id)
req POST "/rooms/$ROOM/messages" "$A" "{\"content\":\"with a file\",\"clientMessageId\":\"r-file\",\"attachmentIds\":[\"$UPLOAD\"]}" >/dev/null
history() { req GET "/rooms/$ROOM/messages?limit=100" "$1" | jq -S '[.items[] | {id, seq, senderId, content, deleted, edited: (.editedAt != null), attachments: [.attachments[]?.id]}]'; }
FIRST=$(req GET "/rooms/$ROOM/messages?limit=100" "$A" | jq -r '.items | map(select(.content == "message 1"))[0].id')
SECOND=$(req GET "/rooms/$ROOM/messages?limit=100" "$A" | jq -r '.items | map(select(.content == "message 2"))[0].id')
req PATCH "/messages/$FIRST" "$A" '{"content":"message 1, edited"}' >/dev/null
curl -fsS -o /dev/null -X DELETE "$API/messages/$SECOND" -H "Authorization: Bearer $A"
sleep 2 # the projections are eventually consistent
history "$A" > "$WORK/before.json"
[ "$(jq length "$WORK/before.json")" -ge 31 ] || die "the source store has $(jq length "$WORK/before.json") messages"
grep -q '"message 1, edited"' "$WORK/before.json" || die "the edit is not in the source's history"

log "2. scripts/backup.sh while the backend runs, and its attachments directory"
PGDATABASE=chat_ops_source scripts/backup.sh "$WORK/chat.dump"
cp -a "$WORK/attachments" "$WORK/attachments-restored"
stop

log "3. scripts/restore.sh into a fresh database, Redis emptied, a backend on it"
PGDATABASE=chat_ops_restored scripts/restore.sh "$WORK/chat.dump"
[ "$(psql -X -At -d chat_ops_restored -c 'SELECT count(*) FROM message')" = 0 ] || die "read models came back from the backup"
redis-cli -n 10 flushdb >/dev/null
start chat_ops_restored "$WORK/attachments-restored" "$WORK/restored.log"

log "4. the admin rebuild API, then the same chat"
ADMIN=$(login ops_admin ops-admin-password)
for projection in users contacts rooms; do
  curl -fsS -o /dev/null -w "rebuild $projection: %{http_code}\n" -XPOST "$API/admin/projections/$projection/rebuild" \
    -H "Authorization: Bearer $ADMIN"
done
for _ in $(seq 1 120); do
  status=$(req GET /admin/projections "$ADMIN")
  if jq -e 'all(.[] | select(.name == "users" or .name == "contacts" or .name == "rooms");
              .lastRebuild == "DONE" and .lag == 0 and .status == "RUNNING")' <<<"$status" >/dev/null; then break; fi
  sleep 0.5
done
jq -c '.[] | {name, status, lag, lastRebuild}' <<<"$status"
jq -e 'all(.[] | select(.name == "users" or .name == "contacts" or .name == "rooms");
         .lastRebuild == "DONE" and .lag == 0 and .status == "RUNNING")' <<<"$status" >/dev/null \
  || die "the projections did not finish rebuilding"

A=$(login restore_alice alice-pass-1)
B=$(login restore_bob bob-pass-1)
[ -n "$A" ] && [ "$A" != null ] && [ -n "$B" ] && [ "$B" != null ] || die "the restored accounts cannot log in"
history "$A" > "$WORK/after.json"
diff -u "$WORK/before.json" "$WORK/after.json" || die "the restored room's history differs"
history "$B" | diff -q - "$WORK/after.json" >/dev/null || die "the other participant sees another history"
req GET /contacts "$A" | jq -e --arg bob "$BOB_ID" '[.items[].id] | index($bob) != null' >/dev/null \
  || die "the contact is missing after the restore"
curl -fsS "$API/attachments/$UPLOAD/content" -H "Authorization: Bearer $B" | cmp -s - "$WORK/dot.png" \
  || die "the attachment's bytes are not served after the restore"
echo "restore-check: $(jq length "$WORK/after.json") messages, the edit, the deletion, logins, the contact and the upload are back after backup, restore and rebuild"
