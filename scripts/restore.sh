#!/usr/bin/env bash
# scripts/restore.sh FILE: restores a backup of scripts/backup.sh into a new, empty database (PGDATABASE, created
# here; it must not exist). Start the backend on it afterwards (the same version or a newer one: Flyway migrates
# forward), then rebuild the read models with the admin API and empty Redis (docs/operations.md, Restore).
# Connection: the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD); PGDATABASE names the new database.
set -euo pipefail
FILE=${1:?usage: PGDATABASE=new_database scripts/restore.sh FILE}
DB=${PGDATABASE:?set PGDATABASE to the name of the new database}
createdb --maintenance-db=postgres "$DB"
pg_restore --exit-on-error --no-owner --no-privileges --single-transaction --dbname="$DB" "$FILE"
echo "restore: $FILE -> $DB: $(psql -X -At -d "$DB" -c 'SELECT count(*) FROM domain_event_entry') events"
