#!/usr/bin/env bash
# Install, create the database (SQLite in instance/), load the demo accounts and designs, run the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export FLASK_APP=wsgi
.venv/bin/flask db upgrade
.venv/bin/flask demo
echo "Open http://127.0.0.1:${PORT:-5000}/ and log in with one of the accounts above."
exec .venv/bin/flask run --host "${HOST:-127.0.0.1}" --port "${PORT:-5000}"
