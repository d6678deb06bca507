#!/usr/bin/env bash
# Starts the chat: the backend on http://localhost:${CHAT_PORT:-8080} (management port ${CHAT_MANAGEMENT_PORT:-8081})
# and the web client on http://localhost:${CHAT_UI_PORT:-3000}, building only what is out of date:
#   - the backend jar when a pom.xml or a file under */src is newer than it (./mvnw package),
#   - its AOT cache when the jar is newer than it (scripts/aot-cache.sh, a training run of about a minute),
#   - frontend/node_modules when package-lock.json is newer (npm ci),
#   - the web client's build when a source file is newer or the backend URL changed (next build).
# Prerequisites (README.md): JDK 25, Node.js 20+ with npm, curl, and PostgreSQL 15+ and Redis 7+ on localhost
# (scripts/services.sh starts Debian's when they are down and it may; otherwise it says what to do in one line).
# Configuration comes from CHAT_* environment variables (README.md). Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/java-home.sh  # JDK 25: the build targets it (--release 25)
PORT=${CHAT_PORT:-8080}
UI_PORT=${CHAT_UI_PORT:-3000}
export NEXT_TELEMETRY_DISABLED=1

for tool in curl node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: $tool is missing: install it (README.md, Prerequisites)" >&2; exit 1; }
done
scripts/services.sh

newer_than() { # file, paths...: prints the first of paths (recursively) newer than file
  local file=$1; shift
  find "$@" -newer "$file" -type f -print -quit 2>/dev/null
}

JAR=gateway/target/eventchat.jar
if [ ! -f "$JAR" ] || [ -n "$(newer_than "$JAR" pom.xml shared-api command-side query-side gateway/pom.xml gateway/src)" ]; then
  echo "run.sh: building the backend"
  ./mvnw -B -q -DskipTests clean package  # clean: a plain package can keep a stale fat jar
else
  echo "run.sh: the backend jar is up to date"
fi

# the image's layout and options (deploy/backend/entrypoint.sh), with an AOT cache made from this jar
APP=gateway/target/aot
if [ ! -f "$APP/eventchat.aot" ] || [ "$JAR" -nt "$APP/eventchat.aot" ] || [ deploy/backend/entrypoint.sh -nt "$APP/eventchat.aot" ]; then
  echo "run.sh: recording the backend's AOT cache (a training run, once per build)"
  if ! AOT_DB_USER=${CHAT_DB_USER:-postgres} AOT_DB_PASSWORD=${CHAT_DB_PASSWORD:-} scripts/aot-cache.sh "$JAR" "$APP"; then
    echo "run.sh: no AOT cache (see above); the backend starts without it, only slower"
    rm -rf "$APP"
  fi
fi

cd frontend
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "run.sh: installing the web client's dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi
# The browser calls the backend directly, HTTP and WebSocket alike; both URLs are inlined at build time.
BUILD_ENV="NEXT_PUBLIC_API_URL=http://localhost:$PORT NEXT_PUBLIC_WS_URL=ws://localhost:$PORT/ws"
if [ ! -f .next/standalone/server.js ] || [ "$(cat .next/eventchat-build-env 2>/dev/null)" != "$BUILD_ENV" ] \
   || [ -n "$(newer_than .next/standalone/server.js app components hooks lib package.json next.config.ts \
                postcss.config.mjs tsconfig.json)" ]; then
  echo "run.sh: building the web client"
  env $BUILD_ENV npm run build
  # what the image's run stage has beside server.js (frontend/Dockerfile)
  rm -rf .next/standalone/.next/static && cp -r .next/static .next/standalone/.next/static
  echo "$BUILD_ENV" > .next/eventchat-build-env
else
  echo "run.sh: the web client's build is up to date"
fi
cd ..

export CHAT_ALLOWED_ORIGINS=${CHAT_ALLOWED_ORIGINS:-http://localhost:$UI_PORT,http://127.0.0.1:$UI_PORT}
if [ -x "$APP/entrypoint.sh" ]; then
  "$APP/entrypoint.sh" "$@" &
else
  java ${JAVA_OPTS:--Xms32m -Xmx384m -Xss512k -XX:+UseSerialGC} -Daxoniq.update-checker.disabled=true -jar "$JAR" "$@" &
fi
BACKEND=$!
WEB=""
trap 'kill $WEB $BACKEND 2>/dev/null; wait $WEB $BACKEND 2>/dev/null' EXIT
for _ in $(seq 1 240); do
  curl -fs "http://localhost:$PORT/actuator/health" > /dev/null 2>&1 && break
  kill -0 "$BACKEND" 2>/dev/null || { echo "run.sh: the backend stopped, see its output above" >&2; exit 1; }
  sleep 0.5
done
PORT=$UI_PORT HOSTNAME=0.0.0.0 node frontend/.next/standalone/server.js &
WEB=$!
echo "run.sh: backend on http://localhost:$PORT, web client on http://localhost:$UI_PORT"
wait "$WEB"
