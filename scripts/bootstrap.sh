#!/usr/bin/env bash
# Installs and starts everything the portal needs on a Debian machine, idempotently.
# Called by `make run`, `make test` and `make bench`; safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

DB_NAME="${DB_NAME:-champions}"
DB_USER="${DB_USER:-champions}"
DB_PASSWORD="${DB_PASSWORD:-champions}"
VENV="${VENV:-.venv}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

apt_packages=()
command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /usr/lib/postgresql/15 ] || apt_packages+=(postgresql postgresql-contrib)
command -v redis-server >/dev/null 2>&1 || apt_packages+=(redis-server)
[ -x /usr/bin/chromium ] || apt_packages+=(chromium fonts-dejavu-core)
# WeasyPrint renders PDFs through Pango.
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || apt_packages+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
command -v python3.11 >/dev/null 2>&1 || apt_packages+=(python3.11 python3.11-venv)
python3.11 -c 'import ensurepip' >/dev/null 2>&1 || apt_packages+=(python3.11-venv)
command -v make >/dev/null 2>&1 || apt_packages+=(make)
# msgfmt compiles the Welsh catalogue (locale/cy) for Django.
command -v msgfmt >/dev/null 2>&1 || apt_packages+=(gettext)
# make backup / make restore: compressed, then encrypted.
command -v zstd >/dev/null 2>&1 || apt_packages+=(zstd)
command -v gpg >/dev/null 2>&1 || apt_packages+=(gnupg)
if [ ${#apt_packages[@]} -gt 0 ]; then
  say "Installing system packages: ${apt_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

# PostgreSQL: the first cluster Debian made (15 on bookworm).
PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
if ! pg_lsclusters -h 2>/dev/null | grep -q " main "; then
  $SUDO pg_createcluster "$PG_VERSION" main >/dev/null
fi
if ! pg_lsclusters -h | awk '$2=="main" {print $4}' | grep -q online; then
  say "Starting PostgreSQL $PG_VERSION"
  $SUDO pg_ctlcluster "$PG_VERSION" main start
fi
# The portal's settings (scripts/postgresql-portal.conf), in the cluster's conf.d; a reload when
# they changed.
PG_CONF_D="/etc/postgresql/$PG_VERSION/main/conf.d"
if ! cmp -s scripts/postgresql-portal.conf "$PG_CONF_D/portal.conf"; then
  say "PostgreSQL settings (scripts/postgresql-portal.conf)"
  $SUDO install -D -m 644 scripts/postgresql-portal.conf "$PG_CONF_D/portal.conf"
  $SUDO pg_ctlcluster "$PG_VERSION" main reload
fi
psql_admin() { $SUDO -u postgres psql -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(id -u)" -eq 0 ]; then psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt $(printf '%q ' "$@")"; }; fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'")" != "1" ]; then
  say "Creating database role $DB_USER"
  # CREATEDB lets the test runner make its own test database.
  psql_admin -c "CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
fi
for db in "$DB_NAME" ${EXTRA_DBS:-}; do
  if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='$db'")" != "1" ]; then
    say "Creating database $db"
    psql_admin -c "CREATE DATABASE $db OWNER $DB_USER"
  fi
done

# Redis
if ! redis-cli ping >/dev/null 2>&1; then
  say "Starting Redis"
  # Snapshots go to /tmp, not into the checkout.
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --dir /tmp >/dev/null
  for _ in $(seq 1 50); do redis-cli ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

# Python virtualenv with the pinned requirements
if [ ! -x "$VENV/bin/python" ]; then
  say "Creating virtualenv $VENV"
  python3.11 -m venv "$VENV"
fi
if ! cmp -s requirements.txt "$VENV/.requirements.installed"; then
  say "Installing Python requirements"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r requirements.txt
  cp requirements.txt "$VENV/.requirements.installed"
fi

# The translations, compiled when a catalogue changed (the .mo files are build output, not kept).
for po in locale/*/LC_MESSAGES/*.po; do
  [ -e "$po" ] || continue
  mo="${po%.po}.mo"
  if [ ! -e "$mo" ] || [ "$po" -nt "$mo" ]; then
    msgfmt --check -o "$mo" "$po"
  fi
done
