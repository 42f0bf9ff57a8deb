#!/usr/bin/env bash
# `make loadtest`: gunicorn on 127.0.0.1 against the benchmark database, then bench/loadtest.py steps
# the number of simulated people up (the portal's realistic mix, then a bare view behind the same
# middleware, /bench/floor) until p95 passes 300 ms or an error appears, and prints the highest
# rate held; every step is bounded in time, so the run stops by itself; then gunicorn is stopped.
# Settings, with their defaults (printed in the header and bench/results/loadtest-latest.json):
#   WEB_CONCURRENCY=2 gunicorn workers, WEB_THREADS=4 threads each (as in the Procfile),
#   WEB_KEEPALIVE=30 seconds an idle connection is kept open (as in the Procfile),
#   CONN_MAX_AGE=60 seconds a database connection is kept (settings/base.py's default),
#   LOAD_STEPS=5,10,20,40,60,90,135,200,300,450,640 people, LOAD_STEP_SECONDS=40 held per step after
#   LOAD_SETTLE_SECONDS=5 (after a LOAD_WARMUP_SECONDS=30 warm-up, not counted), LOAD_PORT=8180,
#   LOAD_NOTE="" (a line for the header, e.g. "measured on a busy machine"),
#   LOAD_SKIP_FLOOR="" (set to skip the floor).
# A quick check of the script: LOAD_STEPS=5,10,20 LOAD_STEP_SECONDS=10 LOAD_WARMUP_SECONDS=10 make loadtest
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${VENV:-.venv}"
PORT="${LOAD_PORT:-8180}"
export WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}" WEB_THREADS="${WEB_THREADS:-4}"
export CONN_MAX_AGE="${CONN_MAX_AGE:-60}"
# Longer than a simulated person's pause (2-8 s), as in the Procfile: with gunicorn's default
# of 2 s, an idle connection closed as its client sent the next request on it, which then
# failed with no answer ("HTTP 0").
export WEB_KEEPALIVE="${WEB_KEEPALIVE:-30}"
KEEPALIVE="$WEB_KEEPALIVE"
WORKERS="$WEB_CONCURRENCY"
THREADS="$WEB_THREADS"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-champions_portal.settings.bench}"
export DATABASE_URL="${DATABASE_URL:-postgres://champions:champions@127.0.0.1:5432/champions_bench}"

if curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz"; then
  echo "Port $PORT is already in use: set LOAD_PORT to a free one." >&2
  exit 1
fi

# Data set, signed-in people and URLs for the simulated users.
"$VENV/bin/python" bench/load_users.py
# Cached dashboards start empty, as after a deployment (impact/cache.py); bench/loadtest.py
# warms up with its first step before it counts.

LOG="bench/results/gunicorn.log"
: >"$LOG"
# The floor view is routed in this gunicorn only (core/bench_floor.py).
BENCH_FLOOR_VIEW=true "$VENV/bin/gunicorn" champions_portal.wsgi:application \
  --bind "127.0.0.1:$PORT" --workers "$WORKERS" --threads "$THREADS" --timeout 60 \
  --keep-alive "$KEEPALIVE" \
  --error-logfile "$LOG" --capture-output --log-level warning &
GUNICORN_PID=$!
# A Celery worker of its own (bench settings: its own broker database) sends the emails that
# the simulated people's actions queue, with beat inside it for the periodic sweeps (the outbox,
# the dashboards people are looking at: impact/warming.py), as in production.
mkdir -p var
"$VENV/bin/celery" -A champions_portal worker --concurrency 1 --loglevel WARNING \
  --beat --schedule var/celerybeat-loadtest >>bench/results/celery.log 2>&1 &
WORKER_PID=$!
# Stop both whatever happens, and only the ones we started.
trap 'kill "$GUNICORN_PID" "$WORKER_PID" 2>/dev/null || true; wait "$GUNICORN_PID" "$WORKER_PID" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  kill -0 "$GUNICORN_PID" 2>/dev/null || { echo "gunicorn did not start; see $LOG" >&2; exit 1; }
  sleep 0.2
done
echo "gunicorn ($WORKERS workers x $THREADS threads, keep-alive $KEEPALIVE s, CONN_MAX_AGE=$CONN_MAX_AGE) on 127.0.0.1:$PORT"

LOAD_HOST="http://127.0.0.1:$PORT" "$VENV/bin/python" bench/loadtest.py || status=$?
if grep -q "Traceback" "$LOG"; then
  echo "Server errors during the run (from $LOG):"
  grep -A3 "Traceback" "$LOG" | tail -20
fi
exit "${status:-0}"
