#!/usr/bin/env bash
# CI: each image's run stage reproduced without Docker (there is no engine here), so that "the image starts" is checked
# rather than assumed.
#
# Backend (Dockerfile): the training stage is scripts/aot-cache.sh on the built jar; the run stage copies that /app
# (eventchat.jar, lib/, entrypoint.sh, eventchat.aot) and nothing else, so the check copies exactly that directory
# into an empty one and starts its entrypoint there as an unprivileged user (nobody) with JSON logs, then: the
# Dockerfile's HEALTHCHECK command passes, the AOT cache was taken (no rejection in the log), the log lines are JSON,
# the management port serves every metric the Grafana dashboard and the alert rules use without a token while the
# main port refuses /actuator/prometheus without one. The same copy without eventchat.aot is started too, and the
# start-up (process start -> health UP) and idle RSS of both are printed.
#
# Web client (frontend/Dockerfile): the run stage copies .next/standalone and .next/static; the check copies those
# into an empty directory (no node_modules anywhere above it), and starts `node server.js` there as nobody in a
# network namespace of its own (no network but its loopback: the npm registry is unreachable, and
# npm_config_registry points nowhere as well), then the Dockerfile's HEALTHCHECK command and GET /login must pass.
#
# Ports 8680-8683 and 3080; databases chat_ops_stage and chat_aot_training; Redis db 11. STAGE_RUNS=N repeats each
# backend start N times (default 1) for steadier numbers.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. scripts/java-home.sh

RUNS=${STAGE_RUNS:-1}
STAGE=$(mktemp -d /tmp/eventchat-stage.XXXXXX)
chmod 755 "$STAGE"
PIDS=()
log() { printf '\n== image-stage-check: %s\n' "$*"; }
die() { echo "image-stage-check: $*" >&2; exit 1; }
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    for f in "$STAGE"/*.log; do [ -f "$f" ] && { echo "--- last lines of $f"; tail -n 30 "$f"; }; done
  fi
  psql -X -q -h 127.0.0.1 -U postgres -d postgres -c 'DROP DATABASE IF EXISTS chat_ops_stage WITH (FORCE)' >/dev/null 2>&1 || true
  rm -rf "$STAGE"
  exit "$status"
}
trap cleanup EXIT

# run as nobody where we can switch users (root in CI), else as ourselves
if [ "$(id -u)" -eq 0 ]; then AS_USER=(setpriv --reuid=nobody --regid=nogroup --clear-groups); else AS_USER=(); fi

# the last stage of a Dockerfile: its HEALTHCHECK command (the CMD part, continuation lines joined)
healthcheck_of() {
  awk '/^FROM /{stage=""} {stage=stage $0 "\n"} END{printf "%s", stage}' "$1" \
    | sed -e ':a' -e '/\\$/N; s/\\\n *//; ta' | sed -n 's/^HEALTHCHECK .* CMD \(.*\)$/\1/p'
}

now() { date +%s.%N; }
rss_mb() { echo $(( $(ps -o rss= -p "$1") / 1024 )); }
# the anonymous part of it (heap, metaspace, code, stacks, malloc): RSS less file-backed pages such as the mapped AOT
# cache, which are clean page cache shared with every process mapping the same file
anon_mb() { awk '/^RssAnon:/ {print int($2 / 1024)}' "/proc/$1/status"; }

# ---------------------------------------------------------------- backend
JAR=gateway/target/eventchat.jar
[ -f "$JAR" ] || die "no $JAR: build it first (./mvnw -B -DskipTests package)"
log "backend: build + training stages (scripts/aot-cache.sh)"
bash scripts/aot-cache.sh "$JAR" "$STAGE/training/app"

log "backend: the run stage's files, copied into an empty directory"
mkdir -p "$STAGE/with-aot" "$STAGE/without-aot" "$STAGE/attachments" "$STAGE/home"
cp -a "$STAGE/training/app" "$STAGE/with-aot/app"          # COPY --from=training /app /app
cp -a "$STAGE/training/app" "$STAGE/without-aot/app"
rm "$STAGE/without-aot/app/eventchat.aot"
chmod -R a+rX "$STAGE"
chown nobody "$STAGE/attachments" "$STAGE/home" 2>/dev/null || true
ls "$STAGE/with-aot/app" | tr '\n' ' '; echo
BACKEND_HEALTHCHECK=$(healthcheck_of Dockerfile)
[ -n "$BACKEND_HEALTHCHECK" ] || die "no HEALTHCHECK in the Dockerfile's run stage"

start_backend() { # variant log -> sets BACKEND_PID, STARTUP
  local variant=$1 logfile=$2 started strict=()
  # with the cache, the JVM must use it: AOTMode=on makes one it cannot map fatal instead of silently skipped
  # (JDK_JAVA_OPTIONS is read by the java launcher, after the entrypoint's own options)
  [ "$variant" = with-aot ] && strict=(JDK_JAVA_OPTIONS=-XX:AOTMode=on)
  psql -X -q -h 127.0.0.1 -U postgres -d postgres -c 'DROP DATABASE IF EXISTS chat_ops_stage WITH (FORCE)' >/dev/null
  redis-cli -h 127.0.0.1 -p 6379 -n 11 flushdb >/dev/null
  started=$(now)
  "${AS_USER[@]}" env -i PATH="$JAVA_HOME/bin:/usr/bin:/bin" HOME="$STAGE/home" \
      CHAT_PORT=8680 CHAT_MANAGEMENT_PORT=8681 CHAT_DB_URL=jdbc:postgresql://127.0.0.1:5432/chat_ops_stage \
      CHAT_REDIS_URL=redis://127.0.0.1:6379/11 CHAT_PUSH_CHANNEL="chat:push:ops-stage-$$" \
      CHAT_JWT_SECRET=stage-check-secret-of-at-least-32-bytes CHAT_ATTACHMENTS_DIR="$STAGE/attachments" \
      CHAT_SEED_DEFAULT_DATA=false CHAT_LOG_FORMAT=json "${strict[@]}" \
      "$STAGE/$variant/app/entrypoint.sh" >"$logfile" 2>&1 &
  BACKEND_PID=$!
  PIDS+=("$BACKEND_PID")
  for _ in $(seq 1 1200); do
    if curl -fsS http://127.0.0.1:8681/actuator/health 2>/dev/null | grep -q '"status":"UP"'; then
      STARTUP=$(python3 -c "print(f'{$(now) - $started:.2f}')")
      return 0
    fi
    kill -0 "$BACKEND_PID" 2>/dev/null || die "the backend ($variant) stopped; see its log"
    sleep 0.1
  done
  die "the backend ($variant) did not become healthy within 120 s"
}
stop_backend() {
  kill "$BACKEND_PID"; wait "$BACKEND_PID" 2>/dev/null || true
}

declare -A STARTUPS RSS
for variant in with-aot without-aot; do
  for run in $(seq 1 "$RUNS"); do
    logfile="$STAGE/backend-$variant-$run.log"
    log "backend ($variant, run $run): entrypoint.sh as ${AS_USER[*]:-$(id -un)}"
    start_backend "$variant" "$logfile"
    sleep 10 # idle
    rss=$(rss_mb "$BACKEND_PID")
    echo "started (process start -> health UP) in ${STARTUP} s; idle RSS ${rss} MB (anonymous $(anon_mb "$BACKEND_PID") MB); load $(cut -d' ' -f1 /proc/loadavg)"
    STARTUPS[$variant]="${STARTUPS[$variant]:-} $STARTUP"
    RSS[$variant]="${RSS[$variant]:-} $rss"

    # the Dockerfile's HEALTHCHECK, as Docker would run it (sh -c, the container's environment)
    env CHAT_MANAGEMENT_PORT=8681 sh -c "$BACKEND_HEALTHCHECK" >/dev/null || die "the Dockerfile's HEALTHCHECK fails: $BACKEND_HEALTHCHECK"

    if [ "$variant" = with-aot ]; then
      grep -q 'Picked up JDK_JAVA_OPTIONS: -XX:AOTMode=on' "$logfile" || die "the JVM did not run with AOTMode=on"
    fi
    # CHAT_LOG_FORMAT=json: Spring's lines are JSON objects (ECS), the start-up line among them
    python3 - "$logfile" <<'EOF' || die "the log is not JSON lines"
import json, sys
lines = [l for l in open(sys.argv[1]) if l.startswith("{")]
objects = [json.loads(l) for l in lines]
assert len(objects) >= 10, f"only {len(objects)} JSON log lines"
assert any("Started ChatApplication" in o.get("message", "") for o in objects), "no JSON 'Started ChatApplication' line"
level = lambda o: o.get("log.level") or (o.get("log") or {}).get("level")
assert all("@timestamp" in o and level(o) for o in objects), "a line without @timestamp or log level"
EOF

    if [ "$run" = 1 ] && [ "$variant" = with-aot ]; then
      log "backend: metrics on the management port without a token, none on the main port without one"
      api=http://127.0.0.1:8680/api
      token=$(curl -fsS -XPOST "$api/auth/register" -H 'Content-Type: application/json' \
        -d '{"username":"stage_user","email":"stage@example.org","password":"stage-pass-1"}' | grep -o '"accessToken":"[^"]*"' | cut -d'"' -f4)
      [ -n "$token" ] || die "register failed"
      room=$(curl -fsS -XPOST "$api/rooms" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d '{"name":"Stage","type":"GROUP","participantIds":[]}' | grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4)
      curl -fsS -o /dev/null -XPOST "$api/rooms/$room/messages" -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -d '{"content":"stage","clientMessageId":"stage-1"}'
      scrape=$(curl -fsS http://127.0.0.1:8681/actuator/prometheus)
      missing=()
      for metric in $(node scripts/compose-check/check.mjs --metrics); do
        grep -q "^$metric[{ ]" <<<"$scrape" || missing+=("$metric")
      done
      [ ${#missing[@]} -eq 0 ] || die "metrics used by the dashboard or the alerts but not served: ${missing[*]}"
      echo "every metric of deploy/grafana/dashboards/eventchat.json and deploy/prometheus/alerts.yml is served"
      status=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8680/actuator/prometheus)
      [ "$status" = 401 ] || die "the main port answered /actuator/prometheus without a token with $status"
      curl -fsS http://127.0.0.1:8681/actuator/info | grep -q '"version"' || die "/actuator/info shows no version"
    fi
    stop_backend
  done
done

# ---------------------------------------------------------------- web client
log "web client: the run stage's files (.next/standalone, .next/static), copied into an empty directory"
if [ ! -f frontend/.next/standalone/server.js ]; then
  (cd frontend && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && NEXT_TELEMETRY_DISABLED=1 npm run build)
fi
WEB="$STAGE/web"
mkdir -p "$WEB"
cp -a frontend/.next/standalone/. "$WEB/"                 # COPY --from=build /app/.next/standalone ./
cp -a frontend/.next/static "$WEB/.next/static"           # COPY --from=build /app/.next/static ./.next/static
mkdir -p "$WEB/.next/cache" && chown nobody "$WEB/.next/cache" 2>/dev/null || true
chmod -R a+rX "$WEB"
for dir in "$STAGE" /tmp /; do [ ! -e "$dir/node_modules" ] || die "$dir/node_modules exists: node could load modules from outside the copy"; done
du -sh "$WEB" "$WEB/node_modules" | sed 's/^/size: /'
WEB_HEALTHCHECK=$(healthcheck_of frontend/Dockerfile)
[ -n "$WEB_HEALTHCHECK" ] || die "no HEALTHCHECK in frontend/Dockerfile's run stage"
export WEB_HEALTHCHECK WEB
# a network namespace with only its loopback: nothing outside this machine, and no registry, is reachable
unshare -n bash -c '
  set -euo pipefail
  ip link set lo up
  if curl -s -m 3 -o /dev/null https://registry.npmjs.org/; then echo "the registry is reachable" >&2; exit 1; fi
  started=$(date +%s.%N)
  cd "$WEB"
  '"${AS_USER[*]}"' env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$WEB" NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 \
      PORT=3080 HOSTNAME=127.0.0.1 npm_config_registry=http://127.0.0.1:9 node server.js >"$WEB/../web.log" 2>&1 &
  pid=$!
  trap "kill $pid 2>/dev/null || true" EXIT
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null http://127.0.0.1:3080/login 2>/dev/null; then break; fi
    kill -0 $pid 2>/dev/null || { echo "the web server stopped" >&2; exit 1; }
    sleep 0.1
  done
  body=$(curl -fsS http://127.0.0.1:3080/login) || { echo "GET /login failed" >&2; exit 1; }
  echo "$body" | grep -q "<html" || { echo "GET /login is not a page" >&2; exit 1; }
  echo "web: /login served $(python3 -c "print(f\"{$(date +%s.%N) - $started:.2f}\")") s after start; RSS $(( $(ps -o rss= -p $pid) / 1024 )) MB"
  env PORT=3080 sh -c "$WEB_HEALTHCHECK" || { echo "frontend/Dockerfile HEALTHCHECK fails: $WEB_HEALTHCHECK" >&2; exit 1; }
  echo "web: the Dockerfile HEALTHCHECK passes"
'

log "results"
for variant in with-aot without-aot; do
  echo "backend $variant: start-up (s):${STARTUPS[$variant]}; idle RSS (MB):${RSS[$variant]}"
done
echo "image-stage-check: both run stages start from their copied files and answer their health checks"
