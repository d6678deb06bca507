#!/usr/bin/env bash
# CI: the compose files, checked without a Docker engine. The Compose Specification's JSON schema and what the
# deployment promises (scripts/compose-check/check.mjs, with ajv and yaml from the npm registry), then the
# cluster's Caddyfile with Caddy itself (Debian's package) and the Prometheus/Grafana files as data.
set -euo pipefail
cd "$(dirname "$0")/.."

(cd scripts/compose-check && npm ci --no-audit --no-fund --loglevel=error)
node scripts/compose-check/check.mjs

if ! command -v caddy >/dev/null 2>&1; then
  echo "compose-check: installing Caddy (Debian package) to validate deploy/caddy/Caddyfile"
  if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -q >/dev/null
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q caddy >/dev/null
fi
CHAT_PORT=8080 CHAT_MANAGEMENT_PORT=8081 caddy validate --adapter caddyfile --config deploy/caddy/Caddyfile
echo "compose-check: deploy/caddy/Caddyfile is valid"

python3 -c 'import json,sys; d=json.load(open("deploy/grafana/dashboards/eventchat.json")); assert d["uid"] and d["panels"], "empty dashboard"; print("compose-check: Grafana dashboard:", len(d["panels"]), "panels")'
