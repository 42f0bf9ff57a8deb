#!/usr/bin/env bash
# `make loadtest`: gunicorn on 127.0.0.1 against the benchmark database, then a bounded locust run
# (headless, fixed users and duration, stops by itself), then gunicorn is stopped again.
# Settings: LOAD_USERS (50), LOAD_SECONDS (60), LOAD_PORT (8180), WEB_CONCURRENCY (2 workers)
# and WEB_THREADS (4), as in the Procfile.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${VENV:-.venv}"
USERS="${LOAD_USERS:-50}"
SECONDS_TO_RUN="${LOAD_SECONDS:-60}"
PORT="${LOAD_PORT:-8180}"
WORKERS="${WEB_CONCURRENCY:-2}"
THREADS="${WEB_THREADS:-4}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-champions_portal.settings.bench}"
export DATABASE_URL="${DATABASE_URL:-postgres://champions:champions@127.0.0.1:5432/champions_bench}"

if curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz"; then
  echo "Port $PORT is already in use: set LOAD_PORT to a free one." >&2
  exit 1
fi

# Data set, signed-in people and URLs for the simulated users.
"$VENV/bin/python" bench/load_users.py
# No warm-up: cached dashboards start empty, as after a deployment (impact/cache.py).

LOG="bench/results/gunicorn.log"
: >"$LOG"
"$VENV/bin/gunicorn" champions_portal.wsgi:application \
  --bind "127.0.0.1:$PORT" --workers "$WORKERS" --threads "$THREADS" --timeout 60 \
  --error-logfile "$LOG" --capture-output --log-level warning &
GUNICORN_PID=$!
# A Celery worker of its own (bench settings: its own broker database) sends the emails that
# the simulated people's actions queue, as in production.
"$VENV/bin/celery" -A champions_portal worker --concurrency 1 --loglevel WARNING \
  >>bench/results/celery.log 2>&1 &
WORKER_PID=$!
# Stop both whatever happens, and only the ones we started.
trap 'kill "$GUNICORN_PID" "$WORKER_PID" 2>/dev/null || true; wait "$GUNICORN_PID" "$WORKER_PID" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  kill -0 "$GUNICORN_PID" 2>/dev/null || { echo "gunicorn did not start; see $LOG" >&2; exit 1; }
  sleep 0.2
done
echo "gunicorn ($WORKERS workers x $THREADS threads) on 127.0.0.1:$PORT; locust: $USERS users for ${SECONDS_TO_RUN}s"

# Everyone arrives within ten seconds, then the clock runs for the whole duration.
"$VENV/bin/locust" -f bench/locustfile.py --headless --host "http://127.0.0.1:$PORT" \
  --users "$USERS" --spawn-rate 5 --run-time "${SECONDS_TO_RUN}s" --stop-timeout 10 \
  --only-summary --loglevel WARNING || status=$?
if grep -q "Traceback" "$LOG"; then
  echo "Server errors during the run (from $LOG):"
  grep -A3 "Traceback" "$LOG" | tail -20
fi
exit "${status:-0}"
