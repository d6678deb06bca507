#!/usr/bin/env bash
# Runs the four fault scenarios one after the other against the built jar (gateway/target/eventchat.jar, built with
# ./mvnw -B -q -DskipTests package) and real PostgreSQL and Redis, prints each one's RESULT line and writes them to
# bench/faults/results/<stamp>.md (records and server logs beside it); exits non-zero when any guarantee broke.
#   bash bench/faults/run-all.sh                      # all four, about 6 minutes on a quiet 2-core machine
#   SCENARIOS="kill poison" bash bench/faults/run-all.sh
# Needs: the shared PostgreSQL on 127.0.0.1:5432 (databases chat_faults_*), redis-server and redis-cli, the
# PostgreSQL server binaries (initdb, pg_ctl: a private cluster on 5499 for the restart), a JDK, psql, curl.
set -uo pipefail
DIR=$(cd "$(dirname "$0")" && pwd)
SCENARIOS=${SCENARIOS:-"kill postgres redis poison"}
export FAULTS_STAMP=${FAULTS_STAMP:-$(date +%Y%m%d-%H%M%S)}
RESULTS=${FAULTS_RESULTS:-$DIR/results}
mkdir -p "$RESULTS"
SUMMARY=$RESULTS/$FAULTS_STAMP.md
failed=()
{
  echo "# Fault suite $FAULTS_STAMP"
  echo
  echo "commit $(git -C "$DIR" log -1 --format='%h %s' | cut -c1-80), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} > "$SUMMARY"
for scenario in $SCENARIOS; do
  echo "[$(date +%H:%M:%S)] ---- $scenario" >&2
  started=$(date +%s)
  timeout "${SCENARIO_LIMIT:-900}" bash "$DIR/$scenario.sh" | tee "$RESULTS/$FAULTS_STAMP-$scenario.out"
  status=${PIPESTATUS[0]}
  took=$(( $(date +%s) - started ))
  {
    echo "## $scenario (exit $status, $took s)"
    echo
    grep -E '^(RESULT|  broken:)' "$RESULTS/$FAULTS_STAMP-$scenario.out" || echo "no RESULT line: the scenario did not get to its checks"
    echo
  } >> "$SUMMARY"
  [ "$status" = 0 ] || failed+=("$scenario")
done
cat "$SUMMARY"
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "all fault scenarios passed" >&2
