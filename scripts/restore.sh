#!/usr/bin/env bash
# `make restore BACKUP=<file>`: a backup made by scripts/backup.sh, into an EMPTY database
# (DATABASE_URL) and an empty uploads directory (MEDIA_ROOT); then migrations (a backup may be
# older than the code) and `manage.py replay_erasures`, which erases again every learner erased
# since the backup was taken (privacy/erasure_journal.py): an erased person never comes back.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BACKUP_KEY:?Set BACKUP_KEY to the passphrase the backup was made with}"
backup="${1:?usage: scripts/restore.sh <backup file>}"
DATABASE_URL="${DATABASE_URL:-postgres://champions:champions@127.0.0.1:5432/champions}"
MEDIA_ROOT="${MEDIA_ROOT:-media}"
PY="${PY:-.venv/bin/python}"
export DATABASE_URL MEDIA_ROOT
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-champions_portal.settings.local}"

tables="$(psql "$DATABASE_URL" -qtAc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
if [ "$tables" != "0" ]; then
  echo "The database in DATABASE_URL has $tables tables: restore only into an empty one." >&2
  exit 1
fi
if [ -d "$MEDIA_ROOT" ] && [ -n "$(ls -A "$MEDIA_ROOT")" ]; then
  echo "$MEDIA_ROOT is not empty: restore the uploads only into an empty directory." >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --pinentry-mode loopback --passphrase-fd 3 --decrypt "$backup" 3<<<"$BACKUP_KEY" \
  | zstd -q -d \
  | tar -C "$work" -xf -

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$work/database.dump"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xf "$work/uploads.tar"
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py replay_erasures
# Dashboards' figure sets are cached under the version numbers of the data they came from
# (impact/cache.py). A restore counts those numbers again over older data; a new database is
# told apart by its oid, but one emptied and restored into is not, so the cache starts empty.
"$PY" manage.py shell -c "from django.core.cache import cache; cache.clear()"
echo "Restored $(cat "$work/manifest.json")"
