#!/usr/bin/env bash
# The web client's CI: static checks, unit tests, production build, then the browser tests against
# the real backend (own database chat_e2e, Redis db 13) and the real `next start`, on free ports.
# Run from the repository root: bash frontend/scripts/ci.sh. BACKEND_JAR may point to a prebuilt jar.
set -euo pipefail

FRONTEND="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO="$(cd "$FRONTEND/.." && pwd)"
WORK="$(mktemp -d)"
BACKEND_PID=""
WEB_PID=""
export NEXT_TELEMETRY_DISABLED=1
# JDK 25 for the backend jar (and ./mvnw when there is no jar yet)
. "$REPO/scripts/java-home.sh"

log() { printf '\n== %s\n' "$*"; }

stop() { # pid: the process was started with setsid, so its whole group goes
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  if [ "$status" -ne 0 ]; then
    for f in backend web; do
      if [ -f "$WORK/$f.log" ]; then echo "--- last lines of the $f log"; tail -n 40 "$WORK/$f.log"; fi
    done
  fi
  stop "$WEB_PID"
  stop "$BACKEND_PID"
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

wait_for() { # what, seconds, command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "ci: $what did not come up within ${seconds}s" >&2
  return 1
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  log "installing Chromium (Debian package)"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
fi

cd "$FRONTEND"
log "npm ci"
npm ci --no-audit --no-fund
log "lint"
npm run lint
log "typecheck"
npm run typecheck
log "unit tests"
npm test

API_PORT=$(free_port)
WEB_PORT=$(free_port)
while [ "$WEB_PORT" = "$API_PORT" ]; do WEB_PORT=$(free_port); done
MANAGEMENT_PORT=$(free_port)
while [ "$MANAGEMENT_PORT" = "$API_PORT" ] || [ "$MANAGEMENT_PORT" = "$WEB_PORT" ]; do MANAGEMENT_PORT=$(free_port); done
API_URL="http://localhost:$API_PORT"
WS_URL="ws://localhost:$API_PORT/ws"
WEB_URL="http://localhost:$WEB_PORT"
# The admin the backend creates at start-up, for the admin page's browser test.
ADMIN_USERNAME="e2e_admin"
ADMIN_PASSWORD="e2e-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

JAR="${BACKEND_JAR:-$REPO/gateway/target/eventchat.jar}"
if [ ! -f "$JAR" ]; then
  log "building the backend (no jar at $JAR)"
  (cd "$REPO" && ./mvnw -B -q -DskipTests package)
  JAR="$REPO/gateway/target/eventchat.jar"
fi
# A private copy, so a backend rebuild running meanwhile cannot swap the jar under the test.
cp "$JAR" "$WORK/backend.jar"

if [ -x "$REPO/scripts/services.sh" ] || [ -f "$REPO/scripts/services.sh" ]; then
  bash "$REPO/scripts/services.sh"
fi
log "fresh database chat_e2e and Redis db 13"
psql -h 127.0.0.1 -U postgres -q -c 'DROP DATABASE IF EXISTS chat_e2e WITH (FORCE)'
redis-cli -h 127.0.0.1 -p 6379 -n 13 flushdb >/dev/null

log "starting the backend on $API_URL"
CHAT_PORT=$API_PORT \
CHAT_MANAGEMENT_PORT=$MANAGEMENT_PORT \
CHAT_DB_URL=jdbc:postgresql://127.0.0.1:5432/chat_e2e \
CHAT_REDIS_URL=redis://127.0.0.1:6379/13 \
CHAT_PUSH_CHANNEL=chat:push:e2e \
CHAT_JWT_SECRET="e2e-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')" \
CHAT_ALLOWED_ORIGINS="$WEB_URL,http://127.0.0.1:$WEB_PORT" \
CHAT_RATE_LIMIT_REGISTRATIONS_PER_CLIENT=1000 \
CHAT_ADMIN_USERNAME="$ADMIN_USERNAME" \
CHAT_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  setsid java -Xmx384m -Daxoniq.update-checker.disabled=true -jar "$WORK/backend.jar" >"$WORK/backend.log" 2>&1 &
BACKEND_PID=$!

# NEXT_PUBLIC_API_URL and NEXT_PUBLIC_WS_URL are inlined at build time, so the build happens once the
# backend's port is known. The browser opens the WebSocket to the backend directly, like its HTTP calls.
log "next build (NEXT_PUBLIC_API_URL=$API_URL, NEXT_PUBLIC_WS_URL=$WS_URL)"
NEXT_PUBLIC_API_URL="$API_URL" NEXT_PUBLIC_WS_URL="$WS_URL" npm run build

wait_for "the backend" 180 sh -c "curl -fsS $API_URL/actuator/health | grep -q '\"status\":\"UP\"'"

log "starting next start on $WEB_URL"
setsid node_modules/.bin/next start -p "$WEB_PORT" >"$WORK/web.log" 2>&1 &
WEB_PID=$!
wait_for "the web app" 60 curl -fsS -o /dev/null "http://127.0.0.1:$WEB_PORT/login"

log "browser tests"
E2E_BASE_URL="$WEB_URL" E2E_API_URL="$API_URL" E2E_ADMIN_USERNAME="$ADMIN_USERNAME" E2E_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  npm run e2e
