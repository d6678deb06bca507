#!/usr/bin/env bash
# Makes sure the local PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) are up, starting them with this
# machine's service commands (Debian's pg_ctlcluster, redis-server) when they are down and can be started here. Does
# nothing when they already run. When one is missing and cannot be started, says so in one line and fails.
set -euo pipefail

wait_for() { # name, command...
  local name=$1; shift
  for _ in $(seq 1 30); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "services: $name did not come up" >&2
  return 1
}

missing() { # what to do, in one line
  echo "services: $1" >&2
  exit 1
}

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  cluster=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$cluster" ]; then
    missing "PostgreSQL is not running on 127.0.0.1:5432 and is not installed here: install PostgreSQL 15+ (apt-get install postgresql) or start yours there, with a user that may create databases (CHAT_DB_USER, default postgres)"
  fi
  if [ "$(id -u)" -ne 0 ] && [ "$(id -un)" != postgres ]; then
    missing "PostgreSQL is not running on 127.0.0.1:5432: start it (sudo pg_ctlcluster $cluster main start) and run this again"
  fi
  echo "services: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$cluster" main start
  wait_for PostgreSQL pg_isready -q -h 127.0.0.1 -p 5432
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
  if ! command -v redis-server >/dev/null 2>&1; then
    missing "Redis is not running on 127.0.0.1:6379 and is not installed here: install Redis 7+ (apt-get install redis-server) or start yours there"
  fi
  echo "services: starting Redis"
  if [ "$(id -u)" -eq 0 ]; then dir=/var/lib/redis; logfile=/var/log/redis/ci.log; else dir=${XDG_STATE_HOME:-$HOME/.local/state}/eventchat-redis; logfile=$dir/redis.log; fi
  mkdir -p "$dir" "$(dirname "$logfile")"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir "$dir" --logfile "$logfile"
  wait_for Redis sh -c 'redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG'
fi
