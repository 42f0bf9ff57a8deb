#!/usr/bin/env bash
# `make backup`: one file holding a consistent dump of the database (pg_dump's custom format, a
# single snapshot) and the uploads, compressed (zstd) and encrypted (gpg, AES-256) with the
# passphrase in BACKUP_KEY. Keep the key apart from the backups: without it they cannot be read.
# Prints the file's path. `make restore BACKUP=<file>` brings one back (scripts/restore.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BACKUP_KEY:?Set BACKUP_KEY to a long random passphrase, kept apart from the backups}"
DATABASE_URL="${DATABASE_URL:-postgres://champions:champions@127.0.0.1:5432/champions}"
MEDIA_ROOT="${MEDIA_ROOT:-media}"
BACKUP_DIR="${BACKUP_DIR:-var/backups}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"

pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$work/database.dump"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -cf "$work/uploads.tar" .
printf '{"format": 1, "taken_at": "%s"}\n' "$stamp" >"$work/manifest.json"

mkdir -p "$BACKUP_DIR"
out="$BACKUP_DIR/champions-$stamp.tar.zst.gpg"
tar -C "$work" -cf - manifest.json database.dump uploads.tar \
  | zstd -q -T0 \
  | gpg --batch --yes --quiet --pinentry-mode loopback --passphrase-fd 3 \
        --symmetric --cipher-algo AES256 --compress-algo none --output "$out.partial" 3<<<"$BACKUP_KEY"
# Only a whole file gets the final name: an interrupted backup never looks like a good one.
mv "$out.partial" "$out"
echo "$out"
