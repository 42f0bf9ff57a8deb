#!/usr/bin/env bash
# The tests marked `dates`, once with the clock at each moment of tests/clock.py's DATE_MATRIX.
# `make test` runs it after the whole suite; `make test-dates CLOCK=2028-02-29T23:30` runs one.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${VENV:-.venv}/bin/python"
if [ -n "${CLOCK:-}" ]; then
  moments="$CLOCK"
else
  moments="$("$PY" -c 'from tests.clock import DATE_MATRIX; print(" ".join(DATE_MATRIX))')"
fi
failed=()
for moment in $moments; do
  echo "==> tests marked 'dates' with the clock at $moment (UK time)"
  # The test database is made once and kept between the moments (its schema does not depend
  # on the date).
  if ! "${VENV:-.venv}/bin/pytest" -m dates --clock "$moment" --reuse-db ${DATE_PYTEST_ARGS:-}; then
    failed+=("$moment")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "Date matrix failed at: ${failed[*]}" >&2
  exit 1
fi
echo "Date matrix passed at every moment."
