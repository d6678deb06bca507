#!/usr/bin/env bash
# Builds and starts the chat: the backend on http://localhost:${CHAT_PORT:-8080} and the web client on
# http://localhost:${CHAT_UI_PORT:-3000}. Configuration comes from CHAT_* environment variables (see README.md).
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/java-home.sh  # JDK 25: the build targets it (--release 25)
PORT=${CHAT_PORT:-8080}
UI_PORT=${CHAT_UI_PORT:-3000}
export NEXT_TELEMETRY_DISABLED=1

scripts/services.sh
./mvnw -B -q -DskipTests clean package  # clean: a plain package can keep a stale fat jar
# The browser calls the backend directly, HTTP and WebSocket alike; both URLs are inlined at build time.
(cd frontend && npm ci --no-audit --no-fund --loglevel=error \
  && NEXT_PUBLIC_API_URL="http://localhost:$PORT" NEXT_PUBLIC_WS_URL="ws://localhost:$PORT/ws" npm run build)

export CHAT_ALLOWED_ORIGINS=${CHAT_ALLOWED_ORIGINS:-http://localhost:$UI_PORT,http://127.0.0.1:$UI_PORT}
java ${JAVA_OPTS:--Xmx512m} -Daxoniq.update-checker.disabled=true -jar gateway/target/eventchat.jar "$@" &
BACKEND=$!
trap 'kill "$BACKEND" 2>/dev/null; wait "$BACKEND" 2>/dev/null' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$PORT/actuator/health" > /dev/null 2>&1 && break
  kill -0 "$BACKEND" 2>/dev/null || { echo "run.sh: the backend stopped, see its output above" >&2; exit 1; }
  sleep 1
done
echo "run.sh: backend on http://localhost:$PORT, web client on http://localhost:$UI_PORT"
cd frontend && PORT=$UI_PORT npm start
