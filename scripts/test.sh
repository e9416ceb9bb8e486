#!/usr/bin/env bash
# Install everything, then run the whole test suite twice: on the embedded default (SQLite) and on
# PostgreSQL (the multi-user deployment), each including the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/ruff check designer rubrics tests benchmarks wsgi.py

echo "== Test suite on SQLite"
env -u DATABASE_URL .venv/bin/python -m pytest "$@"

echo "== Test suite on PostgreSQL"
DATABASE_URL=$(bash scripts/start-postgres.sh) .venv/bin/python -m pytest "$@"
