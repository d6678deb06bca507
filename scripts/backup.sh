#!/usr/bin/env bash
# scripts/backup.sh FILE: a consistent backup of EventChat's database (pg_dump, one snapshot) into FILE (custom
# format), taken while the chat runs. It holds the whole schema with Flyway's history, and the data of the tables that
# are the truth: the event store (domain_event_entry, snapshot_event_entry) and the command side's tables written in
# the same transactions as the events (accounts with their password hashes and emails, personal-data keys, room
# membership, message and attachment records, client message ids, access revocations, refresh tokens). The read
# models, the processors' tokens and dead letters are left empty: they are rebuilt from the events after a restore
# (docs/operations.md). Uploaded files are not in the database: back up CHAT_ATTACHMENTS_DIR beside it.
# Connection: the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE; default database chat).
set -euo pipefail
FILE=${1:?usage: scripts/backup.sh FILE}
export PGDATABASE=${PGDATABASE:-chat}
# rebuilt from the events, never restored
DERIVED=(token_entry dead_letter_entry projection_rebuild node_lease
         chat_user contact room room_participant message message_room_version room_frame attachment)
args=()
for table in "${DERIVED[@]}"; do args+=(--exclude-table-data="public.$table"); done
# a rebuild's shadow and retired tables, should one be running
pg_dump --format=custom --no-owner --no-privileges --exclude-schema='rebuild_*' --exclude-schema='retired_*' \
  "${args[@]}" --file="$FILE"
echo "backup: $PGDATABASE -> $FILE ($(du -h "$FILE" | cut -f1))"
