#!/usr/bin/env bash
# The tests marked `dates`, once with the clock at each moment of tests/clock.py's DATE_MATRIX
# (or only at CLOCK=... when given). `make test` runs it after the whole suite;
# `make test-dates CLOCK=2028-02-29T23:30` runs one moment.
# Two moments run at a time (the machine has two cores), each lane in its own test database. A
# lane makes its database afresh for its first moment and keeps it for the rest (the schema does
# not depend on the date): a run killed part-way through a transactional test leaves its rows
# behind, and a database kept from that run would fail every later test on them.
set -uo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
if [ -n "${CLOCK:-}" ]; then
  moments=("$CLOCK")
else
  read -r -a moments <<<"$("$VENV/bin/python" -c 'from tests.clock import DATE_MATRIX; print(" ".join(DATE_MATRIX))')"
fi
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
run_lane() {
  local lane="$1"
  shift
  local fresh="--create-db"
  for moment in "$@"; do
    if TEST_DB_NAME="test_champions_dates_$lane" "$VENV/bin/pytest" -m dates --clock "$moment" \
        --reuse-db $fresh ${DATE_PYTEST_ARGS:-} >"$logs/$moment.log" 2>&1; then
      echo "ok      $moment  $(tail -n 1 "$logs/$moment.log")"
    else
      echo "FAILED  $moment"
      touch "$logs/$moment.failed"
    fi
    fresh=""
  done
}
even=() odd=()
for i in "${!moments[@]}"; do
  if (( i % 2 == 0 )); then even+=("${moments[$i]}"); else odd+=("${moments[$i]}"); fi
done
echo "==> tests marked 'dates' at ${#moments[@]} moments (UK time)"
run_lane a "${even[@]}" &
[ ${#odd[@]} -gt 0 ] && run_lane b "${odd[@]}" &
wait
failed=("$logs"/*.failed)
if [ -e "${failed[0]}" ]; then
  for marker in "${failed[@]}"; do
    moment="$(basename "$marker" .failed)"
    echo "---- clock at $moment ----"
    tail -n 60 "$logs/$moment.log"
  done
  echo "Date matrix failed at: $(basename -s .failed "${failed[@]}" | tr '\n' ' ')" >&2
  exit 1
fi
echo "Date matrix passed at every moment."
