#!/usr/bin/env bash
# Runs every benchmark scenario against the built jar and writes one markdown table of results to
# bench/results/<timestamp>.md (and stdout), with the raw results beside it (.jsonl) and the whole log (.log).
#
#   bash bench/run-all.sh                 # full run (defaults below; about 20 minutes on an idle 2-core machine)
#   QUICK=1 bash bench/run-all.sh         # everything small and short (~8 minutes idle): checks that the harness works
#   SCENARIOS="ceiling recent" bash bench/run-all.sh    # a subset
#   BENCH_JFR=1 bash bench/run-all.sh     # also a flight recording of every backend start, hot methods in the report
#
# Scenarios (SCENARIOS, in this order): ceiling (pgbench, at the start and again at the end), startup (process start →
# health UP, idle RSS), e2e (closed-loop PostMessage, post→frame), rate (open-loop post→frame at fixed rates), single
# (one sender's POST latency), fanout (one room, many STOMP sessions), recent (GET …/messages/recent with wrk, with
# Redis and with Redis unreachable), statements (bench/statements.sh: statements, commits and fsyncs per message),
# rebuild (bench/rebuild.sh), room (bench/room-million.sh); lag (the projections' lag during a 60-s closed loop at
# 64 senders over 64 rooms) runs after e2e.
# Every size and duration is an environment variable below. The backend's heap is pinned (BENCH_HEAP, 512m).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
set +e

QUICK=${QUICK:-0}
HEAP_MIN=${BENCH_HEAP_MIN:-$HEAP}
pick() { if [ "$QUICK" = 1 ]; then echo "$2"; else echo "$1"; fi; } # pick FULL QUICK

SCENARIOS=${SCENARIOS:-"ceiling startup post e2e lag rate single fanout recent statements rebuild room"}
CEILING_SECONDS=${CEILING_SECONDS:-$(pick 20 5)}
CEILING_CLIENTS=${CEILING_CLIENTS:-64}
IDLE_SECONDS=${IDLE_SECONDS:-30}
POST_ROOMS=${POST_ROOMS:-"64 1"}
POST_CONNECTIONS=${POST_CONNECTIONS:-64}
POST_SECONDS=${POST_SECONDS:-$(pick 30 5)}
POST_WARMUP=${POST_WARMUP:-$(pick 10 2)}
E2E_SENDERS=${E2E_SENDERS:-"1 16 64"}
E2E_ROOMS=${E2E_ROOMS:-"64 1"}
E2E_SECONDS=${E2E_SECONDS:-$(pick 30 5)}
E2E_WARMUP=${E2E_WARMUP:-$(pick 10 2)}
E2E_DRAIN=${E2E_DRAIN:-$(pick 30 10)}
LAG_SENDERS=${LAG_SENDERS:-64}
LAG_ROOMS=${LAG_ROOMS:-64}
LAG_SECONDS=${LAG_SECONDS:-$(pick 60 10)}
RATES=${RATES:-$(pick "100 1000 500:64" "100 100:64")} # offered msg/s[:rooms] (one room unless given)
RATE_SECONDS=${RATE_SECONDS:-$(pick 20 5)}
SINGLE_COUNT=${SINGLE_COUNT:-$(pick 2000 200)}
SINGLE_WARMUP=${SINGLE_WARMUP:-$(pick 300 30)}
FANOUT_SESSIONS=${FANOUT_SESSIONS:-$(pick 1000 200)}
FANOUT_RATES=${FANOUT_RATES:-$(pick "20 60" "10")}
FANOUT_SECONDS=${FANOUT_SECONDS:-$(pick 20 5)}
FANOUT_DRAIN=${FANOUT_DRAIN:-$(pick 90 30)}
SETTLE_SECONDS=${SETTLE_SECONDS:-$(pick 5 2)} # a pause before each load-generator scenario, for the backlog of the last
RECENT_ROOMS=${RECENT_ROOMS:-$(pick 16 4)}
RECENT_MESSAGES=${RECENT_MESSAGES:-60}
RECENT_SECONDS=${RECENT_SECONDS:-$(pick 30 5)}
RECENT_WARMUP=${RECENT_WARMUP:-$(pick 10 2)}
RECENT_CONNECTIONS=${RECENT_CONNECTIONS:-32}
RECENT_THREADS=${RECENT_THREADS:-2}
DEAD_REDIS_PORT=${DEAD_REDIS_PORT:-6390}
REBUILD_EVENTS=${REBUILD_EVENTS:-$(pick 1000000 20000)}
REBUILD_BATCHES=${REBUILD_BATCHES:-1000}
ROOM_EVENTS=${ROOM_EVENTS:-$(pick 1000000 20000)}
ROOM_SAMPLES=${ROOM_SAMPLES:-$(pick 200 20)}
ROOM_NO_SNAPSHOT_SAMPLES=${ROOM_NO_SNAPSHOT_SAMPLES:-3}
ROOM_WARMUP=${ROOM_WARMUP:-$(pick 300 20)}

PORT=${BENCH_PORT:-8686}
export BENCH_PORT=$PORT
PREFIX=${BENCH_DB_PREFIX:-chat_bench}
export BENCH_DB_PREFIX=$PREFIX
BASE=http://127.0.0.1:$PORT
STAMP=$(date +%Y%m%d-%H%M%S)
OUT_DIR=$ROOT/bench/results
mkdir -p "$OUT_DIR"
export BENCH_RESULTS_JSONL=$OUT_DIR/$STAMP.jsonl
REPORT=$OUT_DIR/$STAMP.md
LOG=$OUT_DIR/$STAMP.log
SCRIPT_TABLES=$OUT_DIR/$STAMP-tables.md
export BENCH_JFR_DIR=$OUT_DIR/$STAMP-jfr
export BENCH_APP_LOG_DIR=$OUT_DIR/$STAMP-logs
: > "$BENCH_RESULTS_JSONL"
exec > >(tee -a "$LOG") 2>&1
WORK=$(mktemp -d /tmp/bench-run-all-XXXXXX)
trap 'watch_stop; stop_app; rm -rf "$RUN_JAR" "$WORK"' EXIT
STARTED=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

say() { echo "[$(date +%H:%M:%S)] $*" >&2; }
wants() { [[ " $SCENARIOS " == *" $1 "* ]]; }
fail() { # id key name message
  say "FAILED: $3: $4"
  emit_result "" id="$1" key="$2" name="$3" error="$4 (log: $LOG)"
}

build_jar
javac -d "$WORK/loadgen" "$ROOT/bench/loadgen/Bench.java" || { echo "cannot compile the load generator" >&2; exit 1; }
LOADGEN=(timeout 1200 java -Xms256m -Xmx1g -cp "$WORK/loadgen" Bench)

# ------------------------------------------------------------------------------------------ 0. the machine's ceiling
# pgbench, CEILING_CLIENTS clients, one-row INSERT transactions into a table shaped like domain_event_entry: bigint
# key from a sequence, unique (aggregate id, sequence), unique event id, bytea payload of a MessagePosted's size.
ceiling() { # key label
  local key=$1 label=$2 db=${PREFIX}_ceiling
  if ! command -v pgbench > /dev/null; then
    fail 0 "$key" "Ceiling: pgbench ($label)" "pgbench is not installed (apt-get install -y postgresql-contrib)"
    return
  fi
  say "ceiling ($label): pgbench, $CEILING_CLIENTS clients, $CEILING_SECONDS s"
  recreate_db "$db" || { fail 0 "$key" "ceiling" "cannot create database $db"; return; }
  $PSQL -d "$db" <<'SQL'
CREATE SEQUENCE ev_seq INCREMENT BY 1;
CREATE TABLE ev (
    global_index         BIGINT       NOT NULL DEFAULT nextval('ev_seq') PRIMARY KEY,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    UNIQUE (aggregate_identifier, sequence_number)
);
SQL
  cat > "$WORK/ceiling.sql" <<'SQL'
INSERT INTO ev (global_index, aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload, payload_type, time_stamp)
SELECT g, 'room-' || :client_id, g, 'ChatRoom', gen_random_uuid()::text, convert_to('{"traceId":"bench","correlationId":"bench"}', 'UTF8'),
       convert_to('{"roomId":"9b2f6a2e-59a1-4f57-9c4e-1d7e9d0b7c11","seq":' || g || ',"messageId":"' || gen_random_uuid() || '","senderId":"1c1c9d7e-8a8f-4d4f-9b8b-5d5a0c6c1e2f","content":"a benchmark message of ordinary length","clientMessageId":"c-' || g || '","replyToMessageId":null,"attachmentIds":[],"at":"2026-11-25T00:00:00Z"}', 'UTF8'),
       'io.eventchat.api.message.MessagePosted', now()::text
FROM (SELECT nextval('ev_seq') AS g) s;
SQL
  rm -rf "$WORK/pgbench" && mkdir -p "$WORK/pgbench"
  local before after
  before=$(head -1 /proc/stat)
  if ! (cd "$WORK/pgbench" && pgbench -n -h 127.0.0.1 -U postgres -c "$CEILING_CLIENTS" -j 2 -T "$CEILING_SECONDS" \
        -f "$WORK/ceiling.sql" -l --log-prefix=pgb "$db" > "$WORK/pgbench.out" 2>&1); then
    cat "$WORK/pgbench.out"
    fail 0 "$key" "Ceiling: pgbench ($label)" "pgbench failed: $(grep -m1 -i 'error\|fatal' "$WORK/pgbench.out")"
    $PSQL -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    return
  fi
  after=$(head -1 /proc/stat)
  cat "$WORK/pgbench.out"
  python3 - "$key" "$label" "$CEILING_CLIENTS" "$CEILING_SECONDS" "$WORK/pgbench.out" "$before" "$after" "$WORK"/pgbench/pgb.* <<'PY'
import json, os, re, sys
key, label, clients, seconds, out, before, after, logs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7], sys.argv[8:]
text = open(out).read()
tps = float(re.search(r"tps = ([0-9.]+) \(without initial connection time\)", text).group(1))
failed = re.search(r"number of failed transactions: (\d+)", text)
lat = sorted(int(line.split()[2]) for f in logs for line in open(f) if line.strip())
pct = lambda p: lat[max(0, min(len(lat) - 1, -(-p * len(lat) // 100) - 1))] / 1000
b, a = [list(map(int, s.split()[1:])) for s in (before, after)]
busy = (sum(a) - sum(b)) - ((a[3] + a[4]) - (b[3] + b[4]))  # all jiffies minus idle and iowait
cores = busy / os.sysconf("SC_CLK_TCK") / float(seconds)
result = {"id": "0", "key": key, "name": f"Ceiling: pgbench one-row insert transactions, {clients} clients ({label})",
          "result": f"{tps:,.0f} tx/s", "throughput": tps, "unit": "tx/s", "samples": len(lat),
          "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99),
          "notes": f"{seconds} s; the whole machine kept {cores:.2f} cores busy (PostgreSQL, pgbench and everyone else); "
                   f"failed transactions {failed.group(1) if failed else 0}"}
with open(os.environ["BENCH_RESULTS_JSONL"], "a") as f:
    f.write(json.dumps(result) + "\n")
print(f"ceiling ({label}): {tps:,.0f} tx/s, p50 {pct(50):.1f} ms, p99 {pct(99):.1f} ms")
PY
  $PSQL -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
}

# ------------------------------------------------------------------------------------------ 7, 1, 2, 4, 3 on one backend
app_scenarios() {
  local db=${PREFIX}_main
  recreate_db "$db" || { fail 7 startup "Start-up" "cannot create database $db"; return; }
  local cold=
  if wants startup; then
    say "start-up: first start on an empty database (Flyway creates the schema)"
    APP_LABEL=startup-cold start_app "$PORT" "$db" || { fail 7 startup "Start-up" "the backend did not start"; return; }
    cold=$STARTUP_SECONDS
    stop_app
    say "start-up: second start on the migrated database"
  fi
  APP_LABEL=main start_app "$PORT" "$db" CHAT_ADMIN_USERNAME=benchadmin CHAT_ADMIN_PASSWORD=benchadmin-password ||
    { fail 7 startup "Start-up" "the backend did not start"; return; }
  local warm=$STARTUP_SECONDS
  local spring
  spring=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "/tmp/bench-app-$PORT.log" | tail -1 | grep -o '[0-9.]* seconds' || echo '?')
  if wants startup; then
    say "idle for $IDLE_SECONDS s"
    watch_start "$APP_PID"
    sleep "$IDLE_SECONDS"
    watch_stop
    local idle=$WATCH_RESULT
    emit_result "" id=7 key=startup name="Start-up: process start → health UP (migrated database)" \
      result="$warm s" seconds:="$warm" \
      notes="Spring reports 'Started in $spring'; first start on an empty database (Flyway migrations) $cold s; health polled every 100 ms"
    emit_result "$idle" id=7 key=idle-rss name="Idle RSS, $IDLE_SECONDS s after start-up" \
      result="$(echo "$idle" | json_field rss_end_mib) MiB" \
      notes="heap -Xms$HEAP_MIN -Xmx$HEAP (touched heap pages count in RSS; BENCH_HEAP_MIN lowers -Xms); CPU while idle is the background work (processors polling, heartbeats)"
  fi

  if wants post; then
    for rooms in $POST_ROOMS; do
      sleep "$SETTLE_SECONDS"
      say "post: $POST_CONNECTIONS writers over $rooms room(s), wrk -t1 -c$POST_CONNECTIONS, POST only"
      if "${LOADGEN[@]}" writers --base "$BASE" --writers "$POST_CONNECTIONS" --rooms "$rooms" --out "$WORK/post-seed-$rooms.txt"; then
        WRK_SEED=$WORK/post-seed-$rooms.txt WRK_SCRIPT=post.lua WRK_THREADS=1 WRK_CONNECTIONS=$POST_CONNECTIONS \
          WRK_SECONDS=$POST_SECONDS WRK_WARMUP=$POST_WARMUP WRK_ID=1 WRK_UNIT=posts/s \
          wrk_run "post-${rooms}r" "POST only, $POST_CONNECTIONS writers (wrk -c$POST_CONNECTIONS) over $rooms room(s): HTTP answer, projections running"
      else
        fail 1 "post-${rooms}r" "POST only into $rooms room(s)" "seeding the rooms failed"
      fi
    done
  fi
  if wants e2e; then
    for rooms in $E2E_ROOMS; do
      for senders in $E2E_SENDERS; do
        sleep "$SETTLE_SECONDS"
        say "e2e: $senders sender(s), $rooms room(s), $E2E_SECONDS s after $E2E_WARMUP s warm-up"
        "${LOADGEN[@]}" e2e --base "$BASE" --pid "$APP_PID" --senders "$senders" --rooms "$rooms" \
          --seconds "$E2E_SECONDS" --warmup "$E2E_WARMUP" --drain "$E2E_DRAIN" ||
          fail 1 "e2e-frame-${senders}s-${rooms}r" "PostMessage end to end, $senders sender(s), $rooms room(s)" "load generator exited $?"
      done
    done
  fi
  if wants lag; then
    sleep "$SETTLE_SECONDS"
    say "lag: $LAG_SENDERS senders over $LAG_ROOMS rooms for $LAG_SECONDS s, the projections' lag sampled every second"
    local admin_token
    admin_token=$(curl -fs -XPOST "$BASE/api/auth/login" -H 'Content-Type: application/json' \
      -d '{"username":"benchadmin","password":"benchadmin-password"}' | json_field accessToken)
    ( while :; do
        printf '%s ' "$(date +%s.%N)"
        curl -fs "$BASE/api/admin/projections" -H "Authorization: Bearer $admin_token" |
          python3 -c 'import json,sys; print(" ".join(f"{p['"'"'name'"'"']}={p['"'"'lag'"'"']}" for p in json.load(sys.stdin)))' || echo
        sleep 1
      done ) > "$WORK/lag.txt" 2>/dev/null &
    local sampler=$!
    "${LOADGEN[@]}" e2e --base "$BASE" --pid "$APP_PID" --senders "$LAG_SENDERS" --rooms "$LAG_ROOMS" \
      --seconds "$LAG_SECONDS" --warmup 0 --drain "$E2E_DRAIN" --id 2 --key "lag-load" \
      --name "The lag run's load: PostMessage end to end, $LAG_SENDERS senders over $LAG_ROOMS rooms, $LAG_SECONDS s" ||
      fail 2 lag "Projection lag over $LAG_SECONDS s" "load generator exited $?"
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null
    python3 - "$WORK/lag.txt" "$LAG_SECONDS" "$LAG_SENDERS" "$LAG_ROOMS" <<'PY'
import json, os, sys
path, seconds, senders, rooms = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
samples = []
for line in open(path):
    parts = line.split()
    if len(parts) < 2:
        continue
    lags = dict(p.split("=") for p in parts[1:] if "=" in p)
    samples.append((float(parts[0]), int(lags.get("rooms", 0)), max(int(v) for v in lags.values())))
if not samples:
    print("lag: no samples"); sys.exit(0)
t0 = samples[0][0]
during = [s for s in samples if s[0] - t0 <= seconds]
tenth = max(1, len(during) // 6)
first, last = during[:tenth], during[-tenth:]
avg = lambda xs: sum(x[1] for x in xs) / len(xs)
after = [s for s in samples if s[0] - t0 > seconds]
result = {"id": "2", "key": "lag", "name": f"Projection lag (rooms) during {seconds} s at the highest closed-loop rate, "
          f"{senders} senders over {rooms} rooms",
          "result": f"max {max(s[1] for s in during)} events; average {avg(first):.0f} in the first sixth of the run, "
                    f"{avg(last):.0f} in the last",
          "lag_max": max(s[1] for s in during), "lag_first_avg": avg(first), "lag_last_avg": avg(last),
          "lag_all_groups_max": max(s[2] for s in during),
          "lag_after_load_max": max((s[1] for s in after), default=0),
          "samples": len(during),
          "notes": "GET /api/admin/projections every second (statuses are at most 1 s old); lag = events behind the "
                   "store's head; per 10 s: " + ", ".join(
                       str(max((s[1] for s in during if i * 10 <= s[0] - t0 < (i + 1) * 10), default=0))
                       for i in range((seconds + 9) // 10))}
with open(os.environ["BENCH_RESULTS_JSONL"], "a") as f:
    f.write(json.dumps(result) + "\n")
print(f"lag: max {result['lag_max']} events, first sixth avg {result['lag_first_avg']:.0f}, last sixth avg "
      f"{result['lag_last_avg']:.0f}; per 10 s max: {result['notes'].split('per 10 s: ')[1]}")
PY
  fi
  if wants rate; then
    for spec in $RATES; do
      local rate=${spec%%:*} rate_rooms=1
      [[ $spec == *:* ]] && rate_rooms=${spec#*:}
      sleep "$SETTLE_SECONDS"
      say "rate: $rate msg/s offered into $rate_rooms room(s) for $RATE_SECONDS s"
      "${LOADGEN[@]}" rate --base "$BASE" --pid "$APP_PID" --rate "$rate" --seconds "$RATE_SECONDS" --rooms "$rate_rooms" ||
        fail 1 "rate-$rate-${rate_rooms}r" "POST→frame at $rate msg/s offered into $rate_rooms room(s)" "load generator exited $?"
    done
  fi
  if wants single; then
    sleep "$SETTLE_SECONDS"
    say "single sender: $SINGLE_COUNT sequential posts"
    "${LOADGEN[@]}" single --base "$BASE" --pid "$APP_PID" --count "$SINGLE_COUNT" --warmup-count "$SINGLE_WARMUP" ||
      fail 2 single "Single sender, sequential POST" "load generator exited $?"
  fi
  if wants fanout; then
    for rate in $FANOUT_RATES; do
      sleep "$SETTLE_SECONDS"
      say "fan-out: $FANOUT_SESSIONS sessions, $rate msg/s for $FANOUT_SECONDS s"
      "${LOADGEN[@]}" fanout --base "$BASE" --pid "$APP_PID" --sessions "$FANOUT_SESSIONS" --rate "$rate" \
        --seconds "$FANOUT_SECONDS" --drain "$FANOUT_DRAIN" ||
        fail 4 "fanout-$rate" "Fan-out: one room, $FANOUT_SESSIONS sessions, $rate msg/s" "load generator exited $?"
    done
  fi
  if wants recent; then
    say "recent: $RECENT_ROOMS rooms × $RECENT_MESSAGES messages for a reader, Redis (db ${BENCH_REDIS_DB:-9}) up"
    if "${LOADGEN[@]}" seed --base "$BASE" --rooms "$RECENT_ROOMS" --messages "$RECENT_MESSAGES" --out "$WORK/recent-seed.txt"; then
      WRK_SEED=$WORK/recent-seed.txt wrk_run recent-redis "GET …/messages/recent (50 messages), Redis cache"
    else
      fail 3 recent-redis "GET …/messages/recent, Redis cache" "seeding the rooms failed"
    fi
  fi
  stop_app
  wants recent && recent_without_redis "$db"
  $PSQL -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
}

# ------------------------------------------------------------------------------------------ wrk: recent-50 and POST only
# wrk_run KEY NAME, with WRK_SEED (the seed file) and optionally WRK_SCRIPT (recent.lua), WRK_THREADS, WRK_CONNECTIONS,
# WRK_SECONDS, WRK_WARMUP (default: the recent scenario's settings), WRK_ID (3), WRK_UNIT (req/s), WRK_NOTE
wrk_run() { # key name
  local key=$1 name=$2
  local script=${WRK_SCRIPT:-recent.lua} threads=${WRK_THREADS:-$RECENT_THREADS} connections=${WRK_CONNECTIONS:-$RECENT_CONNECTIONS}
  local seconds=${WRK_SECONDS:-$RECENT_SECONDS} warmup=${WRK_WARMUP:-$RECENT_WARMUP} id=${WRK_ID:-3} unit=${WRK_UNIT:-req/s}
  if ! command -v wrk > /dev/null; then
    fail "$id" "$key" "$name" "wrk is not installed (apt-get install -y wrk)"
    return
  fi
  say "$name: wrk warm-up $warmup s"
  RECENT_SEED=$WRK_SEED POST_SEED=$WRK_SEED wrk -t"$threads" -c"$connections" -d"${warmup}s" --timeout 5s \
    -s "$ROOT/bench/wrk/$script" "$BASE" > /dev/null
  say "$name: wrk -t$threads -c$connections for $seconds s"
  watch_start "$APP_PID"
  RECENT_SEED=$WRK_SEED POST_SEED=$WRK_SEED wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 5s \
    -s "$ROOT/bench/wrk/$script" "$BASE" > "$WORK/wrk.out" 2>&1
  local status=$?
  watch_stop
  local usage=$WATCH_RESULT
  cat "$WORK/wrk.out"
  if [ $status -ne 0 ] || ! grep -q '^WRK ' "$WORK/wrk.out"; then
    fail "$id" "$key" "$name" "wrk failed (exit $status)"
    return
  fi
  python3 - "$key" "$name" "$usage" "$threads" "$connections" "$id" "$unit" "$script" "${WRK_NOTE:-}" <<PY
import json, os, sys
key, name, usage, threads, connections, rid, unit, script, extra = sys.argv[1:10]
w = json.loads(open("$WORK/wrk.out").read().split("WRK ", 1)[1].splitlines()[0])
socket_errors = w["errors_connect"] + w["errors_read"] + w["errors_write"] + w["errors_timeout"]
bad = w["errors_status"] + socket_errors + w.get("not_created", 0)
if script == "post.lua":
    what = f"{w['created']:,} posts answered 201 in {w['duration_s']:.1f} s over {w['rooms']} room(s); not 201: {w['not_created']}"
else:
    what = f"{w['requests']:,} requests in {w['duration_s']:.1f} s over {w['rooms']} rooms of $RECENT_MESSAGES messages (50 returned); non-2xx/3xx {w['errors_status']}"
notes = f"wrk -t{threads} -c{connections}, {what}, socket errors {socket_errors}; max {w['max_ms']:.1f} ms{extra}"
result = {"id": rid, "key": key, "name": name, "result": f"{w['rps']:,.0f} {unit}", "throughput": w["rps"], "unit": unit,
          "samples": w["requests"], "p50_ms": w["p50_ms"], "p95_ms": w["p95_ms"], "p99_ms": w["p99_ms"], "notes": notes,
          **json.loads(usage)}
if bad > 0.01 * max(1, w["requests"]):
    result["notes"] = "MORE THAN 1% ERRORS: " + notes
with open(os.environ["BENCH_RESULTS_JSONL"], "a") as f:
    f.write(json.dumps(result) + "\n")
PY
}

# the same rooms, the backend restarted with CHAT_REDIS_URL at a closed port (the shared Redis server keeps running)
recent_without_redis() { # db
  local db=$1
  if (exec 3<>"/dev/tcp/127.0.0.1/$DEAD_REDIS_PORT") 2>/dev/null; then
    fail 3 recent-postgres "GET …/messages/recent, Redis unreachable" "port $DEAD_REDIS_PORT is open; set DEAD_REDIS_PORT to a closed port"
    return
  fi
  if [ ! -s "$WORK/recent-seed.txt" ]; then
    fail 3 recent-postgres "GET …/messages/recent, Redis unreachable" "no seeded rooms"
    return
  fi
  say "recent: backend restarted with Redis unreachable (CHAT_REDIS_URL=redis://127.0.0.1:$DEAD_REDIS_PORT)"
  if APP_LABEL=recent-postgres start_app "$PORT" "$db" CHAT_REDIS_URL="redis://127.0.0.1:$DEAD_REDIS_PORT"; then
    WRK_NOTE="; this backend, started without Redis, took $STARTUP_SECONDS s to be healthy"
    local token room body
    token=$(head -1 "$WORK/recent-seed.txt")
    room=$(sed -n 2p "$WORK/recent-seed.txt")
    body=$(curl -fs "$BASE/api/rooms/$room/messages/recent" -H "Authorization: Bearer $token")
    if [ "$(grep -o '"roomId":' <<< "$body" | wc -l)" -ge 50 ]; then
      WRK_SEED=$WORK/recent-seed.txt wrk_run recent-postgres "GET …/messages/recent (50 messages), Redis unreachable: PostgreSQL fallback"
    else
      fail 3 recent-postgres "GET …/messages/recent, Redis unreachable" "the fallback did not answer 50 messages: ${body:0:200}"
    fi
  else
    fail 3 recent-postgres "GET …/messages/recent, Redis unreachable" "the backend did not start without Redis"
  fi
  stop_app
}

# ------------------------------------------------------------------------------------------ 5 and 6: the scripts
script_scenario() { # id key name script env...
  local id=$1 key=$2 name=$3 script=$4; shift 4
  say "$name: bench/$script"
  echo "### $name (bench/$script)" >> "$SCRIPT_TABLES"
  echo >> "$SCRIPT_TABLES"
  env "$@" bash "$ROOT/bench/$script" > "$WORK/script.out"
  local status=$?
  cat "$WORK/script.out"
  grep '^|' "$WORK/script.out" >> "$SCRIPT_TABLES"
  echo >> "$SCRIPT_TABLES"
  [ $status -eq 0 ] || fail "$id" "$key" "$name" "bench/$script exited $status"
}

# ------------------------------------------------------------------------------------------ the run
say "run-all $STAMP: QUICK=$QUICK, scenarios: $SCENARIOS; results in $REPORT"
: > "$SCRIPT_TABLES"
echo "## Tables printed by the scripts" >> "$SCRIPT_TABLES"
echo >> "$SCRIPT_TABLES"
wants ceiling && ceiling ceiling-start "start of the run"
if wants startup || wants post || wants e2e || wants lag || wants rate || wants single || wants fanout || wants recent; then app_scenarios; fi
wants rebuild && script_scenario 5 rebuild "Projection rebuild" rebuild.sh BENCH_EVENTS="$REBUILD_EVENTS" BENCH_BATCHES="$REBUILD_BATCHES"
wants statements && script_scenario S statements "Database work per posted message" statements.sh
wants room && script_scenario 6 room "A room with $ROOM_EVENTS events" room-million.sh BENCH_EVENTS="$ROOM_EVENTS" \
  BENCH_SAMPLES="$ROOM_SAMPLES" BENCH_NO_SNAPSHOT_SAMPLES="$ROOM_NO_SNAPSHOT_SAMPLES" BENCH_WARMUP="$ROOM_WARMUP"
wants ceiling && ceiling ceiling-end "end of the run"

JFR_SECTION=$WORK/jfr.md
if [ "${BENCH_JFR:-0}" = 1 ] && ls "$BENCH_JFR_DIR"/*.jfr > /dev/null 2>&1; then
  say "summarizing the flight recordings"
  {
    echo "## Where the time goes (JFR execution samples, $BENCH_JFR_DIR)"
    for f in "$BENCH_JFR_DIR"/*.jfr; do
      echo
      echo "### $(basename "$f")"
      echo
      echo '```'
      bash "$ROOT/bench/jfr-top.sh" "$f" 12 2>&1
      echo '```'
    done
  } > "$JFR_SECTION"
fi

python3 - "$WORK/meta.json" <<PY
import json, subprocess, sys, time
def git(*args):
    try:
        return subprocess.run(["git", "-C", "$ROOT", *args], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"
dirty = " (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else ""
mem = open("/proc/meminfo").readline().split()[1]
meta = {"stamp": "$STAMP", "quick": "$QUICK" == "1", "scenarios": "$SCENARIOS", "commit": git("log", "-1", "--format=%h %s")[:80] + dirty,
        "jar": "$JAR", "heap": "$HEAP", "heap_min": "$HEAP_MIN", "jfr": "${BENCH_JFR:-0}" == "1", "cpus": $(nproc), "memory": f"{int(mem) / 1024 / 1024:.0f} GiB",
        "load_start": "$LOAD_START", "load_end": " ".join(open("/proc/loadavg").read().split()[:3]),
        "minutes": (time.time() - $STARTED) / 60,
        "settings": "e2e $E2E_SECONDS s (+$E2E_WARMUP s warm-up) per run, senders [$E2E_SENDERS], rooms [$E2E_ROOMS]; rates [$RATES] msg/s for $RATE_SECONDS s; "
                    "single $SINGLE_COUNT posts; fan-out $FANOUT_SESSIONS sessions at [$FANOUT_RATES] msg/s for $FANOUT_SECONDS s; "
                    "recent wrk -c$RECENT_CONNECTIONS $RECENT_SECONDS s over $RECENT_ROOMS rooms; rebuild $REBUILD_EVENTS events, batches [$REBUILD_BATCHES]; "
                    "room $ROOM_EVENTS events, $ROOM_SAMPLES samples after $ROOM_WARMUP; pgbench $CEILING_CLIENTS clients $CEILING_SECONDS s; idle $IDLE_SECONDS s"}
json.dump(meta, open(sys.argv[1], "w"))
PY
python3 "$ROOT/bench/report.py" "$BENCH_RESULTS_JSONL" "$WORK/meta.json" "$SCRIPT_TABLES" "$JFR_SECTION" > "$REPORT"
rm -f "$SCRIPT_TABLES"
echo
cat "$REPORT"
say "report: $REPORT (raw: $BENCH_RESULTS_JSONL, log: $LOG, backend logs: $BENCH_APP_LOG_DIR)"
