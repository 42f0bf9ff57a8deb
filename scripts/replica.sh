#!/usr/bin/env bash
# A streaming read replica of the main PostgreSQL cluster (port 5432), on this machine, port 5433.
#   bash scripts/replica.sh        set up (first time: pg_basebackup) and start; prints the URL
#   bash scripts/replica.sh stop   stop it (the slot keeps the WAL it has not received yet)
#   bash scripts/replica.sh drop   stop it, remove its cluster and the primary's slot
# Idempotent: running it again starts what is stopped and changes nothing else. Called by
# `make replica`, `make replica-stop` and `make test-replica`; the portal reads from it when
# REPLICA_DATABASE_URL is set (core/db_router.py).
set -euo pipefail
cd "$(dirname "$0")/.."

PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
CLUSTER="${REPLICA_CLUSTER:-replica}"
PORT="${REPLICA_PORT:-5433}"
PRIMARY_PORT="${PRIMARY_PORT:-5432}"
SLOT="${REPLICA_SLOT:-champions_replica}"
REPLICATION_USER="${REPLICATION_USER:-replicator}"
REPLICATION_PASSWORD="${REPLICATION_PASSWORD:-replicator}"
DB_NAME="${DB_NAME:-champions}"
DB_USER="${DB_USER:-champions}"
DB_PASSWORD="${DB_PASSWORD:-champions}"
CONF_DIR="/etc/postgresql/$PG_VERSION/$CLUSTER"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -c "$(printf '%q ' "$@")"; else sudo -u postgres "$@"; fi
}
psql_on() { local port="$1"; shift; as_postgres psql -p "$port" -v ON_ERROR_STOP=1 -qAt "$@"; }
cluster_exists() { pg_lsclusters -h | awk -v c="$CLUSTER" '$2==c' | grep -q .; }
cluster_online() { pg_lsclusters -h | awk -v c="$CLUSTER" '$2==c {print $4}' | grep -q online; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

case "${1:-start}" in
  stop)
    if cluster_exists && cluster_online; then
      say "Stopping the replica"
      as_root pg_ctlcluster "$PG_VERSION" "$CLUSTER" stop -m fast
    fi
    exit 0
    ;;
  drop)
    if cluster_exists; then
      say "Removing the replica cluster"
      as_root pg_dropcluster --stop "$PG_VERSION" "$CLUSTER"
    fi
    if [ "$(psql_on "$PRIMARY_PORT" -c "SELECT 1 FROM pg_replication_slots WHERE slot_name='$SLOT'")" = "1" ]; then
      psql_on "$PRIMARY_PORT" -c "SELECT pg_drop_replication_slot('$SLOT')" >/dev/null
    fi
    exit 0
    ;;
  start) ;;
  *) echo "usage: $0 [start|stop|drop]" >&2; exit 2 ;;
esac

# 1. The primary: a role that may replicate, allowed from 127.0.0.1, and a physical slot, so the
#    primary keeps the WAL the replica has not received yet (a restart of either loses nothing).
if [ "$(psql_on "$PRIMARY_PORT" -c "SHOW wal_level")" = "minimal" ]; then
  echo "The primary's wal_level is minimal: set it to replica and restart it." >&2
  exit 1
fi
if [ "$(psql_on "$PRIMARY_PORT" -c "SELECT 1 FROM pg_roles WHERE rolname='$REPLICATION_USER'")" != "1" ]; then
  say "Creating the replication role $REPLICATION_USER"
  psql_on "$PRIMARY_PORT" -c "CREATE ROLE $REPLICATION_USER LOGIN REPLICATION PASSWORD '$REPLICATION_PASSWORD'"
fi
PRIMARY_HBA="$(psql_on "$PRIMARY_PORT" -c "SHOW hba_file")"
if ! grep -Eq "^host[[:space:]]+replication[[:space:]]+(all|$REPLICATION_USER)[[:space:]]+127\.0\.0\.1/32" "$PRIMARY_HBA"; then
  say "Allowing replication from 127.0.0.1 in $PRIMARY_HBA"
  echo "host replication $REPLICATION_USER 127.0.0.1/32 scram-sha-256" | as_root tee -a "$PRIMARY_HBA" >/dev/null
  psql_on "$PRIMARY_PORT" -c "SELECT pg_reload_conf()" >/dev/null
fi
if [ "$(psql_on "$PRIMARY_PORT" -c "SELECT 1 FROM pg_replication_slots WHERE slot_name='$SLOT'")" != "1" ]; then
  say "Creating the replication slot $SLOT"
  psql_on "$PRIMARY_PORT" -c "SELECT pg_create_physical_replication_slot('$SLOT')" >/dev/null
fi

# 2. The replica's cluster: Debian's layout (config in $CONF_DIR, data in /var/lib/postgresql).
if ! cluster_exists; then
  say "Creating the cluster $PG_VERSION/$CLUSTER on port $PORT"
  as_root pg_createcluster "$PG_VERSION" "$CLUSTER" --port "$PORT" >/dev/null
fi
DATA_DIR="$(pg_lsclusters -h | awk -v c="$CLUSTER" '$2==c {print $6}')"

as_root mkdir -p "$CONF_DIR/conf.d"
# A hot standby refuses to start (or stops replaying) with fewer of these than its primary: copy
# them, and restart a running replica when they changed, so tuning the primary (issue 18,
# point 4) and running this again puts it right. Listen on 127.0.0.1 only; feedback keeps the
# primary's vacuum from cancelling a long report on the replica.
REPLICA_CONF="$CONF_DIR/conf.d/replica.conf"
OLD_CONF="$(as_root cat "$REPLICA_CONF" 2>/dev/null || true)"
{
  echo "# Written by scripts/replica.sh: do not edit, run it again."
  echo "listen_addresses = '127.0.0.1'"
  echo "port = $PORT"
  echo "hot_standby = on"
  echo "hot_standby_feedback = on"
  for setting in max_connections max_worker_processes max_wal_senders max_prepared_transactions max_locks_per_transaction; do
    echo "$setting = $(psql_on "$PRIMARY_PORT" -c "SHOW $setting")"
  done
} | as_root tee "$REPLICA_CONF" >/dev/null
if [ -n "$OLD_CONF" ] && [ "$OLD_CONF" != "$(as_root cat "$REPLICA_CONF")" ] && cluster_online; then
  say "The replica's settings changed: restarting it"
  as_root pg_ctlcluster "$PG_VERSION" "$CLUSTER" restart -m fast
fi

# 3. The data: a base backup of the whole primary cluster, streaming the WAL it needs, that
#    writes standby.signal and primary_conninfo (-R) and uses the slot (-S). Only when the data
#    directory is not a standby yet: a replica that exists is only started.
if ! as_root test -f "$DATA_DIR/standby.signal"; then
  if cluster_online; then as_root pg_ctlcluster "$PG_VERSION" "$CLUSTER" stop -m fast; fi
  say "Copying the primary into $DATA_DIR (pg_basebackup; a minute per couple of GB)"
  as_root find "$DATA_DIR" -mindepth 1 -delete
  as_postgres env PGPASSWORD="$REPLICATION_PASSWORD" "$PG_BIN/pg_basebackup" \
    -h 127.0.0.1 -p "$PRIMARY_PORT" -U "$REPLICATION_USER" -D "$DATA_DIR" \
    -R -S "$SLOT" -X stream -c fast
fi

# 4. Start it and wait until it answers as a standby that streams.
if ! cluster_online; then
  say "Starting the replica on 127.0.0.1:$PORT"
  as_root pg_ctlcluster "$PG_VERSION" "$CLUSTER" start
fi
for _ in $(seq 1 100); do
  if [ "$(psql_on "$PRIMARY_PORT" -c "SELECT 1 FROM pg_stat_replication WHERE state='streaming' AND application_name <> 'pg_basebackup'" 2>/dev/null | head -n1)" = "1" ] \
    && [ "$(psql_on "$PORT" -c "SELECT pg_is_in_recovery()" 2>/dev/null)" = "t" ]; then
    say "Streaming from 127.0.0.1:$PRIMARY_PORT (slot $SLOT)"
    echo "REPLICA_DATABASE_URL=postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PORT/$DB_NAME"
    exit 0
  fi
  sleep 0.2
done
echo "The replica did not start streaming: see /var/log/postgresql/postgresql-$PG_VERSION-$CLUSTER.log" >&2
exit 1
