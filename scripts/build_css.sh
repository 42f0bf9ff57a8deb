#!/usr/bin/env bash
# Bootstrap with only the rules the portal's pages use (PurgeCSS 8), vendored as
# static/vendor/bootstrap-5.3.9/bootstrap.purged.min.css: 232 KB of CSS was sent to every page,
# 208 KB of it unused (Lighthouse). Run again after adding Bootstrap classes to a template or a
# script; tests/core/test_purged_css.py fails when a class the templates use is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=var/css-tools
if [ ! -x "$TOOLS/node_modules/.bin/purgecss" ]; then
  mkdir -p "$TOOLS"
  (cd "$TOOLS" && npm install --no-audit --no-fund -E purgecss@8.0.0 >/dev/null)
fi
CRISPY="$(.venv/bin/python -c 'import crispy_bootstrap5, os; print(os.path.dirname(crispy_bootstrap5.__file__))')"
OUT="$(mktemp -d)"
"$TOOLS/node_modules/.bin/purgecss" \
  --css static/vendor/bootstrap-5.3.9/bootstrap.min.css \
  --content 'templates/**/*.html' 'static/js/**/*.js' '*/templates/**/*.html' \
            "$CRISPY/templates/**/*.html" '*/forms.py' '*/widgets.py' '*/templatetags/*.py' \
  --safelist show fade collapsing collapse modal-open modal-backdrop modal-static was-validated \
             is-invalid is-valid active disabled \
  --keyframes --font-face --variables \
  --output "$OUT"
mv "$OUT/bootstrap.min.css" static/vendor/bootstrap-5.3.9/bootstrap.purged.min.css
rmdir "$OUT"
ls -l static/vendor/bootstrap-5.3.9/bootstrap.purged.min.css
